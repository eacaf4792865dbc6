import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { detectLang, locale, t } from '../../src/i18n/index.svelte';
import { zhCN } from '../../src/i18n/zh-CN';

describe('i18n', () => {
  it('has every English key in Chinese, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zhCN)) expect(text.trim(), key).not.toBe('');
  });

  it('defines each key in one place only (a later panel would silently override an earlier one)', () => {
    const modules = import.meta.glob<{ en: Record<string, string> }>('../../src/i18n/panels/*.ts', { eager: true });
    const owner = new Map<string, string>();
    for (const [file, mod] of Object.entries(modules)) {
      for (const key of Object.keys(mod.en)) {
        expect(owner.get(key), `${key} in ${file} and ${owner.get(key)}`).toBeUndefined();
        owner.set(key, file);
      }
    }
  });

  it('keeps the placeholders of each message', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(names(zhCN[key]), key).toEqual(names(en[key]));
  });

  it('fills placeholders and follows the language', () => {
    locale.lang = 'en';
    expect(t('train.speed', { rate: 12 })).toBe('12 steps/s');
    locale.lang = 'zh-CN';
    expect(t('train.speed', { rate: 12 })).toContain('12');
    locale.lang = 'en';
  });

  it('picks Chinese for any zh browser language', () => {
    expect(detectLang(['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLang(['en-US'])).toBe('en');
  });
});
