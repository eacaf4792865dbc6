// The trainer's view of the settings (src/engine/config.ts): defaults, and the effective sizes once
// fine-grained segmentation (DeepSeekMoE) splits each expert into m smaller ones.

import { DEFAULT_CONFIG, type MoeConfig } from '../config';
import type { RouteSettings } from './layer';

export type { MoeConfig };

export function defaultConfig(): MoeConfig {
  return { ...DEFAULT_CONFIG };
}

export interface EffectiveSizes {
  /** routed experts: E·m */
  E: number;
  /** experts per token: k·m, never more than E·m */
  k: number;
  /** hidden width of each expert: h/m, so compute per token stays the same */
  h: number;
}

export function effectiveSizes(c: MoeConfig): EffectiveSizes {
  const m = c.fineGrain;
  const E = c.experts * m;
  return { E, k: Math.min(E, c.topK * m), h: Math.max(1, Math.round(c.h / m)) };
}

export function routeSettings(c: MoeConfig, capacityFactor: number | null): RouteSettings {
  const { k } = effectiveSizes(c);
  return {
    scheme: c.scheme,
    k,
    normalize: c.normalize,
    capacityFactor,
    dropPolicy: c.dropPolicy,
    groups: c.groups,
    topkGroups: c.topkGroups,
    routedScale: c.routedScale,
    hashSeed: c.seed,
  };
}
