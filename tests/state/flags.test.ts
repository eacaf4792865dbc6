// The "Copy as…" mappings: the key flags of the real-model presets in each framework, and for every
// preset and format that each lab setting is either mapped or listed with a reason, exactly once.

import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { isMessageKey } from '../../src/i18n/index.svelte';
import { zhCN } from '../../src/i18n/zh-CN';
import { FLAG_FORMATS, FLAGS_NOTES, FLAGS_WHY, flagsFor, hfModelType } from '../../src/state/flags';
import { PRESETS, presetConfig } from '../../src/state/presets';
import { PARAM_KEYS, schemaDefaults } from '../../src/state/schema';

const megatron = (id: string) => flagsFor('megatron', presetConfig(id), id);
const deepspeed = (id: string) => flagsFor('deepspeed', presetConfig(id), id);
const hf = (id: string) => JSON.parse(flagsFor('huggingface', presetConfig(id), id).text) as Record<string, unknown>;
const lines = (text: string) => text.split('\n').map((l) => l.trim());

describe('every preset in every format', () => {
  const cases = PRESETS.flatMap((p) => FLAG_FORMATS.map((f) => [p.id, f] as const));
  it.each(cases)('%s as %s: each setting mapped or explained, once', (id, format) => {
    const out = flagsFor(format, presetConfig(id), id);
    const seen = [...out.mapped.map((m) => m.setting), ...out.unmapped.map((u) => u.setting)];
    expect([...seen].sort()).toEqual([...PARAM_KEYS].sort());
    for (const u of out.unmapped) {
      expect(FLAGS_WHY).toContain(u.why);
      if (u.why === 'inactive') expect(u.detail && isMessageKey(u.detail)).toBe(true);
    }
    for (const n of out.notes) expect(FLAGS_NOTES).toContain(n.id);
    // every mapped flag is written in the text, unless leaving it out is the match
    for (const m of out.mapped) {
      if (m.value === '(unset)' || m.flag.startsWith('(')) continue;
      for (const flag of m.flag.split(', ')) expect(out.text, `${m.setting} → ${flag}`).toContain(flag);
    }
  });

  it('the Hugging Face text is JSON for every preset', () => {
    for (const p of PRESETS) expect(() => hf(p.id)).not.toThrow();
  });

  it('every reason and note has words in both languages', () => {
    for (const key of [...FLAGS_WHY.map((w) => `flags.why.${w}`), ...FLAGS_NOTES.map((n) => `flags.note.${n}`)]) {
      if (key === 'flags.why.inactive') continue; // the settings panel's own reason is shown
      expect(isMessageKey(key), key).toBe(true);
      if (!isMessageKey(key)) continue;
      expect(en[key]).not.toBe('');
      expect(zhCN[key]).not.toBe(en[key]);
    }
  });
});

describe('Megatron-LM', () => {
  it('DeepSeek-V3: sigmoid, expert bias, 8 groups keeping 4, scale 2.5, top-8', () => {
    const text = lines(megatron('deepseek-v3').text);
    for (const flag of [
      '--moe-router-score-function sigmoid',
      '--moe-router-enable-expert-bias',
      '--moe-router-bias-update-rate 0.001',
      '--moe-router-num-groups 8',
      '--moe-router-group-topk 4',
      '--moe-router-topk-scaling-factor 2.5',
      '--moe-router-topk 8',
      '--moe-router-load-balancing-type none',
    ]) {
      expect(text).toContain(flag);
    }
    expect(text.some((l) => l.startsWith('--moe-expert-capacity-factor'))).toBe(false);
  });

  it('Switch: top-1, capacity 1.25, pre-softmax, aux loss 0.01, no drop policy Megatron lacks', () => {
    const out = megatron('switch');
    const text = lines(out.text);
    for (const flag of ['--moe-router-topk 1', '--moe-expert-capacity-factor 1.25', '--moe-router-pre-softmax', '--moe-aux-loss-coeff 0.01', '--num-experts 16']) expect(text).toContain(flag);
    // slot-major has no Megatron equivalent
    expect(out.unmapped.find((u) => u.setting === 'dropPolicy')?.why).toBe('megatron-drop-policy');
    expect(out.unmapped.find((u) => u.setting === 'evalCapacityFactor')?.why).toBe('megatron-eval-capacity');
  });

  it('DeepSeek-V2: softmax kept unnormalised is pre-softmax; its max group score is not Megatron’s', () => {
    const out = megatron('deepseek-v2');
    expect(lines(out.text)).toContain('--moe-router-pre-softmax');
    expect(lines(out.text)).toContain('--moe-router-topk-scaling-factor 16');
    expect(out.unmapped.find((u) => u.setting === 'groupScore')).toMatchObject({ why: 'megatron-group-score', params: { best: 2 } });
  });

  it('Mixtral: top-k then softmax is the default; S-BASE is sinkhorn without an aux coefficient', () => {
    expect(megatron('mixtral').text).not.toContain('--moe-router-pre-softmax');
    const sbase = megatron('s-base');
    expect(lines(sbase.text)).toContain('--moe-router-load-balancing-type sinkhorn');
    expect(sbase.text).not.toContain('--moe-aux-loss-coeff');
    expect(sbase.unmapped.find((u) => u.setting === 'capacityFactor')?.why).toBe('megatron-sinkhorn-capacity');
  });

  it('schemes Megatron lacks are said so, and their settings are not written', () => {
    for (const id of ['noisy-topk', 'expert-choice', 'soft-moe', 'base-layers', 'hash']) {
      const out = megatron(id);
      expect(out.unmapped.find((u) => u.setting === 'scheme')?.why).toBe('scheme');
      expect(out.text).not.toContain('--moe-router-topk');
    }
  });

  it('Qwen shared experts: width in units of the expert width, with the sigmoid gate', () => {
    const text = lines(megatron('qwen-moe').text);
    expect(text).toContain('--moe-shared-expert-intermediate-size $((4 * MOE_FFN_HIDDEN_SIZE))');
    expect(text).toContain('--moe-shared-expert-gate');
  });
});

