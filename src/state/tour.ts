// The guided tour for a first visit: a few stops over the presets, each training a few seconds
// and pointing at the panel where its effect shows, with two or three sentences of what to look
// at (src/i18n/panels/tour.ts, `tour.<id>.title` and `tour.<id>.text`). A link opens a stop
// with `tour=N` (from 1); leaving gives back what the visitor had before (AppState).

import { presetConfig } from './presets';
import { schemaDefaults, type MoeConfig } from './schema';
import type { PanelId } from './urlView';
import { validateConfig } from './validate';

export interface TourStop {
  id: string;
  /** the preset the stop opens (null: the plain defaults, the teacher task), with `config` on top */
  preset: string | null;
  config?: Partial<MoeConfig>;
  /** steps trained before the stop is shown: enough for its effect to show, a few seconds at most */
  steps: number;
  /** the panel where the effect shows, highlighted */
  panel: PanelId;
}

export const TOUR_STOPS: readonly TourStop[] = [
  { id: 'switch', preset: 'switch', steps: 60, panel: 'load' },
  // a capacity below the even share: a quarter of the choices cannot be kept
  { id: 'drops', preset: 'switch', config: { capacityFactor: 0.75 }, steps: 60, panel: 'flow' },
  // 200 steps: with the weights drawn per name (link version 5), the busiest expert took 30 % of
  // the choices at step 150 (2.5/E is 31 %), 38 % at step 200 and 62 % at 250 (Node, wasm)
  { id: 'collapse', preset: 'collapse', steps: 200, panel: 'heatmap' },
  { id: 'top2', preset: 'mixtral', steps: 60, panel: 'inspector' },
  // the playground's capacity and twice its α: with the preset's (the paper's α of 0.001, dropless),
  // 2 of the 64 small experts were still idle at step 60; with α = 0.01 and CF 1.25, none under the
  // weights of links before version 5 and 3 under today's; with α = 0.02, none at steps 60 and 100
  // (Node, wasm), and this stop is about every small expert taking part
  { id: 'deepseekmoe', preset: 'deepseekmoe', config: { balanceCoef: 0.02, capacityFactor: 1.25, evalCapacityFactor: 2 }, steps: 60, panel: 'flow' },
  { id: 'bias', preset: 'deepseek-v3', steps: 100, panel: 'heatmap' },
  { id: 'teacher', preset: null, steps: 200, panel: 'special' },
];

/** A stop's index from a link's `tour=N` (1-based), clamped to the stops there are. */
export const stopIndex = (n: number): number => Math.min(TOUR_STOPS.length, Math.max(1, Math.round(n))) - 1;

/**
 * The settings a stop trains with: its preset's, on the teacher task. The presets name the 2D
 * clusters, where a linear router reaches few of many experts (Switch's 16: half of them idle at
 * step 60, DeepSeek-V3's 32: a quarter, and no even load to show); on the teacher every stop's
 * effect shows within its steps, each expert in use (measured in Node, wasm).
 */
export function stopConfig(stop: TourStop): MoeConfig {
  const base = stop.preset === null ? schemaDefaults() : presetConfig(stop.preset);
  return validateConfig({ ...base, dataset: 'teacher', ...stop.config }).config;
}
