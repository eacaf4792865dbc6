// The views of a snapshot that carries a sample of its batch (snapshotSample.ts): they draw the
// sampled tokens, name each by its index in the batch, keep the counts of the whole batch, and
// say that what they show is a sample. Small sizes with small limits stand for E = 512, T = 16,384.

import { fireEvent, render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { computeFlowLayout } from '../../src/components/flow/layout';
import PartitionMap from '../../src/components/PartitionMap.svelte';
import RoutingFlow from '../../src/components/RoutingFlow.svelte';
import TokenInspector from '../../src/components/TokenInspector.svelte';
import { routingColumns } from '../../src/state/export';
import { PROBS_LIMIT, type Snapshot } from '../../src/worker/protocol';
import { sampleBatch } from '../../src/worker/snapshotSample';
import { makeGrid, makeSnapshot, type FixtureOptions } from './fixtures';

/** A fixture snapshot as the worker sends it with these limits: every 4th of 64 tokens, at most 32 slots. */
function sampled(opts: FixtureOptions, limits = { tokens: 16, slots: 32 }): Snapshot {
  const s = makeSnapshot({ T: 64, ...opts });
  const batch = { points: s.points, labels: s.labels, tokenIds: s.tokens ?? new Int32Array(s.T), domain: s.domain };
  return { ...s, ...sampleBatch({ ...s, probs: s.probs! }, batch, s.predicted, PROBS_LIMIT, limits) };
}

const sum = (a: Int32Array) => a.reduce((x, y) => x + y, 0);

beforeAll(() => {
  // jsdom has no canvas: a null context is what the views guard against
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('a sampled snapshot', () => {
  it('routing flow: the whole batch’s counts, the sample’s tokens by batch index, and a line saying so', () => {
    const s = sampled({ E: 4, spec: { k: 2, capacityFactor: 0.75 } });
    expect(s.sample).toEqual({ T: 16, stride: 4, k: 2 });
    const { container, getByTestId, getAllByRole, getByRole } = render(RoutingFlow, { snapshot: s, shared: 0 });
    const root = container.querySelector('.routing-flow')!;
    expect(root.getAttribute('data-tokens')).toBe('64');
    expect(root.getAttribute('data-shown')).toBe('16');
    expect(root.getAttribute('data-mode')).toBe('dense');
    const [choices, kept] = [sum(s.load), sum(s.kept)];
    expect(choices).toBe(128);
    expect(getByTestId('flow-summary').textContent).toContain(`64 tokens, ${choices} choices: ${kept} kept, ${choices - kept} dropped`);
    expect(getByTestId('flow-sample').textContent).toContain('drawn: 16 of the 64 tokens (one in 4); the counts cover all of them');
    expect(getByTestId('flow-sample').textContent).not.toContain('slots');
    expect(getByRole('slider').getAttribute('aria-label')).toContain('16 of the batch’s 64 tokens (a sample)');
    expect(getByRole('slider').getAttribute('aria-valuemax')).toBe('15');
    // the second token carried is the batch's token 4
    const labels = getAllByRole('button').map((b) => b.textContent!);
    expect(labels[1]).toContain('token 4,');
    expect(labels).toHaveLength(16);
  });

  it('routing flow: soft MoE keeps each token’s top slots and says how many of k', () => {
    const s = sampled({ E: 8, spec: { scheme: 'soft', capacityFactor: null } });
    expect(s.sample).toEqual({ T: 16, stride: 4, k: 2 });
    const { getByTestId } = render(RoutingFlow, { snapshot: s, shared: 0 });
    expect(getByTestId('flow-summary').textContent).toContain('64 tokens, 512 choices, all kept');
    expect(getByTestId('flow-sample').textContent).toContain('each with its top 2 of 8 slots');
  });

  it('flow layout: bars from the whole batch’s counts, marks of the sample inside their columns', () => {
    const s = sampled({ E: 4, spec: { k: 2, capacityFactor: 0.75 } });
    const l = computeFlowLayout(s, { width: 640, height: 360, shared: 0 });
    expect([l.mode, l.T, l.k, l.sampled]).toEqual(['dense', 16, 2, true]);
    for (let e = 0; e < 4; e++) {
      expect(l.keptH[e]).toBeCloseTo(s.kept[e] * l.scale, 4);
      expect(l.dropH[e]).toBeCloseTo((s.load[e] - s.kept[e]) * l.laneScale, 4);
    }
    for (let i = 0; i < 16 * 2; i++) {
      const e = s.experts[i];
      const x0 = l.columns.colX[e];
      expect(l.choiceX[i]).toBeGreaterThanOrEqual(x0);
      expect(l.choiceX[i]).toBeLessThanOrEqual(x0 + l.columns.colW);
      const [top, h] = s.dropped[i] ? [l.lane.y, l.dropH[e]] : [l.columns.y, l.keptH[e]];
      expect(l.choiceY[i]).toBeGreaterThanOrEqual(top);
      expect(l.choiceY[i]).toBeLessThanOrEqual(top + h);
    }
  });

  it('token inspector: names the token by batch index, and lists takers among the sample only', async () => {
    const s = sampled({ E: 4, seed: 2, spec: { k: 2, capacityFactor: 0.75 } });
    const i = s.dropped.indexOf(1);
    expect(i).toBeGreaterThanOrEqual(0);
    const token = Math.floor(i / 2);
    const onselect = vi.fn();
    const { getByRole, container } = render(TokenInspector, { snapshot: s, token, onselect });
    expect(getByRole('heading', { name: `Token #${4 * token}` })).toBeInTheDocument();
    const dropped = container.querySelector('li.choice[data-dropped="1"]')!;
    expect(dropped.textContent).toContain('Of the 16 tokens the views carry (one in 4 of the batch’s 64)');
    const takers = Array.from(dropped.querySelectorAll('button.taker'));
    expect(takers.length).toBeGreaterThan(0);
    for (const b of takers) expect(Number(/token #(\d+)/.exec(b.textContent!)![1]) % 4).toBe(0);
    await fireEvent.click(takers[0]);
    // onselect gets the index into the tokens carried, which the views share
    const picked = onselect.mock.calls[0][0] as number;
    expect(takers[0].textContent).toContain(`token #${4 * picked},`);
  });

  it('token inspector: soft MoE says only the top slots are shown', () => {
    const s = sampled({ E: 8, spec: { scheme: 'soft', capacityFactor: null } });
    const { getByTestId, container } = render(TokenInspector, { snapshot: s, token: 3 });
    expect(getByTestId('inspector-top-slots').textContent).toBe('Only its 2 highest-weight slots of 8 are shown at this size.');
    expect(container.querySelectorAll('li.choice')).toHaveLength(2);
  });

  it('partition map: the sample’s points, and how many of the batch’s', () => {
    const s = sampled({ E: 4, spec: { k: 2, capacityFactor: 0.75 } });
    const { container } = render(PartitionMap, { grid: makeGrid(8, 4), snapshot: s, classes: 3 });
    expect(container.querySelectorAll('g.point')).toHaveLength(16);
    const counts = container.querySelector('.counts')!.textContent!;
    expect(counts).toContain('16 points,');
    expect(counts).toContain('Drawn: 16 of the batch’s 64 points (one in 4).');
  });

  it('export: the sample’s routing rows, tokens by batch index', () => {
    const s = sampled({ E: 8, spec: { scheme: 'soft', capacityFactor: null } });
    const cols = routingColumns(s);
    expect(cols.token).toHaveLength(16 * 2);
    expect(Array.from(cols.token).slice(0, 4)).toEqual([0, 0, 4, 4]);
    expect(Array.from(cols.slot).slice(0, 2)).toEqual([0, 1]);
  });
});
