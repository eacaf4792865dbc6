// placeholder: replaced by traceparse at merge
// The example traces the app serves from its own examples/traces/ folder (all synthetic).

export type TraceExampleId = 'playground' | 'megatron' | 'huggingface' | 'sglang' | 'vllm';

export const TRACE_EXAMPLES: readonly { id: TraceExampleId; files: readonly string[] }[] = [
  { id: 'playground', files: ['playground.jsonl'] },
  { id: 'megatron', files: ['megatron-rank0.jsonl'] },
  { id: 'huggingface', files: ['huggingface.jsonl'] },
  { id: 'sglang', files: ['sglang.jsonl'] },
  { id: 'vllm', files: ['vllm-eplb.log'] },
];
