// The experiment pages in real Chromium: an A/B link opens and both runs train in their own
// workers to the link's step; Compare A/B and Sweep in the lab's header open them; a small sweep
// completes with its table (and its cells come from the cache after a reload); cancel stops the
// workers. Screenshots at the three sizes, in both languages, under test-results/screenshots/.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HASH_VERSION } from '../../src/state/urlVersions';
import { openPage } from './browser';
import { expectClean } from './app';
import { SCREENSHOTS, useChromium } from './session';

const chromium = useChromium();
const baseURL = chromium.baseURL;
const screenshotDir = SCREENSHOTS;
const SIZES = [
  ['phone', 390, 844],
  ['tablet', 820, 1180],
  ['desktop', 1440, 900],
] as const;



const open = (hash: string, width = 1440, height = 900) => openPage(chromium.browser, `${baseURL}${hash}`, { viewport: { width, height } });

describe('A/B compare in Chromium', () => {
  test('an A/B link opens, both runs train to its step in step, and what they do not share is said', async () => {
    // B has twice the experts: its first 8 experts start as A's, the other 8 are its own
    const w = await open(`#v=${HASH_VERSION}&be=wasm&step=40&ab=1&b.E=16`);
    const { page } = w;
    const view = page.getByTestId('compare');
    await expect.poll(() => view.getAttribute('data-step-a'), { timeout: 90_000 }).toBe('40');
    await expect.poll(() => view.getAttribute('data-step-b'), { timeout: 90_000 }).toBe('40');
    expect(await view.getAttribute('data-playing')).toBe('false');
    // both curves drawn, both runs' panels shown
    await expect.poll(() => page.getByTestId('compare-latest').textContent()).toMatch(/\d/);
    expect(await page.locator('[data-testid="compare-arms"] section[data-arm]').count()).toBe(2);
    const note = await page.getByTestId('not-shared').innerText();
    expect(note).toMatch(/router/);
    expect(note).toMatch(/first 8 experts start equal/);
    // Share builds the comparison's link, with the step both runs reached
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox').first().check();
    const link = await dialog.locator('input[readonly]').first().inputValue();
    expect(link).toContain('ab=1');
    expect(link).toContain('b.E=16');
    expect(link).toMatch(/step=40/);
    expectClean(w);
    await w.close();
  });

  test('Compare A/B in the header compares the lab with a copy, and Back to the lab returns', async () => {
    const w = await open(`#v=${HASH_VERSION}&be=wasm&E=4&k=1`);
    const { page } = w;
    await page.getByRole('button', { name: 'Compare A/B' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/E=4&k=1.*&ab=1$/);
    await page.getByTestId('compare').waitFor();
    await page.getByRole('button', { name: /Back to the lab/ }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('ab=1');
    expect(await page.evaluate(() => location.hash)).toContain('E=4&k=1');
    await page.getByTestId('training').waitFor({ state: 'attached' });
    expectClean(w);
    await w.close();
  });

  test.each(SIZES)('the comparison at %s size, in English and Chinese', async (name, width, height) => {
    for (const lang of ['en', 'zh-CN']) {
      const w = await open(`#v=${HASH_VERSION}&be=wasm&step=20&lang=${lang}&ab=1&b.k=1`, width, height);
      const { page } = w;
      await expect.poll(() => page.getByTestId('compare').getAttribute('data-step-b'), { timeout: 90_000 }).toBe('20');
      // nothing scrolls sideways
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(screenshotDir, `compare-${name}-${lang}.png`), fullPage: true });
      expectClean(w);
      await w.close();
    }
  });
});

describe('sweeps in Chromium', () => {
  // 2 × 2 cells of 30 steps, one seed: small enough to finish in seconds on wasm
  const SMALL = `#v=${HASH_VERSION}&be=wasm&sweep=custom&sw.x=cf:1,2&sw.y=k:1,2&sw.e=1,2&sw.n=30&sw.s=1&sw.w=2`;

  test('a small sweep completes with its table and heatmap, and a reload reads it from the cache', async () => {
    const w = await open(SMALL);
    const { page } = w;
    await page.getByRole('button', { name: 'Run sweep' }).click();
    const table = page.getByTestId('sweep-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 120_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('sweep').getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    // every cell has a number: 2 × 2 cells, each evaluated at 2 capacity factors
    const values = await table.locator('td[data-col="mean"][data-value]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    expect(values.length).toBeGreaterThanOrEqual(4);
    for (const v of values) expect(Number.isFinite(v)).toBe(true);
    expect(await page.getByTestId('sweep-heatmap').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshotDir, 'sweep-small-desktop.png'), fullPage: true });
    // a reload: the same sweep's cells come from the cache, nothing trains again
    await page.reload();
    await page.getByRole('button', { name: /Run sweep|Resume/ }).click();
    await expect.poll(() => page.getByTestId('sweep').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    expect(await page.getByTestId('sweep-progress').innerText()).toMatch(/cache/i);
    expectClean(w);
    await w.close();
  });

  test('cancel stops the workers at once', async () => {
    const w = await open(`#v=${HASH_VERSION}&be=wasm&sweep=custom&sw.x=cf:1,1.25,2&sw.y=off&sw.e=off&sw.n=3000&sw.s=1&sw.w=2&s=77`);
    const { page } = w;
    // the page's dedicated workers, as Chromium reports them: the sweep's pool and nothing else
    // (an experiment page starts no lab worker)
    const workers = () => page.workers().length;
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await expect.poll(() => page.getByTestId('sweep').getAttribute('data-status')).toBe('running');
    await expect.poll(workers, { timeout: 30_000 }).toBe(2);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('sweep').getAttribute('data-status')).toBe('cancelled');
    await expect.poll(workers, { timeout: 5_000 }).toBe(0);
    expectClean(w);
    await w.close();
  });

  test.each(SIZES)('the ST-MoE sweep page at %s size, in English and Chinese', async (name, width, height) => {
    for (const lang of ['en', 'zh-CN']) {
      const w = await open(`#v=${HASH_VERSION}&sweep=st-moe&lang=${lang}`, width, height);
      const { page } = w;
      await page.getByTestId('sweep').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(screenshotDir, `sweep-stmoe-${name}-${lang}.png`), fullPage: true });
      expectClean(w);
      await w.close();
    }
  });
});
