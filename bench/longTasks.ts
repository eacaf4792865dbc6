// Does training freeze the page? Opens the built app in headless Chromium and records the main
// thread's long tasks (PerformanceObserver 'longtask', > 50 ms):
//  - at the defaults: 10 s with the page idle (the baseline), then 10 s of training;
//  - at the heavy settings (E = 512, T = 16,384, token choice k = 2 and soft MoE, on wasm): from
//    navigation until the first step is drawn (page load, model build, first snapshot), then a
//    window of training (a step there takes a second or more, so the window covers several
//    snapshots). Each heavy case runs `runs` times on a fresh page; a row reports the median of
//    the runs' longest tasks (one run is one quiet-machine sample, and a shared machine is noisy).
// Heavy runs also take a Chromium trace for each task's thread (CPU) time (traceTasks.ts): on a
// busy shared machine a task's wall time stretches, its thread time is the page's own work.
// The goal: no main-thread task over 50 ms while training, at any size.
//
//   node --import tsx bench/longTasks.ts [--smoke] [--heavy] [--defaults] [--runs=3] [--window=20000]
//   BENCH_DIST=/tmp/other-dist node --import tsx bench/longTasks.ts   (serve another build)
// dist/ is built first if it is missing; a BENCH_DIST folder must already hold a build.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { preview } from 'vite';
import { launchBrowser, openPage } from '../tests/e2e/browser';
import { locateChromium } from '../tests/e2e/chromium';
import { median, round, saveResults, type BenchRow } from './lib';
import { TRACE_CATEGORIES, taskTimes } from './traceTasks';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEFAULTS_WINDOW_MS = 10_000;
/** a first step at E = 512, T = 16,384 builds the model and may measure backends: minutes on a slow machine */
const FIRST_STEP_TIMEOUT_MS = 300_000;

/** One heavy setting: a link (hash) and the sizes it trains at, for the rows. */
export interface HeavyCase {
  label: string;
  hash: string;
  T: number;
  E: number;
  k: number;
}

export const HEAVY_CASES: HeavyCase[] = [
  { label: 'token choice k=2', hash: '#v=1&E=512&T=16384&be=wasm', T: 16384, E: 512, k: 2 },
  { label: 'soft', hash: '#v=1&E=512&T=16384&r=soft&be=wasm', T: 16384, E: 512, k: 512 },
];

/** A quick pass of the same code at small sizes (a check that the bench itself works). */
export const SMOKE_CASES: HeavyCase[] = [
  { label: 'token choice k=2', hash: '#v=1&E=8&T=256&be=wasm', T: 256, E: 8, k: 2 },
  { label: 'soft', hash: '#v=1&E=8&T=256&r=soft&be=wasm', T: 256, E: 8, k: 8 },
];

export interface LongTaskOptions {
  /** the build to serve (default: BENCH_DIST, else dist/) */
  dist?: string;
  /** the idle and default-settings rows (default true) */
  defaults?: boolean;
  heavy?: HeavyCase[];
  /** runs per heavy case (default 3) */
  runs?: number;
  /** training window per heavy run, ms (default 20 s) */
  windowMs?: number;
}

/** --smoke and npm run bench -- --smoke: the small cases once each, with a short window */
export const LONG_TASKS_SMOKE: LongTaskOptions = { defaults: false, heavy: SMOKE_CASES, runs: 1, windowMs: 1_000 };

interface Window {
  longest: number;
  count: number;
  total: number;
  steps: number;
  /** the longest task's thread time, ms (heavy runs; NaN when the trace had none) */
  cpu?: number;
}

export interface LongTaskRow extends BenchRow {
  /** heavy rows: the longest task (wall) of each run, ms; `ms` is their median */
  runsMs?: number[];
  /** heavy rows: the longest task's thread time of each run, and their median, ms */
  cpuRunsMs?: number[];
  cpuMs?: number;
}

declare global {
  // the page-side recorder installed before the app's scripts run
  var __longTasks: { entries: { start: number; duration: number }[] };
}

