// One Chromium per browser-test file: launched before the file's tests and closed after them, with
// the address the built app is served at and the folder the screenshots go to.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from './browser';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export interface ChromiumSession {
  /** where globalSetup serves dist/ */
  readonly baseURL: string;
  readonly chromePath: string;
  /** the file's browser, once its tests run */
  readonly browser: Browser;
}

/** Registers the launch and the close; `screenshots`: the folder to make first (default SCREENSHOTS). */
export function useChromium(screenshots: string = SCREENSHOTS): ChromiumSession {
  let launched: LaunchedBrowser | null = null;
  const chromePath = inject('chromePath');
  beforeAll(async () => {
    launched = await launchBrowser(chromePath);
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await launched?.close();
  });
  return {
    baseURL: inject('baseURL'),
    chromePath,
    get browser(): Browser {
      if (!launched) throw new Error('the browser is launched in beforeAll: use it inside a test');
      return launched.browser;
    },
  };
}
