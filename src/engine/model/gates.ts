// Differentiable twins of route()'s gate weights: the same formulas in tfjs, applied to the
// indices route() chose, so gradients reach the router; and the mean router score Pᵢ of the
// load-balance loss as tfjs ops. tests/engine/model/twins.test.ts holds each against route().
// The auxiliary losses themselves are in routerLoss.ts.

import { gateFormula, needs, type GateSettings } from '../routing/traits';
import type { Scheme, ScoreFunction } from '../routing/types';
import { tf } from './tf';

type Save = (tensors: tf.Tensor[]) => void;

/** The scheme and the settings its gate reads (traits.ts gateFormula), with the tensors. */
export interface GateInputs extends Omit<GateSettings, 'k'> {
  scheme: Scheme;
  /** schemes that need it (deepseek): a factor on every routed weight */
  routedScale: number;
  /** [T, E] router logits (for noisy-topk, the clean ones) */
  logits: tf.Tensor2D;
  /** noisy-topk: [T, E] noise already scaled, as passed to route() */
  noise?: tf.Tensor2D;
}

/**
 * Pick the [T, k] chosen entries of a [T, E] tensor: a GatherNd at (t, e) pairs. Its gradient
 * (tf.gatherND's own is not registered) is a ScatterNd back to [T, E], or, given `choiceOfFlat`
 * (the choice at each t·E + e, T·k if none), a [T·E] gather from dy.
 */
function pick(scores: tf.Tensor2D, choiceIdx: tf.Tensor2D, T: number, k: number, choiceOfFlat?: Int32Array): tf.Tensor2D {
  const op = tf.customGrad((...inputs) => {
    const s = inputs[0] as tf.Tensor2D;
    (inputs[1] as Save)([choiceIdx]);
    const value = tf.reshape(tf.gatherND(s, choiceIdx), [T, k]) as tf.Tensor2D;
    const shape = s.shape;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const flat = tf.reshape(dy, [T * k]);
      if (!choiceOfFlat) return tf.scatterND(saved[0], flat, shape);
      const padded = tf.reshape(tf.concat([flat, tf.zeros([1])]), [T * k + 1, 1]);
      return tf.reshape(tf.gatherND(padded, tf.tensor2d(choiceOfFlat, [choiceOfFlat.length, 1], 'int32')), shape);
    };
    return { value, gradFunc };
  });
  return op(scores) as tf.Tensor2D;
}

/**
 * Gate weights [T, k] of the chosen slots, before any drop, for the schemes where tokens choose.
 * choiceIdx: [T*k, 2] int32 (token, expert) of each choice (ChoicePlan.choiceIdx);
 * choiceOfFlat: its inverse (ChoicePlan.choiceOfFlat), to pass where ScatterNd is slow: the
 * gradient then gathers instead (WebGL's ScatterNd loops over every update for every output).
 */
export function gateWeights(g: GateInputs, choiceIdx: tf.Tensor2D, T: number, k: number, choiceOfFlat?: Int32Array): tf.Tensor2D {
  const weights = unscaledGateWeights(g, choiceIdx, T, k, choiceOfFlat);
  return needs(g.scheme, 'routed-scale') && g.routedScale !== 1 ? tf.mul(weights, g.routedScale) : weights;
}

function unscaledGateWeights(g: GateInputs, choiceIdx: tf.Tensor2D, T: number, k: number, choiceOfFlat?: Int32Array): tf.Tensor2D {
  const chosen = (scores: tf.Tensor2D) => pick(scores, choiceIdx, T, k, choiceOfFlat);
  const formula = gateFormula(g.scheme, { ...g, k });
  switch (formula) {
    case 'uniform':
      return tf.fill([T, k], 1 / k) as tf.Tensor2D;
    case 'normalised-sigmoid': {
      const s = chosen(tf.sigmoid(g.logits));
      return tf.div(s, tf.sum(s, 1, true));
    }
    case 'sigmoid':
      return chosen(tf.sigmoid(g.logits));
    case 'topk-softmax':
      return tf.softmax(chosen(g.noise ? tf.add(g.logits, g.noise) : g.logits));
    case 'softmax-topk':
      // softmax then pick: the same weights as exp(logSoftmax), and its gradient needs no second
      // exp over [T, E] (logSoftmax's does: on wasm that exp is 10–15 ms at T = 4,096, E = 256)
      return chosen(tf.softmax(g.logits));
    case 'softmax-topk-renorm': {
      const p = chosen(tf.softmax(g.logits));
      return tf.div(p, tf.sum(p, 1, true));
    }
    default:
      throw new RangeError(`${g.scheme} has no per-token gate weights (its gate is ${formula})`);
  }
}

/** Pᵢ of the load-balance loss as a tensor: mean router score per expert (sigmoid scores: normalised per token). */
export function meanScoresTensor(scores: ScoreFunction, logits: tf.Tensor2D): tf.Tensor1D {
  if (scores === 'sigmoid') {
    const s = tf.sigmoid(logits);
    return tf.mean(tf.div(s, tf.sum(s, 1, true)), 0);
  }
  return tf.mean(tf.softmax(logits), 0);
}
