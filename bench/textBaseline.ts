// Does the streamed text (dataset 'text') keep the model from learning it by heart? The app's
// defaults on text trained to step 3,000, held-out loss every 100 steps: at step 3,000 it should
// be within 5 % of its minimum, and below the held-out loss of a bigram model fitted to the very
// positions the model trained on (the trainer's batch stream replayed: each position's current
// token → its next token, add-one smoothing over the vocabulary's tokens, the pad excluded since
// it is never a target). Both losses are over the positions an evaluation reads.
//   node --import tsx bench/textBaseline.ts [--smoke]
// (run alone without --smoke it saves bench/results/text-baseline.json, as npm run bench does)

import { makeDataset, type TextData } from '../src/engine/datasets';
import { defaultConfig } from '../src/engine/model/config';
import { BATCH_SALT, createTrainer } from '../src/engine/model/trainer';
import { evalExamples, trainingBatch } from '../src/engine/model/trainingData';
import { tf } from '../src/engine/model/tf';
import { mulberry32 } from '../src/engine/rng';
import { round, saveResults, type BenchRow } from './lib';

export interface TextBaselinePlan {
  steps: number;
  every: number;
}
export const TEXT_BASELINE_FULL: TextBaselinePlan = { steps: 3000, every: 100 };
export const TEXT_BASELINE_SMOKE: TextBaselinePlan = { steps: 20, every: 10 };

/** count[prev * V + next] over the positions of `steps` training batches of T, replayed from the trainer's seed stream */
export function bigramCounts(data: TextData, seed: number, T: number, steps: number): Float64Array {
  const V = data.vocab.length;
  const counts = new Float64Array(V * V);
  const rand = mulberry32(seed ^ BATCH_SALT);
  for (let s = 0; s < steps; s++) {
    const b = trainingBatch(data, T, rand);
    for (let i = 0; i < b.T; i++) counts[b.tokenIds[i] * V + b.labels[i]]++;
  }
  return counts;
}

/** Mean −log p(next | current) with add-one smoothing over the V − 1 tokens that can be a target. */
export function bigramLoss(counts: Float64Array, data: TextData, n: number): number {
  const V = data.vocab.length;
  const c = data.context;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const prev = data.test.context[i * c + c - 1];
    let total = 0;
    for (let y = 1; y < V; y++) total += counts[prev * V + y];
    sum -= Math.log((counts[prev * V + data.test.target[i]] + 1) / (total + V - 1));
  }
  return sum / n;
}

export interface TextBaselineResult {
  curve: { step: number; heldOut: number; train: number }[];
  atEnd: number;
  min: number;
  minStep: number;
  bigram: number;
  rows: BenchRow[];
}

export async function benchTextBaseline(plan: TextBaselinePlan = TEXT_BASELINE_FULL): Promise<TextBaselineResult> {
  await import('@tensorflow/tfjs-backend-wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const config = { ...defaultConfig(), dataset: 'text' as const, backend: 'wasm' as const };
  const t0 = performance.now();
  const trainer = await createTrainer(config, { backend: 'wasm' });
  const curve: TextBaselineResult['curve'] = [];
  let trainSum = 0;
  for (let step = 1; step <= plan.steps; step++) {
    trainSum += (await trainer.step()).taskLoss;
    if (step % plan.every !== 0) continue;
    curve.push({ step, heldOut: (await trainer.evaluate()).taskLoss, train: trainSum / plan.every });
    trainSum = 0;
  }
  trainer.dispose();
  const ms = performance.now() - t0;
  const data = makeDataset({ name: 'text', size: config.dataSize, noise: config.dataNoise, seed: config.seed, context: config.context });
  if (data.kind !== 'text') throw new Error('text baseline: expected text data');
  const read = Math.floor(evalExamples(data) / config.tokens) * config.tokens;
  const bigram = bigramLoss(bigramCounts(data, config.seed, config.tokens, plan.steps), data, read);
  const atEnd = curve[curve.length - 1].heldOut;
  const best = curve.reduce((a, b) => (b.heldOut < a.heldOut ? b : a));
  const date = new Date().toISOString();
  const row = (variant: string, quality: number): BenchRow => ({
    name: 'text-baseline', backend: 'wasm', variant, T: config.tokens, E: config.experts, k: config.topK, d: config.d, h: config.h, ms: round(ms, 0), date, task: 'text', seeds: 1, quality: round(quality, 4),
  });
  const rows = [
    row(`held-out loss at step ${plan.steps}`, atEnd),
    row(`minimum held-out loss (step ${best.step})`, best.heldOut),
    row(`step ${plan.steps} over the minimum`, atEnd / best.heldOut),
    row(`bigram (add-one) held-out loss, fitted to the ${plan.steps * config.tokens} training positions`, bigram),
  ];
  return { curve, atEnd, min: best.heldOut, minStep: best.step, bigram, rows };
}

export function textBaselineSummary(r: TextBaselineResult): string {
  const within = r.atEnd <= 1.05 * r.min;
  return [
    `held-out loss at the last step ${r.atEnd.toFixed(4)}, minimum ${r.min.toFixed(4)} (step ${r.minStep}): ${((r.atEnd / r.min - 1) * 100).toFixed(1)} % above it, ${within ? 'within' : 'NOT within'} 5 %`,
    `bigram held-out loss ${r.bigram.toFixed(4)}: the model is ${r.atEnd < r.bigram ? 'below' : 'NOT below'} it`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  const r = await benchTextBaseline(smoke ? TEXT_BASELINE_SMOKE : TEXT_BASELINE_FULL);
  console.table(r.curve.map(({ step, heldOut, train }) => ({ step, heldOut: round(heldOut, 4), train: round(train, 4) })));
  console.log(textBaselineSummary(r));
  if (!smoke) console.log('saved', saveResults('text-baseline', r.rows));
}
