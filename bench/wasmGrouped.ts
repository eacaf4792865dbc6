// Grouped matmul formulations on tfjs-wasm (Node): forward + backward, and agreement.
import { groupedMatMulDw } from '../src/engine/model/grouped';
import { tf } from '../src/engine/model/tf';
import { timeInterleaved } from './lib';

await import('@tensorflow/tfjs-backend-wasm');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await tf.setBackend(process.argv[2] ?? 'wasm');
await tf.ready();
console.log('backend', tf.getBackend());

const E = 64, S = 40, a = 16, b = 32;
const xS = tf.randomNormal([S, E, a]) as tf.Tensor3D; // slot-major
const wA = tf.randomNormal([a, E, b]) as tf.Tensor3D;
const dyS = tf.randomNormal([S, E, b]);
const xE = tf.transpose(xS, [1, 0, 2]) as tf.Tensor3D; // [E, S, a]
const wE = tf.transpose(wA, [1, 0, 2]) as tf.Tensor3D; // [E, a, b]
const dyE = tf.transpose(dyS, [1, 0, 2]);

// (tidy must not return the typed arrays: it would walk every element looking for tensors)
const read = (f: () => tf.Tensor[]) => {
  const ts = tf.tidy(f);
  const out = ts.map((t) => t.dataSync() as Float32Array);
  tf.dispose(ts);
  return out;
};
const bmm = () => read(() => {
  const g = tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x as tf.Tensor3D, w as tf.Tensor3D), dyE)));
  const [gx, gw] = g([xE, wE]);
  return [tf.transpose(gx, [1, 0, 2]), tf.transpose(gw, [1, 0, 2])];
});
const dw = () => read(() => {
  const g = tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(groupedMatMulDw(x as tf.Tensor3D, w as tf.Tensor3D), dyS)));
  return g([xS, wA]);
});
const fwdB = () => read(() => [tf.transpose(tf.matMul(xE, wE), [1, 0, 2])])[0];
const fwdD = () => read(() => [groupedMatMulDw(xS, wA)])[0];
const maxDiff = (p: Float32Array, q: Float32Array) => p.reduce((m, v, i) => Math.max(m, Math.abs(v - q[i])), 0);
console.log('fwd diff', maxDiff(fwdB(), fwdD()));
const [b1, b2] = bmm();
const [d1, d2] = dw();
console.log('dx diff', maxDiff(b1, d1), 'dw diff', maxDiff(b2, d2));
const res = timeInterleaved({ fwdBmm: fwdB, fwdDw: fwdD, gradBmm: bmm, gradDw: dw }, 20, 3);
for (const [n, ms] of Object.entries(res)) console.log(n.padEnd(18), ms.toFixed(3));
const info = await tf.profile(() => { dw(); });
for (const kr of info.kernels) console.log(kr.name, JSON.stringify(kr.inputShapes), (kr.kernelTimeMs as number).toFixed(3));