/** The page-side long-task recorder (runs in the page, before the app's scripts where added as an init script). */
export function installRecorder(): void {
  globalThis.__longTasks = { entries: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__longTasks.entries.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
}

export function ensureBuilt(dist: string): void {
  if (existsSync(join(dist, 'index.html'))) return;
  if (dist !== join(root, 'dist')) throw new Error(`${dist} holds no build (index.html): build it first`);
  const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

const stepOf = async (page: Page) => Number((await page.getByTestId('training').getAttribute('data-step')) ?? 0);
const backendOf = async (page: Page) => (await page.getByTestId('training').getAttribute('data-backend')) || 'unknown';

/** Long tasks since the last take (and forget them), with the steps trained meanwhile. */
async function take(page: Page, stepBefore: number): Promise<Window> {
  const entries = await page.evaluate(() => globalThis.__longTasks.entries.splice(0));
  return {
    longest: Math.max(0, ...entries.map((e) => e.duration)),
    count: entries.length,
    total: entries.reduce((s, e) => s + e.duration, 0),
    steps: (await stepOf(page)) - stepBefore,
  };
}

async function play(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Play|播放/ }).first().click();
}

/** The idle page, then training at the defaults (today's two rows). */
async function defaultsWindows(browser: Browser, base: string): Promise<{ idle: Window; training: Window; backend: string }> {
  const { page, close } = await openPage(browser, base, { viewport: { width: 1280, height: 800 } });
  try {
    await page.evaluate(installRecorder);
    // warm: start the worker and let `auto` settle the backend, so the window times training
    await play(page);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="training"]')?.getAttribute('data-step')) > 20, null, {
      timeout: 120_000,
    });
    await page.getByRole('button', { name: /Pause|暂停/ }).first().click();
    await take(page, 0);
    await page.waitForTimeout(DEFAULTS_WINDOW_MS);
    const idle = await take(page, await stepOf(page));
    const before = await stepOf(page);
    await play(page);
    await page.waitForTimeout(DEFAULTS_WINDOW_MS);
    const training = await take(page, before);
    return { idle, training, backend: await backendOf(page) };
  } finally {
    await close();
  }
}

/** One heavy run on a fresh page: navigation to the first drawn step, then `windowMs` of training. */
async function heavyRun(browser: Browser, url: string, windowMs: number): Promise<{ load: Window; training: Window; backend: string }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: 'light' });
  context.setDefaultTimeout(30_000);
  let tracing = false;
  try {
    await context.addInitScript(installRecorder);
    const page = await context.newPage();
    await browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
    tracing = true;
    await page.goto(url, { waitUntil: 'load' });
    await play(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="training"]')?.getAttribute('data-shown-step') !== '', null, {
      timeout: FIRST_STEP_TIMEOUT_MS,
      polling: 100,
    });
    // let the first step's draw (and its move-in animation) finish inside the load part
    await page.waitForTimeout(500);
    const load = await take(page, 0);
    // splits the trace: load before the mark, the training window after it
    await page.evaluate(() => performance.mark('bench:window'));
    const before = await stepOf(page);
    await page.waitForTimeout(windowMs);
    const training = await take(page, before);
    const backend = await backendOf(page);
    tracing = false;
    const cpu = taskTimes(await browser.stopTracing(), 'bench:window');
    return { load: { ...load, cpu: cpu?.before ?? NaN }, training: { ...training, cpu: cpu?.after ?? NaN }, backend };
  } finally {
    if (tracing) await browser.stopTracing().catch(() => undefined);
    await context.close();
  }
}

