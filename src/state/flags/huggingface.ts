// The lab's settings as the MoE fields of a Hugging Face config.json. Checked against
// huggingface/transformers 008e5743: models/{mixtral,qwen2_moe,olmoe,deepseek_v2,deepseek_v3}/
// configuration_*.py. scoring_func, aux_loss_alpha and seq_aux are not fields of transformers'
// own DeepseekV2Config/DeepseekV3Config: DeepSeek's modeling code on the Hub (trust_remote_code,
// MoEGate) reads them, as do copies of it in public repositories, which is where they were checked.

import type { MoeConfig } from '../schema';
import { FlagsRecord, num, upstreamRouter } from './builder';
import { variantFlags } from './variants';
import type { FlagsExport } from './types';

export const HF_MODEL_TYPES = ['mixtral', 'qwen2_moe', 'olmoe', 'deepseek_v2', 'deepseek_v3'] as const;
export type HfModelType = (typeof HF_MODEL_TYPES)[number];

// Kimi K2 is the DeepSeek-V3 architecture; DeepSeekMoE 16B routes as V2-Lite does (greedy, softmax)
const BY_PRESET: Readonly<Record<string, HfModelType>> = {
  mixtral: 'mixtral',
  'qwen-moe': 'qwen2_moe',
  olmoe: 'olmoe',
  'deepseek-v2': 'deepseek_v2',
  'deepseek-v2-lite': 'deepseek_v2',
  'deepseek-v3': 'deepseek_v3',
  'kimi-k2': 'deepseek_v3',
};

/** The model type for a preset, else the closest to the settings, and whether it is only the closest. */
export function hfModelType(config: MoeConfig, presetId?: string): { type: HfModelType; closest: boolean } {
  const own = presetId === undefined ? undefined : BY_PRESET[presetId];
  if (own) return { type: own, closest: false };
  let type: HfModelType;
  if (upstreamRouter('huggingface', config.scheme) === 'group-limited') type = config.scoreFunction === 'sigmoid' ? 'deepseek_v3' : 'deepseek_v2';
  else if (config.sharedExperts > 0) type = 'qwen2_moe';
  else type = config.normalize === 'softmax-topk' ? 'olmoe' : 'mixtral';
  return { type, closest: true };
}

export function huggingfaceFlags(config: MoeConfig, presetId?: string): FlagsExport {
  const r = new FlagsRecord(config);
  const { type, closest } = hfModelType(config, presetId);
  r.note(closest ? 'hf-closest' : 'hf-model-type', { type, preset: presetId ?? '—' });
  r.note('toy-widths');
  const fields: [string, unknown][] = [['model_type', type]];
  const deepseek = type === 'deepseek_v2' || type === 'deepseek_v3';
  const schemeFits = upstreamRouter('huggingface', config.scheme) === (deepseek ? 'group-limited' : 'top-k');
  const { E, k } = r.sizes;
  const field = (setting: keyof MoeConfig, name: string, value: unknown) => {
    fields.push([name, value]);
    r.map(setting, name, JSON.stringify(value));
  };
  const expertsField = deepseek ? 'n_routed_experts' : type === 'mixtral' ? 'num_local_experts' : 'num_experts';
  // the real model's width (the cluster setting), not the toy's d
  field('hiddenSize', 'hidden_size', config.hiddenSize);
  field('experts', expertsField, E);
  r.map('fineGrain', schemeFits ? `${expertsField}, num_experts_per_tok` : expertsField, schemeFits ? `E·m = ${E}, k·m = ${k}` : `E·m = ${E}`);
  shared(r, type, field);
  if (!schemeFits) {
    r.skip('scheme', 'scheme', { scheme: config.scheme });
    r.skipAllBut([], 'scheme', { scheme: config.scheme });
    return r.done('huggingface', render(fields));
  }
  r.map('scheme', 'model_type', JSON.stringify(type));
  const live = r.active(['topK', 'normalize', 'capacityFactor', 'evalCapacityFactor', 'dropPolicy', 'balanceCoef', 'biasRate', 'routerNoise', 'groups', 'topkGroups', 'routedScale', 'scoreFunction', 'groupScore', 'normalizeWeights']);
  field('topK', 'num_experts_per_tok', k);

  // every one of these models is dropless
  for (const key of ['capacityFactor', 'evalCapacityFactor', 'dropPolicy'] as const) {
    if (!live.has(key)) continue;
    if (key !== 'dropPolicy' && config[key] === null) r.map(key, '(dropless)', 'null');
    else r.skip(key, 'hf-dropless');
  }
  if (deepseek) deepseekFields(r, type, live, field, (name, value) => fields.push([name, value]));
  else {
    if (live.has('normalize')) {
      // Mixtral always renormalises the chosen softmax scores; the others say so with norm_topk_prob
      if (type !== 'mixtral') field('normalize', 'norm_topk_prob', config.normalize !== 'softmax-topk');
      else if (config.normalize === 'softmax-topk') r.skip('normalize', 'hf-normalize');
      else r.map('normalize', '(always renormalised)', 'true');
    }
    // load_balancing_loss_func counts each of a token's k choices: k times the lab's loss
    fields.push(['output_router_logits', config.balanceCoef > 0]);
    field('balanceCoef', 'router_aux_loss_coef', Number(num(config.balanceCoef / k)));
    if (k > 1) r.note('hf-aux-scale', { k });
    if (config.zLossCoef > 0) r.skip('zLossCoef', 'hf-no-zloss', { type });
    else r.map('zLossCoef', '(no z-loss)', '0');
  }
  variantFlags(r, 'huggingface', live.has('balanceCoef') && config.balanceCoef > 0);
  return r.done('huggingface', render(fields));
}

