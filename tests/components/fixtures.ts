// Snapshots for component tests, made by the real engine (route() on seeded logits), so a view
// is tested against the same shapes of data the worker sends.

import { randomLogits } from '../../src/engine/datasets/randomLogits';
import { loadBalanceLoss, routerEntropy, zLoss } from '../../src/engine/losses';
import { route } from '../../src/engine/routing/route';
import type { RouterSpec } from '../../src/engine/routing/types';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/engine/config';
import type { HistoryRows, PartitionGrid, Snapshot } from '../../src/worker/protocol';

export interface FixtureOptions {
  T?: number;
  E?: number;
  step?: number;
  seed?: number;
  spec?: Partial<RouterSpec>;
  /** text: attach tokens and domains; points (default): attach coordinates */
  text?: boolean;
  /** how many steps of history rows to attach (default 1: this step) */
  historyRows?: number;
  grid?: boolean;
}

export const FIXTURE_VOCAB = ['', ' ', 'a', 'b', 'c', '的', '是', '{', '}', '1', '+'];
export const FIXTURE_DOMAINS = ['English', 'Chinese', 'Code', 'Arithmetic'];

export function makeSnapshot(opts: FixtureOptions = {}): Snapshot {
  const T = opts.T ?? 32;
  const E = opts.E ?? 4;
  const step = opts.step ?? 10;
  const seed = opts.seed ?? 7;
  const logits = randomLogits(T, E, seed);
  const spec: RouterSpec = { scheme: 'token-choice', k: 2, capacityFactor: 1, ...opts.spec };
  const r = route(logits, T, E, spec);
  let choices = 0;
  let dropped = 0;
  for (let i = 0; i < r.experts.length; i++) {
    if (r.experts[i] < 0) continue;
    choices++;
    dropped += r.dropped[i];
  }
  const rows = opts.historyRows ?? 1;
  const history: HistoryRows = {
    step: Int32Array.from({ length: rows }, (_, i) => step - rows + 1 + i),
    taskLoss: Float32Array.from({ length: rows }, (_, i) => 1.2 / (1 + 0.05 * (step - rows + 1 + i))),
    accuracy: Float32Array.from({ length: rows }, (_, i) => Math.min(0.99, 0.3 + 0.01 * (step - rows + 1 + i))),
    balanceLoss: Float32Array.from({ length: rows }, () => 1.05),
    zLoss: Float32Array.from({ length: rows }, () => 0.5),
    dropRate: Float32Array.from({ length: rows }, () => (choices ? dropped / choices : 0)),
    entropy: Float32Array.from({ length: rows }, () => 1.1),
    kept: Int32Array.from({ length: rows * E }, (_, i) => r.kept[i % E]),
  };
  const snapshot: Snapshot = {
    step,
    routedWith: routedWith(spec, T, E, opts.text),
    E,
    taskLoss: history.taskLoss[rows - 1],
    accuracy: history.accuracy[rows - 1],
    balanceLoss: spec.scheme === 'expert-choice' || spec.scheme === 'soft' ? NaN : loadBalanceLoss(r),
    zLoss: zLoss(logits, T, E),
    dropRate: choices ? dropped / choices : 0,
    entropy: routerEntropy(r),
    load: r.load,
    kept: r.kept,
    capacity: r.capacity,
    T,
    k: r.k,
    experts: r.experts,
    weights: r.weights,
    dropped: r.dropped,
    probs: r.probs,
    bias: spec.bias,
    labels: Int32Array.from({ length: T }, (_, t) => t % 3),
    predicted: Int32Array.from({ length: T }, (_, t) => (t % 5 === 0 ? (t + 1) % 3 : t % 3)),
    history,
    stepsPerSecond: 42,
    stepMs: 24,
  };
  if (opts.text) {
    snapshot.tokens = Int32Array.from({ length: T }, (_, t) => 1 + (t % (FIXTURE_VOCAB.length - 1)));
    snapshot.domain = Uint8Array.from({ length: T }, (_, t) => t % FIXTURE_DOMAINS.length);
    snapshot.domainShare = Float32Array.from({ length: FIXTURE_DOMAINS.length * E }, (_, i) =>
      i % E === Math.floor(i / E) % E ? 0.7 : 0.3 / (E - 1),
    );
  } else {
    snapshot.points = Float32Array.from({ length: 2 * T }, (_, i) => Math.sin(i * 1.7) * 0.9);
  }
  if (opts.grid) snapshot.grid = makeGrid(8, E);
  return snapshot;
}

/** The settings a fixture's routing stands for: the defaults with the spec's router. */
function routedWith(spec: RouterSpec, T: number, E: number, text?: boolean): MoeConfig {
  return {
    ...DEFAULT_CONFIG,
    dataset: text ? 'text' : DEFAULT_CONFIG.dataset,
    tokens: T,
    experts: E,
    scheme: spec.scheme,
    topK: spec.k,
    normalize: spec.normalize ?? DEFAULT_CONFIG.normalize,
    capacityFactor: spec.capacityFactor ?? null,
    dropPolicy: spec.dropPolicy ?? DEFAULT_CONFIG.dropPolicy,
    groups: spec.groups ?? 1,
    topkGroups: spec.topkGroups ?? spec.groups ?? 1,
    routedScale: spec.routedScale ?? 1,
  };
}

/** A small grid with expert e owning the e-th vertical band of the plane. */
export function makeGrid(n: number, E: number): PartitionGrid {
  const expert = new Int16Array(n * n);
  const prob = new Float32Array(n * n);
  const predicted = new Uint8Array(n * n);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const i = row * n + col;
      expert[i] = Math.min(E - 1, Math.floor((col / n) * E));
      prob[i] = 0.5 + 0.5 * (row / (n - 1));
      predicted[i] = row < n / 2 ? 0 : 1;
    }
  }
  const expertProbs = new Float32Array(E * n * n);
  for (let e = 0; e < E; e++) for (let i = 0; i < n * n; i++) expertProbs[e * n * n + i] = expert[i] === e ? prob[i] : (1 - prob[i]) / Math.max(1, E - 1);
  return { n, min: -1.2, max: 1.2, expert, prob, predicted, expertProbs };
}
