import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { detectLang, locale, t } from '../../src/i18n/index.svelte';
import { zhCN } from '../../src/i18n/zh-CN';
import {
  deckTitle,
  groupLabel,
  messageText,
  optionLabel,
  presetNotes,
  presetScaledDown,
  settingHint,
  settingLabel,
  slideCaption,
} from '../../src/i18n/labels';
import { deckFromIds, DEFAULT_DECK } from '../../src/state/deck';

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

  it('names settings, options, groups, presets and slides in the current language', () => {
    locale.lang = 'en';
    expect(settingLabel('experts')).toBe('Experts E');
    expect(settingHint('topK')).toBe('How many experts each token is sent to.');
    expect(optionLabel('scheme', 'deepseek')).toBe('DeepSeek (V2 device-limited, V3 bias)');
    // a number option (fine-grained factor 1, 2, 4, 8) is its own label
    expect(optionLabel('fineGrain', '4')).toBe('4');
    expect(groupLabel('router')).toBe('Router');
    expect(messageText('why.noShared')).toBe('Add a shared expert first.');
    expect(messageText('no.such.key')).toBe('no.such.key');
    expect(presetScaledDown('switch')).toBe('2,048 experts → 16');
    expect(presetScaledDown('mixtral')).toBeNull();
    expect(presetNotes('mixtral')).toBe('softmax over the chosen two; dropless');
    expect(presetNotes('dbrx')).toBeNull();
    expect(slideCaption(DEFAULT_DECK, 0)).toMatch(/^1\. A router/);
    expect(slideCaption(DEFAULT_DECK, 99)).toMatch(/^5\. /);
    const custom = deckFromIds(['mixtral']);
    expect(deckTitle(custom)).toBe('Slides');
    expect(slideCaption(custom, 0)).toMatch(/^Mixtral 8x7B: 8 experts/);
    expect(slideCaption(deckFromIds([]), 0)).toBe('');
    locale.lang = 'zh-CN';
    expect(settingLabel('experts')).toBe('专家数 E');
    expect(optionLabel('dropPolicy', 'bpr')).toBe('批内优先级（V-MoE）');
    expect(deckTitle(DEFAULT_DECK)).toBe('五页看懂 MoE');
    expect(deckTitle(custom)).toBe('幻灯片');
    expect(slideCaption(custom, 0)).toMatch(/^Mixtral 8x7B：8 个专家/);
    locale.lang = 'en';
  });
});
