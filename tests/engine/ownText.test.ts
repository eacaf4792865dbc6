// @vitest-environment node
// The text task on the user's own text: domains from `# domain:` lines, whole documents held out
// (no window reaches across the split), the vocabulary capped with one unknown token, the same
// text and seed giving the same data, and the limits a text must meet.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDataset, type TextData } from '../../src/engine/datasets';
import {
  checkOwnText,
  decodeOwnText,
  makeOwnText,
  OWN_TEXT_MAX_BYTES,
  ownTextHash,
  summarizeOwnText,
  UNKNOWN_TOKEN,
  VOCAB_CAP,
} from '../../src/engine/datasets/own';
import { firstBadUtf8 } from '../../src/engine/datasets/own/checks';
import { CHUNK, ownDocuments } from '../../src/engine/datasets/own/documents';
import { ownVocab } from '../../src/engine/datasets/own/vocab';
import { heldOutBatches } from '../../src/engine/model/sequences';
import { evalExamples, trainingBatch } from '../../src/engine/model/trainingData';
import { mulberry32 } from '../../src/engine/rng';

const para = (word: string, n: number) => Array.from({ length: n }, () => word).join(' ');

/** doc i of n written only in its own 10 CJK characters, so a token says which document it came from */
function docChars(i: number): string[] {
  return Array.from({ length: 10 }, (_, j) => String.fromCodePoint(0x4e00 + i * 10 + j));
}
function labelledText(n: number, seed = 1): string {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const cs = docChars(i);
    return Array.from({ length: 20 + Math.floor(rand() * 40) }, () => cs[Math.floor(rand() * 10)]).join('');
  }).join('\n\n');
}

const own = (text: string, seed = 1, context = 3): TextData => makeOwnText(text, seed, context, 0.2);

describe('own text: domains and documents', () => {
  it('reads `# domain:` lines as domains, paragraphs as documents', () => {
    const text = [
      '# domain: poetry',
      para('roses are red', 10),
      '',
      para('violets are blue', 10),
      '# domain: code',
      'for (let i = 0; i < n; i++) sum += i;',
      '',
      'while (x > 0) x--;',
      '',
      'return sum;',
      '# Domain: poetry',
      para('sugar is sweet', 5),
    ].join('\n');
    const r = ownDocuments(text);
    if ('problem' in r) throw new Error(r.problem.code);
    // poetry: two paragraphs, then a third from the second poetry marker; code: three
    expect(r.domains.map((d) => [d.name, d.docs.length, d.line])).toEqual([
      ['poetry', 3, 1],
      ['code', 3, 5],
    ]);
    expect(r.domains[1].docs[2]).toBe('return sum;');
  });

  it('a text without markers is one domain, "your text"; a long paragraph is cut into CHUNK-sized documents', () => {
    const text = 'ab'.repeat(CHUNK + 100); // 2,248 characters, one paragraph → 3 documents of 1024, 1024, 200
    const r = ownDocuments(text);
    if ('problem' in r) throw new Error(r.problem.code);
    expect(r.domains).toHaveLength(1);
    expect(r.domains[0].name).toBe('your text');
    expect(r.domains[0].docs.map((d) => d.length)).toEqual([1024, 1024, 200]);
  });

  it('says which domain has fewer than two documents, and where', () => {
    const text = `${para('one two three', 20)}\n\n${para('four five', 20)}\n# domain: lonely\n${para('alone', 10)}`;
    expect(ownDocuments(text)).toEqual({ problem: { code: 'domain-too-small', domain: 'lonely', line: 4 } });
  });

  it('refuses empty, too short, too large and binary text', () => {
    expect(checkOwnText('  \n\t ')).toEqual({ problem: { code: 'empty' } });
    expect(ownDocuments('short text\n\nstill short')).toEqual({ problem: { code: 'too-short', chars: 19, limit: 200 } });
    const big = 'a'.repeat(OWN_TEXT_MAX_BYTES + 1);
    expect(checkOwnText(big)).toMatchObject({ problem: { code: 'too-large', limit: OWN_TEXT_MAX_BYTES } });
    expect(checkOwnText('line one\nline two \u0001 here')).toEqual({ problem: { code: 'binary', line: 2, char: 'U+0001' } });
    expect(() => own('too short')).toThrow(RangeError);
    // 250 one-character paragraphs: 250 characters, none with a next one in its paragraph
    const crumbs = Array.from({ length: 250 }, (_, i) => String.fromCodePoint(0x61 + (i % 26))).join('\n\n');
    expect(summarizeOwnText(crumbs, 1, 0.2)).toEqual({ problem: { code: 'too-fragmented', positions: 0, limit: 100 } });
  });
});

