import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, PRESET_IDS, presetConfig } from '../../src/state/presets';
import { PARAM_KEYS, SCHEMA, schemaDefaults, type MoeConfig } from '../../src/state/schema';
import {
  PANELS,
  PARAM_URL_KEYS,
  THEMES,
  VIEW_KEYS,
  VIEW_LANGS,
  VIEW_LIMITS,
  decimalsOf,
  decodeHash,
  encodeHash,
  formatValue,
  hashFor,
  isDefault,
  normalizeOrigin,
  presetHash,
  type Notice,
  type ViewParams,
} from '../../src/state/url';
import { validateConfig } from '../../src/state/validate';
import { inEnglish, type NoticeInWords } from './noticeWords';

type Key = keyof MoeConfig;

/** min, max, default and a middle value of every parameter (enums: every option; bools: both). */
function valuesOf(key: Key): unknown[] {
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
const COMPANIONS: Partial<Record<Key, (value: unknown) => Partial<MoeConfig>>> = {
  experts: () => ({ topK: 1 }),
  topK: () => ({ experts: 512 }),
  groups: (value) => ({ experts: value as number, topK: 1 }),
  topkGroups: () => ({ experts: 64, groups: 64 }),
};

const ROUND_TRIP_CASES = PARAM_KEYS.flatMap((key) => valuesOf(key).map((value) => ({ key, value, url: SCHEMA[key].url })));

/** What is wrong with a config against its schema (empty: nothing). Plain checks: the fuzz runs them 12,000 times. */
function schemaProblems(config: MoeConfig): string[] {
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

const SAFE_VIEW_STRING = /^[A-Za-z0-9.:/-]+$/;
const ORIGIN_SHAPE = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;
const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;
const isIntIn = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** What is wrong with view params (empty: nothing). */
function viewProblems(view: ViewParams): string[] {
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

const SAFE_NOTICE_TEXT = /^[A-Za-z0-9 ._~:/+,?…-]*$/;
const CODES = ['unknown-key', 'clamped', 'invalid', 'version', 'adjusted'];

/** Notices whose data could carry anything but plain printable text. */
function noticeProblems(notices: Notice[]): string[] {
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

describe('encodeHash', () => {
  it('writes the defaults as exactly #v=2', () => {
    expect(encodeHash(schemaDefaults())).toBe('#v=2');
    expect(encodeHash(schemaDefaults(), {})).toBe('#v=2');
    expect(hashFor({})).toBe('#v=2');
  });

  it('writes only changed values, in schema order, without float noise', () => {
    const config = { ...schemaDefaults(), capacityFactor: 0.1 + 0.2 + 1, experts: 16, topK: 1, lr: 0.1 + 0.2 };
    expect(encodeHash(config)).toBe('#v=2&E=16&k=1&cf=1.3&lr=0.3');
    expect(encodeHash({ ...schemaDefaults(), capacityFactor: null, sharedGate: true })).toBe('#v=2&cf=none&shg=1');
    expect(encodeHash({ ...schemaDefaults(), balanceCoef: 0.0123456 })).toBe('#v=2&a=0.012');
    expect(encodeHash({ ...schemaDefaults(), balanceCoef: -0 })).toBe('#v=2&a=0');
  });

  it('has a url key per parameter, none shared with a view key', () => {
    const keys = [...PARAM_URL_KEYS, ...VIEW_KEYS, 'v'];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z]+$/);
  });

  it('says which values are defaults', () => {
    expect(isDefault('capacityFactor', 1.25)).toBe(true);
    expect(isDefault('capacityFactor', 1.2500001)).toBe(true);
    expect(isDefault('capacityFactor', null)).toBe(false);
    expect(isDefault('experts', 8)).toBe(true);
    expect(isDefault('experts', 9)).toBe(false);
    expect(isDefault('scheme', 'token-choice')).toBe(true);
    expect(isDefault('sharedGate', true)).toBe(false);
    expect(formatValue('evalCapacityFactor', null)).toBe('none');
    expect(formatValue('sharedGate', false)).toBe('0');
  });
});

describe('round trip', () => {
  it.each(ROUND_TRIP_CASES)('$url = $value', ({ key, value }) => {
    const input = { ...COMPANIONS[key]?.(value), [key]: value } as Partial<MoeConfig>;
    const { config, adjustments } = validateConfig(input);
    expect(adjustments).toEqual([]);
    expect(config[key]).toBe(value);
    const hash = encodeHash(config);
    if (isDefault(key, value as never) && !COMPANIONS[key]) expect(hash).toBe('#v=2');
    else expect(hash).toMatch(/^#v=2(&[A-Za-z]+=[A-Za-z0-9.-]+)+$/);
    const decoded = decodeHash(hash);
    expect(decoded.notices).toEqual([]);
    expect(decoded.config).toEqual(config);
    expect(decoded.view).toEqual({});
  });

  it.each(PRESETS.map((p) => p.id))('preset %s', (id) => {
    const config = presetConfig(id);
    const decoded = decodeHash(presetHash(id));
    expect(decoded.notices).toEqual([]);
    expect(decoded.config).toEqual(config);
    expect(decoded.view.preset).toBe(id);
  });

  it('reads keys in any order and writes them in schema order', () => {
    const decoded = decodeHash('#lr=0.05&k=1&v=1&E=16&cf=none');
    expect(decoded.notices).toEqual([]);
    expect(encodeHash(decoded.config)).toBe('#v=2&E=16&k=1&cf=none&lr=0.05');
  });

  it('reads a hash with or without # and an empty hash', () => {
    expect(decodeHash('E=16').config.experts).toBe(16);
    for (const empty of ['', '#', '#v=1', '#v=2', '#&&', '#v=1&', '#v=2&']) {
      expect(decodeHash(empty)).toEqual({ config: schemaDefaults(), view: {}, notices: [] });
    }
  });

  it('reads percent-encoded keys and values', () => {
    const decoded = decodeHash('#%45=16&r=%65xpert-choice');
    expect(decoded.notices).toEqual([]);
    expect(decoded.config.experts).toBe(16);
    expect(decoded.config.scheme).toBe('expert-choice');
  });
});

describe('notices', () => {
  const cases: { hash: string; notices: NoticeInWords[]; check?: Partial<MoeConfig> }[] = [
    {
      hash: '#v=1&foo=1',
      notices: [{ code: 'unknown-key', key: 'foo', message: 'Unknown setting "foo" was ignored.' }],
    },
    {
      hash: '#__proto__=1&constructor=2',
      notices: [
        { code: 'unknown-key', key: '__proto__', message: 'Unknown setting "__proto__" was ignored.' },
        { code: 'unknown-key', key: 'constructor', message: 'Unknown setting "constructor" was ignored.' },
      ],
    },
    {
      hash: '#<b>x</b>=1',
      notices: [{ code: 'unknown-key', key: '?b?x?/b?', message: 'Unknown setting "?b?x?/b?" was ignored.' }],
    },
    {
      hash: '#E=9999',
      check: { experts: 512 },
      notices: [{ code: 'clamped', key: 'E', message: 'E = 9999 is above the maximum 512; 512 is used.', from: '9999', to: '512' }],
    },
    {
      hash: '#T=-5',
      check: { tokens: 16 },
      notices: [{ code: 'clamped', key: 'T', message: 'T = -5 is below the minimum 16; 16 is used.', from: '-5', to: '16' }],
    },
    {
      hash: '#E=3.5',
      check: { experts: 4 },
      notices: [{ code: 'clamped', key: 'E', message: 'E = 3.5 is not a whole number; 4 is used.', from: '3.5', to: '4' }],
    },
    {
      hash: '#m=3',
      check: { fineGrain: 2 },
      notices: [{ code: 'clamped', key: 'm', message: 'm = 3 is not one of 1, 2, 4, 8; 2 is used.', from: '3', to: '2' }],
    },
    {
      hash: '#cf=10',
      check: { capacityFactor: 4 },
      notices: [{ code: 'clamped', key: 'cf', message: 'cf = 10 is above the maximum 4; 4 is used.', from: '10', to: '4' }],
    },
    {
      hash: '#lr=1e-9',
      check: { lr: 0.0001 },
      notices: [{ code: 'clamped', key: 'lr', message: 'lr = 1e-9 is below the minimum 0.0001; 0.0001 is used.', from: '1e-9', to: '0.0001' }],
    },
    {
      hash: '#a=1e999',
      check: { balanceCoef: 0.1 },
      notices: [{ code: 'clamped', key: 'a', message: 'a = 1e999 is above the maximum 0.1; 0.1 is used.', from: '1e999', to: '0.1' }],
    },
    {
      hash: '#E=NaN&cf=Infinity',
      check: { experts: 8, capacityFactor: 1.25 },
      notices: [
        { code: 'invalid', key: 'E', message: 'E = "NaN" is not a number; the default 8 is used.', from: 'NaN', to: '8' },
        { code: 'invalid', key: 'cf', message: 'cf = "Infinity" is not a number; the default 1.25 is used.', from: 'Infinity', to: '1.25' },
      ],
    },
    {
      hash: '#E=0x10&k=',
      check: { experts: 8, topK: 2 },
      notices: [
        { code: 'invalid', key: 'E', message: 'E = "0x10" is not a number; the default 8 is used.', from: '0x10', to: '8' },
        { code: 'invalid', key: 'k', message: 'k = "" is not a number; the default 2 is used.', from: '', to: '2' },
      ],
    },
    {
      hash: '#E',
      notices: [{ code: 'invalid', key: 'E', message: 'E has no value; the default 8 is used.', from: '', to: '8' }],
    },
    {
      hash: '#r=magic&shg=yes&be=<script>',
      notices: [
        {
          code: 'invalid',
          key: 'r',
          message: 'r = "magic" is not one of token-choice, expert-choice, deepseek, noisy-topk, hash, soft; the default token-choice is used.',
          from: 'magic',
          to: 'token-choice',
        },
        { code: 'invalid', key: 'shg', message: 'shg = "yes" is not 1 or 0; the default 0 is used.', from: 'yes', to: '0' },
        {
          code: 'invalid',
          key: 'be',
          message: 'be = "?script?" is not one of auto, wasm, webgl, webgpu, cpu; the default auto is used.',
          from: '?script?',
          to: 'auto',
        },
      ],
    },
    {
      hash: '#E=16&E=4',
      check: { experts: 16 },
      notices: [{ code: 'invalid', key: 'E', message: 'E appears more than once; the first value is used.', from: '4' }],
    },
    {
      hash: '#v=3&E=16',
      check: { experts: 16 },
      notices: [
        {
          code: 'version',
          key: 'v',
          message: 'This link is from a newer version of the playground (v=3); its settings were read as far as possible.',
          from: '3',
          to: '2',
        },
      ],
    },
    {
      hash: '#v=x',
      notices: [{ code: 'version', key: 'v', message: 'The link version "x" is not known; it was read as version 2.', from: 'x', to: '2' }],
    },
    {
      hash: '#E=4&k=8',
      check: { experts: 4, topK: 4 },
      notices: [{ code: 'adjusted', key: 'k', message: 'k changed from 8 to 4: top-k cannot exceed the 4 experts.', from: '8', to: '4' }],
    },
    {
      hash: '#E=65&grp=64',
      check: { groups: 13 },
      notices: [
        {
          code: 'adjusted',
          key: 'grp',
          message: 'grp changed from 64 to 13: expert groups must divide the 65 routed experts.',
          from: '64',
          to: '13',
        },
      ],
    },
    {
      hash: '#E=%E0%A4%A',
      notices: [{ code: 'invalid', key: 'E', message: 'E = "?E0?A4?A" is not a number; the default 8 is used.', from: '?E0?A4?A', to: '8' }],
    },
  ];

  it.each(cases)('$hash', ({ hash, notices, check }) => {
    const decoded = decodeHash(hash);
    expect(inEnglish(decoded.notices)).toEqual(notices);
    if (check) expect(decoded.config).toMatchObject(check);
    expect(validateConfig(decoded.config).adjustments).toEqual([]);
  });

  it('cuts a hash longer than the limit, with a notice', () => {
    const decoded = decodeHash(`#E=16&x=${'a'.repeat(10_000)}`);
    expect(decoded.config.experts).toBe(16);
    expect(decoded.notices[0]).toMatchObject({ code: 'invalid', key: 'hash', from: '10008', to: '8192' });
    expect(decoded.notices[1]).toMatchObject({ code: 'unknown-key', key: 'x' });
  });

  it('never changes Object.prototype', () => {
    decodeHash('#__proto__=1&constructor=1&prototype=1&__proto__[x]=1&toString=1');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(typeof ({} as Record<string, unknown>).toString).toBe('function');
  });
});

describe('view parameters', () => {
  const full: ViewParams = {
    preset: 'mixtral',
    deck: ['switch', 'mixtral', 'collapse'],
    slide: 1,
    step: 500,
    autoplay: true,
    embed: false,
    panels: ['flow', 'load', 'loss'],
    controls: ['E', 'k', 'cf'],
    theme: 'contrast',
    lang: 'zh-CN',
    scale: 1.25,
    origins: ['https://slides.example.com', 'http://localhost:8080'],
  };

  it('round-trip: the preset first (the config is written against it), the config, then the rest in a fixed order', () => {
    const config = { ...presetConfig('mixtral'), experts: 16 };
    const hash = encodeHash(config, full);
    expect(hash).toBe(
      '#v=2&preset=mixtral&E=16&deck=switch,mixtral,collapse&slide=1&step=500&autoplay=1&embed=0' +
        '&panels=flow,load,loss&controls=E,k,cf&theme=contrast&lang=zh-CN&scale=1.25' +
        '&origins=https://slides.example.com,http://localhost:8080',
    );
    const decoded = decodeHash(hash);
    expect(decoded.notices).toEqual([]);
    expect(decoded.view).toEqual(full);
    expect(decoded.config).toEqual(config);
  });

  it('reads a bare flag as on', () => {
    expect(decodeHash('#embed&autoplay').view).toEqual({ embed: true, autoplay: true });
  });

  it('keeps only well-formed http(s) origins, normalised', () => {
    const decoded = decodeHash('#origins=https://A.Example.com:443,javascript:alert(1),http://x.org:99999,ftp://x.org,https://ok.org/path,https://a.example.com');
    expect(decoded.view.origins).toEqual(['https://a.example.com']);
    expect(decoded.notices.map((n) => [n.code, n.key, n.from])).toEqual([
      ['invalid', 'origins', 'javascript:alert?1?'],
      ['invalid', 'origins', 'http://x.org:99999'],
      ['invalid', 'origins', 'ftp://x.org'],
      ['invalid', 'origins', 'https://ok.org/path'],
    ]);
    expect(normalizeOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(normalizeOrigin('https://user@host.com')).toBeNull();
    expect(normalizeOrigin('null')).toBeNull();
  });

  it('drops unknown panels, controls, presets, themes and languages', () => {
    const decoded = decodeHash('#panels=flow,evil,flow&controls=E,zz&preset=nope&theme=neon&lang=fr&deck=nope');
    expect(decoded.view).toEqual({ panels: ['flow'], controls: ['E'] });
    expect(inEnglish(decoded.notices)).toEqual([
      { code: 'invalid', key: 'panels', message: 'panels: "evil" is not a panel; it was left out.', from: 'evil' },
      { code: 'invalid', key: 'controls', message: 'controls: "zz" is not a setting; it was left out.', from: 'zz' },
      { code: 'invalid', key: 'preset', message: 'preset = "nope" is not a known preset; it was ignored.', from: 'nope' },
      { code: 'invalid', key: 'theme', message: 'theme = "neon" is not one of light, dark, contrast; it was ignored.', from: 'neon' },
      { code: 'invalid', key: 'lang', message: 'lang = "fr" is not one of en, zh-CN; it was ignored.', from: 'fr' },
      { code: 'invalid', key: 'deck', message: 'deck: "nope" is not a known preset; it was left out.', from: 'nope' },
    ]);
  });

  it('clamps step, scale and slide', () => {
    const decoded = decodeHash('#step=1e9&scale=5&deck=switch,mixtral&slide=7');
    expect(decoded.view).toEqual({ step: 100_000, scale: 2, deck: ['switch', 'mixtral'], slide: 1 });
    expect(decoded.notices.map((n) => [n.code, n.key, n.from, n.to])).toEqual([
      ['clamped', 'step', '1e9', '100000'],
      ['clamped', 'scale', '5', '2'],
      ['clamped', 'slide', '7', '1'],
    ]);
  });

  it('ignores a slide without a deck', () => {
    const decoded = decodeHash('#slide=2');
    expect(decoded.view).toEqual({});
    expect(inEnglish(decoded.notices)).toEqual([{ code: 'invalid', key: 'slide', message: 'slide needs a deck; it was ignored.', from: '2' }]);
  });

  it('caps the length of lists', () => {
    const decoded = decodeHash(`#deck=${Array(60).fill('switch').join(',')}`);
    expect(decoded.view.deck).toHaveLength(VIEW_LIMITS.deckMax);
    expect(inEnglish(decoded.notices)).toEqual([
      { code: 'clamped', key: 'deck', message: 'deck holds more than 50 items; the rest were left out.', from: '60', to: '50' },
    ]);
  });
});

// ---------------------------------------------------------------- fuzz

/** Any value for a parameter: in range, out of range, or of the wrong kind. */
function anyValueArb(key: Key): fc.Arbitrary<unknown> {
  const def = SCHEMA[key];
  const wild = fc.oneof(fc.double(), fc.integer(), fc.constant(null), fc.boolean(), fc.string({ maxLength: 4 }));
  switch (def.kind) {
    case 'bool':
      return fc.oneof(fc.boolean(), wild);
    case 'enum':
      return fc.oneof(fc.constantFrom(...def.options), wild);
    case 'int':
      return fc.oneof(fc.integer({ min: def.min, max: def.max }), fc.integer({ min: def.min - 10, max: def.max + 10 }), wild);
    case 'float':
      return fc.oneof(fc.double({ min: def.min, max: def.max, noNaN: true }), fc.double({ min: def.min - 1, max: def.max + 1, noNaN: true }), wild);
  }
}

const configArb = fc.record(Object.fromEntries(PARAM_KEYS.map((key) => [key, anyValueArb(key)])) as Record<Key, fc.Arbitrary<unknown>>, {
  requiredKeys: [],
}).map((raw) => {
  // an encodeable config: take every value as it comes, even out-of-range ones (the encoder writes what it is given)
  const c = { ...schemaDefaults() } as Record<Key, unknown>;
  for (const [k, v] of Object.entries(raw)) c[k as Key] = v;
  return c as unknown as MoeConfig;
});

const viewArb: fc.Arbitrary<ViewParams> = fc.record(
  {
    preset: fc.oneof(fc.constantFrom(...PRESET_IDS), fc.string({ maxLength: 6 })),
    deck: fc.array(fc.oneof(fc.constantFrom(...PRESET_IDS), fc.string({ maxLength: 4 })), { maxLength: 8 }),
    slide: fc.integer({ min: -3, max: 12 }),
    step: fc.integer({ min: -10, max: 200_000 }),
    autoplay: fc.boolean(),
    embed: fc.boolean(),
    panels: fc.array(fc.oneof(fc.constantFrom(...PANELS), fc.string({ maxLength: 4 })), { maxLength: 10 }),
    controls: fc.array(fc.oneof(fc.constantFrom(...PARAM_URL_KEYS), fc.string({ maxLength: 3 })), { maxLength: 6 }),
    theme: fc.oneof(fc.constantFrom(...THEMES), fc.string({ maxLength: 5 })),
    lang: fc.oneof(fc.constantFrom(...VIEW_LANGS), fc.string({ maxLength: 5 })),
    scale: fc.double({ min: 0, max: 3, noNaN: true }),
    origins: fc.array(fc.oneof(fc.webUrl().map((u) => new URL(u).origin), fc.webUrl(), fc.string({ maxLength: 8 })), { maxLength: 4 }),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<ViewParams>;

const JUNK = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-1e308',
  '1e999',
  '9'.repeat(400),
  '-0',
  '0x1f',
  '',
  ' 1',
  '1 ',
  '+',
  '.',
  '.5',
  '5.',
  '1e',
  '__proto__',
  'constructor',
  'toString',
  'none',
  'null',
  'undefined',
  'true',
  '%',
  '%%',
  '%E0%A4%A',
  '%00',
  '%ZZ',
  '%2',
  '<script>alert(1)</script>',
  '"onload="x',
  '\u0000',
  '\u202e',
  '💥',
  '𝟙',
  '١٢',
];

type Mutation = (parts: string[]) => string[];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  // swap the keys of two entries (values stay)
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]): Mutation => (parts) => {
    if (parts.length < 2) return parts;
    const a = i % parts.length;
    const b = j % parts.length;
    const [ka, va = ''] = parts[a].split(/=(.*)/s);
    const [kb, vb = ''] = parts[b].split(/=(.*)/s);
    const out = [...parts];
    out[a] = `${kb}=${va}`;
    out[b] = `${ka}=${vb}`;
    return out;
  }),
  // truncate the joined hash anywhere
  fc.nat().map((n): Mutation => (parts) => {
    const s = parts.join('&');
    return s.slice(0, n % (s.length + 1)).split('&');
  }),
  // insert random unicode anywhere
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 6 })).map(([n, junk]): Mutation => (parts) => {
    const s = parts.join('&');
    const i = n % (s.length + 1);
    return (s.slice(0, i) + junk + s.slice(i)).split('&');
  }),
  // replace a value with junk
  fc.tuple(fc.nat(), fc.constantFrom(...JUNK)).map(([n, junk]): Mutation => (parts) => {
    if (parts.length === 0) return parts;
    const i = n % parts.length;
    const out = [...parts];
    out[i] = `${parts[i].split('=')[0]}=${junk}`;
    return out;
  }),
  // add a junk key (or a known key with a junk value)
  fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'v', 'E', 'k', 'cf', 'deck', 'slide', 'origins', 'Ε'), fc.constantFrom(...JUNK)).map(
    ([key, junk]): Mutation =>
      (parts) => [...parts, `${key}=${junk}`],
  ),
  // repeat an entry
  fc.nat().map((n): Mutation => (parts) => (parts.length === 0 ? parts : [...parts, parts[n % parts.length]])),
  // percent-encoding junk: a stray %XX, or a whole entry percent-encoded
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()).map(([n, byte, whole]): Mutation => (parts) => {
    if (parts.length === 0) return parts;
    const i = n % parts.length;
    const out = [...parts];
    out[i] = whole
      ? Array.from(new TextEncoder().encode(parts[i]), (b) => `%${b.toString(16).padStart(2, '0')}`).join('')
      : `${parts[i]}%${byte.toString(16).toUpperCase()}`;
    return out;
  }),
  // a huge number into a random known key
  fc.tuple(fc.constantFrom(...PARAM_URL_KEYS, 'step', 'slide', 'scale'), fc.constantFrom('1e308', '-1e308', '1e999', '9'.repeat(40), '-9'.repeat(20))).map(
    ([key, n]): Mutation =>
      (parts) => [`${key}=${n}`, ...parts],
  ),
);

