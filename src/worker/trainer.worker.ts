// The trainer in a Web Worker: the page's main thread only draws and handles input.
// Steps run back to back while playing; a snapshot goes out at most once per frame (~16 ms) and
// carries the metrics of every step since the previous one, so the charts miss nothing.

import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createTrainer, effectiveSizes, type StepMetrics, type Trainer } from '../engine/model';
import type { MoeConfig } from '../engine/config';
import { startBackend, type Candidate } from './backendChoice';
import { HistoryBuffer, DomainShare } from './collect';
import { sampleBatch } from './snapshotSample';
import { PROBS_LIMIT, transferables, type DataInfo, type EvalResult, type FromWorker, type Snapshot, type ToWorker } from './protocol';

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};
const FRAME_MS = 16;
/** the held-out split and the partition grid are refreshed at most this often while playing */
const EVAL_EVERY_MS = 500;
const GRID_EVERY_MS = 250;
const GRID_N = 40;

let trainer: Trainer | null = null;
let config: MoeConfig | null = null;
let cachedAuto: string | null = null;
let preview = true;
/** how long the last training step took, ms (the page's time guard learns this device's speed) */
let lastStepMs = 0;
let playing = false;
let lastPost = 0;
let lastEval = -Infinity;
let lastGrid = -Infinity;
let recentSteps: number[] = [];
let history = new HistoryBuffer(1);
let domainShare: DomainShare | null = null;
let pendingEval: EvalResult | undefined;
let maxRate: number | null = null;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

function dataInfo(t: Trainer): DataInfo {
  const d = t.data;
  return d.kind === 'points' ? { kind: 'points', classes: d.classes } : { kind: 'text', vocab: d.vocab, domains: [...d.domains] };
}

/**
 * `auto` starts at once: on the backend measured fastest on this device before, or on wasm,
 * which runs everywhere. Measuring the others happens in a separate worker while training is
 * paused (backendProbe), never before the first step.
 */
async function chooseBackend(c: MoeConfig, failed: string[]) {
  if (c.backend !== 'auto') return startBackend(c.backend, { wasmPaths }, failed);
  const measured = cachedAuto && !failed.includes(cachedAuto);
  const d = await startBackend((measured ? cachedAuto : 'wasm') as Candidate, { wasmPaths }, failed);
  return d.fellBack ? d : { ...d, auto: measured ? ('measured' as const) : ('first' as const) };
}

async function build(c: MoeConfig, failed: string[] = []): Promise<void> {
  trainer?.dispose();
  trainer = null;
  const decision = await chooseBackend(c, failed);
  trainer = await createTrainer(c, { backend: decision.backend });
  const { E } = effectiveSizes(c);
  history = new HistoryBuffer(E);
  domainShare = trainer.data.kind === 'text' ? new DomainShare(trainer.data.domains.length, E) : null;
  // with step 0 drawn, its snapshot evaluates first; without (autoplay), the first training
  // snapshot goes out at once and the held-out split and the grid follow a few frames later
  lastEval = preview ? -Infinity : performance.now() - EVAL_EVERY_MS / 2;
  lastGrid = preview ? -Infinity : performance.now() - GRID_EVERY_MS / 2;
  pendingEval = undefined;
  const note = failed.length ? `${failed.join(', ')} failed; ${decision.note}` : decision.note;
  post({
    type: 'ready',
    backend: trainer.backend,
    note,
    thread: self.constructor.name,
    data: dataInfo(trainer),
    fellBack: decision.fellBack || failed.length > 0,
    auto: 'auto' in decision ? decision.auto : undefined,
  });
  if (preview) await showStepZero(trainer);
}

/** The untrained router on the first batch, drawn in every panel before anything trains. */
async function showStepZero(t: Trainer): Promise<void> {
  const m = t.preview();
  await maybeEvaluate(t, true);
  history.push(m);
  if (domainShare && t.last?.batch.domain) domainShare.add(t.last.routing, t.last.batch.domain);
  const s = snapshotOf(m, t, true);
  post({ type: 'snapshot', snapshot: s }, transferables(s));
}

async function maybeEvaluate(t: Trainer, force: boolean): Promise<void> {
  const now = performance.now();
  if (!force && now - lastEval < EVAL_EVERY_MS) return;
  lastEval = now;
  const cf = t.config.evalCapacityFactor;
  const e = await t.evaluate(cf);
  pendingEval = { step: t.steps, taskLoss: e.taskLoss, accuracy: e.accuracy, dropRate: e.dropRate, capacityFactor: cf };
}

