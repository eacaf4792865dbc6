// The Export menu's items, read from what the page holds right now: each is enabled, or
// disabled with the reason a person sees.

import { t } from '../i18n/index.svelte';
import type { Snapshot } from '../worker/protocol';

export interface ExportPanel {
  id: string;
  title: string;
  element: HTMLElement;
}

export interface ExportItem {
  id: string;
  group: 'data' | 'images';
  kind: 'history' | 'routing' | 'png' | 'svg' | 'text';
  /** the file name's subject and extension */
  what: string;
  ext: 'csv' | 'json' | 'png' | 'svg' | 'txt';
  label: string;
  /** why it cannot be exported yet; null when it can */
  disabled: string | null;
  element?: HTMLElement;
  svg?: SVGSVGElement;
  /** the user's own text the run trains on, which the link carries only as its hash */
  ownText?: { hash: number; text: string };
}

function rows(history: { columns(): Record<string, ArrayLike<number>> } | null): number {
  if (!history) return 0;
  return Math.max(0, ...Object.values(history.columns()).map((c) => c.length));
}

/** The panel's largest <svg> by area (the chart, not an icon); the first when none has a size (jsdom). */
function largestSvg(element: HTMLElement): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let bestArea = -1;
  for (const svg of element.querySelectorAll('svg')) {
    if (svg.parentElement?.closest('svg')) continue; // nested: part of a bigger drawing
    const r = svg.getBoundingClientRect();
    const area = r.width * r.height;
    if (area > bestArea) {
      best = svg;
      bestArea = area;
    }
  }
  return best;
}

export function exportItems(
  snapshot: Snapshot | null,
  history: { columns(): Record<string, ArrayLike<number>> } | null,
  panels: readonly ExportPanel[],
  ownText: { hash: number; text: string } | null = null,
): ExportItem[] {
  const noHistory = rows(history) === 0 ? t('export.noHistory') : null;
  const noBatch = snapshot ? null : t('export.noBatch');
  const items: ExportItem[] = [
    { id: 'history-csv', group: 'data', kind: 'history', what: 'history', ext: 'csv', label: t('export.history.csv'), disabled: noHistory },
    { id: 'history-json', group: 'data', kind: 'history', what: 'history', ext: 'json', label: t('export.history.json'), disabled: noHistory },
    { id: 'routing-csv', group: 'data', kind: 'routing', what: 'routing', ext: 'csv', label: t('export.routing.csv'), disabled: noBatch },
    { id: 'routing-json', group: 'data', kind: 'routing', what: 'routing', ext: 'json', label: t('export.routing.json'), disabled: noBatch },
  ];
  if (ownText) {
    items.push({ id: 'own-text', group: 'data', kind: 'text', what: 'text', ext: 'txt', label: t('export.ownText'), disabled: null, ownText });
  }
  for (const panel of panels) {
    const title = panel.title.trim() || panel.id;
    const drawn = panel.element.querySelector('canvas, svg') !== null;
    items.push({
      id: `${panel.id}-png`,
      group: 'images',
      kind: 'png',
      what: panel.id,
      ext: 'png',
      label: t('export.png', { title }),
      disabled: drawn ? null : t('export.noDrawing'),
      element: panel.element,
    });
    const svg = largestSvg(panel.element);
    if (svg) {
      items.push({ id: `${panel.id}-svg`, group: 'images', kind: 'svg', what: panel.id, ext: 'svg', label: t('export.svg', { title }), disabled: null, svg });
    }
  }
  return items;
}
