// The user's own texts in this page, by hash (datasets/own/hash.ts): in memory for the session
// and in IndexedDB, so a reload in the same browser trains on the text again. Never in the
// config or the link, which carry only the hash.

import { SvelteMap } from 'svelte/reactivity';
import { ownTextHash } from '../../engine/datasets/own';
import { idbStore, type IdbStore } from '../idbStore';

export class OwnTexts {
  /** reactive, so the views that ask `has` update when a text arrives */
  readonly #texts = new SvelteMap<number, string>();
  readonly #store: IdbStore | null;

  constructor(store: IdbStore | null) {
    this.#store = store;
  }

  has(hash: number): boolean {
    return this.#texts.has(hash);
  }

  text(hash: number): string | undefined {
    return this.#texts.get(hash);
  }

  /** Keeps a text (and stores it for later visits); its hash. */
  add(text: string): number {
    const hash = ownTextHash(text);
    if (!this.#texts.has(hash)) {
      this.#texts.set(hash, text);
      void this.#store?.put(String(hash), text);
    }
    return hash;
  }

  /** The text of a hash from memory or this browser's store; undefined when neither has it (or it does not hash so). */
  async load(hash: number): Promise<string | undefined> {
    const here = this.#texts.get(hash);
    if (here !== undefined) return here;
    const stored = await this.#store?.get(String(hash));
    if (typeof stored !== 'string' || ownTextHash(stored) !== hash) return undefined;
    this.#texts.set(hash, stored);
    return stored;
  }
}

/** The page's own texts (stored in this browser's IndexedDB, where it has one). */
export const ownTexts = new OwnTexts(idbStore('moe-playground-texts', 'texts'));
