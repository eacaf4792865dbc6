// The trace worker's work, apart from its messaging so tests run it in-process: opens the files
// with the engine's opener, posts progress at most every 50 ms, and posts the trace with its typed
// arrays transferred (not copied), so the page receives a 100 MB trace without a long task.

import { openTrace, type TraceInputFile } from '../engine/traces/openTrace';
import { packText, type PackedText } from '../engine/traces/textPack';
import type { Trace } from '../engine/traces/types';
import type { FromTraceWorker, ToTraceWorker, TraceFileBlob } from './traceProtocol';

/** Progress messages are at least this far apart (ms). */
export const PROGRESS_INTERVAL_MS = 50;

export type TracePost = (message: FromTraceWorker, transfer: Transferable[]) => void;

/** Reads a byte range of a File or Blob. */
export function blobInput(file: TraceFileBlob): TraceInputFile {
  return {
    name: file.name,
    size: file.size,
    slice: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  };
}

/** Every buffer under the trace's typed arrays, once each (a buffer listed twice cannot be transferred). */
export function traceBuffers(trace: Trace): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | undefined) => {
    if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  };
  for (const l of trace.layers) {
    add(l.experts);
    add(l.weights);
    add(l.logits);
    add(l.step);
  }
  add(trace.tokens?.domain);
  add(trace.tokens?.doc);
  for (const c of trace.counts ?? []) {
    add(c.steps);
    add(c.counts);
  }
  return [...buffers];
}

export function createTraceHandler(post: TracePost, now: () => number = () => performance.now()): (message: ToTraceWorker) => Promise<void> {
  const cancelled = new Set<number>();
  return async (message) => {
    if (message.type === 'cancel') {
      cancelled.add(message.id);
      return;
    }
    const { id, files } = message;
    const total = files.reduce((s, f) => s + f.size, 0);
    let last = -Infinity;
    post({ type: 'progress', id, bytes: 0, total }, []);
    const result = await openTrace(files.map(blobInput), {
      cancelled: () => cancelled.has(id),
      onProgress: (bytes) => {
        const t = now();
        if (t - last < PROGRESS_INTERVAL_MS) return;
        last = t;
        post({ type: 'progress', id, bytes, total }, []);
      },
    });
    const wasCancelled = cancelled.delete(id);
    if (result.ok) {
      const trace = result.trace;
      let text: PackedText | undefined;
      if (trace.tokens?.text) {
        text = packText(trace.tokens.text);
        delete trace.tokens.text;
      }
      const transfer: Transferable[] = traceBuffers(trace);
      if (text) transfer.push(text.ends.buffer as ArrayBuffer);
      post(text ? { type: 'opened', id, trace, text } : { type: 'opened', id, trace }, transfer);
    }
    else if ('cancelled' in result || wasCancelled) post({ type: 'cancelled', id }, []);
    else post({ type: 'failed', id, problems: result.problems }, []);
  };
}
