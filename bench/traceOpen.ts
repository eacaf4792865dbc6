// Does a big router trace freeze the page? Writes a synthetic trace of about 100 MB in the
// project's own format (src/engine/traces/synthetic.ts: 4 layers × 8 experts, top-2, with weights,
// logits and text), opens it in the built app's trace page through the file input, and records
// the main thread's long tasks (PerformanceObserver 'longtask', > 50 ms) from the pick until the
// trace's views are drawn. Each run is a fresh page; a row reports the median of the runs.
// The baseline, in the same runs: the same page reading the same file's bytes (File.arrayBuffer)
// with nothing parsed, so `ratio` is how many times the bare read the whole open takes.
// The goal (issue 18): no main-thread task over 50 ms while a 100 MB trace opens.
//
//   node --import tsx bench/traceOpen.ts [--smoke] [--mb=100] [--runs=3]

import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { preview } from 'vite';
import { syntheticTokensForBytes, syntheticTraceLines } from '../src/engine/traces/synthetic';
import { launchBrowser } from '../tests/e2e/browser';
import { locateChromium } from '../tests/e2e/chromium';
import { ensureBuilt, installRecorder } from './longTasks';
import { median, round, saveResults, type BenchRow } from './lib';

const root = fileURLToPath(new URL('..', import.meta.url));
/** reading 100 MB in a busy headless Chromium: well under a minute here; the limit only stops a hang */
const OPEN_TIMEOUT_MS = 240_000;
const SHAPE = { layers: 4, experts: 8, k: 2 };

export interface TraceOpenOptions {
  /** the trace's size in MB (10^6 bytes) */
  mb?: number;
  runs?: number;
  dist?: string;
}

export const TRACE_OPEN_SMOKE: TraceOpenOptions = { mb: 1, runs: 1 };

export interface TraceOpenRow extends BenchRow {
  bytes: number;
  tokens: number;
  /** each run's longest main-thread task (ms); `ms` is their median */
  runsMs: number[];
  /** each run's time from the pick to the views drawn, and the bare read's (ms) */
  openRunsMs: number[];
  readRunsMs: number[];
}

/** Writes a synthetic own-format trace of about `mb` MB line by line (it never sits in memory whole); returns its size and tokens. */
export async function writeSyntheticTrace(file: string, mb: number): Promise<{ bytes: number; tokens: number }> {
  const tokens = syntheticTokensForBytes(mb * 1e6, SHAPE);
  const out = createWriteStream(file);
  for (const line of syntheticTraceLines({ ...SHAPE, tokens })) {
    if (!out.write(line + '\n')) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
  return { bytes: statSync(file).size, tokens };
}

interface Run {
  longest: number;
  count: number;
  total: number;
  openMs: number;
  readMs: number;
  /** the longest task after the ] key moves every view to the next layer (one interaction) */
  layerSwitch: number;
}

/** One fresh page: the bare read of the file (baseline), then the trace page's open of it. */
async function openRun(browser: Browser, url: string, file: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: 'light' });
  context.setDefaultTimeout(OPEN_TIMEOUT_MS);
  try {
    await context.addInitScript(installRecorder);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const input = page.locator('#trace-files');
    await input.waitFor({ state: 'attached' });
    // baseline: a second, hidden input the bench adds, whose file is only read as bytes
    await page.evaluate(() => {
      const raw = document.createElement('input');
      raw.type = 'file';
      raw.id = 'bench-raw';
      raw.hidden = true;
      document.body.append(raw);
    });
    await page.locator('#bench-raw').setInputFiles(file);
    const readMs = await page.evaluate(async () => {
      const f = (document.getElementById('bench-raw') as HTMLInputElement).files![0];
      const t0 = performance.now();
      await f.arrayBuffer();
      return performance.now() - t0;
    });
    await page.waitForTimeout(500);
    await page.evaluate(() => globalThis.__longTasks.entries.splice(0));
    const t0 = Date.now();
    await input.setInputFiles(file);
    // the views are drawn when the last panel (placement and traffic) has its traffic
    await page.locator('#trace-summary-heading').waitFor({ state: 'visible' });
    await page.locator('section[data-panel="trace-cluster"] [data-testid="traffic-summary"]').waitFor({ state: 'attached' });
    const openMs = Date.now() - t0;
    // let the draws that follow the first frame finish inside the window
    await page.waitForTimeout(1_000);
    const entries = await page.evaluate(() => globalThis.__longTasks.entries.splice(0));
    // one interaction: every view moves to the next layer at once (its numbers not yet worked out)
    await page.locator('body').press(']');
    await page.waitForTimeout(1_000);
    const switched = await page.evaluate(() => globalThis.__longTasks.entries.splice(0));
    return {
      layerSwitch: Math.max(0, ...switched.map((e) => e.duration)),
      longest: Math.max(0, ...entries.map((e) => e.duration)),
      count: entries.length,
      total: entries.reduce((s, e) => s + e.duration, 0),
      openMs,
      readMs,
    };
  } finally {
    await context.close();
  }
}

