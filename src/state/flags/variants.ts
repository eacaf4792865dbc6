// The settings of sequences, the balance-loss variants and the model-level routers as framework
// settings. Megatron-LM (d98e8a64, moe/router.py) has the three load-balancing types the lab
// follows; none of the three frameworks has DeepSeek-V2's device-level loss, the attention
// router (Yuan 2.0-M32's own fork), MH-MoE's heads or Lory's segments.

import type { MoeConfig } from '../schema';
import { FlagsRecord, UNSET } from './builder';
import type { FlagFormat } from './types';

/** moe_router_load_balancing_type for each of the lab's balance types. */
export const MEGATRON_BALANCE_TYPE: Readonly<Record<MoeConfig['balanceType'], string>> = {
  aux: 'aux_loss',
  seq: 'seq_aux_loss',
  global: 'global_aux_loss',
};

/** Maps or explains the seven settings; `balanceOn`: a balance loss is written (α > 0, not Sinkhorn). */
export function variantFlags(r: FlagsRecord, format: FlagFormat, balanceOn: boolean): void {
  const c = r.config;
  // a sequence is the toy batch's shape, as T is
  r.skip('seqLen', 'toy-batch', { value: `${c.tokens / c.seqLen} × ${c.seqLen}` });
  const live = r.active(['balanceType', 'globalWindow', 'deviceBalanceCoef', 'routerKind', 'heads', 'segmentLen']);
  const type = MEGATRON_BALANCE_TYPE[c.balanceType];
  if (live.has('balanceType')) {
    if (!balanceOn) r.skip('balanceType', 'balance-off');
    else if (format === 'megatron') r.map('balanceType', '--moe-router-load-balancing-type', type);
    else if (c.balanceType === 'aux') r.map('balanceType', '(per micro-batch)', UNSET);
    else r.skip('balanceType', 'balance-type', { value: type });
  }
  if (live.has('globalWindow')) {
    if (format === 'megatron' && balanceOn && c.balanceType === 'global') r.skip('globalWindow', 'megatron-global-window', { value: c.globalWindow });
    else r.skip('globalWindow', balanceOn ? 'balance-type' : 'balance-off', { value: 'global_aux_loss' });
  }
  if (live.has('deviceBalanceCoef')) {
    if (c.deviceBalanceCoef > 0) r.skip('deviceBalanceCoef', 'not-upstream', { value: 'DeepSeek-V2' });
    else r.map('deviceBalanceCoef', '(none)', UNSET);
  }
  if (live.has('routerKind')) {
    if (c.routerKind === 'linear') r.map('routerKind', '(linear router)', UNSET);
    else r.skip('routerKind', 'not-upstream', { value: 'Yuan 2.0-M32' });
  }
  if (live.has('heads')) {
    if (c.heads === 1) r.map('heads', '(one head)', UNSET);
    else r.skip('heads', 'not-upstream', { value: 'MH-MoE' });
  }
  if (live.has('segmentLen')) r.skip('segmentLen', 'not-upstream', { value: 'Lory' });
}
