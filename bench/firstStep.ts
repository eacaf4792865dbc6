// The first minute, measured: how long a first-time visitor waits. Serves a build with vite
// preview and opens it in headless Chromium, each sample in a fresh context (empty storage, so
// `auto` finds no cached choice, and an empty HTTP cache), and records in the page itself:
//   load → first paint        first-contentful-paint, from navigation start
//   load → step 0 drawn       data-shown-step first "0" (null where the page does not draw it
//                             before Play within STEP0_TIMEOUT_MS)
//   Play → first step         the Play click → data-shown-step ≥ 1
//   embedded autoplay         the app in an iframe of a page on another origin with
//                             embed=1&autoplay=1: the frame's navigation start → step ≥ 1 drawn
// each for `auto` (no be= in the link) and pinned wasm. Times come from a MutationObserver and a
// capturing click listener installed before the app runs, so Playwright's polling adds nothing.
// Goals (the issue): Play → first step within 1.5 s, embedded autoplay training within 2 s.
// Every case runs once per round, the order rotated round by round so that a slow patch of this
// shared machine hits all alike, each round in a new browser (a new user-data dir); rows are medians.
//
//   node --import tsx bench/firstStep.ts [--smoke | --rounds N]   (BENCH_DIST: the build, default dist/)
// --smoke: one round with short waits, nothing saved (a check that the bench runs).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { preview } from 'vite';
import { launchBrowser } from '../tests/e2e/browser';
import { locateChromium } from '../tests/e2e/chromium';
import { median, round, saveResults, type BenchRow } from './lib';
import { serveHost, INSTALL_MARKS, type Marks } from './firstStepPage';
import { firstStepSummary, firstStepTable } from './firstStepReport';

const root = fileURLToPath(new URL('..', import.meta.url));
/** how long a page may take to draw step 0 before Play is pressed anyway */
const STEP0_TIMEOUT_MS = 30_000;
/**
 * A page that builds on load starts the trainer worker at once; one that starts no worker within
 * this long waits for Play (the app before it drew step 0 on load), so waiting out the full
 * STEP0_TIMEOUT_MS there would only make the bench slow.
 */
const NO_WORKER_GRACE_MS = 5_000;
/** Play → first step, and load → first step embedded: `auto` timed every backend first (~20 s here) */
const STEP_TIMEOUT_MS = 120_000;
/**
 * A visitor looks at step 0 for a moment before pressing Play: long enough for `auto` to start
 * measuring the other backends in the background (after 1.5 s idle), so the steps trained in the
 * window after Play show whether that measuring slows the run being watched (auto vs wasm).
 */
const LOOK_MS = 3_000;
const TRAIN_WINDOW_MS = 5_000;

interface Sample {
  paint: number | null;
  step0: number | null;
  firstStep: number | null;
  /** steps trained in the TRAIN_WINDOW_MS after the first step (pages only) */
  trained: number | null;
  backend: string;
  /** localStorage items at start plus resources served from the HTTP cache: 0 when the profile was fresh */
  stale: number;
}

export type Case = { kind: 'page' | 'embed'; backend: 'auto' | 'wasm' };
const CASES: Case[] = [
  { kind: 'page', backend: 'auto' },
  { kind: 'page', backend: 'wasm' },
  { kind: 'embed', backend: 'auto' },
  { kind: 'embed', backend: 'wasm' },
];
const hashOf = (c: Case) => `#v=2${c.backend === 'wasm' ? '&be=wasm' : ''}${c.kind === 'embed' ? '&embed=1&autoplay=1' : ''}`;

async function readFrame(frame: Frame | Page): Promise<{ marks: Marks; paint: number | null; cached: number; backend: string }> {
  return frame.evaluate(() => ({
    marks: globalThis.__firstStep!,
    paint: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? null,
    // fewer bytes on the wire than the body: from the HTTP cache (0) or revalidated (a 304's headers)
    cached: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.transferSize < r.encodedBodySize).length,
    backend: document.querySelector('[data-testid="training"]')?.getAttribute('data-backend') ?? '',
  }));
}

/** Waits for the frame's first step; false (not a throw) when it does not come in time. */
const firstStepDrawn = (frame: Frame | Page) =>
  frame
    .waitForFunction(() => globalThis.__firstStep?.step1 != null, null, { timeout: STEP_TIMEOUT_MS, polling: 50 })
    .then(() => true)
    .catch(() => false);

