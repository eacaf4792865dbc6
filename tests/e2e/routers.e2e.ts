// The routers that balance by assignment (BASE layers, Sinkhorn) and DeepSeek's V2 gate in real
// Chromium: each trains from its preset link (the loss falls, nothing breaks), and a setting BASE
// cannot run (k = 2, T not a multiple of E) opens with a notice saying what was changed.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { presetHash } from '../../src/state/url';
import { openApp as open, expectClean, lossOf, stepOf, trainTo } from './app';
import { type OpenOptions } from './browser';
import { SCREENSHOTS, useChromium } from './session';

const chromium = useChromium();
const baseURL = chromium.baseURL;
const openApp = (hash = '', opts: OpenOptions = {}) => open(chromium.browser, baseURL, hash, opts);
const screenshotDir = SCREENSHOTS;



describe('the balanced-assignment routers and DeepSeek-V2 in Chromium', () => {
  /** what the token inspector explains for each, once a token is open */
  const explains: Record<string, string | null> = {
    'deepseek-v2': 'groups-kept',
    'deepseek-v2-lite': null,
    deepseekmoe: null,
    'base-layers': 'prices-verdict',
    's-base': 'balanced-verdict',
  };

  test.each(Object.keys(explains))('%s trains from its preset link: the loss falls, and the inspector explains its routing', async (id) => {
    const w = await openApp(presetHash(id));
    const { page } = w;
    try {
      expect(await page.getByTestId('preset-picker').locator('select').inputValue()).toBe(id);
      const first = await trainTo(page, 80);
      const last = await lossOf(page);
      expect(Number.isFinite(last)).toBe(true);
      expect(last).toBeLessThan(first);
      await page.locator('.routing-flow .stage').focus();
      await page.keyboard.press('Home');
      const inspector = page.locator('section[data-panel="inspector"]');
      await expect.poll(() => inspector.locator('[data-token]').getAttribute('data-token')).toBe('0');
      const testId = explains[id];
      if (testId) await expect.poll(() => inspector.getByTestId(testId).textContent()).toMatch(/\w/);
      // none of them has a selection bias to explain
      expect(await inspector.getByTestId('bias-verdict').count()).toBe(0);
      await page.screenshot({ path: join(screenshotDir, `router-${id}-1280.png`), fullPage: true });
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('DeepSeek-V2 in Chinese on a phone: the inspector names the devices a token was limited to, inside the screen', async () => {
    // step=20: trains to step 20 and pauses (the Play button's name is Chinese here)
    const w = await openApp(`${presetHash('deepseek-v2')}&step=20&lang=zh-CN`, { viewport: { width: 390, height: 844 } });
    const { page } = w;
    try {
      await expect.poll(() => stepOf(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(20);
      await page.locator('.routing-flow .stage').focus();
      await page.keyboard.press('Home');
      const groups = page.locator('section[data-panel="inspector"]').getByTestId('groups-kept');
      await expect.poll(() => groups.textContent()).toMatch(/[\u4e00-\u9fff]/);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await groups.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshotDir, 'router-deepseek-v2-zh-390.png') });
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('a link asking BASE for top-2 over a batch it cannot split evenly opens with k = 1, the nearest T, and a notice', async () => {
    const w = await openApp('#v=5&r=base&k=2&T=250');
    const { page } = w;
    try {
      const notices = page.getByTestId('notices');
      await expect.poll(() => notices.textContent()).toMatch(/one expert/);
      await expect.poll(() => notices.textContent()).toMatch(/multiple of 8/);
      await expect.poll(() => notices.textContent()).toMatch(/250 → 248|250.{1,6}248/);
      expect(await page.locator('[data-setting="tokens"] input').first().inputValue()).toBe('248');
      expectClean(w);
    } finally {
      await w.close();
    }
  });
});
