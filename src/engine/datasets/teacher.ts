// A hidden teacher MoE labels Gaussian inputs: unlimited data, so training and held-out losses
// agree, and a student token that is dropped, or sent to an expert that did not learn its
// teacher expert's function, costs loss. The sizes below are the ones with which the capacity
// factor, top-k and balance-loss effects of the ST-MoE paper showed on this engine: sampled
// labels (not the argmax) keep the balance loss able to win against the pull to specialise, and
// teacher experts of equal shares keep the student from copying an imbalance.

import { mulberry32, normal } from '../rng';
import type { TeacherData, TeacherNet, TeacherSplit } from './types';

export const TEACHER_HIDDEN = 16;
export const TEACHER_CLASSES = 8;
/** labels are drawn from softmax(teacher logits / this) */
export const TEACHER_TEMPERATURE = 0.5;
export const TEACHER_TEST_SIZE = 4096;
/** the calibration stops when every teacher expert's share is this close to 1/Et */
export const CALIBRATION_TOLERANCE = 0.005;

const WEIGHTS_SALT = 0x7eac4e12;
const CALIBRATION_SALT = 0x0ca11b7a;
const TEST_SALT = 0x4e1d0a7e;
const CALIBRATION_DRAWS = 8192;
const CALIBRATION_ROUNDS = 500;
const HIDDEN_BIAS_SCALE = 0.5;

/** The teacher's shape, settings of the task: its input dimension and its number of experts. */
export interface TeacherShape {
  inputDim: number;
  experts: number;
}
/** the largest teacher: its experts are stored per example as a byte */
export const TEACHER_MAX_EXPERTS = 255;
export const TEACHER_MAX_INPUT_DIM = 256;

/** The teacher of a seed and shape: its router, its experts, and its held-out split. */
export function makeTeacher(seed: number, shape: TeacherShape): TeacherData {
  const { inputDim, experts } = shape;
  if (!Number.isInteger(inputDim) || inputDim < 1 || inputDim > TEACHER_MAX_INPUT_DIM) {
    throw new RangeError(`makeTeacher: inputDim must be an integer in 1..${TEACHER_MAX_INPUT_DIM}, got ${inputDim}`);
  }
  if (!Number.isInteger(experts) || experts < 1 || experts > TEACHER_MAX_EXPERTS) {
    throw new RangeError(`makeTeacher: experts must be an integer in 1..${TEACHER_MAX_EXPERTS}, got ${experts}`);
  }
  const net = teacherNet(seed, shape);
  return {
    kind: 'teacher',
    name: 'teacher',
    inputDim: net.D,
    classes: net.C,
    experts: net.Et,
    net,
    test: drawTeacher(net, TEACHER_TEST_SIZE, mulberry32(seed ^ TEST_SALT)),
  };
}

function teacherNet(seed: number, shape: TeacherShape): TeacherNet {
  const rand = mulberry32(seed ^ WEIGHTS_SALT);
  const D = shape.inputDim;
  const Et = shape.experts;
  const H = TEACHER_HIDDEN;
  const C = TEACHER_CLASSES;
  const draw = (n: number, scale: number) => Float32Array.from({ length: n }, () => normal(rand) * scale);
  const router = draw(D * Et, 1);
  const inW: Float32Array[] = [];
  const inB: Float32Array[] = [];
  const outW: Float32Array[] = [];
  for (let e = 0; e < Et; e++) {
    // He-style: a ReLU layer keeps its input's scale
    inW.push(draw(D * H, Math.sqrt(2 / D)));
    inB.push(draw(H, HIDDEN_BIAS_SCALE));
    outW.push(draw(H * C, Math.sqrt(2 / H)));
  }
  const net: TeacherNet = { D, Et, H, C, router, routerBias: new Float32Array(Et), inW, inB, outW };
  calibrate(net, mulberry32(seed ^ CALIBRATION_SALT));
  return net;
}

/**
 * Shift the router's biases until each teacher expert takes 1/Et of the calibration inputs (to
 * within CALIBRATION_TOLERANCE): a random linear router over Gaussian inputs gives shares of
 * about 0.06 to 0.20, and a student copies that imbalance. Raising an expert's bias only grows
 * its share, so moving each bias against its excess converges; the step shrinks when the worst
 * excess stops falling, so it cannot oscillate.
 */
