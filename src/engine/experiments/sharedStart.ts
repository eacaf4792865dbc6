// What two runs of an A/B comparison do not share at the start or along the way, when both train
// from the same seed: the weights whose starting values differ (by name), the data and batch
// stream, the router's noise draws, and the seed itself. The weight list mirrors the model's
// constructors (network.ts, layer.ts, experts.ts: names, shapes and the scale each is drawn at);
// tests/engine/sharedStart.test.ts holds it to the real model's variables.

import { effectiveSizes, isPointSet, type MoeConfig } from '../config';
import { CORPUS, DOMAIN_IDS } from '../datasets/corpus';
import { STREAM_VOCAB } from '../datasets/grammar';
import { VOCAB_CAP } from '../datasets/own';
import { POINT_SHAPES } from '../datasets/pointShapes';
import { TEACHER_CLASSES } from '../datasets/teacher';
import { buildVocab } from '../datasets/vocab';
import type { PerExpert } from '../model/init';
import { needs } from '../routing/traits';

/**
 * One weight as the model makes it: drawn from N(0, std²), or filled with a constant. Under
 * 'by-name' (model/init.ts) a weight is drawn from (seed, its name), and one with a slice per
 * expert draws each slice from (seed, name, expert): `perExpert` names that axis.
 */
export interface WeightSpec {
  name: string;
  shape: number[];
  init: { kind: 'normal'; std: number } | { kind: 'constant'; value: number };
  perExpert?: PerExpert;
}

const softplusInverse = (y: number) => Math.log(Math.expm1(Math.max(y, 1e-4)));

/** the own text's largest vocabulary: its kept characters, the pad and the unknown token */
const OWN_VOCAB_MAX = VOCAB_CAP + 2;

let corpusVocabSize: number | null = null;
/** the small fixed corpus's vocabulary, built once (about 8 ms) and only when asked for */
function corpusVocab(): number {
  corpusVocabSize ??= buildVocab(DOMAIN_IDS.flatMap((id) => CORPUS[id])).length;
  return corpusVocabSize;
}

/** The model's input and head sizes from the dataset's settings, without making the dataset. */
function dataShape(c: MoeConfig): { vocab?: number; inputDim: number; classes: number; gain: number; inputBias: number } {
  if (c.dataset === 'text') return { vocab: STREAM_VOCAB.length, inputDim: c.d * c.context, classes: STREAM_VOCAB.length, gain: 1, inputBias: 0.5 };
  // the corpus keeps no input bias (trainingData.ts networkShape)
  if (c.dataset === 'corpus') return { vocab: corpusVocab(), inputDim: c.d * c.context, classes: corpusVocab(), gain: 1, inputBias: 0 };
  // the own text's vocabulary is known once its text is read: its cap, the same in both arms of one text
  if (c.dataset === 'own') return { vocab: OWN_VOCAB_MAX, inputDim: c.d * c.context, classes: OWN_VOCAB_MAX, gain: 1, inputBias: 0.5 };
  if (isPointSet(c.dataset)) return { inputDim: 2, classes: POINT_SHAPES[c.dataset].classes, gain: 2, inputBias: 0.5 };
  return { inputDim: c.inputDim, classes: TEACHER_CLASSES, gain: 1, inputBias: 0.5 };
}

