// Preset links in real Chromium: a link that names a preset runs its settings, keys on top of it
// change only those settings, and the label says the preset or "based on" it.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp as open, expectClean } from './app';
import { useChromium } from './session';

const chromium = useChromium();
const baseURL = chromium.baseURL;
const openApp = (hash: string) => open(chromium.browser, baseURL, hash);


const slider = (page: Page, name: RegExp) => page.getByRole('slider', { name }).first().inputValue();
const label = (page: Page) => page.getByTestId('preset-picker').locator('select option:checked').textContent();

describe('preset links', () => {
  test('#preset=collapse runs the collapse demo and is labelled with it', async () => {
    // openApp adds be=wasm: a pinned backend keeps the preset (Share writes one too)
    const w = await openApp('#preset=collapse');
    const { page } = w;
    try {
      const picker = page.getByTestId('preset-picker');
      await expect.poll(() => picker.getAttribute('data-state')).toBe('preset');
      expect(await picker.locator('select').inputValue()).toBe('collapse');
      expect((await label(page))?.trim()).toBe('Router collapse');
      expect(await slider(page, /^Top-k/)).toBe('1');
      expect(await slider(page, /^Experts E/)).toBe('8');
      expect(await page.title()).toMatch(/^Router collapse · /);
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('#v=5&preset=switch&k=2 runs Switch with top-2 and says it is based on Switch', async () => {
    const w = await openApp('#v=5&preset=switch&k=2');
    const { page } = w;
    try {
      const picker = page.getByTestId('preset-picker');
      await expect.poll(() => picker.getAttribute('data-state')).toBe('based');
      expect((await label(page))?.trim()).toBe('Based on Switch Transformer');
      expect(await slider(page, /^Top-k/)).toBe('2');
      // the rest is Switch's, not the plain defaults (E = 8)
      expect(await slider(page, /^Experts E/)).toBe('16');
      expect(await page.title()).toMatch(/^Based on Switch Transformer · /);
      // setting top-k back to Switch's 1 makes it the preset again
      await page.getByRole('slider', { name: /^Top-k/ }).first().fill('1');
      await expect.poll(() => picker.getAttribute('data-state')).toBe('preset');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#v=5&preset=switch&be=wasm');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('#v=2&preset=switch&k=2 keeps the shape detail of version 2: back at top-1 it is still only based on Switch', async () => {
    // a version 2 link's missing keys mean version 2's defaults: the 2D sets at shape detail 1,
    // where Switch today draws them at 2; the link rewritten on an edit says so
    const w = await openApp('#v=2&preset=switch&k=2');
    const { page } = w;
    try {
      const picker = page.getByTestId('preset-picker');
      await expect.poll(() => picker.getAttribute('data-state')).toBe('based');
      expect(await slider(page, /^Top-k/)).toBe('2');
      expect(await page.locator('[data-setting="dataDetail"] input[type="range"]').inputValue()).toBe('1');
      await page.getByRole('slider', { name: /^Top-k/ }).first().fill('1');
      await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v=5&preset=switch&.*\bdetail=1\b/);
      expect(await picker.getAttribute('data-state')).toBe('based');
      expectClean(w);
    } finally {
      await w.close();
    }
  });
});
