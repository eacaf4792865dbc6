// The page side of bench/firstStep.ts: the recorder installed before the app runs, and a host
// page on another origin that frames the app (the embedded case).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the init script records, in ms of the page's (or frame's) own performance.now(). */
export interface Marks {
  step0: number | null;
  step1: number | null;
  click: number | null;
  /** localStorage items when the document started: 0 in a fresh profile */
  storedAtStart: number;
}

declare global {
  var __firstStep: Marks | undefined;
}

/**
 * The page-side recorder, as source text: a function handed to addInitScript is serialised with
 * whatever tsx compiled into it (its `__name` helper for named arrows), which the page lacks.
 */
export const INSTALL_MARKS = `(() => {
  let stored = -1;
  try { stored = localStorage.length; } catch { /* storage blocked (an opaque origin): nothing cached there either */ }
  const marks = { step0: null, step1: null, click: null, storedAtStart: stored };
  globalThis.__firstStep = marks;
  addEventListener('click', () => { marks.click ??= performance.now(); }, true);
  // one observer on the whole document: the training element is not there yet, and it may
  // arrive with data-shown-step already set (a childList mutation, not an attribute one)
  new MutationObserver(() => {
    const shown = document.querySelector('[data-testid="training"]')?.getAttribute('data-shown-step');
    if (shown === null || shown === undefined || shown === '') return;
    const now = performance.now();
    if (Number(shown) === 0) marks.step0 ??= now;
    else if (Number(shown) >= 1) marks.step1 ??= now;
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-shown-step'] });
})();`;

/** A host page on another origin (another port, and `localhost` vs the app's 127.0.0.1) framing ?src=. */
export async function serveHost(): Promise<{ url: string; close(): Promise<void> }> {
  const attr = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  const server = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://host').searchParams.get('src');
    if (!src) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>host</title><body style="margin:0"><iframe src="${attr(src)}" style="width:960px;height:640px;border:0"></iframe>`);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

