// The run history: new rows only, the ghost run, thinning past the row limit, and E changes.

import { describe, expect, it } from 'vitest';
import { decimate, MAX_ROWS, RunHistory, RunSeries, rowLimit, shareGrid } from '../../src/state/history.svelte';
import type { HistoryRows, Snapshot } from '../../src/worker/protocol';
import { makeSnapshot } from '../components/fixtures';

/** A snapshot carrying steps from..to with task loss 1/step and kept [step, 0, ...]. */
function rowsSnapshot(from: number, to: number, E = 4, evaluation?: Snapshot['evaluation']): Snapshot {
  const n = to - from + 1;
  const s = makeSnapshot({ E, step: to });
  const step = Int32Array.from({ length: n }, (_, i) => from + i);
  const history: HistoryRows = {
    step,
    taskLoss: Float32Array.from(step, (x) => 1 / x),
    accuracy: Float32Array.from(step, () => 0.5),
    balanceLoss: Float32Array.from(step, () => 1),
    zLoss: Float32Array.from(step, () => 0.25),
    dropRate: Float32Array.from(step, () => 0),
    entropy: Float32Array.from(step, () => 1),
    kept: Int32Array.from({ length: n * E }, (_, i) => (i % E === 0 ? step[Math.floor(i / E)] : 0)),
  };
  return { ...s, history, evaluation };
}

