// The synthetic trace (synthetic.ts) written the way other tools write theirs, for the examples
// and the readers' tests: Megatron-LM's router trace (one JSON-lines file per rank and a bf16
// logits side file, Megatron's layout: megatron.ts) and a vLLM log with EPLB balance lines among
// other log lines (vllmLog.ts). Synthetic: made by MoE Playground, not recorded from a model.

import { syntheticTokenStream, type SyntheticOptions, type SyntheticToken } from './synthetic';

/** float32 → bf16 bits, rounding to nearest even as torch's `.to(torch.bfloat16)` does. */
export function float32ToBf16(x: number): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer)[0];
  if ((u & 0x7f800000) === 0x7f800000) return u >>> 16;
  return ((u + 0x7fff + ((u >>> 16) & 1)) >>> 16) & 0xffff;
}

/** Python's json.dumps spacing (", " and ": "), which Megatron's files have. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

export interface MegatronFiles {
  /** router_trace_rank{r}.jsonl, by rank */
  traces: string[];
  /** logits_rank{r}.bin, by rank */
  logits: Uint8Array[];
}

function groupBySteps(options: SyntheticOptions): SyntheticToken[][] {
  const steps: SyntheticToken[][] = [];
  for (const tok of syntheticTokenStream(options)) (steps[tok.step] ??= []).push(tok);
  return steps;
}

/**
 * Megatron's files for `ranks` data-parallel ranks: each step's tokens split in rank order, one
 * record per (step, layer) per rank, with the layer's logits in the rank's side file.
 */
export function syntheticMegatron(options: SyntheticOptions = {}, ranks = 2): MegatronFiles {
  const steps = groupBySteps(options);
  const lines: string[][] = Array.from({ length: ranks }, () => []);
  const bins: number[][] = Array.from({ length: ranks }, () => []);
  for (const [step, toks] of steps.entries()) {
    const per = Math.ceil(toks.length / ranks);
    for (let rank = 0; rank < ranks; rank++) {
      const mine = toks.slice(rank * per, (rank + 1) * per);
      const L = mine[0]?.choices.length ?? 0;
      for (let layer = 0; layer < L; layer++) {
        const E = mine[0].logits[layer].length;
        const offset = bins[rank].length * 2;
        for (const t of mine) for (const x of t.logits[layer]) bins[rank].push(float32ToBf16(x));
        lines[rank].push(
          pythonJson({
            step,
            stage: 'pre_dispatch',
            block: 'decoder',
            layer,
            rank,
            num_tokens: mine.length,
            topk: mine[0].choices[layer].length,
            logit_offset: offset,
            logit_bytes: mine.length * E * 2,
            logit_shape: [mine.length, E],
            top_indices: mine.map((t) => t.choices[layer]),
          }),
        );
      }
    }
  }
  return {
    traces: lines.map((l) => l.map((x) => x + '\n').join('')),
    logits: bins.map((b) => {
      const out = new Uint8Array(b.length * 2);
      b.forEach((u, i) => {
        out[2 * i] = u & 0xff;
        out[2 * i + 1] = u >>> 8;
      });
      return out;
    }),
  };
}

/**
 * A vLLM server log where EPLB logs its balance every step (log_balancedness), `epRanks` ranks
 * holding E / epRanks experts each, among the server's other lines. avg and max are over ranks,
 * summed over layers, as EplbState.step computes them.
 */
export function syntheticVllmLog(options: SyntheticOptions = {}, epRanks = 4, interval = 8): string {
  const steps = groupBySteps(options);
  const out: string[] = [
    `# ${'synthetic: made by MoE Playground, not recorded from a model'}`,
    '(APIServer pid=4242) INFO 12-03 10:00:00 [api_server.py:1880] vLLM API server version 0.0.0-synthetic',
    '(EngineCore_DP0 pid=4300) INFO 12-03 10:00:04 [parallel_state.py:1200] rank 0 in world size 4 is assigned as DP rank 0, PP rank 0, TP rank 0, EP rank 0',
    '(EngineCore_DP0 pid=4300) INFO 12-03 10:00:09 [eplb_state.py:400] Selected EPLB policy: default',
  ];
  for (const [step, toks] of steps.entries()) {
    const L = toks[0].choices.length;
    const E = toks[0].logits[0].length;
    let avg = 0;
    let max = 0;
    for (let l = 0; l < L; l++) {
      const perRank = new Array<number>(epRanks).fill(0);
      for (const t of toks) for (const e of t.choices[l]) perRank[Math.floor((e * epRanks) / E)]++;
      avg += perRank.reduce((s, x) => s + x, 0) / epRanks;
      max += Math.max(...perRank);
    }
    const since = step % interval;
    const time = `10:${String(1 + Math.floor(step / 60)).padStart(2, '0')}:${String(step % 60).padStart(2, '0')}`;
    out.push(
      `(EngineCore_DP0 pid=4300) INFO 12-03 ${time} [eplb_state.py:712] EPLB step: ${since} for model synthetic-moe: avg_tokens=${avg.toFixed(2)}, max_tokens=${max}, balancedness=${(max > 0 ? avg / max : 0).toFixed(4)}, steps until the next rearrangement: ${interval - since}`,
    );
    if (step % 3 === 2) out.push(`(APIServer pid=4242) INFO 12-03 ${time} [loggers.py:127] Engine 000: Avg prompt throughput: ${(100 + step).toFixed(1)} tokens/s, Running: 4 reqs, Waiting: 0 reqs`);
    if (since === interval - 1) out.push(`(EngineCore_DP0 pid=4300) INFO 12-03 ${time} [eplb_state.py:820] Rearranging experts sync mode ...`);
  }
  return out.join('\n') + '\n';
}
