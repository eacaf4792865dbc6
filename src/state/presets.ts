// Presets: real MoE systems and routing methods, each only a partial config (the rest is the
// schema's defaults; every preset names its dataset, so it keeps its task when the defaults
// change) that is the base of a link: `preset=<id>` and the keys that differ from it. Figures of
// real models are those their papers and model cards give; nothing here is a measurement of the real
// model. Every preset is a toy: d = 16 and h = 32 unless it says otherwise, and expert counts are
// scaled down only where its text says so (preset.<id>.scaledDown).
// The entries are in presetSystems.ts (real models, in the picker's order) and presetMethods.ts
// (routing methods and teaching setups); this module holds the lookups (their type is presetTypes.ts). Their
// names, descriptions and notes, in both languages, are in src/i18n/panels/presets.ts, by id.

import { CLUSTER_KEYS } from '../engine/config';
import { METHOD_PRESETS } from './presetMethods';
import { SYSTEM_PRESETS } from './presetSystems';
import { PARAM_KEYS, schemaDefaults, type MoeConfig } from './schema';
import type { Preset, RealFigures } from './presetTypes';
import { sameValue } from './urlFormat';

export type { Preset, RealFigures };

export const PRESETS: readonly Preset[] = [...SYSTEM_PRESETS, ...METHOD_PRESETS];

export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The preset's full config: the schema's defaults with its overrides. Throws for an unknown id. */
export function presetConfig(id: string): MoeConfig {
  const preset = presetById(id);
  if (!preset) throw new RangeError(`presetConfig: no preset "${id}"`);
  return { ...schemaDefaults(), ...preset.config };
}

/**
 * Settings a run may differ in and still be its preset: the seed (another draw of the same
 * setup), the backend (Share pins `be=` to the backend that trained, and a shared preset
 * link is still that preset) and the cluster settings.
 */
// how a run is seeded and where it runs are not part of a system's design, nor is the cluster its
// routing is drawn on (a preset may set one; another is still the same model)
const PRESET_FREE_KEYS: readonly (keyof MoeConfig)[] = ['seed', 'weightInit', 'backend', ...CLUSTER_KEYS];

/** Whether config is the preset's settings, but for PRESET_FREE_KEYS; false for an unknown id. */
export function matchesPreset(id: string, config: MoeConfig): boolean {
  if (!presetById(id)) return false;
  const preset = presetConfig(id);
  return PARAM_KEYS.every((key) => PRESET_FREE_KEYS.includes(key) || sameValue(key, config[key], preset[key]));
}
