// MH-MoE's heads must divide d (each token splits into H equal sub-tokens): the control offers
// only those, and a link with another H is moved to the nearest one, said in both languages.

import { describe, expect, it } from 'vitest';
import { locale } from '../../src/i18n/index.svelte';
import { noticeText } from '../../src/i18n/notices';
import type { Notice } from '../../src/state/notices';
import { decodeHash } from '../../src/state/url';
import { headOptions, validateConfig } from '../../src/state/validate';

const inLang = (lang: 'en' | 'zh-CN', n: Notice) => {
  locale.lang = lang;
  try {
    return noticeText(n);
  } finally {
    locale.lang = 'en';
  }
};

describe('heads dividing d', () => {
  it('the options are the schema’s head counts that divide d', () => {
    expect(headOptions(16)).toEqual([1, 2, 4, 8, 16]);
    expect(headOptions(12)).toEqual([1, 2, 4]); // 8 and 16 do not divide 12
    expect(headOptions(6)).toEqual([1, 2]);
    expect(headOptions(7)).toEqual([1]);
  });

  it.each([
    // [d, H asked, H used]: d = 12 allows 1, 2, 4, so 8 and 16 become 4; d = 6 allows 1, 2
    [12, 8, 4],
    [12, 16, 4],
    [6, 4, 2],
    [7, 2, 1],
  ])('d = %i with %i heads becomes %i heads, with the reason', (d, asked, used) => {
    const { config, adjustments } = validateConfig({ d, heads: asked });
    expect(config.heads).toBe(used);
    expect(adjustments).toContainEqual({ key: 'heads', from: asked, to: used, reason: { why: 'heads-divide', d } });
  });

  it('a divisor is left as it is', () => {
    const { config, adjustments } = validateConfig({ d: 32, heads: 4 });
    expect(config.heads).toBe(4);
    expect(adjustments).toEqual([]);
  });

  it('a link’s adjustment is said in English and Chinese, quoting d and both head counts', () => {
    const n = decodeHash('#d=12&mh=8').notices.find((x) => x.key === 'mh')!;
    expect(n).toMatchObject({ code: 'adjusted', from: '8', to: '4', says: { id: 'adjusted', reason: { why: 'heads-divide', d: 12 } } });
    const en = inLang('en', n);
    const zh = inLang('zh-CN', n);
    expect(en).toContain('d = 12');
    expect(en).toMatch(/heads must divide 12/);
    expect(zh).toContain('子词元');
    for (const q of ['8', '4', '12']) expect(zh).toContain(q);
    expect(zh).not.toMatch(/\{\w+\}/);
  });
});
