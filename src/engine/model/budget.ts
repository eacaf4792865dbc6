// What one training step will cost, before the model is built: the peak memory of the model and
// one step, and a unitless work count that times a per-backend speed gives milliseconds. The
// guard uses them to warn ("about N s a step here") or to refuse a setting that cannot fit
// (#v=1&E=512&k=512&T=16384&d=128&h=512 wants tens of GB and used to hang silently).
//
// Memory is a tally of the buffers the code allocates (layer.ts, experts.ts, dispatch.ts,
// gates.ts, gather.ts, routerLoss.ts, route(), adam.ts, the worker's snapshot), counted in
// float32-sized units and rounded up where the count is unsure: a deliberate over-estimate.
//
// Time calibration (CALIBRATION and the work weights below): a least-squares fit in log(ms) over
// the wasm "step sparse" rows of bench/results/train-step.json (Chromium, d=16, h=32, T 256..16384,
// E 8..256, k 1..8), with Node wasm runs of the trainer (bench/wasmNode.ts's way) that vary d, h,
// the dataset, the router and m; those were noisy to 2× on a shared machine, so they set the
// weights of d, h, text and Adam only roughly. tests/engine/model/budget.test.ts holds every wasm
// row within 1.5× of its estimate. Other backends are one factor on wasm, the geometric mean of
// their ratio to the wasm estimate on the cells they ran (the bench's WebGL and WebGPU are software
// renderers: the factors over-estimate a real GPU until a step has been measured, and a measured
// pair replaces them).

import { drawsPlane, gateOf, isBackendName, isTextDataset, scoreFunctionOfConfig, type BackendName } from '../config';
import { effectiveSizes, type MoeConfig } from './config';
import { nextPow2 } from './dispatch';
import { routerBudget } from './budgetRouter';
import { traitsOf } from '../routing/traits';
import { mergeFloats, mergeWork } from './mergedBudget';
import { TEACHER_CLASSES } from '../datasets/teacher';
import { STREAM_VOCAB } from '../datasets/grammar';

const F32 = 4;
const MiB = 2 ** 20;
export const GiB = 2 ** 30;

/** Upper bounds of the data's sizes (tested against the datasets): point classes, the corpus's vocabulary (the streamed text's is STREAM_VOCAB, the teacher's are its constants). */
export const POINT_CLASSES_MAX = 3;
export const TEXT_VOCAB_MAX = 650;
/** the worker's partition map runs a forward pass on GRID_N² = 1600 points */
const GRID_POINTS = 1600;
/** evaluation runs forward passes of at most this many tokens */
const EVAL_TOKENS_MAX = 2048;
/**
 * Dropless buffers follow the busiest expert, rounded up to a power of two. With a fresh router
 * (three steps on cpu) it took up to 4× its even share T·k/E, and on the 2D point sets a share
 * of the whole batch whatever E is, since a linear router splits a plane into few regions: 0.31–
 * 0.39 of T at k=2, 0.64 at k=8, 0.72 at k=64; on text up to 0.12 at k=2, 0.3 at k=8.
 */
const DROPLESS_SKEW = 4;
const busiestShare = (k: number, text: boolean) => Math.min(0.9, (text ? 0.1 : 0.3) + 0.06 * k);
/** tfjs, the wasm module with its first 16 MiB heap, the dataset and the app */
const BASE_BYTES = 64 * MiB;

export const gpu = (backend: string) => backend === 'webgl' || backend === 'webgpu';

interface Shape {
  /** tokens, routed experts, experts per token and their hidden width (after m and H), hidden size */
  T: number; E: number; k: number; h: number; d: number;
  /** MH-MoE (multiHead.ts): H heads, R = T·H sub-tokens routed, of width w = d/H (H = 1: R = T, w = d) */
  H: number; R: number; w: number;
  /** shared experts' total width S·h */
  sh: number;
  /** a bound on the rows E·slots of the [slots, E, d] buffer the experts run on */
  M: number;
  /** input width, classes (text: the vocabulary), text context (0 for points) */
  inDim: number;
  C: number;
  ctx: number;
  /** what the router network adds beyond a linear router (budgetRouter.ts) */
  router: ReturnType<typeof routerBudget>;
}

