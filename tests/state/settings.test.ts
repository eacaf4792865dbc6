import { describe, expect, it } from 'vitest';
import { SCHEMA, schemaDefaults, PARAM_KEYS, type FloatDef, type MoeConfig } from '../../src/state/schema';
import { formatSetting, GROUPS, inactiveReason, LOG_STEPS, logPosition, logValue, teachingWarnings } from '../../src/state/settings';

const config = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...schemaDefaults(), ...over });
const alpha = SCHEMA.balanceCoef as FloatDef;
const lr = SCHEMA.lr as FloatDef;

describe('settings groups', () => {
  it('hold every schema parameter exactly once', () => {
    const listed = GROUPS.flatMap((g) => g.keys);
    expect([...listed].sort()).toEqual([...PARAM_KEYS].sort());
  });
});

describe('log sliders', () => {
  it('reach 0 and the maximum, and land on readable values between', () => {
    expect(logValue(alpha, 0)).toBe(0);
    expect(logValue(alpha, LOG_STEPS)).toBe(0.1);
    expect(logValue(lr, 0)).toBe(0.0001);
    expect(logValue(lr, LOG_STEPS)).toBe(0.3);
    // the default α sits at a position that reads back as the default
    expect(logValue(alpha, logPosition(alpha, 0.01))).toBeCloseTo(0.01, 3);
    const mids = Array.from({ length: LOG_STEPS + 1 }, (_, p) => logValue(alpha, p));
    for (let i = 1; i < mids.length; i++) expect(mids[i]).toBeGreaterThan(mids[i - 1]);
    for (const v of mids) expect(String(v).length).toBeLessThanOrEqual(7);
  });
});

describe('when a setting applies', () => {
  it.each([
    ['normalize', { scheme: 'deepseek' }, 'why.normalize'],
    // noisy top-k always takes the softmax over its k noisy logits (Shazeer et al. 2017)
    ['normalize', { scheme: 'noisy-topk' }, 'why.normalize'],
    ['normalize', { scheme: 'token-choice' }, null],
    ['capacityFactor', { scheme: 'soft' }, 'why.soft'],
    ['dropPolicy', { scheme: 'expert-choice' }, 'why.noDrops'],
    ['groups', { scheme: 'deepseek' }, null],
    ['routedScale', { scheme: 'token-choice' }, 'why.deepseekOnly'],
    ['topK', { scheme: 'expert-choice' }, 'why.notPerToken'],
    ['biasRate', {}, 'why.deepseekOnly'],
    ['biasRate', { scheme: 'deepseek' }, null],
    ['routerNoise', { scheme: 'noisy-topk' }, null],
    ['balanceCoef', { scheme: 'soft' }, 'why.balanced'],
    ['balanceCoef', { scheme: 'hash' }, 'why.hash'],
    // expert merging: no top-k, capacity or balance loss; segments are Lory's alone
    ['topK', { scheme: 'smear' }, 'why.mergedK'],
    ['fineGrain', { scheme: 'lory' }, null],
    ['capacityFactor', { scheme: 'lory' }, 'why.mergedCapacity'],
    ['balanceCoef', { scheme: 'smear' }, 'why.mergedBalance'],
    ['segmentLen', { scheme: 'smear' }, 'why.segmentsOnly'],
    ['segmentLen', { scheme: 'lory' }, null],
    ['sharedExperts', { scheme: 'lory' }, null],
    ['dropPolicy', { capacityFactor: null, evalCapacityFactor: null }, 'why.dropless'],
    ['sharedGate', {}, 'why.noShared'],
    ['sharedGate', { sharedExperts: 2 }, null],
    ['dataNoise', { dataset: 'corpus' }, 'why.textFixed'],
    ['dataNoise', { dataset: 'text' }, 'why.textStream'],
    ['dataDetail', { dataset: 'clusters' }, null],
    ['dataDetail', { dataset: 'teacher' }, 'why.pointsOnly'],
    ['inputDim', { dataset: 'teacher' }, null],
    ['teacherExperts', { dataset: 'rings' }, 'why.teacherOnly'],
    ['context', { dataset: 'corpus' }, null],
    ['context', {}, 'why.textOnly'],
  ] as const)('%s with %o → %s', (key, over, why) => {
    expect(inactiveReason(key, config(over as Partial<MoeConfig>))).toBe(why);
  });
});

