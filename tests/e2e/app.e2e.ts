// The built app in real Chromium: loads cleanly and offline, trains in a Web Worker, draws
// what it trained, switches to Chinese, and lays out at three sizes without sideways scroll.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { presetHash } from '../../src/state/url';
import { openApp as open, expectClean, heldOutLoss, lossOf, stepOf, trainTo } from './app';
import { openPage, type OpenOptions } from './browser';
import { SCREENSHOTS, useChromium } from './session';

const chromium = useChromium();
const baseURL = chromium.baseURL;
const openApp = (hash = '', opts: OpenOptions = {}) => open(chromium.browser, baseURL, hash, opts);
const screenshotDir = SCREENSHOTS;



async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/** controls and drawings that stick out of the panel holding them */
async function escaping(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const panel of document.querySelectorAll('section[data-panel]')) {
      const box = panel.getBoundingClientRect();
      for (const el of panel.querySelectorAll('input, select, button, output, svg, canvas')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || el.closest('.visually-hidden')) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1) {
          out.push(`${panel.getAttribute('data-panel')}: ${el.tagName.toLowerCase()} [${Math.round(r.left)}, ${Math.round(r.right)}] outside [${Math.round(box.left)}, ${Math.round(box.right)}]`);
        }
      }
    }
    return out;
  });
}

const kept = (page: Page) =>
  page.locator('section[data-panel="load"] g.expert[data-expert]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-kept')).join(','));

