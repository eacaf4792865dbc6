// The token inspector's expert merging section (SMEAR, Lory): the token's group and the merge
// weights of the expert the group shares, on snapshots routed by the real engine (fixtures.ts).

import { render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import MergeLoadBars from '../../src/components/MergeLoadBars.svelte';
import RoutingFlow from '../../src/components/RoutingFlow.svelte';
import TokenInspector from '../../src/components/TokenInspector.svelte';
import { locale } from '../../src/i18n/index.svelte';
import type { Snapshot } from '../../src/worker/protocol';
import { makeSnapshot } from './fixtures';

afterEach(() => {
  locale.lang = 'en';
});

const bars = (c: HTMLElement) =>
  Array.from(c.querySelectorAll<HTMLElement>('[data-testid="merge-weights"] li')).map((li) => ({
    expert: Number(li.dataset.expert),
    weight: Number(li.querySelector('.value')!.textContent),
  }));
const groupWeights = (s: Snapshot, g: number) => Array.from(s.merge!.weights!.subarray(g * s.E, (g + 1) * s.E));

describe('TokenInspector: expert merging', () => {
  it('SMEAR: the token’s sequence and its merge weights over all E experts, largest first', () => {
    // T = 16, L = 4: token 6 is in sequence 1 (tokens 4–7)
    const s = makeSnapshot({ T: 16, E: 4, spec: { scheme: 'smear', k: 4, capacityFactor: null, seqLen: 4 } });
    const { getByTestId, container } = render(TokenInspector, { snapshot: s, token: 6 });
    expect(getByTestId('merge-group').textContent).toContain('Token 6 is in sequence 1 (tokens 4–7)');
    const shown = bars(container);
    expect(shown).toHaveLength(4);
    const want = groupWeights(s, 1);
    for (const b of shown) expect(b.weight).toBeCloseTo(want[b.expert], 3);
    expect(shown.map((b) => b.weight)).toEqual([...shown.map((b) => b.weight)].sort((a, b) => b - a));
    expect(want.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('Lory: the segment, and that its weights came from the previous segment (or its own, first)', () => {
    // T = 16, L = 8, S = 4: token 5 is in segment 1 of sequence 0, merged with segment 0's weights
    const s = makeSnapshot({ T: 16, E: 4, spec: { scheme: 'lory', k: 4, capacityFactor: null, seqLen: 8, segmentLen: 4 } });
    const later = render(TokenInspector, { snapshot: s, token: 5 });
    expect(later.getByTestId('merge-group').textContent).toContain('Token 5 is in segment 1 of sequence 0 (tokens 4–7)');
    expect(later.getByTestId('merge-from').textContent).toContain('came from the previous segment (0, tokens 0–3)');
    expect(groupWeights(s, 1)).toEqual(groupWeights(s, 0));
    for (const b of bars(later.container)) expect(b.weight).toBeCloseTo(groupWeights(s, 0)[b.expert], 3);
    later.unmount();
    const first = render(TokenInspector, { snapshot: s, token: 9 });
    expect(first.getByTestId('merge-group').textContent).toContain('segment 0 of sequence 1 (tokens 8–11)');
    expect(first.getByTestId('merge-from').textContent).toContain('its own weights');
  });

  it('says it in Chinese', () => {
    locale.lang = 'zh-CN';
    const s = makeSnapshot({ T: 8, E: 2, spec: { scheme: 'lory', k: 2, capacityFactor: null, seqLen: 8, segmentLen: 4 } });
    const { getByTestId } = render(TokenInspector, { snapshot: s, token: 6 });
    expect(getByTestId('merge-from').textContent).toContain('前一个片段');
  });

  it('no section for a scheme that does not merge', () => {
    const { queryByTestId } = render(TokenInspector, { snapshot: makeSnapshot(), token: 0 });
    expect(queryByTestId('merge-weights')).toBeNull();
  });
});

describe('the load and the flow of expert merging', () => {
  it('the load bars show each expert’s mean merge weight, and say why there are no counts', () => {
    const s = makeSnapshot({ T: 16, E: 4, spec: { scheme: 'smear', k: 4, capacityFactor: null, seqLen: 4 } });
    // each of the 4 sequences holds 4 tokens: the mean is the plain mean of the groups' weights
    const want = [0, 1, 2, 3].map((e) => [0, 1, 2, 3].reduce((a, g) => a + groupWeights(s, g)[e], 0) / 4);
    const { container, getByTestId } = render(MergeLoadBars, { mean: s.merge!.mean });
    expect(getByTestId('merge-load').textContent).toContain('Mean merge weight per expert');
    const bars = Array.from(container.querySelectorAll<SVGGElement>('g.expert'));
    expect(bars.map((b) => Number(b.dataset.mean))).toEqual(want.map((w) => expect.closeTo(w, 5)));
  });

  it('the flow draws every token to all E experts by its group’s weights', () => {
    const s = makeSnapshot({ T: 16, E: 4, spec: { scheme: 'lory', k: 4, capacityFactor: null, seqLen: 8, segmentLen: 4 } });
    // token 5's slots are segment 0's weights, largest first
    const slots = Array.from(s.weights.subarray(5 * 4, 6 * 4));
    expect(slots).toEqual([...groupWeights(s, 0)].sort((a, b) => b - a));
    const { container } = render(RoutingFlow, { snapshot: s, shared: 0 });
    const root = container.querySelector('.routing-flow')!;
    expect(root.getAttribute('data-choices')).toBe('64');
    expect(root.getAttribute('data-dropped')).toBe('0');
  });
});
