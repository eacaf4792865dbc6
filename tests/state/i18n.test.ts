import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { detectLang, locale, t } from '../../src/i18n/index.svelte';
import { zhCN } from '../../src/i18n/zh-CN';

describe('i18n', () => {
  it('has every English key in Chinese, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zhCN)) expect(text.trim(), key).not.toBe('');
  });

  it('keeps the placeholders of each message', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(names(zhCN[key]), key).toEqual(names(en[key]));
  });

  it('fills placeholders and follows the language', () => {
    locale.lang = 'en';
    expect(t('load.summary.dropless', { choices: 12 })).toBe('12 choices, none dropped (dropless)');
    locale.lang = 'zh-CN';
    expect(t('load.summary.dropless', { choices: 12 })).toContain('12 个选择');
    locale.lang = 'en';
  });

  it('picks Chinese for any zh browser language', () => {
    expect(detectLang(['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLang(['en-US'])).toBe('en');
  });
});
