// What a preset is: a partial config with where it comes from, and a real model's published
// figures. Apart from the lists (presetSystems.ts, presetMethods.ts) and their lookups (presets.ts),
// which all read it.

import type { MoeConfig } from './schema';

export interface RealFigures {
  /** total parameters, as published */
  total?: string;
  /** active parameters per token */
  active?: string;
  /** routed (+ shared) experts per MoE layer */
  experts: string;
  topK: number;
}

export interface Preset {
  /** url-safe id: lower case letters, digits and `-` */
  id: string;
  /** what: a real model, a routing method, or a behaviour to show */
  kind: 'model' | 'method' | 'demo';
  /** paper or model card, with its year (a citation: the same in every language) */
  source: string;
  real?: RealFigures;
  /** the figures are reported, not confirmed by the maker */
  unconfirmed?: boolean;
  config: Partial<MoeConfig>;
}
