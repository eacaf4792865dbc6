import { describe, expect, it } from 'vitest';
import { bf16ToFloat32 } from '../../../src/engine/traces/megatronAssemble';
import { float32ToBf16 } from '../../../src/engine/traces/syntheticFormats';
import { lines, open, openOk, openProblems } from './helpers';

/** A Megatron record as router_trace.py writes it (logit fields where given). */
function rec(step: number, layer: number, rank: number, top: number[][], logit?: [offset: number, E: number]) {
  const r: Record<string, unknown> = { step, stage: 'pre_dispatch', block: 'decoder', layer, rank, num_tokens: top.length, topk: top[0]?.length ?? 2 };
  if (logit) Object.assign(r, { logit_offset: logit[0], logit_bytes: top.length * logit[1] * 2, logit_shape: [top.length, logit[1]] });
  r.top_indices = top;
  return r;
}

/** A little-endian bf16 side file. */
function bf16File(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  values.forEach((x, i) => {
    const u = float32ToBf16(x);
    out[2 * i] = u & 0xff;
    out[2 * i + 1] = u >> 8;
  });
  return out;
}

describe("Megatron-LM's router trace", () => {
  it('puts rank files together by layer, ordering tokens by step then rank, with the bf16 logits', async () => {
    // E = 4. rank 0: step 0 layer 0 (2 tokens, logits at byte 0), layer 1 (1 token, at 16), step 1 layer 0 (1 token, at 24)
    const rank0 = lines(rec(0, 0, 0, [[1, 0], [2, 3]], [0, 4]), rec(0, 1, 0, [[3, 2]], [16, 4]), rec(1, 0, 0, [[2, 1]], [24, 4]));
    const rank1 = lines(rec(0, 0, 1, [[0, 1]], [0, 4]), rec(0, 1, 1, [[1, 0]], [8, 4]));
    const logits0 = bf16File([1, 0, -2, 0.5, /* */ 0, 0, 3, 1, /* layer 1 */ 0, 0, 1, 2, /* step 1 */ 0, 1, 2, 0]);
    const logits1 = bf16File([2, 1, 0, 0, /* layer 1 */ 0.5, 1, 0, 0]);
    // files in any order: rank 1 first
    const trace = await openOk({ 'router_trace_rank1.jsonl': rank1, 'logits_rank0.bin': logits0, 'router_trace_rank0.jsonl': rank0, 'logits_rank1.bin': logits1 });
    expect(trace.source).toBe('megatron');
    expect(trace.notes).toBeUndefined();
    const [l0, l1] = trace.layers;
    // layer 0: step 0 rank 0 (2 tokens), step 0 rank 1 (1), step 1 rank 0 (1)
    expect([l0.name, l0.E, l0.k, l0.T]).toEqual(['decoder · layer 0', 4, 2, 4]);
    expect([...l0.experts]).toEqual([1, 0, 2, 3, 0, 1, 2, 1]);
    expect([...l0.step!]).toEqual([0, 0, 0, 1]);
    expect([...l0.logits!]).toEqual([1, 0, -2, 0.5, 0, 0, 3, 1, 2, 1, 0, 0, 0, 1, 2, 0]);
    expect(l0.weights).toBeUndefined();
    expect([...l1.experts]).toEqual([3, 2, 1, 0]);
    expect([...l1.logits!]).toEqual([0, 0, 1, 2, 0.5, 1, 0, 0]);
    expect(trace.tokens).toBeUndefined();
    expect(trace.files.map((f) => f.name)).toEqual(['router_trace_rank1.jsonl', 'logits_rank0.bin', 'router_trace_rank0.jsonl', 'logits_rank1.bin']);
  });

  it('without side files takes E from the largest index + 1 and says so', async () => {
    const trace = await openOk({ 'router_trace_rank0.jsonl': lines(rec(0, 3, 0, [[5, 1]], [0, 8]), { ...rec(0, 0, 0, [[0, 2]]), block: 'mtp', mtp_idx: 0 }) });
    expect(trace.layers.map((l) => [l.name, l.E])).toEqual([
      ['decoder · layer 3', 6],
      ['mtp 0 · layer 0', 3],
    ]);
    expect(trace.notes).toEqual([
      { code: 'megatron-experts-from-indices', values: { layers: 2 } },
      { code: 'megatron-logits-missing', values: { file: 'logits_rank0.bin' } },
    ]);
  });

  it('says where k varies, where num_tokens disagrees, and where an index is not below the logits width', async () => {
    const p = await openProblems({
      'router_trace_rank0.jsonl': lines(rec(0, 0, 0, [[1, 0]]), rec(1, 0, 0, [[1, 0, 2]]), { ...rec(2, 0, 0, [[1, 0]]), num_tokens: 3 }, rec(3, 0, 0, [[1, 0], [2]])),
    });
    expect(p.map((x) => [x.code, x.line, x.field])).toEqual([
      ['k-varies', 2, 'topk'],
      ['size-mismatch', 3, 'top_indices'],
      ['k-varies', 4, 'top_indices[1]'],
    ]);
    const range = await openProblems({ 'router_trace_rank0.jsonl': lines(rec(0, 0, 0, [[1, 0], [4, 2]], [0, 4])), 'logits_rank0.bin': new Uint8Array(16) });
    expect(range).toEqual([
      { code: 'expert-range', file: 'router_trace_rank0.jsonl', line: 1, field: 'top_indices[1][0]', values: { expert: 4, E: 4, layer: 'decoder · layer 0' } },
    ]);
  });

  it('refuses a rank that disagrees with its file, a short side file, NaN logits, and a side file alone', async () => {
    const wrong = await openProblems({ 'router_trace_rank1.jsonl': lines(rec(0, 0, 0, [[1, 0]])) });
    expect(wrong[0]).toMatchObject({ code: 'ranks-disagree', line: 1, field: 'rank', values: { rank: 0, fileRank: 1 } });
    const short = await openProblems({ 'router_trace_rank0.jsonl': lines(rec(0, 0, 0, [[1, 0]], [0, 4])), 'logits_rank0.bin': new Uint8Array(6) });
    expect(short[0]).toMatchObject({ code: 'side-file-size', file: 'logits_rank0.bin', values: { needed: 8, size: 6 } });
    const nan = await openProblems({ 'router_trace_rank0.jsonl': lines(rec(0, 0, 0, [[1, 0]], [0, 2])), 'logits_rank0.bin': bf16File([1, NaN]) });
    expect(nan[0]).toMatchObject({ code: 'not-finite', file: 'logits_rank0.bin', field: 'logits[0][1]' });
    expect(await openProblems({ 'logits_rank0.bin': bf16File([1, 2]) })).toEqual([{ code: 'side-file-alone', file: 'logits_rank0.bin' }]);
  });

  it('converts bf16 by shifting into the high 16 bits', () => {
    // 0x3f80 → 1, 0xc000 → -2, 0x4049 → 3.140625 (π in bf16)
    const out = new Float32Array(3);
    bf16ToFloat32(new Uint8Array([0x80, 0x3f, 0x00, 0xc0, 0x49, 0x40]), 0, 3, out, 0);
    expect([...out]).toEqual([1, -2, 3.140625]);
  });

  it('is told from its content, not its name', async () => {
    const r = await open({ 'renamed.txt': lines(rec(0, 0, 0, [[1, 0]])) });
    expect(r.ok && r.trace.source).toBe('megatron');
  });
});
