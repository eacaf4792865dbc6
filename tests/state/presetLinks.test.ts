// Preset links apply, and links keep their meaning across versions: `preset=<id>` reads the
// link's keys on top of the preset's settings; v1 links (and links without `v`) read missing keys
// as the frozen v1 defaults, v2 links as SCHEMA's; the label knows whether the preset still holds.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppState } from '../../src/state/app.svelte';
import { DEFAULTS_V1 } from '../../src/state/defaultsV1';
import { matchesPreset, PRESETS, PRESET_IDS, presetById, presetConfig } from '../../src/state/presets';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';
import { decodeHash, encodeHash, HASH_VERSION, LINK_DEFAULTS, presetHash, type LinkDefaults } from '../../src/state/url';
import { validateConfig } from '../../src/state/validate';
import { inEnglish } from './noticeWords';

const open = (link: string) => new AppState(link, { replace() {}, push() {} });

describe('preset links', () => {
  it.each(PRESET_IDS)('%s: its link alone gives its settings', (id) => {
    const hash = presetHash(id);
    expect(hash).toBe(`#v=2&preset=${id}`);
    const decoded = decodeHash(hash);
    expect(decoded.notices).toEqual([]);
    expect(decoded.config).toEqual(presetConfig(id));
    expect(decoded.view.preset).toBe(id);
    // written by hand, with or without a version
    expect(decodeHash(`#preset=${id}`).config).toEqual(presetConfig(id));
    expect(decodeHash(`#v=1&preset=${id}`).config).toEqual(presetConfig(id));
  });

  it('keeps a key set back to its plain default (k=2 on a top-1 preset), wherever preset stands', () => {
    const config = { ...presetConfig('switch'), topK: 2 };
    const hash = encodeHash(config, { preset: 'switch' });
    expect(hash).toBe('#v=2&preset=switch&k=2');
    for (const link of [hash, '#k=2&preset=switch&v=2', '#v=2&k=2&preset=switch']) {
      const decoded = decodeHash(link);
      expect(decoded.notices).toEqual([]);
      expect(decoded.config).toEqual(config);
      expect(decoded.config.experts).toBe(16);
    }
  });

  it('reads an unusable value as the preset’s, and an unknown preset against the plain defaults', () => {
    const bad = decodeHash('#v=2&preset=switch&E=abc');
    expect(bad.config).toEqual(presetConfig('switch'));
    expect(inEnglish(bad.notices)).toEqual([{ code: 'invalid', key: 'E', message: 'E = "abc" is not a number; the default 16 is used.', from: 'abc', to: '16' }]);
    const unknown = decodeHash('#v=2&preset=nope&k=1');
    expect(unknown.config).toEqual({ ...schemaDefaults(), topK: 1 });
    expect(unknown.view).toEqual({});
    expect(unknown.notices.map((n) => [n.code, n.key])).toEqual([['invalid', 'preset']]);
    // an unknown id is never the base a link is written against either
    expect(encodeHash({ ...schemaDefaults(), topK: 1 }, { preset: 'nope' })).toBe('#v=2&preset=nope&k=1');
  });

  it('makes a preset link with conflicting keys valid, against the preset', () => {
    const decoded = decodeHash('#v=2&preset=deepseek-v3&E=4');
    expect(decoded.config).toMatchObject({ experts: 4, topK: 4, groups: 4, scheme: 'deepseek' });
    expect(validateConfig(decoded.config).adjustments).toEqual([]);
    expect(decoded.notices.every((n) => n.code === 'adjusted')).toBe(true);
  });

  it('round-trips any valid config written against any preset', () => {
    const arb = fc.tuple(
      fc.constantFrom(...PRESET_IDS),
      fc.record({ experts: fc.integer({ min: 1, max: 64 }), topK: fc.integer({ min: 1, max: 8 }), lr: fc.double({ min: 0.0001, max: 0.3, noNaN: true }), capacityFactor: fc.constantFrom(null, 0.5, 1.25, 2) }, { requiredKeys: [] }),
      fc.integer({ min: 0, max: 99 }),
    );
    fc.assert(
      fc.property(arb, ([id, patch, seed]) => {
        const config = decodeHash(encodeHash(validateConfig({ ...presetConfig(id), ...patch, seed }).config, { preset: id })).config;
        const hash = encodeHash(config, { preset: id });
        const decoded = decodeHash(hash);
        expect(decoded.notices).toEqual([]);
        expect(decoded.config).toEqual(config);
        expect(decoded.view).toEqual({ preset: id });
      }),
      { numRuns: 300 },
    );
  });
});

