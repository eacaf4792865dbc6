// The lab's settings as Megatron-LM arguments. Checked against NVIDIA/Megatron-LM d98e8a64
// (2026-08-22): megatron/training/arguments.py (_add_moe_args; the rest are generated from
// megatron/core/transformer/transformer_config.py by ArgumentGroupFactory, `--` + the field name
// with `-` for `_`, store_true for a False default), moe/moe_utils.py (topk_routing_with_score_function,
// group_limited_topk, get_capacity), moe/router.py (sinkhorn_load_balancing) and
// moe/shared_experts.py (the sigmoid gate). Conventions of the lab: docs/routing.md.

import type { MoeConfig } from '../schema';
import { FlagsRecord, num, UNSET, upstreamRouter } from './builder';
import type { FlagsExport } from './types';
import { UPSTREAM } from './types';
import { MEGATRON_BALANCE_TYPE, variantFlags } from './variants';

export function megatronFlags(config: MoeConfig, presetId?: string): FlagsExport {
  const r = new FlagsRecord(config);
  const { E, k } = r.sizes;
  const args: string[] = [];
  const arg = (flag: string, value?: string) => args.push(value === undefined ? flag : `${flag} ${value}`);

  // the real model's width (the cluster setting), not the toy's d
  arg('--hidden-size', String(config.hiddenSize));
  r.map('hiddenSize', '--hidden-size', String(config.hiddenSize));
  arg('--num-experts', String(E));
  r.map('experts', '--num-experts', String(E));
  sharedExperts(r, arg);

  const router = upstreamRouter('megatron', config.scheme);
  const routed = router !== undefined;
  r.map('fineGrain', routed ? '--num-experts, --moe-router-topk' : '--num-experts', routed ? `E·m = ${E}, k·m = ${k}` : `E·m = ${E}`);
  if (!routed) {
    r.skip('scheme', 'scheme', { scheme: config.scheme });
    r.skipAllBut([], 'scheme', { scheme: config.scheme });
    return r.done('megatron', render(args, presetId));
  }
  const live = r.active(['topK', 'normalize', 'capacityFactor', 'evalCapacityFactor', 'dropPolicy', 'balanceCoef', 'biasRate', 'routerNoise', 'groups', 'topkGroups', 'routedScale', 'scoreFunction', 'groupScore', 'normalizeWeights']);

  arg('--moe-router-topk', String(k));
  r.map('topK', '--moe-router-topk', String(k));

  const sinkhorn = router === 'sinkhorn-balanced';
  const balanceOn = !sinkhorn && live.has('balanceCoef') && config.balanceCoef > 0;
  const balance = sinkhorn ? 'sinkhorn' : balanceOn ? MEGATRON_BALANCE_TYPE[config.balanceType] : 'none';
  arg('--moe-router-load-balancing-type', balance);
  r.map('scheme', '--moe-router-load-balancing-type', balance);
  if (live.has('balanceCoef')) {
    if (config.balanceCoef > 0) arg('--moe-aux-loss-coeff', num(config.balanceCoef));
    r.map('balanceCoef', '--moe-aux-loss-coeff', config.balanceCoef > 0 ? num(config.balanceCoef) : UNSET);
  }
  if (config.zLossCoef > 0) arg('--moe-z-loss-coeff', num(config.zLossCoef));
  r.map('zLossCoef', '--moe-z-loss-coeff', config.zLossCoef > 0 ? num(config.zLossCoef) : UNSET);

  if (router === 'group-limited') deepseek(r, live, arg);
  else if (live.has('normalize')) {
    // softmax over all E then top-k is Megatron's pre-softmax; top-k then softmax its default,
    // which gives the same numbers as renormalising (docs/routing.md). Megatron refuses the
    // latter at k = 1, where every weight would be 1 and the router get no gradient.
    if (config.normalize === 'softmax-topk') {
      arg('--moe-router-pre-softmax');
      r.map('normalize', '--moe-router-pre-softmax', 'true');
    } else if (k === 1) r.skip('normalize', 'megatron-top1');
    else r.map('normalize', '--moe-router-pre-softmax', UNSET);
  }
  if (router === 'top-k') arg('--moe-router-score-function', 'softmax');

  capacity(r, live, arg, sinkhorn);
  variantFlags(r, 'megatron', balanceOn);
  return r.done('megatron', render(args, presetId));
}

type Arg = (flag: string, value?: string) => void;

function sharedExperts(r: FlagsRecord, arg: Arg): void {
  const S = r.config.sharedExperts;
  if (S === 0) {
    r.map('sharedExperts', '--moe-shared-expert-intermediate-size', UNSET);
    r.active(['sharedGate']);
    return;
  }
  // Megatron takes the shared experts' total width; the lab's shared experts are as wide as a routed one
  const width = `$((${S} * MOE_FFN_HIDDEN_SIZE))`;
  arg('--moe-shared-expert-intermediate-size', width);
  r.map('sharedExperts', '--moe-shared-expert-intermediate-size', width);
  if (r.config.sharedGate) arg('--moe-shared-expert-gate');
  r.map('sharedGate', '--moe-shared-expert-gate', r.config.sharedGate ? 'true' : UNSET);
}

