// "Repeat over N seeds": both arms on the comparison's seed and the N − 1 after it, each a job for
// the experiment pool with its curve recorded, and the spread of those curves per arm (the lowest
// and highest value at each recorded step, and their mean). A finding that holds on one seed only
// is not one; the band shows whether the arms' curves stay apart across seeds.

import { isBackendName, type BackendName, type MoeConfig } from '../../engine/config';
import type { CurvePoint, ExperimentJob, JobResult } from '../../engine/experiments/job';
import { jobId } from '../../engine/experiments/jobId';
import { SCHEMA } from '../schema';
import { ARMS, armConfig, type ArmId, type CompareDefinition } from './definition';

/** Steps each seed trains for when the comparison names no step. */
export const REPEAT_STEPS = 200;
/** Points per curve, about: a seed's curve is recorded every steps/this steps. */
const CURVE_POINTS = 50;
/** A backend a job runs on when its arm asks for `auto` and none has run yet. */
const FALLBACK_BACKEND: BackendName = 'wasm';

/** The s-th seed from the comparison's, kept in the seed's range (counting down at its top). */
export function seedAt(base: number, s: number): number {
  return base + s <= SCHEMA.seed.max ? base + s : base - s;
}

/** The arms' jobs, seed by seed: every job of one arm, then the other's. */
export function seedJobs(def: CompareDefinition, ran: Partial<Record<ArmId, string | null>> = {}): Record<ArmId, ExperimentJob[]> {
  const steps = def.step !== undefined && def.step > 0 ? def.step : REPEAT_STEPS;
  const curveEvery = Math.max(1, Math.ceil(steps / CURVE_POINTS));
  const jobsOf = (arm: ArmId): ExperimentJob[] => {
    const c = armConfig(def, arm);
    // a job's backend is pinned (job.ts): the one the arm asks for, or the one it ran on here
    const seen = ran[arm];
    const backend: BackendName = c.backend !== 'auto' ? c.backend : seen && isBackendName(seen) ? seen : FALLBACK_BACKEND;
    return Array.from({ length: def.seeds }, (_, s) => {
      const config: MoeConfig = { ...c, seed: seedAt(def.a.seed, s), backend };
      const spec = { config, steps, evalCapacityFactors: [config.evalCapacityFactor], curveEvery };
      return { id: jobId(spec), ...spec };
    });
  };
  return { a: jobsOf('a'), b: jobsOf('b') };
}

export interface Band {
  step: number;
  lo: number;
  hi: number;
  mean: number;
  /** the seeds with a finite value at this step */
  n: number;
}
export type BandMetric = 'taskLoss' | 'heldOutLoss';

export interface ArmSpread {
  /** the seeds whose result has come back */
  runs: number;
  /** of those, the runs that diverged */
  diverged: number;
  taskLoss: Band[];
  heldOutLoss: Band[];
}

/** Lowest, highest and mean of a metric at each step any curve recorded (non-finite values left out). */
export function bandOf(curves: readonly (readonly CurvePoint[])[], metric: BandMetric): Band[] {
  const at = new Map<number, number[]>();
  for (const curve of curves) {
    for (const p of curve) {
      const v = p[metric];
      if (!Number.isFinite(v)) continue;
      const list = at.get(p.step);
      if (list) list.push(v);
      else at.set(p.step, [v]);
    }
  }
  return [...at.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([step, values]) => ({ step, lo: Math.min(...values), hi: Math.max(...values), mean: values.reduce((s, v) => s + v, 0) / values.length, n: values.length }));
}

/** Each arm's spread from the results that have arrived (the pool replaces its map as they do). */
export function spreadOf(ids: Record<ArmId, readonly string[]>, results: ReadonlyMap<string, JobResult>): Record<ArmId, ArmSpread> {
  const one = (arm: ArmId): ArmSpread => {
    const done = ids[arm].map((id) => results.get(id)).filter((r): r is JobResult => r !== undefined);
    const curves = done.map((r) => r.curve ?? []);
    return { runs: done.length, diverged: done.filter((r) => r.nonFinite).length, taskLoss: bandOf(curves, 'taskLoss'), heldOutLoss: bandOf(curves, 'heldOutLoss') };
  };
  return Object.fromEntries(ARMS.map((arm) => [arm, one(arm)])) as Record<ArmId, ArmSpread>;
}
