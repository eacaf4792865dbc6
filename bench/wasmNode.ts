// Quick iteration bench in Node on the wasm backend (single-threaded SIMD, like the Chromium
// page): times trainer.step() and forward passes at the headline size, and optionally prints a
// per-kernel profile of one step. The number that counts is bench/trainStep.ts in Chromium.
//   node --import tsx bench/wasmNode.ts [--profile] [T E k]

import { createTrainer, defaultConfig } from '../src/engine/model';
import { routeSettings } from '../src/engine/model/config';
import { routingMetrics } from '../src/engine/model/metrics';
import type { Adam } from '../src/engine/model/adam';
import type { Network } from '../src/engine/model/network';
import { taskLoss } from '../src/engine/model/network';
import { tf } from '../src/engine/model/tf';
import { median } from './lib';

const args = process.argv.slice(2);
const profile = args.includes('--profile');
const nums = args.filter((a) => /^\d+$/.test(a)).map(Number);
const [T, E, k] = [nums[0] ?? 1024, nums[1] ?? 64, nums[2] ?? 2];

await import('@tensorflow/tfjs-backend-wasm');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
const config = { ...defaultConfig(), tokens: T, experts: E, topK: k, d: 16, h: 32 };
const trainer = await createTrainer(config, { backend: 'wasm' });
for (let i = 0; i < 5; i++) await trainer.step();
const stepMs: number[] = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  await trainer.step();
  stepMs.push(performance.now() - t0);
}
const batch = trainer.last!.batch;
const fwd = { sparse: [] as number[], dense: [] as number[] };
for (let i = 0; i < 10; i++) {
  for (const p of ['sparse', 'dense'] as const) {
    const t0 = performance.now();
    trainer.forward(batch, p);
    fwd[p].push(performance.now() - t0);
  }
}
const r = (x: number) => Math.round(x * 100) / 100;
console.log(
  `wasm node T=${T} E=${E} k=${k}: step ${r(median(stepMs))} ms (min ${r(Math.min(...stepMs))}); forward sparse ${r(median(fwd.sparse))}, dense ${r(median(fwd.dense))}`,
);
if (args.includes('--phases')) {
  // the step's parts, rebuilt from the trainer's own network and optimizer (bench only)
  const inner = trainer as unknown as { net: Network; optimizer: Adam };
  const settings = { ...routeSettings(config, config.capacityFactor), auxCoefs: { balance: config.balanceCoef, z: config.zLossCoef } };
  const ph = { forward: [] as number[], backward: [] as number[], adam: [] as number[], metrics: [] as number[] };
  for (let i = 0; i < 20; i++) {
    let tf0 = 0;
    let tf1 = 0;
    let routing: import('../src/engine/routing/types').Routing | undefined;
    let logitsArr: Float32Array = new Float32Array();
    let lastValues: { balance: number; z: number; entropy: number } | undefined;
    const t0 = performance.now();
    const { value, grads } = tf.variableGrads(() => {
      tf0 = performance.now();
      const { logits, layer } = inner.net.forward(batch, settings);
      routing = layer.routing;
      logitsArr = layer.logits;
      lastValues = layer.values;
      const task = taskLoss(logits, batch.labels);
      const total = tf.add(task.loss, layer.aux!) as tf.Scalar;
      tf1 = performance.now();
      return total;
    });
    value.dataSync();
    const t1 = performance.now();
    inner.optimizer.apply(inner.net.variables, grads);
    const t2 = performance.now();
    routingMetrics(routing!, logitsArr, lastValues);
    const t3 = performance.now();
    tf.dispose([value, ...Object.values(grads)]);
    ph.forward.push(tf1 - tf0);
    ph.backward.push(t1 - t0 - (tf1 - tf0));
    ph.adam.push(t2 - t1);
    ph.metrics.push(t3 - t2);
  }
  console.log(Object.entries(ph).map(([n, v]) => `${n} ${r(median(v))}`).join(', '));
}
if (profile) {
  const info = await tf.profile(async () => {
    await trainer.step();
  });
  const byName = new Map<string, { ms: number; n: number }>();
  const rows: string[] = [];
  for (const kr of info.kernels) {
    const ms = kr.kernelTimeMs as number;
    // customGrad forwards and fused-op wrappers time the kernels inside them again
    if (kr.name === 'forward' || kr.name.endsWith('__op') || kr.name === 'unnamed scope') continue;
    const e = byName.get(kr.name) ?? { ms: 0, n: 0 };
    e.ms += ms;
    e.n++;
    byName.set(kr.name, e);
    if (ms > (process.env.ALL ? -1 : 0.15)) rows.push(`${r(ms).toString().padStart(7)} ${kr.name} ${JSON.stringify(kr.inputShapes)}`);
  }
  const total = [...byName.values()].reduce((a, b) => a + b.ms, 0);
  console.log(`kernels: ${info.kernels.length}, total kernel ms ${r(total)}`);
  for (const [name, e] of [...byName].sort((a, b) => b[1].ms - a[1].ms)) console.log(`${r(e.ms).toString().padStart(7)} ${String(e.n).padStart(4)} ${name}`);
  console.log(rows.join('\n'));
}
trainer.dispose();
