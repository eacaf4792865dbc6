// What the views say for the model-level routers: PanGu-Σ's domain-mapped routing and Yuan
// 2.0-M32's attention router in the token inspector, and the text task's domains in the page's
// language. Snapshots routed by the real engine (fixtures.ts).

import { render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import TokenInspector from '../../src/components/TokenInspector.svelte';
import { DOMAIN_IDS, DOMAIN_NAMES } from '../../src/engine/datasets/corpus';
import { domainNamesOf } from '../../src/components/domainNames';
import { locale } from '../../src/i18n/index.svelte';
import type { Snapshot } from '../../src/worker/protocol';
import { FIXTURE_DOMAINS, FIXTURE_VOCAB, makeSnapshot } from './fixtures';

afterEach(() => {
  locale.lang = 'en';
});

/** Domain-mapped routing over E experts: the fixture's token t has domain t mod 4 and id 1 + t mod 10. */
function domainRouted(E: number): Snapshot {
  const T = 16;
  const tokenIds = Int32Array.from({ length: T }, (_, t) => 1 + (t % (FIXTURE_VOCAB.length - 1)));
  const domains = Uint8Array.from({ length: T }, (_, t) => t % 4);
  return makeSnapshot({ T, E, text: true, spec: { scheme: 'domain-random', k: 1, capacityFactor: null, tokenIds, domains, domainCount: 4 } });
}

describe('TokenInspector: domain-mapped routing (PanGu-Σ)', () => {
  it('names the domain’s group of experts and the seeded map inside it, not hash routing', () => {
    // E = 16, 4 domains: domain g owns experts 4g … 4g + 3; token 6 has domain 6 mod 4 = 2 → experts 8–11
    const s = domainRouted(16);
    const { getByTestId, queryByTestId } = render(TokenInspector, { snapshot: s, token: 6, vocab: FIXTURE_VOCAB, domains: FIXTURE_DOMAINS });
    const line = getByTestId('inspector-domain-routing').textContent!;
    expect(line).toContain('the token’s domain, Code, owns experts 8–11');
    expect(line).toContain('a fixed, seeded map of the token id picks its experts');
    expect(line).toContain('No router is learned');
    expect(queryByTestId('inspector-hash')).toBeNull();
    const chosen = s.experts[6];
    expect(chosen).toBeGreaterThanOrEqual(8);
    expect(chosen).toBeLessThanOrEqual(11);
  });

  it('a group of one expert, and Chinese', () => {
    // E = 4, 4 domains: domain 3 owns expert 3 alone
    locale.lang = 'zh-CN';
    const { getByTestId } = render(TokenInspector, { snapshot: domainRouted(4), token: 3, vocab: FIXTURE_VOCAB, domains: ['英语', '中文', '代码', '算术'] });
    expect(getByTestId('inspector-domain-routing').textContent).toContain('这个词元的领域“算术”拥有专家 3');
  });

  it('without the token’s domain in the snapshot it still explains the rule', () => {
    const s = { ...domainRouted(8), domain: undefined };
    const { getByTestId } = render(TokenInspector, { snapshot: s, token: 1 });
    expect(getByTestId('inspector-domain-routing').textContent).toContain('the token’s domain picks its group of experts');
  });

  it('hash routing keeps its own sentence', () => {
    const s = makeSnapshot({ T: 8, spec: { scheme: 'hash', k: 1, capacityFactor: null, tokenIds: Int32Array.from({ length: 8 }, (_, t) => t) } });
    const { getByTestId, queryByTestId } = render(TokenInspector, { snapshot: s, token: 2 });
    expect(getByTestId('inspector-hash').textContent).toContain('Hash routing');
    expect(queryByTestId('inspector-domain-routing')).toBeNull();
  });
});

describe('TokenInspector: the attention router (Yuan 2.0-M32)', () => {
  it('says where the scores come from, in both languages', () => {
    const base = makeSnapshot({ T: 8, E: 4 });
    const s = { ...base, routedWith: { ...base.routedWith, routerKind: 'attention' as const } };
    const en = render(TokenInspector, { snapshot: s, token: 0 });
    expect(en.getByTestId('inspector-attention-router').textContent).toContain('logits = softmax(q kᵀ)·v over the E = 4 experts');
    en.unmount();
    locale.lang = 'zh-CN';
    const zh = render(TokenInspector, { snapshot: s, token: 0 });
    expect(zh.getByTestId('inspector-attention-router').textContent).toContain('注意力路由器');
  });

  it('a linear router says nothing of it', () => {
    const { queryByTestId } = render(TokenInspector, { snapshot: makeSnapshot({ T: 8 }), token: 0 });
    expect(queryByTestId('inspector-attention-router')).toBeNull();
  });
});

describe('the text task’s domains in the page’s language', () => {
  // the names the worker sends: the engine's English display names, in the order of DOMAIN_IDS
  const sent = DOMAIN_IDS.map((id) => DOMAIN_NAMES[id]);

  it('English and Chinese names by the stable ids, the engine’s data untouched', () => {
    expect(domainNamesOf(sent)).toEqual(['English', 'Chinese', 'code', 'arithmetic']);
    locale.lang = 'zh-CN';
    expect(domainNamesOf(sent)).toEqual(['英语', '中文', '代码', '算术']);
    expect(DOMAIN_NAMES.zh).toBe('Chinese');
  });

  it('a name that is not the engine’s keeps its own words', () => {
    locale.lang = 'zh-CN';
    expect(domainNamesOf(['English', 'Other', 'code', 'arithmetic', 'fifth'])).toEqual(['英语', 'Other', '代码', '算术', 'fifth']);
  });
});
