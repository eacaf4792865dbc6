// Tells a trace file's format from its first bytes and first line, not its name's extension: a
// renamed file still opens, and a file that is not a trace says what it is. Megatron's side files
// are raw bf16 with no header, so only they are known by name (logits_rank{r}.bin).

import { looksLikeMegatron, rankOfName } from './megatron';
import { OWN_FORMAT } from './ownHeader';

export type FileKind =
  | { kind: 'own' }
  | { kind: 'megatron'; rank?: number }
  | { kind: 'vllm' }
  | { kind: 'megatron-logits'; rank: number }
  | { kind: 'megatron-hidden' }
  | { kind: 'megatron-state' }
  | { kind: 'pickle' }
  | { kind: 'binary' }
  | { kind: 'empty' }
  | { kind: 'unknown'; format?: string };

/** How many bytes detection reads from the start of a file. */
export const HEAD_BYTES = 64 * 1024;

/** A zip (what torch.save writes) or a pickle stream (protocol 2 to 5). */
export function isPickleOrZip(head: Uint8Array): boolean {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) return true;
  return head.length >= 2 && head[0] === 0x80 && head[1] >= 2 && head[1] <= 5;
}

function hasNul(head: Uint8Array): boolean {
  return head.indexOf(0) >= 0;
}

export function detectFile(name: string, size: number, head: Uint8Array): FileKind {
  if (size === 0) return { kind: 'empty' };
  if (isPickleOrZip(head)) return /router_state_rank\d+\.pt$/.test(name) ? { kind: 'megatron-state' } : { kind: 'pickle' };
  const logitsRank = rankOfName(name, 'logits');
  if (logitsRank !== undefined) return { kind: 'megatron-logits', rank: logitsRank };
  if (rankOfName(name, 'hidden') !== undefined) return { kind: 'megatron-hidden' };
  if (hasNul(head)) return { kind: 'binary' };
  const text = new TextDecoder('utf-8').decode(head);
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') return { kind: 'empty' };
  if (start.startsWith('{')) {
    const nl = start.indexOf('\n');
    const first = nl < 0 ? start : start.slice(0, nl);
    let parsed: unknown;
    try {
      parsed = JSON.parse(first);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) {
      if (looksLikeMegatron(parsed)) return { kind: 'megatron', rank: rankOfName(name, 'trace') };
      const format = (parsed as { format?: unknown }).format;
      if (format === OWN_FORMAT) return { kind: 'own' };
      return typeof format === 'string' ? { kind: 'unknown', format } : { kind: 'unknown' };
    }
    // a first line too long for the head, or cut: its opening fields still say what it is
    if (new RegExp(`^\\{\\s*"format"\\s*:\\s*"${OWN_FORMAT}"`).test(first) || first.includes(`"${OWN_FORMAT}"`)) return { kind: 'own' };
    if (/"top_indices"\s*:/.test(first) || (/"num_tokens"\s*:/.test(first) && /"topk"\s*:/.test(first))) {
      return { kind: 'megatron', rank: rankOfName(name, 'trace') };
    }
    return { kind: 'own' };
  }
  // text that is not JSON: a log, read for EPLB lines (the reader says so if it has none)
  return { kind: 'vllm' };
}
