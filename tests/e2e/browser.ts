// Helpers for the browser tests: launch Debian's Chromium through playwright-core and open
// pages that record console errors, page errors and requests to other origins.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Flags for Debian's Chromium here, as root, with no network; the bench adds its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu-vsync',
];

export async function launchBrowser(executablePath: string, extraArgs: string[] = []): Promise<LaunchedBrowser> {
  // Keep Chromium's config and crash reports out of the home folder.
  const xdg = mkdtempSync(join(tmpdir(), 'moe-e2e-xdg-'));
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    env: { ...process.env, XDG_CONFIG_HOME: xdg },
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(xdg, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** console messages of type "error" (page and workers) */
  consoleErrors: string[];
  /** uncaught exceptions in the page */
  pageErrors: string[];
  /** URLs of requests to an origin other than the served one (data: and blob: are allowed) */
  foreignRequests: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** navigator.language(s); the app picks Chinese for zh-*, so pin it */
  locale?: string;
  colorScheme?: 'light' | 'dark';
}

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

export async function openPage(browser: Browser, baseURL: string, opts: OpenOptions = {}): Promise<WatchedPage> {
  const origin = new URL(baseURL).origin;
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'light',
  });
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];

  context.on('request', (req) => {
    const url = req.url();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      foreignRequests.push(url);
      return;
    }
    if (LOCAL_SCHEMES.has(parsed.protocol)) return;
    if (parsed.origin !== origin) foreignRequests.push(url);
  });
  context.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      consoleErrors.push(`${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });

  // fail fast with a readable locator error instead of the 60 s test timeout
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));

  await page.goto(baseURL, { waitUntil: 'load' });
  return {
    context,
    page,
    consoleErrors,
    pageErrors,
    foreignRequests,
    close: () => context.close(),
  };
}
