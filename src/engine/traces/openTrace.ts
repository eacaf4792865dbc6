// Opens one or several trace files into a Trace: checks sizes, tells each file's format from its
// content, reads text a chunk at a time through the right reader, and puts Megatron's rank files
// and side files together. Plain TypeScript over an abstract file (slice → bytes), so the worker
// runs it on `File`s and the tests on bytes in memory.

import { detectFile, HEAD_BYTES, type FileKind } from './detect';
import { DEFAULT_ARRAY_LIMIT, FILE_LIMIT_TEXT, MAX_FILE_BYTES, type ArrayLimit } from './limits';
import { LineSplitter } from './lineSplitter';
import { MegatronFileParser } from './megatron';
import { assembleMegatron, type MegatronSideFile, type TraceNotes } from './megatronAssemble';
import { OwnFormatParser } from './ownFormat';
import { FileProblems, ProblemList, type TraceProblem } from './problems';
import type { Trace } from './types';
import { VllmLogParser } from './vllmLog';

/** A file as the opener reads it: its name, size and any byte range. */
export interface TraceInputFile {
  name: string;
  size: number;
  slice(start: number, end: number): Promise<Uint8Array>;
}

export interface OpenOptions {
  /** bytes read so far of all files */
  onProgress?: (bytes: number) => void;
  /** checked between chunks: true stops the open */
  cancelled?: () => boolean;
  /** bytes per read; 4 MiB by default */
  chunkBytes?: number;
  /** the token arrays' limit (1.5 GB); tests lower it */
  arrayLimit?: ArrayLimit;
}

export type OpenResult = { ok: true; trace: Trace } | { ok: false; problems: TraceProblem[] } | { ok: false; cancelled: true; problems: [] };

/** An in-memory file, for tests, the examples' generator and Node scripts. */
export function memoryFile(name: string, content: string | Uint8Array): TraceInputFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, size: bytes.length, slice: (a, b) => Promise.resolve(bytes.subarray(a, b)) };
}

interface LineReader {
  stopped: boolean;
  line(text: string, n: number, terminated: boolean): void;
}

class Cancelled extends Error {}

export async function openTrace(files: readonly TraceInputFile[], options: OpenOptions = {}): Promise<OpenResult> {
  try {
    return await openUnguarded(files, options);
  } catch (err) {
    if (err instanceof Cancelled) return { ok: false, cancelled: true, problems: [] };
    // a reader bug or an unreadable file must not escape as an exception: it is a problem like any other
    return { ok: false, problems: [{ code: 'read-failed', file: files[0]?.name ?? '', values: { message: err instanceof Error ? err.message : String(err) } }] };
  }
}

async function openUnguarded(files: readonly TraceInputFile[], options: OpenOptions): Promise<OpenResult> {
  const list = new ProblemList();
  const fail = (): OpenResult => ({ ok: false, problems: list.items });
  if (files.length === 0) {
    list.add({ code: 'empty', file: '' });
    return fail();
  }
  for (const f of files) {
    if (f.size > MAX_FILE_BYTES) list.add({ code: 'too-large', file: f.name, values: { limit: FILE_LIMIT_TEXT, size: f.size } });
  }
  if (list.any) return fail();
  const kinds: FileKind[] = [];
  for (const f of files) kinds.push(detectFile(f.name, f.size, await f.slice(0, Math.min(f.size, HEAD_BYTES))));
  files.forEach((f, i) => {
    const k = kinds[i];
    if (k.kind === 'pickle') list.add({ code: 'pickle', file: f.name });
    else if (k.kind === 'binary') list.add({ code: 'binary', file: f.name });
    else if (k.kind === 'empty') list.add({ code: 'empty', file: f.name });
    else if (k.kind === 'unknown') list.add({ code: 'unknown-format', file: f.name, line: 1, ...(k.format !== undefined ? { field: 'format', values: { format: k.format } } : {}) });
  });
  if (list.any) return fail();
  const main = new Set(kinds.map((k) => k.kind).filter((k) => k === 'own' || k === 'megatron' || k === 'vllm'));
  const sideOnly = main.size === 0;
  const megatronSide = kinds.some((k) => k.kind.startsWith('megatron-'));
  if (sideOnly) {
    files.forEach((f) => list.add({ code: 'side-file-alone', file: f.name }));
    return fail();
  }
  if (main.size > 1 || (megatronSide && !main.has('megatron'))) {
    list.add({ code: 'mixed-formats', file: files[0].name, values: { formats: [...new Set(kinds.map((k) => k.kind))].join(', ') } });
    return fail();
  }
  const total = files.reduce((s, f) => s + f.size, 0);
  const progress = { bytes: 0 };
  const read = (f: TraceInputFile, reader: LineReader) => readLines(f, reader, options, progress, total);
  const fileList = files.map((f) => ({ name: f.name, bytes: f.size }));

  if (main.has('own')) {
    if (files.length > 1) {
      list.add({ code: 'several-files', file: files[0].name, values: { count: files.length } });
      return fail();
    }
    const parser = new OwnFormatParser(new FileProblems(list, files[0].name), files[0].size, options.arrayLimit);
    await read(files[0], parser);
    const trace = parser.finish(fileList[0]);
    return trace ? { ok: true, trace } : fail();
  }

  if (main.has('vllm')) {
    const records: NonNullable<Trace['balance']> = [];
    for (const f of files) {
      const parser = new VllmLogParser(new FileProblems(list, f.name));
      await read(f, parser);
      for (const r of parser.records) records.push({ ...r, step: records.length });
    }
    if (!list.any && records.length === 0) list.add({ code: 'unknown-format', file: files[0].name, values: { format: 'text' } });
    if (list.any) return fail();
    return { ok: true, trace: { source: 'vllm-log', version: 1, synthetic: false, layers: [], balance: records, files: fileList } };
  }

  return openMegatron(files, kinds, list, read, fileList, options.arrayLimit ?? DEFAULT_ARRAY_LIMIT);
}

