// Next-token prediction over the fixed mixed-domain corpus (dataset 'corpus'; 'text' is the
// grammars' stream, textStream.ts): each position is one token, labelled with
// its domain, so the views can show which experts each domain's tokens go to.

import { CORPUS, DOMAIN_IDS, DOMAIN_NAMES } from './corpus';
import type { TextData, TextSplit } from './types';
import { PAD_ID, buildVocab, encode, tokenize } from './vocab';

export interface Document {
  domain: number;
  ids: Int32Array;
}

/**
 * Hold out the last documents of a domain, about testFraction of its characters. Whole
 * documents, so no test context window ever reaches back into training text.
 */
export function splitDocuments(
  docs: readonly string[],
  testFraction: number,
): { train: readonly string[]; test: readonly string[] } {
  if (docs.length < 2) throw new RangeError('splitDocuments: a domain needs at least two documents');
  const lengths = docs.map((doc) => tokenize(doc).length);
  const total = lengths.reduce((a, b) => a + b, 0);
  const goal = total * (1 - testFraction);
  let best = 1;
  let bestGap = Infinity;
  let before = 0;
  for (let cut = 1; cut < docs.length; cut++) {
    before += lengths[cut - 1];
    const gap = Math.abs(before - goal);
    if (gap < bestGap) {
      best = cut;
      bestGap = gap;
    }
  }
  return { train: docs.slice(0, best), test: docs.slice(best) };
}

export function makeText(context: number, testFraction: number): TextData {
  const vocab = buildVocab(DOMAIN_IDS.flatMap((id) => CORPUS[id]));
  const ids = new Map(vocab.map((token, id) => [token, id]));
  const train: Document[] = [];
  const test: Document[] = [];
  DOMAIN_IDS.forEach((domainId, domain) => {
    const split = splitDocuments(CORPUS[domainId], testFraction);
    for (const doc of split.train) train.push({ domain, ids: encode(doc, ids) });
    for (const doc of split.test) test.push({ domain, ids: encode(doc, ids) });
  });
  return {
    kind: 'text',
    name: 'corpus',
    vocab,
    context,
    domains: DOMAIN_IDS.map((id) => DOMAIN_NAMES[id]),
    domainIds: DOMAIN_IDS,
    train: windows(train, context),
    test: windows(test, context),
    heldOut: null,
  };
}

/** Every position that has a next token, with its causal window; pad before a document starts. */
export function windows(docs: readonly Document[], context: number): TextSplit {
  const n = docs.reduce((sum, doc) => sum + Math.max(0, doc.ids.length - 1), 0);
  const split: TextSplit = {
    context: new Int32Array(n * context).fill(PAD_ID),
    target: new Int32Array(n),
    domain: new Uint8Array(n),
  };
  let i = 0;
  for (const { domain, ids } of docs) {
    for (let t = 0; t + 1 < ids.length; t++, i++) {
      for (let j = 0; j < context; j++) {
        const src = t - context + 1 + j;
        if (src >= 0) split.context[i * context + j] = ids[src];
      }
      split.target[i] = ids[t + 1];
      split.domain[i] = domain;
    }
  }
  return split;
}