function deepseek(r: FlagsRecord, live: Set<keyof MoeConfig>, arg: Arg): void {
  const c = r.config;
  const { k } = r.sizes;
  arg('--moe-router-score-function', c.scoreFunction);
  r.map('scoreFunction', '--moe-router-score-function', c.scoreFunction);
  // Megatron divides chosen sigmoid scores by their sum whenever k > 1; softmax scores are
  // renormalised by its default (top-k then softmax) and kept as they are with pre-softmax
  if (c.scoreFunction === 'sigmoid') {
    if (c.normalizeWeights || k === 1) r.map('normalizeWeights', '(always for sigmoid, k > 1)', String(c.normalizeWeights));
    else r.skip('normalizeWeights', 'megatron-sigmoid-norm');
  } else if (!c.normalizeWeights) {
    arg('--moe-router-pre-softmax');
    r.map('normalizeWeights', '--moe-router-pre-softmax', 'true');
  } else if (k === 1) r.skip('normalizeWeights', 'megatron-top1');
  else r.map('normalizeWeights', '--moe-router-pre-softmax', UNSET);

  if (c.groups > 1) {
    arg('--moe-router-num-groups', String(c.groups));
    arg('--moe-router-group-topk', String(c.topkGroups));
  }
  r.map('groups', '--moe-router-num-groups', c.groups > 1 ? String(c.groups) : UNSET);
  r.map('topkGroups', '--moe-router-group-topk', c.groups > 1 ? String(c.topkGroups) : UNSET);
  if (live.has('groupScore')) {
    // a group's score there is the sum of its best k / group-topk scores
    const best = Math.floor(k / c.topkGroups);
    const wants = c.groupScore === 'max' ? 1 : 2;
    if (best === wants) r.map('groupScore', '(sum of the best k / group-topk)', `${best}`);
    else r.skip('groupScore', 'megatron-group-score', { best });
  }
  if (c.routedScale !== 1) arg('--moe-router-topk-scaling-factor', num(c.routedScale));
  r.map('routedScale', '--moe-router-topk-scaling-factor', c.routedScale !== 1 ? num(c.routedScale) : UNSET);
  if (c.biasRate === 0) r.map('biasRate', '--moe-router-enable-expert-bias', UNSET);
  else if (c.scoreFunction !== 'sigmoid') r.skip('biasRate', 'megatron-bias-softmax');
  else {
    arg('--moe-router-enable-expert-bias');
    arg('--moe-router-bias-update-rate', num(c.biasRate));
    r.map('biasRate', '--moe-router-enable-expert-bias, --moe-router-bias-update-rate', num(c.biasRate));
  }
}

function capacity(r: FlagsRecord, live: Set<keyof MoeConfig>, arg: Arg, sinkhorn: boolean): void {
  const c = r.config;
  if (live.has('capacityFactor')) {
    if (c.capacityFactor === null) r.map('capacityFactor', '--moe-expert-capacity-factor', UNSET);
    // Megatron allows a capacity only with the aux-loss balancing types or none
    else if (sinkhorn) r.skip('capacityFactor', 'megatron-sinkhorn-capacity');
    else {
      arg('--moe-expert-capacity-factor', num(c.capacityFactor));
      r.map('capacityFactor', '--moe-expert-capacity-factor', num(c.capacityFactor));
    }
  }
  if (live.has('evalCapacityFactor')) {
    if (c.evalCapacityFactor === c.capacityFactor && !(sinkhorn && c.capacityFactor !== null)) {
      r.map('evalCapacityFactor', '--moe-expert-capacity-factor', c.capacityFactor === null ? UNSET : num(c.capacityFactor));
    } else r.skip('evalCapacityFactor', 'megatron-eval-capacity');
  }
  if (live.has('dropPolicy')) {
    const usable = c.capacityFactor !== null && !sinkhorn;
    if (usable && (c.dropPolicy === 'position' || c.dropPolicy === 'probs')) {
      arg('--moe-token-drop-policy', c.dropPolicy);
      r.map('dropPolicy', '--moe-token-drop-policy', c.dropPolicy);
    } else r.skip('dropPolicy', 'megatron-drop-policy', { policy: c.dropPolicy });
  }
}

function render(args: string[], presetId?: string): string {
  const head = [`# Megatron-LM MoE arguments, checked against ${UPSTREAM.megatron}`];
  if (presetId) head.push(`# from the lab's preset ${presetId}`);
  if (args.some((a) => a.includes('MOE_FFN_HIDDEN_SIZE'))) head.push('MOE_FFN_HIDDEN_SIZE=${MOE_FFN_HIDDEN_SIZE:?your expert ffn width}');
  return [...head, 'MOE_ARGS=(', ...args.map((a) => `  ${a}`), ')'].join('\n');
}
