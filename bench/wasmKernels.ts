// Micro-benchmarks of tfjs-wasm kernels (Node, single thread) behind choices in the sparse
// layer:  node --import tsx bench/wasmKernels.ts
import { tf } from '../src/engine/model/tf';
import { timeInterleaved } from './lib';

await import('@tensorflow/tfjs-backend-wasm');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await tf.setBackend('wasm');
await tf.ready();

const T = 1024, E = 64, d = 16, k = 2, S = 40, M = E * S;
const rnd = (shape: number[]) => tf.randomNormal(shape);
const x = rnd([T, d]);
const idx = tf.tensor1d(Int32Array.from({ length: M }, (_, i) => (i * 7919) % T), 'int32');
const idxNd = tf.reshape(idx, [M, 1]);
const slots = rnd([S, E * 32]);
const onesS = tf.ones([1, S]);
const pickIdx = tf.tensor2d(Int32Array.from({ length: T * k * 2 }, (_, i) => (i & 1 ? (i * 31) % E : i >> 2)), [T * k, 2], 'int32');
const flatIdx = tf.tensor2d(Int32Array.from({ length: T * E }, (_, i) => (i * 13) % (T * k + 1)), [T * E, 1], 'int32');
const picked = rnd([T * k]);
const pickedPad = rnd([T * k + 1, 1]);
const logits = rnd([T, E]);
const run = (f: () => tf.Tensor) => () => {
  const t = tf.tidy(f);
  t.dataSync();
  t.dispose();
};
const res = timeInterleaved(
  {
    gatherV2: run(() => tf.gather(x, idx)),
    gatherNd: run(() => tf.gatherND(x, idxNd)),
    sumAxis0: run(() => tf.sum(tf.mul(slots, 1.5), 0)),
    onesMatMul: run(() => tf.matMul(onesS, tf.mul(slots, 1.5))),
    mulOnly: run(() => tf.mul(slots, 1.5)),
    pickNd: run(() => tf.gatherND(logits, pickIdx)),
    scatterPick: run(() => tf.scatterND(pickIdx, picked, [T, E])),
    gatherFlatInv: run(() => tf.gatherND(pickedPad, flatIdx)),
  },
  30,
  3,
);
for (const [n, ms] of Object.entries(res)) console.log(n.padEnd(18), ms.toFixed(3));
