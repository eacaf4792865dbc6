// Reads Megatron-LM's router trace (`--moe-routing-trace-path`): one JSON-lines file per rank,
// `router_trace_rank{r}.jsonl`, one record per (step, block, layer) with the layer's top-k expert
// indices, and optionally the router logits in a bf16 side file `logits_rank{r}.bin`. Layout read
// from NVIDIA/Megatron-LM megatron/core/transformer/moe/router_trace.py at commit
// d98e8a64ddf34856e74b24714e3bedb2f5a39553 (file last changed in c1560d9481dae7c5243623457f5a1788d411cc6b):
//   {"step", "stage": "pre_dispatch", "block": "decoder"|"mtp", "layer", "rank", "num_tokens",
//    "topk", "top_indices": [[...topk ints...] × num_tokens], "mtp_idx"? (MTP layers only),
//    "logit_offset"?, "logit_bytes"?, "logit_shape"?: [num_tokens, E]}
// The records hold no gate weights and no token text. This file reads the lines; the layers are
// put together once all files are read (megatronAssemble.ts).

import { isInt, isRecord, parseJsonLine } from './jsonLine';
import type { FileProblems } from './problems';

/** One record: a (step, block, layer) of one rank. One object per record, never per token. */
export interface MegatronRecord {
  /** "decoder:-1:3", "mtp:0:1": the layer's identity */
  key: string;
  block: string;
  mtpIdx: number;
  layer: number;
  step: number;
  rank: number;
  /** the record's position in its file, to keep the written order within a (step, rank) */
  order: number;
  topk: number;
  indices: Int32Array;
  /** largest index in the record and where it stands, for the range check once E is known */
  maxIndex: number;
  maxField: string;
  logit?: { offset: number; bytes: number; E: number };
  file: string;
  line: number;
}

