// Training-step bench in headless Chromium: builds bench/browser/ with Vite, serves it on
// 127.0.0.1, and times trainer.step() (sparse path) per backend and size, plus forward passes
// on the sparse and the dense-mask path on the same batch in the same run.
//   node --import tsx bench/trainStep.ts
// Quick mode (BENCH_QUICK=1 or --quick): one backend (wasm, or BENCH_BACKEND), the headline
// cell only, more steps, nothing saved; for iterating on the layer in about a minute.
//   BENCH_QUICK=1 node --import tsx bench/trainStep.ts
// Smoke mode (--smoke, and npm run bench -- --smoke): wasm, one tiny cell, two steps, nothing
// saved; a check that the page builds and the bench runs.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { locateChromium } from '../tests/e2e/chromium';
import { CHROMIUM_ARGS } from '../tests/e2e/browser';
import type { CellResult, CellSpec } from './browser/main';
import { serveBenchPage, type ServedPage } from './page';
import { median, round, saveResults, type BenchRow } from './lib';

const pageRoot = join(dirname(fileURLToPath(import.meta.url)), 'browser');

const D = 16;
const H = 32;
/** a cell whose median step is slower than this skips every larger cell of its backend */
const SLOW_STEP_MS = 2000;
/** wall-clock budget for all wasm cells; the rest of the grid is skipped with a note */
const WASM_BUDGET_MS = 150_000;
/** one page.evaluate (one cell) may take at most this long */
const CELL_TIMEOUT_MS = 90_000;
/** the dense-mask baseline builds [T, E, h] tensors: only where T·E ≤ 2^18 */
const DENSE_MAX_TE = 2 ** 18;
export const HEADLINE = { T: 1024, E: 64, k: 2 } as const;

interface Cell {
  T: number;
  E: number;
  k: number;
}

function grid(Ts: number[], Es: number[], ks: number[]): Cell[] {
  const cells: Cell[] = [];
  for (const T of Ts) for (const E of Es) for (const k of ks) if (k <= E) cells.push({ T, E, k });
  if (!cells.some((c) => c.T === HEADLINE.T && c.E === HEADLINE.E && c.k === HEADLINE.k)) cells.push({ ...HEADLINE });
  // smallest work first, so the time guard and the budget cut only the largest cells
  return cells.sort((a, b) => a.T * a.k * Math.log2(2 * a.E) - b.T * b.k * Math.log2(2 * b.E) || a.T - b.T);
}

const FULL_GRID = grid([256, 1024, 4096, 16384], [8, 64, 256], [1, 2, 8]);
const SMALL_GRID = grid([256, 1024], [8, 64], [2]);
const SMOKE_CELL: Cell = { T: 64, E: 8, k: 2 };

/** full: the grid on every backend; quick: the headline cell on one backend; smoke: a tiny cell, two steps */
export type TrainStepMode = 'full' | 'quick' | 'smoke';

const dominates = (slow: Cell, c: Cell) => c.T >= slow.T && c.E >= slow.E && c.k >= slow.k;

