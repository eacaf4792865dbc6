// The sparse MoE layer. Router logits are read back each step, route() makes every discrete
// choice, the experts run only on the tokens sent to them (grouped matmuls over a slot-major
// [slots, E, d] capacity buffer), and the gate weights are recomputed in tfjs so gradients
// reach the router.
// A dense "run every expert, then mask" path exists only as a baseline for tests and benchmarks.

import { balanceLossDefined } from './lossValues';
import type { BalanceVariant, WindowCounts } from './balanceVariants';
import type { BalanceType } from '../config';
import { route } from '../routing/route';
import { needs, traitsOf } from '../routing/traits';
import type { RouterKind } from '../config';
import type { DropPolicy, GroupScore, Normalize, RouteMode, Routing, Scheme, ScoreFunction } from '../routing/types';
import { copiesOnUpload, keepsTensorsInMemory } from './backend';
import { planChoices, planExpertChoice } from './dispatch';
import { RoutedExperts, SharedExperts } from './experts';
import { gatherRows, scatterRows } from './gather';
import { gateWeights } from './gates';
import { mergedExperts } from './mergedExperts';
import { auxLoss, type AuxCoefs, type LossScratch } from './routerLoss';
import { Initializer } from './init';
import { linear } from './matmul';
import { makeRouter, type RouterNet } from './router';
import { tf } from './tf';

export interface LayerShape {
  E: number;
  d: number;
  h: number;
  shared: number;
  sharedGate: boolean;
  /** initial scale of noisy top-k's learned noise */
  noiseScale: number;
  /** how the logits are made (router.ts); default linear */
  routerKind?: RouterKind;
}

export interface RouteSettings {
  scheme: Scheme;
  k: number;
  normalize: Normalize;
  capacityFactor: number | null;
  dropPolicy: DropPolicy;
  groups: number;
  topkGroups: number;
  routedScale: number;
  scoreFunction: ScoreFunction;
  groupScore: GroupScore;
  normalizeWeights: boolean;
  /** training (default) or evaluation: sinkhorn and base select differently in each */
  mode?: RouteMode;
  /** deepseek: selection bias, updated outside the gradient */
  bias?: Float32Array;
  /** hash: token ids */
  tokenIds?: Int32Array;
  hashSeed?: number;
  /** noisy-topk: [T*E] standard normal draws for this step */
  noiseDraws?: Float32Array;
  /** the batch's tokens per sequence (1: independent), and Lory's tokens per segment */
  seqLen?: number;
  segmentLen?: number;
  /** domain-random: each token's domain, and how many the task has */
  domains?: Uint8Array;
  domainCount?: number;
  /** training: the coefficients α (balance), β (z-loss) and α₂ (device balance) of the layer's auxiliary loss */
  auxCoefs?: AuxCoefs;
  /** the balance loss's variant (default 'aux': the micro-batch) */
  balanceType?: BalanceType;
  /** 'global': the counts of the window's earlier steps (the trainer keeps them) */
  balanceWindow?: WindowCounts;
}

export type ExpertPath = 'sparse' | 'dense';

export interface LayerOutput {
  /** [T, d] routed (and shared) expert output, to be added to the residual */
  y: tf.Tensor2D;
  routing: Routing;
  /** the logits that were routed, as read back */
  logits: Float32Array;
  /**
   * α·balance + β·z-loss as one loss of the router logits, where the settings give α and β
   * (training); null otherwise, or where both are 0
   */
  aux: tf.Scalar | null;
  /**
   * the same two losses as numbers, computed in JS with them (NaN where not defined), and the
   * router entropy of softmax scores from the same pass (NaN for deepseek)
   */
  values: { balance: number; z: number; entropy: number };
}

const softplusInverse = (y: number) => Math.log(Math.expm1(Math.max(y, 1e-4)));
const int1d = (a: Int32Array) => tf.tensor1d(a, 'int32');
const int2d = (a: Int32Array, cols: number) => tf.tensor2d(a, [a.length / cols, cols], 'int32');

