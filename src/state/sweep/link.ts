// A sweep in a link: a normal lab link (its settings are the sweep's base, `be` its backend) plus
//   sweep=<ready-made id>|custom   sw.x=<url key>:<v1>,<v2>,…   sw.y=…|off   sw.e=<cf>,…|off
//   sw.n=<steps>   sw.s=<seeds>   sw.m=<metric id>   sw.w=<workers> (not part of the results)
// Values are written as the settings' own values are (`cf=none`: none is dropless). A ready-made
// id gives its plan; `sw.*` keys override it, and are written only where they differ from it.
// Reading never throws: every unusable value leaves a notice and its plan's value.

import { paramForUrlKey, urlKeyOf } from '../urlKeys';
import { Reader, type Notice } from '../urlReader';
import { encodeValue, safeText } from '../urlText';
import { formatNumber, sameValue } from '../urlFormat';
import type { MoeConfig } from '../schema';
import {
  cellCount,
  formatAxisValue,
  isSweepKey,
  readAxisValues,
  READY_MADE_IDS,
  SWEEP_LIMITS,
  type SweepAxis,
  type SweepDefinition,
  type SweepKind,
} from './definition';
import { isMetricId, METRIC_IDS } from './metrics';
import { definitionOf, planOf } from './readyMade';

export const SWEEP_KINDS: readonly SweepKind[] = [...READY_MADE_IDS, 'custom'];
/** The keys a sweep adds to a link. */
export const SWEEP_LINK_KEYS = ['sweep', 'sw.x', 'sw.y', 'sw.e', 'sw.n', 'sw.s', 'sw.m', 'sw.w'] as const;
/** Written for "no y axis" and "no evaluation axis" where the plan has one. */
const OFF = 'off';

/** Whether a link key belongs to a sweep (the lab's reader leaves these to readSweep). */
export function isSweepLinkKey(key: string): boolean {
  return key === 'sweep' || key.startsWith('sw.');
}

/** Whether a link asks for a sweep (the page shows the sweep view for it). */
export function isSweepLink(entries: ReadonlyMap<string, string | undefined>): boolean {
  return [...entries.keys()].some(isSweepLinkKey);
}

const axisText = (axis: SweepAxis) => `${urlKeyOf(axis.key)}:${axis.values.map((v) => formatAxisValue(axis.key, v)).join(',')}`;
const evalText = (cfs: readonly (number | null)[]) => cfs.map((v) => formatAxisValue('evalCapacityFactor', v)).join(',');

/** An axis from `<url key>:<values>`; undefined (with a notice) when unusable. */
function readAxis(r: Reader, name: string, raw: string | undefined, fallback: string): SweepAxis | undefined {
  if (raw === undefined || raw === '') {
    r.invalid(name, raw === '' ? undefined : raw, 'setting', fallback);
    return undefined;
  }
  const colon = raw.indexOf(':');
  const param = paramForUrlKey(colon < 0 ? raw : raw.slice(0, colon));
  if (param === undefined || !isSweepKey(param)) {
    r.note({ id: 'not-valid', expected: 'setting' }, name, safeText(colon < 0 ? raw : raw.slice(0, colon)), fallback);
    return undefined;
  }
  const values = colon < 0 ? [] : readAxisValues(r, name, param, raw.slice(colon + 1), SWEEP_LIMITS.axisValues);
  if (values.length === 0) {
    r.note({ id: 'no-value' }, name, safeText(raw), fallback);
    return undefined;
  }
  return { key: param, values };
}

function readCount(r: Reader, name: string, raw: string | undefined, max: number, fallback: number): number {
  return r.int(name, raw, { min: 1, max }, formatNumber(fallback, 0)) ?? fallback;
}

