// Makes any config runnable: each value is put in range, and the settings that depend on each
// other (k ≤ E, groups dividing E, ...) are made consistent. Every change is reported, so a
// user is told what was changed and why instead of silently losing a setting.

import { domainCountOf } from '../engine/datasets/domains';
import { smallestDomainGroup } from '../engine/routing/domainRandom';
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
  | { why: 'seq-divide'; seqLen: number; step: number }
  | { why: 'no-domains' }
  | { why: 'own-domains' }
  | { why: 'no-own-text' }
  | { why: 'k-above-domain-group'; perDomain: number; domains: number }
  | { why: 'heads-divide'; d: number }

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

/** MH-MoE's head counts for width d: the schema's options that split d into equal sub-tokens. */
export function headOptions(d: number): number[] {
  const { options } = SCHEMA.heads as { options?: readonly number[] };
  return (options ?? [1]).filter((H) => d % H === 0);
}

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
  // the own text's task with no text named (`data=own` without `tx`) has nothing to train on
  if (c.dataset === 'own' && c.ownText === 0) fix('dataset', 'text', { why: 'no-own-text' });
  // before the traits are read: a domain router on a task without domains becomes another scheme
  if (needs(c.scheme, 'domains')) domainGroups(c, fix);
  const traits = traitsOf(c.scheme);
  // first: it sets the fine-grained factor, which the groups below depend on
  if (traits.exactShares) exactShares(c, fix);
  // the routers that balance in their selection take no auxiliary loss (Megatron refuses one)
  if (traits.modes && traits.balance === 'by-construction') fix('balanceCoef', 0, { why: 'no-aux-loss' });
  if (c.h % c.fineGrain !== 0 || c.h / c.fineGrain < 1) {
    fix('h', Math.max(c.fineGrain, Math.round(c.h / c.fineGrain) * c.fineGrain), { why: 'h-split', fineGrain: c.fineGrain });
  }
  // divisors within the schema's range (E·m = 65 has 65 as its nearest divisor to 64)
  const groupOptions = divisorsOf(c.experts * c.fineGrain, SCHEMA.groups.max);
  if (!groupOptions.includes(c.groups)) {
    const nearest = groupOptions.reduce((b, g) => (Math.abs(g - c.groups) < Math.abs(b - c.groups) ? g : b), 1);
    fix('groups', nearest, { why: 'groups-divide', routed: c.experts * c.fineGrain });
  }
  const heads = headOptions(c.d);
  if (!heads.includes(c.heads)) {
    // the nearest, the smaller on a tie (1 always divides d)
    const nearest = heads.reduce((b, H) => (Math.abs(H - c.heads) < Math.abs(b - c.heads) ? H : b), 1);
    fix('heads', nearest, { why: 'heads-divide', d: c.d });
  }
  if (c.topkGroups > c.groups) fix('topkGroups', c.groups, { why: 'kept-above-groups' });
  // the kept groups must hold the k·m experts each token picks
  const perGroup = (c.experts * c.fineGrain) / c.groups;
  const need = Math.ceil((c.topK * c.fineGrain) / perGroup);
  if (needs(c.scheme, 'expert-groups') && c.topkGroups < need) {
    fix('topkGroups', Math.min(c.groups, need), { why: 'kept-groups-hold', picks: c.topK * c.fineGrain });
  }
  sequencesFit(c, fix);
  // after the sequences fit: a Lory segment divides the final sequence length
  if (traits.layer === 'merged') mergedExperts(c, fix);
  return { config: c, adjustments };
}

type Fix = <K extends keyof MoeConfig>(key: K, to: MoeConfig[K], reason: AdjustReason) => void;

/**
 * Domain-mapped routing: only the text tasks have domains, so another task falls back to hash
 * routing (the same fixed, learning-free map without the groups); and each token's k·m experts
 * must fit in the smallest domain group (routing/domainRandom.ts), so k, and if even k = 1 does
 * not fit the fine-grained factor m, come down.
 */
function domainGroups(c: MoeConfig, fix: Fix): void {
  const D = domainCountOf(c.dataset);
  if (D === 0) return fix('scheme', 'hash', { why: c.dataset === 'own' ? 'own-domains' : 'no-domains' });
  const reason = () => ({ why: 'k-above-domain-group', perDomain: smallestDomainGroup(D, c.experts * c.fineGrain), domains: D }) as const;
  if (c.fineGrain > smallestDomainGroup(D, c.experts * c.fineGrain)) fix('fineGrain', 1, reason());
  const most = smallestDomainGroup(D, c.experts * c.fineGrain);
  if (c.topK * c.fineGrain > most) fix('topK', Math.max(1, Math.floor(most / c.fineGrain)), reason());
}

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

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * A batch is T/L whole sequences: T becomes the nearest multiple of L within T's range (of
 * lcm(E, L) where BASE layers also need T/E tokens per expert); where none is in range, L
 * becomes the largest length that divides T.
 */
function sequencesFit(c: MoeConfig, fix: Fix): void {
  const L = c.seqLen;
  const step = traitsOf(c.scheme).exactShares ? (c.experts * L) / gcd(c.experts, L) : L;
  if (c.tokens % step === 0) return;
  const { min, max } = SCHEMA.tokens;
  const lowest = Math.ceil(min / step) * step;
  const highest = Math.floor(max / step) * step;
  if (lowest <= highest) {
    const nearest = Math.min(highest, Math.max(lowest, Math.round(c.tokens / step) * step));
    fix('tokens', nearest, { why: 'seq-divide', seqLen: L, step });
    return;
  }
  let fits = Math.min(L, c.tokens);
  while (c.tokens % fits !== 0) fits--;
  fix('seqLen', fits, { why: 'seq-divide', seqLen: L, step });
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
