// The text task on the user's own text (dataset 'own'): its domains and documents
// (documents.ts), a capped vocabulary (vocab.ts), and a held-out split of whole documents, so no
// training window reaches into held-out text and no held-out window into training text (each
// document's windows are padded at its start, text.ts). Pure: the same text and seed give the
// same data, byte for byte.

import { mulberry32, permutation } from '../../rng';
import { windows, type Document } from '../text';
import { gather } from '../textStream';
import type { TextData } from '../types';
import { checkOwnText, type OwnTextProblem } from './checks';
import { readOwnDocuments, type OwnDomain } from './documents';
import { encodeOwn, ownVocab, type OwnVocabStats } from './vocab';

export { ownTextHash } from './hash';
export { checkOwnText, decodeOwnText, OWN_TEXT_MAX_BYTES, type OwnTextProblem } from './checks';
export { DEFAULT_DOMAIN, MAX_DOMAINS, MIN_CHARS } from './documents';
export { UNKNOWN_TOKEN, VOCAB_CAP, type OwnVocabStats } from './vocab';

const SPLIT_SALT = 0x0c0ffee5;


/** What the dialog shows of a text before it trains on it. */
export interface OwnTextSummary {
  /** characters (code points) of the text */
  chars: number;
  domains: { name: string; docs: number; chars: number; heldOutChars: number }[];
  vocab: OwnVocabStats;
  /** share of the documents' characters held out, 0..1 */
  heldOutShare: number;
}

interface OwnSplit {
  domains: OwnDomain[];
  /** per domain, whether each document is held out */
  heldOut: boolean[][];
}

const charsOf = (s: string) => Array.from(s).length;

/**
 * About testFraction of each domain's characters held out, as whole documents drawn in a seeded
 * order: at least one document, and never all of them.
 */
function split(domains: OwnDomain[], seed: number, testFraction: number): OwnSplit {
  const rand = mulberry32((seed ^ SPLIT_SALT) >>> 0);
  const heldOut = domains.map(({ docs }) => {
    const lengths = docs.map(charsOf);
    const goal = testFraction * lengths.reduce((a, b) => a + b, 0);
    const out = docs.map(() => false);
    let held = 0;
    let count = 0;
    for (const i of permutation(docs.length, rand)) {
      if (count > 0 && (held >= goal || count === docs.length - 1)) break;
      out[i] = true;
      held += lengths[i];
      count++;
    }
    return out;
  });
  return { domains, heldOut };
}

/** the fewest training positions (a character with a next one in its document) a text must give */
const MIN_POSITIONS = 100;

function read(text: string, seed: number, testFraction: number): OwnSplit | { problem: OwnTextProblem } {
  const checked = checkOwnText(text);
  if ('problem' in checked) return checked;
  const read = readOwnDocuments(text);
  if ('problem' in read) return read;
  const s = split(read.domains, seed, testFraction);
  let train = 0;
  let test = 0;
  s.domains.forEach((d, di) =>
    d.docs.forEach((doc, i) => {
      const positions = Math.max(0, charsOf(doc) - 1);
      if (s.heldOut[di][i]) test += positions;
      else train += positions;
    }),
  );
  if (train < MIN_POSITIONS || test < 1) return { problem: { code: 'too-fragmented', positions: train + test, limit: MIN_POSITIONS } };
  return s;
}

/** The summary of a text, or what keeps it from training. */
export function summarizeOwnText(text: string, seed: number, testFraction: number): { summary: OwnTextSummary } | { problem: OwnTextProblem } {
  const s = read(text, seed, testFraction);
  if ('problem' in s) return s;
  const { stats } = ownVocab(s.domains.flatMap((d) => d.docs));
  const domains = s.domains.map((d, di) => {
    const lengths = d.docs.map(charsOf);
    return {
      name: d.name,
      docs: d.docs.length,
      chars: lengths.reduce((a, b) => a + b, 0),
      heldOutChars: lengths.reduce((a, n, i) => a + (s.heldOut[di][i] ? n : 0), 0),
    };
  });
  const all = domains.reduce((a, d) => a + d.chars, 0);
  return { summary: { chars: charsOf(text), domains, vocab: stats, heldOutShare: domains.reduce((a, d) => a + d.heldOutChars, 0) / all } };
}

/** The salt of the one shuffle of the held-out positions (each evaluation batch mixes the domains). */
const TEST_ORDER_SALT = 0x7e57_0bd3;

/** The own text as a text task; a RangeError (with the problem's code) when it cannot be. */
export function makeOwnText(text: string, seed: number, context: number, testFraction: number): TextData {
  const s = read(text, seed, testFraction);
  if ('problem' in s) throw new RangeError(`own text: ${s.problem.code}`);
  const { vocab } = ownVocab(s.domains.flatMap((d) => d.docs));
  const ids = new Map(vocab.map((token, id) => [token, id]));
  const train: Document[] = [];
  const test: Document[] = [];
  s.domains.forEach((d, domain) => {
    d.docs.forEach((doc, i) => (s.heldOut[domain][i] ? test : train).push({ domain, ids: encodeOwn(doc, ids) }));
  });
  // held-out documents in one seeded order across the domains: an evaluation reads the first
  // positions of the split (2,048; whole sequences of them when seqLen > 1), which then mix the
  // domains rather than all lie in the first one
  const testOrder = mulberry32((seed ^ TEST_ORDER_SALT) >>> 0);
  const inOrder = windows(Array.from(permutation(test.length, testOrder), (i) => test[i]), context);
  return {
    kind: 'text',
    name: 'own',
    vocab,
    context,
    domains: s.domains.map((d) => d.name),
    domainIds: s.domains.map((_, i) => `own-${i}`),
    train: windows(train, context),
    test: gather(inOrder, context, permutation(inOrder.target.length, testOrder)),
    testInOrder: inOrder,
    heldOut: null,
  };
}
