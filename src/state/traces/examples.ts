// The example traces the page offers, served with the app (public/examples/traces/), so they open
// from any static host and offline. Playground, Megatron and vLLM are synthetic: written by
// bench/makeTraceExamples.ts from src/engine/traces/synthetic.ts, not recorded from a model; the
// Hugging Face and SGLang ones come from the converters (docs/trace-converters.md).

export type TraceExampleId = 'playground' | 'megatron' | 'huggingface' | 'sglang' | 'vllm';

export interface TraceExample {
  id: TraceExampleId;
  /** paths under examples/traces/, opened together */
  files: readonly string[];
  /** made by this project: the page marks the trace synthetic even where the format cannot say so */
  synthetic: boolean;
}

export const TRACE_EXAMPLES: readonly TraceExample[] = [
  { id: 'playground', files: ['playground.jsonl'], synthetic: true },
  {
    id: 'megatron',
    files: ['megatron/router_trace_rank0.jsonl', 'megatron/router_trace_rank1.jsonl', 'megatron/logits_rank0.bin', 'megatron/logits_rank1.bin'],
    synthetic: true,
  },
  { id: 'huggingface', files: ['huggingface.jsonl'], synthetic: false },
  { id: 'sglang', files: ['sglang.jsonl'], synthetic: false },
  { id: 'vllm', files: ['vllm-eplb.log'], synthetic: true },
];

/** Where the examples are served, relative to the app's base (import.meta.env.BASE_URL). */
export const TRACE_EXAMPLES_DIR = 'examples/traces/';
