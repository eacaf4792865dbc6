// The names and hints of what the page's state is made of: settings and their options, setting
// groups, presets and slides, in the current language. A key built from a setting's name is
// checked by the compiler (a setting without a label or a hint is a type error); ids that are
// plain strings in state (groups, presets, decks, the reasons a setting does not apply) are looked
// up here and checked by tests/state/i18nCoverage.test.ts.

import type { MoeConfig } from '../engine/config';
import { clampSlide, type Deck } from '../state/deck';
import { isMessageKey, t, type MessageKey } from './index.svelte';

type Key = keyof MoeConfig;
/** The settings whose values are names from a fixed list (the enum settings). */
export type NamedKey = { [K in Key]: MoeConfig[K] extends string ? K : never }[Key];
type OptionKey = { [K in NamedKey]: `opt.${K}.${MoeConfig[K]}` }[NamedKey];
/** Every option of every enum setting has a label: a missing one names itself here, a type error. */
const everyOptionLabelled: [Exclude<OptionKey, MessageKey>] extends [never] ? true : Exclude<OptionKey, MessageKey> = true;
void everyOptionLabelled;

export const settingLabel = (key: Key): string => t(`set.${key}`);
export const settingHint = (key: Key): string => t(`set.hint.${key}`);

/** An option's label: an enum setting's from its text, a number as itself. */
export function optionLabel(key: Key, value: string): string {
  const k = `opt.${key}.${value}`;
  return isMessageKey(k) ? t(k) : value;
}

/** A message kept as data in state (why a setting does not apply, a teaching warning). */
export function messageText(key: string): string {
  return isMessageKey(key) ? t(key) : key;
}

export const groupLabel = (id: string): string => messageText(`set.group.${id}`);

export const presetName = (id: string): string => messageText(`preset.${id}.name`);
export const presetDescription = (id: string): string => messageText(`preset.${id}.description`);

/** What was made smaller to run in the browser, or null when the preset runs the real counts. */
export function presetScaledDown(id: string): string | null {
  const k = `preset.${id}.scaledDown`;
  return isMessageKey(k) ? t(k) : null;
}

/** A note beside a real model's figures, or null. */
export function presetNotes(id: string): string | null {
  const k = `preset.${id}.notes`;
  return isMessageKey(k) ? t(k) : null;
}

/** A preset's source: a paper's title as its data says, or, where it is prose, in the page's language. */
export function presetSource(id: string, source: string): string {
  const k = `preset.${id}.source`;
  return isMessageKey(k) ? t(k) : source;
}

/** A named deck's title; any other deck is "Slides". */
export function deckTitle(deck: Deck): string {
  const k = `deck.${deck.id}.title`;
  return isMessageKey(k) ? t(k) : t('share.deck.label');
}

/** A slide's caption: a named deck's own, else its preset's name and description. */
export function slideCaption(deck: Deck, slide: number): string {
  const i = clampSlide(deck, slide);
  const s = deck.slides[i];
  if (!s) return '';
  const k = `deck.${deck.id}.${i + 1}`;
  return isMessageKey(k) ? t(k) : t('share.deck.presetCaption', { name: presetName(s.preset), description: presetDescription(s.preset) });
}
