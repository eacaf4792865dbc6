// How the trace loader reaches the trace worker: a real Web Worker on the page, or the same
// handler run in-process (Node tests, and any page without workers).

import { createTraceHandler } from '../../worker/traceHandler';
import type { FromTraceWorker, ToTraceWorker } from '../../worker/traceProtocol';

export interface TraceWorkerPort {
  postMessage(message: ToTraceWorker): void;
  onmessage: ((event: { data: FromTraceWorker }) => void) | null;
  onerror?: ((event: unknown) => void) | null;
  terminate(): void;
}

export type TraceWorkerFactory = () => TraceWorkerPort;

export const webTraceWorker: TraceWorkerFactory = () =>
  new Worker(new URL('../../worker/trace.worker.ts', import.meta.url), { type: 'module' }) as unknown as TraceWorkerPort;

/** The worker's handler on this thread: messages still arrive asynchronously, as from a worker. */
export const inProcessTraceWorker: TraceWorkerFactory = () => {
  let ended = false;
  const port: TraceWorkerPort = {
    onmessage: null,
    postMessage: (message) => {
      void handle(message);
    },
    terminate: () => {
      ended = true;
    },
  };
  const handle = createTraceHandler((message) => {
    if (!ended) queueMicrotask(() => port.onmessage?.({ data: message }));
  });
  return port;
};

/** A real worker where the page can run one, else the in-process handler. */
export const defaultTraceWorker: TraceWorkerFactory = () => (typeof Worker === 'function' ? webTraceWorker() : inProcessTraceWorker());
