// Preset links apply, and links keep their meaning across versions: `preset=<id>` reads the
// link's keys on top of the preset's settings; v1 links (and links without `v`) read missing keys
// as the frozen v1 defaults, v2 links as the frozen v2 ones, v3 links as SCHEMA's; the label knows
// whether the preset still holds.

import { CLUSTER_KEYS } from '../../src/engine/config';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppState } from '../../src/state/app.svelte';
import { DEFAULTS_V1 } from '../../src/state/defaultsV1';
import { DEFAULTS_V2 } from '../../src/state/defaultsV2';
import { DEFAULTS_V3 } from '../../src/state/defaultsV3';
import { DEFAULTS_V4 } from '../../src/state/defaultsV4';
import { presetSettingsBefore } from '../../src/state/presetsBefore';
import { matchesPreset, PRESETS, PRESET_IDS, presetById, presetConfig } from '../../src/state/presets';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';
import { decodeHash, encodeHash, HASH_VERSION, LINK_DEFAULTS, presetHash, type LinkDefaults } from '../../src/state/url';
import { validateConfig } from '../../src/state/validate';
import { inEnglish } from './noticeWords';

const open = (link: string) => new AppState(link, { replace() {}, push() {} });

/** A config's cluster settings (CLUSTER_KEYS), which a preset link takes from today's preset. */
const clusterOf = (c: MoeConfig): Partial<MoeConfig> => Object.fromEntries(CLUSTER_KEYS.map((k) => [k, c[k]]));

