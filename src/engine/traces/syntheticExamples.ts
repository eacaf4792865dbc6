// The example trace files the page offers (public/examples/traces/), as the generator writes them
// now: bench/makeTraceExamples.ts writes them to disk and a test checks the committed files equal
// these, so the examples never drift from the readers.

import { syntheticTraceLines } from './synthetic';
import { syntheticMegatron, syntheticVllmLog } from './syntheticFormats';

/** Paths under public/examples/traces/ and their contents. */
export function syntheticExampleFiles(): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  files.set('playground.jsonl', [...syntheticTraceLines()].join('\n') + '\n');
  const megatron = syntheticMegatron();
  megatron.traces.forEach((text, rank) => files.set(`megatron/router_trace_rank${rank}.jsonl`, text));
  megatron.logits.forEach((bytes, rank) => files.set(`megatron/logits_rank${rank}.bin`, bytes));
  files.set('vllm-eplb.log', syntheticVllmLog());
  return files;
}
