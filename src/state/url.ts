// The URL (hash) codec. Driven only by SCHEMA: a link holds the values that differ from its base
// (the defaults of its version, with its preset's settings on top: urlVersions.ts), in schema
// order, and decoding any string at all gives a runnable config plus a list of notices that
// say, in data (notices.ts), what was ignored or changed. Nothing read from a link is ever used as HTML:
// values are parsed into numbers, booleans or members of fixed lists, and the few free strings
// (preset ids, origins) must match a narrow pattern.

import { isCompareKey } from './compare/link';
import { PRESETS } from './presets';
import { isSweepLinkKey } from './sweep/link';
import { isTraceKey } from './traces/traceLink';
import { PARAM_KEYS, type MoeConfig } from './schema';
import { validateConfig } from './validate';
import { noteAdjustments, readSetting } from './urlSettings';
import { decimalsOf, formatNumber, formatValue, sameValue } from './urlFormat';
import { Reader, type Notice } from './urlReader';
import { encodeValue, safeDecode, safeText } from './urlText';
import { paramForUrlKey, urlKeyOf } from './urlKeys';
import { presetId, readView, VIEW_KEY_SET, VIEW_KEYS, VIEW_LIMITS, type ViewKey, type ViewParams } from './urlView';
import { HASH_VERSION, LINK_DEFAULTS, linkBase, readVersion, renameOld, type LinkDefaults } from './urlVersions';

export { decimalsOf, formatValue, isDefault, sameValue } from './urlFormat';
export type { Notice, NoticeCode } from './notices';
export { normalizeOrigin, safeText } from './urlText';
export { PARAM_URL_KEYS, paramForUrlKey } from './urlKeys';
export {
  EMBED_DEFAULT_PANELS,
  PANELS,
  THEMES,
  VIEW_KEYS,
  VIEW_LANGS,
  VIEW_LIMITS,
  type PanelId,
  type Theme,
  type ViewKey,
  type ViewLang,
  type ViewParams,
} from './urlView';

export { HASH_VERSION, LINK_DEFAULTS, linkBase, UNVERSIONED, type LinkDefaults } from './urlVersions';
/** Longer hashes are cut here before reading (a notice says so). */
const MAX_HASH_LENGTH = 8192;

export interface DecodedHash {
  config: MoeConfig;
  view: ViewParams;
  notices: Notice[];
  /** the link version it was read as: a deck it opens reads its slides' presets against it */
  version: number;
  /**
   * The keys of an experiment page, as written (A/B: `ab`, `ab.*`, `b.*`; a sweep: `sweep`,
   * `sw.*`; a trace: `trace`): their own codecs read them (compare/link.ts, sweep/link.ts,
   * traces/traceLink.ts) against `config`.
   */
  experiment: ReadonlyMap<string, string | undefined>;
}

/** Whether a key belongs to an experiment page's codec rather than to the lab's. */
export const isExperimentKey = (key: string): boolean => isCompareKey(key) || isSweepLinkKey(key) || isTraceKey(key);

/** A read link's experiment keys written again as they came, for encodeHash. */
export function experimentParts(experiment: ReadonlyMap<string, string | undefined>): string[] {
  return [...experiment].map(([key, value]) => (value === undefined ? encodeValue(key) : `${encodeValue(key)}=${encodeValue(value)}`));
}

// ---------------------------------------------------------------- encoding

const list = (values: readonly string[]) => values.map(encodeValue).join(',');
const flag = (b: boolean) => (b ? '1' : '0');

/**
 * The hash for a config: `#v=2`, the preset (if any), then only the values that differ from the
 * link's base (the defaults with the preset's settings on top), in schema order, then the other
 * view parameters that are set, in a fixed order. A value set back to its plain default on a
 * preset that changes it is written, so the link says so.
 */
export function encodeHash(config: MoeConfig, extra: ViewParams = {}, experiment: readonly string[] = []): string {
  const v = extra;
  const parts = [`v=${HASH_VERSION}`];
  if (v.preset !== undefined) parts.push(`preset=${encodeValue(v.preset)}`);
  // an unknown id is read back as no preset, so it must not be the base here either
  const base = linkBase(HASH_VERSION, v.preset !== undefined ? (presetId(v.preset) ?? undefined) : undefined);
  for (const key of PARAM_KEYS) {
    const value = config[key];
    if (!sameValue(key, value, base[key])) parts.push(`${urlKeyOf(key)}=${encodeValue(formatValue(key, value))}`);
  }
  if (v.deck !== undefined && v.deck.length > 0) parts.push(`deck=${list(v.deck)}`);
  if (v.slide !== undefined) parts.push(`slide=${formatNumber(v.slide, 0)}`);
  if (v.step !== undefined) parts.push(`step=${formatNumber(v.step, 0)}`);
  if (v.autoplay !== undefined) parts.push(`autoplay=${flag(v.autoplay)}`);
  if (v.embed !== undefined) parts.push(`embed=${flag(v.embed)}`);
  if (v.panels !== undefined && v.panels.length > 0) parts.push(`panels=${list(v.panels)}`);
  if (v.controls !== undefined && v.controls.length > 0) parts.push(`controls=${list(v.controls)}`);
  if (v.theme !== undefined) parts.push(`theme=${encodeValue(v.theme)}`);
  if (v.lang !== undefined) parts.push(`lang=${encodeValue(v.lang)}`);
  if (v.scale !== undefined) parts.push(`scale=${formatNumber(v.scale, decimalsOf(VIEW_LIMITS.scaleStep))}`);
  if (v.origins !== undefined && v.origins.length > 0) parts.push(`origins=${list(v.origins)}`);
  if (v.tour !== undefined) parts.push(`tour=${formatNumber(v.tour, 0)}`);
  // an experiment page's keys (compareParts, sweepParts), already encoded, last
  parts.push(...experiment);
  return `#${parts.join('&')}`;
}