describe('preset links', () => {
  it.each(PRESET_IDS)('%s: its link alone gives its settings', (id) => {
    const hash = presetHash(id);
    expect(hash).toBe(`#v=5&preset=${id}`);
    const decoded = decodeHash(hash);
    expect(decoded.notices).toEqual([]);
    expect(decoded.config).toEqual(presetConfig(id));
    expect(decoded.view.preset).toBe(id);
    // written by hand without a version: today's preset (before versions it ran the defaults)
    expect(decodeHash(`#preset=${id}`).config).toEqual(presetConfig(id));
    // with an older version: the preset's settings as that version had them, on its defaults, and
    // the preset's cluster of today (it trains nothing)
    const v2Base = { ...schemaDefaults(), ...DEFAULTS_V4, ...DEFAULTS_V2, ...clusterOf(presetConfig(id)), ...(presetSettingsBefore(id, 2) ?? presetById(id)!.config) };
    expect(decodeHash(`#v=2&preset=${id}`).config).toEqual(v2Base.dataset === 'text' ? { ...v2Base, dataset: 'corpus' } : v2Base);
    expect(decodeHash(`#v=1&preset=${id}`).config).toEqual(decodeHash(`#v=2&preset=${id}`).config);
  });

  it('keeps a key set back to its plain default (k=2 on a top-1 preset), wherever preset stands', () => {
    const config = { ...presetConfig('switch'), topK: 2 };
    const hash = encodeHash(config, { preset: 'switch' });
    expect(hash).toBe('#v=5&preset=switch&k=2');
    for (const link of [hash, '#k=2&preset=switch&v=5', '#v=5&k=2&preset=switch']) {
      const decoded = decodeHash(link);
      expect(decoded.notices).toEqual([]);
      expect(decoded.config).toEqual(config);
      expect(decoded.config.experts).toBe(16);
    }
  });

  it('reads an unusable value as the preset’s, and an unknown preset against the plain defaults', () => {
    const bad = decodeHash('#v=5&preset=switch&E=abc');
    expect(bad.config).toEqual(presetConfig('switch'));
    expect(inEnglish(bad.notices)).toEqual([{ code: 'invalid', key: 'E', message: 'E = "abc" is not a number; the default 16 is used.', from: 'abc', to: '16' }]);
    const unknown = decodeHash('#v=5&preset=nope&k=1');
    expect(unknown.config).toEqual({ ...schemaDefaults(), topK: 1 });
    expect(unknown.view).toEqual({});
    expect(unknown.notices.map((n) => [n.code, n.key])).toEqual([['invalid', 'preset']]);
    // an unknown id is never the base a link is written against either
    expect(encodeHash({ ...schemaDefaults(), topK: 1 }, { preset: 'nope' })).toBe('#v=5&preset=nope&k=1');
  });

  it('makes a preset link with conflicting keys valid, against the preset', () => {
    const decoded = decodeHash('#v=5&preset=deepseek-v3&E=4');
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
  // what an old link's missing keys mean: its version's frozen defaults; a setting added since
  // reads as its value in the first later version that has it
  const v2 = { ...schemaDefaults(), ...DEFAULTS_V4, ...DEFAULTS_V2 };
  // a link of version 4 or before: weights drawn in one stream
  const before5 = { ...schemaDefaults(), weightInit: 'stream' as const };
  const v1 = { ...v2, ...DEFAULTS_V1 };
  // the same for a table of versions made up for a test, whose last entry is SCHEMA's defaults
  const v1Alone = { ...schemaDefaults(), ...DEFAULTS_V1 };

  it('read a v1 link, or one without v, against the frozen v1 defaults', () => {
    expect(decodeHash('#v=1').config).toEqual(v1);
    expect(decodeHash('#E=8&embed=1').config).toEqual(v1);
    // an empty link is the page itself: today's defaults
    expect(decodeHash('').config).toEqual(schemaDefaults());
    expect(decodeHash('#k=1').config).toEqual({ ...v1, topK: 1 });
    expect(Object.isFrozen(DEFAULTS_V1)).toBe(true);
    expect(LINK_DEFAULTS[1]).toBe(DEFAULTS_V1);
    // v2 changed how preset links read, not a default: v2's defaults are v1's
    expect(DEFAULTS_V2).toMatchObject(DEFAULTS_V1);
  });

  it('read a v2 link against the frozen v2 defaults: the clusters, the old shapes, Mixtral-style gates', () => {
    expect(decodeHash('#v=2').config).toEqual(v2);
    expect(v2).toMatchObject({ dataset: 'clusters', dataDetail: 1, normalize: 'topk-softmax', inputDim: 8, teacherExperts: 8 });
    expect(Object.isFrozen(DEFAULTS_V2)).toBe(true);
    expect(LINK_DEFAULTS[2]).toBe(DEFAULTS_V2);
    // the settings v3 added keep what v2 links did: a v2 teacher link keeps its 8-input teacher
    expect(decodeHash('#v=2&data=teacher').config).toMatchObject({ dataset: 'teacher', inputDim: 8, teacherExperts: 8 });
  });

  it('read `data=text` in a link before v3 as the corpus it meant, and as the streamed text in v3', () => {
    expect(decodeHash('#v=2&data=text').config.dataset).toBe('corpus');
    expect(decodeHash('#v=1&data=text&ctx=4').config).toMatchObject({ dataset: 'corpus', context: 4 });
    expect(decodeHash('#data=text').config.dataset).toBe('corpus');
    expect(decodeHash('#v=2&preset=text-domains').config.dataset).toBe('corpus');
    expect(decodeHash('#v=3&data=text').config.dataset).toBe('text');
    expect(decodeHash('#v=3&preset=text-domains').config.dataset).toBe('text');
    expect(decodeHash('#v=4&data=text').config.dataset).toBe('text');
    // written today, the corpus is named as such
    expect(encodeHash({ ...schemaDefaults(), dataset: 'corpus' })).toBe('#v=5&data=corpus');
  });

  it('read a v3 or v4 link against the frozen defaults, and a v5 link against SCHEMA’s, which are v5’s', () => {
    expect(HASH_VERSION).toBe(5);
    expect(LINK_DEFAULTS[HASH_VERSION]).toEqual(schemaDefaults());
    expect(decodeHash('#v=5').config).toEqual(schemaDefaults());
    expect(Object.isFrozen(DEFAULTS_V3)).toBe(true);
    expect(LINK_DEFAULTS[3]).toBe(DEFAULTS_V3);
    expect(Object.isFrozen(DEFAULTS_V4)).toBe(true);
    expect(LINK_DEFAULTS[4]).toBe(DEFAULTS_V4);
    // v5 changed one thing: how the initial weights are drawn. A v3 or v4 link keeps the stream
    // its run was drawn from, and says so when written again
    expect(decodeHash('#v=4').config).toEqual(before5);
    expect(decodeHash('#v=3').config).toEqual(before5);
    expect(encodeHash(decodeHash('#v=4&E=16').config)).toBe('#v=5&wi=stream&E=16');
    // If this fails, a default was changed: freeze today's as defaultsV5.ts, add them to
    // LINK_DEFAULTS and raise HASH_VERSION. (A new setting is not in this list: its default must
    // keep older links' meaning, docs/how-to.md.)
    // The cluster's settings came in version 5, after DEFAULTS_V4 was frozen; the trainer never
    // reads them, so older links train as before and draw the routing on this default cluster.
    const clusterSince5 = { nodes: 2, gpusPerNode: 4, replicaSlotsPerGpu: 1, placement: 'eplb', loadWindow: 20, replaceEvery: 50, hiddenSize: 4096, bytesOut: 2, bytesBack: 2 };
    // so did sequences, the balance-loss variants and the model-level routers, each defaulting to
    // what the page did before them (one-token sequences, the micro-batch's loss, a linear router, one head)
    // and the own text's hash (0: no text, the only thing older links could mean)
    const variantsSince5 = { seqLen: 1, balanceType: 'aux', globalWindow: 8, deviceBalanceCoef: 0, routerKind: 'linear', heads: 1, segmentLen: 4, ownText: 0 };
    expect(schemaDefaults()).toEqual({ ...DEFAULTS_V4, weightInit: 'by-name', ...clusterSince5, ...variantsSince5 });
    expect(DEFAULTS_V4).toMatchObject({ ...DEFAULTS_V3, weightInit: 'stream', scoreFunction: 'sigmoid', groupScore: 'top2-sum', normalizeWeights: true });
    expect(DEFAULTS_V3).toMatchObject({
      ...DEFAULTS_V2,
      dataset: 'teacher',
      dataDetail: 2,
      inputDim: 16,
      teacherExperts: 8,
      normalize: 'softmax-topk',
    });
  });

  it('read a preset whose settings changed as the link’s version had it', () => {
    // before v4, DeepSeek-V2 and DeepSeekMoE were plain token choice on the clusters
    const oldV2 = { dataset: 'clusters', experts: 160, topK: 6, sharedExperts: 2, normalize: 'softmax-topk', scheme: 'token-choice' };
    expect(decodeHash('#v=3&preset=deepseek-v2').config).toEqual({ ...before5, ...clusterOf(presetConfig('deepseek-v2')), ...oldV2 });
    expect(decodeHash('#v=3&preset=deepseek-v2&s=4').config).toMatchObject({ ...oldV2, seed: 4 });
    expect(decodeHash('#v=2&preset=deepseekmoe').config).toMatchObject({ scheme: 'token-choice', experts: 32, fineGrain: 2, topK: 3 });
    // from v4, and in a link without a version, the preset is today's
    expect(decodeHash('#v=4&preset=deepseek-v2').config).toEqual({ ...presetConfig('deepseek-v2'), weightInit: 'stream' });
    for (const link of ['#v=5&preset=deepseek-v2', '#preset=deepseek-v2']) {
      expect(decodeHash(link).config).toEqual(presetConfig('deepseek-v2'));
    }
    expect(presetConfig('deepseek-v2')).toMatchObject({ scheme: 'deepseek', scoreFunction: 'softmax', groupScore: 'max', routedScale: 16 });
    // a preset that did not change reads the same in every version
    expect(decodeHash('#v=3&preset=switch').config).toEqual(decodeHash('#v=4&preset=switch').config);
  });

  it('read a setting a version did not have as its default in the first later version that has it', () => {
    const withoutLr = (c: Readonly<Partial<MoeConfig>>): Partial<MoeConfig> => {
      const out = { ...c };
      delete out.lr;
      return out;
    };
    const [v1WithoutLr, v2WithoutLr] = [withoutLr(DEFAULTS_V1), withoutLr(schemaDefaults())];
    const table: LinkDefaults = { 1: v1WithoutLr, 2: { ...v2WithoutLr, experts: 4 }, 3: { ...schemaDefaults(), lr: 0.05 } };
    expect(decodeHash('#v=1', table).config).toEqual({ ...v1Alone, lr: 0.05 });
    expect(decodeHash('#v=2', table).config).toMatchObject({ experts: 4, lr: 0.05 });
    const table2: LinkDefaults = { 1: v1WithoutLr, 2: { ...schemaDefaults(), lr: 0.02 }, 3: { ...schemaDefaults(), lr: 0.05 } };
    expect(decodeHash('#v=1', table2).config.lr).toBe(0.02);
  });

  it('keep an old link’s meaning when the current defaults change', () => {
    // the table as it would be once a later version changed the dataset and the expert count
    const later: LinkDefaults = { 1: DEFAULTS_V1, 2: { ...schemaDefaults(), dataset: 'spirals', experts: 4 } };
    expect(decodeHash('#v=1&k=1', later).config).toEqual({ ...v1Alone, topK: 1 });
    expect(decodeHash('#k=1', later).config).toEqual({ ...v1Alone, topK: 1 });
    expect(decodeHash('#v=2&k=1', later).config).toMatchObject({ dataset: 'spirals', experts: 4, topK: 1 });
    // a v1 preset link: the preset's own settings, then the v1 defaults for what it leaves out
    expect(decodeHash('#v=1&preset=soft-moe', later).config).toEqual({ ...v1Alone, ...presetById('soft-moe')!.config });
    // a preset names its dataset, so its links keep their task whatever the defaults
    expect(decodeHash('#v=2&preset=soft-moe', later).config).toMatchObject({ dataset: 'clusters', experts: 4 });
  });

  it('take a later version as one more entry, and read a newer or unknown one as the current, with a notice', () => {
    const withV6: LinkDefaults = { ...LINK_DEFAULTS, 6: { ...schemaDefaults(), tokens: 512 } };
    expect(decodeHash('#v=6', withV6)).toEqual({ config: { ...schemaDefaults(), tokens: 512 }, view: {}, notices: [], version: 6, experiment: new Map() });
    const newer = decodeHash('#v=6&E=16');
    expect(newer.config).toEqual({ ...schemaDefaults(), experts: 16 });
    expect(newer.notices.map((n) => [n.code, n.from, n.to])).toEqual([['version', '6', '5']]);
    expect(decodeHash('#v=0').notices.map((n) => [n.code, n.from, n.to])).toEqual([['version', '0', '5']]);
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
    expect(open('#v=5&preset=switch&s=7').presetMatches).toBe(true);
    const app = open('#v=5&preset=switch&k=2');
    expect(app.view.preset).toBe('switch');
    expect(app.presetMatches).toBe(false);
    expect(app.hash).toBe('#v=5&preset=switch&k=2');
    app.set('topK', 1);
    expect(app.presetMatches).toBe(true);
    expect(app.hash).toBe('#v=5&preset=switch');
    expect(open('#v=5&E=4').presetMatches).toBe(false);
    // how weights are seeded is not part of a system: an older link's preset still matches
    expect(open('#v=4&preset=switch&s=7').presetMatches).toBe(true);
  });
});
