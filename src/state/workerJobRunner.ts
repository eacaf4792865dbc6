// A JobRunner over a sweep worker: one job at a time, the worker started on the first job and
// kept between jobs, terminated on dispose (which stops a job mid-run). The port hides whether
// the worker is a browser Web Worker or a Node worker thread (bench/sweepPool.ts).

import type { ExperimentJob, JobResult, JobRunner } from '../engine/experiments/job';
import type { FromSweepWorker, ToSweepWorker } from '../worker/experimentProtocol';
import { ownTexts } from './ownText/ownTexts.svelte';

export interface SweepPort {
  post(message: ToSweepWorker): void;
  /** onFailure: the worker itself failed (a load error, an uncaught error): it cannot go on */
  listen(onMessage: (message: FromSweepWorker) => void, onFailure: (why: string) => void): void;
  terminate(): void;
}

export function workerJobRunner(open: () => SweepPort): JobRunner {
  let port: SweepPort | null = null;
  let pending: { id: string; resolve: (r: JobResult) => void; reject: (e: Error) => void } | null = null;
  let disposed = false;

  const settle = (outcome: { result: JobResult } | { error: string }) => {
    const p = pending;
    pending = null;
    if (!p) return;
    if ('result' in outcome) p.resolve(outcome.result);
    else p.reject(new Error(outcome.error));
  };
  const stopPort = () => {
    port?.terminate();
    port = null;
  };

  const start = (): SweepPort => {
    const opened = open();
    opened.listen(
      (message) => {
        if (opened !== port || !pending || message.id !== pending.id) return;
        settle(message.type === 'result' ? { result: message.result } : { error: message.message });
      },
      (why) => {
        if (opened !== port) return;
        // the next job starts a fresh worker
        stopPort();
        settle({ error: why });
      },
    );
    return opened;
  };

  return {
    run(job: ExperimentJob): Promise<JobResult> {
      if (disposed) return Promise.reject(new Error('the runner has been disposed'));
      if (pending) return Promise.reject(new Error('the runner is already running a job'));
      const p = new Promise<JobResult>((resolve, reject) => (pending = { id: job.id, resolve, reject }));
      try {
        port ??= start();
        // a job on the own text carries it: the worker has only what it is sent
        const ownText = job.config.dataset === 'own' ? ownTexts.text(job.config.ownText) : undefined;
        port.post({ type: 'run', job, ...(ownText !== undefined && { ownText }) });
      } catch (err) {
        stopPort();
        settle({ error: err instanceof Error ? err.message : String(err) });
      }
      return p;
    },
    dispose(): void {
      disposed = true;
      stopPort();
      settle({ error: 'cancelled' });
    },
  };
}

/** A browser Web Worker as a port. */
export function webWorkerPort(worker: Worker): SweepPort {
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.onmessage = (event: MessageEvent<FromSweepWorker>) => onMessage(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onFailure(event.message || 'the sweep worker failed to start');
      };
      worker.onmessageerror = () => onFailure('a message from the sweep worker could not be read');
    },
    terminate: () => worker.terminate(),
  };
}

/** The pool's default runner: a Web Worker that Vite bundles from this `new URL(…)`. */
export const browserSweepRunner = (): JobRunner =>
  workerJobRunner(() => webWorkerPort(new Worker(new URL('../worker/sweep.worker.ts', import.meta.url), { type: 'module' })));
