// The lab's settings as DeepSpeed's MoE layer, which takes them in its constructor (there is no
// JSON config for MoE). Checked against deepspeedai/DeepSpeed edaa7221 (2026-08-22):
// deepspeed/moe/layer.py (MoE.__init__, forward returns output, l_aux, exp_counts; use_residual)
// and deepspeed/moe/sharded_moe.py (TopKGate.forward; top1gating, top2gating, topkgating; _capacity).

import type { MoeConfig } from '../schema';
import { FlagsRecord, num, upstreamRouter } from './builder';
import { variantFlags } from './variants';
import type { FlagsExport } from './types';
import { UPSTREAM } from './types';

export function deepspeedFlags(config: MoeConfig, presetId?: string): FlagsExport {
  const r = new FlagsRecord(config);
  const { E, k } = r.sizes;
  const args: [string, string][] = [
    ['hidden_size', String(config.hiddenSize)],
    ['expert', 'expert'],
    ['num_experts', String(E)],
  ];
  const arg = (name: string, value: string) => args.push([name, value]);
  r.map('experts', 'num_experts', String(E));
  // the real model's width (the cluster setting), not the toy's d
  r.map('hiddenSize', 'hidden_size', String(config.hiddenSize));
  r.note('toy-widths');

  // use_residual mixes one dense MLP in with a learned two-way softmax: not a shared expert added at weight 1
  if (config.sharedExperts === 0) {
    args.push(['use_residual', 'False']);
    r.map('sharedExperts', 'use_residual', 'False');
    r.active(['sharedGate']);
  } else {
    r.skip('sharedExperts', 'deepspeed-residual');
    r.skip('sharedGate', 'deepspeed-residual');
  }

  const routed = upstreamRouter('deepspeed', config.scheme) !== undefined;
  r.map('fineGrain', routed ? 'num_experts, k' : 'num_experts', routed ? `E·m = ${E}, k·m = ${k}` : `E·m = ${E}`);
  if (!routed) {
    r.skip('scheme', 'scheme', { scheme: config.scheme });
    r.skipAllBut([], 'scheme', { scheme: config.scheme });
    return r.done('deepspeed', render(args, presetId, null));
  }
  r.map('scheme', 'k, noisy_gate_policy', 'None');
  const live = r.active(['topK', 'normalize', 'capacityFactor', 'evalCapacityFactor', 'dropPolicy', 'balanceCoef', 'biasRate', 'routerNoise', 'groups', 'topkGroups', 'routedScale', 'scoreFunction', 'groupScore', 'normalizeWeights']);
  arg('k', String(k));
  r.map('topK', 'k', String(k));
  // top1gating and top2gating for k = 1, 2 (the docstring's "only supports k=1 or k=2"); since
  // 2024, topkgating for larger k
  if (k > 2) r.note('deepspeed-topk', { k });

  // k = 1: the chosen softmax score as it is; k ≥ 2: the chosen scores over their sum
  if (live.has('normalize')) {
    const fits = k === 1 ? config.normalize === 'softmax-topk' : config.normalize !== 'softmax-topk';
    if (fits) r.map('normalize', `k=${k}`, k === 1 ? 'softmax score' : 'renormalised');
    else r.skip('normalize', 'deepspeed-normalize', { k });
  }

  const cf = config.capacityFactor;
  const ecf = config.evalCapacityFactor;
  if (cf === null) arg('drop_tokens', 'False');
  else {
    arg('capacity_factor', num(cf));
    arg('drop_tokens', 'True');
  }
  r.map('capacityFactor', cf === null ? 'drop_tokens' : 'capacity_factor', cf === null ? 'False' : num(cf));
  // drop_tokens is one switch for training and evaluation
  if ((cf === null) !== (ecf === null)) r.skip('evalCapacityFactor', 'deepspeed-eval-drops');
  else {
    if (ecf !== null) arg('eval_capacity_factor', num(ecf));
    r.map('evalCapacityFactor', ecf === null ? 'drop_tokens' : 'eval_capacity_factor', ecf === null ? 'False' : num(ecf));
  }
  // the lab has no minimum capacity; DeepSpeed's default is 4
  arg('min_capacity', '0');
  if (live.has('dropPolicy')) dropPolicy(r, k);
  arg('use_rts', 'False');
  arg('top2_2nd_expert_sampling', 'False');
  arg('noisy_gate_policy', 'None');
  r.note('deepspeed-rts');
  if (k > 1 && cf !== null) r.note('deepspeed-renorm-after-drop');

  if (config.zLossCoef > 0) r.skip('zLossCoef', 'deepspeed-no-zloss');
  else r.map('zLossCoef', '(no z-loss)', '0');
  let coef: string | null = null;
  if (live.has('balanceCoef')) {
    coef = num(config.balanceCoef);
    r.map('balanceCoef', 'l_aux', coef);
    if (k === 2) r.note('deepspeed-aux-top2');
  }
  variantFlags(r, 'deepspeed', live.has('balanceCoef') && config.balanceCoef > 0);
  return r.done('deepspeed', render(args, presetId, coef));
}

function dropPolicy(r: FlagsRecord, k: number): void {
  const policy = r.config.dropPolicy;
  // k = 1 keeps capacity-many of an expert's tokens by torch.topk over a 0/1 mask (use_rts=False);
  // k = 2 queues every first choice before any second, each in token order (slot-major);
  // k > 2 keeps the largest softmax scores ('probs'; TopKGate never passes another policy)
  if (k === 1 && (policy === 'position' || policy === 'slot-major')) {
    r.map('dropPolicy', 'use_rts', 'False');
    r.note('deepspeed-top1-ties');
  } else if (k === 2 && policy === 'slot-major') r.map('dropPolicy', 'use_rts, top2_2nd_expert_sampling', 'False');
  else if (k > 2 && policy === 'probs') r.map('dropPolicy', '(topkgating drop_policy)', 'probs');
  else r.skip('dropPolicy', 'deepspeed-drop-policy', { policy, k });
}

function render(args: [string, string][], presetId: string | undefined, coef: string | null): string {
  const lines = [`# DeepSpeed MoE layer, checked against ${UPSTREAM.deepspeed}`];
  if (presetId) lines.push(`# from the lab's preset ${presetId}`);
  lines.push('from deepspeed.moe.layer import MoE', '', 'moe = MoE(');
  for (const [name, value] of args) lines.push(`    ${name}=${value},`);
  lines.push(')');
  lines.push('# output, l_aux, exp_counts = moe(hidden_states)');
  if (coef !== null && Number(coef) > 0) lines.push(`# loss = task_loss + ${coef} * l_aux`);
  return lines.join('\n');
}