describe('DeepSpeed', () => {
  it('Switch: k=1, capacity 1.25, deterministic drops, no minimum capacity', () => {
    const out = deepspeed('switch');
    const text = lines(out.text);
    for (const arg of ['k=1,', 'capacity_factor=1.25,', 'eval_capacity_factor=2,', 'use_rts=False,', 'min_capacity=0,', 'num_experts=16,']) expect(text).toContain(arg);
    expect(out.notes.map((n) => n.id)).toContain('deepspeed-rts');
    expect(out.text).toContain('# loss = task_loss + 0.01 * l_aux');
  });

  it('GShard: k=2 slot-major is DeepSpeed’s order; Mixtral is dropless', () => {
    const out = deepspeed('gshard');
    expect(out.mapped.find((m) => m.setting === 'dropPolicy')).toBeDefined();
    expect(lines(out.text)).toContain('top2_2nd_expert_sampling=False,');
    expect(lines(deepspeed('mixtral').text)).toContain('drop_tokens=False,');
  });

  it('BPR and the DeepSeek scheme have no equivalent', () => {
    expect(deepspeed('vmoe-bpr').unmapped.find((u) => u.setting === 'dropPolicy')?.why).toBe('deepspeed-drop-policy');
    expect(deepspeed('deepseek-v3').unmapped.find((u) => u.setting === 'scheme')?.why).toBe('scheme');
  });
});

describe('Hugging Face', () => {
  it('DeepSeek-V3 and Kimi K2 are deepseek_v3 with noaux_tc', () => {
    const v3 = hf('deepseek-v3');
    expect(v3).toMatchObject({ model_type: 'deepseek_v3', topk_method: 'noaux_tc', n_group: 8, topk_group: 4, routed_scaling_factor: 2.5, scoring_func: 'sigmoid', num_experts_per_tok: 8, n_shared_experts: 1 });
    expect(hf('kimi-k2')).toMatchObject({ model_type: 'deepseek_v3', n_routed_experts: 384 });
  });

  it('DeepSeek-V2 is group_limited_greedy over softmax, V2-Lite greedy', () => {
    expect(hf('deepseek-v2')).toMatchObject({ model_type: 'deepseek_v2', topk_method: 'group_limited_greedy', scoring_func: 'softmax', norm_topk_prob: false, routed_scaling_factor: 16, aux_loss_alpha: 0.003 });
    expect(hf('deepseek-v2-lite')).toMatchObject({ model_type: 'deepseek_v2', topk_method: 'greedy', n_group: 1 });
  });

  it('Mixtral, Qwen2-MoE and OLMoE use their own field names; the aux coefficient is divided by k', () => {
    expect(hf('mixtral')).toMatchObject({ model_type: 'mixtral', num_local_experts: 8, num_experts_per_tok: 2, router_aux_loss_coef: 0.005, output_router_logits: true });
    expect(hf('qwen-moe')).toMatchObject({ model_type: 'qwen2_moe', num_experts: 60, num_experts_per_tok: 4, norm_topk_prob: false });
    expect(hf('olmoe')).toMatchObject({ model_type: 'olmoe', num_experts: 64, num_experts_per_tok: 8 });
  });

  it('Switch has no dropless Hugging Face model: the capacity is listed, and the closest type is named', () => {
    const out = flagsFor('huggingface', presetConfig('switch'), 'switch');
    expect(out.unmapped.find((u) => u.setting === 'capacityFactor')?.why).toBe('hf-dropless');
    expect(out.notes[0]).toEqual({ id: 'hf-closest', params: { type: 'olmoe', preset: 'switch' } });
    expect(hfModelType(schemaDefaults()).closest).toBe(true);
  });
});