const mutatedHashArb = fc.tuple(configArb, viewArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([config, view, mutations]) => {
  let parts = encodeHash(config, view).slice(1).split('&');
  for (const m of mutations) parts = m(parts);
  return `#${parts.join('&')}`;
});

const randomHashArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...PARAM_URL_KEYS, ...VIEW_KEYS, 'v'), fc.string({ maxLength: 4 })), fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 8 }), fc.double().map(String))),
    { maxLength: 12 },
  ).map((entries) => `#${entries.map(([k, v]) => `${k}=${v}`).join('&')}`),
);

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Everything decodeHash promises, for one hash; the problems found (empty: none). */
function soundnessProblems(hash: string): string[] {
  let decoded: ReturnType<typeof decodeHash>;
  try {
    decoded = decodeHash(hash);
  } catch (error) {
    return [`threw ${String(error)}`];
  }
  const { config, view, notices } = decoded;
  const problems = [
    ...validateConfig(config).adjustments.map((a) => `adjustment ${a.key}`),
    ...schemaProblems(config),
    ...viewProblems(view),
    ...noticeProblems(notices),
  ];
  // what was read writes back to a link that reads the same, with nothing to report
  const again = decodeHash(encodeHash(config, view));
  if (again.notices.length > 0) problems.push(`re-read notices ${JSON.stringify(again.notices)}`);
  if (!sameJson(again.config, config)) problems.push('re-read config differs');
  if (!sameJson(again.view, view)) problems.push('re-read view differs');
  return problems;
}

function expectSound(hash: string): void {
  expect(soundnessProblems(hash), hash).toEqual([]);
}

describe('decodeHash fuzz', () => {
  it('never throws and always yields a valid config: 4,000 random hashes', () => {
    fc.assert(fc.property(randomHashArb, expectSound), { numRuns: 4000 });
  }, 120_000);

  it('never throws and always yields a valid config: 8,000 mutated encodings', () => {
    fc.assert(fc.property(mutatedHashArb, expectSound), { numRuns: 8000 });
  }, 120_000);

  it('round-trips every valid config and view exactly', () => {
    const validArb = fc.tuple(configArb, viewArb).map(([c, v]) => {
      const decoded = decodeHash(encodeHash(validateConfig(c).config, v));
      return { config: decoded.config, view: decoded.view };
    });
    fc.assert(
      fc.property(validArb, ({ config, view }) => {
        const decoded = decodeHash(encodeHash(config, view));
        expect(decoded.notices).toEqual([]);
        expect(decoded.config).toEqual(config);
        expect(decoded.view).toEqual(view);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
