// The view parameters: settings of the page around the training config (deck, panels, theme,
// embed origins, ...), their limits, the list of view keys, and how each view key is read.
// Split from url.ts; the codec there writes and reads these, and re-exports them all.

import { PRESETS } from './presets';
import { PARAM_KEYS } from './schema';
import { paramForUrlKey } from './urlKeys';
import type { Reader } from './urlReader';
import { normalizeOrigin } from './urlText';

/** The lab's panels, and the cluster's after them (placement and traffic, drawn from the same run). */
export const PANELS = ['flow', 'load', 'loss', 'heatmap', 'partition', 'special', 'inspector', 'cost', 'controls', 'placement', 'traffic'] as const;
export type PanelId = (typeof PANELS)[number];
/** What an embed shows without `panels=`: the panels it showed before the cluster's came, so old embeds look the same. */
export const EMBED_DEFAULT_PANELS: readonly PanelId[] = PANELS.filter((p) => p !== 'placement' && p !== 'traffic');
export const THEMES = ['light', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];
export const VIEW_LANGS = ['en', 'zh-CN'] as const;
export type ViewLang = (typeof VIEW_LANGS)[number];

/** Limits of the view parameters. */
export const VIEW_LIMITS = {
  stepMax: 100_000,
  deckMax: 50,
  originsMax: 16,
  scaleMin: 0.75,
  scaleMax: 2,
  scaleStep: 0.05,
  /** the tour's stops there may ever be (a larger `tour=N` is the last stop) */
  tourMax: 20,
} as const;

/** Settings of the page around the training config; not part of the config. */
export interface ViewParams {
  /** train to this step, then pause (0..100000) */
  step?: number;
  /** the preset the config is based on: a link's keys are the differences from its settings */
  preset?: string;
  /** a slide deck: preset ids in order */
  deck?: string[];
  /** index into deck, from 0 */
  slide?: number;
  /** embedded in a talk or another page: chrome hidden */
  embed?: boolean;
  /** the panels to show, in this order */
  panels?: PanelId[];
  /** url keys of the schema parameters whose controls are shown */
  controls?: string[];
  autoplay?: boolean;
  lang?: ViewLang;
  theme?: Theme;
  /** origins allowed to talk to an embed by postMessage, normalised (`https://host[:port]`) */
  origins?: string[];
  /** type scale, 0.75..2 */
  scale?: number;
  /** the guided tour, at this stop (from 1) */
  tour?: number;
}

export const VIEW_KEYS = [
  'preset',
  'deck',
  'slide',
  'step',
  'autoplay',
  'embed',
  'panels',
  'controls',
  'theme',
  'lang',
  'scale',
  'origins',
  'tour',
] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];
export const VIEW_KEY_SET = new Set<string>(VIEW_KEYS);

const PRESET_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const PRESET_IDS = new Set(PRESETS.map((p) => p.id));
/** The id, when it names a known preset; null otherwise. */
export const presetId = (item: string) => (PRESET_ID.test(item) && PRESET_IDS.has(item) ? item : null);

export function readView(r: Reader, view: ViewParams, key: ViewKey, raw: string | undefined): void {
  switch (key) {
    case 'step':
      view.step = r.int(key, raw, { min: 0, max: VIEW_LIMITS.stepMax }, null);
      break;
    case 'slide':
      view.slide = r.int(key, raw, { min: 0, max: VIEW_LIMITS.deckMax - 1 }, null);
      break;
    case 'preset':
      if (raw !== undefined && presetId(raw) !== null) view.preset = raw;
      else r.invalid(key, raw, 'preset', null);
      break;
    case 'deck':
      view.deck = r.list(key, raw, VIEW_LIMITS.deckMax, 'preset', presetId, false);
      break;
    case 'embed':
      view.embed = r.bool(key, raw, null);
      break;
    case 'autoplay':
      view.autoplay = r.bool(key, raw, null);
      break;
    case 'panels':
      view.panels = r.list(key, raw, PANELS.length, 'panel', (p) => ((PANELS as readonly string[]).includes(p) ? p : null), true) as
        | PanelId[]
        | undefined;
      break;
    case 'controls':
      view.controls = r.list(key, raw, PARAM_KEYS.length, 'setting', (c) => (paramForUrlKey(c) !== undefined ? c : null), true);
      break;
    case 'lang':
      view.lang = r.oneOf(key, raw, VIEW_LANGS, null);
      break;
    case 'theme':
      view.theme = r.oneOf(key, raw, THEMES, null);
      break;
    case 'origins':
      view.origins = r.list(key, raw, VIEW_LIMITS.originsMax, 'origin', normalizeOrigin, true);
      break;
    case 'tour':
      view.tour = r.int(key, raw, { min: 1, max: VIEW_LIMITS.tourMax }, null);
      break;
    case 'scale':
      view.scale = r.float(key, raw, { min: VIEW_LIMITS.scaleMin, max: VIEW_LIMITS.scaleMax, step: VIEW_LIMITS.scaleStep }, null);
      break;
  }
}
