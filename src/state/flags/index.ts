// "Copy as…": the lab's settings in the words of a training framework (types.ts says what comes back).

import type { MoeConfig } from '../schema';
import { deepspeedFlags } from './deepspeed';
import { huggingfaceFlags } from './huggingface';
import { megatronFlags } from './megatron';
import type { FlagFormat, FlagsExport } from './types';

export * from './types';
export { hfModelType } from './huggingface';

const BY_FORMAT: Readonly<Record<FlagFormat, (config: MoeConfig, presetId?: string) => FlagsExport>> = {
  megatron: megatronFlags,
  deepspeed: deepspeedFlags,
  huggingface: huggingfaceFlags,
};

/** The settings as format's text, what each became, and why the others have no equivalent. */
export function flagsFor(format: FlagFormat, config: MoeConfig, presetId?: string): FlagsExport {
  return BY_FORMAT[format](config, presetId);
}
