// A sweep's cells (each combination of the axes' values, made a valid config) and the jobs that
// train them (one per cell and seed). A cell whose values had to change to fit together (k above
// E, say) carries the changes, and cells that end up the same settings say which came first:
// they share jobs (the same job id), so the pool runs each once.

import type { ExperimentJob } from '../../engine/experiments/job';
import { jobId } from '../../engine/experiments/jobId';
import { SCHEMA, type MoeConfig } from '../schema';
import { validateConfig, type Adjustment } from '../validate';
import { evalCfsOf, pinBackend, type SweepDefinition, type SweepValue } from './definition';

export interface SweepCell {
  /** row-major: y's index × x's count + x's index */
  index: number;
  xi: number;
  /** 0 when there is no y axis */
  yi: number;
  x: SweepValue;
  /** undefined when there is no y axis */
  y: SweepValue | undefined;
  /** what the cell trains (its first seed's): valid, the backend pinned */
  config: MoeConfig;
  /** the values validateConfig changed so the cell's settings fit together */
  adjustments: Adjustment[];
  /** the first cell with the very same settings, when this one is a repeat of it */
  sameAs: number | null;
  /** one per seed */
  jobs: ExperimentJob[];
}

/** Seed s of a sweep: the base's seed plus s, wrapping inside the schema's range. */
export function seedOf(base: MoeConfig, s: number): number {
  return (base.seed + s) % (SCHEMA.seed.max + 1);
}

function sameConfig(a: MoeConfig, b: MoeConfig): boolean {
  return (Object.keys(a) as (keyof MoeConfig)[]).every((k) => a[k] === b[k]);
}

export function sweepCells(def: SweepDefinition): SweepCell[] {
  const ys: (SweepValue | undefined)[] = def.y ? [...def.y.values] : [undefined];
  const evalCfs = evalCfsOf(def);
  const cells: SweepCell[] = [];
  ys.forEach((y, yi) => {
    def.x.values.forEach((x, xi) => {
      const input: Partial<Record<keyof MoeConfig, unknown>> = { ...def.base, [def.x.key]: x };
      if (def.y && y !== undefined) input[def.y.key] = y;
      const { config: valid, adjustments } = validateConfig(input);
      const config = pinBackend(valid);
      const first = cells.find((c) => sameConfig(c.config, config));
      const jobs = Array.from({ length: def.seeds }, (_, s) => {
        const spec = { config: { ...config, seed: seedOf(def.base, s) }, steps: def.steps, evalCapacityFactors: evalCfs };
        return { id: jobId(spec), ...spec };
      });
      cells.push({ index: cells.length, xi, yi, x, y, config, adjustments, sameAs: first?.index ?? null, jobs });
    });
  });
  return cells;
}

/** Every job of a sweep, each once (repeated cells share theirs), in cell order then seed order. */
export function sweepJobs(def: SweepDefinition, cells: readonly SweepCell[] = sweepCells(def)): ExperimentJob[] {
  const seen = new Set<string>();
  const out: ExperimentJob[] = [];
  for (const cell of cells) {
    for (const job of cell.jobs) {
      if (seen.has(job.id)) continue;
      seen.add(job.id);
      out.push(job);
    }
  }
  return out;
}
