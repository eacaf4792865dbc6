// The first minute in a fresh profile: step 0 is drawn before Play, `auto` trains at once on wasm
// and measures the other backends only while paused, an embedded autoplay page trains, and a
// heavy link shows its estimate or its refusal instead of hanging. No test here asserts a time:
// bench/firstStep.ts measures those.
import { describe, expect, test } from 'vitest';
import { expectClean, stepOf } from './app';
import { openPage } from './browser';
import { useChromium } from './session';

const chromium = useChromium();
const baseURL = chromium.baseURL;


const shownStep = async (page: import('playwright-core').Page) => page.getByTestId('training').getAttribute('data-shown-step');

describe('the first minute', () => {
  test('a fresh profile draws step 0 in every panel before Play, then trains on Play without measuring backends first', async () => {
    // no link at all: today's defaults (the teacher task, whose data view is the agreement matrix)
    const w = await openPage(chromium.browser, baseURL);
    const { page } = w;
    // the backend probe's workers: measuring may start while the page is idle, never while training
    const probes: { closed: boolean }[] = [];
    page.on('worker', (worker) => {
      if (!/probe\.worker/.test(worker.url())) return;
      const probe = { closed: false };
      probes.push(probe);
      worker.on('close', () => (probe.closed = true));
    });
    try {
      await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBe('0');
      const panel = page.getByTestId('training');
      expect(await panel.getAttribute('data-playing')).toBe('false');
      expect(await panel.getAttribute('data-backend')).toBe('wasm');
      expect(await panel.textContent()).toMatch(/Step 0/);
      // every panel is drawn: no "building" or "not started" line is left
      for (const id of ['flow', 'load', 'loss', 'heatmap', 'special']) {
        const section = page.locator(`section[data-panel="${id}"]`);
        await expect.poll(() => section.locator('canvas, svg').count(), { message: id }).toBeGreaterThan(0);
        expect(await section.textContent(), id).not.toMatch(/Building the model|Not started/);
      }
      expect(await page.locator('section[data-panel="load"] g.expert[data-expert]').count()).toBe(8);
      // the inspector opens a token of step 0 by itself
      expect(await page.locator(`section[data-panel="inspector"]`).textContent()).not.toMatch(/Click or tap a token/);
      // the notes start folded, each panel with one short visible sentence
      expect(await page.locator('details.note[open]').count()).toBe(0);
      expect(await page.locator('section[data-panel="flow"] .lead').textContent()).toMatch(/token/);

      await page.getByRole('button', { name: /Play/ }).click();
      await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => probes.filter((p) => !p.closed).length, { message: 'a probe still running while training' }).toBe(0);
      expect(await panel.textContent()).toMatch(/auto: wasm/);
      await page.getByRole('button', { name: /Pause/ }).click();
      // paused: now the other backends are measured, in their own worker, and the choice is kept
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('moe-playground:auto-backend:v1')), { timeout: 60_000 })
        .not.toBeNull();
      expect(probes.length).toBeGreaterThan(0);
      const cached = JSON.parse((await page.evaluate(() => localStorage.getItem('moe-playground:auto-backend:v1')))!);
      // WebGL here is SwiftShader: not offered, so wasm stays
      expect(cached.backend).toBe('wasm');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('a 2D link draws the plane at step 0 before Play', async () => {
    const w = await openPage(chromium.browser, `${baseURL}#v=5&data=clusters&be=wasm`);
    const { page } = w;
    try {
      await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBe('0');
      const map = page.locator('section[data-panel="partition"]');
      await expect.poll(() => map.locator('canvas, svg').count()).toBeGreaterThan(0);
      expect(await map.getByTestId('boundary').count()).toBe(1);
      expect(await map.textContent()).not.toMatch(/Building the model|Not started/);
      expect(await page.locator('section[data-panel="special"]').count()).toBe(0);
      expect(await page.getByTestId('training').getAttribute('data-playing')).toBe('false');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('an embedded autoplay page trains, with no backend measured before it', async () => {
    const w = await openPage(chromium.browser, `${baseURL}#v=5&embed=1&autoplay=1&panels=flow,load,loss`, { viewport: { width: 800, height: 520 } });
    const { page } = w;
    try {
      await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThan(5);
      expect(await page.getByTestId('training').getAttribute('data-backend')).toBe('wasm');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('a link too large for the browser is refused with the settings to lower, and nothing is built', async () => {
    const w = await openPage(chromium.browser, `${baseURL}#v=2&E=512&k=512&T=16384&d=128&h=512&be=wasm`);
    const { page } = w;
    try {
      const alert = page.getByTestId('training').getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/GB/);
      expect(await alert.textContent()).toMatch(/Tokens per batch T|Top-k|Experts E/);
      expect(await page.getByRole('button', { name: /Play/ }).isDisabled()).toBe(true);
      await page.waitForTimeout(1000);
      expect(await page.getByTestId('training').getAttribute('data-backend')).toBe('');
      expect(await page.locator('section[data-panel="flow"]').textContent()).toMatch(/too large/);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a heavy link says how long a step will take, shows progress on Play, and trains', async () => {
    const w = await openPage(chromium.browser, `${baseURL}#v=2&T=8192&E=64&k=8&d=64&h=256&be=wasm`);
    const { page } = w;
    try {
      const panel = page.getByTestId('training');
      await expect.poll(() => panel.textContent()).toMatch(/About [\d.]+ s a step/);
      expect(await shownStep(page)).toBe('');
      await page.getByRole('button', { name: /Play/ }).click();
      await expect.poll(() => panel.locator('progress').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => stepOf(page), { timeout: 120_000 }).toBeGreaterThan(0);
      await page.getByRole('button', { name: /Pause/ }).click();
      await expect.poll(() => panel.getAttribute('data-playing')).toBe('false');
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