describe('own text: reading a file', () => {
  it('finds the first bad UTF-8 byte and its line', () => {
    // "ab\ncd" then 0xff: byte 5, line 2
    const bytes = Uint8Array.from([0x61, 0x62, 0x0a, 0x63, 0x64, 0xff, 0x61]);
    expect(decodeOwnText(bytes)).toEqual({ problem: { code: 'not-utf8', byte: 5, line: 2 } });
    // an overlong '/' (C0 AF), a lone continuation byte, a surrogate (ED A0 80), a cut sequence
    expect(firstBadUtf8(Uint8Array.from([0xc0, 0xaf]))).toBe(0);
    expect(firstBadUtf8(Uint8Array.from([0x61, 0x80]))).toBe(1);
    expect(firstBadUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstBadUtf8(Uint8Array.from([0xe4, 0xb8]))).toBe(0);
  });

  it('any valid UTF-8 passes the byte check', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => firstBadUtf8(new TextEncoder().encode(s)) === -1));
  });

  it('a NUL byte is binary, with its line', () => {
    expect(decodeOwnText(Uint8Array.from([0x61, 0x0a, 0x0a, 0x00]))).toEqual({ problem: { code: 'binary', line: 3, char: 'U+0000' } });
  });

  it('an empty file and one past the limit say so', () => {
    expect(decodeOwnText(new Uint8Array(0))).toEqual({ problem: { code: 'empty' } });
    expect(decodeOwnText(new Uint8Array(OWN_TEXT_MAX_BYTES + 1))).toMatchObject({ problem: { code: 'too-large' } });
  });

  it('a UTF-8 file reads as its text, byte-order mark dropped', () => {
    const bytes = new TextEncoder().encode('\uFEFF你好\nworld');
    expect(decodeOwnText(bytes)).toEqual({ text: '你好\nworld' });
  });
});

describe('own text: the held-out split', () => {
  it('no window reaches across the split: held-out contexts hold held-out text or pad, training ones none of it', () => {
    for (const context of [1, 3, 6]) {
      const d = own(labelledText(40), 7, context);
      const docOf = (id: number) => (id === 0 ? -1 : Math.floor((d.vocab[id].codePointAt(0)! - 0x4e00) / 10));
      const held = new Set(Array.from(d.test.target, docOf));
      const trained = new Set(Array.from(d.train!.target, docOf));
      expect(held.size).toBeGreaterThan(0);
      expect([...held].some((doc) => trained.has(doc))).toBe(false);
      for (const id of d.test.context) if (id !== 0) expect(held.has(docOf(id))).toBe(true);
      for (const id of d.train!.context) if (id !== 0) expect(held.has(docOf(id))).toBe(false);
      // the in-order copy holds the same positions as the shuffled one
      expect([...d.testInOrder!.target].sort()).toEqual([...d.test.target].sort());
    }
  });

  it('holds out about the test fraction of each domain, at least one document of each', () => {
    const text = `# domain: a\n${labelledText(10, 1)}\n# domain: b\n${labelledText(2, 2)}`;
    const r = summarizeOwnText(text, 1, 0.2);
    if ('problem' in r) throw new Error(r.problem.code);
    for (const dom of r.summary.domains) {
      expect(dom.heldOutChars).toBeGreaterThan(0);
      expect(dom.heldOutChars).toBeLessThan(dom.chars);
    }
    expect(r.summary.heldOutShare).toBeGreaterThan(0.1);
    expect(r.summary.heldOutShare).toBeLessThan(0.6);
  });
});

describe('own text: the vocabulary', () => {
  it('a Chinese text of thousands of characters keeps exactly the cap and counts the rest as unknown', () => {
    // character c (0 ≤ c < 3000) appears 3000 − c times, so the 512 kept are c = 0..511 and the
    // unknown positions are Σ_{c=512}^{2999} (3000 − c) = Σ_{m=1}^{2488} m = 2488·2489/2 = 3,096,316
    // of Σ_{m=1}^{3000} m = 4,501,500 in all
    const counts = Array.from({ length: 3000 }, (_, c) => 3000 - c);
    const docs = counts.map((n, c) => String.fromCodePoint(0x4e00 + c).repeat(n));
    const { vocab, stats } = ownVocab(docs);
    expect(stats).toEqual({ distinct: 3000, kept: VOCAB_CAP, unknown: 3000 - VOCAB_CAP, unknownShare: 3_096_316 / 4_501_500 });
    expect(vocab).toHaveLength(VOCAB_CAP + 2);
    expect(vocab.slice(0, 2)).toEqual(['', UNKNOWN_TOKEN]);
    expect(vocab[2]).toBe('\u4e00');
    expect(vocab.at(-1)).toBe(String.fromCodePoint(0x4e00 + 511));
  });

  it('ties go to the lower code point', () => {
    const { vocab, stats } = ownVocab(['cbaabc'], 2);
    expect(vocab).toEqual(['', UNKNOWN_TOKEN, 'a', 'b']);
    expect(stats.unknownShare).toBeCloseTo(2 / 6);
  });

  it('unknown characters train as the unknown token', () => {
    const text = Array.from({ length: 20 }, (_, i) => String.fromCodePoint(0x4e00 + i).repeat(30 + i)).join('\n\n');
    const d = makeOwnText(text, 1, 3, 0.2);
    expect(d.vocab.length).toBe(22); // 20 characters, all kept, pad and unknown
  });
});

