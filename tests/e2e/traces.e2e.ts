// Router traces in real Chromium: every example opens from its link (#trace=<id>) in the built
// app, through the trace worker, and fills the views its kind of trace can fill; Megatron-LM's
// rank and side files open picked together, and a file dropped on the lab opens; a 10 MB trace
// opens through the file input with the page responsive; a bad file says what and where and
// leaves the trace shown; the Chinese page words it all in Chinese. Screenshots of the page at
// three widths in both languages under test-results/screenshots/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { writeSyntheticTrace } from '../../bench/traceOpen';
import { expectClean } from './app';
import { openPage } from './browser';
import { HASH_VERSION } from '../../src/state/urlVersions';
import { SCREENSHOTS, useChromium } from './session';

const chromium = useChromium();
const dir = mkdtempSync(join(tmpdir(), 'moe-trace-e2e-'));
const EXAMPLES = fileURLToPath(new URL('../../public/examples/traces/', import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const heading = (page: Page, id: string) => page.locator(`#${id}-heading`);
const panelIds = (page: Page) => page.locator('.trace-page section[data-panel]').evaluateAll((s) => s.map((x) => x.getAttribute('data-panel')));
const summary = (page: Page) => page.locator('section[data-panel="trace-summary"]');

/** Opens the trace page on an example and waits for its last panel. */
async function openExample(id: string, last: string, opts: { locale?: string; width?: number } = {}) {
  const w = await openPage(chromium.browser, `${chromium.baseURL}#trace=${id}`, {
    viewport: { width: opts.width ?? 1280, height: 900 },
    locale: opts.locale,
  });
  await heading(w.page, last).waitFor({ state: 'visible', timeout: 60_000 });
  return w;
}

describe('router traces in Chromium', () => {
  test('each example opens from its link and fills the views its kind of trace can fill', async () => {
    const cases = [
      // tokens with text, weights and logits: every view
      {
        id: 'playground',
        last: 'trace-cluster',
        panels: ['trace-summary', 'trace-load', 'trace-capacity', 'trace-heatmap', 'trace-inspector', 'trace-coactivation', 'trace-utilisation', 'trace-cluster'],
        summary: /this project’s format.*Tokens/s,
      },
      // Megatron-LM rank files: choices, no text
      { id: 'megatron', last: 'trace-cluster', panels: ['trace-summary', 'trace-load', 'trace-capacity', 'trace-heatmap'], summary: /Megatron-LM.*router_trace_rank1\.jsonl/s },
      // the converter's own-format output with the tokens' text
      { id: 'huggingface', last: 'trace-cluster', panels: ['trace-summary', 'trace-load', 'trace-inspector', 'trace-coactivation'], summary: /Tokens/ },
      // counts only: load, heatmap, utilisation and placement, no token views
      { id: 'sglang', last: 'trace-cluster', panels: ['trace-summary', 'trace-load', 'trace-heatmap', 'trace-utilisation', 'trace-cluster'], absent: ['trace-inspector', 'trace-coactivation', 'trace-capacity'], summary: /Records/ },
      // vLLM's EPLB lines: balance over time only
      { id: 'vllm', last: 'trace-balance', panels: ['trace-summary', 'trace-balance'], absent: ['trace-load', 'trace-inspector'], summary: /vLLM log/ },
    ];
    for (const c of cases) {
      const w = await openExample(c.id, c.last);
      try {
        const ids = await panelIds(w.page);
        for (const p of c.panels) expect(ids, `${c.id}: ${p}`).toContain(p);
        for (const p of c.absent ?? []) expect(ids, `${c.id}: no ${p}`).not.toContain(p);
        expect(await summary(w.page).innerText()).toMatch(c.summary);
        // made by this project, and the page says so
        expect(await summary(w.page).innerText(), c.id).toMatch(/synthetic/);
        if (ids.includes('trace-load')) {
          // the load bars drew one bar per expert of the shown layer
          expect(await w.page.locator('section[data-panel="trace-load"] rect, section[data-panel="trace-load"] [data-expert]').count()).toBeGreaterThan(1);
        }
        expectClean(w);
      } finally {
        await w.close();
      }
    }
  }, 240_000);

  test('the playground example: the inspector shows a token’s experts per layer, the layer keys move every view, the capacity what-if drops', async () => {
    const w = await openExample('playground', 'trace-cluster');
    const { page } = w;
    try {
      const inspector = page.locator('section[data-panel="trace-inspector"]');
      expect(await inspector.innerText()).toMatch(/expert \d/);
      const picker = page.getByLabel('Layer', { exact: true });
      const before = await picker.inputValue();
      await page.locator('body').press(']');
      await expect.poll(() => picker.inputValue()).not.toBe(before);
      const capacity = page.locator('section[data-panel="trace-capacity"]');
      await capacity.getByLabel('Capacity factor').fill('0.5');
      await capacity.getByLabel('Capacity factor').dispatchEvent('change');
      await expect.poll(() => capacity.innerText()).toMatch(/choices dropped/);
      expectClean(w);
    } finally {
      await w.close();
    }
  }, 120_000);

  test('Megatron-LM rank files and their logits side files picked at once, and a trace dropped on the lab, open', async () => {
    const megatron = ['router_trace_rank0.jsonl', 'router_trace_rank1.jsonl', 'logits_rank0.bin', 'logits_rank1.bin'].map((f) =>
      join(EXAMPLES, 'megatron', f),
    );
    const w = await openPage(chromium.browser, `${chromium.baseURL}#trace`, { viewport: { width: 1280, height: 900 } });
    try {
      await w.page.locator('#trace-files').setInputFiles(megatron);
      await heading(w.page, 'trace-cluster').waitFor({ state: 'visible', timeout: 60_000 });
      const text = await summary(w.page).innerText();
      for (const f of ['router_trace_rank0.jsonl', 'router_trace_rank1.jsonl', 'logits_rank0.bin', 'logits_rank1.bin']) expect(text).toContain(f);
      expect(text).toMatch(/Megatron-LM/);
      expectClean(w);
    } finally {
      await w.close();
    }

    // a file dragged from the desktop onto the lab: the overlay, then the trace page with it
    const lab = await openPage(chromium.browser, `${chromium.baseURL}#v=${HASH_VERSION}&be=wasm`, { viewport: { width: 1280, height: 900 } });
    try {
      await lab.page.getByTestId('training').waitFor({ state: 'attached' });
      const content = readFileSync(join(EXAMPLES, 'playground.jsonl'), 'utf8');
      const files = await lab.page.evaluateHandle((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'dropped.jsonl'));
        return dt;
      }, content);
      await lab.page.dispatchEvent('body', 'dragenter', { dataTransfer: files });
      await lab.page.dispatchEvent('body', 'dragover', { dataTransfer: files });
      await expect.poll(() => lab.page.getByText('Drop trace files to open them here').count()).toBe(1);
      await lab.page.dispatchEvent('body', 'drop', { dataTransfer: files });
      await heading(lab.page, 'trace-cluster').waitFor({ state: 'visible', timeout: 60_000 });
      expect(await summary(lab.page).innerText()).toContain('dropped.jsonl');
      expectClean(lab);
    } finally {
      await lab.close();
    }
  }, 180_000);

  test('a 10 MB trace opens through the file input, with progress, and the page answers while it reads', async () => {
    const file = join(dir, 'big.jsonl');
    const { tokens } = await writeSyntheticTrace(file, 10);
    const w = await openPage(chromium.browser, `${chromium.baseURL}#trace`, { viewport: { width: 1280, height: 900 } });
    const { page } = w;
    try {
      await page.locator('#trace-files').setInputFiles(file);
      // the page's own timer keeps ticking while the worker reads (a frozen page would stall it)
      const ticks = await page.evaluate(
        () =>
          new Promise<number>((done) => {
            let n = 0;
            const timer = setInterval(() => n++, 20);
            setTimeout(() => (clearInterval(timer), done(n)), 400);
          }),
      );
      expect(ticks).toBeGreaterThan(5);
      await heading(page, 'trace-cluster').waitFor({ state: 'visible', timeout: 120_000 });
      expect(await summary(page).innerText()).toContain(tokens.toLocaleString('en-US'));
      expect(await summary(page).innerText()).toContain('big.jsonl');
      expect(await page.locator('.open').innerText()).toMatch(/cannot be in a link/);
      expectClean(w);
    } finally {
      await w.close();
    }
  }, 180_000);

  test('a bad file says what is wrong and where, and the trace shown stays', async () => {
    const bad = join(dir, 'bad.jsonl');
    const header = { format: 'moe-playground-trace', version: 1, layers: [{ name: 'gate', experts: 4, k: 2 }] };
    writeFileSync(bad, [header, { choices: [[0, 1]] }, { choices: [[2, 9]] }].map((l) => JSON.stringify(l)).join('\n') + '\n');
    const w = await openExample('playground', 'trace-cluster');
    const { page } = w;
    try {
      const before = await summary(page).innerText();
      await page.locator('#trace-files').setInputFiles(bad);
      const alert = page.getByRole('alert').filter({ hasText: 'did not open' });
      await alert.waitFor({ state: 'visible', timeout: 30_000 });
      const text = await alert.innerText();
      expect(text).toContain('bad.jsonl, line 3');
      expect(text).toMatch(/expert 9 is not below E = 4/);
      expect(await summary(page).innerText()).toBe(before);
      // a pickle is never opened in the browser, and says which converter reads it
      const pt = join(dir, 'expert_distribution.pt');
      writeFileSync(pt, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
      await page.locator('#trace-files').setInputFiles(pt);
      await expect.poll(() => alert.innerText()).toMatch(/expert_distribution\.pt.*converter/s);
      expect(await summary(page).innerText()).toBe(before);
      expectClean(w);
    } finally {
      await w.close();
    }
  }, 120_000);

  test('the Chinese page; screenshots at three widths in both languages', async () => {
    for (const locale of ['en-US', 'zh-CN']) {
      for (const width of [390, 800, 1280]) {
        const w = await openExample('playground', 'trace-cluster', { locale, width });
        try {
          if (locale === 'zh-CN') {
            expect(await heading(w.page, 'trace-summary').innerText()).toBe('概要');
            expect(await w.page.locator('.open h2').innerText()).toMatch(/轨迹/);
          }
          // nothing wider than the page
          const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${locale} at ${width} px`).toBeLessThanOrEqual(1);
          await w.page.waitForTimeout(300);
          await w.page.screenshot({ path: join(SCREENSHOTS, `trace-${width}-${locale}.png`), fullPage: true });
          expectClean(w);
        } finally {
          await w.close();
        }
      }
    }
  }, 240_000);
});