type Field = (setting: keyof MoeConfig, name: string, value: unknown) => void;
type Push = (name: string, value: unknown) => void;

function shared(r: FlagsRecord, type: HfModelType, field: Field): void {
  const S = r.config.sharedExperts;
  if (type === 'deepseek_v2' || type === 'deepseek_v3') {
    field('sharedExperts', 'n_shared_experts', S);
    if (S > 0 && r.config.sharedGate) r.skip('sharedGate', 'hf-shared-gate', { type });
    else if (S > 0) r.map('sharedGate', '(no gate)', 'false');
    else r.active(['sharedGate']);
  } else if (type === 'qwen2_moe') {
    // one shared expert S times as wide, always behind a sigmoid gate
    if (S === 0) r.skip('sharedExperts', 'hf-always-shared');
    else r.skip('sharedExperts', 'hf-shared-width', { n: S });
    if (S > 0 && !r.config.sharedGate) r.skip('sharedGate', 'hf-shared-gate', { type });
    else if (S > 0) r.map('sharedGate', '(always: shared_expert_gate)', 'true');
    else r.active(['sharedGate']);
  } else {
    if (S > 0) r.skip('sharedExperts', 'hf-no-shared', { type });
    else r.map('sharedExperts', '(none)', '0');
    if (S > 0) r.skip('sharedGate', 'hf-no-shared', { type });
    else r.active(['sharedGate']);
  }
}

function deepseekFields(r: FlagsRecord, type: 'deepseek_v2' | 'deepseek_v3', live: Set<keyof MoeConfig>, field: Field, push: Push): void {
  const c = r.config;
  const v3 = type === 'deepseek_v3';
  r.note('hf-remote-code');
  if (v3) r.note('hf-v3-native');
  field('groups', 'n_group', c.groups);
  field('topkGroups', 'topk_group', c.topkGroups);
  // V3's noaux_tc: sigmoid scores, a selection bias, a group scored by the sum of its best two;
  // V2's group_limited_greedy scores a group by its best expert, and greedy has no groups
  const method = v3 ? 'noaux_tc' : c.groups > 1 && c.topkGroups < c.groups ? 'group_limited_greedy' : 'greedy';
  push('topk_method', method);
  if (live.has('groupScore')) {
    if ((c.groupScore === 'top2-sum') === v3) r.map('groupScore', 'topk_method', JSON.stringify(method));
    else r.skip('groupScore', 'hf-group-score', { type });
  }
  if (v3 && c.scoreFunction !== 'sigmoid') r.skip('scoreFunction', 'hf-score-function', { type });
  else field('scoreFunction', 'scoring_func', c.scoreFunction);
  if (c.biasRate === 0) r.map('biasRate', '(no bias update)', '0');
  else r.skip('biasRate', v3 ? 'hf-bias-rate' : 'hf-bias', { type });
  field('normalizeWeights', 'norm_topk_prob', c.normalizeWeights);
  field('routedScale', 'routed_scaling_factor', c.routedScale);
  if (live.has('balanceCoef')) field('balanceCoef', 'aux_loss_alpha', Number(num(c.balanceCoef)));
  // the lab's balance loss is over the whole batch, not per sequence
  push('seq_aux', false);
  if (c.zLossCoef > 0) r.skip('zLossCoef', 'hf-no-zloss', { type });
  else r.map('zLossCoef', '(no z-loss)', '0');
}

function render(fields: [string, unknown][]): string {
  const body = fields.map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)}`).join(',\n');
  return `{\n${body}\n}`;
}
