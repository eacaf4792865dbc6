// The inspector's explanations of DeepSeek's group (device) limit, Sinkhorn's balanced scores and
// BASE layers' prices, on snapshots routed by the real engine (fixtures.ts), in what a person reads.

import { render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import TokenInspector from '../../src/components/TokenInspector.svelte';
import { deepseekPick } from '../../src/engine/routing/deepseek';
import { SINKHORN_MAX_PASSES } from '../../src/engine/routing/sinkhorn';
import { locale } from '../../src/i18n/index.svelte';
import type { Snapshot } from '../../src/worker/protocol';
import { makeSnapshot } from './fixtures';

afterEach(() => {
  locale.lang = 'en';
});

const row = (s: Snapshot, t: number) => Array.from(s.probs!.subarray(t * s.E, (t + 1) * s.E));
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));
const tokens = (s: Snapshot) => Array.from({ length: s.T }, (_, t) => t);

describe('TokenInspector: DeepSeek’s group (device) limit', () => {
  // V3's rule: a group's score is its two best summed, so a group can hold the best expert and lose
  const v3 = () =>
    makeSnapshot({ T: 32, E: 16, seed: 3, spec: { scheme: 'deepseek', k: 2, capacityFactor: null, groups: 8, topkGroups: 3, groupScore: 'top2-sum' } });
  const keptOf = (s: Snapshot, t: number) => Array.from(s.keptGroups!.subarray(3 * t, 3 * t + 3));

  it('lists the kept groups, the experts they hold, and the rule, with a box per group marked in text', () => {
    const s = v3();
    const kept = keptOf(s, 0);
    const { getByTestId, container, getByRole } = render(TokenInspector, { snapshot: s, token: 0 });
    const ranges = kept.map((g) => `${2 * g}–${2 * g + 1}`).join(', ');
    expect(getByTestId('groups-kept').textContent).toContain(`Limited to groups (devices) ${kept.join(', ')} of 8, best first. They hold experts ${ranges}`);
    expect(container.textContent).toContain('two best experts’ scores summed');
    const boxes = getByRole('list', { name: 'The 8 groups, kept ones marked' }).querySelectorAll('li');
    expect(boxes).toHaveLength(8);
    const marked = Array.from(boxes).filter((b) => b.classList.contains('kept'));
    expect(marked.map((b) => Number(b.dataset.group)).sort()).toEqual([...kept].sort());
    expect(boxes[kept[0]].textContent).toContain('kept, rank 1');
    const out = [0, 1, 2, 3, 4, 5, 6, 7].find((g) => !kept.includes(g))!;
    expect(boxes[out].textContent).toContain('excluded');
    // every chosen expert sits in a kept group
    for (const c of container.querySelectorAll('li.choice')) expect(kept).toContain(Math.floor(Number(c.getAttribute('data-expert')) / 2));
  });

  it('names the best expert the limit kept out', () => {
    const s = v3();
    const token = tokens(s).find((t) => !keptOf(s, t).includes(Math.floor(argmax(row(s, t)) / 2)));
    expect(token, 'a token whose best expert is in an excluded group').toBeDefined();
    const best = argmax(row(s, token!));
    const { getByTestId } = render(TokenInspector, { snapshot: s, token: token! });
    expect(getByTestId('groups-best').textContent).toContain(`Its best expert, ${best}, is on an excluded device (group ${Math.floor(best / 2)})`);
  });

  it('names the experts the limit kept out when the best one made the cut, and says when it changed nothing', () => {
    const s = v3();
    // the unlimited top 2 by score, against the kept groups
    const outOf = (t: number) => {
      const top = row(s, t)
        .map((p, e) => ({ p, e }))
        .sort((a, b) => b.p - a.p || a.e - b.e)
        .slice(0, 2)
        .map((r) => r.e);
      return { best: top[0], out: top.filter((e) => !keptOf(s, t).includes(Math.floor(e / 2))) };
    };
    const partly = tokens(s).find((t) => outOf(t).out.length === 1 && outOf(t).out[0] !== outOf(t).best);
    expect(partly, 'a token whose second pick the limit kept out').toBeDefined();
    const first = render(TokenInspector, { snapshot: s, token: partly! });
    expect(first.getByTestId('groups-best').textContent).toContain(`But the limit kept out expert(s) ${outOf(partly!).out[0]}`);
    first.unmount();
    const untouched = tokens(s).find((t) => outOf(t).out.length === 0)!;
    const { getByTestId } = render(TokenInspector, { snapshot: s, token: untouched });
    expect(getByTestId('groups-best').textContent).toContain('The limit did not change its choice.');
  });

  it('says V2’s rule and that the best expert’s device was kept, in Chinese too', () => {
    // V2: a group scores its best expert, so the best expert's device always makes the cut
    const s = makeSnapshot({
      T: 16,
      E: 8,
      spec: { scheme: 'deepseek', k: 2, capacityFactor: null, groups: 4, topkGroups: 2, groupScore: 'max', scoreFunction: 'softmax', normalizeWeights: false },
    });
    const best = argmax(row(s, 5));
    const first = render(TokenInspector, { snapshot: s, token: 5 });
    expect(first.getByTestId('groups-best').textContent).toContain(`Its best expert, ${best}, is on a kept device`);
    expect(first.container.textContent).toContain('best expert’s score (DeepSeek-V2');
    first.unmount();
    locale.lang = 'zh-CN';
    const { getByTestId, container } = render(TokenInspector, { snapshot: s, token: 5 });
    const kept = Array.from(s.keptGroups!.subarray(10, 12));
    expect(getByTestId('groups-kept').textContent).toContain(`仅限于 4 个专家组（设备）中的 ${kept.join(', ')}`);
    expect(getByTestId('groups-best').textContent).toContain(`它的最佳专家 ${best} 位于保留的设备上`);
    expect(container.textContent).toContain('组内最佳专家的分数');
  });

  it('does not put down to the bias what the group limit did, and shows no bias of zeros', () => {
    const bias = Float32Array.from({ length: 16 }, (_, e) => (e % 3) * 0.05);
    const s = makeSnapshot({ T: 32, E: 16, seed: 3, spec: { scheme: 'deepseek', k: 2, capacityFactor: null, groups: 8, topkGroups: 3, bias } });
    let blamed = 0;
    for (const t of tokens(s)) {
      const { container, unmount } = render(TokenInspector, { snapshot: s, token: t });
      // what the bias replaced is what the gate itself, groups and all, picks without it
      const without = deepseekPick(s.probs!.subarray(16 * t, 16 * (t + 1)), undefined, { groups: 8, topkGroups: 3, groupScore: 'top2-sum', k: 2 }).experts;
      for (const r of container.querySelectorAll('tr.removed')) {
        blamed++;
        expect(without).toContain(Number(r.getAttribute('data-expert')));
      }
      unmount();
    }
    expect(blamed, 'some choice the bias did change').toBeGreaterThan(0);
    // V2 updates no bias: a bias of zeros changed nothing, so there is nothing to show
    const v2 = makeSnapshot({ T: 16, E: 8, spec: { scheme: 'deepseek', k: 2, capacityFactor: null, groups: 4, topkGroups: 2, groupScore: 'max', bias: new Float32Array(8) } });
    const { container, queryByTestId } = render(TokenInspector, { snapshot: v2, token: 0 });
    expect(queryByTestId('bias-verdict')).toBeNull();
    expect(container.textContent).toContain('Limited to groups');
  });

  it('shows the kept groups without scores, and nothing when every group is kept', () => {
    const s = v3();
    delete s.probs;
    const { getByTestId, queryByTestId, unmount } = render(TokenInspector, { snapshot: s, token: 1 });
    expect(getByTestId('groups-kept').textContent).toContain(`Limited to groups (devices) ${keptOf(s, 1).join(', ')} of 8`);
    expect(queryByTestId('groups-best')).toBeNull();
    unmount();
    const all = makeSnapshot({ T: 16, E: 8, spec: { scheme: 'deepseek', k: 2, capacityFactor: null, groups: 4, topkGroups: 4 } });
    expect(all.keptGroups).toBeUndefined();
    const { container } = render(TokenInspector, { snapshot: all, token: 0 });
    expect(container.textContent).not.toContain('Limited to');
  });
});

