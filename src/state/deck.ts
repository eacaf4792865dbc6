// Slide decks for talks: an ordered list of presets with a caption each. A deck travels in the
// link as `deck=switch,mixtral,collapse&slide=1` (slide counts from 0); captions are not in the
// link: a named deck's are its text (deck.<id>.<n> in src/i18n/panels/presets.ts), any other
// deck's are its presets' own descriptions.

import { presetById, presetConfig } from './presets';
import { hashFor, type ViewParams } from './url';

export interface Slide {
  preset: string;
}

export interface Deck {
  /** a named deck's id (its title and captions are text by that id), or 'custom' */
  id: string;
  slides: readonly Slide[];
}

export const DEFAULT_DECK: Deck = {
  id: 'moe-in-5',
  slides: [
    { preset: 'switch' },
    { preset: 'collapse' },
    { preset: 'mixtral' },
    { preset: 'deepseek-v3' },
    { preset: 'text-domains' },
  ],
};

const ROUTERS_DECK: Deck = {
  id: 'routers',
  slides: [
    { preset: 'hash' },
    { preset: 'noisy-topk' },
    { preset: 'switch' },
    { preset: 'expert-choice' },
    { preset: 'soft-moe' },
  ],
};

export const DECKS: readonly Deck[] = [DEFAULT_DECK, ROUTERS_DECK];

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** The preset ids of a deck, as a link carries them. */
export function deckIds(deck: Deck): string[] {
  return deck.slides.map((s) => s.preset);
}

/**
 * The deck for a list of preset ids (unknown ids left out): one of DECKS when the ids are
 * exactly its slides, otherwise a custom deck (its captions are the presets' descriptions).
 */
export function deckFromIds(ids: readonly string[]): Deck {
  const known = ids.filter((id) => presetById(id) !== undefined);
  const named = DECKS.find((d) => sameIds(deckIds(d), known));
  if (named) return named;
  return { id: 'custom', slides: known.map((id) => ({ preset: id })) };
}

/** The deck and slide a decoded link asks for, or null when it has no deck. */
export function deckFromView(view: ViewParams): { deck: Deck; slide: number } | null {
  if (!view.deck || view.deck.length === 0) return null;
  const deck = deckFromIds(view.deck);
  if (deck.slides.length === 0) return null;
  return { deck, slide: clampSlide(deck, view.slide ?? 0) };
}

export function clampSlide(deck: Deck, slide: number): number {
  const last = Math.max(0, deck.slides.length - 1);
  return Number.isFinite(slide) ? Math.min(last, Math.max(0, Math.round(slide))) : 0;
}

/** The next slide; stays on the last one. */
export function nextSlide(deck: Deck, slide: number): number {
  return clampSlide(deck, clampSlide(deck, slide) + 1);
}

/** The previous slide; stays on the first one. */
export function prevSlide(deck: Deck, slide: number): number {
  return clampSlide(deck, clampSlide(deck, slide) - 1);
}

/** The view of a slide: the deck, the slide, and its preset as the label (other view settings kept). */
export function slideView(deck: Deck, slide: number, base: ViewParams = {}): ViewParams {
  const i = clampSlide(deck, slide);
  const preset = deck.slides[i]?.preset;
  return { ...base, deck: deckIds(deck), slide: i, ...(preset ? { preset } : {}) };
}

/** The link of one slide: its preset's config with the deck in the view. */
export function slideHash(deck: Deck, slide: number, base: ViewParams = {}): string {
  const view = slideView(deck, slide, base);
  return hashFor(view.preset ? presetConfig(view.preset) : {}, view);
}
