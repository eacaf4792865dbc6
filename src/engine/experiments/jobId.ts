// A job's id from what it runs: the same settings, steps and evaluations give the same id on any
// machine and after any reload, so a finished job's result can be read from the cache instead of
// being run again. The app's version is not part of it: the cache adds it to its keys.

import { isClusterKey, type MoeConfig } from '../config';
import { hashString } from '../rng';
import type { ExperimentJob } from './job';

/**
 * Every setting in name order (a config's key order depends on how it was built), but the
 * cluster's, which the trainer never reads.
 */
function canonical(config: MoeConfig): string {
  const keys = (Object.keys(config) as (keyof MoeConfig)[]).filter((k) => !isClusterKey(k)).sort();
  return keys.map((k) => `${k}=${String(config[k])}`).join('&');
}

export function jobId(spec: Omit<ExperimentJob, 'id'>): string {
  const text = `${canonical(spec.config)}|steps=${spec.steps}|eval=${spec.evalCapacityFactors.map(String).join(',')}|curve=${spec.curveEvery ?? 0}`;
  // two independent 32-bit hashes: a collision between two jobs of one sweep would need both
  return hashString(text, 1).toString(36) + hashString(text, 2).toString(36);
}