/** The hash for a (partial) config, made valid first, with view parameters. */
export function hashFor(config: Partial<MoeConfig>, view: ViewParams = {}): string {
  return encodeHash(validateConfig(config).config, view);
}

/** The hash that opens a preset (its id; its settings are the link's base). */
export function presetHash(id: string, view: ViewParams = {}): string {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new RangeError(`presetHash: no preset "${id}"`);
  return hashFor(preset.config, { ...view, preset: id });
}

// ---------------------------------------------------------------- decoding

/**
 * Reads a location hash (with or without `#`). Never throws; the config is always valid
 * (validateConfig has run, so k ≤ E and the other cross-field rules hold), and every value
 * that was ignored or changed is in `notices`. A key the link leaves out takes its base's value:
 * the defaults of the link's version (`defaults`, replaceable only to test old versions), with
 * a known `preset=<id>`'s settings on top.
 */
export function decodeHash(hash: string, defaults: LinkDefaults = LINK_DEFAULTS): DecodedHash {
  const r = new Reader();
  let text = typeof hash === 'string' ? hash : '';
  if (text.length > MAX_HASH_LENGTH) {
    r.note({ id: 'too-long' }, 'hash', String(text.length), String(MAX_HASH_LENGTH));
    text = text.slice(0, MAX_HASH_LENGTH);
  }
  text = text.replace(/^#/, '').replace(/^\?/, '');

  // key → value as written (undefined: a bare key with no `=`); the first of repeated keys counts
  const entries = new Map<string, string | undefined>();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? undefined : safeDecode(part.slice(eq + 1));
    if (entries.has(key)) {
      r.note({ id: 'repeated' }, safeText(key), value === undefined ? undefined : safeText(value));
      continue;
    }
    entries.set(key, value);
  }

  // A link without `v` is from before versions and reads as then, if it sets something that
  // meant something then: a setting, or a deck (its slides' presets on those defaults). One that
  // only asks for a view (`#lang=zh-CN`, `#embed=1`, or nothing: the page itself) opens today's
  // defaults, and so does one that names a preset: before versions such a link ran the plain
  // defaults (the preset was a label only), so reading it as then keeps nothing; it opens the
  // preset as it is now.
  const setsSomething = entries.has('deck') || [...entries.keys()].some((key) => paramForUrlKey(key) !== undefined);
  const current = !entries.has('v') && (entries.has('preset') || !setsSomething);
  const version = current ? HASH_VERSION : readVersion(r, entries.has('v'), entries.get('v'), defaults);
  // the preset is known before any key is read, wherever it stands: every key is relative to it
  // (an unknown id gets its notice below, in the link's order, and leaves the plain defaults)
  const named = entries.get('preset');
  const base = linkBase(version, named !== undefined ? (presetId(named) ?? undefined) : undefined, defaults);

  const input: Partial<Record<keyof MoeConfig, unknown>> = { ...base };
  const view: ViewParams = {};
  const experiment = new Map<string, string | undefined>();
  for (const [key, raw] of entries) {
    if (key === 'v') continue;
    const param = paramForUrlKey(key);
    if (isExperimentKey(key)) {
      experiment.set(key, raw);
    } else if (param !== undefined) {
      const value = readSetting(r, param, raw, base);
      if (value !== undefined) input[param] = value;
    } else if (VIEW_KEY_SET.has(key)) {
      readView(r, view, key as ViewKey, raw);
    } else {
      r.note({ id: 'unknown-key' }, safeText(key));
    }
  }

  renameOld(version, input);
  // drop the view fields that were read as nothing, so `view` holds only what was set
  for (const k of Object.keys(view) as (keyof ViewParams)[]) if (view[k] === undefined) delete view[k];
  if (view.slide !== undefined) {
    if (view.deck === undefined) {
      r.note({ id: 'no-deck' }, 'slide', String(view.slide));
      delete view.slide;
    } else if (view.slide >= view.deck.length) {
      const to = view.deck.length - 1;
      r.note({ id: 'past-last-slide' }, 'slide', String(view.slide), String(to));
      view.slide = to;
    }
  }

  const { config, adjustments } = validateConfig(input);
  noteAdjustments(r, adjustments);
  // the view's fields in the order a link writes them, whatever order they were read in
  const ordered: Record<string, unknown> = {};
  for (const k of VIEW_KEYS) if (view[k] !== undefined) ordered[k] = view[k];
  return { config, view: ordered as ViewParams, notices: r.notices, version, experiment };
}
