// The own text's vocabulary: one token per character, as the corpus (../vocab.ts), capped at
// VOCAB_CAP characters, the most frequent (ties: the lower code point), so a pasted Chinese text
// with thousands of characters keeps a model of the same size; every other character is the
// one unknown token, and the summary says how many characters and positions that is.

import { PAD_ID, tokenize } from '../vocab';

/** the most characters kept; the vocabulary is these, the pad and the unknown token */
export const VOCAB_CAP = 512;
/** the unknown token: U+FFFD already means "a character that could not be shown" */
export const UNKNOWN_TOKEN = '\uFFFD';
export const UNKNOWN_ID = 1;

export interface OwnVocabStats {
  /** distinct characters in the text */
  distinct: number;
  /** characters with a token of their own */
  kept: number;
  /** distinct characters read as the unknown token */
  unknown: number;
  /** share of the text's characters (positions) that are the unknown token, 0..1 */
  unknownShare: number;
}

/** pad, unknown, then the kept characters in code point order */
export function ownVocab(docs: Iterable<string>, cap = VOCAB_CAP): { vocab: string[]; stats: OwnVocabStats } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const doc of docs) {
    for (const c of tokenize(doc)) {
      counts.set(c, (counts.get(c) ?? 0) + 1);
      total++;
    }
  }
  const cp = (c: string) => c.codePointAt(0) ?? 0;
  const ranked = [...counts].filter(([c]) => c !== UNKNOWN_TOKEN).sort((a, b) => b[1] - a[1] || cp(a[0]) - cp(b[0]));
  const kept = ranked.slice(0, cap).map(([c]) => c);
  const keptSet = new Set(kept);
  let unknownPositions = 0;
  for (const [c, n] of counts) if (!keptSet.has(c)) unknownPositions += n;
  kept.sort((a, b) => cp(a) - cp(b));
  const vocab = ['', UNKNOWN_TOKEN, ...kept];
  if (vocab[PAD_ID] !== '') throw new Error('ownVocab: the pad is id 0');
  return {
    vocab,
    stats: { distinct: counts.size, kept: kept.length, unknown: counts.size - kept.length, unknownShare: total ? unknownPositions / total : 0 },
  };
}

/** A text as token ids, characters outside the vocabulary as the unknown token. */
export function encodeOwn(text: string, ids: ReadonlyMap<string, number>): Int32Array {
  return Int32Array.from(tokenize(text), (c) => ids.get(c) ?? UNKNOWN_ID);
}