describe('link versions', () => {
  // what a v1 link's missing keys mean: a setting added since v1 reads as today's default
  const v1 = { ...schemaDefaults(), ...DEFAULTS_V1 };

  it('read a v1 link, or one without v, against the frozen v1 defaults', () => {
    expect(decodeHash('#v=1').config).toEqual(v1);
    expect(decodeHash('').config).toEqual(v1);
    expect(decodeHash('#k=1').config).toEqual({ ...v1, topK: 1 });
    expect(Object.isFrozen(DEFAULTS_V1)).toBe(true);
    expect(LINK_DEFAULTS[1]).toBe(DEFAULTS_V1);
  });

  it('read a v2 link against SCHEMA’s defaults, which are still v1’s', () => {
    expect(HASH_VERSION).toBe(2);
    expect(LINK_DEFAULTS[HASH_VERSION]).toEqual(schemaDefaults());
    expect(decodeHash('#v=2').config).toEqual(schemaDefaults());
    // v2 changed how preset links read, not a default. If this fails, a default was changed:
    // freeze the old ones as defaultsV2.ts, add them to LINK_DEFAULTS and raise HASH_VERSION.
    // (A setting added since v1 is not in DEFAULTS_V1: its default must keep v1 links' meaning.)
    expect(schemaDefaults()).toMatchObject(DEFAULTS_V1);
  });

  it('read a setting a version did not have as its default in the first later version that has it', () => {
    const withoutLr = (c: Readonly<Partial<MoeConfig>>): Partial<MoeConfig> => {
      const out = { ...c };
      delete out.lr;
      return out;
    };
    const [v1WithoutLr, v2WithoutLr] = [withoutLr(DEFAULTS_V1), withoutLr(schemaDefaults())];
    const table: LinkDefaults = { 1: v1WithoutLr, 2: { ...v2WithoutLr, experts: 4 }, 3: { ...schemaDefaults(), lr: 0.05 } };
    expect(decodeHash('#v=1', table).config).toEqual({ ...v1, lr: 0.05 });
    expect(decodeHash('#v=2', table).config).toMatchObject({ experts: 4, lr: 0.05 });
    const table2: LinkDefaults = { 1: v1WithoutLr, 2: { ...schemaDefaults(), lr: 0.02 }, 3: { ...schemaDefaults(), lr: 0.05 } };
    expect(decodeHash('#v=1', table2).config.lr).toBe(0.02);
  });

  it('keep an old link’s meaning when the current defaults change', () => {
    // the table as it would be once a later version changed the dataset and the expert count
    const later: LinkDefaults = { 1: DEFAULTS_V1, 2: { ...schemaDefaults(), dataset: 'spirals', experts: 4 } };
    expect(decodeHash('#v=1&k=1', later).config).toEqual({ ...v1, topK: 1 });
    expect(decodeHash('#k=1', later).config).toEqual({ ...v1, topK: 1 });
    expect(decodeHash('#v=2&k=1', later).config).toMatchObject({ dataset: 'spirals', experts: 4, topK: 1 });
    // a v1 preset link: the preset's own settings, then the v1 defaults for what it leaves out
    expect(decodeHash('#v=1&preset=soft-moe', later).config).toEqual({ ...v1, ...presetById('soft-moe')!.config });
    // a preset names its dataset, so its links keep their task whatever the defaults
    expect(decodeHash('#v=2&preset=soft-moe', later).config).toMatchObject({ dataset: 'clusters', experts: 4 });
  });

  it('take a later version as one more entry, and read a newer or unknown one as the current, with a notice', () => {
    const withV3: LinkDefaults = { ...LINK_DEFAULTS, 3: { ...schemaDefaults(), tokens: 512 } };
    expect(decodeHash('#v=3', withV3)).toEqual({ config: { ...schemaDefaults(), tokens: 512 }, view: {}, notices: [] });
    const newer = decodeHash('#v=3&E=16');
    expect(newer.config).toEqual({ ...schemaDefaults(), experts: 16 });
    expect(newer.notices.map((n) => [n.code, n.from, n.to])).toEqual([['version', '3', '2']]);
    expect(decodeHash('#v=0').notices.map((n) => [n.code, n.from, n.to])).toEqual([['version', '0', '2']]);
  });
});

describe('the preset label', () => {
  const config = (patch: Partial<MoeConfig>) => ({ ...presetConfig('switch'), ...patch });

  it('holds while every setting but the seed and the backend is the preset’s', () => {
    expect(matchesPreset('switch', presetConfig('switch'))).toBe(true);
    expect(matchesPreset('switch', config({ seed: 42, backend: 'wasm' }))).toBe(true);
    expect(matchesPreset('switch', config({ capacityFactor: 1.2500001 }))).toBe(true);
    expect(matchesPreset('switch', config({ topK: 2 }))).toBe(false);
    expect(matchesPreset('switch', config({ dataset: 'rings' }))).toBe(false);
    expect(matchesPreset('nope', presetConfig('switch'))).toBe(false);
    for (const p of PRESETS) expect(matchesPreset(p.id, presetConfig(p.id)), p.id).toBe(true);
  });

  it('says "based on" once a link or a control changes a setting, and the preset again when it is back', () => {
    expect(open('#preset=collapse&be=wasm').presetMatches).toBe(true);
    expect(open('#v=2&preset=switch&s=7').presetMatches).toBe(true);
    const app = open('#v=2&preset=switch&k=2');
    expect(app.view.preset).toBe('switch');
    expect(app.presetMatches).toBe(false);
    expect(app.hash).toBe('#v=2&preset=switch&k=2');
    app.set('topK', 1);
    expect(app.presetMatches).toBe(true);
    expect(app.hash).toBe('#v=2&preset=switch');
    expect(open('#v=2&E=4').presetMatches).toBe(false);
  });
});
