import { describe, expect, it } from 'vitest';
import { PRESETS, PRESET_IDS, presetById, presetConfig, type RealFigures } from '../../src/state/presets';
import { DATASET_NAMES, PARAM_KEYS, schemaDefaults } from '../../src/state/schema';
import { validateConfig } from '../../src/state/validate';
import { locale } from '../../src/i18n/index.svelte';
import { presetDescription, presetName, presetScaledDown } from '../../src/i18n/labels';

function inChinese<T>(read: () => T): T {
  locale.lang = 'zh-CN';
  try {
    return read();
  } finally {
    locale.lang = 'en';
  }
}

/** The published figures of each real model (papers and model cards): a preset may state these and nothing else. */
const DESIGN_FIGURES: Record<string, RealFigures> = {
  switch: { total: '1.57T', experts: '2,048', topK: 1 },
  gshard: { total: '600B', experts: '2,048', topK: 2 },
  mixtral: { total: '46.7B', active: '12.9B', experts: '8', topK: 2 },
  gpt4: { experts: '16 (reported)', topK: 2 },
  deepseekmoe: { total: '16.4B', active: '2.8B', experts: '64 routed + 2 shared', topK: 6 },
  'deepseek-v2': { total: '236B', active: '21B', experts: '160 routed + 2 shared', topK: 6 },
  // the DeepSeek-V2 paper, appendix B, and the model card
  'deepseek-v2-lite': { total: '15.7B', active: '2.4B', experts: '64 routed + 2 shared', topK: 6 },
  'deepseek-v3': { total: '671B', active: '37B', experts: '256 routed + 1 shared', topK: 8 },
  'qwen-moe': { total: '14.3B', active: '2.7B', experts: '60 routed + 4 shared', topK: 4 },
  'kimi-k2': { total: '1.04T', active: '32B', experts: '384 routed + 1 shared', topK: 8 },
  dbrx: { total: '132B', active: '36B', experts: '16', topK: 4 },
  'grok-1': { total: '314B', experts: '8', topK: 2 },
  olmoe: { total: '6.9B', active: '1.3B', experts: '64', topK: 8 },
  'yuan-m32': { total: '40B', active: '3.7B', experts: '32', topK: 2 },
};

const REQUIRED = [
  'switch',
  'gshard',
  'st-moe',
  'mixtral',
  'gpt4',
  'deepseekmoe',
  'deepseek-v2',
  'deepseek-v2-lite',
  'deepseek-v3',
  'qwen-moe',
  'kimi-k2',
  'vmoe-bpr',
  'expert-choice',
  'noisy-topk',
  'soft-moe',
  'base-layers',
  's-base',
  'hash',
  'collapse',
  'text-domains',
];

const leadingCount = (s: string) => Number(s.replace(/,/g, '').match(/^\d+/)?.[0]);
const sharedCount = (s: string) => Number(s.match(/\+ (\d+) shared/)?.[1] ?? 0);

