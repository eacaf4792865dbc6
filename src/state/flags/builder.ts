// The part the three mappings share: the record of what each lab setting became, the settings no
// framework has (the toy's task, sizes and training), and the settings that do nothing with the
// current ones (the settings panel's inactiveReason, so the two never disagree).

import { effectiveSizes } from '../../engine/config';
import type { Scheme } from '../../engine/routing/traits';
import type { MoeConfig } from '../schema';
import { inactiveReason } from '../settings';
import type { FlagFormat, FlagsExport, FlagsNoteId, FlagsParams, FlagsWhy, MappedSetting, UnmappedSetting } from './types';

/** The kinds of router the frameworks have: top-k over scores, DeepSeek's (groups, bias, scale), Sinkhorn. */
export type UpstreamRouter = 'top-k' | 'group-limited' | 'sinkhorn-balanced';

// which of a framework's routers each lab scheme is; a scheme not listed has none there
const ROUTER_OF: Readonly<Record<FlagFormat, Partial<Record<Scheme, UpstreamRouter>>>> = {
  megatron: { 'token-choice': 'top-k', deepseek: 'group-limited', sinkhorn: 'sinkhorn-balanced' },
  deepspeed: { 'token-choice': 'top-k' },
  huggingface: { 'token-choice': 'top-k', deepseek: 'group-limited' },
};

/** The framework's router for the lab's scheme, or undefined when it has none. */
export const upstreamRouter = (format: FlagFormat, scheme: Scheme): UpstreamRouter | undefined => ROUTER_OF[format][scheme];

/** Written where leaving a flag out (its default) is what matches the lab. */
export const UNSET = '(unset)';

// the toy's data, batch, widths and optimiser: a real model chooses its own
const TOY: Readonly<Partial<Record<keyof MoeConfig, FlagsWhy>>> = {
  seed: 'toy-run',
  weightInit: 'toy-run',
  dataset: 'toy-task',
  dataSize: 'toy-task',
  dataNoise: 'toy-task',
  dataDetail: 'toy-task',
  context: 'toy-task',
  ownText: 'toy-task',
  inputDim: 'toy-task',
  teacherExperts: 'toy-task',
  tokens: 'toy-batch',
  d: 'toy-width',
  h: 'toy-width',
  lr: 'toy-training',
  backend: 'page-only',
  nodes: 'cluster',
  gpusPerNode: 'cluster',
  replicaSlotsPerGpu: 'cluster',
  placement: 'cluster',
  loadWindow: 'cluster',
  replaceEvery: 'cluster',
  bytesOut: 'cluster',
  bytesBack: 'cluster',
};

/** A number as Python, JSON and argparse all read it. */
export const num = (x: number): string => String(Number(x.toPrecision(12)));

export class FlagsRecord {
  readonly mapped: MappedSetting[] = [];
  readonly unmapped: UnmappedSetting[] = [];
  readonly notes: FlagsExport['notes'] = [];
  readonly #seen = new Set<keyof MoeConfig>();
  readonly sizes: ReturnType<typeof effectiveSizes>;

  constructor(readonly config: MoeConfig) {
    this.sizes = effectiveSizes(config);
    for (const [key, why] of Object.entries(TOY) as [keyof MoeConfig, FlagsWhy][]) {
      const value = key === 'h' ? this.sizes.h : String(config[key]);
      this.skip(key, why, { value });
    }
  }

  #claim(setting: keyof MoeConfig): void {
    if (this.#seen.has(setting)) throw new RangeError(`flags: setting "${setting}" recorded twice`);
    this.#seen.add(setting);
  }

  map(setting: keyof MoeConfig, flag: string, value: string): void {
    this.#claim(setting);
    this.mapped.push({ setting, flag, value });
  }

  skip(setting: keyof MoeConfig, why: FlagsWhy, params?: FlagsParams): void {
    this.#claim(setting);
    this.unmapped.push(params ? { setting, why, params } : { setting, why });
  }

  note(id: FlagsNoteId, params?: FlagsParams): void {
    this.notes.push(params ? { id, params } : { id });
  }

  /** Records the settings that do nothing here as such; the ones that apply, for the caller to map. */
  active<K extends keyof MoeConfig>(keys: readonly K[]): Set<K> {
    const live = new Set<K>();
    for (const key of keys) {
      const detail = inactiveReason(key, this.config);
      if (detail === null) {
        live.add(key);
        continue;
      }
      this.#claim(key);
      this.unmapped.push({ setting: key, why: 'inactive', detail });
    }
    return live;
  }

  /** Every setting of a scheme the framework does not have, but those given. */
  skipAllBut(keys: readonly (keyof MoeConfig)[], why: FlagsWhy, params?: FlagsParams): void {
    for (const key of Object.keys(this.config) as (keyof MoeConfig)[]) {
      if (!this.#seen.has(key) && !keys.includes(key)) this.skip(key, why, params);
    }
  }

  done(format: FlagFormat, text: string): FlagsExport {
    return { format, text, mapped: this.mapped, unmapped: this.unmapped, notes: this.notes };
  }
}
