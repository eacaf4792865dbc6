// The URL (hash) codec. Driven only by SCHEMA: a link holds the values that differ from the
// defaults, in schema order, and decoding any string at all gives a runnable config plus a
// list of notices that say, in data, what was ignored or changed. Nothing read from a link is
// ever used as HTML: values are parsed into numbers, booleans or members of fixed lists, and
// the few free strings (preset ids, origins) must match a narrow pattern.

import { PRESETS } from './presets';
import { PARAM_KEYS, SCHEMA, type MoeConfig } from './schema';
import { validateConfig } from './validate';
import { decimalsOf, formatNumber, formatValue, isDefault } from './urlFormat';
import { Reader, type Notice } from './urlReader';
import { encodeValue, safeDecode, safeText } from './urlText';
import { PARAM_BY_URL, readView, VIEW_KEY_SET, VIEW_KEYS, VIEW_LIMITS, type ViewKey, type ViewParams } from './urlView';

export { decimalsOf, formatValue, isDefault } from './urlFormat';
export type { Notice, NoticeCode } from './urlReader';
export { normalizeOrigin, safeText } from './urlText';
export {
  PANELS,
  PARAM_URL_KEYS,
  paramForUrlKey,
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

/** The link format this code writes. Links without `v` are read as version 1. */
export const HASH_VERSION = 1;
/** Longer hashes are cut here before reading (a notice says so). */
export const MAX_HASH_LENGTH = 8192;

export interface DecodedHash {
  config: MoeConfig;
  view: ViewParams;
  notices: Notice[];
}

// ---------------------------------------------------------------- encoding

const list = (values: readonly string[]) => values.map(encodeValue).join(',');
const flag = (b: boolean) => (b ? '1' : '0');

/**
 * The hash for a config: `#v=1` and then only the values that differ from the defaults, in
 * schema order, then the view parameters that are set, in a fixed order.
 */
export function encodeHash(config: MoeConfig, extra: ViewParams = {}): string {
  const parts = [`v=${HASH_VERSION}`];
  for (const key of PARAM_KEYS) {
    const value = config[key];
    if (!isDefault(key, value)) parts.push(`${SCHEMA[key].url}=${encodeValue(formatValue(key, value))}`);
  }
  const v = extra;
  if (v.preset !== undefined) parts.push(`preset=${encodeValue(v.preset)}`);
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
  return `#${parts.join('&')}`;
}

/** The hash for a (partial) config, made valid first, with view parameters. */
export function hashFor(config: Partial<MoeConfig>, view: ViewParams = {}): string {
  return encodeHash(validateConfig(config).config, view);
}

/** The hash that opens a preset (its config and view, labelled with its id). */
export function presetHash(id: string, view: ViewParams = {}): string {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new RangeError(`presetHash: no preset "${id}"`);
  return hashFor(preset.config, { ...preset.view, ...view, preset: id });
}

// ---------------------------------------------------------------- decoding

function describeDefault(key: keyof MoeConfig): string {
  return formatValue(key, SCHEMA[key].default);
}

function readParam(r: Reader, key: keyof MoeConfig, raw: string | undefined): unknown {
  const def = SCHEMA[key];
  const url = def.url;
  const fallback = describeDefault(key);
  switch (def.kind) {
    case 'bool':
      return r.bool(url, raw, fallback);
    case 'enum':
      return r.oneOf(url, raw, def.options, fallback);
    case 'int':
      return r.int(url, raw, def, fallback);
    case 'float':
      if (def.nullable && raw === 'none') return null;
      return r.float(url, raw, def, fallback);
  }
}

/**
 * Reads a location hash (with or without `#`). Never throws; the config is always valid
 * (validateConfig has run, so k ≤ E and the other cross-field rules hold), and every value
 * that was ignored or changed is in `notices`.
 */
export function decodeHash(hash: string): DecodedHash {
  const r = new Reader();
  let text = typeof hash === 'string' ? hash : '';
  if (text.length > MAX_HASH_LENGTH) {
    r.note('invalid', 'hash', `The link is longer than ${MAX_HASH_LENGTH} characters; the rest was ignored.`, String(text.length), String(MAX_HASH_LENGTH));
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
      const shown = safeText(key);
      r.note('invalid', shown, `${shown} appears more than once; the first value is used.`, value === undefined ? undefined : safeText(value));
      continue;
    }
    entries.set(key, value);
  }

  if (entries.has('v')) {
    const raw = entries.get('v');
    const v = raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (v > HASH_VERSION) {
      r.note('version', 'v', `This link is from a newer version of the playground (v=${v}); its settings were read as far as possible.`, String(v), String(HASH_VERSION));
    } else if (v !== HASH_VERSION) {
      const shown = safeText(raw ?? '');
      r.note('version', 'v', `The link version "${shown}" is not known; it was read as version ${HASH_VERSION}.`, shown, String(HASH_VERSION));
    }
  }

  const input: Partial<Record<keyof MoeConfig, unknown>> = {};
  const view: ViewParams = {};
  for (const [key, raw] of entries) {
    if (key === 'v') continue;
    const param = PARAM_BY_URL.get(key);
    if (param !== undefined) {
      const value = readParam(r, param, raw);
      if (value !== undefined) input[param] = value;
    } else if (VIEW_KEY_SET.has(key)) {
      readView(r, view, key as ViewKey, raw);
    } else {
      const shown = safeText(key);
      r.note('unknown-key', shown, `Unknown setting "${shown}" was ignored.`);
    }
  }

  // drop the view fields that were read as nothing, so `view` holds only what was set
  for (const k of Object.keys(view) as (keyof ViewParams)[]) if (view[k] === undefined) delete view[k];
  if (view.slide !== undefined) {
    if (view.deck === undefined) {
      r.note('invalid', 'slide', 'slide needs a deck; it was ignored.', String(view.slide));
      delete view.slide;
    } else if (view.slide >= view.deck.length) {
      const to = view.deck.length - 1;
      r.note('clamped', 'slide', `slide = ${view.slide} is past the last slide of the deck; ${to} is used.`, String(view.slide), String(to));
      view.slide = to;
    }
  }

  const { config, adjustments } = validateConfig(input);
  for (const a of adjustments) {
    const url = SCHEMA[a.key].url;
    const from = typeof a.from === 'number' || typeof a.from === 'boolean' || a.from === null ? formatValue(a.key, a.from as never) : safeText(String(a.from));
    const to = formatValue(a.key, a.to as never);
    r.note('adjusted', url, `${url} changed from ${from} to ${to}: ${a.reason}.`, from, to);
  }
  // the view's fields in the order a link writes them, whatever order they were read in
  const ordered: Record<string, unknown> = {};
  for (const k of VIEW_KEYS) if (view[k] !== undefined) ordered[k] = view[k];
  return { config, view: ordered as ViewParams, notices: r.notices };
}
