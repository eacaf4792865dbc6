import { describe, expect, it } from 'vitest';
import {
  DECKS,
  DEFAULT_DECK,
  clampSlide,
  deckFromIds,
  deckFromView,
  deckIds,
  nextSlide,
  prevSlide,
  slideHash,
  slideView,
} from '../../src/state/deck';
import { PRESET_IDS, presetById, presetConfig } from '../../src/state/presets';
import { decodeHash } from '../../src/state/url';
import { locale } from '../../src/i18n/index.svelte';
import { deckTitle, presetDescription, slideCaption } from '../../src/i18n/labels';

function inLang<T>(lang: 'en' | 'zh-CN', read: () => T): T {
  locale.lang = lang;
  try {
    return read();
  } finally {
    locale.lang = 'en';
  }
}

describe('decks', () => {
  it('default deck: MoE in 5 slides, all known presets, captions in both languages', () => {
    expect(deckTitle(DEFAULT_DECK)).toBe('MoE in 5 slides');
    expect(DEFAULT_DECK.slides).toHaveLength(5);
    for (const deck of DECKS) {
      expect(inLang('zh-CN', () => deckTitle(deck)).trim()).not.toBe('');
      deck.slides.forEach((s, i) => {
        expect(PRESET_IDS).toContain(s.preset);
        expect(slideCaption(deck, i).trim()).not.toBe('');
        expect(inLang('zh-CN', () => slideCaption(deck, i))).toMatch(/[\u4e00-\u9fff]/);
      });
    }
    expect(new Set(DECKS.map((d) => d.id)).size).toBe(DECKS.length);
  });

  it('moves between slides and stays at the ends', () => {
    expect(nextSlide(DEFAULT_DECK, 0)).toBe(1);
    expect(nextSlide(DEFAULT_DECK, 4)).toBe(4);
    expect(prevSlide(DEFAULT_DECK, 1)).toBe(0);
    expect(prevSlide(DEFAULT_DECK, 0)).toBe(0);
    expect(nextSlide(DEFAULT_DECK, 99)).toBe(4);
    expect(prevSlide(DEFAULT_DECK, -5)).toBe(0);
    expect(clampSlide(DEFAULT_DECK, Number.NaN)).toBe(0);
  });

  it('recognises a known deck from its ids, and builds captions for any other list', () => {
    expect(deckFromIds(deckIds(DEFAULT_DECK))).toBe(DEFAULT_DECK);
    const custom = deckFromIds(['switch', 'nope', 'collapse']);
    expect(custom.id).toBe('custom');
    expect(deckIds(custom)).toEqual(['switch', 'collapse']);
    expect(presetById('collapse')).toBeDefined();
    expect(slideCaption(custom, 1)).toContain(presetDescription('collapse'));
    expect(inLang('zh-CN', () => slideCaption(custom, 1))).toContain(inLang('zh-CN', () => presetDescription('collapse')));
  });

  it('reads a deck from a link', () => {
    const { view, notices } = decodeHash('#deck=switch,mixtral,collapse&slide=1');
    expect(notices).toEqual([]);
    const found = deckFromView(view)!;
    expect(deckIds(found.deck)).toEqual(['switch', 'mixtral', 'collapse']);
    expect(found.slide).toBe(1);
    expect(deckFromView({})).toBeNull();
  });

  it('writes each slide as a link to its preset, with the deck', () => {
    DEFAULT_DECK.slides.forEach((slide, i) => {
      const decoded = decodeHash(slideHash(DEFAULT_DECK, i, { embed: true }));
      expect(decoded.notices).toEqual([]);
      expect(decoded.config).toEqual(presetConfig(slide.preset));
      expect(decoded.view).toEqual({ preset: slide.preset, deck: deckIds(DEFAULT_DECK), slide: i, embed: true });
      expect(deckFromView(decoded.view)).toEqual({ deck: DEFAULT_DECK, slide: i });
    });
    expect(slideView(DEFAULT_DECK, 10).slide).toBe(4);
  });
});
