// The routers that change the model around route() in real Chromium: Yuan 2.0-M32's attention
// router, MH-MoE's sub-tokens, SMEAR's and Lory's merged experts and PanGu-Σ's domain-mapped
// routing each train from their preset link (the loss falls, nothing breaks), and the flow, the
// load, the inspector and the cost panel draw what trained; sequences with DeepSeek-V2's
// per-sequence and device-level losses, and Megatron's global balance loss, from links.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { presetHash } from '../../src/state/url';
import { HASH_VERSION } from '../../src/state/urlVersions';
import { openApp as open, expectClean, lossOf, trainTo } from './app';
import { type OpenOptions } from './browser';
import { SCREENSHOTS, useChromium } from './session';

const chromium = useChromium();
const openApp = (hash = '', opts: OpenOptions = {}) => open(chromium.browser, chromium.baseURL, hash, opts);
const panel = (page: Page, id: string) => page.locator(`section[data-panel="${id}"]`);

/** Every panel that draws routing shows something of it once a few steps have trained. */
async function expectDrawn(page: Page): Promise<void> {
  // the flow's tokens, experts and lines are one canvas: some of its pixels are painted
  const painted = await panel(page, 'flow')
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
      return n;
    });
  expect(painted).toBeGreaterThan(100);
  expect(await panel(page, 'load').locator('svg rect').count()).toBeGreaterThan(0);
  expect((await panel(page, 'cost').textContent())?.trim().length).toBeGreaterThan(40);
  await page.locator('.routing-flow .stage').focus();
  await page.keyboard.press('Home');
  await expect.poll(() => panel(page, 'inspector').locator('[data-token]').getAttribute('data-token')).toBe('0');
}

describe('the model-level routers in Chromium', () => {
  /** what the cost or inspector panel says that only this router has */
  const says: Record<string, { panel: string; text: RegExp }> = {
    'yuan-m32': { panel: 'cost', text: /attention router/i },
    'mh-moe': { panel: 'inspector', text: /sub-token/i },
    smear: { panel: 'inspector', text: /merge/i },
    lory: { panel: 'inspector', text: /merge/i },
    'pangu-domains': { panel: 'special', text: /domain/i },
    'dense-moe': { panel: 'cost', text: /dense MoE/i },
  };

  test.each(Object.keys(says))('%s trains from its preset link: the loss falls and every panel draws it', async (id) => {
    const w = await openApp(presetHash(id));
    const { page } = w;
    try {
      expect(await page.getByTestId('preset-picker').locator('select').inputValue()).toBe(id);
      const first = await trainTo(page, 60);
      const last = await lossOf(page);
      expect(Number.isFinite(last)).toBe(true);
      expect(last).toBeLessThan(first);
      await expectDrawn(page);
      const { panel: where, text } = says[id];
      await expect.poll(async () => (await panel(page, where).textContent()) ?? '').toMatch(text);
      await page.screenshot({ path: join(SCREENSHOTS, `model-router-${id}-1280.png`), fullPage: true });
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('sequences with the per-sequence, device-level and global balance losses train from links', async () => {
    for (const hash of [
      `#v=${HASH_VERSION}&data=text&L=32&blt=seq&r=deepseek&sf=softmax&E=16&k=4&grp=4&kg=2&ad=0.05`,
      `#v=${HASH_VERSION}&data=text&L=16&blt=global&gw=4`,
    ]) {
      const w = await openApp(hash);
      const { page } = w;
      try {
        const first = await trainTo(page, 40);
        expect(await lossOf(page), hash).toBeLessThan(first);
        await expectDrawn(page);
        expectClean(w);
      } finally {
        await w.close();
      }
    }
  });

  test('MH-MoE in Chinese on a phone: the inspector shows the token’s sub-tokens inside the screen', async () => {
    const w = await openApp(`${presetHash('mh-moe')}&step=10&lang=zh-CN`, { viewport: { width: 390, height: 844 } });
    const { page } = w;
    try {
      await expect.poll(async () => Number(await page.getByTestId('training').getAttribute('data-step')), { timeout: 90_000 }).toBeGreaterThanOrEqual(10);
      await page.locator('.routing-flow .stage').focus();
      await page.keyboard.press('Home');
      await expect.poll(async () => (await panel(page, 'inspector').textContent()) ?? '').toMatch(/子词元/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await panel(page, 'inspector').screenshot({ path: join(SCREENSHOTS, 'model-router-mh-moe-phone-zh.png') });
      expectClean(w);
    } finally {
      await w.close();
    }
  });
});