async function samplePage(context: BrowserContext, url: string, waits: Waits): Promise<Sample> {
  const page = await context.newPage();
  let workers = 0;
  page.on('worker', () => workers++);
  await page.goto(url, { waitUntil: 'load' });
  const t0 = Date.now();
  // step 0, or give up: after the grace when no worker started, after the timeout when one did
  for (;;) {
    const step0 = await page.evaluate(() => globalThis.__firstStep?.step0 ?? null);
    const waited = Date.now() - t0;
    if (step0 !== null || waited > STEP0_TIMEOUT_MS || (workers === 0 && waited > NO_WORKER_GRACE_MS)) break;
    await page.waitForTimeout(100);
  }
  if (workers > 0) await page.waitForTimeout(waits.lookMs);
  await page.getByRole('button', { name: /Play|播放/ }).first().click();
  const started = await firstStepDrawn(page);
  const stepNow = () => page.evaluate(() => Number(document.querySelector('[data-testid="training"]')?.getAttribute('data-step')));
  let trained: number | null = null;
  if (started) {
    const from = await stepNow();
    await page.waitForTimeout(waits.trainWindowMs);
    trained = (await stepNow()) - from;
  }
  const { marks, paint, cached, backend } = await readFrame(page);
  const { click, step1 } = marks;
  return {
    paint,
    step0: marks.step0,
    firstStep: click !== null && step1 !== null && step1 >= click ? step1 - click : null,
    trained,
    backend,
    stale: Math.max(0, marks.storedAtStart) + cached,
  };
}

async function sampleEmbed(context: BrowserContext, hostURL: string, appURL: string): Promise<Sample> {
  const page = await context.newPage();
  await page.goto(`${hostURL}?src=${encodeURIComponent(appURL)}`, { waitUntil: 'load' });
  const appOrigin = new URL(appURL).origin;
  const frame = page.frames().find((f) => f.url().startsWith(appOrigin));
  if (!frame) throw new Error(`no frame of ${appOrigin} in the host page`);
  await firstStepDrawn(frame);
  const { marks, paint, cached, backend } = await readFrame(frame);
  return { paint, step0: marks.step0, firstStep: marks.step1, trained: null, backend, stale: Math.max(0, marks.storedAtStart) + cached };
}

function resolveDist(): string {
  const fromEnv = process.env.BENCH_DIST;
  const dist = fromEnv ? resolve(fromEnv) : join(root, 'dist');
  if (existsSync(join(dist, 'index.html'))) return dist;
  if (fromEnv) throw new Error(`BENCH_DIST=${fromEnv} has no index.html`);
  const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
  return dist;
}

interface Waits {
  /** how long a visitor looks at step 0 before Play (default LOOK_MS) */
  lookMs: number;
  /** the window after the first step in which trained steps are counted (default TRAIN_WINDOW_MS) */
  trainWindowMs: number;
}

export interface FirstStepOptions extends Partial<Waits> {
  /** fresh-profile samples per case (default 5) */
  rounds?: number;
  /** the cases to sample (default: page and embedded, each with auto and pinned wasm) */
  cases?: readonly Case[];
  /** print each sample as it comes */
  verbose?: boolean;
}

/** a page with auto and an embed on wasm, once, with short waits: a check that the bench runs, not a measurement */
export const FIRST_STEP_SMOKE: FirstStepOptions = {
  rounds: 1,
  lookMs: 0,
  trainWindowMs: 300,
  cases: [
    { kind: 'page', backend: 'auto' },
    { kind: 'embed', backend: 'wasm' },
  ],
};

