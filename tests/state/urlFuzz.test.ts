// decodeHash on random and mutated links: it never throws and always yields a config the app can run.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../../src/state/presets';
import { PARAM_KEYS, SCHEMA, schemaDefaults, type MoeConfig } from '../../src/state/schema';
import { PANELS, PARAM_URL_KEYS, THEMES, VIEW_KEYS, VIEW_LANGS, decodeHash, encodeHash, type ViewParams } from '../../src/state/url';
import { validateConfig } from '../../src/state/validate';
import { schemaProblems, viewProblems, noticeProblems, type Key } from './urlChecks';

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
