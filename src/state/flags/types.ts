// What "Copy as…" hands the page for one framework: the text to paste, and for every lab setting
// either the framework's name and value for it or why it has none. Reasons and notes are ids; their
// words are in src/i18n/panels/flags.ts (`flags.why.<id>`, `flags.note.<id>`).

import type { MoeConfig } from '../schema';

export const FLAG_FORMATS = ['megatron', 'deepspeed', 'huggingface'] as const;
export type FlagFormat = (typeof FLAG_FORMATS)[number];

/** The upstream code each mapping was checked against (commit and date read). */
export const UPSTREAM: Readonly<Record<FlagFormat, string>> = {
  megatron: 'NVIDIA/Megatron-LM d98e8a64 (2026-08-22)',
  deepspeed: 'deepspeedai/DeepSpeed edaa7221 (2026-08-22)',
  huggingface: 'huggingface/transformers 008e5743',
};

export const FLAGS_WHY = [
  'toy-run',
  'toy-task',
  'toy-batch',
  'toy-width',
  'toy-training',
  'page-only',
  'inactive',
  'scheme',
  'megatron-top1',
  'megatron-sigmoid-norm',
  'megatron-group-score',
  'megatron-bias-softmax',
  'megatron-eval-capacity',
  'megatron-drop-policy',
  'megatron-sinkhorn-capacity',
  'deepspeed-normalize',
  'deepspeed-eval-drops',
  'deepspeed-drop-policy',
  'deepspeed-no-zloss',
  'deepspeed-residual',
  'hf-dropless',
  'hf-normalize',
  'hf-no-zloss',
  'hf-no-shared',
  'hf-shared-width',
  'hf-shared-gate',
  'hf-always-shared',
  'hf-score-function',
  'hf-group-score',
  'hf-bias',
  'hf-bias-rate',
  'cluster',
  'balance-off',
  'balance-type',
  'megatron-global-window',
  'not-upstream',
] as const;
export type FlagsWhy = (typeof FLAGS_WHY)[number];

export const FLAGS_NOTES = [
  'toy-widths',
  'deepspeed-rts',
  'deepspeed-top1-ties',
  'deepspeed-topk',
  'deepspeed-renorm-after-drop',
  'deepspeed-aux-top2',
  'hf-model-type',
  'hf-closest',
  'hf-aux-scale',
  'hf-remote-code',
  'hf-v3-native',
] as const;
export type FlagsNoteId = (typeof FLAGS_NOTES)[number];

export type FlagsParams = Record<string, string | number>;

export interface MappedSetting {
  setting: keyof MoeConfig;
  /** the framework's flag, argument or field (several, comma-separated, when one setting sets them) */
  flag: string;
  /** as written in the text; "(unset)" where leaving the flag out is the match */
  value: string;
}

export interface UnmappedSetting {
  setting: keyof MoeConfig;
  why: FlagsWhy;
  params?: FlagsParams;
  /** for 'inactive': the settings panel's own reason (a message key), so the two never disagree */
  detail?: string;
}

export interface FlagsNote {
  id: FlagsNoteId;
  params?: FlagsParams;
}

export interface FlagsExport {
  format: FlagFormat;
  text: string;
  mapped: MappedSetting[];
  unmapped: UnmappedSetting[];
  notes: FlagsNote[];
}
