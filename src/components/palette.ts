// Expert colours. Okabe–Ito's eight colour-blind-safe hues; beyond eight experts the hues repeat
// in darker and lighter rounds, so views must also label experts: expert 1 and expert 9 differ
// only in lightness.

import { hsl } from 'd3';

const OKABE_ITO = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'] as const;
// black reads as "no data" on a dark theme: the eighth colour is a neutral grey instead
const BASE = [...OKABE_ITO.slice(0, 7), '#7f7f7f'];

/** 0 for experts 0–7, 1 for 8–15, ...: the round of repeated hues */
function expertRound(e: number): number {
  return Math.floor(e / BASE.length);
}

/** A stable colour per expert index. */
export function expertColor(e: number): string {
  const base = BASE[e % BASE.length];
  const round = expertRound(e) % 4;
  if (round === 0) return base;
  const c = hsl(base);
  // rounds alternate darker / lighter, each further from the base
  const shift = [0, -0.9, 0.9, -1.6][round];
  return (shift < 0 ? c.darker(-shift) : c.brighter(shift)).formatHex();
}