/** The rank a Megatron file's name gives (`router_trace_rank3.jsonl`, `logits_rank3.bin`). */
export function rankOfName(name: string, kind: 'trace' | 'logits' | 'hidden'): number | undefined {
  const prefix = kind === 'trace' ? 'router_trace_rank' : kind === 'logits' ? 'logits_rank' : 'hidden_states_rank';
  const m = new RegExp(`(?:^|[\\\\/])${prefix}(\\d+)\\.(?:jsonl|bin)$`).exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Whether a parsed line looks like a Megatron record (for telling formats apart). */
export function looksLikeMegatron(v: unknown): boolean {
  return isRecord(v) && 'top_indices' in v && ('topk' in v || 'num_tokens' in v);
}

export class MegatronFileParser {
  stopped = false;
  readonly records: MegatronRecord[] = [];
  private order = 0;

  constructor(
    private readonly problems: FileProblems,
    /** the rank the file's name gives, if it follows Megatron's naming */
    private readonly fileRank: number | undefined,
    /** shared across the rank files: the topk each layer showed first, and where */
    private readonly topkOf: Map<string, { k: number; file: string; line: number }>,
  ) {}

  line(text: string, n: number, terminated: boolean): void {
    if (this.stopped || text.trim() === '') return;
    const parsed = parseJsonLine(text, n, terminated, this.problems);
    if (parsed.ok) this.record(parsed.value, n);
    if (this.problems.full) this.stopped = true;
  }

  private int(v: Record<string, unknown>, key: string, n: number, min: number): number | null {
    const x = v[key];
    if (isInt(x) && x >= min) return x;
    this.problems.add(x === undefined ? 'missing-field' : 'bad-type', n, key, { expected: min === 0 ? 'integer ≥ 0' : 'integer' });
    return null;
  }

  private record(v: unknown, n: number): void {
    const p = this.problems;
    if (!isRecord(v)) {
      p.add('bad-type', n, undefined, { expected: 'object' });
      return;
    }
    if (!('top_indices' in v)) {
      p.add('missing-field', n, 'top_indices');
      return;
    }
    const step = this.int(v, 'step', n, -(2 ** 31));
    const layer = this.int(v, 'layer', n, 0);
    const rank = this.int(v, 'rank', n, 0);
    const numTokens = this.int(v, 'num_tokens', n, 0);
    const topk = this.int(v, 'topk', n, 1);
    const block = typeof v.block === 'string' ? v.block : null;
    if (block === null) p.add(v.block === undefined ? 'missing-field' : 'bad-type', n, 'block', { expected: 'string' });
    let mtpIdx = -1;
    if (v.mtp_idx !== undefined) {
      if (isInt(v.mtp_idx) && v.mtp_idx >= 0) mtpIdx = v.mtp_idx;
      else p.add('bad-type', n, 'mtp_idx', { expected: 'integer ≥ 0' });
    }
    if (step === null || layer === null || rank === null || numTokens === null || topk === null || block === null) return;
    if (this.fileRank !== undefined && rank !== this.fileRank) p.add('ranks-disagree', n, 'rank', { rank, fileRank: this.fileRank });
    const key = `${block}:${mtpIdx}:${layer}`;
    const name = layerName(block, mtpIdx, layer);
    const first = this.topkOf.get(key);
    if (first === undefined) this.topkOf.set(key, { k: topk, file: p.file, line: n });
    else if (first.k !== topk) p.add('k-varies', n, 'topk', { layer: name, k: first.k, got: topk, firstFile: first.file, firstLine: first.line });
    const rows = v.top_indices;
    if (!Array.isArray(rows)) {
      p.add('bad-type', n, 'top_indices', { expected: 'array' });
      return;
    }
    if (rows.length !== numTokens) {
      p.add('size-mismatch', n, 'top_indices', { expected: numTokens, got: rows.length });
      return;
    }
    const indices = new Int32Array(numTokens * topk);
    let maxIndex = -1;
    let maxField = '';
    let ok = true;
    for (let t = 0; t < numTokens && !p.full; t++) {
      const row: unknown = rows[t];
      if (!Array.isArray(row) || row.length !== topk) {
        if (Array.isArray(row)) p.add('k-varies', n, `top_indices[${t}]`, { layer: name, k: topk, got: row.length });
        else p.add('bad-type', n, `top_indices[${t}]`, { expected: 'array' });
        ok = false;
        continue;
      }
      for (let j = 0; j < topk; j++) {
        const e: unknown = row[j];
        const at = `top_indices[${t}][${j}]`;
        if (!isInt(e)) {
          p.add('bad-type', n, at, { expected: 'integer' });
          ok = false;
        } else if (e < -1) {
          p.add('expert-range', n, at, { expert: e, E: '?', layer: name });
          ok = false;
        } else if (e >= 0 && row.indexOf(e) < j) {
          p.add('duplicate-choice', n, at, { expert: e });
          ok = false;
        } else {
          indices[t * topk + j] = e;
          if (e > maxIndex) {
            maxIndex = e;
            maxField = at;
          }
        }
      }
    }
    if (!ok) return;
    const rec: MegatronRecord = { key, block, mtpIdx, layer, step, rank, order: this.order++, topk, indices, maxIndex, maxField, file: p.file, line: n };
    const logit = this.logitRef(v, n, numTokens);
    if (logit) rec.logit = logit;
    this.records.push(rec);
  }

  /** Where the record's logits lie in the side file, checked against its own shape. */
  private logitRef(v: Record<string, unknown>, n: number, numTokens: number): MegatronRecord['logit'] | undefined {
    if (v.logit_offset === undefined && v.logit_bytes === undefined && v.logit_shape === undefined) return undefined;
    const offset = this.int(v, 'logit_offset', n, 0);
    const bytes = this.int(v, 'logit_bytes', n, 0);
    const shape = v.logit_shape;
    if (!Array.isArray(shape) || shape.length !== 2 || !isInt(shape[0]) || !isInt(shape[1]) || shape[1] < 1) {
      this.problems.add(shape === undefined ? 'missing-field' : 'bad-type', n, 'logit_shape', { expected: '[num_tokens, experts]' });
      return undefined;
    }
    if (offset === null || bytes === null) return undefined;
    const [rows, E] = shape as [number, number];
    if (rows !== numTokens) this.problems.add('size-mismatch', n, 'logit_shape[0]', { expected: numTokens, got: rows });
    else if (bytes !== rows * E * 2) this.problems.add('size-mismatch', n, 'logit_bytes', { expected: rows * E * 2, got: bytes });
    else return { offset, bytes, E };
    return undefined;
  }
}

/** A layer's name as the page shows it: "decoder · layer 3", "mtp 0 · layer 1". */
export function layerName(block: string, mtpIdx: number, layer: number): string {
  return mtpIdx >= 0 ? `${block} ${mtpIdx} · layer ${layer}` : `${block} · layer ${layer}`;
}
