// The cluster's panels in real Chromium: DeepSeek-V3's preset (4 nodes × 8 GPUs, EPLB every 50
// steps) trains past step 120 and the placement panel shows both balances and the re-placements at
// 0, 50 and 100, the traffic panel its summary and the device limit's line and A/B link; an embed
// of just those two panels fills them; the Chinese page heads them in Chinese. Screenshots of the
// cluster row on a desktop and a phone under test-results/screenshots/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { HASH_VERSION } from '../../src/state/urlVersions';
import { expectClean, openApp, stepOf, trainTo } from './app';
import { SCREENSHOTS, useChromium } from './session';

const chromium = useChromium();
const V3 = `#v=${HASH_VERSION}&be=wasm&preset=deepseek-v3`;

const placement = (page: Page) => page.locator('section[data-panel="placement"]');
const traffic = (page: Page) => page.locator('section[data-panel="traffic"]');

describe('the cluster panels in Chromium', () => {
  test('DeepSeek-V3 trains past step 120: EPLB re-placed every 50 steps from step 0, both balances side by side, the traffic and the device limit', async () => {
    // Play from the drawn step 0 (a step= link trains before drawing, so its first row is step 1)
    const w = await openApp(chromium.browser, chromium.baseURL, V3, { viewport: { width: 1440, height: 900 } });
    const { page } = w;
    try {
      const training = page.getByTestId('training');
      await expect.poll(() => training.getAttribute('data-shown-step'), { timeout: 60_000 }).toBe('0');
      await trainTo(page, 120);
      const step = await stepOf(page);
      await expect.poll(() => training.getAttribute('data-shown-step')).toBe(String(step));
      const placedAt = 50 * Math.floor(step / 50);

      const status = placement(page).getByTestId('placement-status');
      expect(await status.textContent()).toContain(`EPLB placed the experts at step ${placedAt} from the load of the last 20 steps; next at step ${placedAt + 50}.`);
      // the device limit's line: GPUs and nodes per token with the limit and with every group open
      expect(await traffic(page).getByTestId('traffic-reach').textContent()).toMatch(/With the limit a token reaches [\d.]+ GPUs on [\d.]+ nodes/);
      expect(await status.textContent()).toMatch(/32 experts on 4 × 8 GPUs, 64 slots \(32 for replicas\)/);
      const replaced = await placement(page).locator('line.replaced').evaluateAll((lines) => lines.map((l) => l.getAttribute('data-step')));
      expect(replaced).toEqual(Array.from({ length: placedAt / 50 + 1 }, (_, i) => String(50 * i)));
      expect(replaced.slice(0, 3)).toEqual(['0', '50', '100']);
      const current = placement(page).getByTestId('balancedness-current');
      const contiguous = placement(page).getByTestId('balancedness-contiguous');
      for (const b of [current, contiguous]) expect(await b.textContent()).toMatch(/balancedness\s+[01]\.\d\d\s+\(\d+%\)/);
      // side by side on a desktop: one row, current first
      const [a, c] = [await current.boundingBox(), await contiguous.boundingBox()];
      expect(Math.abs(a!.y - c!.y)).toBeLessThan(4);
      expect(c!.x).toBeGreaterThan(a!.x + 100);

      const summary = traffic(page).getByTestId('traffic-summary');
      expect(await summary.textContent()).toMatch(/^Step \d+: 256 tokens, each sent to \d+\.\d\d GPUs on \d\.\d\d nodes on average\..*hidden size 7,168, 1 B a value out and 2 B back\.$/s);
      expect(await traffic(page).textContent()).toMatch(/Device limit \(4 of 8 groups\)/);
      const link = traffic(page).getByRole('link', { name: /What the limit costs in loss/ });
      expect(await link.getAttribute('href')).toMatch(/ab=1/);
      // the cost panel's all-to-all line for the same step
      expect(await page.getByTestId('cost-traffic').textContent()).toMatch(/hidden 7,168, one MoE layer, 256 tokens/);

      await placement(page).screenshot({ path: join(SCREENSHOTS, 'cluster-placement-desktop-en.png') });
      await traffic(page).screenshot({ path: join(SCREENSHOTS, 'cluster-traffic-desktop-en.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(async () => {
        const [x, y] = [await current.boundingBox(), await contiguous.boundingBox()];
        return y!.y > x!.y + 20;
      }).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await placement(page).screenshot({ path: join(SCREENSHOTS, 'cluster-placement-phone-en.png') });
      await traffic(page).screenshot({ path: join(SCREENSHOTS, 'cluster-traffic-phone-en.png') });
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('an embed of the placement and traffic panels shows exactly those, filled, while it plays', async () => {
    const w = await openApp(chromium.browser, chromium.baseURL, `${V3}&embed=1&panels=placement,traffic&autoplay=1`, { viewport: { width: 800, height: 900 } });
    const { page } = w;
    try {
      const panels = page.locator('section[data-panel]');
      await expect.poll(() => panels.evaluateAll((all) => all.map((p) => p.getAttribute('data-panel')))).toEqual(['placement', 'traffic']);
      await expect.poll(() => placement(page).getByTestId('placement-status').count(), { timeout: 60_000 }).toBe(1);
      await expect.poll(() => traffic(page).getByTestId('traffic-summary').count(), { timeout: 60_000 }).toBe(1);
      await expect.poll(() => stepOf(page), { timeout: 60_000 }).toBeGreaterThan(5);
      for (const p of [placement(page), traffic(page)]) expect(await p.textContent()).not.toMatch(/Building the model|Not started/);
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('the Chinese page heads both panels in Chinese', async () => {
    const w = await openApp(chromium.browser, chromium.baseURL, `${V3}&lang=zh-CN`, { viewport: { width: 1440, height: 900 } });
    const { page } = w;
    try {
      await expect.poll(() => page.locator('#placement-heading').textContent(), { timeout: 60_000 }).toBe('专家在 GPU 上的放置');
      expect(await page.locator('#traffic-heading').textContent()).toBe('All-to-all 通信');
      await expect.poll(() => placement(page).getByTestId('placement-status').textContent(), { timeout: 60_000 }).toMatch(/EPLB 在第 0 步依据该步的负载放置了专家/);
      await placement(page).screenshot({ path: join(SCREENSHOTS, 'cluster-placement-desktop-zh-CN.png') });
      expectClean(w);
    } finally {
      await w.close();
    }
  });
});
