// Export: CSV and JSON of the metric history and of the current batch's routing, PNG and SVG
// of a panel. File names carry the preset and the step, so a folder of exports stays readable.

import type { Snapshot } from '../worker/protocol';
import { batchToken, shownOf } from '../worker/snapshotSample';

export type Columns = Record<string, ArrayLike<number>>;

/** moe-playground_mixtral_step-120_loss.csv */
export function exportFileName(what: string, ext: string, opts: { preset?: string | null; step?: number | null } = {}): string {
  const safe = (s: string) => s.replace(/[^a-zA-Z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  const parts = ['moe-playground', opts.preset ? safe(opts.preset) : 'custom'];
  if (opts.step !== undefined && opts.step !== null) parts.push(`step-${opts.step}`);
  parts.push(safe(what));
  return `${parts.join('_')}.${ext}`;
}

const cell = (x: number) => (Number.isFinite(x) ? String(Math.abs(x) < 1e-12 ? 0 : +x.toPrecision(7)) : '');

/** Columns of equal length as CSV; non-finite values (n/a) are empty cells. */
export function columnsToCsv(columns: Columns): string {
  const names = Object.keys(columns);
  const n = Math.max(0, ...names.map((k) => columns[k].length));
  const lines = [names.join(',')];
  for (let i = 0; i < n; i++) lines.push(names.map((k) => (i < columns[k].length ? cell(columns[k][i]) : '')).join(','));
  return lines.join('\n') + '\n';
}

/** Columns as JSON rows; NaN and infinities become null (JSON has no NaN). */
export function columnsToJson(columns: Columns): string {
  const names = Object.keys(columns);
  const n = Math.max(0, ...names.map((k) => columns[k].length));
  const rows = Array.from({ length: n }, (_, i) =>
    Object.fromEntries(names.map((k) => [k, Number.isFinite(columns[k][i]) ? columns[k][i] : null])),
  );
  return JSON.stringify(rows, null, 1);
}

/**
 * One row per (token, slot) of the batch: which expert, its weight, and whether it was dropped.
 * A snapshot of a large batch carries a sample (snapshotSample.ts): its rows, tokens by batch index.
 */
export function routingColumns(s: Snapshot): Columns {
  const token: number[] = [];
  const slot: number[] = [];
  const expert: number[] = [];
  const weight: number[] = [];
  const dropped: number[] = [];
  const shown = shownOf(s);
  for (let t = 0; t < shown.T; t++) {
    for (let j = 0; j < shown.k; j++) {
      const i = t * shown.k + j;
      if (s.experts[i] < 0) continue;
      token.push(batchToken(s, t));
      slot.push(j);
      expert.push(s.experts[i]);
      weight.push(s.weights[i]);
      dropped.push(s.dropped[i]);
    }
  }
  return { token, slot, expert, weight, dropped };
}

/** Starts a download of text or a blob in the browser. */
export function download(name: string, content: string | Blob, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An SVG element as a standalone file, with the page's computed colours inlined as variables. */
export function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const style = getComputedStyle(svg);
  const vars = ['--fg', '--muted', '--grid', '--panel', '--accent', '--danger', '--warn', '--bg']
    .map((v) => `${v}: ${style.getPropertyValue(v).trim() || 'initial'};`)
    .join(' ');
  clone.setAttribute('style', `${vars} font-family: system-ui, sans-serif; ${clone.getAttribute('style') ?? ''}`);
  const { width, height } = svg.getBoundingClientRect();
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(Math.round(width)));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(Math.round(height)));
  return new XMLSerializer().serializeToString(clone);
}

/**
 * A panel as PNG: its canvases and SVGs composited at their on-page positions over the panel
 * background (text outside them is not drawn; the panel's title goes in the file name).
 */
export async function panelPng(panel: HTMLElement, scale = 2): Promise<Blob | null> {
  const box = panel.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(box.width * scale));
  canvas.height = Math.max(1, Math.round(box.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.fillStyle = getComputedStyle(panel).backgroundColor || '#fff';
  ctx.fillRect(0, 0, box.width, box.height);
  for (const el of panel.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let image: CanvasImageSource;
    if (el instanceof HTMLCanvasElement) image = el;
    else {
      const url = URL.createObjectURL(new Blob([svgMarkup(el)], { type: 'image/svg+xml' }));
      const img = new Image();
      img.src = url;
      try {
        await img.decode();
      } catch {
        URL.revokeObjectURL(url);
        continue;
      }
      image = img;
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }
    ctx.drawImage(image, r.left - box.left, r.top - box.top, r.width, r.height);
  }
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
