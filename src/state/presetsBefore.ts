// Presets whose settings changed, as they were: a link of an older version that names one of them
// means these settings, not today's. NEVER CHANGE AN ENTRY: old links would silently open with
// other settings. Literals on purpose (not derived from the preset lists).

import type { MoeConfig } from './schema';

interface PresetBefore {
  id: string;
  /** the first link version whose links mean the preset's current settings */
  before: number;
  config: Readonly<Partial<MoeConfig>>;
}

/**
 * Version 4 made DeepSeekMoE 16B and DeepSeek-V2 the DeepSeek gate they use (softmax scores,
 * greedy or device-limited, weights not renormalised); before it both were plain token choice.
 */
const PRESETS_BEFORE: readonly PresetBefore[] = Object.freeze([
  {
    id: 'deepseekmoe',
    before: 4,
    config: Object.freeze({ dataset: 'clusters', experts: 32, fineGrain: 2, topK: 3, sharedExperts: 2, normalize: 'softmax-topk' }),
  },
  {
    id: 'deepseek-v2',
    before: 4,
    config: Object.freeze({ dataset: 'clusters', experts: 160, topK: 6, sharedExperts: 2, normalize: 'softmax-topk' }),
  },
] as const);

/** A preset's settings as a link of this version meant them, where they have changed since; else undefined. */
export function presetSettingsBefore(id: string, version: number): Readonly<Partial<MoeConfig>> | undefined {
  // the entry of the earliest change after the link's version: the settings the link was written against
  const changes = PRESETS_BEFORE.filter((p) => p.id === id && version < p.before).sort((a, b) => a.before - b.before);
  return changes[0]?.config;
}
