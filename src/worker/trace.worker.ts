// Opens router trace files off the main thread (traceHandler.ts does the work).

import { createTraceHandler } from './traceHandler';
import type { ToTraceWorker } from './traceProtocol';

const handle = createTraceHandler((message, transfer) => (self as unknown as Worker).postMessage(message, transfer));

self.onmessage = (event: MessageEvent<ToTraceWorker>) => {
  void handle(event.data);
};
