// The own-text dialog's summary, worked out in a worker (src/worker/ownTextSummary.worker.ts):
// summing up a pasted text of 4 MB blocks a thread for most of a second. Where the page has no
// workers (Node tests), or the worker fails to load, the same function runs here.

import { summarizeOwnText } from '../../engine/datasets/own';
import type { OwnTextSummaryAnswer, OwnTextSummaryAsk, OwnTextSummaryResult } from '../../worker/ownTextSummaryProtocol';

interface Waiting extends OwnTextSummaryAsk {
  resolve: (result: OwnTextSummaryResult) => void;
}

let worker: Worker | null = null;
let workerFailed = false;
let nextId = 0;
const waiting = new Map<number, Waiting>();

const here = (ask: OwnTextSummaryAsk): OwnTextSummaryResult => summarizeOwnText(ask.text, ask.seed, ask.testFraction);

function summaryWorker(): Worker | null {
  if (worker || workerFailed || typeof Worker !== 'function') return worker;
  worker = new Worker(new URL('../../worker/ownTextSummary.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<OwnTextSummaryAnswer>) => {
    waiting.get(event.data.id)?.resolve(event.data.result);
    waiting.delete(event.data.id);
  };
  worker.onerror = () => {
    // a worker that cannot load: what it was asked is answered here, and so is what follows
    workerFailed = true;
    worker?.terminate();
    worker = null;
    for (const ask of waiting.values()) ask.resolve(here(ask));
    waiting.clear();
  };
  return worker;
}

/** The text's summary or the problem that keeps it from training, as summarizeOwnText gives it. */
export function summarizeOffThread(text: string, seed: number, testFraction: number): Promise<OwnTextSummaryResult> {
  const ask: OwnTextSummaryAsk = { id: ++nextId, text, seed, testFraction };
  const w = summaryWorker();
  if (!w) return Promise.resolve(here(ask));
  return new Promise((resolve) => {
    waiting.set(ask.id, { ...ask, resolve });
    w.postMessage(ask);
  });
}
