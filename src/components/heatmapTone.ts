// The utilisation heatmaps' colour: an expert's share of the choices against the even share 1/E,
// white at 1/E, red above, blue below, deepest blue for none, on a log scale that saturates at
// R times the even share either way. Shared by the heatmap over steps and the one per sequence.

import { interpolateRdBu, rgb } from 'd3';

/** The share·E ratio that saturates the colour, either way. */
export const saturationOf = (E: number): number => Math.max(2, Math.min(E, 8));

/** 0 (red, over) … 0.5 (even) … 1 (blue, none) for a share of the choices among E experts. */
export function tone(share: number, E: number): number {
  const r = share * E;
  const R = saturationOf(E);
  const x = r <= 0 ? -1 : Math.max(-1, Math.min(1, Math.log2(r) / Math.log2(R)));
  return (1 - x) / 2;
}

export const LUT = Array.from({ length: 256 }, (_, i) => rgb(interpolateRdBu(i / 255)));

/** The same colours as little-endian RGBA words: a cell is one store, not an array each (E = 512 has tens of thousands). */
export const WORDS = Uint32Array.from(LUT, (c) => ((255 << 24) | (Math.round(c.b) << 16) | (Math.round(c.g) << 8) | Math.round(c.r)) >>> 0);

/** The RGBA word of a share. */
export const wordOf = (share: number, E: number): number => WORDS[Math.round(tone(share, E) * 255)];

/** A share as a percentage, with two decimals where one would round a small share to 0. */
export const pct = (s: number): string => `${(s * 100).toFixed(s > 0 && s < 0.01 ? 2 : 1)}%`;
