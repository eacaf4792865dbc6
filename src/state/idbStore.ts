// One IndexedDB object store as a never-throwing key-value pair of calls: no IndexedDB, private
// modes that refuse it, a full quota or another tab holding an older version all read as a
// miss and a put that keeps nothing. The result cache and the own texts use it.

export interface IdbStore {
  /** undefined on a miss or any failure */
  get(key: string): Promise<unknown>;
  /** true once committed */
  put(key: string, value: unknown): Promise<boolean>;
}

function openDb(factory: IDBFactory | undefined, name: string, store: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    try {
      if (!factory) return resolve(null);
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = (event) => {
        event.preventDefault();
        resolve(null);
      };
      // another tab holds an older version open: run without the store
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

export function idbStore(name: string, store: string, factory: IDBFactory | undefined = globalThis.indexedDB): IdbStore {
  let db: Promise<IDBDatabase | null> | null = null;

  /** One request in its own transaction; undefined on any failure. */
  async function transact<T>(mode: IDBTransactionMode, make: (s: IDBObjectStore) => IDBRequest<T>): Promise<{ value: T | undefined } | undefined> {
    const open = await (db ??= openDb(factory, name, store));
    if (!open) return undefined;
    return new Promise((resolve) => {
      try {
        const tx = open.transaction(store, mode);
        const request = make(tx.objectStore(store));
        let value: T | undefined;
        request.onsuccess = () => (value = request.result);
        request.onerror = (event) => {
          event.preventDefault();
          resolve(undefined);
        };
        // a write counts once committed; a quota error aborts the transaction
        tx.oncomplete = () => resolve({ value });
        tx.onabort = () => resolve(undefined);
        tx.onerror = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });
  }

  return {
    async get(key) {
      return (await transact<unknown>('readonly', (s) => s.get(key)))?.value;
    },
    async put(key, value) {
      return (await transact('readwrite', (s) => s.put(value, key))) !== undefined;
    },
  };
}
