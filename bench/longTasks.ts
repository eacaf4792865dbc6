// Does training freeze the page? Opens the built app in headless Chromium, records the main
// thread's long tasks (PerformanceObserver 'longtask', > 50 ms) over 10 s with the page idle
// (the baseline), then over 10 s of training at the default settings, and reports the longest
// task of each and the steps trained. The goal: no main-thread task over 50 ms while training.
//
//   node --import tsx bench/longTasks.ts      (builds dist/ first if it is missing)

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { launchBrowser, openPage } from '../tests/e2e/browser';
import { locateChromium } from '../tests/e2e/chromium';
import { round, saveResults, type BenchRow } from './lib';

const root = fileURLToPath(new URL('..', import.meta.url));
const WINDOW_MS = 10_000;

interface Window {
  longest: number;
  count: number;
  total: number;
  steps: number;
}

declare global {
  // the page-side recorder installed by addInitScript
  var __longTasks: { start: number; entries: { start: number; duration: number }[] };
}

function ensureBuilt(): void {
  if (existsSync(join(root, 'dist', 'index.html'))) return;
  const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

export async function benchLongTasks(): Promise<BenchRow[] | null> {
  const chromePath = locateChromium();
  if (!chromePath) {
    console.warn('long-task bench skipped: no Chromium (set CHROME_PATH or apt-get install chromium)');
    return null;
  }
  ensureBuilt();
  const server = await preview({ root, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1' } });
  const port = (server.httpServer.address() as AddressInfo).port;
  const launched = await launchBrowser(chromePath);
  try {
    const { page, close } = await openPage(launched.browser, `http://127.0.0.1:${port}/`, { viewport: { width: 1280, height: 800 } });
    const record = async (during: () => Promise<void>): Promise<Window> => {
      await page.evaluate(() => {
        globalThis.__longTasks = { start: performance.now(), entries: [] };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) globalThis.__longTasks.entries.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask' });
      });
      const stepBefore = Number((await page.getByTestId('training').getAttribute('data-step')) ?? 0);
      await during();
      await page.waitForTimeout(WINDOW_MS);
      const stepAfter = Number((await page.getByTestId('training').getAttribute('data-step')) ?? 0);
      const entries = await page.evaluate(() => globalThis.__longTasks.entries);
      return {
        longest: Math.max(0, ...entries.map((e) => e.duration)),
        count: entries.length,
        total: entries.reduce((s, e) => s + e.duration, 0),
        steps: stepAfter - stepBefore,
      };
    };
    // warm: start the worker and let `auto` settle the backend, so the window times training
    await page.getByRole('button', { name: /Play|播放/ }).first().click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="training"]')?.getAttribute('data-step')) > 20, null, {
      timeout: 120_000,
    });
    await page.getByRole('button', { name: /Pause|暂停/ }).first().click();
    const idle = await record(async () => {});
    const training = await record(async () => {
      await page.getByRole('button', { name: /Play|播放/ }).first().click();
    });
    const backend = (await page.getByTestId('training').getAttribute('data-backend')) ?? 'unknown';
    await close();
    const date = new Date().toISOString();
    const row = (variant: string, w: Window, baseline?: Window): BenchRow => ({
      name: 'long-tasks',
      backend,
      variant,
      T: 256,
      E: 8,
      k: 2,
      d: 16,
      h: 32,
      ms: round(w.longest),
      ...(baseline ? { baselineMs: round(baseline.longest) } : {}),
      date,
      count: w.count,
      totalMs: round(w.total),
      steps: w.steps,
    });
    return [row('idle page, 10 s', idle), row('training at the defaults, 10 s', training, idle)];
  } finally {
    await launched.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

async function main(): Promise<void> {
  const rows = await benchLongTasks();
  if (!rows) return;
  console.table(rows.map(({ variant, backend, ms, ...r }) => ({ variant, backend, 'longest task ms': ms, ...r })));
  console.log('saved', saveResults('long-tasks', rows));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
