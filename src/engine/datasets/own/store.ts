// The own texts this thread has been given, by hash: the trainer worker keeps what the page sent
// (a 'text' message) so a configure with `ownText = hash` can build its dataset. A few at most,
// the latest kept: each can be megabytes.

import { ownTextHash } from './hash';

const KEEP = 3;
const texts = new Map<number, string>();

/** Keeps a text under its hash (returned); the oldest goes past KEEP. */
export function rememberOwnText(text: string): number {
  const hash = ownTextHash(text);
  texts.delete(hash);
  texts.set(hash, text);
  while (texts.size > KEEP) texts.delete(texts.keys().next().value as number);
  return hash;
}

export function ownTextOf(hash: number): string | undefined {
  return texts.get(hash);
}