export class MoeLayer {
  /** the router network: the logits of each token (linear, or Yuan 2.0-M32's attention router) */
  readonly router: RouterNet;
  readonly noiseW: tf.Variable; // [d, E]
  readonly noiseB: tf.Variable; // [E]
  readonly experts: RoutedExperts;
  readonly shared: SharedExperts | null;
  /** the auxiliary losses' gradient buffers, reused from step to step where the backend allows */
  private readonly lossScratch: LossScratch = {};

  constructor(
    init: Initializer,
    readonly shape: LayerShape,
  ) {
    const { E, d, h } = shape;
    this.router = makeRouter(shape.routerKind ?? 'linear', init, d, E);
    // noise = ε · softplus(x·Wn + bn): starts at the chosen scale, then learned (Shazeer 2017)
    this.noiseW = init.constant([d, E], 0, 'router.noiseW');
    this.noiseB = init.constant([E], softplusInverse(shape.noiseScale), 'router.noiseB');
    this.experts = new RoutedExperts(init, E, d, h);
    this.shared = shape.shared > 0 ? new SharedExperts(init, shape.shared, d, h, shape.sharedGate) : null;
  }

  get variables(): tf.Variable[] {
    return [...this.router.variables, this.noiseW, this.noiseB, ...this.experts.variables, ...(this.shared?.variables ?? [])];
  }

  /** Call inside tf.tidy (or a gradient tape): every tensor it makes is left to the caller's scope. */
  forward(x: tf.Tensor2D, s: RouteSettings, path: ExpertPath = 'sparse'): LayerOutput {
    const [T] = x.shape;
    const { E } = this.shape;
    const logits = this.router.logits(x);
    let noise: tf.Tensor2D | undefined;
    if (s.noiseDraws && needs(s.scheme, 'noise')) {
      const scale = tf.softplus(linear(x, this.noiseW as tf.Tensor2D, { bias: this.noiseB as tf.Tensor1D }));
      noise = tf.mul(tf.tensor2d(s.noiseDraws, [T, E]), scale) as tf.Tensor2D;
    }
    const logitsArr = logits.dataSync() as Float32Array;
    const routing = route(logitsArr, T, E, {
      scheme: s.scheme,
      k: s.k,
      normalize: s.normalize,
      capacityFactor: s.capacityFactor,
      dropPolicy: s.dropPolicy,
      groups: s.groups,
      topkGroups: s.topkGroups,
      routedScale: s.routedScale,
      scoreFunction: s.scoreFunction,
      groupScore: s.groupScore,
      normalizeWeights: s.normalizeWeights,
      mode: s.mode,
      bias: s.bias,
      tokenIds: s.tokenIds,
      seed: s.hashSeed,
      noise: noise ? (noise.dataSync() as Float32Array) : undefined,
      seqLen: s.seqLen,
      segmentLen: s.segmentLen,
      domains: s.domains,
      domainCount: s.domainCount,
    });

    let y: tf.Tensor2D;
    const { layer } = traitsOf(routing.scheme);
    if (layer === 'soft-slots') y = this.softMoe(x, logits);
    else if (layer === 'expert-slots') y = this.expertChoice(x, logits, routing, path);
    else if (layer === 'merged') y = mergedExperts(x, logits, routing, this.experts);
    else y = this.tokensChoose(x, logits, noise, routing, s, path);
    if (this.shared) y = tf.add(y, this.shared.apply(x)) as tf.Tensor2D;

    const scratch = copiesOnUpload(tf.getBackend()) ? this.lossScratch : undefined;
    const variant: BalanceVariant = {
      type: s.balanceType ?? 'aux',
      seqLen: s.seqLen ?? 1,
      window: s.balanceWindow,
      // the expert groups stand for devices where the router has groups (DeepSeek's)
      groups: needs(routing.scheme, 'expert-groups') ? s.groups : 1,
    };
    const { aux, values } = auxLoss(routing, logits, logitsArr, balanceLossDefined(routing), s.auxCoefs ?? null, scratch, variant);
    return { y, routing, logits: logitsArr, aux, values };
  }

