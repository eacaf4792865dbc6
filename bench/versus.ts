// The speed goal, measured as a pairing: the tfjs training step on wasm in headless Chromium
// against the PyTorch step on one CPU thread (bench/torch_moe.py: the Hugging Face style loop
// over experts, and one batched matmul over capacity slots), at T=1024 E=64 k=2 d=16 h=32.
// On this shared 2-core machine a minute-to-minute swing moves both sides by tens of percent,
// so the two run in alternation, round by round, and each round gives its own ratio; the
// result is the median of those ratios (and of the times).
//   node --import tsx bench/versus.ts [--rounds 7 | --smoke]
// --smoke: one round at a tiny size, nothing saved (a check that the pairing runs).
// The tfjs side is the whole training step of the app (input stage, MoE layer, head, route(),
// metrics, Adam); the PyTorch side is the MoE layer alone with a mean-squared-error loss.

import type { Page } from 'playwright-core';
import { median, round, saveResults, type BenchRow } from './lib';
import { benchTorch } from './torch';
import { HEADLINE, launchBenchBrowser, openBenchPage, timeCell } from './trainStep';

const BACKEND = 'wasm';

export interface VersusPlan {
  rounds: number;
  cell: { T: number; E: number; k: number };
  /** timed tfjs steps per round */
  steps: number;
  /** timed PyTorch steps per variant per round */
  torchReps: number;
}

export const VERSUS_FULL: VersusPlan = { rounds: 7, cell: { ...HEADLINE }, steps: 40, torchReps: 21 };
export const VERSUS_SMOKE: VersusPlan = { rounds: 1, cell: { T: 64, E: 8, k: 2 }, steps: 2, torchReps: 1 };

interface Round {
  wasm: number;
  loop: number;
  batched: number;
}

export async function benchVersus(plan: VersusPlan = VERSUS_FULL): Promise<BenchRow[] | null> {
  const { rounds, cell, steps } = plan;
  const torchRound = () => benchTorch({ reps: plan.torchReps, quiet: true, size: cell });
  // PyTorch first: without it there is nothing to pair, and no page worth building
  let torch = await torchRound();
  if (!torch) return null;
  const bench = await launchBenchBrowser('tfjs vs PyTorch');
  if (!bench) return null;
  const results: Round[] = [];
  let torchLabel = '';
  try {
    const page: Page = await openBenchPage(bench.browser, bench.url);
    for (let i = 0; i < rounds; i++) {
      if (i > 0) torch = await torchRound();
      if (!torch) return null;
      const loop = torch.find((r) => r.variant === 'hf-loop')!;
      const batched = torch.find((r) => r.variant === 'batched')!;
      torchLabel = loop.backend;
      const { ms } = await timeCell(page, BACKEND, { ...cell }, steps);
      results.push({ wasm: ms, loop: loop.ms, batched: batched.ms });
      console.error(
        `  round ${i + 1}: ${BACKEND} ${round(ms, 2)} ms, PyTorch loop ${round(loop.ms, 2)} ms (×${round(loop.ms / ms, 2)}), batched ${round(batched.ms, 2)} ms (×${round(batched.ms / ms, 2)})`,
      );
    }
  } finally {
    await bench.close();
  }
  const date = new Date().toISOString();
  const base = { name: 'versus', T: cell.T, E: cell.E, k: cell.k, d: 16, h: 32, date, count: rounds };
  const wasm = median(results.map((r) => r.wasm));
  const row = (variant: 'hf-loop' | 'batched', key: 'loop' | 'batched'): BenchRow => ({
    ...base,
    backend: torchLabel,
    variant,
    ms: round(median(results.map((r) => r[key])), 3),
    baselineMs: round(wasm, 3),
    // > 1: the tfjs step is faster; the median of the per-round ratios
    ratio: round(median(results.map((r) => r[key] / r.wasm)), 3),
  });
  return [{ ...base, backend: `tfjs ${BACKEND} (Chromium)`, variant: 'step', ms: round(wasm, 3) }, row('hf-loop', 'loop'), row('batched', 'batched')];
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--rounds');
  const smoke = process.argv.includes('--smoke');
  const rows = await benchVersus(smoke ? VERSUS_SMOKE : i > 0 ? { ...VERSUS_FULL, rounds: Number(process.argv[i + 1]) } : VERSUS_FULL);
  if (rows) {
    console.table(rows.map(({ backend, variant, ms, baselineMs, ratio }) => ({ backend, variant, ms, 'tfjs ms': baselineMs, 'PyTorch ms / tfjs ms': ratio })));
    if (smoke) console.log('smoke run: results not saved');
    else console.log('saved', saveResults('versus', rows));
  }
}