describe('settings that teach by failing', () => {
  const messages = (over: Partial<MoeConfig>) => teachingWarnings(config(over)).map((w) => w.message);
  it('says so for each case, and nothing at the defaults', () => {
    expect(messages({})).toEqual([]);
    expect(messages({ topK: 1, normalize: 'topk-softmax' })).toContain('warn.k1renorm');
    expect(messages({ topK: 1, normalize: 'softmax-topk' })).not.toContain('warn.k1renorm');
    expect(messages({ balanceCoef: 0 })).toContain('teach.collapse');
    expect(messages({ capacityFactor: 0.75 })).toContain('warn.cfBelow1');
    expect(messages({ capacityFactor: 2, evalCapacityFactor: 1 })).toContain('teach.evalBelowTrain');
    expect(messages({ scheme: 'deepseek', biasRate: 0, balanceCoef: 0 })).toContain('teach.noBalancing');
    expect(messages({ scheme: 'hash' })).toContain('teach.hash');
    expect(messages({ topK: 1, normalize: 'softmax-topk-renorm' })).toContain('warn.k1renorm');
    expect(messages({ topK: 1, fineGrain: 2 })).not.toContain('warn.k1renorm');
    expect(messages({ scheme: 'deepseek', topK: 1 })).toContain('teach.k1deepseek');
    expect(messages({ scheme: 'deepseek', topK: 1, fineGrain: 2 })).not.toContain('teach.k1deepseek');
    expect(messages({ evalCapacityFactor: 0.5, capacityFactor: null })).toContain('warn.cfBelow1');
    expect(messages({ scheme: 'deepseek', biasRate: 0 })).not.toContain('teach.noBalancing');
    expect(messages({ scheme: 'deepseek', balanceCoef: 0 })).not.toContain('teach.collapse');
    expect(messages({ scheme: 'hash', balanceCoef: 0 })).not.toContain('teach.collapse');
    expect(messages({ scheme: 'soft' })).toContain('warn.notCausal');
    // SMEAR looks across its sequence; Lory only at the previous segment
    expect(messages({ scheme: 'smear', seqLen: 16 })).toEqual(['warn.notCausalSequence']);
    expect(messages({ scheme: 'lory', seqLen: 16, balanceCoef: 0 })).toEqual([]);
    expect(messages({ scheme: 'soft', capacityFactor: 0.5 })).not.toContain('warn.cfBelow1');
  });

  it('names dense MoE at k = E for the schemes where each token picks, and domain-mapped routing', () => {
    expect(teachingWarnings(config({ experts: 4, topK: 4 }))).toContainEqual({ key: 'topK', message: 'teach.denseMoe' });
    expect(messages({ experts: 4, topK: 4, fineGrain: 2 })).toContain('teach.denseMoe');
    expect(messages({ experts: 4, topK: 3 })).not.toContain('teach.denseMoe');
    // expert choice's k is not a token's experts; BASE always takes one
    expect(messages({ scheme: 'expert-choice', experts: 4, topK: 4 })).not.toContain('teach.denseMoe');
    expect(messages({ scheme: 'domain-random', dataset: 'text' })).toContain('teach.domainRandom');
    expect(messages({ scheme: 'domain-random', dataset: 'text' })).not.toContain('teach.hash');
    expect(inactiveReason('balanceCoef', config({ scheme: 'domain-random', dataset: 'text' }))).toBe('why.domainRandom');
  });

  it('says that merging with one-token sequences merges per token, and not once the sequences are longer', () => {
    expect(messages({ scheme: 'smear', seqLen: 1 })).toContain('teach.mergePerToken');
    expect(messages({ scheme: 'lory', seqLen: 16, segmentLen: 4 })).not.toContain('teach.mergePerToken');
    expect(messages({ scheme: 'token-choice', seqLen: 1 })).not.toContain('teach.mergePerToken');
  });

  it('warns a one-expert noisy top-k on top-k, where its own softmax over one logit makes every weight 1', () => {
    const warnings = teachingWarnings(config({ scheme: 'noisy-topk', topK: 1, normalize: 'softmax-topk' }));
    expect(warnings).toContainEqual({ key: 'topK', message: 'teach.k1fixed' });
    expect(warnings.map((w) => w.message)).not.toContain('warn.k1renorm');
  });
});

describe('formatting', () => {
  it('shows values as the control does', () => {
    expect(formatSetting('capacityFactor', null)).toBe('—');
    expect(formatSetting('capacityFactor', 1.25)).toBe('1.25');
    expect(formatSetting('balanceCoef', 0)).toBe('0');
    expect(formatSetting('lr', 0.003)).toBe('0.003');
    expect(formatSetting('experts', 64)).toBe('64');
  });
});
