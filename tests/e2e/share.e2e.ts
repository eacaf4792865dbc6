// Links, presenter keys, embedding and accessibility in real Chromium.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp as open, expectClean, stepOf } from './app';
import { launchBrowser, type OpenOptions } from './browser';
import { useChromium } from './session';

const chromium = useChromium();
const baseURL = chromium.baseURL;
const chromePath = chromium.chromePath;
const openApp = (hash = '', opts: OpenOptions = {}) => open(chromium.browser, baseURL, hash, opts);


/** The losses of the history rows the page has drawn, via the CSV export's source. */
async function lossAt(page: Page, step: number): Promise<number> {
  await expect.poll(() => stepOf(page), { timeout: 120_000 }).toBe(step);
  return Number(await page.getByTestId('training').getAttribute('data-loss'));
}

describe('links', () => {
  test('two pages opened from one link with step=50 pause at step 50 with the same loss', async () => {
    const link = '#v=1&s=42&E=6&k=2&data=rings&step=50';
    const a = await openApp(link);
    const b = await openApp(link);
    try {
      const [la, lb] = await Promise.all([lossAt(a.page, 50), lossAt(b.page, 50)]);
      expect(Number.isFinite(la)).toBe(true);
      expect(lb).toBe(la);
      expect(await a.page.getByTestId('training').getAttribute('data-playing')).toBe('false');
      expectClean(a);
      expectClean(b);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('a bad link still opens, says exactly what it changed, and never renders link text as HTML', async () => {
    const w = await openApp('#v=1&E=9999&k=abc&r=warp&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1&cf=-3');
    const { page } = w;
    try {
      const notices = page.getByTestId('notices');
      await expect.poll(() => notices.locator('li').count()).toBeGreaterThanOrEqual(4);
      const text = (await notices.textContent()) ?? '';
      expect(text).toMatch(/E/);
      expect(text).toMatch(/512/);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      // dismissing clears them
      await notices.getByRole('button', { name: 'Dismiss' }).first().click();
      await expect.poll(() => page.getByTestId('notices').count()).toBe(0);
      // the page still trains
      await page.getByRole('button', { name: /Step/ }).click();
      await expect.poll(() => stepOf(page), { timeout: 60_000 }).toBe(1);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a slider move replaces the URL; a preset pushes an entry that Back returns from', async () => {
    const w = await openApp();
    const { page } = w;
    try {
      const before = await page.evaluate(() => history.length);
      await page.getByLabel(/^Experts E/).first().fill('12');
      await expect.poll(() => page.evaluate(() => location.hash)).toContain('E=12');
      expect(await page.evaluate(() => history.length)).toBe(before);
      await page.getByTestId('preset-picker').locator('select').selectOption('mixtral');
      await expect.poll(() => page.evaluate(() => location.hash)).toContain('preset=mixtral');
      expect(await page.evaluate(() => history.length)).toBe(before + 1);
      await page.goBack();
      await expect.poll(() => page.evaluate(() => location.hash)).toContain('E=12');
      await expect.poll(() => page.getByTestId('preset-picker').locator('select').inputValue()).toBe('');
      expectClean(w);
    } finally {
      await w.close();
    }
  });
});

describe('backends', () => {
  test('a backend that cannot start falls back, keeps the settings and says so', async () => {
    // headless Chromium here has no WebGPU adapter without --enable-unsafe-webgpu
    const w = await openApp('#v=1&E=6&be=webgpu');
    const { page } = w;
    try {
      await page.getByRole('button', { name: /Step/ }).click();
      const panel = page.getByTestId('training');
      await expect.poll(() => stepOf(page), { timeout: 60_000 }).toBe(1);
      expect(await panel.getAttribute('data-backend')).not.toBe('webgpu');
      expect(await panel.textContent()).toMatch(/webgpu could not start/);
      expect(await page.locator('section[data-panel="load"] g.expert[data-expert]').count()).toBe(6);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('presenting', () => {
  test('presenter keys: P plays and pauses, S steps, ? lists the keys; Space does nothing', async () => {
    const w = await openApp();
    const { page } = w;
    try {
      await page.locator('h1').click();
      await page.keyboard.press('s');
      await expect.poll(() => stepOf(page), { timeout: 60_000 }).toBe(1);
      await page.keyboard.press(' ');
      await page.waitForTimeout(300);
      expect(await stepOf(page)).toBe(1);
      await page.keyboard.press('p');
      await expect.poll(() => stepOf(page), { timeout: 60_000 }).toBeGreaterThan(3);
      await page.keyboard.press('p');
      await expect.poll(() => page.getByTestId('training').getAttribute('data-playing')).toBe('false');
      await page.keyboard.press('?');
      await expect.poll(() => page.getByRole('dialog').textContent()).toMatch(/PageDown/);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('a deck link walks its slides with the clicker keys', async () => {
    const w = await openApp('#v=1&deck=switch,mixtral,collapse');
    const { page } = w;
    try {
      const deck = page.getByTestId('deck');
      expect(await deck.getAttribute('data-slide')).toBe('0');
      await page.locator('h1').click();
      await page.keyboard.press('PageDown');
      await expect.poll(() => deck.getAttribute('data-slide')).toBe('1');
      await expect.poll(() => page.evaluate(() => location.hash)).toContain('preset=mixtral');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => deck.getAttribute('data-slide')).toBe('2');
      await page.keyboard.press('PageUp');
      await expect.poll(() => deck.getAttribute('data-slide')).toBe('1');
      expectClean(w);
    } finally {
      await w.close();
    }
  });

  test('embedded: only the chosen panels, driven by postMessage from the host page', async () => {
    // a different origin in the same (local) address space: Chromium blocks a public page from framing 127.0.0.1
    const host = 'http://127.0.0.1:9';
    // the host page is served by page.route, which Chromium counts as a public page framing a
    // local one (Local Network Access); a real deck on a real origin is not affected
    const own = await launchBrowser(chromePath, ['--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessForNavigations,PrivateNetworkAccessForIframes']);
    const context = await own.browser.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const src = `${baseURL}#v=1&be=wasm&embed=1&panels=flow,loss&controls=E,k&origins=${encodeURIComponent(host)}`;
    await page.route(`${host}/`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>deck</title><body style="margin:0"><iframe id="tool" src="${src}" style="width:800px;height:600px;border:0"></iframe>
<script>window.got = []; addEventListener('message', (e) => { if (e.data && e.data.source === 'moe-playground') window.got.push(e.data); });</script>`,
      }),
    );
    try {
      await page.goto(`${host}/`);
      const frame = page.frameLocator('#tool');
      await frame.getByTestId('embed').waitFor();
      expect(await frame.locator('section[data-panel]').evaluateAll((s) => s.map((x) => x.getAttribute('data-panel')))).toEqual(['flow', 'loss']);
      await page.waitForFunction(() => (window as unknown as { got: { type: string }[] }).got.some((m) => m.type === 'ready'));
      const send = (msg: object) =>
        page.evaluate(([m, origin]) => (document.getElementById('tool') as HTMLIFrameElement).contentWindow!.postMessage(m, origin), [msg, new URL(baseURL).origin] as const);
      await send({ source: 'moe-playground', type: 'set', params: { E: 4 } });
      await send({ source: 'moe-playground', type: 'step' });
      await page.waitForFunction(() => (window as unknown as { got: { type: string; load?: number[] }[] }).got.some((m) => m.type === 'metrics' && m.load?.length === 4), null, {
        timeout: 60_000,
      });
      // malformed messages are ignored, not fatal
      await send({ source: 'moe-playground', type: 'explode' });
      await send({ nonsense: true });
      await send({ source: 'moe-playground', type: 'step' });
      await page.waitForFunction(() => (window as unknown as { got: { type: string; step?: number }[] }).got.some((m) => m.type === 'metrics' && m.step === 2), null, {
        timeout: 60_000,
      });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await own.close();
    }
  });
});

describe('accessibility', () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  for (const theme of ['light', 'dark', 'contrast'] as const) {
    test(`axe finds no serious or critical violation after training (${theme})`, async () => {
      // the teacher over 2 inputs: the router's map, the teacher's regions and the agreement matrix
      const w = await openApp(`#v=5&dim=2&theme=${theme}&step=5`);
      const { page } = w;
      try {
        await expect.poll(() => stepOf(page), { timeout: 60_000 }).toBe(5);
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
          const r = await axe.run(document, { resultTypes: ['violations'] });
          return r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        });
        expect(violations).toEqual([]);
      } finally {
        await w.close();
      }
    });
  }
});