export async function benchLongTasks(opts: LongTaskOptions = {}): Promise<LongTaskRow[] | null> {
  const chromePath = locateChromium();
  if (!chromePath) {
    console.warn('long-task bench skipped: no Chromium (set CHROME_PATH or apt-get install chromium)');
    return null;
  }
  const dist = resolve(root, opts.dist ?? process.env.BENCH_DIST ?? 'dist');
  const runs = opts.runs ?? 3;
  const windowMs = opts.windowMs ?? 20_000;
  ensureBuilt(dist);
  const server = await preview({ root, logLevel: 'silent', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1' } });
  const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
  const launched = await launchBrowser(chromePath);
  const date = new Date().toISOString();
  const rows: LongTaskRow[] = [];
  const row = (variant: string, sizes: Pick<BenchRow, 'T' | 'E' | 'k'>, backend: string, w: Window, extra: Partial<LongTaskRow> = {}): LongTaskRow => ({
    name: 'long-tasks',
    backend,
    variant,
    ...sizes,
    d: 16,
    h: 32,
    ms: round(w.longest),
    date,
    count: w.count,
    totalMs: round(w.total),
    steps: w.steps,
    ...extra,
  });
  try {
    if (opts.defaults ?? true) {
      const { idle, training, backend } = await defaultsWindows(launched.browser, base);
      const sizes = { T: 256, E: 8, k: 2 };
      rows.push(row('idle page, 10 s', sizes, backend, idle));
      rows.push(row('training at the defaults, 10 s', sizes, backend, training, { baselineMs: round(idle.longest) }));
    }
    for (const c of opts.heavy ?? HEAVY_CASES) {
      const done: Awaited<ReturnType<typeof heavyRun>>[] = [];
      for (let r = 0; r < runs; r++) {
        const run = await heavyRun(launched.browser, base + c.hash, windowMs);
        const both = (w: Window) => `${round(w.longest)} ms (thread ${round(w.cpu ?? NaN)} ms)`;
        console.log(`${c.label} E=${c.E} T=${c.T} run ${r + 1}/${runs}: load ${both(run.load)}, training ${both(run.training)}, ${run.training.steps} steps`);
        done.push(run);
      }
      // the median run's window (count, total, steps) with the median of the longest tasks
      for (const part of ['load', 'training'] as const) {
        const longest = done.map((d) => d[part].longest);
        const mid = median(longest);
        const at = done.reduce((best, d) => (Math.abs(d[part].longest - mid) < Math.abs(best[part].longest - mid) ? d : best));
        const what = part === 'load' ? 'page load to the first step drawn' : `training, ${windowMs / 1000} s`;
        const cpu = done.map((d) => d[part].cpu ?? NaN);
        rows.push(
          row(`${c.label} ${c.hash}: ${what} (median of ${runs})`, c, at.backend, { ...at[part], longest: mid }, {
            runsMs: longest.map((x) => round(x)),
            cpuMs: round(median(cpu)),
            cpuRunsMs: cpu.map((x) => round(x)),
          }),
        );
      }
    }
    return rows;
  } finally {
    await launched.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(`--${name}`);
  const num = (name: string) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.split('=')[1]) : undefined;
  };
  const smoke = flag('smoke');
  // --heavy or --defaults alone runs only that part
  const only = flag('heavy') !== flag('defaults');
  const base: LongTaskOptions = smoke ? LONG_TASKS_SMOKE : {};
  const rows = await benchLongTasks({
    defaults: only ? flag('defaults') : !smoke,
    heavy: only && flag('defaults') ? [] : (base.heavy ?? HEAVY_CASES),
    runs: num('runs') ?? base.runs,
    windowMs: num('window') ?? base.windowMs,
  });
  if (!rows) return;
  console.table(
    rows.map(({ variant, backend, ms, runsMs, cpuMs, cpuRunsMs, count, steps }) => ({
      variant,
      backend,
      'longest task ms': ms,
      runs: runsMs?.join(' / ') ?? '',
      'longest thread ms': cpuMs ?? '',
      'thread runs': cpuRunsMs?.join(' / ') ?? '',
      count,
      steps,
    })),
  );
  // a smoke run or another build is a check, not the record
  if (!smoke && !process.env.BENCH_DIST) console.log('saved', saveResults('long-tasks', rows));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