function stepsFor(c: Cell, backend: string, mode: TrainStepMode): number {
  if (mode === 'smoke') return 2;
  if (mode === 'quick') return process.env.BENCH_BACKEND && process.env.BENCH_BACKEND !== 'wasm' ? 6 : 30;
  // the headline cell on the fast backend gets more steps: a 10-step median can land in one of
  // this shared machine's slow patches
  if (backend === 'wasm' && c.T === HEADLINE.T && c.E === HEADLINE.E && c.k === HEADLINE.k) return 30;
  const work = c.T * c.k;
  return work <= 8192 ? 10 : work <= 32768 ? 6 : 4;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function openBenchPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (err) => console.error(`[page] ${err.message}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.benchReady === true, undefined, { timeout: 30_000 });
  return page;
}

function rowsFor(backend: string, c: Cell, r: CellResult, date: string): BenchRow[] {
  const base = { name: 'train-step', backend, T: c.T, E: c.E, k: c.k, d: D, h: H, date };
  const rows: BenchRow[] = [{ ...base, variant: 'step sparse', ms: round(median(r.stepMs), 3) }];
  if (r.forwardSparseMs.length) {
    const sparse = median(r.forwardSparseMs);
    rows.push({ ...base, variant: 'forward sparse', ms: round(sparse, 3) });
    if (r.forwardDenseMs.length) {
      const dense = median(r.forwardDenseMs);
      rows.push({ ...base, variant: 'forward dense', ms: round(dense, 3), baselineMs: round(sparse, 3), ratio: round(dense / sparse, 2) });
    }
  }
  return rows;
}

async function benchBackend(
  browser: Browser,
  url: string,
  backend: string,
  cells: Cell[],
  budgetMs: number,
  rows: BenchRow[],
  notes: string[],
  mode: TrainStepMode = 'full',
): Promise<void> {
  const started = performance.now();
  let page = await openBenchPage(browser, url);
  const slow: Cell[] = [];
  const skipped: string[] = [];
  try {
    for (const c of cells) {
      const label = `T=${c.T} E=${c.E} k=${c.k}`;
      const headline = c.T === HEADLINE.T && c.E === HEADLINE.E && c.k === HEADLINE.k;
      if (!headline && slow.some((s) => dominates(s, c))) {
        skipped.push(`${label} (a smaller cell took > ${SLOW_STEP_MS} ms a step)`);
        continue;
      }
      if (!headline && performance.now() - started > budgetMs) {
        skipped.push(`${label} (over the ${budgetMs / 1000} s budget)`);
        continue;
      }
      const spec: CellSpec = {
        backend,
        ...c,
        d: D,
        h: H,
        warmup: mode === 'smoke' ? 1 : 3,
        steps: stepsFor(c, backend, mode),
        forward: true,
        dense: c.T * c.E <= DENSE_MAX_TE,
      };
      const t0 = performance.now();
      let r: CellResult;
      try {
        r = await withTimeout(
          page.evaluate((s) => window.benchCell(s), spec),
          CELL_TIMEOUT_MS,
          `${backend} ${label}`,
        );
      } catch (err) {
        const msg = (err as Error).message.split('\n')[0];
        notes.push(`${backend} ${label} failed: ${msg}`);
        console.error(`  ${backend} ${label}: FAILED ${msg}`);
        slow.push(c);
        // the page may be stuck in a long step: start a fresh one
        await page.close().catch(() => {});
        page = await openBenchPage(browser, url);
        continue;
      }
      if (r.backend !== backend) throw new Error(`asked for ${backend}, the trainer ran on ${r.backend}`);
      const cellRows = rowsFor(backend, c, r, new Date().toISOString());
      rows.push(...cellRows);
      const step = cellRows[0].ms;
      const fwd = cellRows.slice(1).map((x) => `${x.variant} ${x.ms}`).join(', ');
      console.error(
        `  ${backend.padEnd(6)} ${label.padEnd(22)} step ${step} ms (first ${round(r.firstStepMs, 1)})${fwd ? `; ${fwd}` : ''}; loss ${round(r.loss, 3)}; ${round((performance.now() - t0) / 1000, 1)} s`,
      );
      if (step > SLOW_STEP_MS) slow.push(c);
    }
  } finally {
    await page.close().catch(() => {});
  }
  if (skipped.length) notes.push(`${backend}: skipped ${skipped.join('; ')}`);
}

export interface TrainStepResult {
  rows: BenchRow[];
  notes: string[];
}

export interface BenchBrowser {
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/**
 * Builds and serves the bench page (from this tree's bench/browser, or another checkout's) and
 * starts headless Chromium; null, with a note, without one.
 */
export async function launchBenchBrowser(what: string, root = pageRoot): Promise<BenchBrowser | null> {
  const chromePath = locateChromium();
  if (!chromePath) {
    console.warn(`${what} skipped: no Chromium (set CHROME_PATH or apt-get install chromium)`);
    return null;
  }
  const xdg = mkdtempSync(join(tmpdir(), 'moe-bench-xdg-'));
  let served: ServedPage | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await served?.close();
    rmSync(xdg, { recursive: true, force: true });
  };
  try {
    served = await serveBenchPage(root, 'train-step');
    browser = await chromium.launch({
      executablePath: chromePath,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        '--enable-unsafe-webgpu',
        // keep timers and rAF at full speed in a page nobody looks at
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
      ],
      env: { ...process.env, XDG_CONFIG_HOME: xdg },
    });
  } catch (err) {
    await close();
    throw err;
  }
  console.error(`${what}: ${chromePath} (${browser.version()}), page at ${served.url}`);
  return { browser, url: served.url, close };
}

/** Times `steps` training steps of one cell on a page already open; the median ms and the loss. */
export async function timeCell(page: Page, backend: string, c: Cell, steps: number): Promise<{ ms: number; loss: number }> {
  const spec: CellSpec = { backend, ...c, d: D, h: H, warmup: 3, steps, forward: false, dense: false };
  const r = await withTimeout(page.evaluate((s) => window.benchCell(s), spec), CELL_TIMEOUT_MS, `${backend} T=${c.T} E=${c.E} k=${c.k}`);
  if (r.backend !== backend) throw new Error(`asked for ${backend}, the trainer ran on ${r.backend}`);
  return { ms: median(r.stepMs), loss: r.loss };
}

/** Runs the training-step bench; null, with a note, when no Chromium is found. */
export async function benchTrainStep(mode: TrainStepMode = 'full'): Promise<TrainStepResult | null> {
  const bench = await launchBenchBrowser('training-step bench');
  if (!bench) return null;
  const { browser, url } = bench;
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    if (mode === 'quick') {
      await benchBackend(browser, url, process.env.BENCH_BACKEND ?? 'wasm', [{ ...HEADLINE }], Infinity, rows, notes, mode);
      return { rows, notes };
    }
    if (mode === 'smoke') {
      await benchBackend(browser, url, 'wasm', [SMOKE_CELL], Infinity, rows, notes, mode);
      return { rows, notes };
    }
    await benchBackend(browser, url, 'wasm', FULL_GRID, WASM_BUDGET_MS, rows, notes);
    await benchBackend(browser, url, 'webgl', SMALL_GRID, Infinity, rows, notes);
    await benchBackend(browser, url, 'cpu', SMALL_GRID, Infinity, rows, notes);

    const probe = await openBenchPage(browser, url);
    const webgpu = await probe.evaluate(() => window.webgpuStatus()).catch((e: Error) => e.message);
    await probe.close();
    if (webgpu === 'ok') {
      notes.push('webgpu: software adapter, which has returned wrong results on software Vulkan, so these are timings only (its loss read 0 here)');
      await benchBackend(browser, url, 'webgpu', SMALL_GRID, 60_000, rows, notes);
    } else {
      notes.push(`webgpu skipped: ${webgpu}`);
    }
  } finally {
    await bench.close();
  }
  return { rows, notes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
  const mode: TrainStepMode = process.argv.includes('--smoke') ? 'smoke' : quick ? 'quick' : 'full';
  const result = await benchTrainStep(mode);
  if (result) {
    for (const n of result.notes) console.log(`note: ${n}`);
    if (mode !== 'full') console.log(`${mode} mode: results not saved`);
    else console.log('saved', saveResults('train-step', result.rows));
  }
}