/** Every weight of a run's model, in the order the trainer makes them (the MoE layer first). */
export function weightSpecs(c: MoeConfig): WeightSpec[] {
  const { E, h } = effectiveSizes(c);
  const d = c.d;
  const S = c.sharedExperts;
  const normal = (name: string, shape: number[], std: number, perExpert?: PerExpert): WeightSpec => ({ name, shape, init: { kind: 'normal', std }, ...(perExpert && { perExpert }) });
  const constant = (name: string, shape: number[], value: number): WeightSpec => ({ name, shape, init: { kind: 'constant', value } });
  const out: WeightSpec[] = [
    normal('router', [d, E], 1 / Math.sqrt(d), 'last-axis'),
    constant('router.noiseW', [d, E], 0),
    constant('router.noiseB', [E], softplusInverse(c.routerNoise)),
    normal('experts.w1', [E, d, h], Math.sqrt(2 / d), 'first-axis'),
    constant('experts.b1', [E * h], 0),
    normal('experts.w2', [E, h, d], 0.1 / Math.sqrt(h), 'first-axis'),
    constant('experts.b2', [E * d], 0),
  ];
  if (S > 0) {
    out.push(
      normal('shared.w1', [d, S * h], Math.sqrt(2 / d)),
      constant('shared.b1', [S * h], 0),
      normal('shared.w2', [S * h, d], 0.1 / Math.sqrt(h)),
      constant('shared.b2', [d], 0),
    );
    if (c.sharedGate) out.push(normal('shared.gate', [d, 1], 0.02));
  }
  const data = dataShape(c);
  if (data.vocab !== undefined) out.push(normal('embedding', [data.vocab, d], 0.5));
  out.push(
    normal('input.w', [data.inputDim, d], Math.sqrt(1 / data.inputDim) * data.gain),
    normal('input.b', [d], data.inputBias),
    normal('head.w', [d, data.classes], 1 / Math.sqrt(d)),
    constant('head.b', [data.classes], 0),
  );
  return out;
}

/** The settings each dataset's examples depend on, beside the seed (trainingData.ts datasetOf). */
function dataKeys(c: MoeConfig): (keyof MoeConfig)[] {
  if (c.dataset === 'teacher') return ['inputDim', 'teacherExperts'];
  if (c.dataset === 'text' || c.dataset === 'corpus') return ['context'];
  if (c.dataset === 'own') return ['context', 'ownText'];
  return ['dataSize', 'dataNoise', 'dataDetail'];
}

/** Why a weight starts from different values in the two arms. */
export type WeightWhy =
  /** one arm has no such weight (no shared experts, no embedding on points) */
  | 'only-a'
  | 'only-b'
  /** the shapes differ */
  | 'shape'
  /** only the number of experts differs: experts 0 … shared − 1 start equal, the rest are the larger arm's own */
  | 'experts'
  /** the same shape, drawn at another scale (shared experts' width split another way) */
  | 'scale'
  /** the same shape, filled with another constant (the router noise's starting scale) */
  | 'value'
  /** one stream of draws, and a weight drawn before this one differs in size */
  | 'stream'
  /** the arms draw their weights differently (by name, or from one stream) */
  | 'init';

export type NotShared =
  /** different seeds: no draw is shared (weights, data, batches, noise) */
  | { what: 'seed'; a: number; b: number }
  | { what: 'weight'; name: string; why: WeightWhy; a: number[] | null; b: number[] | null; shared?: number }
  /** the examples themselves differ (the held-out set too): the settings that make them differ */
  | { what: 'data'; keys: (keyof MoeConfig)[] }
  /** the batches each step trains on differ: because the data differs, or T does */
  | { what: 'batches'; keys: (keyof MoeConfig)[] }
  /** noisy top-k's noise draws: only one arm draws them, or their T × E differ */
  | { what: 'noise'; why: 'only-a' | 'only-b' | 'shape' };

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((n, i) => n === b[i]);
const size = (shape: number[]) => shape.reduce((p, n) => p * n, 1);

/**
 * Drawn per expert, at one scale, and differing only in the number of experts: how many experts
 * start equal in both (the smaller count). Null otherwise.
 */
