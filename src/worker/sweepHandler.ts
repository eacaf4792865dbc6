// What a sweep worker does with its messages, apart from how it receives and posts them (a Web
// Worker's self, or a Node worker thread's parentPort): start the job's pinned backend, run the
// job, post its result or the error. Jobs run one at a time in arrival order; the worker stays
// alive between them and runJob disposes each model.

import { rememberOwnText } from '../engine/datasets/own/store';
import { runJob, type RunJobOptions } from '../engine/experiments/runJob';
import { ensureBackend, type BackendOptions } from '../engine/model/backend';
import type { FromSweepWorker, ToSweepWorker } from './experimentProtocol';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function sweepHandler(post: (message: FromSweepWorker) => void, backendOptions: BackendOptions = {}, runOptions: RunJobOptions = {}) {
  let queue: Promise<void> = Promise.resolve();
  return (message: ToSweepWorker): Promise<void> => {
    if (message.type !== 'run') return queue;
    const { job } = message;
    if (message.ownText !== undefined) rememberOwnText(message.ownText);
    queue = queue.then(async () => {
      try {
        // runJob refuses 'auto'; any other name is started here with the worker's wasm files
        if (job.config.backend !== 'auto') await ensureBackend(job.config.backend, backendOptions);
        post({ type: 'result', id: job.id, result: await runJob(job, runOptions) });
      } catch (err) {
        post({ type: 'error', id: job.id, message: errorText(err) });
      }
    });
    return queue;
  };
}
