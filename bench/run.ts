// npm run bench: every benchmark, each saving its JSON under bench/results/.
// Times are medians; every ratio is against a baseline measured in the same run.
// npm run bench -- --smoke: every benchmark once at tiny sizes, saving nothing; npm test runs it,
// so a change that breaks a bench fails there. The browser benches need Chromium and dist/.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchRouting, ROUTING_FULL, ROUTING_SMOKE } from './routing';
import { BALANCED_FULL, BALANCED_SMOKE, benchBalancedRouting } from './balancedRouting';
import { benchPlacement, PLACEMENT_FULL, PLACEMENT_SMOKE } from './placement';
import { benchModelRouters, MODEL_ROUTERS_FULL, MODEL_ROUTERS_SMOKE } from './modelRouters';
import { benchTorch } from './torch';
import { benchFlowDraw, FLOW_SMOKE } from './flow';
import { benchLongTasks, LONG_TASKS_SMOKE } from './longTasks';
import { benchTraceOpen, TRACE_OPEN_SMOKE } from './traceOpen';
import { benchFidelity, FIDELITY_SMOKE, fidelityTable } from './fidelity';
import { benchFirstStep, FIRST_STEP_SMOKE } from './firstStep';
import { benchTaskDefaults, TASK_DEFAULTS_SMOKE, taskDefaultsSummary } from './taskDefaults';
import { benchTextBaseline, TEXT_BASELINE_SMOKE, textBaselineSummary } from './textBaseline';
import { firstStepSummary, firstStepTable } from './firstStepReport';
import { benchTrainStep, HEADLINE } from './trainStep';
import { benchVersus, VERSUS_SMOKE } from './versus';
import { benchStMoeSweep, printStMoe, STMOE_SMOKE } from './stmoeSweep';
import { benchSweepPool, SWEEP_POOL_SMOKE } from './sweepPool';
import { resultsDir, saveResults, type BenchRow } from './lib';
import { smokeScripts } from './smokeScripts';

const smoke = process.argv.includes('--smoke');
const t0 = performance.now();
let lap = t0;

/** A bench's rows: saved, or in a smoke run checked and left out of bench/results. */
function keep(name: string, rows: BenchRow[]): void {
  const seconds = ((performance.now() - lap) / 1000).toFixed(1);
  lap = performance.now();
  if (!smoke) {
    console.log('saved', saveResults(name, rows), `(${seconds} s)`);
    return;
  }
  const untimed = rows.filter((r) => !Number.isFinite(r.ms)).length;
  if (rows.length === 0 || untimed > 0) throw new Error(`bench smoke: ${name} gave ${rows.length} rows, ${untimed} of them without a time`);
  console.log(`bench smoke: ${name} ran, ${rows.length} rows, ${seconds} s (not saved)`);
}

const size = smoke ? ROUTING_SMOKE : ROUTING_FULL;
const routing = benchRouting(size);
console.log(`\nroute() vs one row-wise softmax, T=${size.T} E=${size.E} k=${size.k} (ms, median)`);
console.table(routing.map(({ variant, ms, baselineMs, ratio }) => ({ variant, ms, baselineMs, ratio })));
keep('routing', routing);

const balanced = benchBalancedRouting(smoke ? BALANCED_SMOKE : BALANCED_FULL);
console.log('\nbalanced-assignment routers vs token choice, k = 1 (ms, median)');
console.table(balanced.map(({ variant, T, E, ms, baselineMs, ratio }) => ({ variant, T, E, ms, baselineMs, ratio })));
keep('routing-balanced', balanced);

const placement = benchPlacement(smoke ? PLACEMENT_SMOKE : PLACEMENT_FULL);
console.log('\nEPLB rebalanceExperts, one layer, vs one token-choice route() of a batch at the same E (ms, median)');
console.table(placement.map(({ variant, T, E, k, ms, baselineMs, ratio }) => ({ variant, T, E, k, ms, baselineMs, ratio })));
keep('placement', placement);

