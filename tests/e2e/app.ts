// Opening and driving the app in the browser tests.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { HASH_VERSION } from '../../src/state/urlVersions';
import { openPage, type OpenOptions, type WatchedPage } from './browser';

/**
 * Open the app at a hash (the backend pinned to wasm unless the hash says otherwise). No hash:
 * today's defaults. Pinning the backend needs a key, and a link with keys but no `v` reads as
 * version 1 (the clusters of then), so the blank hash becomes `#v=<today's version>&be=wasm`.
 * A test of a truly empty link (auto backend) opens the page with openPage instead.
 */
export async function openApp(browser: Browser, baseURL: string, hash = '', opts: OpenOptions = {}): Promise<WatchedPage> {
  const withBackend = hash.includes('be=') ? hash : `${hash || `#v=${HASH_VERSION}`}&be=wasm`;
  const w = await openPage(browser, `${baseURL}${withBackend}`, opts);
  try {
    await w.page.getByTestId('training').waitFor({ state: 'attached' });
  } catch (err) {
    const why = [...w.pageErrors, ...w.consoleErrors].join('\n') || '(no console or page error)';
    const body = (await w.page.locator('body').innerText().catch(() => '')).slice(0, 500);
    await w.close();
    throw new Error(`the app did not render:\n${why}\npage text: ${body}`, { cause: err });
  }
  return w;
}

export function expectClean(w: WatchedPage): void {
  expect(w.consoleErrors, 'console errors').toEqual([]);
  expect(w.pageErrors, 'page errors').toEqual([]);
  expect(w.foreignRequests, 'requests to other origins').toEqual([]);
}

export const stepOf = async (page: Page) => Number(await page.getByTestId('training').getAttribute('data-step'));
export const lossOf = async (page: Page) => Number(await page.getByTestId('training').getAttribute('data-loss'));

const shownStep = (page: Page) => page.getByTestId('training').getAttribute('data-shown-step');

/**
 * Play until at least `steps` steps, then pause; returns the loss of the untrained model (step 0,
 * drawn on load), or of the first step seen when step 0 was not drawn. Snapshots are paced, so
 * the first one seen after Play may already be tens of steps in: a loss taken there is no baseline.
 */
export async function trainTo(page: Page, steps: number): Promise<number> {
  const atLoad = await expect.poll(() => shownStep(page), { timeout: 30_000 }).not.toBe('').then(() => true, () => false);
  const untrained = atLoad && (await shownStep(page)) === '0' ? await lossOf(page) : undefined;
  await page.getByRole('button', { name: /Play/ }).click();
  await expect.poll(() => stepOf(page), { timeout: 90_000 }).toBeGreaterThan(0);
  const first = untrained ?? (await lossOf(page));
  await expect.poll(() => stepOf(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(steps);
  await page.getByRole('button', { name: /Pause/ }).click();
  await expect.poll(() => page.getByTestId('training').getAttribute('data-playing')).toBe('false');
  return first;
}


/**
 * The latest held-out task loss the loss chart's legend states (an English page); NaN before
 * the first evaluation.
 */
export async function heldOutLoss(page: Page): Promise<number> {
  const text = (await page.getByTestId('loss-latest').textContent()) ?? '';
  const m = /task loss \(held-out\) (\d+(?:\.\d+)?)/.exec(text);
  return m ? Number(m[1]) : NaN;
}
