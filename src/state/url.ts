// The URL (hash) codec. Driven only by SCHEMA: a link holds the values that differ from the
// defaults, in schema order, and decoding any string at all gives a runnable config plus a
// list of notices that say, in data, what was ignored or changed. Nothing read from a link is
// ever used as HTML: values are parsed into numbers, booleans or members of fixed lists, and
// the few free strings (preset ids, origins) must match a narrow pattern.

import { PRESETS } from './presets';
import { PARAM_KEYS, SCHEMA, type FloatDef, type IntDef, type MoeConfig } from './schema';
import { validateConfig } from './validate';

/** The link format this code writes. Links without `v` are read as version 1. */
export const HASH_VERSION = 1;

export const PANELS = ['flow', 'load', 'loss', 'heatmap', 'partition', 'special', 'inspector', 'cost', 'controls'] as const;
export type PanelId = (typeof PANELS)[number];
export const THEMES = ['light', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];
export const VIEW_LANGS = ['en', 'zh-CN'] as const;
export type ViewLang = (typeof VIEW_LANGS)[number];

/** Limits of the view parameters. */
export const VIEW_LIMITS = {
  stepMax: 100_000,
  deckMax: 50,
  originsMax: 16,
  scaleMin: 0.75,
  scaleMax: 2,
  scaleStep: 0.05,
} as const;
/** Longer hashes are cut here before reading (a notice says so). */
export const MAX_HASH_LENGTH = 8192;

/** Settings of the page around the training config; not part of the config. */
export interface ViewParams {
  /** train to this step, then pause (0..100000) */
  step?: number;
  /** the preset the config came from (a label: the config itself is always in the link) */
  preset?: string;
  /** a slide deck: preset ids in order */
  deck?: string[];
  /** index into deck, from 0 */
  slide?: number;
  /** embedded in a talk or another page: chrome hidden */
  embed?: boolean;
  /** the panels to show, in this order */
  panels?: PanelId[];
  /** url keys of the schema parameters whose controls are shown */
  controls?: string[];
  autoplay?: boolean;
  lang?: ViewLang;
  theme?: Theme;
  /** origins allowed to talk to an embed by postMessage, normalised (`https://host[:port]`) */
  origins?: string[];
  /** type scale, 0.75..2 */
  scale?: number;
}

export type NoticeCode = 'unknown-key' | 'clamped' | 'invalid' | 'version' | 'adjusted';

export interface Notice {
  code: NoticeCode;
  /** the url key it concerns (`E`, `cf`, `deck`, ...); for an unknown key, that key made safe to show */
  key: string;
  /** plain English, composed from the data below */
  message: string;
  /** the value as read, made safe to show (printable ASCII, at most 32 characters) */
  from?: string;
  /** the value used instead */
  to?: string;
}

export interface DecodedHash {
  config: MoeConfig;
  view: ViewParams;
  notices: Notice[];
}

// ---------------------------------------------------------------- numbers

/** Decimal places of a step: 0.05 → 2, 0.0001 → 4, 1 → 0. */
export function decimalsOf(step: number): number {
  let d = 0;
  while (d < 12 && Math.round(step * 10 ** d) / 10 ** d !== step) d++;
  return d;
}

function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const r = Number(value.toFixed(decimals));
  return r + 0; // no -0
}