/** The capacity factor a phase runs with: BASE trains at exactly T/E per expert and evaluates dropless. */
const phaseCf = (c: MoeConfig, train: boolean) => (traitsOf(c.scheme).exactShares ? (train ? 1 : null) : train ? c.capacityFactor : c.evalCapacityFactor);

function shapeOf(c: MoeConfig, T: number, cf: number | null): Shape {
  const { E, k, h: split } = effectiveSizes(c);
  const H = c.heads > 1 ? c.heads : 1; // a config saved before heads existed has none
  const [R, h] = [T * H, H > 1 ? Math.max(1, Math.round(split / H)) : split];
  const text = isTextDataset(c.dataset);
  const cf100 = cf === null ? null : Math.max(1, Math.round(cf * 100));
  // the rows E·slots of the [slots, E, d] buffer (dispatch.ts slotsPerExpert), bounded so that the
  // bound never falls as T, E or k grow, and so neither estimate does: E·ceil(n/E) < n + E;
  // expert choice takes min(T, ceil(T·CF/E)) per expert; dropless rounds the busiest expert's
  // load up to a power of two, under twice the load
  const { layer } = traitsOf(c.scheme);
  let M: number;
  if (layer === 'soft-slots') M = E;
  // one merged expert per row, on rows padded to whole groups
  else if (layer === 'merged') M = 2 * R;
  else if (layer === 'expert-slots') M = Math.min(E * R, (R * (cf100 ?? 200)) / 100 + E);
  else if (cf100 !== null) M = (R * k * cf100) / 100 + E;
  else {
    const byShare = E * nextPow2(Math.ceil(busiestShare(k, text) * R));
    M = Math.max(byShare, Math.min(E * nextPow2(R), 2 * DROPLESS_SKEW * R * k + E));
  }
  return {
    T, E, k, h, d: c.d, H, R, w: c.d / H, sh: c.sharedExperts * h, M,
    inDim: text ? c.d * c.context : c.dataset === 'teacher' ? c.inputDim : 2,
    C: c.dataset === 'text' ? STREAM_VOCAB.length : text ? TEXT_VOCAB_MAX : c.dataset === 'teacher' ? TEACHER_CLASSES : POINT_CLASSES_MAX,
    ctx: text ? c.context : 0,
    router: routerBudget(c, T * H, E, c.d / H),
  };
}

/** Parameters: the layer as cost.ts counts it (noise weights always exist), plus input and head. */
function params(s: Shape): { total: number; experts: number; largest: number } {
  const { E, d, w, h, sh, inDim, C, router } = s;
  // the layer's weights are the sub-tokens' (width w), its router w → E; MH-MoE adds W_head and W_merge
  const experts = E * (2 * w * h + h + w);
  const shared = sh > 0 ? 2 * w * sh + sh + 2 * w : 0;
  const net = inDim * d + d + (s.ctx ? C * d : 0) + d * C + C;
  const projections = s.H > 1 ? 2 * d * d : 0;
  const total = 2 * w * E + E + router.params + experts + shared + net + projections;
  return { total, experts, largest: Math.max(E * w * h, C * d, w * sh, inDim * d, w * E, projections / 2) };
}

/** float32 [T, E] buffers one step holds at once, per scheme (route() arrays, tensors, gradients) */
function scoreBuffers(c: MoeConfig, backend: string): number {
  // heap: logits, the aux-loss gradient's upload, its backward product, the gate gradient, their
  // sum, XNNPACK's packed copy of that sum in the router's weight gradient, and two for the heap's
  // fragmentation; JS: the readback, route()'s probs, the aux-loss scratch, the snapshot's probs,
  // and last step's readback and probs not yet collected. Node, wasm, T=16384 E=512: the heap
  // grew to 10 such buffers, the arrays to 5.3.
  const traits = traitsOf(c.scheme);
  const gate = gateOf(c);
  let n = 14;
  if (traits.needs.includes('noise')) n += 12; // draws, noise net, softplus, noisy logits, readback, backward
  else if (scoreFunctionOfConfig(c) === 'sigmoid') n += 10; // sigmoid, unshared loss buffers and their uploads
  else if (traits.layer === 'expert-slots') n += 16; // float64 probs, token-side arrays, slotOfFlat, softmax
  else if (traits.layer === 'soft-slots') n += 16; // float64 column softmax, token-side arrays, two softmaxes
  if (gate === 'softmax-topk' || gate === 'softmax-topk-renorm') n += 4; // a [T, E] softmax and its backward
  if (gpu(backend)) n += 3; // choiceOfFlat, as an array and a tensor, and the gate gradient's gather
  return n + traits.routeCost.buffers;
}

