// The balance-loss variants and the model-level routers as framework settings: Megatron-LM's
// three load-balancing types, and the lab's own variants explained, never dropped.

import { describe, expect, it } from 'vitest';
import { flagsFor } from '../../src/state/flags';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';

const config = (over: Partial<MoeConfig>): MoeConfig => ({ ...schemaDefaults(), ...over });
const why = (out: ReturnType<typeof flagsFor>, key: keyof MoeConfig) => out.unmapped.find((u) => u.setting === key)?.why;
const mapped = (out: ReturnType<typeof flagsFor>, key: keyof MoeConfig) => out.mapped.find((m) => m.setting === key);

describe('balance types', () => {
  it('Megatron-LM writes the type the lab trains with', () => {
    for (const [type, flag] of [['aux', 'aux_loss'], ['seq', 'seq_aux_loss'], ['global', 'global_aux_loss']] as const) {
      const out = flagsFor('megatron', config({ balanceType: type }));
      expect(out.text).toContain(`--moe-router-load-balancing-type ${flag}`);
      expect(mapped(out, 'balanceType')?.value).toBe(flag);
    }
    // the global window is Megatron's global batch, which the lab cannot name for it
    expect(why(flagsFor('megatron', config({ balanceType: 'global', globalWindow: 16 })), 'globalWindow')).toBe('megatron-global-window');
  });

  it('with α = 0 no type is written, and the type is said not to matter', () => {
    const out = flagsFor('megatron', config({ balanceCoef: 0, balanceType: 'seq' }));
    expect(out.text).toContain('--moe-router-load-balancing-type none');
    expect(why(out, 'balanceType')).toBe('balance-off');
  });

  it('DeepSpeed and Hugging Face have the micro-batch loss only', () => {
    for (const format of ['deepspeed', 'huggingface'] as const) {
      expect(mapped(flagsFor(format, config({ balanceType: 'aux' })), 'balanceType')?.value).toBe('(unset)');
      expect(why(flagsFor(format, config({ balanceType: 'seq' })), 'balanceType')).toBe('balance-type');
    }
  });
});

describe('the lab’s own variants', () => {
  it('are explained when on and match the framework when off', () => {
    const on = flagsFor('megatron', config({ routerKind: 'attention', heads: 4, deviceBalanceCoef: 0.05, scheme: 'deepseek', groups: 4, topkGroups: 2 }));
    expect(why(on, 'routerKind')).toBe('not-upstream');
    expect(why(on, 'heads')).toBe('not-upstream');
    expect(why(on, 'deviceBalanceCoef')).toBe('not-upstream');
    const off = flagsFor('megatron', config({}));
    expect(mapped(off, 'routerKind')?.value).toBe('(unset)');
    expect(mapped(off, 'heads')?.value).toBe('(unset)');
    expect(why(off, 'seqLen')).toBe('toy-batch');
  });
});