describe('MoE Playground in Chromium', () => {
  test('loads with no console error, no page error and no request to another origin', async () => {
    const w = await openApp();
    try {
      await expect.poll(() => w.page.title()).toBe('MoE Playground');
      await expect.poll(() => w.page.locator('h1').textContent()).toBe('MoE Playground');
      await w.page.waitForLoadState('networkidle');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('a fresh profile with no link trains the default task (the teacher over 16 inputs): the held-out loss falls, with no error', async () => {
    // no hash at all: not even be=wasm, which would make it a link of version 1
    const w = await openPage(chromium.browser, baseURL);
    const { page } = w;
    try {
      await page.getByTestId('training').waitFor({ state: 'attached' });
      const controls = page.locator('section[data-panel="controls"]');
      expect(await controls.locator('[data-setting="dataset"] select').inputValue()).toBe('teacher');
      expect(await controls.locator('[data-setting="inputDim"] input[type="number"]').inputValue()).toBe('16');
      expect(await controls.locator('[data-setting="normalize"] select').inputValue()).toBe('softmax-topk');
      // step 0 is drawn, with its held-out evaluation: the untrained model's held-out loss
      await expect.poll(() => page.getByTestId('training').getAttribute('data-shown-step'), { timeout: 60_000 }).toBe('0');
      await expect.poll(() => heldOutLoss(page)).toBeGreaterThan(0);
      const untrained = await heldOutLoss(page);
      await trainTo(page, 100);
      // the legend states the latest evaluation: one ran since step 0
      await expect.poll(() => page.getByTestId('loss-latest').textContent()).not.toMatch(/^Latest, step 0:/);
      expect(await heldOutLoss(page)).toBeLessThan(untrained);
      expect(await page.getByTestId('training').getAttribute('data-backend')).toBe('wasm');
      // its data view is the agreement matrix (16 inputs: no plane to draw), a row per teacher expert
      expect(await page.locator('section[data-panel="partition"]').count()).toBe(0);
      await expect.poll(() => page.getByTestId('special-lines').locator('li').count()).toBe(8);
      expect(await page.locator('section[data-panel="special"]').textContent()).toMatch(/teacher 7 → /);
      // training wrote no link: the page is still today's defaults
      expect(await page.evaluate(() => location.hash)).toBe('');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('the teacher over 2 inputs draws the router’s map and, below it at 390 px, the teacher’s regions T0..T7, then the agreement matrix', async () => {
    const w = await openApp('#v=5&dim=2', { viewport: { width: 390, height: 844 } });
    const { page } = w;
    try {
      await trainTo(page, 100);
      const panel = page.locator('section[data-panel="partition"]');
      expect(await page.locator('section[data-panel="special"]').count()).toBe(0);
      await expect.poll(() => panel.getByTestId('boundary').count()).toBe(1);
      const teacher = panel.locator('figure.teacher');
      expect(await teacher.getByTestId('teacher-borders').getAttribute('d')).toMatch(/^M/);
      const names = (await teacher.locator('text').allTextContents()).sort();
      expect(names).toEqual(['T0', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']);
      // trained: every teacher region is coloured as the student expert that keeps most of its tokens
      const label = (await teacher.locator('[role="img"]').getAttribute('aria-label')) ?? '';
      for (let te = 0; te < 8; te++) expect(label).toMatch(new RegExp(`teacher ${te} → expert \\d`));
      // placement: the teacher's square does not cover the router's, and the matrix follows both
      const plane = (await panel.locator('.plane').boundingBox())!;
      const square = (await teacher.locator('.square').boundingBox())!;
      const lines = (await panel.getByTestId('special-lines').boundingBox())!;
      expect(square.y).toBeGreaterThanOrEqual(plane.y + plane.height - 1);
      expect(lines.y).toBeGreaterThan(square.y + square.height);
      expect(await panel.getByTestId('special-lines').locator('li').count()).toBe(8);
      await page.screenshot({ path: join(screenshotDir, 'teacher-2d-390.png'), fullPage: true });
      expect(await horizontalOverflow(page).then((o) => o.scrollWidth <= o.innerWidth)).toBe(true);
      expect(await escaping(page)).toEqual([]);
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('trains the defaults in a Web Worker on wasm: the loss falls, the views follow, a token opens in the inspector', async () => {
    const w = await openApp();
    const { page } = w;
    try {
      const first = await trainTo(page, 20);
      const loadAt20 = await kept(page);
      const heatAt20 = await page.locator('section[data-panel="heatmap"]').textContent();
      await page.getByRole('button', { name: /Play/ }).click();
      await expect.poll(() => stepOf(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(100);
      await page.getByRole('button', { name: /Pause/ }).click();
      expect(await lossOf(page)).toBeLessThan(first);
      const panel = page.getByTestId('training');
      expect(await panel.getAttribute('data-thread')).toBe('DedicatedWorkerGlobalScope');
      expect(await panel.getAttribute('data-backend')).toBe('wasm');
      // the load bars and the heatmap moved with training
      expect(await kept(page)).not.toBe(loadAt20);
      expect(await page.locator('section[data-panel="heatmap"]').textContent()).not.toBe(heatAt20);
      // the flow draws the batch that was trained: its counts match the load bars
      const flow = page.locator('.routing-flow');
      const keptTotal = (await kept(page)).split(',').reduce((a, b) => a + Number(b), 0);
      expect(Number(await flow.getAttribute('data-kept'))).toBe(keptTotal);
      // keyboard: the flow's token cursor selects token 0, and the inspector shows it
      await page.locator('.routing-flow .stage').focus();
      await page.keyboard.press('Home');
      const inspector = page.locator('section[data-panel="inspector"] [data-token]');
      await expect.poll(() => inspector.getAttribute('data-token')).toBe('0');
      // the arrows keep moving the token cursor (the inspector does not take focus), and do not step
      const stepNow = await stepOf(page);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => inspector.getAttribute('data-token')).toBe('1');
      expect(await stepOf(page)).toBe(stepNow);
      // a click on the canvas picks the token under the pointer
      const box = (await page.locator('.routing-flow canvas').boundingBox())!;
      await page.mouse.click(box.x + box.width * 0.3, box.y + 12);
      await expect.poll(async () => (await flow.getAttribute('data-selected')) !== '').toBe(true);
      const selected = await flow.getAttribute('data-selected');
      await expect.poll(() => inspector.getAttribute('data-token')).toBe(selected);
      expect(await page.locator('section[data-panel="inspector"]').textContent()).toMatch(/expert/i);
      await page.screenshot({ path: join(screenshotDir, 'trained-defaults-1280.png'), fullPage: true });
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('switching the router while training goes on, with no error and no backend fallback, in both directions', async () => {
    // noisy top-k trains two more weights (its noise): tf.train.adam's moments went by list
    // position, and this switch stopped training on a shape error
    const w = await openApp('');
    const { page } = w;
    try {
      await trainTo(page, 20);
      const router = page.getByLabel(/^Router/).first();
      for (const [scheme, steps] of [['noisy-topk', 40], ['token-choice', 60]] as const) {
        await router.selectOption(scheme);
        await trainTo(page, steps);
        expect(Number.isFinite(await lossOf(page))).toBe(true);
        expect(await page.getByTestId('training').getAttribute('data-backend')).toBe('wasm');
      }
      expect(page.url()).not.toContain('r=noisy');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('a text preset trains and shows which experts each domain prefers', async () => {
    const w = await openApp(presetHash('text-domains'));
    const { page } = w;
    try {
      const first = await trainTo(page, 100);
      expect(await lossOf(page)).toBeLessThan(first);
      const lines = page.getByTestId('special-lines');
      await expect.poll(() => lines.textContent()).toMatch(/Code|English/);
      await page.screenshot({ path: join(screenshotDir, 'text-domains-1280.png'), fullPage: true });
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('the teacher task trains on fresh data and shows how the student experts line up with the teacher', async () => {
    const w = await openApp('#data=teacher');
    const { page } = w;
    try {
      const first = await trainTo(page, 100);
      expect(await lossOf(page)).toBeLessThan(first);
      const lines = page.getByTestId('special-lines');
      await expect.poll(() => lines.locator('li').count()).toBe(8);
      await expect.poll(() => lines.textContent()).toMatch(/teacher 0 → .*teacher 7 → /);
      await page.screenshot({ path: join(screenshotDir, 'teacher-1280.png'), fullPage: true });
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('a 2D preset (Switch, top-1) trains and draws the partition of the plane', async () => {
    const w = await openApp(presetHash('switch'));
    const { page } = w;
    try {
      const first = await trainTo(page, 100);
      expect(await lossOf(page)).toBeLessThan(first);
      expect(await page.getByTestId('preset-picker').locator('select').inputValue()).toBe('switch');
      const map = page.locator('section[data-panel="partition"]');
      await expect.poll(() => map.locator('[data-testid="boundary"]').count()).toBeGreaterThan(0);
      expect(await map.locator('[aria-label]').first().getAttribute('aria-label')).toMatch(/expert/i);
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('the language button switches to Chinese', async () => {
    const w = await openApp();
    const { page } = w;
    try {
      await page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('MoE 演练场');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  const sizes = [
    { width: 1280, height: 800 },
    { width: 768, height: 1024 },
    { width: 390, height: 844 },
  ];
  for (const viewport of sizes) {
    const size = `${viewport.width}x${viewport.height}`;
    test(`layout at ${size} after training: no sideways scroll; screenshots in English and Chinese`, async () => {
      const w = await openApp('', { viewport });
      const { page } = w;
      try {
        await trainTo(page, 30);
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await page.screenshot({ path: join(screenshotDir, `en-${size}.png`), fullPage: true });
        let o = await horizontalOverflow(page);
        expect.soft(o.scrollWidth, `en ${size}: page scrolls sideways`).toBeLessThanOrEqual(o.innerWidth);
        expect.soft(await escaping(page), `en ${size}: parts outside their panel`).toEqual([]);
        await page.getByRole('button', { name: '中文' }).click();
        await expect.poll(() => page.locator('h1').textContent()).toBe('MoE 演练场');
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await page.screenshot({ path: join(screenshotDir, `zh-CN-${size}.png`), fullPage: true });
        o = await horizontalOverflow(page);
        expect.soft(o.scrollWidth, `zh-CN ${size}: page scrolls sideways`).toBeLessThanOrEqual(o.innerWidth);
        expect.soft(await escaping(page), `zh-CN ${size}: parts outside their panel`).toEqual([]);
        expectClean(w);
      } finally {
        await w.close();
      }
    });
  }
});
