// @vitest-environment node
// The live placement from hand-made history rows: when EPLB places and re-places, what load it
// places from (the last loadWindow steps only), the balance it records beside contiguous, what a
// new run or a settings change does, and which slots moved.

import { describe, expect, it } from 'vitest';
import { balancedness, contiguousSlots, gpuLoads, roundRobinSlots } from '../../../src/engine/placement';
import { PlacementTracker, SERIES_LIMIT, movedSlots, physicalSlots } from '../../../src/state/cluster/placementTracker';
import { clusterSettings, historyRows, stepRange } from './clusterFixtures';

const arr = (a: ArrayLike<number>) => Array.from(a);

/** 4 experts on one node of 2 GPUs: 3 slots a GPU (2 for its share, 1 for a replica). */
const SMALL = clusterSettings({ nodes: 1, gpusPerNode: 2, replicaSlotsPerGpu: 1, loadWindow: 10, replaceEvery: 50 });
const HOT_FIRST = [10, 1, 1, 1];
const HOT_LAST = [1, 1, 1, 10];

/** A tracker fed steps, one snapshot per `chunk` rows (the worker sends several rows a snapshot). */
function fed(steps: number[], loadAt: (step: number) => readonly number[], settings = SMALL, chunk = 7, groups = 1): PlacementTracker {
  const tracker = new PlacementTracker();
  for (let i = 0; i < steps.length; i += chunk) {
    const part = steps.slice(i, i + chunk);
    tracker.add(historyRows(part, loadAt), loadAt(part[0]).length, groups, settings);
  }
  return tracker;
}

describe('when PlacementTracker places', () => {
  it('places at the first step it sees, and has no moved slots yet', () => {
    const s = fed([7], () => HOT_FIRST).state!;
    expect(s.placedAt).toBe(7);
    expect(s.replacedAt).toEqual([7]);
    expect(s.moved).toBeNull();
    expect(s.movedAt).toBeNull();
    expect(s.series.step).toEqual([7]);
    expect(s.slots.expert).toHaveLength(physicalSlots(4, 2, 1));
    expect(s.explain).not.toBeNull();
    expect(new PlacementTracker().state).toBeNull();
  });

  it('EPLB re-places at each multiple of replaceEvery, at the first row that reaches it', () => {
    const s = fed(stepRange(0, 120), () => HOT_FIRST).state!;
    expect(s.replacedAt).toEqual([0, 50, 100]);
    expect(s.placedAt).toBe(100);
    expect(s.series.step).toEqual(stepRange(0, 120));
    // rows with gaps: due at the first row at or past 50, 100, 150, not at the row before
    const gaps = fed([0, 30, 49, 60, 100, 109, 110, 170], () => HOT_FIRST, SMALL, 3).state!;
    expect(gaps.replacedAt).toEqual([0, 60, 100, 170]);
    // a run first seen at step 1 (a link's step=N draws no step 0) still re-places at 50 and 100
    expect(fed(stepRange(1, 120), () => HOT_FIRST).state!.replacedAt).toEqual([1, 50, 100]);
  });

  it('replaceEvery 0 places once', () => {
    const s = fed(stepRange(0, 300), () => HOT_FIRST, clusterSettings({ ...SMALL, replaceEvery: 0 })).state!;
    expect(s.replacedAt).toEqual([0]);
    expect(s.placedAt).toBe(0);
  });

  it.each([
    ['contiguous', contiguousSlots],
    ['round-robin', roundRobinSlots],
  ] as const)('%s never re-places, and fills E slots', (policy, slotsOf) => {
    const s = fed(stepRange(0, 200), (step) => (step < 100 ? HOT_FIRST : HOT_LAST), clusterSettings({ ...SMALL, placement: policy, replaceEvery: 10 })).state!;
    expect(s.replacedAt).toEqual([0]);
    expect(s.moved).toBeNull();
    expect(s.explain).toBeNull();
    expect(arr(s.slots.expert)).toEqual(arr(slotsOf(4, 2).expert));
    expect(arr(s.slots.gpu)).toEqual(arr(slotsOf(4, 2).gpu));
  });

  it('skips the step it took last, and a step regression or another E starts a new run', () => {
    const tracker = fed(stepRange(0, 60), () => HOT_FIRST);
    tracker.add(historyRows([60], () => HOT_LAST), 4, 1, SMALL);
    expect(tracker.state!.series.step).toEqual(stepRange(0, 60));
    expect(arr(tracker.state!.latest)).toEqual(HOT_FIRST);
    tracker.add(historyRows([10, 11], () => HOT_LAST), 4, 1, SMALL);
    expect(tracker.state!.replacedAt).toEqual([10]);
    expect(tracker.state!.series.step).toEqual([10, 11]);
    expect(arr(tracker.state!.placedFrom)).toEqual(HOT_LAST);
    tracker.add(historyRows([12], () => [1, 2, 3, 4, 5, 6, 7, 8]), 8, 1, SMALL);
    expect(tracker.state!.E).toBe(8);
    expect(tracker.state!.replacedAt).toEqual([12]);
    expect(tracker.state!.series.step).toEqual([12]);
    tracker.clear();
    expect(tracker.state).toBeNull();
  });
});

