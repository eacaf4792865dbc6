// The browser's cache of experiment results (IndexedDB), so that a reload, or the same sweep run
// again, reads finished jobs instead of training them again. The pool keys results by app
// version and job id (experimentQueue.ts cacheKey). It never throws: no IndexedDB, private
// modes that refuse it, a full quota or a stored value of another shape all behave as an empty
// cache (a miss, a put that keeps nothing).

import type { JobResult } from '../engine/experiments/job';
import type { ResultCache } from './experimentQueue';

const DB_NAME = 'moe-playground-experiments';
const STORE = 'results';

/** A stored value that reads as a result: anything else is a miss. */
function isJobResult(value: unknown): value is JobResult {
  const r = value as Partial<JobResult> | null;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && Array.isArray(r.heldOut) && typeof r.train === 'object' && r.train !== null;
}

function openDb(factory: IDBFactory | undefined): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    try {
      if (!factory) return resolve(null);
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = (event) => {
        event.preventDefault();
        resolve(null);
      };
      // another tab holds an older version open: run without the cache
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

export function browserResultCache(factory: IDBFactory | undefined = globalThis.indexedDB): ResultCache {
  let db: Promise<IDBDatabase | null> | null = null;

  /** One request in its own transaction; undefined on any failure. */
  async function transact<T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
    const open = await (db ??= openDb(factory));
    if (!open) return undefined;
    return new Promise((resolve) => {
      try {
        const tx = open.transaction(STORE, mode);
        const request = make(tx.objectStore(STORE));
        let value: T | undefined;
        request.onsuccess = () => (value = request.result);
        request.onerror = (event) => {
          event.preventDefault();
          resolve(undefined);
        };
        // a write counts once committed; a quota error aborts the transaction
        tx.oncomplete = () => resolve(value);
        tx.onabort = () => resolve(undefined);
        tx.onerror = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });
  }

  return {
    async get(key) {
      const value = await transact<unknown>('readonly', (store) => store.get(key));
      return isJobResult(value) ? value : undefined;
    },
    async put(key, result) {
      await transact('readwrite', (store) => store.put(result, key));
    },
  };
}
