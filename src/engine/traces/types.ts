// A router trace as the lab replays it: what a real model's router chose, per MoE layer, read
// from a file on the user's machine (the project's own format, written by hand or by the
// converters; Megatron-LM's router trace; vLLM's EPLB log lines). Plain data, no DOM: the parsers
// build it, the views only read it. Every array is row-major.

/** One MoE layer's routing decisions over the tokens it routed. */
export interface TraceLayer {
  /** the layer's name as the source gives it ("3", "block 0 · layer 3", "model.layers.3.mlp.gate") */
  name: string;
  /** experts in the layer */
  E: number;
  /** choices per token, the same for every token of the layer */
  k: number;
  /** tokens the layer routed */
  T: number;
  /** [T*k] expert of each slot in the source's order (highest weight first where known); -1 pads */
  experts: Int32Array;
  /** [T*k] gate weight of each slot, where the source has them */
  weights?: Float32Array;
  /** [T*E] router logits, where the source has them */
  logits?: Float32Array;
  /** [T] the time index of each token (a training step, a batch of requests), where known */
  step?: Int32Array;
}

/** Per-expert counts without the tokens' choices (SGLang's expert distribution, through its converter). */
export interface TraceCounts {
  /** index into the trace's layer names (`Trace.countLayers`) */
  layer: number;
  E: number;
  /** [S] the time index of each record */
  steps: Int32Array;
  /** [S*E] tokens routed to each expert in each record */
  counts: Float64Array;
}

/** One line of vLLM's EPLB log: the balance of the experts' load at a step, no expert named. */
export interface BalanceRecord {
  step: number;
  avgTokens: number;
  maxTokens: number;
  /** avg / max, as vLLM logs it: 1 is perfectly even */
  balancedness: number;
  /** the step number vLLM printed (steps since its last rearrangement, so it restarts), where logged */
  loggedStep?: number;
  /** the model vLLM named on the line, where logged */
  model?: string;
}

/** Which reader made the trace. */
export type TraceSource = 'playground' | 'megatron' | 'vllm-log';

export interface Trace {
  source: TraceSource;
  /** the project format's version; for other sources, the version of this project's reader */
  version: number;
  /** the model the trace says it came from, as written in the file */
  model?: string;
  /** made by this project (the examples, synthetic data), not recorded from a real model */
  synthetic: boolean;
  /** a line of the file's own description, shown as text */
  description?: string;
  /** token-level layers; empty for a counts-only or balance-only trace */
  layers: TraceLayer[];
  /**
   * the tokens' text, domain and document, aligned with every layer's tokens (present only when
   * every layer routed the same T tokens in the same order)
   */
  tokens?: { text?: string[]; domain?: Uint16Array; doc?: Int32Array };
  /** display names of domain ids and document ids, where the file names them */
  domains?: string[];
  documents?: string[];
  /** counts-only records (SGLang through its converter) and the names of their layers */
  counts?: TraceCounts[];
  countLayers?: string[];
  /** vLLM's EPLB balance over time */
  balance?: BalanceRecord[];
  /** the files read, in order */
  files: { name: string; bytes: number }[];
  /**
   * how the reader filled what the source does not say (Megatron's E from the largest index), or
   * what it left out (a side file it did not read); worded by the page like a problem
   */
  notes?: { code: string; values?: Record<string, string | number> }[];
}
