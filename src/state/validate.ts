// Makes any config runnable: each value is put in range, and the settings that depend on each
// other (k ≤ E, groups dividing E, ...) are made consistent. Every change is reported, so a
// user is told what was changed and why instead of silently losing a setting.

import { needs, traitsOf } from '../engine/routing/traits';
import { PARAM_KEYS, SCHEMA, type MoeConfig } from './schema';

/** Why a value was changed, in data (the views put it into words). */
export type AdjustReason =
  | { why: 'invalid' }
  | { why: 'out-of-range' }
  | { why: 'k-above-experts'; experts: number }
  | { why: 'h-split'; fineGrain: number }
  | { why: 'groups-divide'; routed: number }
  | { why: 'kept-above-groups' }
  | { why: 'kept-groups-hold'; picks: number }
  | { why: 'one-expert-per-token' }
  | { why: 'shares-divide'; routed: number }
  | { why: 'no-aux-loss' }
  | { why: 'merge-no-capacity' }
  | { why: 'segment-divides'; seqLen: number };

export interface Adjustment {
  key: keyof MoeConfig;
  from: unknown;
  to: unknown;
  reason: AdjustReason;
}

function clampNumber(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** One value put in its schema range; `undefined` when it is of the wrong kind entirely. */
function fitValue(key: keyof MoeConfig, value: unknown): unknown {
  const def = SCHEMA[key];
  switch (def.kind) {
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'enum':
      return (def.options as readonly unknown[]).includes(value) ? value : undefined;
    case 'int': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      const v = clampNumber(Math.round(value), def.min, def.max);
      if (!def.options) return v;
      // the nearest allowed option
      return def.options.reduce((best, o) => (Math.abs(o - v) < Math.abs(best - v) ? o : best), def.options[0]);
    }
    case 'float':
      if (value === null && def.nullable) return null;
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      return clampNumber(value, def.min, def.max);
  }
}

/** Divisors of n up to max (E·m can be 4096; only the schema's group counts are wanted). */
const divisorsOf = (n: number, max: number) =>
  Array.from({ length: Math.min(n, max) }, (_, i) => i + 1).filter((g) => n % g === 0);

export function validateConfig(input: Partial<Record<keyof MoeConfig, unknown>>): {
  config: MoeConfig;
  adjustments: Adjustment[];
} {
  const adjustments: Adjustment[] = [];
  const config = {} as Record<keyof MoeConfig, unknown>;
  for (const key of PARAM_KEYS) {
    const raw = key in input ? input[key] : SCHEMA[key].default;
    const fitted = fitValue(key, raw);
    if (fitted === undefined) {
      config[key] = SCHEMA[key].default;
      adjustments.push({ key, from: raw, to: SCHEMA[key].default, reason: { why: 'invalid' } });
    } else {
      config[key] = fitted;
      if (fitted !== raw) adjustments.push({ key, from: raw, to: fitted, reason: { why: 'out-of-range' } });
    }
  }
  const c = config as unknown as MoeConfig;
  const fix: Fix = (key, to, reason) => {
    if (c[key] === to) return;
    adjustments.push({ key, from: c[key], to, reason });
    c[key] = to;
  };
  if (c.topK > c.experts) fix('topK', c.experts, { why: 'k-above-experts', experts: c.experts });
  const traits = traitsOf(c.scheme);
  // first: it sets the fine-grained factor, which the groups below depend on
  if (traits.exactShares) exactShares(c, fix);
  // the routers that balance in their selection take no auxiliary loss (Megatron refuses one)
  if (traits.modes && traits.balance === 'by-construction') fix('balanceCoef', 0, { why: 'no-aux-loss' });
  if (traits.layer === 'merged') mergedExperts(c, fix);
  if (c.h % c.fineGrain !== 0 || c.h / c.fineGrain < 1) {
    fix('h', Math.max(c.fineGrain, Math.round(c.h / c.fineGrain) * c.fineGrain), { why: 'h-split', fineGrain: c.fineGrain });
  }
  // divisors within the schema's range (E·m = 65 has 65 as its nearest divisor to 64)
  const groupOptions = divisorsOf(c.experts * c.fineGrain, SCHEMA.groups.max);
  if (!groupOptions.includes(c.groups)) {
    const nearest = groupOptions.reduce((b, g) => (Math.abs(g - c.groups) < Math.abs(b - c.groups) ? g : b), 1);
    fix('groups', nearest, { why: 'groups-divide', routed: c.experts * c.fineGrain });
  }
  if (c.topkGroups > c.groups) fix('topkGroups', c.groups, { why: 'kept-above-groups' });
  // the kept groups must hold the k·m experts each token picks
  const perGroup = (c.experts * c.fineGrain) / c.groups;
  const need = Math.ceil((c.topK * c.fineGrain) / perGroup);
  if (needs(c.scheme, 'expert-groups') && c.topkGroups < need) {
    fix('topkGroups', Math.min(c.groups, need), { why: 'kept-groups-hold', picks: c.topK * c.fineGrain });
  }
  return { config: c, adjustments };
}

type Fix = <K extends keyof MoeConfig>(key: K, to: MoeConfig[K], reason: AdjustReason) => void;

/**
 * BASE layers: one expert per token (k = 1, no fine-grained split) and T/E tokens per expert, so
 * T becomes the nearest multiple of the routed experts within T's range.
 */
function exactShares(c: MoeConfig, fix: Fix): void {
  fix('topK', 1, { why: 'one-expert-per-token' });
  fix('fineGrain', 1, { why: 'one-expert-per-token' });
  const E = c.experts;
  if (c.tokens % E === 0) return;
  const { min, max } = SCHEMA.tokens;
  const lowest = Math.ceil(min / E) * E;
  const highest = Math.floor(max / E) * E;
  const nearest = Math.min(highest, Math.max(lowest, Math.round(c.tokens / E) * E));
  fix('tokens', nearest, { why: 'shares-divide', routed: E });
}

/**
 * Expert merging (SMEAR, Lory): one merged expert per group of tokens, so no capacity factor; a
 * Lory segment lies inside one sequence, so its length divides the sequence's (the nearest divisor).
 */
function mergedExperts(c: MoeConfig, fix: Fix): void {
  fix('capacityFactor', null, { why: 'merge-no-capacity' });
  fix('evalCapacityFactor', null, { why: 'merge-no-capacity' });
  if (traitsOf(c.scheme).mergeGroup !== 'segment' || c.seqLen % c.segmentLen === 0) return;
  const options = divisorsOf(c.seqLen, SCHEMA.segmentLen.max);
  const nearest = options.reduce((b, s) => (Math.abs(s - c.segmentLen) < Math.abs(b - c.segmentLen) ? s : b), 1);
  fix('segmentLen', nearest, { why: 'segment-divides', seqLen: c.seqLen });
}