describe('the load PlacementTracker places from', () => {
  const shifted = (step: number) => (step < 40 ? HOT_FIRST : HOT_LAST);

  it('is the mean of the last loadWindow rows only: once the window has passed, the new hot expert gets the replicas', () => {
    const s = fed(stepRange(0, 60), shifted).state!;
    expect(s.replacedAt).toEqual([0, 50]);
    // steps 41..50, all after the change
    arr(s.placedFrom).forEach((v, e) => expect(v).toBeCloseTo(HOT_LAST[e], 12));
    expect(arr(s.slots.replicas)).toEqual([1, 1, 1, 3]);
    expect(arr(s.explain!.replicas)).toEqual([1, 1, 1, 3]);
  });

  it('mixes both loads while the window spans the change', () => {
    const s = fed(stepRange(0, 60), shifted, clusterSettings({ ...SMALL, loadWindow: 20 })).state!;
    // steps 31..50: 9 rows of the old load, 11 of the new
    const expected = HOT_FIRST.map((v, e) => (9 * v + 11 * HOT_LAST[e]) / 20);
    arr(s.placedFrom).forEach((v, e) => expect(v).toBeCloseTo(expected[e], 12));
  });

  it('at the first step is that step’s load: the hot expert gets both replica slots', () => {
    const s = fed([0], () => HOT_FIRST).state!;
    expect(arr(s.slots.replicas)).toEqual([3, 1, 1, 1]);
  });
});

describe('the balance PlacementTracker records', () => {
  it('is balancedness of the GPU loads, by hand: 4 experts contiguous on 2 GPUs, kept [3, 1, 0, 0] → GPU loads [4, 0] → 0.5', () => {
    const s = fed([0, 1], () => [3, 1, 0, 0], clusterSettings({ ...SMALL, placement: 'contiguous' })).state!;
    expect(arr(s.gpuLoad)).toEqual([4, 0]);
    expect(arr(s.contiguousLoad)).toEqual([4, 0]);
    expect(s.series.current).toEqual([0.5, 0.5]);
    expect(s.series.contiguous).toEqual([0.5, 0.5]);
  });

  it('under EPLB, each step’s values are balancedness(gpuLoads(…)) of that step’s load on the placement then', () => {
    const loadAt = (step: number) => [(step * 7) % 11, 3, (step * 5) % 13, step < 50 ? 9 : 1];
    const tracker = new PlacementTracker();
    const expected: { current: number; contiguous: number }[] = [];
    for (const step of stepRange(0, 80)) {
      tracker.add(historyRows([step], loadAt), 4, 1, SMALL);
      const s = tracker.state!;
      expected.push({ current: balancedness(gpuLoads(s.slots, loadAt(step), 2)), contiguous: balancedness(gpuLoads(contiguousSlots(4, 2), loadAt(step), 2)) });
    }
    const s = tracker.state!;
    expect(s.series.current).toEqual(expected.map((e) => e.current));
    expect(s.series.contiguous).toEqual(expected.map((e) => e.contiguous));
    // EPLB's replicas balance the hot expert better than contiguous does before the change
    expect(s.series.current[10]).toBeGreaterThan(s.series.contiguous[10]);
  });

  it('past SERIES_LIMIT drops every other point and keeps the last, and the re-placements still in view', () => {
    const steps = stepRange(0, SERIES_LIMIT);
    const s = fed(steps, () => HOT_FIRST, SMALL, 500).state!;
    const n = s.series.step.length;
    expect(n).toBeLessThanOrEqual(SERIES_LIMIT / 2 + 1);
    expect(s.series.step.at(-1)).toBe(SERIES_LIMIT);
    expect(s.series.current).toHaveLength(n);
    expect(s.series.contiguous).toHaveLength(n);
    expect(s.series.step.every((v, i) => i === 0 || v > s.series.step[i - 1])).toBe(true);
    expect(s.replacedAt[0]).toBeGreaterThanOrEqual(s.series.step[0]);
    expect(s.replacedAt.at(-1)).toBe(Math.floor(SERIES_LIMIT / 50) * 50);
  });
});