/** float32 units a step (or, with backward false, a forward pass) allocates outside the weights */
function stepFloats(c: MoeConfig, s: Shape, backend: string, backward: boolean): number {
  const { T, R, E, k, d, w, h, sh, M, C, ctx, inDim } = s;
  // [forward, forward and backward] per row; a forward pass (evaluation, the partition map)
  // keeps only the first
  const pick = ([fwd, all]: [number, number]) => (backward ? all : fwd);
  // input (text: the int32 one-hot context, its float copy for the matmul, and its transpose in
  // the embedding's gradient), hidden vector, residual, class logits with their readback and JS
  // gradient, the shared experts' hidden layer
  const perToken = pick([
    4 * d + 3 * C + (ctx ? ctx * (2 * TEXT_VOCAB_MAX + d) : inDim) + (sh > 0 ? 2 * sh + d : 0),
    12 * d + 6 * C + (ctx ? ctx * (3 * TEXT_VOCAB_MAX + 2 * d) : 2 * inDim) + (sh > 0 ? 5 * sh + 4 * d : 0),
  ]);
  // MH-MoE: the projected tokens, the merged output and their gradients
  const perTokenHeads = s.H > 1 ? pick([2 * d, 6 * d]) : 0;
  // route()'s experts, weights, dropped, the plan's indices, their tensors, the gates and
  // their gradients; the [T·k, d] per-choice outputs, their products and gradients
  const { perToken: tokensChoose, layer } = traitsOf(c.scheme);
  const perChoice = !tokensChoose ? 0 : pick([12 + 2 * w, 25 + 6 * w]);
  // gathered inputs, the hidden layer (relu'd and transposed), outputs; their gradients, and
  // the packed copies of the two gradients the weight-gradient convolutions take as filters
  const perSlot = pick([2 + 3 * h + 4 * w, 4 + 9 * h + 11 * w]) + (layer === 'expert-slots' ? 4 + 3 * w : 0);
  const scores = scoreBuffers(c, backend) / (backward ? 1 : 2);
  // route() and the slots run over the R = T·H sub-tokens
  return R * E * scores + R * k * perChoice + M * perSlot + T * (perToken + perTokenHeads) + pick(s.router.floats) + mergeFloats(c, R, E, w, h, backward);
}

/** Peak bytes of the model and one training step on `backend` (c.backend when not given). */
export function estimateBytes(c: MoeConfig, backend: string = resolved(c.backend)): number {
  const train = shapeOf(c, c.tokens, phaseCf(c, true));
  const p = params(train);
  // per weight: itself, its gradient, Adam's two moments, wasm's kept copy for in-place updates;
  // per expert weight: the backward pass's transposed copy, and XNNPACK's packed copies of both
  // as convolution filters (wasm; the GPU paths' transposes and matmul temporaries otherwise);
  // Adam's per-weight transients (a read and an upload, about eight tfjs temporaries on a GPU).
  // Node, wasm, T=256 E=512 d=128 h=512 (67M weights): 1.7 GB of heap and 0.8 GB of JS arrays.
  const perParam = backend === 'wasm' ? 5 : 4;
  const weights = (p.total * perParam + 4 * p.experts + p.largest * (gpu(backend) ? 8 : 2)) * F32;
  const evalT = Math.min(c.tokens, EVAL_TOKENS_MAX);
  const transient = Math.max(
    stepFloats(c, train, backend, true),
    stepFloats(c, shapeOf(c, evalT, phaseCf(c, false)), backend, false),
    !drawsPlane(c) ? 0 : stepFloats(c, shapeOf(c, GRID_POINTS, null), backend, false),
  );
  return BASE_BYTES + weights + transient * F32;
}

