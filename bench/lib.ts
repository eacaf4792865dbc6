// Shared pieces of the benchmarks: timing with medians, and the JSON rows every bench writes.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchRow {
  name: string;
  backend: string;
  variant: string;
  T: number;
  E: number;
  k: number;
  d: number | null;
  h: number | null;
  ms: number;
  baselineMs?: number;
  ratio?: number;
  /** model-routers bench: the heavy-setting guard's estimate of the same ratio (estimateStepMs) */
  estimatedRatio?: number;
  date: string;
  /** long-task bench: how many long tasks, their total ms, and the steps trained meanwhile */
  count?: number;
  totalMs?: number;
  steps?: number;
  /** first-step bench: the samples that reached the mark, every sample (null: not within its timeout), the backend the page ran */
  runs?: number;
  samples?: (number | null)[];
  usedBackend?: string;
  /** fidelity bench: the task, the seeds, the mean held-out loss (or a finding's mean difference) with its standard error, and whether a finding holds */
  task?: string;
  seeds?: number;
  quality?: number;
  se?: number;
  holds?: boolean;
  /** sweep-pool bench: the machine's cores (os.availableParallelism), and the cores other processes kept busy meanwhile (a shared machine; Linux) */
  cores?: number;
  othersCores?: number;
  /** ST-MoE sweep: the paper's value at the row's point; of the paper's orderings, how many the toy shares and how many were compared; the link that reruns it */
  paper?: number | null;
  agree?: number;
  compared?: number;
  link?: string;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Times each candidate `reps` times, interleaved round by round so that a slow patch of the
 * shared machine hits all of them alike; returns the median ms of each.
 */
export function timeInterleaved(candidates: Record<string, () => unknown>, reps: number, warmup = 2): Record<string, number> {
  const names = Object.keys(candidates);
  for (let w = 0; w < warmup; w++) for (const n of names) candidates[n]();
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < reps; r++) {
    for (const n of names) {
      const t0 = performance.now();
      candidates[n]();
      times[n].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n])]));
}

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

export function saveResults(name: string, rows: BenchRow[]): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  writeFileSync(file, JSON.stringify(rows, null, 2) + '\n');
  return file;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));