describe('own text: determinism and the dataset entry', () => {
  it('the same text and seed give byte-identical data; another seed another split', () => {
    const text = labelledText(30);
    const a = own(text, 3);
    const b = own(text, 3);
    expect(Buffer.from(a.train!.context.buffer).equals(Buffer.from(b.train!.context.buffer))).toBe(true);
    expect(Buffer.from(a.test.context.buffer).equals(Buffer.from(b.test.context.buffer))).toBe(true);
    expect(a.train!.target).toEqual(b.train!.target);
    const c = own(text, 4);
    expect(Buffer.from(c.test.target.buffer).equals(Buffer.from(a.test.target.buffer))).toBe(false);
  });

  it('makeDataset builds it from its text', () => {
    const text = labelledText(12);
    const d = makeDataset({ name: 'own', size: 0, noise: 0, seed: 1, context: 2, ownText: text });
    expect(d.kind === 'text' && d.name === 'own' && d.domains).toEqual(['your text']);
    expect(() => makeDataset({ name: 'own', size: 0, noise: 0, seed: 1 })).toThrow(RangeError);
  });

  it('the hash is a whole number below 2^53, never 0, and differs for a one-character change', () => {
    const h = ownTextHash('hello');
    expect(Number.isSafeInteger(h) && h > 0).toBe(true);
    expect(ownTextHash('hello')).toBe(h);
    expect(ownTextHash('hellp')).not.toBe(h);
    fc.assert(fc.property(fc.string(), (s) => Number.isSafeInteger(ownTextHash(s)) && ownTextHash(s) > 0));
  });
});

describe('own text: batches', () => {
  it('trains in sequences (seqLen > 1) and evaluates on held-out text of every domain', () => {
    const text = `# domain: a\n${labelledText(30, 1)}\n# domain: b\n${labelledText(30, 2)}`;
    const d = own(text, 1, 3);
    const batch = trainingBatch(d, 64, mulberry32(1), 8);
    expect(batch.seqLen).toBe(8);
    expect(batch.domain?.length).toBe(64);
    const evals = heldOutBatches(d, 64, 8, evalExamples(d));
    const seen = new Set(evals.flatMap((b) => Array.from(b.domain ?? [])));
    expect([...seen].sort()).toEqual([0, 1]);
  });
});

describe('own text: fuzzed files', () => {
  // whatever a user drops, the reader answers with a text or a problem, never a throw, and a text
  // it accepts sums up and builds (or says why it cannot)
  const base = `# domain: poems\n${'the moon over the water. '.repeat(20)}\n\n${'a second stanza here. '.repeat(20)}\n# domain: 代码\n${'let x = 1; 月亮。'.repeat(30)}\n\n${'for (;;) {} '.repeat(30)}\n`;
  const edits = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.uint8Array({ maxLength: 12 })), { maxLength: 8 });
  const mutate = (bytes: Uint8Array, list: [number, number, Uint8Array][]): Uint8Array => {
    let out = bytes;
    for (const [at, cut, insert] of list) {
      const i = at % (out.length + 1);
      out = Uint8Array.from([...out.subarray(0, i), ...insert, ...out.subarray(Math.min(out.length, i + (cut % 16)))]);
    }
    return out;
  };
  const answer = (bytes: Uint8Array): void => {
    const decoded = decodeOwnText(bytes);
    if ('problem' in decoded) {
      expect(typeof decoded.problem.code).toBe('string');
      return;
    }
    const summed = summarizeOwnText(decoded.text, 1, 0.2);
    if ('problem' in summed) return;
    expect(summed.summary.vocab.kept).toBeLessThanOrEqual(VOCAB_CAP);
    makeOwnText(decoded.text, 1, 4, 0.2);
  };

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => answer(bytes)), { numRuns: 300 });
  });

  it('a good file with bytes cut, inserted and replaced', () => {
    const good = new TextEncoder().encode(base);
    fc.assert(fc.property(edits, (list) => answer(mutate(good, list))), { numRuns: 300 });
  });
});
