// The page's handle on opening traces: sends files to the trace worker, shows progress, and keeps
// the last trace that opened. A failed or cancelled open leaves that trace as it was; `problems`
// says why the open failed.

import type { TraceProblem } from '../../engine/traces/problems';
import { unpackTextSlices } from '../../engine/traces/textPack';
import type { Trace } from '../../engine/traces/types';
import type { FromTraceWorker, TraceFileBlob } from '../../worker/traceProtocol';
import { TRACE_EXAMPLES, TRACE_EXAMPLES_DIR, type TraceExampleId } from './examples';
import { defaultTraceWorker, type TraceWorkerFactory, type TraceWorkerPort } from './traceWorkerPort';

export type LoaderStatus = 'idle' | 'reading' | 'ready' | 'failed';

export interface TraceLoaderOptions {
  worker?: TraceWorkerFactory;
  fetch?: (url: string) => Promise<Response>;
  /** the app's base URL; import.meta.env.BASE_URL by default */
  baseUrl?: string;
  /** gives the main thread back between slices of work (setTimeout 0 by default) */
  yieldNow?: () => Promise<void>;
}

interface Pending {
  id: number;
  synthetic: boolean;
  resolve: () => void;
}

export class TraceLoader {
  status = $state<LoaderStatus>('idle');
  progress = $state({ bytes: 0, total: 0 });
  trace = $state.raw<Trace | null>(null);
  problems = $state.raw<TraceProblem[]>([]);

  private port: TraceWorkerPort | null = null;
  private nextId = 1;
  private pending: Pending | null = null;
  private readonly makeWorker: TraceWorkerFactory;
  private readonly fetcher: (url: string) => Promise<Response>;
  private readonly baseUrl: string;
  private readonly yieldNow: () => Promise<void>;

  constructor(options: TraceLoaderOptions = {}) {
    this.makeWorker = options.worker ?? defaultTraceWorker;
    this.fetcher = options.fetch ?? ((url) => fetch(url));
    this.baseUrl = options.baseUrl ?? import.meta.env.BASE_URL;
    this.yieldNow = options.yieldNow ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  open(files: readonly File[]): Promise<void> {
    return this.start(files, false);
  }

  async openExample(id: TraceExampleId): Promise<void> {
    const example = TRACE_EXAMPLES.find((e) => e.id === id);
    if (!example) return this.fail([{ code: 'read-failed', file: String(id), values: { message: 'unknown example' } }]);
    this.finishPending();
    const token = ++this.nextId;
    this.status = 'reading';
    this.progress = { bytes: 0, total: 0 };
    const files: File[] = [];
    for (const path of example.files) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      try {
        const response = await this.fetcher(`${this.baseUrl}${TRACE_EXAMPLES_DIR}${path}`);
        if (!response.ok) return this.failUnlessStale(token, [{ code: 'read-failed', file: name, values: { message: `HTTP ${response.status}` } }]);
        files.push(new File([await response.arrayBuffer()], name));
      } catch (err) {
        return this.failUnlessStale(token, [{ code: 'read-failed', file: name, values: { message: err instanceof Error ? err.message : String(err) } }]);
      }
      // a newer open or a cancel while fetching: this one is dropped
      if (token !== this.nextId || this.status !== 'reading') return;
    }
    return this.start(files, example.synthetic);
  }

  cancel(): void {
    if (this.pending) this.port?.postMessage({ type: 'cancel', id: this.pending.id });
    this.finishPending();
    this.nextId++;
    if (this.status === 'reading') this.status = this.trace ? 'ready' : 'idle';
  }

  close(): void {
    this.cancel();
    this.trace = null;
    this.problems = [];
    this.status = 'idle';
  }

  private start(files: readonly TraceFileBlob[], synthetic: boolean): Promise<void> {
    this.finishPending();
    const id = ++this.nextId;
    this.status = 'reading';
    this.progress = { bytes: 0, total: files.reduce((s, f) => s + f.size, 0) };
    const port = this.ensurePort();
    return new Promise<void>((resolve) => {
      this.pending = { id, synthetic, resolve };
      port.postMessage({ type: 'open', id, files });
    });
  }

  private ensurePort(): TraceWorkerPort {
    if (this.port) return this.port;
    const port = this.makeWorker();
    port.onmessage = (event) => void this.receive(event.data);
    port.onerror = () => {
      // the worker died (out of memory, a load error): a fresh one serves the next open
      this.port?.terminate();
      this.port = null;
      if (this.pending) this.fail([{ code: 'read-failed', file: '', values: { message: 'worker stopped' } }]);
    };
    this.port = port;
    return port;
  }

  private async receive(message: FromTraceWorker): Promise<void> {
    const pending = this.pending;
    if (!pending || message.id !== pending.id) return;
    if (message.type === 'progress') {
      this.progress = { bytes: message.bytes, total: message.total };
      return;
    }
    if (message.type === 'cancelled') return this.cancel();
    if (message.type === 'failed') return this.fail(message.problems);
    const trace = message.trace;
    if (message.text) {
      const text = await unpackTextSlices(message.text, this.yieldNow);
      if (this.pending !== pending) return;
      trace.tokens = { ...trace.tokens, text };
    }
    if (pending.synthetic) trace.synthetic = true;
    this.trace = trace;
    this.problems = [];
    this.progress = { bytes: this.progress.total, total: this.progress.total };
    this.status = 'ready';
    this.finishPending();
  }

  private failUnlessStale(token: number, problems: TraceProblem[]): void {
    if (token === this.nextId && this.status === 'reading') this.fail(problems);
  }

  private fail(problems: TraceProblem[]): void {
    this.problems = problems;
    this.status = 'failed';
    this.finishPending();
  }

  private finishPending(): void {
    const p = this.pending;
    this.pending = null;
    p?.resolve();
  }
}
