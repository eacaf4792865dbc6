// Expert merging (SMEAR, Lory) in validateConfig: a capacity factor becomes dropless, and a Lory
// segment is made to divide the sequence; each change says why, in both languages.

import { describe, expect, it } from 'vitest';
import { locale } from '../../src/i18n/index.svelte';
import { noticeText } from '../../src/i18n/notices';
import { decodeHash } from '../../src/state/url';
import { validateConfig } from '../../src/state/validate';

describe('expert merging in validateConfig', () => {
  it('SMEAR with a capacity factor: dropless, because merging computes one expert per group', () => {
    const { config, adjustments } = validateConfig({ scheme: 'smear', capacityFactor: 1.25, evalCapacityFactor: 2 });
    expect(config.capacityFactor).toBeNull();
    expect(config.evalCapacityFactor).toBeNull();
    expect(adjustments.map((a) => [a.key, a.from, a.to, a.reason.why])).toEqual([
      ['capacityFactor', 1.25, null, 'merge-no-capacity'],
      ['evalCapacityFactor', 2, null, 'merge-no-capacity'],
    ]);
  });

  it('Lory: the segment becomes the nearest divisor of the sequence length', () => {
    // L = 6: divisors 1, 2, 3, 6; S = 4 is nearest 3
    const six = validateConfig({ scheme: 'lory', capacityFactor: null, evalCapacityFactor: null, tokens: 252, seqLen: 6, segmentLen: 4 });
    expect(six.config.segmentLen).toBe(3);
    expect(six.adjustments.map((a) => [a.key, a.reason])).toEqual([['segmentLen', { why: 'segment-divides', seqLen: 6 }]]);
    // the default L = 1 leaves one-token segments
    expect(validateConfig({ scheme: 'lory', seqLen: 1, segmentLen: 4 }).config.segmentLen).toBe(1);
    // SMEAR has no segments: nothing to change
    expect(validateConfig({ scheme: 'smear', capacityFactor: null, evalCapacityFactor: null, tokens: 252, seqLen: 6, segmentLen: 4 }).adjustments).toEqual([]);
  });

  it('shared experts stay; other schemes keep their capacity factor', () => {
    expect(validateConfig({ scheme: 'lory', sharedExperts: 2, seqLen: 8, segmentLen: 4 }).config.sharedExperts).toBe(2);
    expect(validateConfig({ scheme: 'token-choice', capacityFactor: 1.25 }).config.capacityFactor).toBe(1.25);
  });

  it('a link says why, in English and in Chinese', () => {
    const { notices } = decodeHash('#r=lory&cf=1.5&L=6&seg=4');
    const said = (lang: 'en' | 'zh-CN') => {
      locale.lang = lang;
      try {
        return notices.map(noticeText).join('\n');
      } finally {
        locale.lang = 'en';
      }
    };
    expect(said('en')).toContain('no expert has a capacity to fill or exceed (dropless)');
    expect(said('en')).toContain('sequence length 6');
    expect(said('zh-CN')).toContain('专家没有需要填满或会超出的容量');
  });
});