describe('RunHistory', () => {
  it('accumulates rows and evaluations from snapshots, and ignores rows it already has', () => {
    const h = new RunHistory();
    expect(h.run).toBeNull();
    expect(h.E).toBe(0);
    const v0 = h.version;
    h.add(rowsSnapshot(1, 3, 4, { step: 3, taskLoss: 0.7, accuracy: 0.6, dropRate: 0.1, capacityFactor: 2 }));
    expect(h.version).toBeGreaterThan(v0);
    expect(h.E).toBe(4);
    expect(Array.from(h.steps)).toEqual([1, 2, 3]);
    expect(h.series('taskLoss')[1]).toBeCloseTo(0.5, 6);
    expect(Array.from(h.run!.keptAt(2))).toEqual([3, 0, 0, 0]);
    expect(h.evaluations).toEqual([{ step: 3, taskLoss: 0.7, accuracy: 0.6, dropRate: 0.1 }]);

    // the same snapshot again, and one overlapping it: only steps 4 and 5 are new
    const v1 = h.version;
    h.add(rowsSnapshot(1, 3, 4, { step: 3, taskLoss: 0.7, accuracy: 0.6, dropRate: 0.1, capacityFactor: 2 }));
    expect(h.version).toBe(v1);
    h.add(rowsSnapshot(2, 5));
    expect(Array.from(h.steps)).toEqual([1, 2, 3, 4, 5]);
    expect(h.evaluations).toHaveLength(1);
    expect(h.lastStep).toBe(5);
  });

  it('archives the current run as the ghost, keeping only one', () => {
    const h = new RunHistory();
    h.add(rowsSnapshot(1, 10));
    h.archive();
    expect(h.run).toBeNull();
    expect(h.ghost?.length).toBe(10);
    // archiving an empty run keeps the ghost
    h.archive();
    expect(h.ghost?.length).toBe(10);
    h.add(rowsSnapshot(1, 4));
    expect(h.length).toBe(4);
    h.archive();
    expect(h.ghost?.length).toBe(4);
    h.clear();
    expect(h.ghost).toBeNull();
    expect(h.run).toBeNull();
  });

  it('starts a new run (archiving the old) when the step count goes back: the model was rebuilt', () => {
    const h = new RunHistory();
    h.add(rowsSnapshot(1, 50));
    h.add(rowsSnapshot(1, 2));
    expect(Array.from(h.steps)).toEqual([1, 2]);
    expect(h.ghost?.lastStep).toBe(50);
  });

  it('archives when E changes, and keeps E columns per row', () => {
    const h = new RunHistory();
    h.add(rowsSnapshot(1, 5, 4));
    h.add(rowsSnapshot(6, 8, 16));
    expect(h.E).toBe(16);
    expect(h.ghost?.E).toBe(4);
    expect(Array.from(h.steps)).toEqual([6, 7, 8]);
    expect(h.run!.kept).toHaveLength(3 * 16);
  });

  it(`thins older rows past ${MAX_ROWS} steps, keeping the first and the recent steps exact`, () => {
    const h = new RunHistory();
    h.add(rowsSnapshot(1, MAX_ROWS));
    expect(h.length).toBe(MAX_ROWS);
    h.add(rowsSnapshot(MAX_ROWS + 1, MAX_ROWS + 1));
    const steps = h.steps;
    expect(h.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(h.length).toBe(MAX_ROWS / 4 + MAX_ROWS / 2 + 1);
    expect(steps[0]).toBe(1);
    expect(steps[1]).toBe(3); // every other older row
    expect(steps.at(-1)).toBe(MAX_ROWS + 1);
    expect(steps.at(-2)).toBe(MAX_ROWS);
    // rows stay consistent: task loss 1/step and kept[0] = step survive the move
    for (const i of [0, 1, 100, h.length - 1]) {
      expect(h.series('taskLoss')[i]).toBeCloseTo(1 / steps[i], 6);
      expect(h.run!.keptAt(i)[0]).toBe(steps[i]);
    }
    // a long run stays bounded
    h.add(rowsSnapshot(MAX_ROWS + 2, 5 * MAX_ROWS));
    expect(h.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(h.lastStep).toBe(5 * MAX_ROWS);
    expect(Array.from(h.steps).every((s, i, a) => i === 0 || s > a[i - 1])).toBe(true);
  });

  it('keeps fewer rows for very many experts', () => {
    expect(rowLimit(8)).toBe(MAX_ROWS);
    expect(rowLimit(512) * 512).toBeLessThanOrEqual(1 << 22);
  });

  it('exports columns with held-out values at their step', () => {
    const h = new RunHistory();
    h.add(rowsSnapshot(1, 3, 4, { step: 2, taskLoss: 0.7, accuracy: 0.6, dropRate: 0, capacityFactor: null }));
    const c = h.columns();
    expect(Array.from(c.step)).toEqual([1, 2, 3]);
    expect(Array.from(c.heldOutLoss as Float32Array).map((x) => (Number.isNaN(x) ? null : +x.toFixed(2)))).toEqual([null, 0.7, null]);
  });
});

describe('history helpers', () => {
  it('finds the nearest row to a step', () => {
    const r = new RunSeries(2);
    r.append({ ...rowsSnapshot(1, 1, 2).history, step: Int32Array.of(10) });
    r.append({ ...rowsSnapshot(1, 1, 2).history, step: Int32Array.of(20) });
    expect([r.nearest(0), r.nearest(14), r.nearest(15), r.nearest(16), r.nearest(99)]).toEqual([0, 0, 0, 1, 1]);
  });

  it('decimates to bucket minima and maxima, keeping gaps', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((i) => (i === 37 ? 50 : i >= 80 ? NaN : 1));
    const d = decimate(x, y, 20);
    expect(d.length).toBeLessThanOrEqual(20);
    expect(Math.max(...d.map((p) => p[1]).filter(Number.isFinite))).toBe(50);
    expect(d.some((p) => Number.isNaN(p[1]))).toBe(true);
    expect(decimate([1, 2], [3, 4], 20)).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('buckets shares by step and by expert group', () => {
    const r = new RunSeries(4);
    // steps 1..4: expert 0 keeps everything at steps 1-2, experts 2,3 split at steps 3-4
    r.append({
      ...rowsSnapshot(1, 4, 4).history,
      kept: Int32Array.of(8, 0, 0, 0, 8, 0, 0, 0, 0, 0, 4, 4, 0, 0, 4, 4),
    });
    const g = shareGrid(r, 2, 2);
    expect([g.cols, g.rows, g.from, g.stepsPerCol]).toEqual([2, 2, 1, 2]);
    // rows: experts 0-1 (mean share), experts 2-3
    expect(Array.from(g.share)).toEqual([0.5, 0, 0, 0.5]);
  });
});
