// Validation of domain-mapped routing: a domain router without domains falls back to hash
// routing, and k (then m) comes down to fit the smallest domain group; both say why, in both languages.

import { describe, expect, it } from 'vitest';
import { locale, t } from '../../src/i18n/index.svelte';
import { validateConfig } from '../../src/state/validate';

describe('domain-random validation', () => {
  it('falls back to hash routing on a task without domains, and says why', () => {
    const { config, adjustments } = validateConfig({ scheme: 'domain-random', dataset: 'clusters', topK: 1 });
    expect(config.scheme).toBe('hash');
    expect(adjustments).toEqual([{ key: 'scheme', from: 'domain-random', to: 'hash', reason: { why: 'no-domains' } }]);
  });

  it('keeps it on the text tasks, with k inside the smallest group', () => {
    for (const dataset of ['text', 'corpus'] as const) {
      const { config, adjustments } = validateConfig({ scheme: 'domain-random', dataset, experts: 8, topK: 2 });
      expect(config.scheme).toBe('domain-random');
      expect(adjustments).toEqual([]);
    }
  });

  it('lowers k to the smallest group: E = 10 over 4 domains is groups of 2 and 3', () => {
    const { config, adjustments } = validateConfig({ scheme: 'domain-random', dataset: 'text', experts: 10, topK: 3 });
    expect(config.topK).toBe(2);
    expect(adjustments).toEqual([{ key: 'topK', from: 3, to: 2, reason: { why: 'k-above-domain-group', perDomain: 2, domains: 4 } }]);
  });

  it('lowers m too when even one fine-grained pick does not fit: E = 2, m = 2 over 4 domains', () => {
    const { config } = validateConfig({ scheme: 'domain-random', dataset: 'text', experts: 2, topK: 1, fineGrain: 2 });
    expect([config.fineGrain, config.topK]).toEqual([1, 1]);
    // a fixed point: validating again changes nothing
    expect(validateConfig(config).adjustments).toEqual([]);
  });

  it('puts the reasons into words in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      locale.lang = lang;
      const groups = t('notice.reason.k-above-domain-group', { perDomain: 2, domains: 4 });
      expect(groups).toContain('2');
      expect(groups).toContain('4');
      expect(t('notice.reason.no-domains')).toMatch(lang === 'en' ? /hash/ : /哈希/);
    }
    locale.lang = 'en';
  });
});