describe('TokenInspector: Sinkhorn’s balanced scores', () => {
  const sinkhorn = () => makeSnapshot({ T: 16, E: 4, spec: { scheme: 'sinkhorn', k: 1, capacityFactor: null } });

  it('sets the balanced scores beside the plain ones and names the choice balancing moved', () => {
    const s = sinkhorn();
    const token = tokens(s).find((t) => s.experts[t] !== argmax(row(s, t)));
    expect(token, 'a token balancing moved').toBeDefined();
    const plain = argmax(row(s, token!));
    const chosen = s.experts[token!];
    const { getByTestId, container } = render(TokenInspector, { snapshot: s, token: token! });
    expect(getByTestId('balanced-verdict').textContent).toContain(`Plain top-1 would pick ${plain}; balancing moved it to ${chosen}.`);
    const rows = container.querySelectorAll('tbody tr[data-expert]');
    expect(rows).toHaveLength(4);
    // rescaled: the token's balanced row sums to 1, highest first, the chosen one on top
    const balanced = Array.from(rows, (r) => Number(r.querySelector('.balanced')!.textContent));
    expect(balanced.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect([...balanced].sort((a, b) => b - a)).toEqual(balanced);
    expect(rows[0].getAttribute('data-expert')).toBe(String(chosen));
    expect(container.querySelector('tr.added')!.getAttribute('data-expert')).toBe(String(chosen));
    expect(container.querySelector('tr.removed')!.getAttribute('data-expert')).toBe(String(plain));
    const raw = container.querySelector(`tr[data-expert="${plain}"] .raw`)!;
    expect(raw.textContent).toBe(s.probs![token! * 4 + plain].toFixed(3));
    expect(getByTestId('balanced-passes').textContent).toContain(`Balancing took ${s.sinkhorn!.passes} passes and met its tolerance (1e-4).`);
  });

  it('says when balancing kept the plain choice, and in Chinese', () => {
    const s = sinkhorn();
    const token = tokens(s).find((t) => s.experts[t] === argmax(row(s, t)))!;
    locale.lang = 'zh-CN';
    const { getByTestId } = render(TokenInspector, { snapshot: s, token });
    expect(getByTestId('balanced-verdict').textContent).toContain('平衡没有改变这个词元的选择');
    expect(getByTestId('balanced-passes').textContent).toContain(`平衡迭代了 ${s.sinkhorn!.passes} 轮`);
  });

  it('says when balancing stopped at its cap, and when the scores were not sent', () => {
    const s = sinkhorn();
    s.sinkhorn = { passes: SINKHORN_MAX_PASSES, converged: false };
    delete s.probs;
    delete s.balanced;
    const { getByTestId, container } = render(TokenInspector, { snapshot: s, token: 0 });
    expect(getByTestId('balanced-passes').textContent).toContain(`stopped at its cap of ${SINKHORN_MAX_PASSES} passes before meeting its tolerance`);
    expect(getByTestId('balanced-missing').textContent).toContain('Balanced scores not sent');
    expect(container.querySelectorAll('tbody tr')).toHaveLength(0);
  });

  it('shows the top experts by either score when there are many', () => {
    const s = makeSnapshot({ T: 16, E: 32, spec: { scheme: 'sinkhorn', k: 2, capacityFactor: null } });
    const { container } = render(TokenInspector, { snapshot: s, token: 4 });
    const shown = Array.from(container.querySelectorAll('tbody tr[data-expert]'), (r) => Number(r.getAttribute('data-expert')));
    expect(shown.length).toBeGreaterThanOrEqual(6);
    expect(shown.length).toBeLessThanOrEqual(8);
    expect(shown).toContain(s.experts[8]);
    expect(shown).toContain(s.experts[9]);
    expect(shown).toContain(argmax(row(s, 4)));
  });
});

describe('TokenInspector: BASE layers’ prices', () => {
  const base = (mode?: 'eval') => makeSnapshot({ T: 16, E: 4, spec: { scheme: 'base', k: 1, capacityFactor: null, mode } });
  const gap = (s: Snapshot, t: number, b: number, c: number) => Math.log(s.probs![t * 4 + b]) - Math.log(s.probs![t * 4 + c]);

  it('explains a token that did not get its best expert: the extra price outweighs the lead in score', () => {
    const s = base();
    const token = tokens(s).find((t) => {
      const b = argmax(row(s, t));
      const c = s.experts[t];
      return b !== c && s.prices![b] - s.prices![c] - gap(s, t, b, c) > 1e-3;
    });
    expect(token, 'a token the balance moved off its best expert').toBeDefined();
    const b = argmax(row(s, token!));
    const c = s.experts[token!];
    const { getByTestId, container } = render(TokenInspector, { snapshot: s, token: token! });
    expect(getByTestId('prices-shares').textContent).toContain('every expert takes exactly 4 tokens (T/E = 16/4)');
    expect(getByTestId('prices-shares').textContent).toContain('At evaluation each token goes to its best-scoring expert');
    const dp = (s.prices![b] - s.prices![c]).toFixed(3);
    const dz = gap(s, token!, b, c).toFixed(3);
    expect(getByTestId('prices-verdict').textContent).toContain(`Its best expert, ${b}, costs ${dp} more than expert ${c}, more than its ${dz} advantage in score.`);
    // the chosen expert's score − price is the largest: the prices' certificate
    const rows = Array.from(container.querySelectorAll('tbody tr[data-expert]'));
    const net = (r: Element) => Number(r.querySelector('.net')!.textContent!.replace('−', '-'));
    const chosen = rows.find((r) => r.classList.contains('chosen'))!;
    expect(chosen.getAttribute('data-expert')).toBe(String(c));
    for (const r of rows) expect(net(r)).toBeLessThanOrEqual(net(chosen) + 1e-3);
    expect(container.querySelector('tr.best')!.getAttribute('data-expert')).toBe(String(b));
    expect(chosen.querySelector('.score')!.textContent).toBe('0.000');
  });

  it('says when the best expert’s extra price only ties its lead in score', () => {
    const s = makeSnapshot({ T: 64, E: 8, seed: 3, spec: { scheme: 'base', k: 1, capacityFactor: null } });
    const token = tokens(s).find((t) => {
      const b = argmax(row(s, t));
      const c = s.experts[t];
      const logGap = Math.log(s.probs![t * 8 + b]) - Math.log(s.probs![t * 8 + c]);
      return b !== c && Math.abs(s.prices![b] - s.prices![c] - logGap) < 1e-4;
    });
    expect(token, 'a token on the certificate’s edge').toBeDefined();
    const { getByTestId } = render(TokenInspector, { snapshot: s, token: token! });
    expect(getByTestId('prices-verdict').textContent).toMatch(/as much as its [\d.]+ advantage in score: a tie/);
  });

  it('says when a token got its best expert, in Chinese too', () => {
    const s = base();
    const token = tokens(s).find((t) => s.experts[t] === argmax(row(s, t)))!;
    const first = render(TokenInspector, { snapshot: s, token });
    expect(first.getByTestId('prices-verdict').textContent).toContain(`It got its best-scoring expert, ${s.experts[token]}.`);
    first.unmount();
    locale.lang = 'zh-CN';
    const { getByTestId, container } = render(TokenInspector, { snapshot: s, token });
    expect(getByTestId('prices-verdict').textContent).toContain(`它分到了自己得分最高的专家 ${s.experts[token]}`);
    expect(getByTestId('prices-shares').textContent).toContain('训练时每个专家恰好接收 4 个词元');
    expect(container.textContent).toContain('分数 − 价格');
  });

  it('gives the price alone when the scores were not sent, and the evaluation rule for an evaluation batch', () => {
    const s = base();
    delete s.probs;
    const { getByTestId, unmount } = render(TokenInspector, { snapshot: s, token: 2 });
    expect(getByTestId('prices-missing').textContent).toContain(`Expert ${s.experts[2]}’s price is`);
    unmount();
    const evaluated = base('eval');
    expect(evaluated.prices).toBeUndefined();
    const { getByTestId: get, container } = render(TokenInspector, { snapshot: evaluated, token: 0 });
    expect(get('inspector-eval-mode').textContent).toContain('Routed as at evaluation');
    expect(container.textContent).not.toContain('Why BASE');
  });
});
