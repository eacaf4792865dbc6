// A parameter sweep: a grid over one or two settings (the axes), N training steps and S seeds per
// cell, a metric, and optionally an evaluation axis (one trained model evaluated at several
// evaluation capacity factors, not retrained). The settings an axis may sweep are derived from
// SCHEMA; values are read and written as a link writes them (urlFormat.ts, urlReader.ts).

import { CLUSTER_KEYS, type ClusterKey } from '../../engine/config';
import { PARAM_KEYS, SCHEMA, type MoeConfig } from '../schema';
import { formatValue, sameValue } from '../urlFormat';
import type { Reader } from '../urlReader';
import { NUMBER, safeText } from '../urlText';
import type { MetricId } from './metrics';

/**
 * Every setting an axis may sweep: all but the seed (the seeds are their own count), the backend
 * (a sweep pins one), the evaluation capacity factor (the evaluation axis, which does not retrain)
 * and the cluster's settings (the trainer never reads them: every cell would train the same).
 */
// the own text's hash names one text, not a value to range over
export type SweepKey = Exclude<keyof MoeConfig, 'seed' | 'backend' | 'evalCapacityFactor' | 'ownText' | ClusterKey>;
const NOT_SWEPT: readonly (keyof MoeConfig)[] = ['seed', 'backend', 'evalCapacityFactor', 'ownText', ...CLUSTER_KEYS];
export const SWEEP_KEYS = PARAM_KEYS.filter((key) => !NOT_SWEPT.includes(key)) as SweepKey[];
export const isSweepKey = (key: string): key is SweepKey => (SWEEP_KEYS as readonly string[]).includes(key);

export type SweepValue = MoeConfig[SweepKey];
export interface SweepAxis {
  key: SweepKey;
  values: readonly SweepValue[];
}

/** The ready-made sweeps' ids (readyMade.ts), or a definition of one's own. */
export const READY_MADE_IDS = ['st-moe', 'alpha', 'fine-grained', 'shared'] as const;
export type ReadyMadeId = (typeof READY_MADE_IDS)[number];
export type SweepKind = ReadyMadeId | 'custom';

/** What a sweep varies and measures: a ready-made sweep's plan, and the core of a definition. */
export interface SweepPlan {
  x: SweepAxis;
  y: SweepAxis | null;
  /** the evaluation axis (null: dropless); empty when there is none (cells evaluate at base.evalCapacityFactor) */
  evalCfs: readonly (number | null)[];
  steps: number;
  seeds: number;
  metric: MetricId;
}

export interface SweepDefinition extends SweepPlan {
  kind: SweepKind;
  /** the settings every cell starts from; its backend is pinned (never 'auto'), its seed is the first seed */
  base: MoeConfig;
  /** workers to run at once; null: the pool's default. Not part of the results */
  workers: number | null;
}

export const SWEEP_LIMITS = {
  /** cells (x × y values): each trains `seeds` models */
  cells: 64,
  axisValues: 16,
  evalValues: 8,
  seeds: 10,
  steps: 5000,
  workers: 32,
} as const;

/** A sweep never runs on 'auto': the backend would differ by machine, and so would the results. */
export function pinBackend(base: MoeConfig): MoeConfig {
  return base.backend === 'auto' ? { ...base, backend: 'wasm' } : base;
}

export const cellCount = (def: Pick<SweepDefinition, 'x' | 'y'>): number => def.x.values.length * (def.y?.values.length ?? 1);

/** The evaluation capacity factors each job is evaluated at. */
export const evalCfsOf = (def: Pick<SweepDefinition, 'evalCfs' | 'base'>): (number | null)[] =>
  def.evalCfs.length > 0 ? [...def.evalCfs] : [def.base.evalCapacityFactor];

/** An axis value as a link (and the table) writes it: `none`, `1`, `0.75`, `softmax-topk`. */
export function formatAxisValue(key: SweepKey | 'evalCapacityFactor', value: SweepValue | null): string {
  return formatValue(key, value as never);
}

/**
 * One value of a setting read from text (a link's list item, or a typed one): numbers clamped to
 * the schema's range with a notice, `none` for a nullable factor; undefined (with a notice) when
 * it is no value of that setting at all.
 */
export function readAxisValue(r: Reader, noticeKey: string, key: SweepKey | 'evalCapacityFactor', raw: string): SweepValue | undefined {
  const def = SCHEMA[key];
  switch (def.kind) {
    case 'bool':
      if (raw === '1' || raw === 'true') return true;
      if (raw === '0' || raw === 'false') return false;
      r.note({ id: 'left-out', expected: 'flag' }, noticeKey, safeText(raw));
      return undefined;
    case 'enum':
      if ((def.options as readonly string[]).includes(raw)) return raw as SweepValue;
      r.note({ id: 'not-one-of', options: def.options.join(', ') }, noticeKey, safeText(raw));
      return undefined;
    case 'int':
      if (!NUMBER.test(raw)) {
        r.note({ id: 'left-out', expected: 'number' }, noticeKey, safeText(raw));
        return undefined;
      }
      return r.int(noticeKey, raw, def, null);
    case 'float':
      if (def.nullable && raw === 'none') return null;
      if (!NUMBER.test(raw)) {
        r.note({ id: 'left-out', expected: 'number' }, noticeKey, safeText(raw));
        return undefined;
      }
      return r.float(noticeKey, raw, def, null);
  }
}

/** A comma list of values of a setting: each read as above, repeats dropped, at most `max`. */
export function readAxisValues(r: Reader, noticeKey: string, key: SweepKey | 'evalCapacityFactor', text: string, max: number): SweepValue[] {
  const out: SweepValue[] = [];
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const item of items) {
    const value = readAxisValue(r, noticeKey, key, item);
    if (value === undefined || out.some((v) => sameValue(key, v as never, value as never))) continue;
    if (out.length === max) {
      r.note({ id: 'too-many' }, noticeKey, String(items.length), String(max));
      break;
    }
    out.push(value);
  }
  return out;
}

/** The values a setting offers to pick from: an enum's options, a bool's two, an int's options; none for a free number. */
export function pickableValues(key: SweepKey | 'evalCapacityFactor'): SweepValue[] {
  const def = SCHEMA[key];
  if (def.kind === 'enum') return [...def.options] as SweepValue[];
  if (def.kind === 'bool') return [false, true];
  if (def.kind === 'int' && def.options) return [...def.options];
  if (def.kind === 'int' && def.max - def.min <= 16) return Array.from({ length: def.max - def.min + 1 }, (_, i) => def.min + i);
  return [];
}

/** Values an axis starts with when its setting is chosen: the values to pick from, or a few around the default. */
export function suggestedValues(key: SweepKey): SweepValue[] {
  const picks = pickableValues(key);
  if (picks.length > 0) return picks.slice(0, 6);
  const def = SCHEMA[key];
  if (def.kind !== 'int' && def.kind !== 'float') return [def.default as SweepValue];
  const d = typeof def.default === 'number' ? def.default : 1;
  const raw = def.kind === 'float' && def.scale === 'log' ? [0, d / 10, d, d * 10] : [d / 2, d, d * 2];
  const fitted = raw.map((v) => Math.min(def.max, Math.max(def.min, def.kind === 'int' ? Math.round(v) : v)));
  return fitted.filter((v, i) => fitted.findIndex((w) => sameValue(key, w as never, v as never)) === i);
}
