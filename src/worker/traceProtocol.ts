// Messages between the page and the trace worker (trace.worker.ts), which opens trace files off
// the main thread.

import type { TraceProblem } from '../engine/traces/problems';
import type { PackedText } from '../engine/traces/textPack';
import type { Trace } from '../engine/traces/types';

/** A file as the page hands it over: a File (or a Blob with a name, for the examples). */
export interface TraceFileBlob {
  readonly name: string;
  readonly size: number;
  slice(start?: number, end?: number): Blob;
}

export type ToTraceWorker = { type: 'open'; id: number; files: readonly TraceFileBlob[] } | { type: 'cancel'; id: number };

export type FromTraceWorker =
  | { type: 'progress'; id: number; bytes: number; total: number }
  /** the trace without `tokens.text`, which comes packed in `text` (textPack.ts) */
  | { type: 'opened'; id: number; trace: Trace; text?: PackedText }
  | { type: 'failed'; id: number; problems: TraceProblem[] }
  | { type: 'cancelled'; id: number };
