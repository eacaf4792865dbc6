// A sweep's cells and jobs: every combination of the axes made a valid config, the values that
// had to change marked, repeated cells sharing their jobs, one job per cell and seed.

import { describe, expect, it } from 'vitest';
import { effectiveSizes } from '../../src/engine/config';
import { jobId } from '../../src/engine/experiments/jobId';
import { schemaDefaults, SCHEMA, type MoeConfig } from '../../src/state/schema';
import { SWEEP_KEYS, suggestedValues } from '../../src/state/sweep/definition';
import { seedOf, sweepCells, sweepJobs } from '../../src/state/sweep/jobs';
import { definitionOf, readyMadeDefinition } from '../../src/state/sweep/readyMade';
import { validateConfig } from '../../src/state/validate';

const base = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...schemaDefaults(), ...over });

describe('sweep cells and jobs', () => {
  it('makes the ST-MoE grid: 4 training CFs × 3 k, 3 seeds each, every model evaluated at 5 CFs', () => {
    const def = readyMadeDefinition('st-moe', base({ seed: 7 }));
    const cells = sweepCells(def);
    expect(cells).toHaveLength(12);
    expect(cells.map((c) => [c.config.capacityFactor, c.config.topK]).slice(0, 5)).toEqual([
      [0.75, 1],
      [1, 1],
      [1.25, 1],
      [2, 1],
      [0.75, 2],
    ]);
    const jobs = sweepJobs(def);
    expect(jobs).toHaveLength(36);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(36);
    for (const job of jobs) {
      expect(job.steps).toBe(400);
      expect(job.evalCapacityFactors).toEqual([0.75, 1, 1.25, 2, 3]);
      expect(job.config.backend).toBe('wasm');
      expect(job.id).toBe(jobId({ config: job.config, steps: job.steps, evalCapacityFactors: job.evalCapacityFactors }));
    }
    expect(cells[0].jobs.map((j) => j.config.seed)).toEqual([7, 8, 9]);
  });

  it('gives each cell a valid config and the same ids on every call', () => {
    const def = readyMadeDefinition('fine-grained', base());
    const a = sweepCells(def);
    for (const cell of a) expect(validateConfig(cell.config).adjustments).toEqual([]);
    expect(sweepJobs(def).map((j) => j.id)).toEqual(sweepJobs(def).map((j) => j.id));
    expect(sweepJobs({ ...def, steps: 401 }).map((j) => j.id)).not.toContain(sweepJobs(def)[0].id);
  });

  it('keeps the compute per token of the fine-grained sweep: k·m experts of width h/m', () => {
    const cells = sweepCells(readyMadeDefinition('fine-grained', base()));
    const work = cells.map((c) => {
      const s = effectiveSizes(c.config);
      return s.k * s.h;
    });
    expect(new Set(work).size).toBe(1);
    expect(cells.map((c) => effectiveSizes(c.config).E)).toEqual([8, 16, 32, 64]);
  });

  it('marks values changed to fit, and cells that end up the same share their jobs', () => {
    const def = { ...definitionOf('custom', base({ experts: 2, topK: 1 })), x: { key: 'topK' as const, values: [1, 2, 3, 4] }, seeds: 2 };
    const cells = sweepCells(def);
    expect(cells.map((c) => c.config.topK)).toEqual([1, 2, 2, 2]);
    expect(cells[2].adjustments).toEqual([{ key: 'topK', from: 3, to: 2, reason: { why: 'k-above-experts', experts: 2 } }]);
    expect(cells.map((c) => c.sameAs)).toEqual([null, null, 1, 1]);
    expect(cells[3].jobs.map((j) => j.id)).toEqual(cells[1].jobs.map((j) => j.id));
    expect(sweepJobs(def)).toHaveLength(4);
  });

  it('evaluates at the base’s evaluation CF when there is no evaluation axis', () => {
    const def = readyMadeDefinition('alpha', base({ evalCapacityFactor: null }));
    expect(new Set(sweepJobs(def).map((j) => JSON.stringify(j.evalCapacityFactors)))).toEqual(new Set(['[null]']));
    expect(sweepCells(def).map((c) => c.config.balanceCoef)).toEqual([0, 0.001, 0.003, 0.01, 0.03, 0.1]);
  });

  it('numbers seeds from the base’s, wrapping inside the schema’s range', () => {
    expect(seedOf(base({ seed: 5 }), 2)).toBe(7);
    expect(seedOf(base({ seed: SCHEMA.seed.max }), 1)).toBe(0);
  });

  it('offers every sweepable setting with values that make valid cells', () => {
    expect(SWEEP_KEYS).not.toContain('seed');
    expect(SWEEP_KEYS).not.toContain('backend');
    expect(SWEEP_KEYS).not.toContain('evalCapacityFactor');
    for (const key of SWEEP_KEYS) {
      const values = suggestedValues(key);
      expect(values.length, key).toBeGreaterThan(0);
      const cells = sweepCells({ ...definitionOf('custom', base()), x: { key, values } });
      expect(cells).toHaveLength(values.length);
    }
  });
});