const modelRouters = await benchModelRouters(smoke ? MODEL_ROUTERS_SMOKE : MODEL_ROUTERS_FULL);
console.log('\nthe model-level routers: a training step on wasm (Node) vs the linear token-choice router at the same sizes, and the guard estimate of that ratio (ms, median)');
console.table(modelRouters.map(({ variant, E, ms, baselineMs, ratio, estimatedRatio }) => ({ variant, E, ms, baselineMs, ratio, estimatedRatio })));
keep('model-routers', modelRouters);

let torch = await benchTorch(smoke ? { reps: 1, size: VERSUS_SMOKE.cell } : {});
if (torch) keep('torch', torch);
else if (!smoke) {
  const file = join(resultsDir, 'torch.json');
  torch = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchRow[]) : null;
  if (torch) console.log(`(using the PyTorch rows of an earlier run, ${file})`);
}

const train = await benchTrainStep(smoke ? 'smoke' : 'full');
if (train) {
  const table = new Map<string, Record<string, string | number>>();
  for (const r of train.rows) {
    const key = `${r.backend}/${r.T}/${r.E}/${r.k}`;
    if (!table.has(key)) table.set(key, { backend: r.backend, T: r.T, E: r.E, k: r.k });
    table.get(key)![`${r.variant} ms`] = r.ms;
    if (r.ratio !== undefined) table.get(key)!['dense/sparse fwd'] = r.ratio;
  }
  console.log('\ntraining step in headless Chromium, d=16 h=32 CF 1.25 (ms, median)');
  console.table([...table.values()]);
  for (const n of train.notes) console.log(`note: ${n}`);
  keep('train-step', train.rows);
}

// the speed goal: the wasm step and the PyTorch step in alternation (see bench/versus.ts)
const versus = await benchVersus(smoke ? VERSUS_SMOKE : undefined);
if (versus) {
  console.log('\ntfjs wasm step vs PyTorch on one thread, alternating rounds (ms, median; ratio = PyTorch ÷ tfjs per round, median)');
  console.table(versus.map(({ backend, variant, ms, ratio }) => ({ backend, variant, ms, ratio })));
  keep('versus', versus);
}

const flow = await benchFlowDraw(smoke ? FLOW_SMOKE : undefined);
if (flow) {
  console.log('\nrouting flow: one drawFlow call, k=2 (ms, median; baseline: an empty frame)');
  console.table(flow.map(({ variant, T, E, ms, baselineMs }) => ({ variant, T, E, ms, baselineMs })));
  keep('flow-draw', flow);
}

const longTasks = await benchLongTasks(smoke ? LONG_TASKS_SMOKE : undefined);
if (longTasks) {
  console.log('\nmain-thread long tasks (> 50 ms): idle page and training at the defaults (10 s), the heavy links E=512 T=16384 (load, 20 s of training; median of 3); wall ms and thread ms');
  console.table(longTasks.map(({ variant, backend, ms, cpuMs, count, steps }) => ({ variant, backend, 'longest ms': ms, 'thread ms': cpuMs ?? '', count, steps })));
  keep('long-tasks', longTasks);
}

// a 100 MB router trace opens without freezing the page (bench/traceOpen.ts; goal: no task over 50 ms)
const traceOpen = await benchTraceOpen(smoke ? TRACE_OPEN_SMOKE : undefined);
if (traceOpen) {
  console.log('\nopening a synthetic own-format trace on the trace page: the longest main-thread task, pick to views drawn (baseline: the page reading the bytes), and a layer switch (ms, median of 3)');
  console.table(traceOpen.map(({ variant, ms, baselineMs, ratio, count }) => ({ variant, ms, baselineMs, ratio, count })));
  keep('trace-open', traceOpen);
}

const firstStep = await benchFirstStep(smoke ? FIRST_STEP_SMOKE : undefined);
if (firstStep) {
  console.log('\nthe first minute in a fresh profile, auto and pinned wasm, and embedded with autoplay (ms from navigation start or the Play click, median)');
  console.table(firstStepTable(firstStep));
  keep('first-step', firstStep);
}