describe('moved slots and changed settings', () => {
  it('moved marks exactly the slots whose expert their GPU did not hold before the re-placement', () => {
    const tracker = fed(stepRange(0, 49), (step) => (step < 40 ? HOT_FIRST : HOT_LAST));
    const old = tracker.state!.slots;
    const held = new Set(arr(old.expert).map((e, s) => `${old.gpu[s]}:${e}`));
    tracker.add(historyRows([50], () => HOT_LAST), 4, 1, SMALL);
    const s = tracker.state!;
    expect(s.movedAt).toBe(50);
    expect(arr(s.moved!)).toEqual(arr(s.slots.expert).map((e, i) => (held.has(`${s.slots.gpu[i]}:${e}`) ? 0 : 1)));
    expect(arr(s.moved!).some((m) => m === 1)).toBe(true);
  });

  it('a slot that only swapped places on its GPU, or copies an expert its GPU held, moved nothing', () => {
    // hand-built: GPU 0 held experts 0 and 1 in slots 0, 1; after, slot 0 holds 1 and slot 1 holds 0
    // (a swap), and GPU 1's second slot now copies expert 2 it already held, while its first takes 3
    const before = { expert: Int32Array.of(0, 1, 2, 3), gpu: Int32Array.of(0, 0, 1, 1), replicas: Int32Array.of(1, 1, 1, 1) };
    const after = { expert: Int32Array.of(1, 0, 3, 2), gpu: Int32Array.of(0, 0, 1, 1), replicas: Int32Array.of(1, 1, 1, 1) };
    expect(arr(movedSlots(before, after))).toEqual([0, 0, 0, 0]);
    const moved = { expert: Int32Array.of(2, 1, 0, 3), gpu: Int32Array.of(0, 0, 1, 1), replicas: Int32Array.of(1, 1, 1, 1) };
    expect(arr(movedSlots(before, moved))).toEqual([1, 0, 1, 0]);
  });

  it('a steady load re-places onto the same slots: nothing moved', () => {
    const s = fed(stepRange(0, 50), () => HOT_FIRST).state!;
    expect(s.replacedAt).toEqual([0, 50]);
    expect(arr(s.moved!)).toEqual(new Array(6).fill(0));
  });

  it('settle() with changed settings re-places at once, at the last step, and starts the series afresh from that step', () => {
    const tracker = fed(stepRange(0, 30), (step) => (step < 20 ? HOT_FIRST : HOT_LAST));
    const unchanged = tracker.state;
    tracker.settle(SMALL);
    expect(tracker.state).toBe(unchanged);
    tracker.settle(clusterSettings({ ...SMALL, nodes: 2 }));
    const s = tracker.state!;
    expect(s.cluster).toEqual({ nodes: 2, gpusPerNode: 2 });
    expect(s.gpus).toBe(4);
    expect(s.slots.expert).toHaveLength(physicalSlots(4, 4, 1));
    expect(s.placedAt).toBe(30);
    expect(s.replacedAt).toEqual([30]);
    expect(s.moved).toBeNull();
    // one point: the step on show, on the new cluster (a paused run's chart is not left empty)
    expect(s.series.step).toEqual([30]);
    expect(s.series.current[0]).toBeCloseTo(balancedness(gpuLoads(s.slots, HOT_LAST, 4)), 12);
    // placed from the window ending at the last step (steps 21..30), on the last step's load
    arr(s.placedFrom).forEach((v, e) => expect(v).toBeCloseTo(HOT_LAST[e], 12));
    expect(arr(s.latest)).toEqual(HOT_LAST);
    expect(s.gpuLoad).toHaveLength(4);
    // and goes on from there: the next step is recorded, the next re-placement at the next multiple of 50
    tracker.add(historyRows(stepRange(31, 80), () => HOT_LAST), 4, 1, clusterSettings({ ...SMALL, nodes: 2 }));
    expect(tracker.state!.series.step.slice(0, 2)).toEqual([30, 31]);
    expect(tracker.state!.replacedAt).toEqual([30, 50]);
  });

  it('settings changed between snapshots re-place at the next row, without settle()', () => {
    const tracker = fed(stepRange(0, 30), () => HOT_FIRST);
    tracker.add(historyRows([31], () => HOT_FIRST), 4, 1, clusterSettings({ ...SMALL, placement: 'contiguous' }));
    const s = tracker.state!;
    expect(s.policy).toBe('contiguous');
    expect(s.replacedAt).toEqual([31]);
    expect(s.series.step).toEqual([31]);
  });
});
