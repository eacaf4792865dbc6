import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [w, theme] of [[1200, 'light'], [390, 'dark']]) {
  const page = await browser.newPage({ viewport: { width: w, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto('http://localhost:5391/#v=1');
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
  await page.getByRole('button', { name: /^Play/ }).first().click();
  await page.waitForTimeout(9000);
  await page.getByRole('button', { name: /^Pause/ }).first().click().catch(() => {});
  await page.waitForTimeout(500);
  for (const id of ['loss', 'heatmap']) {
    const el = page.locator(`[data-panel="${id}"]`);
    if (id === 'loss') { await el.locator('[role=application]').focus(); await page.keyboard.press('ArrowLeft'); await page.keyboard.press('ArrowLeft'); }
    else { const box = await el.locator('canvas').boundingBox(); if (box) await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5); }
    await el.screenshot({ path: `/tmp/${id}-${w}.png` });
  }
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(w, 'scrollWidth', sw);
  await page.close();
}
await browser.close();