export async function benchFirstStep(opts: FirstStepOptions = {}): Promise<BenchRow[] | null> {
  const chromePath = locateChromium();
  if (!chromePath) {
    console.warn('first-step bench skipped: no Chromium (set CHROME_PATH or apt-get install chromium)');
    return null;
  }
  const rounds = opts.rounds ?? 5;
  const waits: Waits = { lookMs: opts.lookMs ?? LOOK_MS, trainWindowMs: opts.trainWindowMs ?? TRAIN_WINDOW_MS };
  const dist = resolveDist();
  const server = await preview({ root, configFile: false, logLevel: 'silent', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1' } });
  const appURL = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
  const host = await serveHost();
  const cases = opts.cases ?? CASES;
  const samples = new Map<Case, Sample[]>(cases.map((c) => [c, []]));
  const none: Sample = { paint: null, step0: null, firstStep: null, trained: null, backend: '', stale: 0 };
  try {
    for (let r = 0; r < rounds; r++) {
      const launched = await launchBrowser(chromePath);
      try {
        for (let i = 0; i < cases.length; i++) {
          const c = cases[(i + r) % cases.length];
          const context = await launched.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
          context.setDefaultTimeout(30_000);
          await context.addInitScript({ content: INSTALL_MARKS });
          let s: Sample;
          try {
            const url = `${appURL}${hashOf(c)}`;
            s = c.kind === 'page' ? await samplePage(context, url, waits) : await sampleEmbed(context, host.url, url);
          } catch (err) {
            // one broken sample is reported as missing, not a hung or aborted bench
            console.error(`first-step ${c.kind}/${c.backend} round ${r + 1}: ${(err as Error).message.split('\n')[0]}`);
            s = none;
          } finally {
            await context.close();
          }
          if (s.stale > 0) console.warn(`first-step ${c.kind}/${c.backend}: the profile was not fresh (${s.stale} stored items or cached resources)`);
          if (opts.verbose) console.error(`round ${r + 1} ${c.kind}/${c.backend}: ${JSON.stringify(s)}`);
          samples.get(c)!.push(s);
        }
      } finally {
        await launched.close();
      }
    }
  } finally {
    await host.close();
    await new Promise<void>((ok) => server.httpServer.close(() => ok()));
  }

  const date = new Date().toISOString();
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const got = samples.get(c)!;
    const ran = got.map((s) => s.backend).filter(Boolean);
    const usedBackend = [...new Set(ran)].join('/') || undefined;
    const metrics: [string, (s: Sample) => number | null][] =
      c.kind === 'page'
        ? [
            ['load → first paint', (s) => s.paint],
            ['load → step 0 drawn', (s) => s.step0],
            ['Play → first step', (s) => s.firstStep],
          ]
        : [
            ['embedded: load → first paint', (s) => s.paint],
            ['embedded autoplay: load → first step', (s) => s.firstStep],
          ];
    for (const [variant, pick] of metrics) {
      const all = got.map((s) => (pick(s) === null ? null : round(pick(s)!)));
      const reached = all.filter((x): x is number => x !== null);
      // a mark no sample reached (step 0 before the app drew it on load) has no row at all
      if (!reached.length) continue;
      rows.push({
        name: 'first-step',
        backend: c.backend,
        variant,
        // the defaults every link here opens with
        T: 256,
        E: 8,
        k: 2,
        d: 16,
        h: 32,
        ms: round(median(reached)),
        date,
        runs: reached.length,
        samples: all,
        ...(usedBackend ? { usedBackend } : {}),
      });
    }
  }
  // does measuring backends slow the run? steps in the window after Play, auto against wasm
  const trainedBy = (backend: string) => {
    const page = cases.find((c) => c.kind === 'page' && c.backend === backend);
    return page ? median(samples.get(page)!.flatMap((s) => (s.trained === null ? [] : [s.trained]))) : NaN;
  };
  const [auto, wasm] = [trainedBy('auto'), trainedBy('wasm')];
  if (Number.isFinite(auto) && Number.isFinite(wasm) && wasm > 0) {
    const row = { name: 'first-step', d: 16, h: 32, T: 256, E: 8, k: 2, date, runs: rounds };
    const variant = `steps in the first ${waits.trainWindowMs / 1000} s of training`;
    rows.push({ ...row, backend: 'auto', variant, ms: waits.trainWindowMs, steps: auto, ratio: round(auto / wasm) });
    rows.push({ ...row, backend: 'wasm', variant, ms: waits.trainWindowMs, steps: wasm });
  }
  return rows;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const n = args.indexOf('--rounds');
  const smoke = args.includes('--smoke');
  const rounds = n >= 0 ? Number(args[n + 1]) : undefined;
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds > 0)) throw new Error('--rounds takes a positive whole number');
  const rows = await benchFirstStep(smoke ? { ...FIRST_STEP_SMOKE, verbose: true } : { rounds, verbose: true });
  if (!rows) return;
  console.table(firstStepTable(rows));
  console.log(firstStepSummary(rows));
  // a smoke run proves the bench works; its one sample is no result to keep
  if (!smoke) console.log('saved', saveResults('first-step', rows));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