export function calibrate(net: TeacherNet, rand: () => number): number[] {
  const x = Float32Array.from({ length: CALIBRATION_DRAWS * net.D }, () => normal(rand));
  // the inputs' router scores without the biases, once: a round then costs n·Et, not n·D·Et
  // (a 64-expert teacher over 32 inputs took 14 s to calibrate scoring every round afresh)
  const scores = routerScores(net, x);
  let rate = 2;
  let previous = Infinity;
  let shares = sharesOfScores(net, scores);
  for (let round = 0; round < CALIBRATION_ROUNDS; round++) {
    const worst = Math.max(...shares.map((s) => Math.abs(s - 1 / net.Et)));
    if (worst <= CALIBRATION_TOLERANCE) break;
    if (worst >= previous) rate /= 2;
    previous = worst;
    for (let e = 0; e < net.Et; e++) net.routerBias[e] -= rate * (shares[e] - 1 / net.Et);
    shares = sharesOfScores(net, scores);
  }
  return shares;
}

/** [n*Et] each input's router score per teacher expert, before the bias. */
function routerScores(net: TeacherNet, x: Float32Array): Float64Array {
  const n = x.length / net.D;
  const out = new Float64Array(n * net.Et);
  for (let i = 0; i < n; i++) {
    for (let e = 0; e < net.Et; e++) {
      let s = 0;
      for (let j = 0; j < net.D; j++) s += x[i * net.D + j] * net.router[j * net.Et + e];
      out[i * net.Et + e] = s;
    }
  }
  return out;
}

/** The share each teacher expert takes of the inputs whose scores these are, with today's biases. */
function sharesOfScores(net: TeacherNet, scores: Float64Array): number[] {
  const n = scores.length / net.Et;
  const counts = new Array<number>(net.Et).fill(0);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let e = 0; e < net.Et; e++) {
      const s = scores[i * net.Et + e] + net.routerBias[e];
      if (s > bestScore) [best, bestScore] = [e, s];
    }
    counts[best]++;
  }
  return counts.map((c) => c / n);
}

/** The share of the inputs x [n*D] that each teacher expert takes. */
export function teacherShares(net: TeacherNet, x: Float32Array): number[] {
  return sharesOfScores(net, routerScores(net, x));
}

/** The teacher expert of the input at x[at .. at+D-1]: top-1 of its router, ties to the lower. */
export function teacherExpert(net: TeacherNet, x: Float32Array, at: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let e = 0; e < net.Et; e++) {
    let s = net.routerBias[e];
    for (let i = 0; i < net.D; i++) s += x[at + i] * net.router[i * net.Et + e];
    if (s > bestScore) {
      bestScore = s;
      best = e;
    }
  }
  return best;
}

/** The teacher's class logits [C] for the input at x[at ..], written into `out`; returns its expert. */
export function teacherLogits(net: TeacherNet, x: Float32Array, at: number, out: Float64Array): number {
  const e = teacherExpert(net, x, at);
  const { D, H, C } = net;
  const inW = net.inW[e];
  const inB = net.inB[e];
  const outW = net.outW[e];
  out.fill(0);
  for (let j = 0; j < H; j++) {
    let s = inB[j];
    for (let i = 0; i < D; i++) s += x[at + i] * inW[i * H + j];
    if (s <= 0) continue;
    for (let c = 0; c < C; c++) out[c] += s * outW[j * C + c];
  }
  return e;
}

/**
 * softmax(logits / TEACHER_TEMPERATURE), the distribution a label is drawn from, written into
 * `out`. A batch reuses one `out`: two small arrays per example kept V8's array-buffer sweeper
 * busier than the training itself when two sweep workers ran at once.
 */
export function labelProbabilities(logits: Float64Array, out: Float64Array = new Float64Array(logits.length)): Float64Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v / TEACHER_TEMPERATURE);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    out[c] = Math.exp(logits[c] / TEACHER_TEMPERATURE - max);
    sum += out[c];
  }
  for (let c = 0; c < logits.length; c++) out[c] /= sum;
  return out;
}

/** One class drawn from the probabilities p by one uniform draw. */
export function sampleClass(p: Float64Array, rand: () => number): number {
  let u = rand();
  for (let c = 0; c < p.length - 1; c++) {
    u -= p[c];
    if (u < 0) return c;
  }
  return p.length - 1;
}

/**
 * n fresh examples from `rand`: inputs x ~ N(0, I_D), each labelled by a class sampled from
 * its teacher expert's tempered softmax. The same rand state gives the same examples, byte for byte.
 */
export function drawTeacher(net: TeacherNet, n: number, rand: () => number): TeacherSplit {
  const x = Float32Array.from({ length: n * net.D }, () => normal(rand));
  const y = new Int32Array(n);
  const expert = new Uint8Array(n);
  const logits = new Float64Array(net.C);
  const probs = new Float64Array(net.C);
  for (let i = 0; i < n; i++) {
    expert[i] = teacherLogits(net, x, i * net.D, logits);
    y[i] = sampleClass(labelProbabilities(logits, probs), rand);
  }
  return { x, y, expert };
}
