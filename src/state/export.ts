// Export: CSV and JSON of the metric history and of the current batch's routing, as text. File
// names carry the preset and the step, so a folder of exports stays readable. Saving a file and
// drawing a panel as PNG or SVG need the page's DOM: src/components/exportFiles.ts.

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
