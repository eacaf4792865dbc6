// The browser's cache of experiment results (IndexedDB), so that a reload, or the same sweep run
// again, reads finished jobs instead of training them again. The pool keys results by app
// version and job id (experimentQueue.ts cacheKey). It never throws (idbStore.ts), and a stored
// value of another shape is a miss.

import type { JobResult } from '../engine/experiments/job';
import type { ResultCache } from './experimentQueue';
import { idbStore } from './idbStore';

const DB_NAME = 'moe-playground-experiments';
const STORE = 'results';

/** A stored value that reads as a result: anything else is a miss. */
function isJobResult(value: unknown): value is JobResult {
  const r = value as Partial<JobResult> | null;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && Array.isArray(r.heldOut) && typeof r.train === 'object' && r.train !== null;
}

export function browserResultCache(factory: IDBFactory | undefined = globalThis.indexedDB): ResultCache {
  const store = idbStore(DB_NAME, STORE, factory);
  return {
    async get(key) {
      const value = await store.get(key);
      return isJobResult(value) ? value : undefined;
    },
    async put(key, result) {
      await store.put(key, result);
    },
  };
}
