// A sweep worker in the browser: runs experiment jobs (sweepHandler.ts) on their pinned
// backend, with the bundled wasm binaries, one at a time.

import type { ToSweepWorker } from './experimentProtocol';
import { sweepHandler } from './sweepHandler';
import { wasmPaths } from './wasmPaths';

const handle = sweepHandler((message) => (self as unknown as Worker).postMessage(message), { wasmPaths });

self.onmessage = (event: MessageEvent<ToSweepWorker>) => void handle(event.data);
