// An A/B comparison as data: the two arms' settings (each maybe based on a preset), the seeds the
// spread is measured over, and the step both train to. A link carries it (link.ts); the
// comparison's state runs it (compare.svelte.ts).

import { presetById, presetConfig } from '../presets';
import type { MoeConfig } from '../schema';
import { validateConfig } from '../validate';

export type ArmId = 'a' | 'b';
export const ARMS: readonly ArmId[] = ['a', 'b'];

export interface CompareDefinition {
  a: MoeConfig;
  b: MoeConfig;
  /** the preset arm A is based on: A's link keys are its differences from it */
  presetA?: string;
  /** the preset arm B is based on: B's link keys are its differences from it (seed, weight seeding and backend from A) */
  presetB?: string;
  /** seeds each arm runs on for the spread, from the comparison's seed up (1: the pair alone) */
  seeds: number;
  /** train both to this step, then pause */
  step?: number;
}

export const COMPARE_LIMITS = {
  seedsMin: 1,
  seedsMax: 8,
} as const;

/** The settings of an arm based on a preset: the preset's, on the comparison's seed, weight seeding and backend. */
export function presetArm(id: string, a: Pick<MoeConfig, 'seed' | 'weightInit' | 'backend'>): MoeConfig {
  return { ...presetConfig(id), seed: a.seed, weightInit: a.weightInit, backend: a.backend };
}

/** B's base in a link: its preset's settings on A's seed, weight seeding and backend, or A itself. */
export function baseOfB(def: Pick<CompareDefinition, 'a' | 'presetB'>): MoeConfig {
  return def.presetB !== undefined && presetById(def.presetB) ? presetArm(def.presetB, def.a) : def.a;
}

/** A comparison of one config against itself (B to be edited). */
export function pairOf(a: MoeConfig, presetA?: string): CompareDefinition {
  const config = validateConfig(a).config;
  return { a: config, b: { ...config }, ...(presetA !== undefined ? { presetA, presetB: presetA } : {}), seeds: 1 };
}

/** The arm's settings and preset. */
export const armConfig = (def: CompareDefinition, arm: ArmId): MoeConfig => (arm === 'a' ? def.a : def.b);
export const armPreset = (def: CompareDefinition, arm: ArmId): string | undefined => (arm === 'a' ? def.presetA : def.presetB);