  private tokensChoose(
    x: tf.Tensor2D,
    logits: tf.Tensor2D,
    noise: tf.Tensor2D | undefined,
    r: Routing,
    s: RouteSettings,
    path: ExpertPath,
  ): tf.Tensor2D {
    const { T, E, k } = r;
    const { d } = this.shape;
    // ScatterNd, the cheaper gate gradient on wasm and cpu, is a slow shader on the GPU backends,
    // which gather through the plan's inverse index instead
    const plan = planChoices(r, !keepsTensorsInMemory(tf.getBackend()));
    const gates = gateWeights(
      { ...s, scheme: r.scheme, logits, noise },
      int2d(plan.choiceIdx, 2),
      T,
      k,
      plan.choiceOfFlat,
    );
    // a dropped choice contributes nothing; survivors are not renormalised
    const kept = tf.mul(gates, tf.tensor2d(plan.keep, [T, k]));
    if (path === 'dense') {
      const mask = tf.oneHot(int1d(r.experts), E); // [T*k, E]
      const combine = tf.sum(tf.reshape(tf.mul(mask, tf.reshape(kept, [T * k, 1])), [T, k, E]), 1) as tf.Tensor2D;
      return this.denseCombine(x, combine);
    }
    const M = E * plan.slots;
    const dispatched = gatherRows(x, int1d(plan.tokenOfSlot), int2d(plan.slotsOfToken, plan.r));
    const out = tf.reshape(this.experts.apply(tf.reshape(dispatched, [plan.slots, E, d])), [M, d]) as tf.Tensor2D;
    const perChoice = gatherRows(out, int1d(plan.slotOfChoice), int2d(plan.choiceOfSlot, 1));
    return tf.sum(tf.reshape(tf.mul(perChoice, tf.reshape(kept, [T * k, 1])), [T, k, d]), 1);
  }

  private expertChoice(x: tf.Tensor2D, logits: tf.Tensor2D, r: Routing, path: ExpertPath): tf.Tensor2D {
    const { T, E } = r;
    const { d } = this.shape;
    const plan = planExpertChoice(r);
    const probs = tf.softmax(logits);
    if (path === 'dense') {
      const mask = new Float32Array(T * E);
      for (let s = 0; s < plan.tokenOfSlot.length; s++) mask[plan.flatOfSlot[s]] = 1;
      return this.denseCombine(x, tf.mul(probs, tf.tensor2d(mask, [T, E])) as tf.Tensor2D);
    }
    const M = E * plan.slots;
    const weight = gatherRows(tf.reshape(probs, [T * E, 1]), int1d(plan.flatOfSlot), int2d(plan.slotOfFlat, 1));
    const dispatched = gatherRows(x, int1d(plan.tokenOfSlot), int2d(plan.slotsOfToken, plan.r));
    const out = tf.reshape(this.experts.apply(tf.reshape(dispatched, [plan.slots, E, d])), [M, d]) as tf.Tensor2D;
    return scatterRows(tf.mul(out, weight), int2d(plan.slotsOfToken, plan.r), int1d(plan.tokenOfSlot));
  }

  /** Soft MoE, one slot per expert: slot inputs are token mixtures, outputs mix back per token. */
  private softMoe(x: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor2D {
    const { E, d } = this.shape;
    const dispatch = tf.softmax(tf.transpose(logits)); // [E, T]: softmax over tokens per slot
    const slotIn = tf.reshape(tf.matMul(dispatch, x), [1, E, d]) as tf.Tensor3D;
    const slotOut = tf.reshape(this.experts.apply(slotIn), [E, d]) as tf.Tensor2D;
    return tf.matMul(tf.softmax(logits), slotOut); // combine: softmax over slots per token
  }

  /** Baseline: every expert on every token, then weight by the [T, E] combine matrix. */
  private denseCombine(x: tf.Tensor2D, combine: tf.Tensor2D): tf.Tensor2D {
    const [T, d] = x.shape;
    const { E } = this.shape;
    const all = this.experts.apply(tf.tile(tf.reshape(x, [T, 1, d]), [1, E, 1]) as tf.Tensor3D); // [T, E, d]
    return tf.sum(tf.mul(all, tf.reshape(combine, [T, E, 1])), 1);
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
