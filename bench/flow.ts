// Routing-flow draw bench in headless Chromium: builds bench/flow/ with Vite, serves it on
// 127.0.0.1, and times one drawFlow frame at k = 2 for T ∈ {1024, 4096, 16384} and E ∈ {8, 64},
// against an empty frame (clearRect only) measured in the same run, interleaved frame by frame.
// Targets (the issue): under 4 ms at 4096 tokens, under 10 ms at 16384.
//   node --import tsx bench/flow.ts
// BENCH_QUICK=1: E = 64 at 4096 and 16384 tokens only, nothing saved. --smoke: one small cell,
// two samples, nothing saved (a check that the page builds and draws).
// Variants: 'frame' times the draw call (the canvas records it; Chromium rasterises later),
// 'frame+raster' reads one pixel back after each frame so the rasterising is timed too, and
// 'transition' is a frame halfway through the move from the previous batch.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateChromium } from '../tests/e2e/chromium';
import { launchBrowser } from '../tests/e2e/browser';
import type { FlowSpec, FlowResult } from './flow/main';
import { serveBenchPage, type ServedPage } from './page';
import { median, round, saveResults, type BenchRow } from './lib';

const pageRoot = join(dirname(fileURLToPath(import.meta.url)), 'flow');
export interface FlowPlan {
  Es: number[];
  Ts: number[];
  /** samples per cell, each the mean of 4 frames (bench/flow/main.ts); the row's ms is their median */
  frames: number;
}

export const FLOW_FULL: FlowPlan = { Es: [64, 8], Ts: [1024, 4096, 16384], frames: 40 };
export const FLOW_QUICK: FlowPlan = { Es: [64], Ts: [4096, 16384], frames: 40 };
export const FLOW_SMOKE: FlowPlan = { Es: [8], Ts: [256], frames: 2 };
const WIDTH = 960;
const HEIGHT = 420;
const TARGET_MS: Record<number, number> = { 4096: 4, 16384: 10 };

const VARIANTS: { variant: string; spec: Pick<FlowSpec, 'variant' | 'flush'> }[] = [
  { variant: 'frame', spec: { variant: 'frame', flush: false } },
  { variant: 'frame+raster', spec: { variant: 'frame', flush: true } },
  { variant: 'transition', spec: { variant: 'transition', flush: false } },
];

export async function benchFlowDraw(plan: FlowPlan = process.env.BENCH_QUICK === '1' ? FLOW_QUICK : FLOW_FULL): Promise<BenchRow[] | null> {
  const chromePath = locateChromium();
  if (!chromePath) {
    console.warn('flow-draw bench skipped: no Chromium (set CHROME_PATH or apt-get install chromium)');
    return null;
  }
  const rows: BenchRow[] = [];
  let served: ServedPage | undefined;
  let launched: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    served = await serveBenchPage(pageRoot, 'flow');
    const url = served.url;
    launched = await launchBrowser(chromePath);
    const page = await launched.browser.newPage({ viewport: { width: WIDTH + 40, height: HEIGHT + 200 } });
    page.on('pageerror', (err) => console.error(`[page] ${err.message}`));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.benchReady === true, undefined, { timeout: 30_000 });
    console.error(`flow-draw bench: ${chromePath} (${launched.browser.version()}), ${WIDTH}×${HEIGHT} canvas`);

    for (const E of plan.Es) {
      for (const T of plan.Ts) {
        for (const { variant, spec } of VARIANTS) {
          const s: FlowSpec = { T, E, k: 2, frames: plan.frames, width: WIDTH, height: HEIGHT, ...spec };
          const r: FlowResult = await page.evaluate((x) => window.benchFlow(x), s);
          const ms = median(r.drawMs);
          const baselineMs = median(r.emptyMs);
          rows.push({
            name: 'flow-draw',
            backend: 'canvas2d',
            variant,
            T,
            E,
            k: 2,
            d: 0,
            h: 0,
            ms: round(ms, 3),
            baselineMs: round(baselineMs, 3),
            ...(baselineMs > 0 ? { ratio: round(ms / baselineMs, 1) } : {}),
            date: new Date().toISOString(),
          });
          const target = TARGET_MS[T];
          const verdict = target === undefined ? '' : ms - baselineMs < target ? ` (target < ${target} ms: ok)` : ` (target < ${target} ms: MISSED)`;
          console.error(
            `  T=${String(T).padEnd(5)} E=${String(E).padEnd(2)} ${variant.padEnd(12)} draw ${round(ms, 3)} ms, empty ${round(baselineMs, 3)} ms; ${r.mode}, ${r.lines} lines${verdict}`,
          );
        }
      }
    }
  } finally {
    await launched?.close();
    await served?.close();
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const smoke = process.argv.includes('--smoke');
  const rows = await benchFlowDraw(smoke ? FLOW_SMOKE : undefined);
  if (smoke) console.log('smoke run: results not saved');
  else if (process.env.BENCH_QUICK === '1') console.log('quick mode: results not saved');
  else if (rows) console.log('saved', saveResults('flow-draw', rows));
}