describe('presets', () => {
  it('include every required preset, with unique url-safe ids', () => {
    for (const id of REQUIRED) expect(PRESET_IDS).toContain(id);
    expect(new Set(PRESET_IDS).size).toBe(PRESET_IDS.length);
    for (const id of PRESET_IDS) expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s is valid as it stands', (_id, preset) => {
    for (const key of Object.keys(preset.config)) expect(PARAM_KEYS).toContain(key);
    const { adjustments } = validateConfig(presetConfig(preset.id));
    expect(adjustments).toEqual([]);
    expect(presetConfig(preset.id)).toEqual({ ...schemaDefaults(), ...preset.config });
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s names its dataset, so a change of the default task leaves it as it is', (_id, p) => {
    expect(Object.hasOwn(p.config, 'dataset')).toBe(true);
    expect(DATASET_NAMES).toContain(p.config.dataset);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s is described in both languages', (_id, p) => {
    const description = { en: presetDescription(p.id), zh: inChinese(() => presetDescription(p.id)) };
    expect(presetName(p.id).trim()).not.toBe('');
    expect(inChinese(() => presetName(p.id)).trim()).not.toBe('');
    expect(p.source.trim()).not.toBe('');
    expect(description.en.trim().length).toBeGreaterThan(20);
    expect(description.zh.trim().length).toBeGreaterThan(10);
    expect(description.zh).toMatch(/[\u4e00-\u9fff]/);
    // two short lines in a picker
    expect(description.en.length).toBeLessThan(260);
  });

  it('states the published figures of every real model, and only those', () => {
    const models = PRESETS.filter((p) => p.kind === 'model');
    expect(models.map((p) => p.id).sort()).toEqual(Object.keys(DESIGN_FIGURES).sort());
    for (const p of models) {
      const figures: Partial<RealFigures> = { ...p.real };
      expect(figures, p.id).toEqual(DESIGN_FIGURES[p.id]);
    }
    for (const p of PRESETS.filter((q) => q.kind !== 'model')) expect(p.real, p.id).toBeUndefined();
  });

  it('run the real top-k and expert counts, or say what was scaled', () => {
    for (const p of PRESETS.filter((q) => q.real)) {
      const c = presetConfig(p.id);
      const real = p.real!;
      // k·m experts are chosen per token (fine-grained experts count m times)
      expect(c.topK * c.fineGrain, p.id).toBe(real.topK);
      expect(c.sharedExperts, p.id).toBe(sharedCount(real.experts));
      const scaledDown = presetScaledDown(p.id);
      if (scaledDown) {
        expect(leadingCount(scaledDown), p.id).toBe(leadingCount(real.experts));
        expect(leadingCount(inChinese(() => presetScaledDown(p.id)) ?? ''), p.id).toBe(leadingCount(real.experts));
        expect(c.experts * c.fineGrain, p.id).toBeLessThan(leadingCount(real.experts));
      } else {
        expect(c.experts * c.fineGrain, p.id).toBe(leadingCount(real.experts));
      }
    }
  });

  it('mark GPT-4, and only GPT-4, as unconfirmed', () => {
    expect(PRESETS.filter((p) => p.unconfirmed).map((p) => p.id)).toEqual(['gpt4']);
  });

  it('set what each method is known for', () => {
    expect(presetConfig('switch')).toMatchObject({ topK: 1, capacityFactor: 1.25, balanceCoef: 0.01 });
    expect(presetConfig('gshard')).toMatchObject({ topK: 2, dropPolicy: 'slot-major', capacityFactor: 2 });
    expect(presetConfig('st-moe')).toMatchObject({ topK: 2, capacityFactor: 1.25, evalCapacityFactor: 2, zLossCoef: 0.001 });
    expect(presetConfig('mixtral')).toMatchObject({ experts: 8, topK: 2, normalize: 'topk-softmax', capacityFactor: null });
    expect(presetConfig('gpt4')).toMatchObject({ experts: 16, topK: 2 });
    expect(presetConfig('deepseekmoe').fineGrain).toBeGreaterThan(1);
    expect(presetConfig('deepseek-v3')).toMatchObject({
      scheme: 'deepseek',
      biasRate: 0.001,
      groups: 8,
      topkGroups: 4,
      routedScale: 2.5,
      sharedExperts: 1,
      topK: 8,
    });
    expect(presetConfig('qwen-moe')).toMatchObject({ sharedExperts: 4, sharedGate: true, topK: 4 });
    expect(presetConfig('kimi-k2')).toMatchObject({ experts: 384, sharedExperts: 1, topK: 8 });
    expect(presetConfig('vmoe-bpr').dropPolicy).toBe('bpr');
    expect(presetConfig('expert-choice').scheme).toBe('expert-choice');
    expect(presetConfig('noisy-topk').scheme).toBe('noisy-topk');
    expect(presetConfig('soft-moe').scheme).toBe('soft');
    expect(presetConfig('hash').scheme).toBe('hash');
    expect(presetConfig('collapse')).toMatchObject({ balanceCoef: 0, zLossCoef: 0 });
    expect(presetConfig('collapse').lr).toBeGreaterThan(schemaDefaults().lr);
    expect(presetConfig('text-domains').dataset).toBe('text');
  });

  it('avoid a top-1 gate that gives every token the weight 1 (the router would learn nothing)', () => {
    for (const p of PRESETS) {
      const c = presetConfig(p.id);
      if (c.scheme === 'token-choice' && c.topK * c.fineGrain === 1) expect(c.normalize, p.id).toBe('softmax-topk');
    }
  });

  it('look up by id', () => {
    expect(presetById('mixtral')?.id).toBe('mixtral');
    expect(presetName('mixtral')).toBe('Mixtral 8x7B');
    expect(presetById('nope')).toBeUndefined();
    expect(() => presetConfig('nope')).toThrow(RangeError);
  });
});
