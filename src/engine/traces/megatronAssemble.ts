// Puts Megatron-LM's rank files together into layers once every file is read: a layer is a
// (block, mtp_idx, layer) triple; its tokens run by step, then by rank, then in the order each
// rank wrote them. E is the logits' width where the side files are there, else the largest index
// + 1 (a note says so: Megatron's records do not name E).

import { DEFAULT_ARRAY_LIMIT, type ArrayLimit } from './limits';
import type { MegatronRecord } from './megatron';
import { layerName } from './megatron';
import type { ProblemList } from './problems';
import type { Trace, TraceLayer } from './types';

export type TraceNotes = NonNullable<Trace['notes']>;

/** bf16 (the high 16 bits of a float32) to float32, little-endian as torch writes it on x86/ARM. */
export function bf16ToFloat32(bytes: Uint8Array, offset: number, count: number, into: Float32Array, at: number): number {
  const bits = new Uint32Array(into.buffer, into.byteOffset + at * 4, count);
  let nonFinite = -1;
  for (let i = 0; i < count; i++) {
    const lo = bytes[offset + 2 * i];
    const hi = bytes[offset + 2 * i + 1];
    const u = lo | (hi << 8);
    if (nonFinite < 0 && (u & 0x7f80) === 0x7f80) nonFinite = i;
    bits[i] = u << 16;
  }
  return nonFinite;
}

const BLOCK_ORDER: Record<string, number> = { decoder: 0, mtp: 1 };

function compareLayers(a: MegatronRecord, b: MegatronRecord): number {
  const ba = BLOCK_ORDER[a.block] ?? 2;
  const bb = BLOCK_ORDER[b.block] ?? 2;
  if (ba !== bb) return ba - bb;
  if (a.block !== b.block) return a.block < b.block ? -1 : 1;
  return a.mtpIdx - b.mtpIdx || a.layer - b.layer;
}

export interface MegatronSideFile {
  name: string;
  bytes: Uint8Array;
}

/** The layers, or null after adding problems. `logits` maps a rank to its side file. */
export function assembleMegatron(
  records: MegatronRecord[],
  logits: ReadonlyMap<number, MegatronSideFile>,
  problems: ProblemList,
  notes: TraceNotes,
  limit: ArrayLimit = DEFAULT_ARRAY_LIMIT,
): TraceLayer[] | null {
  const byLayer = new Map<string, MegatronRecord[]>();
  for (const r of records) {
    const list = byLayer.get(r.key);
    if (list) list.push(r);
    else byLayer.set(r.key, [r]);
  }
  const groups = [...byLayer.values()].sort((a, b) => compareLayers(a[0], b[0]));
  let bytes = 0;
  for (const g of groups) for (const r of g) bytes += r.indices.length * 4 + (r.indices.length / r.topk) * 4 + (r.logit ? (r.logit.bytes * 2) : 0);
  if (bytes > limit.bytes) {
    problems.add({ code: 'too-large', file: records[0].file, values: { limit: limit.text } });
    return null;
  }
  const layers: TraceLayer[] = [];
  let inferred = 0;
  const missingSide = new Set<string>();
  for (const group of groups) {
    group.sort((a, b) => a.step - b.step || a.rank - b.rank || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.order - b.order);
    const first = group[0];
    const name = layerName(first.block, first.mtpIdx, first.layer);
    const k = first.topk;
    let T = 0;
    for (const r of group) T += r.indices.length / k;
    // logits only where every record of the layer has them and its side file is open
    const withLogits = group.every((r) => r.logit !== undefined);
    const sideOk = withLogits && group.every((r) => logits.has(r.rank));
    if (withLogits && !sideOk) for (const r of group) if (!logits.has(r.rank)) missingSide.add(`logits_rank${r.rank}.bin`);
    if (!withLogits && group.some((r) => r.logit !== undefined)) notes.push({ code: 'megatron-logits-partial', values: { layer: name } });
    let E = sideOk ? first.logit!.E : 0;
    if (sideOk) {
      const widths = group.find((r) => r.logit!.E !== E);
      if (widths) {
        problems.add({ code: 'size-mismatch', file: widths.file, line: widths.line, field: 'logit_shape[1]', values: { expected: E, got: widths.logit!.E } });
        continue;
      }
      for (const r of group) {
        if (r.maxIndex >= E) problems.add({ code: 'expert-range', file: r.file, line: r.line, field: r.maxField, values: { expert: r.maxIndex, E, layer: name } });
      }
    } else {
      for (const r of group) E = Math.max(E, r.maxIndex + 1);
      E = Math.max(E, k);
      inferred++;
    }
    const experts = new Int32Array(T * k);
    const step = new Int32Array(T);
    const logitValues = sideOk ? new Float32Array(T * E) : undefined;
    let t = 0;
    for (const r of group) {
      const n = r.indices.length / k;
      experts.set(r.indices, t * k);
      step.fill(r.step, t, t + n);
      if (logitValues && r.logit) {
        const side = logits.get(r.rank)!;
        if (r.logit.offset + r.logit.bytes > side.bytes.length) {
          problems.add({ code: 'side-file-size', file: side.name, values: { needed: r.logit.offset + r.logit.bytes, size: side.bytes.length, record: `${r.file}:${r.line}` } });
        } else {
          const bad = bf16ToFloat32(side.bytes, r.logit.offset, n * E, logitValues, t * E);
          if (bad >= 0) {
            const x = logitValues[t * E + bad];
            problems.add({ code: 'not-finite', file: side.name, field: `logits[${Math.floor(bad / E)}][${bad % E}]`, values: { value: String(x), record: `${r.file}:${r.line}` } });
          }
        }
      }
      t += n;
    }
    const out: TraceLayer = { name, E, k, T, experts, step };
    if (logitValues) out.logits = logitValues;
    layers.push(out);
  }
  if (problems.any) return null;
  if (inferred > 0) notes.push({ code: 'megatron-experts-from-indices', values: { layers: inferred } });
  for (const file of missingSide) notes.push({ code: 'megatron-logits-missing', values: { file } });
  return layers;
}
