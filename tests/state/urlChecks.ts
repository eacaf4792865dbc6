// What a decoded link must satisfy, shared by the link tests: every value of every setting to
// round-trip, and the problems a config, a view or a notice may not have.

import { traitsOf, type Scheme } from '../../src/engine/routing/traits';
import { PRESET_IDS } from '../../src/state/presets';
import { PARAM_KEYS, SCHEMA, type MoeConfig } from '../../src/state/schema';
import { PANELS, PARAM_URL_KEYS, THEMES, VIEW_KEYS, VIEW_LANGS, VIEW_LIMITS, decimalsOf, type Notice, type ViewParams } from '../../src/state/url';
import { inEnglish } from './noticeWords';

export type Key = keyof MoeConfig;

/** min, max, default and a middle value of every parameter (enums: every option; bools: both). */
export function valuesOf(key: Key): unknown[] {
  const def = SCHEMA[key];
  switch (def.kind) {
    case 'bool':
      return [false, true];
    case 'enum':
      return [...def.options];
    case 'int':
      if (def.options) return [...def.options];
      return [def.min, def.max, def.default, Math.round((def.min + def.max) / 2)];
    case 'float': {
      const mid = Number(((def.min + def.max) / 2).toFixed(decimalsOf(def.step)));
      return [def.min, def.max, def.default, mid, ...(def.nullable ? [null] : [])];
    }
  }
}

/** Settings that let a value stand without a cross-field adjustment (k = 512 needs E = 512). */
export const COMPANIONS: Partial<Record<Key, (value: unknown) => Partial<MoeConfig>>> = {
  experts: () => ({ topK: 1 }),
  topK: () => ({ experts: 512 }),
  groups: (value) => ({ experts: value as number, topK: 1 }),
  topkGroups: () => ({ experts: 64, groups: 64 }),
  // BASE layers route each token to one expert; Sinkhorn and BASE take no balance loss
  // a batch is whole sequences: T a multiple of L
  // the own text's task names its text
  dataset: (value) => (value === 'own' ? { ownText: 77 } : {}),
  seqLen: (value) => ({ tokens: (value as number) * Math.max(2, Math.ceil(16 / (value as number))) }),
  // domain-mapped routing needs a task with domains (text); expert merging is dropless, and
  // Lory's segments divide the sequence (L = 1 by default)
  scheme: (value) => ({
    topK: 1,
    balanceCoef: 0,
    ...(value === 'domain-random' ? { dataset: 'text' as const } : {}),
    ...(traitsOf(value as Scheme).mergeGroup ? { capacityFactor: null, evalCapacityFactor: null, segmentLen: 1 } : {}),
  }),
};

export const ROUND_TRIP_CASES = PARAM_KEYS.flatMap((key) => valuesOf(key).map((value) => ({ key, value, url: SCHEMA[key].url })));

/** What is wrong with a config against its schema (empty: nothing). Plain checks: the fuzz runs them 12,000 times. */
export function schemaProblems(config: MoeConfig): string[] {
  const problems: string[] = [];
  const keys = Object.keys(config).sort();
  if (keys.join() !== [...PARAM_KEYS].sort().join()) problems.push(`keys ${keys.join()}`);
  for (const key of PARAM_KEYS) {
    const def = SCHEMA[key];
    const v = config[key] as unknown;
    let ok: boolean;
    switch (def.kind) {
      case 'bool':
        ok = typeof v === 'boolean';
        break;
      case 'enum':
        ok = (def.options as readonly unknown[]).includes(v);
        break;
      case 'int':
        ok = Number.isInteger(v) && (v as number) >= def.min && (v as number) <= def.max && (!def.options || def.options.includes(v as number));
        break;
      case 'float':
        ok = v === null ? def.nullable === true : Number.isFinite(v) && (v as number) >= def.min && (v as number) <= def.max;
        break;
    }
    if (!ok) problems.push(`${key} = ${String(v)}`);
  }
  return problems;
}

export const SAFE_VIEW_STRING = /^[A-Za-z0-9.:/-]+$/;
export const ORIGIN_SHAPE = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;
export const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;
export const isIntIn = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** What is wrong with view params (empty: nothing). */
export function viewProblems(view: ViewParams): string[] {
  const p: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) p.push(what);
  };
  for (const [key, value] of Object.entries(view)) {
    check((VIEW_KEYS as readonly string[]).includes(key), `key ${key}`);
    check(value !== undefined, `${key} undefined`);
  }
  if (view.step !== undefined) check(isIntIn(view.step, 0, VIEW_LIMITS.stepMax), 'step');
  if (view.preset !== undefined) check(PRESET_IDS.includes(view.preset), 'preset');
  if (view.deck !== undefined) {
    check(view.deck.length > 0 && view.deck.length <= VIEW_LIMITS.deckMax, 'deck length');
    check(view.deck.every((id) => PRESET_IDS.includes(id)), 'deck ids');
  }
  if (view.slide !== undefined) check(view.deck !== undefined && isIntIn(view.slide, 0, view.deck.length - 1), 'slide');
  if (view.embed !== undefined) check(typeof view.embed === 'boolean', 'embed');
  if (view.autoplay !== undefined) check(typeof view.autoplay === 'boolean', 'autoplay');
  if (view.panels !== undefined) check(view.panels.every((x) => (PANELS as readonly string[]).includes(x)) && unique(view.panels), 'panels');
  if (view.controls !== undefined) check(view.controls.every((x) => PARAM_URL_KEYS.includes(x)) && unique(view.controls), 'controls');
  if (view.lang !== undefined) check((VIEW_LANGS as readonly string[]).includes(view.lang), 'lang');
  if (view.theme !== undefined) check((THEMES as readonly string[]).includes(view.theme), 'theme');
  if (view.origins !== undefined) {
    check(view.origins.length <= VIEW_LIMITS.originsMax && unique(view.origins), 'origins length');
    check(view.origins.every((o) => ORIGIN_SHAPE.test(o)), 'origins shape');
  }
  if (view.scale !== undefined) check(Number.isFinite(view.scale) && view.scale >= VIEW_LIMITS.scaleMin && view.scale <= VIEW_LIMITS.scaleMax, 'scale');
  const strings = [view.preset, view.lang, view.theme, ...(view.deck ?? []), ...(view.panels ?? []), ...(view.controls ?? []), ...(view.origins ?? [])];
  check(strings.every((x) => x === undefined || SAFE_VIEW_STRING.test(x)), 'unsafe characters');
  return p;
}

export const SAFE_NOTICE_TEXT = /^[A-Za-z0-9 ._~:/+,?…-]*$/;
export const CODES = ['unknown-key', 'clamped', 'invalid', 'version', 'adjusted'];

/** Notices whose data could carry anything but plain printable text. */
export function noticeProblems(notices: Notice[]): string[] {
  return notices
    .filter(
      (n) =>
        !CODES.includes(n.code) ||
        !SAFE_NOTICE_TEXT.test(n.key) ||
        (n.from !== undefined && !SAFE_NOTICE_TEXT.test(n.from)) ||
        (n.to !== undefined && !SAFE_NOTICE_TEXT.test(n.to)) ||
        inEnglish([n])[0].message.length === 0,
    )
    .map((n) => JSON.stringify(n));
}