function snapshotOf(m: StepMetrics, t: Trainer, force: boolean): Snapshot {
  const view = t.last!;
  const r = view.routing;
  const now = performance.now();
  recentSteps = recentSteps.filter((x) => now - x < 1000);
  const s: Snapshot = {
    step: m.step,
    routedWith: { ...t.config },
    E: r.E,
    taskLoss: m.taskLoss,
    accuracy: m.accuracy,
    balanceLoss: m.balanceLoss,
    zLoss: m.zLoss,
    dropRate: m.dropRate,
    entropy: m.entropy,
    load: m.load.slice(),
    kept: m.kept.slice(),
    capacity: m.capacity,
    T: r.T,
    k: r.k,
    // the per-token arrays for a bounded sample of the batch's tokens (snapshotSample.ts)
    ...sampleBatch(r, view.batch, view.predicted, PROBS_LIMIT),
    bias: view.bias?.slice(),
    history: history.drain(),
    evaluation: pendingEval,
    domainShare: domainShare?.share(),
    stepsPerSecond: recentSteps.length,
    stepMs: lastStepMs,
  };
  pendingEval = undefined;
  if (t.data.kind === 'points' && (force || now - lastGrid >= GRID_EVERY_MS)) {
    lastGrid = now;
    s.grid = t.partitionGrid(GRID_N) ?? undefined;
  }
  return s;
}

/** One training step; posts a snapshot when a frame's time has passed (or `force`). */
async function stepOnce(force: boolean, quiet = false): Promise<boolean> {
  if (!trainer) return false;
  const started = performance.now();
  const m = await trainer.step();
  recentSteps.push(performance.now());
  lastStepMs = performance.now() - started;
  if (m.nonFinite) {
    playing = false;
    const c = trainer.config;
    const settings = `lr ${c.lr}, α ${c.balanceCoef}, β ${c.zLossCoef}, router ${c.scheme}, E ${c.experts}, k ${c.topK}`;
    post({ type: 'paused', reason: `${m.nonFinite} (${settings})`, step: trainer.steps });
    return false;
  }
  history.push(m);
  if (domainShare && trainer.last?.batch.domain) domainShare.add(trainer.last.routing, trainer.last.batch.domain);
  const now = performance.now();
  if (!quiet && (force || now - lastPost >= FRAME_MS)) {
    await maybeEvaluate(trainer, force);
    lastPost = performance.now();
    const s = snapshotOf(m, trainer, force);
    post({ type: 'snapshot', snapshot: s }, transferables(s));
  }
  return true;
}

async function loop(): Promise<void> {
  try {
    let due = performance.now();
    while (playing && (await stepOnce(maxRate !== null))) {
      // yield to the message queue so pause and set arrive between steps; slow motion waits longer
      due = maxRate === null ? performance.now() : Math.max(due + 1000 / maxRate, performance.now());
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  } catch (err) {
    await fail(err);
  }
}

async function runTo(target: number): Promise<void> {
  playing = false;
  while (trainer && trainer.steps < target - 1) {
    if (!(await stepOnce(false, true))) return;
  }
  if (trainer && trainer.steps < target) await stepOnce(true);
  post({ type: 'paused', reason: null, step: trainer?.steps ?? 0 });
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'configure':
      config = msg.config;
      cachedAuto = msg.cachedAuto ?? null;
      preview = msg.preview !== false;
      playing = false;
      post({ type: 'building' });
      await build(config);
      break;
    case 'reset':
      playing = false;
      post({ type: 'building' });
      if (config) await build(config);
      break;
    case 'play':
      if (!playing) {
        playing = true;
        void loop();
      }
      break;
    case 'pause':
      playing = false;
      post({ type: 'paused', reason: null, step: trainer?.steps ?? 0 });
      break;
    case 'step':
      playing = false;
      await stepOnce(true);
      break;
    case 'runTo':
      await runTo(msg.step);
      break;
    case 'speed':
      maxRate = msg.stepsPerSecond;
      break;
    case 'set':
      if (config) (config as unknown as Record<string, unknown>)[msg.key] = msg.value;
      trainer?.set(msg.key, msg.value);
      break;
  }
}

/** A backend that fails mid-run (a lost WebGL context, a missing kernel): rebuild on the next one. */
async function recover(err: unknown): Promise<boolean> {
  if (!config || !trainer) return false;
  const failedBackend = trainer.backend;
  if (failedBackend === 'cpu') return false;
  const why = err instanceof Error ? err.message : String(err);
  await build(config, [failedBackend]).catch(() => undefined);
  if (!trainer) return false;
  post({ type: 'error', message: `${failedBackend} failed (${why}); training restarted on ${trainer.backend} with the same settings` });
  return true;
}

// one message at a time, in order: a step never overlaps a rebuild
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  queue = queue
    .then(() => handle(event.data))
    .catch(fail);
};

async function fail(err: unknown): Promise<void> {
  playing = false;
  // a RangeError is a setting the engine rejects, not a broken backend
  if (err instanceof RangeError || !(await recover(err))) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