async function openMegatron(
  files: readonly TraceInputFile[],
  kinds: FileKind[],
  list: ProblemList,
  read: (f: TraceInputFile, reader: LineReader) => Promise<void>,
  fileList: Trace['files'],
  limit: ArrayLimit,
): Promise<OpenResult> {
  const notes: TraceNotes = [];
  const ranks = new Map<number, string>();
  const logits = new Map<number, MegatronSideFile>();
  files.forEach((f, i) => {
    const k = kinds[i];
    if (k.kind === 'megatron' && k.rank !== undefined) {
      const other = ranks.get(k.rank);
      if (other !== undefined) list.add({ code: 'ranks-disagree', file: f.name, values: { rank: k.rank, other } });
      ranks.set(k.rank, f.name);
    }
    if (k.kind === 'megatron-hidden' || k.kind === 'megatron-state') notes.push({ code: `skipped-${k.kind}`, values: { file: f.name } });
  });
  if (list.any) return { ok: false, problems: list.items };
  const topkOf = new Map<string, { k: number; file: string; line: number }>();
  const records = [];
  for (let i = 0; i < files.length; i++) {
    const k = kinds[i];
    if (k.kind !== 'megatron') continue;
    const parser = new MegatronFileParser(new FileProblems(list, files[i].name), k.rank, topkOf);
    await read(files[i], parser);
    records.push(...parser.records);
    if (list.full) break;
  }
  if (!list.any) {
    for (let i = 0; i < files.length; i++) {
      const k = kinds[i];
      if (k.kind === 'megatron-logits') logits.set(k.rank, { name: files[i].name, bytes: await files[i].slice(0, files[i].size) });
    }
  }
  if (!list.any && records.length === 0) list.add({ code: 'no-records', file: files[0].name, values: { what: 'Megatron records' } });
  if (list.any) return { ok: false, problems: list.items };
  const layers = assembleMegatron(records, logits, list, notes, limit);
  if (!layers) return { ok: false, problems: list.items };
  const trace: Trace = { source: 'megatron', version: 1, synthetic: false, layers, files: fileList };
  if (notes.length > 0) trace.notes = notes;
  return { ok: true, trace };
}

/** Feeds a file's text to a reader a chunk at a time (a streaming UTF-8 decode, lines split across chunks). */
async function readLines(f: TraceInputFile, reader: LineReader, options: OpenOptions, progress: { bytes: number }, total: number): Promise<void> {
  const chunk = options.chunkBytes ?? 4 * 1024 * 1024;
  // the decoder drops a byte-order mark at the start and keeps a character cut between chunks
  const decoder = new TextDecoder('utf-8');
  const splitter = new LineSplitter((text, n, terminated) => reader.line(text, n, terminated));
  for (let at = 0; at < f.size && !reader.stopped; at += chunk) {
    if (options.cancelled?.()) throw new Cancelled();
    const bytes = await f.slice(at, Math.min(f.size, at + chunk));
    splitter.push(decoder.decode(bytes, { stream: true }));
    progress.bytes += bytes.length;
    options.onProgress?.(Math.min(progress.bytes, total));
  }
  if (reader.stopped) return;
  splitter.push(decoder.decode());
  splitter.finish();
}
