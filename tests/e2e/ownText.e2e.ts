// The user's own text in real Chromium: pasted into the dialog, summed up (domains, vocabulary,
// held-out share), trained on by the worker (the loss falls), carried in the link as a hash only;
// the page reloaded from that link finds the text in this browser's store and trains the same
// text again; a Chinese text past the vocabulary cap says how many characters became unknown.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { HASH_VERSION } from '../../src/state/urlVersions';
import { expectClean, openApp, stepOf, trainTo } from './app';
import { useChromium } from './session';

const chromium = useChromium();

const POEMS = Array.from({ length: 40 }, (_, i) => `the moon ${i % 2 ? 'rises' : 'sets'} over the quiet water, and the night is long ${i}.`).join('\n\n');
const CODE = Array.from({ length: 40 }, (_, i) => `for (let i = 0; i < ${i + 3}; i++) { total += items[i] * ${i}; }`).join('\n\n');
const TEXT = `# domain: poetry\n${POEMS}\n# domain: code\n${CODE}\n`;

/** Picks "Your own text" as the data, which opens the dialog (there is no text yet), and pastes `text`. */
async function giveText(page: Page, text: string): Promise<string> {
  // the Data group starts closed
  await page.locator('details:has(#set-dataset) > summary').click();
  await page.locator('#set-dataset').selectOption('own');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  await dialog.locator('textarea').fill(text);
  const summary = dialog.getByTestId('own-summary');
  await summary.waitFor({ state: 'visible' });
  return summary.innerText();
}

describe('your own text in Chromium', () => {
  test('a pasted text with two domains trains, and the link carries only its hash and comes back to it', async () => {
    const w = await openApp(chromium.browser, chromium.baseURL, `#v=${HASH_VERSION}&data=text`, { viewport: { width: 1280, height: 900 } });
    const { page } = w;
    try {
      const summary = await giveText(page, TEXT);
      expect(summary).toMatch(/poetry: \d+ documents/);
      expect(summary).toMatch(/code: \d+ documents/);
      expect(summary).toMatch(/Held out for evaluation/);
      await page.getByRole('dialog').getByRole('button', { name: 'Train on it' }).click();
      await expect.poll(() => page.getByTestId('own-status').innerText()).toMatch(/^text #\d+$/);
      const hash = /#(\d+)/.exec(await page.getByTestId('own-status').innerText())![1];
      await expect.poll(() => page.url()).toContain(`tx=${hash}`);
      expect(decodeURIComponent(page.url())).not.toContain('moon');

      const first = await trainTo(page, 40);
      const trained = Number(await page.getByTestId('training').getAttribute('data-loss'));
      expect(trained).toBeLessThan(first);

      // the same link in this browser: the text comes back from its store, the run starts again on it
      await page.reload();
      await page.getByTestId('training').waitFor({ state: 'attached' });
      await expect.poll(() => page.getByTestId('own-status').textContent(), { timeout: 30_000 }).toBe(`text #${hash}`);
      await page.getByRole('button', { name: /Play/ }).click();
      await expect.poll(() => stepOf(page), { timeout: 90_000 }).toBeGreaterThan(5);
      expectClean(w);
    } finally {
      await w.close();
    }
  }, 240_000);

  test('a Chinese text past the vocabulary cap says how many characters became the unknown token', async () => {
    // 700 distinct characters, each a few times: the 512 most frequent are kept
    const chars = Array.from({ length: 700 }, (_, i) => String.fromCodePoint(0x4e00 + i).repeat(1 + (i % 4)));
    const text = Array.from({ length: 20 }, (_, d) => chars.slice(d * 35, d * 35 + 35).join('') + '。').join('\n\n');
    const w = await openApp(chromium.browser, chromium.baseURL, `#v=${HASH_VERSION}&data=text`, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      const summary = await giveText(w.page, text);
      expect(summary).toMatch(/512/);
      expect(summary).toMatch(/未知/);
      expectClean(w);
    } finally {
      await w.close();
    }
  }, 120_000);
});