/** A number as short as it can be written: no float noise, no trailing zeros, never `-0`. */
function formatNumber(value: number, decimals: number): string {
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

/** Whether value equals the schema default, as a link would write it. */
export function isDefault<K extends keyof MoeConfig>(key: K, value: MoeConfig[K]): boolean {
  const def = SCHEMA[key];
  if (def.kind === 'float' && typeof value === 'number' && typeof def.default === 'number') {
    const d = decimalsOf(def.step);
    return roundTo(value, d) === roundTo(def.default, d);
  }
  return value === def.default;
}

// ---------------------------------------------------------------- encoding

/** Percent-encodes all but a readable safe set (`,` `:` `/` stay, for lists and origins). */
function encodeValue(value: string): string {
  // a lone surrogate cannot be percent-encoded (URIError): written as U+FFFD instead
  const wellFormed = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

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

const PARAM_BY_URL = new Map<string, keyof MoeConfig>(PARAM_KEYS.map((key) => [SCHEMA[key].url, key]));
/** Every url key of a schema parameter, in schema order. */
export const PARAM_URL_KEYS: readonly string[] = PARAM_KEYS.map((key) => SCHEMA[key].url);
export const VIEW_KEYS = [
  'preset',
  'deck',
  'slide',
  'step',
  'autoplay',
  'embed',
  'panels',
  'controls',
  'theme',
  'lang',
  'scale',
  'origins',
] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];
const VIEW_KEY_SET = new Set<string>(VIEW_KEYS);
/** The schema parameter a url key names, if any. */
export function paramForUrlKey(urlKey: string): keyof MoeConfig | undefined {
  return PARAM_BY_URL.get(urlKey);
}

const PRESET_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ORIGIN = new RegExp(`^https?://${HOST_LABEL}(?:\\.${HOST_LABEL})*(?::\\d{1,5})?$`, 'i');

/** A value read from a link, made safe to quote in a message: printable ASCII, 32 characters at most. */
export function safeText(raw: string): string {
  const chars = Array.from(raw);
  const cut = chars.slice(0, 32).map((c) => (/^[A-Za-z0-9 ._~:/+,-]$/.test(c) ? c : '?'));
  return cut.join('') + (chars.length > 32 ? '…' : '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // malformed percent-encoding: read as is, and most likely rejected below
  }
}

/** `/^https?://host[:port]$/`, normalised (lower case, default port left out); null if not one. */
export function normalizeOrigin(raw: string): string | null {
  if (raw.length > 300 || !ORIGIN.test(raw)) return null;
  try {
    const origin = new URL(raw).origin;
    return /^https?:\/\//.test(origin) ? origin : null;
  } catch {
    return null; // e.g. a port above 65535
  }
}

class Reader {
  notices: Notice[] = [];

  note(code: NoticeCode, key: string, message: string, from?: string, to?: string): void {
    const n: Notice = { code, key, message };
    if (from !== undefined) n.from = from;
    if (to !== undefined) n.to = to;
    this.notices.push(n);
  }

  invalid(key: string, raw: string | undefined, expected: string, fallback: string | null): void {
    const shown = raw === undefined ? '' : safeText(raw);
    const what = raw === undefined ? `${key} has no value` : `${key} = "${shown}" is not ${expected}`;
    const then = fallback === null ? 'it was ignored' : `the default ${fallback} is used`;
    this.note('invalid', key, `${what}; ${then}.`, shown, fallback ?? undefined);
  }

  /** An integer in [min, max] (and among options, if given); undefined when not a number at all. */
  int(key: string, raw: string | undefined, def: Pick<IntDef, 'min' | 'max' | 'options'>, fallback: string | null) {
    if (raw === undefined || !NUMBER.test(raw)) {
      this.invalid(key, raw, 'a number', fallback);
      return undefined;
    }
    const n = Number(raw);
    let to = Math.min(def.max, Math.max(def.min, Math.round(n)));
    if (def.options) to = def.options.reduce((b, o) => (Math.abs(o - to) < Math.abs(b - to) ? o : b), def.options[0]);
    to += 0;
    if (to !== n) {
      const shown = safeText(raw);
      let why: string;
      if (n > def.max) why = `is above the maximum ${def.max}`;
      else if (n < def.min) why = `is below the minimum ${def.min}`;
      else if (!Number.isInteger(n)) why = 'is not a whole number';
      else why = `is not one of ${(def.options ?? []).join(', ')}`;
      this.note('clamped', key, `${key} = ${shown} ${why}; ${to} is used.`, shown, String(to));
    }
    return to;
  }

  /** A number in [min, max], rounded to the step's decimals (silently: that is only precision). */
  float(key: string, raw: string | undefined, def: Pick<FloatDef, 'min' | 'max' | 'step'>, fallback: string | null) {
    if (raw === undefined || !NUMBER.test(raw)) {
      this.invalid(key, raw, 'a number', fallback);
      return undefined;
    }
    const decimals = decimalsOf(def.step);
    const n = roundTo(Number(raw), decimals);
    const to = Math.min(def.max, Math.max(def.min, n)) + 0;
    if (to !== n) {
      const shown = safeText(raw);
      const why = n > def.max ? `is above the maximum ${def.max}` : `is below the minimum ${def.min}`;
      const toText = formatNumber(to, decimals);
      this.note('clamped', key, `${key} = ${shown} ${why}; ${toText} is used.`, shown, toText);
    }
    return to;
  }

  bool(key: string, raw: string | undefined, fallback: string | null): boolean | undefined {
    // a bare `embed` (no `=`) reads as on
    if (raw === undefined || raw === '1' || raw === 'true') return true;
    if (raw === '0' || raw === 'false') return false;
    this.invalid(key, raw, '1 or 0', fallback);
    return undefined;
  }

  oneOf<T extends string>(key: string, raw: string | undefined, options: readonly T[], fallback: string | null): T | undefined {
    if (raw !== undefined && (options as readonly string[]).includes(raw)) return raw as T;
    this.invalid(key, raw, `one of ${options.join(', ')}`, fallback);
    return undefined;
  }

  /** A comma list whose items each pass `accept` (which may normalise them); others get a notice. */
  list(key: string, raw: string | undefined, max: number, what: string, accept: (item: string) => string | null, unique: boolean): string[] | undefined {
    if (raw === undefined) {
      this.invalid(key, raw, what, null);
      return undefined;
    }
    const out: string[] = [];
    const items = raw.split(',').filter((item) => item !== '');
    for (const item of items) {
      const ok = accept(item);
      if (ok === null) {
        this.note('invalid', key, `${key}: "${safeText(item)}" is not ${what}; it was left out.`, safeText(item));
      } else if (!(unique && out.includes(ok))) {
        if (out.length === max) {
          this.note('clamped', key, `${key} holds more than ${max} items; the rest were left out.`, String(items.length), String(max));
          break;
        }
        out.push(ok);
      }
    }
    return out.length > 0 ? out : undefined;
  }
}

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

const PRESET_IDS = new Set(PRESETS.map((p) => p.id));
const presetId = (item: string) => (PRESET_ID.test(item) && PRESET_IDS.has(item) ? item : null);

function readView(r: Reader, view: ViewParams, key: ViewKey, raw: string | undefined): void {
  switch (key) {
    case 'step':
      view.step = r.int(key, raw, { min: 0, max: VIEW_LIMITS.stepMax }, null);
      break;
    case 'slide':
      view.slide = r.int(key, raw, { min: 0, max: VIEW_LIMITS.deckMax - 1 }, null);
      break;
    case 'preset':
      if (raw !== undefined && presetId(raw) !== null) view.preset = raw;
      else r.invalid(key, raw, 'a known preset', null);
      break;
    case 'deck':
      view.deck = r.list(key, raw, VIEW_LIMITS.deckMax, 'a known preset', presetId, false);
      break;
    case 'embed':
      view.embed = r.bool(key, raw, null);
      break;
    case 'autoplay':
      view.autoplay = r.bool(key, raw, null);
      break;
    case 'panels':
      view.panels = r.list(key, raw, PANELS.length, 'a panel', (p) => ((PANELS as readonly string[]).includes(p) ? p : null), true) as
        | PanelId[]
        | undefined;
      break;
    case 'controls':
      view.controls = r.list(key, raw, PARAM_KEYS.length, 'a setting', (c) => (PARAM_BY_URL.has(c) ? c : null), true);
      break;
    case 'lang':
      view.lang = r.oneOf(key, raw, VIEW_LANGS, null);
      break;
    case 'theme':
      view.theme = r.oneOf(key, raw, THEMES, null);
      break;
    case 'origins':
      view.origins = r.list(key, raw, VIEW_LIMITS.originsMax, 'an http(s) origin', normalizeOrigin, true);
      break;
    case 'scale':
      view.scale = r.float(key, raw, { min: VIEW_LIMITS.scaleMin, max: VIEW_LIMITS.scaleMax, step: VIEW_LIMITS.scaleStep }, null);
      break;
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
