// Snapshots for component tests, made by the real engine (route() on seeded logits) and put
// together by the worker's own snapshotOf, so a view is tested against the data the worker sends.

import { randomLogits } from '../../src/engine/datasets/randomLogits';
import { routingMetrics } from '../../src/engine/model/metrics';
import type { StepMetrics } from '../../src/engine/model/trainerApi';
import { route } from '../../src/engine/routing/route';
import type { RouterSpec } from '../../src/engine/routing/types';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/engine/config';
import type { HistoryRows, PartitionGrid, Snapshot } from '../../src/worker/protocol';
import { snapshotOf } from '../../src/worker/snapshotOf';

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

/** A fixture carries its whole batch and every score (sampled.test.ts samples one as the worker would). */
const WHOLE_BATCH = { probs: Infinity, tokens: Infinity, slots: Infinity };

export function makeSnapshot(opts: FixtureOptions = {}): Snapshot {
  const T = opts.T ?? 32;
  const E = opts.E ?? 4;
  const step = opts.step ?? 10;
  const seed = opts.seed ?? 7;
  const logits = randomLogits(T, E, seed);
  const spec: RouterSpec = { scheme: 'token-choice', k: 2, capacityFactor: 1, ...opts.spec };
  const r = route(logits, T, E, spec);
  const rows = opts.historyRows ?? 1;
  const routed = routingMetrics(r, logits);
  const history: HistoryRows = {
    step: Int32Array.from({ length: rows }, (_, i) => step - rows + 1 + i),
    taskLoss: Float32Array.from({ length: rows }, (_, i) => 1.2 / (1 + 0.05 * (step - rows + 1 + i))),
    accuracy: Float32Array.from({ length: rows }, (_, i) => Math.min(0.99, 0.3 + 0.01 * (step - rows + 1 + i))),
    balanceLoss: Float32Array.from({ length: rows }, () => 1.05),
    zLoss: Float32Array.from({ length: rows }, () => 0.5),
    dropRate: Float32Array.from({ length: rows }, () => routed.dropRate),
    entropy: Float32Array.from({ length: rows }, () => 1.1),
    kept: Int32Array.from({ length: rows * E }, (_, i) => r.kept[i % E]),
  };
  const metrics: StepMetrics = {
    step,
    taskLoss: history.taskLoss[rows - 1],
    accuracy: history.accuracy[rows - 1],
    ...routed,
    load: r.load,
    kept: r.kept,
    capacity: r.capacity,
  };
  const labels = Int32Array.from({ length: T }, (_, t) => t % 3);
  const tokens = Int32Array.from({ length: T }, (_, t) => 1 + (t % (FIXTURE_VOCAB.length - 1)));
  const batch = opts.text
    ? { labels, tokenIds: tokens, domain: Uint8Array.from({ length: T }, (_, t) => t % FIXTURE_DOMAINS.length) }
    : { labels, tokenIds: tokens, points: Float32Array.from({ length: 2 * T }, (_, i) => Math.sin(i * 1.7) * 0.9) };
  const predicted = Int32Array.from({ length: T }, (_, t) => (t % 5 === 0 ? (t + 1) % 3 : t % 3));
  return snapshotOf(
    metrics,
    { routing: r, batch, predicted, bias: spec.bias },
    {
      routedWith: routedWith(spec, T, E, opts.text),
      history,
      domainShare: opts.text ? domainShare(E) : undefined,
      grid: opts.grid ? makeGrid(8, E) : undefined,
      stepsPerSecond: 42,
      stepMs: 24,
    },
    WHOLE_BATCH,
  );
}

/** Each domain mostly on one expert: domain g on expert g mod E. */
function domainShare(E: number): Float32Array {
  return Float32Array.from({ length: FIXTURE_DOMAINS.length * E }, (_, i) => (i % E === Math.floor(i / E) % E ? 0.7 : 0.3 / (E - 1)));
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
    scoreFunction: spec.scoreFunction ?? DEFAULT_CONFIG.scoreFunction,
    groupScore: spec.groupScore ?? DEFAULT_CONFIG.groupScore,
    normalizeWeights: spec.normalizeWeights ?? DEFAULT_CONFIG.normalizeWeights,
    seqLen: spec.seqLen ?? DEFAULT_CONFIG.seqLen,
    segmentLen: spec.segmentLen ?? DEFAULT_CONFIG.segmentLen,
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
