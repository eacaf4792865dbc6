// How config values are written in a link: numbers as short as they can be (no float noise,
// no trailing zeros, never `-0`), and whether two values are the same in a link (and so left out).
// Split from url.ts so the codec and the value reader share one notion of a number's precision.

import { SCHEMA, type MoeConfig } from './schema';

/** Decimal places of a step: 0.05 → 2, 0.0001 → 4, 1 → 0. */
export function decimalsOf(step: number): number {
  let d = 0;
  while (d < 12 && Math.round(step * 10 ** d) / 10 ** d !== step) d++;
  return d;
}

export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const r = Number(value.toFixed(decimals));
  return r + 0; // no -0
}

/** A number as short as it can be written: no float noise, no trailing zeros, never `-0`. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  let s = value.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** How a parameter's value is written in a link (and may be shown): `cf=none`, `shg=1`, `a=0.01`. */
export function formatValue<K extends keyof MoeConfig>(key: K, value: MoeConfig[K]): string {
  const def = SCHEMA[key];
  switch (def.kind) {
    case 'bool':
      return value ? '1' : '0';
    case 'enum':
      return String(value);
    case 'int':
      return typeof value === 'number' ? formatNumber(value, 0) : String(value);
    case 'float':
      if (value === null) return 'none';
      return typeof value === 'number' ? formatNumber(value, decimalsOf(def.step)) : String(value);
  }
}

/** Whether two values of a parameter are the same as a link would write them (floats to their step). */
export function sameValue<K extends keyof MoeConfig>(key: K, a: MoeConfig[K], b: MoeConfig[K]): boolean {
  const def = SCHEMA[key];
  if (def.kind === 'float' && typeof a === 'number' && typeof b === 'number') {
    const d = decimalsOf(def.step);
    return roundTo(a, d) === roundTo(b, d);
  }
  return a === b;
}

/** Whether value equals the schema default, as a link would write it. */
export function isDefault<K extends keyof MoeConfig>(key: K, value: MoeConfig[K]): boolean {
  return sameValue(key, value, SCHEMA[key].default as MoeConfig[K]);
}
