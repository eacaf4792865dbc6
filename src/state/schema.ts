// The one parameter table. Controls, the URL codec, validation and presets are all driven by it,
// so a parameter cannot be in the UI but missing from the URL, or accept a value the engine
// cannot run. Pure data: the engine imports it for MoeConfig and its defaults.

import { DROP_POLICIES, NORMALIZES, SCHEMES, type DropPolicy, type Normalize, type Scheme } from '../engine/routing/types';

export const DATASET_NAMES = ['clusters', 'spirals', 'checkerboard', 'rings', 'text'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];
export const BACKENDS = ['auto', 'wasm', 'webgl', 'webgpu', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

export interface MoeConfig {
  seed: number;
  dataset: DatasetName;
  dataSize: number;
  dataNoise: number;
  context: number;
  tokens: number;
  experts: number;
  topK: number;
  fineGrain: number;
  scheme: Scheme;
  normalize: Normalize;
  capacityFactor: number | null;
  evalCapacityFactor: number | null;
  dropPolicy: DropPolicy;
  sharedExperts: number;
  sharedGate: boolean;
  balanceCoef: number;
  zLossCoef: number;
  biasRate: number;
  routerNoise: number;
  groups: number;
  topkGroups: number;
  routedScale: number;
  d: number;
  h: number;
  lr: number;
  backend: BackendChoice;
}

interface Base {
  /** short key in the URL */
  url: string;
  /** changing it needs a new model (weights are rebuilt); otherwise the trainer takes it live */
  rebuild: boolean;
}
export interface IntDef extends Base {
  kind: 'int';
  default: number;
  min: number;
  max: number;
  /** allowed values, when only some integers in range are */
  options?: readonly number[];
}
export interface FloatDef extends Base {
  kind: 'float';
  default: number | null;
  min: number;
  max: number;
  step: number;
  /** null is allowed and means "dropless" (capacity factors) */
  nullable?: boolean;
  scale?: 'linear' | 'log';
}
export interface EnumDef<T extends string> extends Base {
  kind: 'enum';
  default: T;
  options: readonly T[];
}
export interface BoolDef extends Base {
  kind: 'bool';
  default: boolean;
}

type DefFor<V> = [V] extends [boolean]
  ? BoolDef
  : [V] extends [string]
    ? EnumDef<V>
    : [V] extends [number]
      ? IntDef | FloatDef
      : FloatDef;
export type Schema = { [K in keyof MoeConfig]: DefFor<MoeConfig[K]> };

export const SCHEMA: Schema = {
  seed: { kind: 'int', url: 's', default: 1, min: 0, max: 2_147_483_647, rebuild: true },
  dataset: { kind: 'enum', url: 'data', default: 'clusters', options: DATASET_NAMES, rebuild: true },
  dataSize: { kind: 'int', url: 'n', default: 1000, min: 100, max: 5000, rebuild: true },
  dataNoise: { kind: 'float', url: 'noise', default: 0.1, min: 0, max: 1, step: 0.05, rebuild: true },
  context: { kind: 'int', url: 'ctx', default: 3, min: 1, max: 6, rebuild: true },
  tokens: { kind: 'int', url: 'T', default: 256, min: 16, max: 16384, rebuild: false },
  experts: { kind: 'int', url: 'E', default: 8, min: 1, max: 512, rebuild: true },
  topK: { kind: 'int', url: 'k', default: 2, min: 1, max: 512, rebuild: false },
  fineGrain: { kind: 'int', url: 'm', default: 1, min: 1, max: 8, options: [1, 2, 4, 8], rebuild: true },
  scheme: { kind: 'enum', url: 'r', default: 'token-choice', options: SCHEMES, rebuild: false },
  normalize: { kind: 'enum', url: 'norm', default: 'topk-softmax', options: NORMALIZES, rebuild: false },
  capacityFactor: { kind: 'float', url: 'cf', default: 1.25, min: 0.25, max: 4, step: 0.05, nullable: true, rebuild: false },
  evalCapacityFactor: { kind: 'float', url: 'ecf', default: 2, min: 0.25, max: 4, step: 0.05, nullable: true, rebuild: false },
  dropPolicy: { kind: 'enum', url: 'drop', default: 'slot-major', options: DROP_POLICIES, rebuild: false },
  sharedExperts: { kind: 'int', url: 'sh', default: 0, min: 0, max: 8, rebuild: true },
  sharedGate: { kind: 'bool', url: 'shg', default: false, rebuild: true },
  balanceCoef: { kind: 'float', url: 'a', default: 0.01, min: 0, max: 0.1, step: 0.001, scale: 'log', rebuild: false },
  zLossCoef: { kind: 'float', url: 'z', default: 0.001, min: 0, max: 0.1, step: 0.0001, scale: 'log', rebuild: false },
  biasRate: { kind: 'float', url: 'g', default: 0.001, min: 0, max: 0.1, step: 0.0001, scale: 'log', rebuild: false },
  routerNoise: { kind: 'float', url: 'rn', default: 1, min: 0, max: 4, step: 0.05, rebuild: true },
  groups: { kind: 'int', url: 'grp', default: 1, min: 1, max: 64, rebuild: false },
  topkGroups: { kind: 'int', url: 'kg', default: 1, min: 1, max: 64, rebuild: false },
  routedScale: { kind: 'float', url: 'rs', default: 1, min: 0.1, max: 4, step: 0.1, rebuild: false },
  d: { kind: 'int', url: 'd', default: 16, min: 2, max: 128, rebuild: true },
  h: { kind: 'int', url: 'h', default: 32, min: 2, max: 512, rebuild: true },
  lr: { kind: 'float', url: 'lr', default: 0.01, min: 0.0001, max: 0.3, step: 0.0001, scale: 'log', rebuild: false },
  backend: { kind: 'enum', url: 'be', default: 'auto', options: BACKENDS, rebuild: true },
};

export const PARAM_KEYS = Object.keys(SCHEMA) as (keyof MoeConfig)[];

export function schemaDefaults(): MoeConfig {
  return Object.fromEntries(PARAM_KEYS.map((key) => [key, SCHEMA[key].default])) as unknown as MoeConfig;
}