export function readSweep(base: MoeConfig, entries: ReadonlyMap<string, string | undefined>): { definition: SweepDefinition; notices: Notice[] } {
  const r = new Reader();
  const kind: SweepKind = entries.has('sweep') ? (r.oneOf('sweep', entries.get('sweep'), SWEEP_KINDS, 'custom') ?? 'custom') : 'custom';
  const plan = planOf(kind);
  const def: SweepDefinition = definitionOf(kind, base);

  if (entries.has('sw.x')) def.x = readAxis(r, 'sw.x', entries.get('sw.x'), axisText(plan.x)) ?? plan.x;
  if (entries.has('sw.y')) {
    const raw = entries.get('sw.y');
    def.y = raw === OFF ? null : (readAxis(r, 'sw.y', raw, plan.y ? axisText(plan.y) : OFF) ?? plan.y);
  }
  if (def.y && def.y.key === def.x.key) {
    // one setting cannot take two values in a cell
    r.note({ id: 'not-valid', expected: 'setting' }, 'sw.y', urlKeyOf(def.y.key), OFF);
    def.y = null;
  }
  if (entries.has('sw.e')) {
    const raw = entries.get('sw.e');
    const fallback = plan.evalCfs.length ? evalText(plan.evalCfs) : OFF;
    if (raw === OFF) def.evalCfs = [];
    else if (raw === undefined || raw === '') r.invalid('sw.e', undefined, 'number', fallback);
    else {
      const cfs = readAxisValues(r, 'sw.e', 'evalCapacityFactor', raw, SWEEP_LIMITS.evalValues) as (number | null)[];
      if (cfs.length > 0) def.evalCfs = cfs;
      else r.note({ id: 'no-value' }, 'sw.e', safeText(raw), fallback);
    }
  }
  if (entries.has('sw.n')) def.steps = readCount(r, 'sw.n', entries.get('sw.n'), SWEEP_LIMITS.steps, plan.steps);
  if (entries.has('sw.s')) def.seeds = readCount(r, 'sw.s', entries.get('sw.s'), SWEEP_LIMITS.seeds, plan.seeds);
  if (entries.has('sw.m')) {
    const m = r.oneOf('sw.m', entries.get('sw.m'), METRIC_IDS, plan.metric);
    if (m !== undefined && isMetricId(m)) def.metric = m;
  }
  if (entries.has('sw.w')) def.workers = r.int('sw.w', entries.get('sw.w'), { min: 1, max: SWEEP_LIMITS.workers }, null) ?? null;
  for (const key of entries.keys()) {
    if (key.startsWith('sw.') && !(SWEEP_LINK_KEYS as readonly string[]).includes(key)) r.note({ id: 'unknown-key' }, safeText(key));
  }
  const fitted = fitCells(def);
  if (fitted.y !== def.y) r.note({ id: 'too-many' }, 'sw.y', String(cellCount(def)), String(SWEEP_LIMITS.cells));
  return { definition: fitted, notices: r.notices };
}

/** At most SWEEP_LIMITS.cells cells: the y axis keeps the values that fit beside x's. */
export function fitCells(def: SweepDefinition): SweepDefinition {
  if (!def.y || cellCount(def) <= SWEEP_LIMITS.cells) return def;
  const keep = Math.max(1, Math.floor(SWEEP_LIMITS.cells / def.x.values.length));
  return { ...def, y: { key: def.y.key, values: def.y.values.slice(0, keep) } };
}

function sameAxis(a: SweepAxis | null, b: SweepAxis | null): boolean {
  if (a === null || b === null) return a === b;
  return a.key === b.key && a.values.length === b.values.length && a.values.every((v, i) => sameValue(a.key, v as never, b.values[i] as never));
}

const sameEval = (a: readonly (number | null)[], b: readonly (number | null)[]) =>
  a.length === b.length && a.every((v, i) => sameValue('evalCapacityFactor', v, b[i]));

/** The sweep's `key=value` parts of a link, encoded; each `sw.*` only where it differs from its plan. */
export function sweepParts(def: SweepDefinition): string[] {
  const plan = planOf(def.kind);
  const parts = [`sweep=${def.kind}`];
  if (!sameAxis(def.x, plan.x)) parts.push(`sw.x=${encodeValue(axisText(def.x))}`);
  if (!sameAxis(def.y, plan.y)) parts.push(`sw.y=${def.y ? encodeValue(axisText(def.y)) : OFF}`);
  if (!sameEval(def.evalCfs, plan.evalCfs)) parts.push(`sw.e=${def.evalCfs.length ? encodeValue(evalText(def.evalCfs)) : OFF}`);
  if (def.steps !== plan.steps) parts.push(`sw.n=${def.steps}`);
  if (def.seeds !== plan.seeds) parts.push(`sw.s=${def.seeds}`);
  if (def.metric !== plan.metric) parts.push(`sw.m=${def.metric}`);
  if (def.workers !== null) parts.push(`sw.w=${def.workers}`);
  return parts;
}
