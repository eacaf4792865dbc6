// The own text goes to the trainer worker before a configure that needs it, once per worker and
// text: the worker keeps the last few by hash, so the last one sent is always there.

import type { MoeConfig } from '../schema';
import type { ToWorker } from '../../worker/protocol';
import { ownTexts, type OwnTexts } from './ownTexts.svelte';

const lastSent = new WeakMap<Worker, number>();

/** Posts the config's own text to `worker` unless it has it; nothing for another task or a text not here. */
export function sendOwnText(worker: Worker, config: MoeConfig, texts: OwnTexts = ownTexts): void {
  if (config.dataset !== 'own' || lastSent.get(worker) === config.ownText) return;
  const text = texts.text(config.ownText);
  if (text === undefined) return;
  worker.postMessage({ type: 'text', hash: config.ownText, text } satisfies ToWorker);
  lastSent.set(worker, config.ownText);
}
