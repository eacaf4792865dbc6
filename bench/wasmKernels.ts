// Micro-benchmarks of the tfjs-wasm kernels the sparse layer could be built from (Node, single
// thread), to choose between formulations:  node --import tsx bench/wasmKernels.ts
import { tf } from '../src/engine/model/tf';
import { timeInterleaved } from './lib';

await import('@tensorflow/tfjs-backend-wasm');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await tf.setBackend('wasm');
await tf.ready();

const T = 1024, E = 64, d = 16, h = 32, k = 2, S = 40, M = E * S;
const rnd = (shape: number[]) => tf.randomNormal(shape);
const x = rnd([T, d]);
const idx = tf.tensor1d(Int32Array.from({ length: M }, (_, i) => (i * 7919) % T), 'int32');
const idxNd = tf.reshape(idx, [M, 1]);
const xE = rnd([E, S, d]);
const w1 = rnd([E, d, h]);
const xs = rnd([M, d]);
const w1flat = rnd([d, h]);
const run = (f: () => tf.Tensor | tf.Tensor[]) => () => tf.tidy(() => { const r = f(); (Array.isArray(r) ? r[0] : r).dataSync(); });
const logits = rnd([T, E]);
const mx = rnd([T, 1]);
const segIds = tf.tensor1d(Int32Array.from({ length: M }, (_, i) => i >> 1), 'int32');
// depthwise: input [S,1,d,E], filter [1,d,E,h]
const dwIn = rnd([S, 1, d, E]);
const dwF = rnd([1, d, E, h]);
const res = timeInterleaved({
  gatherV2: run(() => tf.gather(x, idx)),
  gatherNd: run(() => tf.gatherND(x, idxNd)),
  sparseSegSum: run(() => tf.sparse.sparseSegmentSum(x, idx, segIds)),
  bmm: run(() => tf.matMul(xE, w1)),
  bmmTA: run(() => tf.matMul(xE, rnd([E, S, h]), true, false)),
  mm2d: run(() => tf.matMul(xs, w1flat)),
  mm2dTA: run(() => tf.matMul(xs, rnd([M, h]), true, false)),
  mm2dTB: run(() => tf.matMul(rnd([M, h]), w1flat, false, true)),
  perExpertSlices: run(() => {
    const outs: tf.Tensor[] = [];
    for (let e = 0; e < E; e++) outs.push(tf.matMul(tf.reshape(tf.slice(xE, [e, 0, 0], [1, S, d]), [S, d]), tf.reshape(tf.slice(w1, [e, 0, 0], [1, d, h]), [d, h])));
    return tf.concat(outs, 0);
  }),
  perExpertSplit: run(() => {
    const xsS = tf.split(xs, E, 0);
    const ws = tf.unstack(w1, 0);
    return tf.concat(xsS.map((a, e) => tf.matMul(a, ws[e])), 0);
  }),
  depthwise: run(() => tf.depthwiseConv2d(dwIn as tf.Tensor4D, dwF as tf.Tensor4D, 1, 'valid')),
  transposeSEd: run(() => tf.transpose(xE, [1, 2, 0])),
  equalBcast: run(() => tf.equal(logits, mx)),
  subBcast: run(() => tf.sub(logits, mx)),
  oneHot: run(() => tf.oneHot(idx, 64)),
  addBias3d: run(() => tf.add(tf.matMul(xE, w1), rnd([E, 1, h]))),
}, 20, 3);
for (const [n, ms] of Object.entries(res)) console.log(n.padEnd(18), ms.toFixed(3));
