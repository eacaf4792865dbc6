// The guided tour in the built app: every stop trains to its step, says where it is, outlines its
// panel and brings it into view, passes axe; Next by button and by key; leaving gives back the
// settings and the URL. One stop in Chinese from a link, and a stop on a phone. Screenshots of
// each stop go to /tmp/shots/tour/ (outside the repo) for a person to look at.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { en, zh } from '../../src/i18n/panels/tour';
import { TOUR_STOPS } from '../../src/state/tour';
import { openApp as open, expectClean, stepOf } from './app';
import { type OpenOptions } from './browser';
import { useChromium } from './session';

const shots = process.env.TOUR_SHOTS ?? '/tmp/shots/tour';
const chromium = useChromium(shots);
const baseURL = chromium.baseURL;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** a slow 2-core machine: the bias stop alone is 100 steps of E=32, k=8 */
const TRAIN_MS = 120_000;

const openApp = (hash: string, opts: OpenOptions = {}) => open(chromium.browser, baseURL, hash, opts);


const card = (page: Page) => page.getByTestId('tour');
const hashOf = (page: Page) => page.evaluate(() => location.hash);
const tourPanel = (page: Page) => page.evaluate(() => document.documentElement.dataset.tourPanel ?? null);

/** every setting field's value, by its key: what "the settings" look like on the page */
const settingsOf = (page: Page) =>
  page.locator('[data-setting]').evaluateAll((fields) =>
    Object.fromEntries(
      fields.map((f) => {
        const input = f.querySelector<HTMLInputElement | HTMLSelectElement>('select, input[type="number"], input[type="checkbox"], input');
        const value = input instanceof HTMLInputElement && input.type === 'checkbox' ? String(input.checked) : (input?.value ?? '');
        return [f.getAttribute('data-setting'), value];
      }),
    ),
  );

