// Every piece of text the page's state names by id has its words in English and Chinese: each
// setting (label and hint), each option of each enum setting, each setting group, each reason a
// setting does not apply and each teaching warning, each notice, each preset and each slide. A
// new setting, option, notice or preset without text fails here (the compiler catches most of
// them already); a Chinese string left in English (a placeholder) fails too.

import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../src/i18n/en';
import { isMessageKey } from '../../src/i18n/index.svelte';
import { zhCN } from '../../src/i18n/zh-CN';
import { DECKS } from '../../src/state/deck';
import { EXPECTED, NOTICE_IDS } from '../../src/state/notices';
import { PRESETS, presetConfig } from '../../src/state/presets';
import { PARAM_KEYS, SCHEMA, schemaDefaults, type MoeConfig } from '../../src/state/schema';
import { GROUPS, inactiveReason, teachingWarnings } from '../../src/state/settings';
import type { AdjustReason } from '../../src/state/validate';

/** Both languages have words for key. */
function expectText(key: string): void {
  expect(isMessageKey(key), `no message ${key}`).toBe(true);
  if (!isMessageKey(key)) return;
  expect(en[key].trim(), `${key} in English`).not.toBe('');
  expect(zhCN[key].trim(), `${key} in Chinese`).not.toBe('');
}

const ADJUST_REASONS: Record<AdjustReason['why'], true> = {
  invalid: true,
  'out-of-range': true,
  'k-above-experts': true,
  'h-split': true,
  'groups-divide': true,
  'kept-above-groups': true,
  'kept-groups-hold': true,
  'one-expert-per-token': true,
  'shares-divide': true,
  'no-aux-loss': true,
  'seq-divide': true,
  'no-domains': true,
  'own-domains': true,
  'no-own-text': true,
  'k-above-domain-group': true,
  'heads-divide': true,
  'merge-no-capacity': true,
  'segment-divides': true,
};

/** Configs that make every setting apply and not apply: each enum option, on the defaults and on each preset. */
function spread(): MoeConfig[] {
  const bases = [schemaDefaults(), ...PRESETS.map((p) => presetConfig(p.id))];
  const out: MoeConfig[] = [...bases];
  for (const base of bases) {
    for (const key of PARAM_KEYS) {
      const def = SCHEMA[key];
      if (def.kind === 'enum') for (const o of def.options) out.push({ ...base, [key]: o });
      if (def.kind === 'bool') out.push({ ...base, [key]: !base[key] });
    }
    for (const over of [{ sharedExperts: 0 }, { sharedExperts: 2 }, { capacityFactor: null, evalCapacityFactor: null }, { capacityFactor: 0.5 }, { topK: 1, fineGrain: 1 }, { balanceCoef: 0, biasRate: 0 }]) {
      out.push({ ...base, ...over });
    }
  }
  return out;
}

describe('text coverage', () => {
  it.each(PARAM_KEYS)('setting %s has a label and a hint in both languages', (key) => {
    expectText(`set.${key}`);
    expectText(`set.hint.${key}`);
  });

  it.each(PARAM_KEYS.filter((key) => SCHEMA[key].kind === 'enum'))('every option of %s has a label in both languages', (key) => {
    const def = SCHEMA[key];
    if (def.kind !== 'enum') return;
    for (const option of def.options) expectText(`opt.${key}.${option}`);
  });

  it('every setting group has a label, and every setting is in a group', () => {
    for (const g of GROUPS) expectText(`set.group.${g.id}`);
    expect(GROUPS.flatMap((g) => g.keys).sort()).toEqual([...PARAM_KEYS].sort());
  });

  it('every reason a setting does not apply, and every teaching warning, has words in both languages', () => {
    const keys = new Set<string>();
    for (const c of spread()) {
      for (const key of PARAM_KEYS) {
        const why = inactiveReason(key, c);
        if (why !== null) keys.add(why);
      }
      for (const w of teachingWarnings(c)) keys.add(w.message);
    }
    expect(keys.size).toBeGreaterThan(10);
    for (const key of keys) expectText(key);
  });

  it('every notice, what a value should have been, and every reason a value was changed, has words in both languages', () => {
    expect(NOTICE_IDS.length).toBeGreaterThan(10);
    for (const id of NOTICE_IDS) expectText(`notice.${id}`);
    for (const e of EXPECTED) expectText(`notice.expected.${e}`);
    for (const why of Object.keys(ADJUST_REASONS)) expectText(`notice.reason.${why}`);
    expectText('notice.then.ignored');
    expectText('notice.then.default');
  });

  it.each(PRESETS.map((p) => p.id))('preset %s has a name and a description in both languages', (id) => {
    expectText(`preset.${id}.name`);
    expectText(`preset.${id}.description`);
  });

  it('text by preset or deck id names only presets and decks that exist', () => {
    const presets = new Set(PRESETS.map((p) => p.id));
    for (const key of Object.keys(en).filter((k) => k.startsWith('preset.'))) {
      const [, id, what] = key.split('.');
      expect(presets.has(id), key).toBe(true);
      expect(['name', 'description', 'scaledDown', 'notes', 'source'], key).toContain(what);
    }
    const decks = new Map(DECKS.map((d) => [d.id, d]));
    for (const key of Object.keys(en).filter((k) => k.startsWith('deck.'))) {
      const [, id, what] = key.split('.');
      const deck = decks.get(id);
      expect(deck, key).toBeDefined();
      if (what !== 'title') expect(Number(what), key).toBeLessThanOrEqual(deck!.slides.length);
    }
  });

  it.each(DECKS.map((d) => [d.id, d] as const))('deck %s has a title and a caption per slide in both languages', (_id, deck) => {
    expectText(`deck.${deck.id}.title`);
    deck.slides.forEach((_, i) => expectText(`deck.${deck.id}.${i + 1}`));
  });

  it('leaves no Chinese string as a placeholder: empty, its key, a to-do mark, or English sentences', () => {
    const technical = new Set(['softmax', 'sigmoid']);
    for (const key of Object.keys(en) as MessageKey[]) {
      const zh = zhCN[key];
      expect(zh.trim(), key).not.toBe('');
      expect(zh, key).not.toBe(key);
      expect(zh, key).not.toMatch(/TODO|TBD|FIXME|XXX/);
      if (/[\u4e00-\u9fff]/.test(zh)) continue;
      // untranslated: only names and symbols may stay as they are (GShard, WebGL, top-k → softmax)
      const words = zh.replace(/\{\w+\}/g, '').match(/\b[a-z]{5,}\b/g) ?? [];
      expect(words.filter((w) => !technical.has(w)), `${key}: ${zh}`).toEqual([]);
    }
  });
});