function expertsInCommon(x: WeightSpec, y: WeightSpec): number | null {
  if (!x.perExpert || x.perExpert !== y.perExpert || sameShape(x.shape, y.shape)) return null;
  if (x.init.kind !== 'normal' || y.init.kind !== 'normal' || x.init.std !== y.init.std) return null;
  const axis = x.perExpert === 'first-axis' ? 0 : x.shape.length - 1;
  const rest = (s: number[]) => s.filter((_, i) => i !== axis);
  if (x.shape.length !== y.shape.length || !sameShape(rest(x.shape), rest(y.shape))) return null;
  return Math.min(x.shape[axis], y.shape[axis]);
}

function weightsNotShared(a: MoeConfig, b: MoeConfig): NotShared[] {
  const wa = weightSpecs(a);
  const wb = weightSpecs(b);
  const byName = new Map(wb.map((w) => [w.name, w]));
  const initA = a.weightInit;
  const differentInit = initA !== b.weightInit;
  // 'stream': the draws a weight starts at, per arm (constants draw nothing)
  const offsets = (list: WeightSpec[]) => {
    const at = new Map<string, number>();
    let n = 0;
    for (const w of list) {
      at.set(w.name, n);
      if (w.init.kind === 'normal') n += size(w.shape);
    }
    return at;
  };
  const offA = offsets(wa);
  const offB = offsets(wb);
  const out: NotShared[] = [];
  for (const x of wa) {
    const y = byName.get(x.name);
    if (!y) {
      out.push({ what: 'weight', name: x.name, why: 'only-a', a: x.shape, b: null });
      continue;
    }
    let why: WeightWhy | null = null;
    const common = initA === 'by-name' && !differentInit && x.init.kind === 'normal' && y.init.kind === 'normal' ? expertsInCommon(x, y) : null;
    if (common !== null) {
      out.push({ what: 'weight', name: x.name, why: 'experts', a: x.shape, b: y.shape, shared: common });
      continue;
    }
    if (!sameShape(x.shape, y.shape)) why = 'shape';
    else if (x.init.kind === 'constant' && y.init.kind === 'constant') why = x.init.value === y.init.value ? null : 'value';
    else if (x.init.kind === 'normal' && y.init.kind === 'normal') {
      if (x.init.std !== y.init.std) why = 'scale';
      else if (differentInit) why = 'init';
      else if (initA === 'stream' && offA.get(x.name) !== offB.get(x.name)) why = 'stream';
    }
    if (why) out.push({ what: 'weight', name: x.name, why, a: x.shape, b: y.shape });
  }
  const inA = new Set(wa.map((w) => w.name));
  for (const y of wb) if (!inA.has(y.name)) out.push({ what: 'weight', name: y.name, why: 'only-b', a: null, b: y.shape });
  return out;
}

/**
 * What arms a and b do not share. Empty: they start from the same weights and train on the same
 * batches with the same noise, so any difference in their curves comes from their settings.
 */
export function notShared(a: MoeConfig, b: MoeConfig): NotShared[] {
  if (a.seed !== b.seed) return [{ what: 'seed', a: a.seed, b: b.seed }];
  const out = weightsNotShared(a, b);
  const data: (keyof MoeConfig)[] =
    a.dataset !== b.dataset ? ['dataset'] : dataKeys(a).filter((k) => a[k] !== b[k]);
  if (data.length) out.push({ what: 'data', keys: data });
  // the batch stream is mulberry32(seed ^ BATCH_SALT), drawn T examples a step (trainer.ts)
  const batches: (keyof MoeConfig)[] = a.tokens !== b.tokens ? ['tokens', ...data] : data;
  if (batches.length) out.push({ what: 'batches', keys: batches });
  // noisy top-k draws T × E normals a step from its own stream, laid out token by expert
  const drawsA = needs(a.scheme, 'noise');
  const drawsB = needs(b.scheme, 'noise');
  if (drawsA !== drawsB) out.push({ what: 'noise', why: drawsA ? 'only-a' : 'only-b' });
  else if (drawsA && (a.tokens !== b.tokens || effectiveSizes(a).E !== effectiveSizes(b).E)) out.push({ what: 'noise', why: 'shape' });
  return out;
}
