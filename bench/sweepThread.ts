// A sweep worker as a Node worker thread (bench/sweepPool.ts): the same message handler as the
// browser's sweep.worker.ts, training on wasm single-threaded as the page does.

import { parentPort } from 'node:worker_threads';
import { tf } from '../src/engine/model/tf';
import { sweepHandler } from '../src/worker/sweepHandler';
import type { ToSweepWorker } from '../src/worker/experimentProtocol';

await import('@tensorflow/tfjs-backend-wasm');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

const port = parentPort!;
const handle = sweepHandler((message) => port.postMessage(message));
port.on('message', (message: ToSweepWorker) => void handle(message));
