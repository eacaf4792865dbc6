import { createTrainer, defaultConfig } from '../src/engine/model';
const t0 = performance.now();
for (const scheme of ['noisy-topk', 'token-choice'] as const) {
  const trainer = await createTrainer({ ...defaultConfig(), tokens: 32, dataSize: 400, scheme, seed: 5 }, { backend: 'cpu' });
  for (let i = 0; i < 100; i++) await trainer.step();
  trainer.dispose();
}
console.log(process.cwd(), (performance.now() - t0).toFixed(0), 'ms');