export async function benchTraceOpen(opts: TraceOpenOptions = {}): Promise<TraceOpenRow[] | null> {
  const chromePath = locateChromium();
  if (!chromePath) {
    console.warn('trace-open bench skipped: no Chromium (set CHROME_PATH or apt-get install chromium)');
    return null;
  }
  const mb = opts.mb ?? 100;
  const runs = opts.runs ?? 3;
  const dist = resolve(root, opts.dist ?? process.env.BENCH_DIST ?? 'dist');
  ensureBuilt(dist);
  const dir = mkdtempSync(join(tmpdir(), 'moe-trace-bench-'));
  const file = join(dir, `synthetic-${mb}mb.jsonl`);
  const { bytes, tokens } = await writeSyntheticTrace(file, mb);
  const server = await preview({ root, logLevel: 'silent', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1' } });
  const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/#trace`;
  const launched = await launchBrowser(chromePath);
  try {
    const done: Run[] = [];
    for (let r = 0; r < runs; r++) {
      const run = await openRun(launched.browser, url, file);
      console.log(
        `trace open ${(bytes / 1e6).toFixed(1)} MB run ${r + 1}/${runs}: longest task ${round(run.longest)} ms (${run.count} over 50 ms), open ${run.openMs} ms, bare read ${round(run.readMs)} ms; layer switch ${round(run.layerSwitch)} ms`,
      );
      done.push(run);
    }
    const longest = done.map((d) => d.longest);
    const mid = median(longest);
    const at = done.reduce((best, d) => (Math.abs(d.longest - mid) < Math.abs(best.longest - mid) ? d : best));
    const openMs = median(done.map((d) => d.openMs));
    const readMs = median(done.map((d) => d.readMs));
    const shape = { backend: 'none', T: tokens, E: SHAPE.experts, k: SHAPE.k, d: null, h: null, date: new Date().toISOString(), bytes, tokens };
    const runsOf = { runsMs: longest.map((x) => round(x)), openRunsMs: done.map((d) => d.openMs), readRunsMs: done.map((d) => round(d.readMs)) };
    return [
      {
        name: 'trace-open',
        variant: `longest main-thread task while a ${mb} MB own-format trace opens (median of ${runs})`,
        ms: round(mid),
        count: at.count,
        totalMs: round(at.total),
        ...shape,
        ...runsOf,
      },
      {
        name: 'trace-open',
        variant: `pick to views drawn, ${mb} MB (median of ${runs}; baseline: the page reading the file's bytes)`,
        ms: openMs,
        baselineMs: round(readMs),
        ratio: round(openMs / Math.max(1, readMs)),
        ...shape,
        ...runsOf,
      },
      {
        name: 'trace-open',
        variant: `longest task when the ] key moves every view to the next layer of the ${mb} MB trace (median of ${runs}; 0: none over 50 ms)`,
        ms: round(median(done.map((d) => d.layerSwitch))),
        ...shape,
        ...runsOf,
        runsMs: done.map((d) => round(d.layerSwitch)),
      },
    ];
  } finally {
    await launched.close();
    await new Promise<void>((closed) => server.httpServer.close(() => closed()));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const num = (name: string) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.split('=')[1]) : undefined;
  };
  const smoke = args.includes('--smoke');
  const base = smoke ? TRACE_OPEN_SMOKE : {};
  const rows = await benchTraceOpen({ ...base, mb: num('mb') ?? base.mb, runs: num('runs') ?? base.runs });
  if (!rows) return;
  console.table(rows.map(({ variant, ms, baselineMs, ratio, count }) => ({ variant, ms, baselineMs, ratio, count })));
  if (!smoke) console.log('saved', saveResults('trace-open', rows));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
