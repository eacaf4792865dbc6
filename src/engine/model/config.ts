// The trainer's view of the settings (src/engine/config.ts): defaults, and the effective sizes once
// fine-grained segmentation (DeepSeekMoE) splits each expert into m smaller ones.

import { DEFAULT_CONFIG, effectiveSizes, type MoeConfig } from '../config';
import type { RouteSettings } from './layer';

export type { MoeConfig };

export function defaultConfig(): MoeConfig {
  return { ...DEFAULT_CONFIG };
}

export { effectiveSizes, type EffectiveSizes } from '../config';

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
    scoreFunction: c.scoreFunction,
    groupScore: c.groupScore,
    normalizeWeights: c.normalizeWeights,
    hashSeed: c.seed,
    seqLen: c.seqLen,
    segmentLen: c.segmentLen,
  };
}
