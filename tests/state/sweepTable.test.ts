// A sweep's results as rows: the seeds of each cell aggregated, diverged and failed seeds
// counted and left out of the mean, and the rows as CSV and JSON.

import { describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/engine/experiments/job';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';
import { sweepCells } from '../../src/state/sweep/jobs';
import { definitionOf, readyMadeDefinition } from '../../src/state/sweep/readyMade';
import { csvField, runConfigOf, sweepRows, toCsv, toJson } from '../../src/state/sweep/table';
import { fakeResult } from './sweepFixtures';

const base = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...schemaDefaults(), backend: 'wasm', ...over });
const none = new Map<string, string>();

describe('sweep table', () => {
  const def = { ...definitionOf('custom', base()), x: { key: 'topK' as const, values: [1, 2] }, seeds: 3 };
  const cells = sweepCells(def);
  const results = new Map<string, JobResult>();
  // cell 1: losses 1, 2, 3; cell 2: 0.5, diverged, pending
  cells[0].jobs.forEach((j, s) => results.set(j.id, fakeResult(j, s + 1)));
  results.set(cells[1].jobs[0].id, fakeResult(cells[1].jobs[0], 0.5));
  results.set(cells[1].jobs[1].id, fakeResult(cells[1].jobs[1], 0.1, { nonFinite: 'step 12: loss NaN' }));

  it('aggregates the seeds: mean, min, max and how many', () => {
    const [a, b] = sweepRows(def, cells, results, none);
    expect(a.agg).toMatchObject({ mean: 2, min: 1, max: 3, n: 3, diverged: 0, failed: 0, pending: 0, values: [1, 2, 3] });
    // the diverged seed is counted, not averaged
    expect(b.agg).toMatchObject({ mean: 0.5, min: 0.5, max: 0.5, n: 1, diverged: 1, pending: 1, values: [0.5, null, null] });
  });

  it('counts a failed job, and gives no mean where no seed finished', () => {
    const errors = new Map(cells[1].jobs.map((j) => [j.id, 'worker crashed']));
    const [, b] = sweepRows(def, cells, new Map(), errors);
    expect(b.agg).toMatchObject({ mean: null, n: 0, failed: 3 });
  });

  it('has a row per evaluation CF for a held-out metric, one per cell for a training one', () => {
    const st = readyMadeDefinition('st-moe', base());
    const stCells = sweepCells(st);
    const r = new Map(stCells.flatMap((c) => c.jobs.map((j) => [j.id, fakeResult(j, 1)] as const)));
    const rows = sweepRows(st, stCells, r, none);
    expect(rows).toHaveLength(12 * 5);
    expect(rows.slice(0, 5).map((row) => [row.evalCf, row.agg.mean])).toEqual([
      [0.75, 1],
      [1, 1.01],
      [1.25, 1.02],
      [2, 1.03],
      [3, 1.04],
    ]);
    expect(runConfigOf(rows[4])).toMatchObject({ capacityFactor: 0.75, topK: 1, evalCapacityFactor: 3, seed: 1 });
    const busiest = sweepRows({ ...st, metric: 'busiest' }, stCells, r, none);
    expect(busiest).toHaveLength(12);
    expect(busiest[0].evalCf).toBeUndefined();
    expect(busiest[0].agg.mean).toBeCloseTo(1.4);
  });

  it('writes CSV with the axes as a link writes them, each seed, and quotes fields that need it', () => {
    const csv = toCsv(def, sweepRows(def, cells, results, none)).trim().split('\n');
    expect(csv[0]).toBe('topK,loss mean,min,max,n,diverged,failed,seed 1,seed 2,seed 3,adjusted,same as cell');
    expect(csv[1]).toBe('1,2,1,3,3,0,0,1,2,3,,');
    expect(csv[2]).toBe('2,0.5,0.5,0.5,1,1,0,0.5,,,,');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });

  it('quotes the adjusted settings in CSV (a list with commas)', () => {
    const d = { ...definitionOf('custom', base({ experts: 2, topK: 1, groups: 2, topkGroups: 2 })), x: { key: 'experts' as const, values: [1, 2] }, seeds: 1 };
    const c = sweepCells(d);
    expect(c[0].adjustments.length).toBeGreaterThan(1);
    const line = toCsv(d, sweepRows(d, c, new Map(), none)).split('\n')[1];
    expect(line).toContain(',"grp 2→1, kg 2→1",');
    expect(line.split('"')).toHaveLength(3);
  });

  it('writes JSON with the definition, the app version and each seed, NaN as null', () => {
    const text = toJson(def, sweepRows(def, cells, results, none), 'sweep=custom&sw.x=k:1,2', '9.9.9');
    const json = JSON.parse(text);
    expect(json.version).toBe('9.9.9');
    expect(json.link).toBe('sweep=custom&sw.x=k:1,2');
    expect(json.definition).toMatchObject({ kind: 'custom', x: { key: 'topK', values: [1, 2] }, seeds: 3, steps: def.steps, metric: 'loss' });
    expect(json.definition).not.toHaveProperty('workers');
    expect(json.rows[1]).toMatchObject({ cell: 2, x: 2, mean: 0.5, diverged: 1, seeds: [{ value: 0.5 }, { value: null }, { value: null }] });
  });
});
