// What the model-level routers cost a training step, and whether the heavy-setting guard knows it:
// the real trainer on wasm in Node, each variant against the plain linear token-choice router at
// the same T, E, k, d and h, stepped in alternation round by round so the machine's swings hit
// both alike. Each row carries the measured ratio and the ratio of the guard's estimates
// (estimateStepMs, the cost model the page warns and refuses with), so a router whose cost the
// budget misses shows as a gap between the two.
//   node --import tsx bench/modelRouters.ts

import { estimateStepMs } from '../src/engine/model/budget';
import { createTrainer, defaultConfig } from '../src/engine/model';
import type { MoeConfig } from '../src/engine/model/config';
import type { Trainer } from '../src/engine/model/trainerApi';
import { median, round, type BenchRow } from './lib';

export interface ModelRoutersSize {
  T: number;
  /** the experts of the plain comparison; the attention router also runs at `largeE`, where its T·E² shows */
  E: number;
  largeE: number;
  rounds: number;
  warmup: number;
}

export const MODEL_ROUTERS_FULL: ModelRoutersSize = { T: 1024, E: 32, largeE: 128, rounds: 15, warmup: 3 };
export const MODEL_ROUTERS_SMOKE: ModelRoutersSize = { T: 64, E: 8, largeE: 16, rounds: 1, warmup: 0 };

interface Variant {
  variant: string;
  config: Partial<MoeConfig>;
}

/** Each variant beside its baseline: the same sizes with the linear router and plain token choice. */
function variants({ E, largeE }: ModelRoutersSize): { baseline: Partial<MoeConfig>; variants: Variant[] }[] {
  return [
    {
      baseline: { experts: E, topK: 2 },
      variants: [
        { variant: 'attention router (Yuan 2.0-M32)', config: { experts: E, topK: 2, routerKind: 'attention' } },
        { variant: 'MH-MoE, H = 4', config: { experts: E, topK: 2, heads: 4 } },
        { variant: 'SMEAR, L = 16', config: { experts: E, scheme: 'smear', seqLen: 16, capacityFactor: null, evalCapacityFactor: null, balanceCoef: 0 } },
        {
          variant: 'Lory, L = 16, S = 4',
          config: { experts: E, scheme: 'lory', seqLen: 16, segmentLen: 4, capacityFactor: null, evalCapacityFactor: null, balanceCoef: 0 },
        },
        { variant: 'domain-mapped random (PanGu-Σ)', config: { experts: E, topK: 2, scheme: 'domain-random' } },
        { variant: 'seq balance loss, L = 16', config: { experts: E, topK: 2, seqLen: 16, balanceType: 'seq' } },
      ],
    },
    {
      baseline: { experts: largeE, topK: 2 },
      variants: [{ variant: 'attention router (Yuan 2.0-M32)', config: { experts: largeE, topK: 2, routerKind: 'attention' } }],
    },
  ];
}

async function stepMs(trainer: Trainer): Promise<number> {
  const t0 = performance.now();
  await trainer.step();
  return performance.now() - t0;
}

export async function benchModelRouters(size: ModelRoutersSize = MODEL_ROUTERS_FULL): Promise<BenchRow[]> {
  await import('@tensorflow/tfjs-backend-wasm');
  // the text task: the only one with domains, and the one sequences are windows of
  const base: MoeConfig = { ...defaultConfig(), dataset: 'text', tokens: size.T, d: 32, h: 64, backend: 'wasm' };
  const date = new Date().toISOString();
  const rows: BenchRow[] = [];
  for (const group of variants(size)) {
    const configs = [{ variant: 'linear token choice', config: group.baseline }, ...group.variants].map(({ variant, config }) => ({
      variant,
      config: { ...base, ...config },
    }));
    // one at a time: the wasm backend starts once, on the first
    const trainers: Trainer[] = [];
    for (const { config } of configs) trainers.push(await createTrainer(config, { backend: 'wasm' }));
    try {
      for (let w = 0; w < size.warmup; w++) for (const t of trainers) await t.step();
      const times: number[][] = trainers.map(() => []);
      for (let r = 0; r < size.rounds; r++) for (let i = 0; i < trainers.length; i++) times[i].push(await stepMs(trainers[i]));
      const baselineMs = median(times[0]);
      const estimatedBase = estimateStepMs(configs[0].config);
      configs.forEach(({ variant, config }, i) => {
        if (i === 0) return;
        const ms = median(times[i]);
        rows.push({
          name: 'model-routers',
          backend: 'wasm (node)',
          variant,
          T: config.tokens,
          E: config.experts,
          k: config.topK,
          d: config.d,
          h: config.h,
          ms: round(ms),
          baselineMs: round(baselineMs),
          ratio: round(ms / baselineMs),
          estimatedRatio: round(estimateStepMs(config) / estimatedBase),
          date,
        });
      });
    } finally {
      for (const t of trainers) t.dispose();
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { saveResults } = await import('./lib');
  const rows = await benchModelRouters();
  console.table(rows.map(({ variant, E, ms, baselineMs, ratio, estimatedRatio }) => ({ variant, E, ms, baselineMs, ratio, estimatedRatio })));
  console.log('saved', saveResults('model-routers', rows));
}
