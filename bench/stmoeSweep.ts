// The ST-MoE sweep without the page: the sweep page's ready-made ST-MoE definition (training
// CF 0.75, 1, 1.25, 2 × top-k 1, 2, 3 on the default teacher task, each model evaluated at
// evaluation CF 0.75, 1, 1.25, 2, 3; 400 steps; 3 seeds) expanded into the same jobs
// (state/sweep/jobs.ts), run through the same pool scheduling (state/experimentQueue.ts) over
// Node worker threads on wasm, and read through the same table and orderings the page shows.
// The jobs are the page's jobs, so `#v=5&be=wasm&sweep=st-moe` reruns the very same sweep in a
// browser. Prints the toy's table beside the paper's and the orderings; saves the rows.
//   node --import tsx bench/stmoeSweep.ts [--smoke] [--seeds n] [--workers n]

import { availableParallelism } from 'node:os';
import { schemaDefaults } from '../src/state/schema';
import { ExperimentQueue } from '../src/state/experimentQueue';
import { readyMadeDefinition } from '../src/state/sweep/readyMade';
import { sweepCells, sweepJobs } from '../src/state/sweep/jobs';
import { PAPER_KS, ST_MOE_PAPER, stMoeOrderings, type PaperK } from '../src/state/sweep/stMoePaper';
import { toyLossAt } from '../src/state/sweep/table';
import { sweepParts } from '../src/state/sweep/link';
import { encodeHash } from '../src/state/url';
import { round, saveResults, type BenchRow } from './lib';
import { threadRunner } from './sweepPool';

export interface StMoePlan {
  steps?: number;
  seeds?: number;
  workers: number;
}
export const STMOE_FULL: StMoePlan = { workers: Math.max(1, availableParallelism()) };
export const STMOE_SMOKE: StMoePlan = { steps: 4, seeds: 1, workers: 1 };

export interface StMoeResult {
  link: string;
  seeds: number;
  steps: number;
  ms: number;
  table: Record<string, string>[];
  agree: number;
  compared: number;
  /** the paper's orderings the toy does not share, with the toy's two losses */
  missed: string[];
  rows: BenchRow[];
}

export async function benchStMoeSweep(plan: StMoePlan = STMOE_FULL): Promise<StMoeResult> {
  const ready = readyMadeDefinition('st-moe', { ...schemaDefaults(), backend: 'wasm' });
  const def = { ...ready, steps: plan.steps ?? ready.steps, seeds: plan.seeds ?? ready.seeds };
  const cells = sweepCells(def);
  const jobs = sweepJobs(def, cells);
  const queue = new ExperimentQueue({ workers: plan.workers, makeRunner: threadRunner, cache: null });
  const t0 = performance.now();
  await queue.run(jobs);
  const ms = performance.now() - t0;
  const { results, errors } = queue.state;
  if (errors.size > 0) throw new Error(`ST-MoE sweep: ${[...errors.values()].join('; ')}`);
  const toy = (p: { trainCf: number; evalCf: number; k: PaperK }) => toyLossAt(def, cells, results, errors, p);
  const cell = (v: number | null) => (v === null ? '–' : v.toFixed(3));
  const table = ST_MOE_PAPER.map((row) => {
    const out: Record<string, string> = { 'train / eval CF': `${row.trainCf} / ${row.evalCf}` };
    for (const k of PAPER_KS) out[`paper top-${k}`] = row.byK[k] === undefined ? '' : row.byK[k]!.toFixed(3);
    for (const k of PAPER_KS) out[`toy top-${k}`] = cell(toy({ trainCf: row.trainCf, evalCf: row.evalCf, k }));
    return out;
  });
  const orderings = stMoeOrderings(toy).filter((o) => o.toyAgrees !== null);
  const agree = orderings.filter((o) => o.toyAgrees).length;
  const at = (p: { trainCf: number; evalCf: number; k: PaperK }) => `train CF ${p.trainCf}, eval CF ${p.evalCf}, top-${p.k}`;
  const missed = orderings
    .filter((o) => !o.toyAgrees)
    .map((o) => `${at(o.better)} (${cell(toy(o.better))}) should beat ${at(o.worse)} (${cell(toy(o.worse))})`);
  const link = encodeHash(def.base, {}, sweepParts(def));
  const date = new Date().toISOString();
  const rows: BenchRow[] = ST_MOE_PAPER.flatMap((row) =>
    PAPER_KS.map((k) => ({ k, value: toy({ trainCf: row.trainCf, evalCf: row.evalCf, k }) }))
      .filter((x) => x.value !== null)
      .map(({ k, value }) => ({
        name: 'stmoe-sweep',
        backend: 'wasm',
        variant: `train CF ${row.trainCf}, eval CF ${row.evalCf}`,
        T: def.base.tokens,
        E: def.base.experts,
        k,
        d: def.base.d,
        h: def.base.h,
        ms: round(ms, 0),
        date,
        seeds: def.seeds,
        steps: def.steps,
        quality: round(value!, 4),
        paper: row.byK[k] ?? null,
      })),
  );
  rows.push({ name: 'stmoe-sweep', backend: 'wasm', variant: 'orderings the toy shares', T: def.base.tokens, E: def.base.experts, k: 0, d: def.base.d, h: def.base.h, ms: round(ms, 0), date, agree, compared: orderings.length, link });
  return { link, seeds: def.seeds, steps: def.steps, ms, table, agree, compared: orderings.length, missed, rows };
}

export function printStMoe(r: StMoeResult): void {
  console.log(`\nST-MoE sweep (${r.seeds} seeds × ${r.steps} steps, ${(r.ms / 1000).toFixed(0)} s): the paper's negative log perplexity (higher is better) beside the toy's held-out loss (lower is better)`);
  console.table(r.table);
  console.log(`the toy shares ${r.agree} of the paper's ${r.compared} orderings; the same sweep in the browser: ${r.link}`);
  for (const m of r.missed) console.log(`  not shared: ${m}`);
}

// run alone (the full sweep saves its rows); npm run bench runs it through bench/run.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
  const smoke = process.argv.includes('--smoke');
  const plan = smoke ? STMOE_SMOKE : { ...STMOE_FULL, seeds: arg('--seeds'), workers: arg('--workers') ?? STMOE_FULL.workers };
  const r = await benchStMoeSweep(plan);
  printStMoe(r);
  if (!smoke) console.log('saved', saveResults('stmoe-sweep', r.rows));
}
