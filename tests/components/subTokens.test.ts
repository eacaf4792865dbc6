// MH-MoE's sub-tokens in the views: the snapshot's rows are the T·H routed sub-tokens (row i is
// head i mod H of token ⌊i/H⌋), a sample keeps a token's H rows together, and the inspector,
// the flow and the load bars say which token a sub-token belongs to.

import { fireEvent, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ExpertLoadBars from '../../src/components/ExpertLoadBars.svelte';
import RoutingFlow from '../../src/components/RoutingFlow.svelte';
import TokenInspector from '../../src/components/TokenInspector.svelte';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import { randomLogits } from '../../src/engine/datasets/randomLogits';
import { routingMetrics } from '../../src/engine/model/metrics';
import { route } from '../../src/engine/routing/route';
import { locale } from '../../src/i18n/index.svelte';
import { headOfSubToken, siblingSubTokens, subTokenCount, subTokenPlace, subTokensOf, tokenOfSubToken } from '../../src/state/heads';
import { snapshotOf } from '../../src/worker/snapshotOf';
import { batchSample, batchToken, sampledRow } from '../../src/worker/snapshotSample';
import { makeSnapshot } from './fixtures';

afterEach(() => {
  locale.lang = 'en';
});

/** A snapshot of `tokens` point tokens routed as tokens·H sub-tokens (top-2 of 4 experts), as the worker builds it. */
function headsSnapshot(tokens: number, H: number, limits: { tokens?: number; slots?: number } = {}) {
  const T = tokens * H;
  const E = 4;
  const logits = randomLogits(T, E, 5);
  const r = route(logits, T, E, { scheme: 'token-choice', k: 2, capacityFactor: null });
  const metrics = { step: 3, taskLoss: 1, accuracy: 0.5, ...routingMetrics(r, logits), load: r.load, kept: r.kept, capacity: r.capacity };
  const batch = {
    labels: Int32Array.from({ length: tokens }, (_, t) => t % 3),
    tokenIds: Int32Array.from({ length: tokens }, (_, t) => t),
    points: Float32Array.from({ length: 2 * tokens }, (_, i) => i / 10),
  };
  const predicted = Int32Array.from({ length: tokens }, (_, t) => (t + 1) % 3);
  const routedWith = { ...DEFAULT_CONFIG, tokens, experts: E, topK: 2, capacityFactor: null, heads: H };
  const history = { step: new Int32Array(0), taskLoss: new Float32Array(0), accuracy: new Float32Array(0), balanceLoss: new Float32Array(0), zLoss: new Float32Array(0), dropRate: new Float32Array(0), entropy: new Float32Array(0), kept: new Int32Array(0) };
  const s = snapshotOf(metrics, { routing: r, batch, predicted }, { routedWith, history, stepsPerSecond: 1, stepMs: 1 }, { probs: Infinity, ...limits });
  return { s, r };
}

describe('sub-token arithmetic', () => {
  it('a token’s sub-tokens, and a sub-token’s token and head', () => {
    // H = 4: token 2 is rows 8, 9, 10, 11; row 9 is its second head
    expect(subTokensOf(2, 4)).toEqual([8, 9, 10, 11]);
    expect([tokenOfSubToken(9, 4), headOfSubToken(9, 4)]).toEqual([2, 1]);
  });

  it('a sample strides over tokens and keeps each token’s H sub-tokens together', () => {
    // 16 tokens · 4 heads = 64 rows, at most 16 rows carried: 4 tokens, every 4th (0, 4, 8, 12)
    const sample = batchSample(64, 2, 16, 1 << 15, 4)!;
    expect(sample).toEqual({ T: 16, stride: 4, k: 2, heads: 4 });
    expect(Array.from({ length: 16 }, (_, i) => sampledRow(sample, i))).toEqual([0, 1, 2, 3, 16, 17, 18, 19, 32, 33, 34, 35, 48, 49, 50, 51]);
    // one head: the rows 0, stride, 2·stride as before
    expect(batchSample(64, 2, 16)).toEqual({ T: 16, stride: 4, k: 2 });
  });

  it('the worker’s snapshot has T·H rows, the inputs repeated per sub-token, and samples whole tokens', () => {
    const { s, r } = headsSnapshot(16, 4, { tokens: 16 });
    expect(s.T).toBe(64);
    expect(s.sample).toEqual({ T: 16, stride: 4, k: 2, heads: 4 });
    // carried row 5 is batch row 17: head 1 of token 4, whose label is 4 mod 3 = 1 and input (0.8, 0.9)
    expect(batchToken(s, 5)).toBe(17);
    expect(s.labels[5]).toBe(1);
    expect(s.predicted[5]).toBe(2);
    expect([s.points![10], s.points![11]]).toEqual([Float32Array.of(0.8)[0], Float32Array.of(0.9)[0]]);
    expect(Array.from(s.experts.subarray(10, 12))).toEqual(Array.from(r.experts.subarray(34, 36)));
    expect(subTokenPlace(s, 5)).toEqual({ token: 4, head: 1, heads: 4, tokens: 16 });
    expect(subTokenCount(s)).toEqual({ rows: 64, heads: 4, tokens: 16 });
    expect(siblingSubTokens(s, 5).map((x) => x.row)).toEqual([4, 5, 6, 7]);
  });

  it('one head: no sub-tokens', () => {
    const s = makeSnapshot({ T: 8 });
    expect(subTokenPlace(s, 3)).toBeNull();
    expect(subTokenCount(s)).toBeNull();
    expect(siblingSubTokens(s, 3)).toEqual([]);
  });
});

describe('TokenInspector with sub-tokens', () => {
  it('names the token a sub-token belongs to and lists that token’s sub-tokens with their experts', async () => {
    const { s } = headsSnapshot(4, 4);
    const onselect = vi.fn();
    // row 6: head 2 of token 1 (rows 4 … 7)
    const { getByTestId, container, getByRole } = render(TokenInspector, { snapshot: s, token: 6, onselect });
    expect(getByTestId('inspector-subtoken-place').textContent).toContain('Sub-token 3 of 4 of token #1');
    // the title names the token, not the row
    expect(getByRole('heading', { level: 3, name: 'Token #1, sub-token 3 of 4' })).toBeInTheDocument();
    expect(getByTestId('inspector-summary').textContent).toMatch(/^\s*Sub-token 3 of token #1: /);
    const items = container.querySelectorAll('[data-testid="inspector-subtokens"] li');
    expect(Array.from(items, (li) => Number(li.getAttribute('data-head')))).toEqual([0, 1, 2, 3]);
    items.forEach((li, head) => {
      const experts = Array.from(li.querySelectorAll('.choice'), (c) => Number(c.getAttribute('data-expert')));
      expect(experts).toEqual(Array.from(s.experts.subarray((4 + head) * 2, (4 + head) * 2 + 2)));
      expect(li.textContent).toContain(`sub-token ${head + 1} of 4`);
    });
    expect(items[2].classList.contains('current')).toBe(true);
    await fireEvent.click(getByRole('button', { name: 'Open sub-token 1 of 4' }));
    expect(onselect).toHaveBeenCalledWith(4);
  });

  it('says it in Chinese', () => {
    locale.lang = 'zh-CN';
    const { s } = headsSnapshot(4, 2);
    const { getByTestId } = render(TokenInspector, { snapshot: s, token: 3 });
    expect(getByTestId('inspector-subtokens').textContent).toContain('子词元');
    expect(getByTestId('inspector-subtoken-place').textContent).toContain('词元 #1');
  });

  it('one head shows no sub-token section', () => {
    const { queryByTestId } = render(TokenInspector, { snapshot: makeSnapshot({ T: 8 }), token: 2 });
    expect(queryByTestId('inspector-subtokens')).toBeNull();
  });
});

describe('flow and load with sub-tokens', () => {
  it('the load bars say they count the T·H sub-tokens', () => {
    const { s } = headsSnapshot(8, 4);
    const { getByTestId } = render(ExpertLoadBars, { load: s.load, kept: s.kept, capacity: s.capacity, ideal: 16, subTokens: subTokenCount(s) });
    expect(getByTestId('load-subtokens').textContent).toBe('The load counts sub-tokens: T·H = 32 of them (4 per token of the 8 tokens).');
  });

  it('the flow says its lines are sub-tokens and whose the selected one is', () => {
    const { s } = headsSnapshot(8, 4);
    const { getByTestId, getByRole } = render(RoutingFlow, { snapshot: s, shared: 0, selected: 9 });
    expect(getByTestId('flow-subtokens').textContent).toContain('32 sub-tokens, 4 per token of the 8 tokens');
    // row 9: head 1 of token 2, whose class is 2 mod 3 = 2
    expect(getByTestId('flow-selected').textContent).toContain('sub-token 2 of 4 of token 2, class 2');
    expect(getByRole('slider').getAttribute('aria-valuetext')).toBe('sub-token 2 of 4 of token #2');
  });

  it('the summary and the list count sub-tokens, not tokens', () => {
    // 8 tokens × 4 heads = 32 sub-tokens, top-2 dropless: 64 choices
    const { s } = headsSnapshot(8, 4);
    const { getByTestId, container } = render(RoutingFlow, { snapshot: s, shared: 0 });
    expect(getByTestId('flow-summary').textContent).toContain('32 sub-tokens (8 tokens × 4), 64 choices, all kept (dropless)');
    expect(getByTestId('flow-summary').textContent).not.toContain('32 tokens');
    expect(container.querySelector('details summary')!.textContent).toBe('Sub-token list (first 32 of 32)');
  });

  it('Chinese: the summary, and the inspector’s list with a full-width colon and no gap', () => {
    locale.lang = 'zh-CN';
    const { s } = headsSnapshot(4, 4);
    const flow = render(RoutingFlow, { snapshot: s, shared: 0 });
    expect(flow.getByTestId('flow-summary').textContent).toContain('16 个子词元（4 个词元 × 4）');
    expect(flow.container.querySelector('details summary')!.textContent).toBe('子词元列表（共 16 个，显示前 16 个）');
    flow.unmount();
    // row 4 is head 0 of token 1
    const { container } = render(TokenInspector, { snapshot: s, token: 4 });
    const current = container.querySelector('[data-testid="inspector-subtokens"] li.current')!;
    expect(current.textContent).toMatch(/^第 1 个子词元（共 4 个）（当前）：/);
    expect(current.textContent).not.toContain(':');
  });
});