// does the toy show ST-MoE's ordering? (bench/fidelity.ts; the findings print "holds" or "fails")
const fidelity = await benchFidelity(smoke ? FIDELITY_SMOKE : undefined);
for (const r of fidelity) {
  console.log(`\nfidelity on ${r.dataset}, ${r.seeds} seeds: held-out loss (lower is better) beside ST-MoE's negative log perplexity (higher is better)`);
  console.table(fidelityTable(r));
  for (const f of r.findings) console.log(`${f.holds ? 'holds' : 'fails'}  ${f.name}: ${f.mean.toFixed(4)} ± ${f.se.toFixed(4)} (${f.rule})`);
}
keep('fidelity', fidelity.flatMap((r) => r.rows));

// does the streamed text keep the model from memorising? (bench/textBaseline.ts: step 3,000 against its minimum and a bigram)
const textBaseline = await benchTextBaseline(smoke ? TEXT_BASELINE_SMOKE : undefined);
console.log(`\ntext at the app defaults, held-out loss every ${textBaseline.curve[0].step} steps\n${textBaselineSummary(textBaseline)}`);
keep('text-baseline', textBaseline.rows);

// the tasks at the app's defaults: experts alive on the teacher, 2D sets still learning at 500
const taskDefaults = await benchTaskDefaults(smoke ? TASK_DEFAULTS_SMOKE : undefined);
console.log(`\ntasks at the app defaults\n${taskDefaultsSummary(taskDefaults.goals)}`);
keep('task-defaults', taskDefaults.rows);

// experiments use the cores: a 2 × 2 sweep on 1 worker against 2 (bench/sweepPool.ts; goal ≥ 1.6×)
const sweepPool = await benchSweepPool(smoke ? SWEEP_POOL_SMOKE : undefined);
console.log('\nsweep pool: 4 jobs on worker threads, 1 worker against 2, alternating (ms, median of the runs)');
console.table(sweepPool.map(({ variant, ms, ratio, cores }) => ({ variant, ms, ratio, cores })));
keep('sweep-pool', sweepPool);

// the ST-MoE sweep the sweep page offers, run headless: the toy's table beside the paper's
const stmoe = await benchStMoeSweep(smoke ? STMOE_SMOKE : undefined);
printStMoe(stmoe);
keep('stmoe-sweep', stmoe.rows);

/** The headline numbers of a full run, against the goals. */
function summary(): void {
  const at = (rows: BenchRow[] | null | undefined, backend: string | null, variant: string) =>
    rows?.find(
      (r) => (backend === null || r.backend === backend) && r.variant === variant && r.T === HEADLINE.T && r.E === HEADLINE.E && r.k === HEADLINE.k,
    );
  const fmt = (r: BenchRow | undefined) => (r ? `${r.ms} ms` : 'n/a');
  console.log(`\n## Bench summary (T=${HEADLINE.T} E=${HEADLINE.E} k=${HEADLINE.k} d=16 h=32, ms per training step, median)\n`);
  console.log('| backend | step (sparse) | forward sparse | forward dense | dense / sparse forward |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const b of ['wasm', 'webgl', 'cpu', 'webgpu']) {
    const step = at(train?.rows, b, 'step sparse');
    if (!step) continue;
    const dense = at(train?.rows, b, 'forward dense');
    console.log(`| ${b} | ${fmt(step)} | ${fmt(at(train?.rows, b, 'forward sparse'))} | ${fmt(dense)} | ${dense?.ratio ?? 'n/a'}× |`);
  }
  const wasmStep = versus?.find((r) => r.variant === 'step');
  for (const r of versus?.filter((x) => x.variant !== 'step') ?? []) {
    const verdict = (r.ratio ?? 0) > 1 ? `tfjs is ${r.ratio}× faster` : `tfjs takes ${(1 / (r.ratio ?? 1)).toFixed(2)}× as long`;
    console.log(`\nwasm step ${wasmStep?.ms} ms vs PyTorch ${r.variant} ${r.ms} ms (${r.backend}), ${r.count} alternating rounds: ${verdict}`);
  }
  if (firstStep) console.log(`\n${firstStepSummary(firstStep)}`);
}

// a smoke run also starts the iteration tools outside the full run, whose output is what they print
if (smoke) await smokeScripts();
else summary();
console.log(`\nnpm run bench${smoke ? ' -- --smoke' : ''}: ${((performance.now() - t0) / 1000).toFixed(0)} s in all`);