/** the link's keys and values, order aside */
const params = (hash: string) => [...new URLSearchParams(hash.replace(/^#/, '')).entries()].map(([k, v]) => `${k}=${v}`).sort();

/**
 * Where the outlined panel is: how much of it the window shows (of what could be shown, the panel
 * or the window, whichever is shorter), how much of that the tour's card covers, and which
 * sections carry an outline (only the stop's should).
 */
function placement(page: Page, panel: string) {
  return page.evaluate((id) => {
    const section = document.querySelector(`section[data-panel="${id}"]`);
    const c = document.querySelector('[data-testid="tour"]')?.getBoundingClientRect() ?? null;
    const outlined = [...document.querySelectorAll('section[data-panel]')]
      .filter((s) => getComputedStyle(s).outlineStyle !== 'none' && parseFloat(getComputedStyle(s).outlineWidth) > 0)
      .map((s) => s.getAttribute('data-panel'));
    const card = c && { top: Math.round(c.top), left: Math.round(c.left), height: Math.round(c.height), width: Math.round(c.width) };
    if (!section) return { exists: false, outlined, shown: 0, covered: 0, top: 0, height: 0, docTop: 0, scrollY, card };
    const r = section.getBoundingClientRect();
    const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    const [vw, vh] = [innerWidth, innerHeight];
    const visW = overlap(r.left, r.right, 0, vw);
    const visH = overlap(r.top, r.bottom, 0, vh);
    const shown = visH / Math.min(r.height, vh);
    // the card over the visible part of the panel
    const under = c ? overlap(r.left, r.right, Math.max(0, c.left), Math.min(vw, c.right)) * overlap(r.top, r.bottom, Math.max(0, c.top), Math.min(vh, c.bottom)) : 0;
    const covered = visW * visH > 0 ? under / (visW * visH) : 1;
    const round = (x: number) => Math.round(x * 100) / 100;
    return { exists: true, outlined, shown: round(shown), covered: round(covered), top: Math.round(r.top), height: Math.round(r.height), docTop: Math.round(r.top + scrollY), scrollY, card };
  }, panel);
}

/** waits until the page has stopped scrolling (the card scrolls the panel in smoothly) */
async function settled(page: Page): Promise<void> {
  let last = -1;
  await expect
    .poll(
      async () => {
        const y = await page.evaluate(() => scrollY);
        const still = y === last;
        last = y;
        return still;
      },
      { interval: 250, timeout: 10_000 },
    )
    .toBe(true);
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

/**
 * The card shows stop i and the stop has trained: its position and heading in the language,
 * its step reached, its panel outlined and in view, the heading focused.
 */
async function expectStop(page: Page, i: number, strings: Record<string, string>, position: string) {
  const stop = TOUR_STOPS[i];
  await expect.poll(() => card(page).getAttribute('data-stop')).toBe(String(i));
  await expect.poll(() => hashOf(page)).toContain(`tour=${i + 1}`);
  // the card's step is the new stop's: reset on the stop's change, so a step reached is this stop's
  await expect.poll(() => stepOf(page), { timeout: TRAIN_MS, interval: 250 }).toBeGreaterThanOrEqual(stop.steps);
  expect(await stepOf(page), `stop ${stop.id} stops at its step`).toBe(stop.steps);
  await expect.poll(() => card(page).locator('.training').count()).toBe(0);
  expect(await card(page).locator('.pos').textContent()).toContain(position);
  expect((await card(page).locator('h2').textContent())?.trim()).toBe(strings[`tour.${stop.id}.title`]);
  expect((await card(page).locator('.text').textContent())?.trim()).toBe(strings[`tour.${stop.id}.text`]);
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
  expect(await tourPanel(page)).toBe(stop.panel);
  await settled(page);
  const p = await placement(page, stop.panel);
  expect(p.exists, `section[data-panel=${stop.panel}] exists`).toBe(true);
  expect(p.outlined, 'only the stop\'s panel is outlined').toEqual([stop.panel]);
  // soft: a panel out of view fails the test, and the walk goes on to show the other stops
  expect.soft(p.shown, `stop ${i + 1} ${stop.id}: most of ${stop.panel} is in the window: ${JSON.stringify(p)}`).toBeGreaterThanOrEqual(0.6);
  expect.soft(p.covered, `stop ${i + 1} ${stop.id}: the card leaves most of ${stop.panel} to see: ${JSON.stringify(p)}`).toBeLessThanOrEqual(0.5);
  return p;
}

describe('the guided tour', () => {
  test('walks all seven stops in English, each trained, outlined, in view and accessible; Finish gives back the settings and the URL', { timeout: 900_000 }, async () => {
    const w = await openApp('#v=5&E=4&be=wasm', { viewport: DESKTOP });
    const { page } = w;
    try {
      await expect.poll(() => page.getByTestId('training').getAttribute('data-shown-step'), { timeout: 60_000 }).toBe('0');
      const hashBefore = await hashOf(page);
      const settingsBefore = await settingsOf(page);
      expect(hashBefore).toContain('E=4');
      expect(settingsBefore.experts).toBe('4');

      await page.locator('button.tour-start').click();
      expect(await page.locator('button.tour-start').isDisabled()).toBe(true);
      const advance = [
        () => card(page).getByRole('button', { name: /Next/ }).click(),
        () => page.keyboard.press('ArrowRight'),
        () => card(page).getByRole('button', { name: /Next/ }).click(),
        () => page.keyboard.press('PageDown'),
        () => card(page).getByRole('button', { name: /Next/ }).click(),
        () => page.keyboard.press('ArrowRight'),
      ];
      for (let i = 0; i < TOUR_STOPS.length; i++) {
        await expectStop(page, i, en, `Stop ${i + 1} of ${TOUR_STOPS.length}`);
        if (i === 0) expect(await card(page).getByRole('button', { name: /Back/ }).isDisabled()).toBe(true);
        expect(await axeViolations(page), `axe at stop ${TOUR_STOPS[i].id}`).toEqual([]);
        await page.screenshot({ path: `${shots}/desktop-${i + 1}-${TOUR_STOPS[i].id}.png` });
        if (i === 1) {
          // Back by key, then on again: the stop before comes back, trained afresh
          await page.keyboard.press('PageUp');
          await expectStop(page, 0, en, `Stop 1 of ${TOUR_STOPS.length}`);
          await card(page).getByRole('button', { name: /Next/ }).click();
          await expectStop(page, 1, en, `Stop 2 of ${TOUR_STOPS.length}`);
        }
        if (i < TOUR_STOPS.length - 1) await advance[i]();
      }
      // the last stop has no Next: Finish
      expect(await card(page).getByRole('button', { name: /Next/ }).count()).toBe(0);
      await card(page).getByRole('button', { name: 'Finish' }).click();
      await expect.poll(() => card(page).count()).toBe(0);
      expect(await tourPanel(page)).toBeNull();
      // the same keys and values as before; the order is the app's canonical one, not the link's
      await expect.poll(async () => params(await hashOf(page))).toEqual(params(hashBefore));
      expect(await settingsOf(page)).toEqual(settingsBefore);
      expect(await page.locator('button.tour-start').isDisabled()).toBe(false);
      // the run before the tour was at step 0: the page is back at an untrained model
      await expect.poll(() => page.getByTestId('training').getAttribute('data-shown-step'), { timeout: 60_000 }).toBe('0');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('a link opens stop 3 in Chinese; Esc leaves it for the link\'s own settings', { timeout: 300_000 }, async () => {
    // what the same link without the tour opens: the settings and URL leaving must give back
    const plain = await openApp('#v=5&lang=zh-CN&be=wasm', { viewport: DESKTOP });
    await plain.page.getByTestId('training').waitFor({ state: 'attached' });
    const plainHash = await hashOf(plain.page);
    const plainSettings = await settingsOf(plain.page);
    await plain.close();

    const w = await openApp('#v=5&lang=zh-CN&tour=3&be=wasm', { viewport: DESKTOP });
    const { page } = w;
    try {
      await expectStop(page, 2, zh, '第 3 站');
      expect(TOUR_STOPS[2].panel).toBe('heatmap');
      expect(await card(page).getByRole('button', { name: '退出导览' }).count()).toBe(1);
      expect(await page.locator('button.tour-start').textContent()).toBe('开始导览');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${shots}/desktop-zh-3-collapse.png` });
      await page.keyboard.press('Escape');
      await expect.poll(() => card(page).count()).toBe(0);
      expect(await tourPanel(page)).toBeNull();
      // the same keys and values; the order is the app's own (it writes its canonical form)
      await expect.poll(async () => params(await hashOf(page))).toEqual(params(plainHash));
      expect(await settingsOf(page)).toEqual(plainSettings);
      expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/);
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('on a phone a stop below the fold is scrolled into view and the card leaves room to see it', { timeout: 300_000 }, async () => {
    const cases = [
      { hash: '#v=5&tour=6&be=wasm', stop: 5, strings: en, position: 'Stop 6 of 7', shot: 'phone-6-bias.png', belowFold: true },
      { hash: '#v=5&lang=zh-CN&tour=2&be=wasm', stop: 1, strings: zh, position: '第 2 站', shot: 'phone-zh-2-drops.png', belowFold: false },
    ];
    for (const c of cases) {
      const w = await openApp(c.hash, { viewport: PHONE });
      const { page } = w;
      try {
        await expectStop(page, c.stop, c.strings, c.position);
        await page.screenshot({ path: `${shots}/${c.shot}` });
        const p = await placement(page, TOUR_STOPS[c.stop].panel);
        if (c.belowFold) {
          // below the fold on the page as laid out: it took a scroll to show it
          expect(p.docTop, JSON.stringify(p)).toBeGreaterThan(PHONE.height);
          expect(p.scrollY).toBeGreaterThan(0);
        }
        // the card is a strip at the foot, not the whole screen, and some of the panel shows above it
        expect(p.card).not.toBeNull();
        expect(p.card!.height).toBeLessThan(PHONE.height / 2);
        expect(p.top + p.height, JSON.stringify(p)).toBeGreaterThan(0);
        expect(p.card!.top - Math.max(0, p.top), `room above the card: ${JSON.stringify(p)}`).toBeGreaterThan(150);
        expectClean(w);
      } finally {
        await w.close();
      }
    }
  });
});
