// How bench/firstStep.ts reports: its table and one line against the goals, shared with
// bench/run.ts.

import type { BenchRow } from './lib';

export const FIRST_STEP_GOALS = { playMs: 1500, embedMs: 2000 };

/** The bench's table, shared with bench/run.ts. */
export function firstStepTable(rows: BenchRow[]): Record<string, string | number>[] {
  return rows.map((r) => ({ backend: r.backend, variant: r.variant, 'ms (median)': r.steps === undefined ? r.ms : '', steps: r.steps ?? '', 'auto ÷ wasm': r.ratio ?? '', runs: `${r.runs}/${r.samples?.length ?? r.runs}`, ran: r.usedBackend ?? '' }));
}

/** One line against the goals: Play → first step and embedded autoplay → training. */
export function firstStepSummary(rows: BenchRow[]): string {
  const at = (backend: string, variant: string) => {
    const r = rows.find((x) => x.backend === backend && x.variant === variant);
    return r ? `${backend} ${r.ms} ms` : `${backend} n/a`;
  };
  const play = ['auto', 'wasm'].map((b) => at(b, 'Play → first step')).join(', ');
  const embed = ['auto', 'wasm'].map((b) => at(b, 'embedded autoplay: load → first step')).join(', ');
  const speed = rows.find((x) => x.ratio !== undefined);
  const slowdown = speed ? `; steps trained after Play, auto ÷ wasm ${speed.ratio} (goal ≥ 0.85)` : '';
  return `first step, fresh profile (median): Play → first step ${play} (goal ≤ ${FIRST_STEP_GOALS.playMs} ms); embedded autoplay → training ${embed} (goal ≤ ${FIRST_STEP_GOALS.embedMs} ms)${slowdown}`;
}
