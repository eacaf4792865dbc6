// route(): the one function that makes every discrete routing decision. The trainer, the
// views and the tests all call it, so what is drawn is exactly what was trained.
// Pipeline per scheme: scores → select → capacity → combine.

import { assemble } from './assemble';
import { dropForCapacity, expertChoiceCapacity, tokenCapacity } from './capacity';
import { deepseekSlots } from './deepseek';
import { expertChoice } from './expertChoice';
import { hashSlots } from './hash';
import { noisyTopkSlots } from './noisyTopk';
import { softmaxRows } from './scores';
import { soft } from './soft';
import { tokenChoiceSlots } from './tokenChoice';
import type { RouterSpec, Routing } from './types';
import {
  capacityHundredths,
  checkDims,
  checkDropPolicy,
  checkFinite,
  checkLength,
  checkNormalize,
  checkSpec,
  fail,
} from './validate';

/** expert choice always has a capacity; 2 is the paper's default */
const EXPERT_CHOICE_DEFAULT_CF = 2;

export function route(logits: Float32Array, T: number, E: number, spec: RouterSpec): Routing {
  checkDims(logits, T, E);
  checkSpec(spec, E);
  const probs = new Float32Array(T * E);

  if (spec.scheme === 'expert-choice') {
    const cf100 = capacityHundredths(spec.capacityFactor ?? EXPERT_CHOICE_DEFAULT_CF);
    const probs64 = softmaxRows(logits, T, E, new Float64Array(T * E));
    for (let i = 0; i < probs.length; i++) probs[i] = probs64[i];
    return expertChoice(probs64, probs, T, E, expertChoiceCapacity(T, E, cf100));
  }
  if (spec.scheme === 'soft') return soft(logits, softmaxRows(logits, T, E, probs), T, E);

  const { k } = spec;
  const policy = checkDropPolicy(spec.dropPolicy);
  const cf100 = spec.capacityFactor == null ? null : capacityHundredths(spec.capacityFactor);
  let slots: { experts: Int32Array; weights: Float32Array };
  switch (spec.scheme) {
    case 'token-choice':
      slots = tokenChoiceSlots(logits, T, E, k, checkNormalize(spec.normalize), probs);
      break;
    case 'noisy-topk':
      checkLength(spec.noise, 'noise', T * E, 'T*E');
      if (spec.noise) checkFinite(spec.noise, 'noise', E);
      slots = noisyTopkSlots(logits, spec.noise, T, E, k, probs);
      break;
    case 'deepseek':
      slots = deepseekSlots(logits, T, E, k, deepseekOptions(spec, E), probs);
      break;
    case 'hash': {
      if (!spec.tokenIds) fail('hash routing needs tokenIds ([T] token ids)');
      checkLength(spec.tokenIds, 'tokenIds', T, 'T');
      const seed = spec.seed ?? 0;
      if (!Number.isInteger(seed)) fail(`seed must be an integer, got ${seed}`);
      softmaxRows(logits, T, E, probs);
      slots = hashSlots(spec.tokenIds, seed, T, E, k);
      break;
    }
  }
  const capacity = cf100 === null ? null : tokenCapacity(T, k, E, cf100);
  const dropped =
    capacity === null
      ? new Uint8Array(T * k)
      : dropForCapacity(slots.experts, slots.weights, T, k, E, capacity, policy);
  return assemble(spec.scheme, T, E, probs, { k, ...slots, dropped }, capacity);
}

function deepseekOptions(spec: RouterSpec, E: number) {
  const groups = spec.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1 || E % groups !== 0) {
    fail(`groups must be a positive integer that divides E (E = ${E}), got ${groups}`);
  }
  const topkGroups = spec.topkGroups ?? groups;
  if (!Number.isInteger(topkGroups) || topkGroups < 1 || topkGroups > groups) {
    fail(`topkGroups must be an integer in 1..groups (groups = ${groups}), got ${topkGroups}`);
  }
  const held = topkGroups * (E / groups);
  if (spec.k > held) {
    fail(`k = ${spec.k} is more than the ${held} experts that ${topkGroups} kept group(s) of ${E / groups} hold`);
  }
  const routedScale = spec.routedScale ?? 1;
  if (!Number.isFinite(routedScale) || routedScale <= 0) fail(`routedScale must be > 0, got ${routedScale}`);
  checkLength(spec.bias, 'bias', E, 'E');
  if (spec.bias) checkFinite(spec.bias, 'bias', 1);
  return { bias: spec.bias, groups, topkGroups, routedScale };
}