// Work weights, in multiply-add equivalents (fitted with CALIBRATION, see the top comment)
/** one multiply-add of a dense matmul, against one of the experts' grouped convolutions */
const DENSE = 0.8;
/** one float written by a tfjs kernel (elementwise ops, gathers, transposes, copies) */
const ELEMENT = 8;
/** one router score through route() and the JS loss pass, per log2 of the top-k heap */
const SCORE = 20;
/** one Adam update of one weight, a JS loop on wasm and cpu */
const ADAM = 60;
/** fixed per step: some 300 kernel launches, the readbacks and the message to the page */
const FIXED = 1.3e7;

/** Unitless cost of one training step: ms ≈ msPerWork × work on a backend. */
export function estimateWork(c: MoeConfig): number {
  const s = shapeOf(c, c.tokens, phaseCf(c, true));
  const { T, R, E, k, d, w, h, sh, M, C, inDim, ctx } = s;
  // forward multiply-adds: the experts' grouped convolutions on their slots, and the dense
  // matmuls (router and noise net, input, head, text embedding, shared experts, Soft MoE's
  // dispatch and combine), which XNNPACK runs several times faster per multiply-add
  const experts = M * 2 * w * h;
  const traits = traitsOf(c.scheme);
  // the router, noise net and shared experts run on the sub-tokens; MH-MoE's W_head and W_merge on the tokens
  const dense =
    R * (w * E * (traits.needs.includes('noise') ? 2 : 1) + 2 * w * sh) +
    T * (inDim * d + ctx * TEXT_VOCAB_MAX * d + d * C + (s.H > 1 ? 2 * d * d : 0)) +
    (traits.layer === 'soft-slots' ? 2 * R * E * w : 0) +
    s.router.dense +
    mergeWork(c, R, E, w, h);
  // route(): a softmax and a top-k over every score (expert choice: each column's top-C; Soft
  // MoE sorts all E slots of every token)
  const heap = traits.layer === 'expert-slots' ? Math.min(R, s.M / E) : traits.layer === 'soft-slots' || traits.layer === 'merged' ? E : k;
  const depth = Math.log2(heap + 1);
  return (
    3 * (experts + DENSE * dense) +
    ELEMENT * stepFloats(c, s, 'wasm', true) +
    // the attention router's [T, E, E] products, softmax and sums are broadcast kernels, which
    // tfjs-wasm runs at about twice an ordinary kernel's cost per float (bench/modelRouters.ts)
    ELEMENT * s.router.floats[1] +
    SCORE * R * E * (1 + depth) * traits.routeCost.time(R, E) +
    ADAM * params(s).total +
    FIXED
  );
}

/** ms per unit of work on Chromium's wasm backend (one thread, SIMD): the fit above */
const CALIBRATION = 2.5e-7;
/** step time relative to wasm, from the cells of bench/results/train-step.json both ran */
export const BACKEND_FACTOR: Record<BackendName, number> = { wasm: 1, cpu: 17, webgl: 12, webgpu: 4 };

/** 'auto' and unknown names count as wasm, the backend the app starts on */
export const resolved = (backend: string): BackendName => (isBackendName(backend) ? backend : 'wasm');

/**
 * Estimated ms per training step. With a measured pair (the last measured step on this device,
 * perhaps at another setting) the measured ms scales by the work ratio, and by the backends'
 * factor ratio only where both name a backend and they differ; without one, the default wasm
 * calibration times the backend's factor.
 */
export function estimateStepMs(c: MoeConfig, measured?: { config: MoeConfig; ms: number }): number {
  const work = estimateWork(c);
  if (measured && measured.ms > 0) {
    const [a, b] = [c.backend, measured.config.backend];
    const switched = a !== b && isBackendName(a) && isBackendName(b) ? BACKEND_FACTOR[a] / BACKEND_FACTOR[b] : 1;
    return (measured.ms * work * switched) / estimateWork(measured.config);
  }
  return CALIBRATION * work * BACKEND_FACTOR[resolved(c.backend)];
}
