// The browser's result cache never throws: without IndexedDB, with one that refuses to open,
// and with a store that fails, it reads as empty. With a working store it keeps results.

import { describe, expect, it } from 'vitest';
import { browserResultCache } from '../../src/state/resultCache';
import type { JobResult } from '../../src/engine/experiments/job';

const result: JobResult = {
  id: 'x1',
  heldOut: [{ evalCapacityFactor: null, loss: 1.5, accuracy: 0.5, dropRate: 0 }],
  train: { taskLoss: 1.6, balanceLoss: NaN, entropy: 1, dropRate: 0, busiest: 1.2, stepMs: 3 },
  backend: 'wasm',
  ms: 100,
};

type Handler = ((event: { preventDefault(): void }) => void) | null;
const later = (f: () => void) => setTimeout(f, 0);
const event = { preventDefault() {} };

/** Just enough of IndexedDB for one object store; `failWrites` aborts every write as a full quota does. */
function fakeIndexedDb(opts: { failWrites?: boolean; refuse?: boolean } = {}): IDBFactory {
  const data = new Map<string, unknown>();
  let created = false;
  const db = {
    createObjectStore: () => {
      created = true;
    },
    transaction: (_store: string, mode: IDBTransactionMode) => {
      const tx = { oncomplete: null as Handler, onabort: null as Handler, onerror: null as Handler, objectStore: () => store };
      const store = {
        get: (key: string) => {
          const req = { result: undefined as unknown, onsuccess: null as Handler, onerror: null as Handler };
          later(() => {
            req.result = structuredClone(data.get(key));
            req.onsuccess?.(event);
            tx.oncomplete?.(event);
          });
          return req;
        },
        put: (value: unknown, key: string) => {
          const req = { result: key, onsuccess: null as Handler, onerror: null as Handler };
          later(() => {
            if (opts.failWrites || mode !== 'readwrite') return tx.onabort?.(event);
            data.set(key, structuredClone(value));
            req.onsuccess?.(event);
            tx.oncomplete?.(event);
          });
          return req;
        },
      };
      return tx;
    },
  };
  return {
    open: () => {
      const req = { result: db, onupgradeneeded: null as Handler, onsuccess: null as Handler, onerror: null as Handler, onblocked: null as Handler };
      later(() => {
        if (opts.refuse) return req.onerror?.(event);
        if (!created) req.onupgradeneeded?.(event);
        req.onsuccess?.(event);
      });
      return req;
    },
  } as unknown as IDBFactory;
}

describe('browserResultCache', () => {
  it('keeps a result by key, NaN included', async () => {
    const cache = browserResultCache(fakeIndexedDb());
    expect(await cache.get('v:x1')).toBeUndefined();
    await cache.put('v:x1', result);
    expect(await cache.get('v:x1')).toEqual(result);
    expect(await cache.get('other:x1')).toBeUndefined();
  });

  it('reads as empty without IndexedDB, when it refuses to open, or when it throws', async () => {
    const throwing = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    for (const factory of [undefined, fakeIndexedDb({ refuse: true }), throwing]) {
      const cache = browserResultCache(factory);
      await expect(cache.put('v:x1', result)).resolves.toBeUndefined();
      await expect(cache.get('v:x1')).resolves.toBeUndefined();
    }
  });

  it('keeps nothing, quietly, when the quota is full', async () => {
    const cache = browserResultCache(fakeIndexedDb({ failWrites: true }));
    await expect(cache.put('v:x1', result)).resolves.toBeUndefined();
    expect(await cache.get('v:x1')).toBeUndefined();
  });
});
