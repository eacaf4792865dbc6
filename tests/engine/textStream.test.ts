// @vitest-environment node
// The streamed text: four small grammars writing fresh sentences from a seed, a fixed vocabulary,
// a fixed held-out set from a seed stream of its own, and training draws that never contain a
// held-out sentence (the "sequence": one sentence, line of code or line of equations).

import { describe, expect, it } from 'vitest';
import { decode, drawText, makeDataset, type TextData, type TextSplit } from '../../src/engine/datasets';
import { windows } from '../../src/engine/datasets/text';
import {
  DOMAIN_SHARES,
  domainQuotas,
  HELD_OUT_POSITIONS,
  heldOutRand,
  SENTENCE_WRITERS,
  STREAM_VOCAB,
  trainingSentences,
} from '../../src/engine/datasets/textStream';
import { arithmeticLine } from '../../src/engine/datasets/grammar/math';
import { encode } from '../../src/engine/datasets/vocab';
import { evalExamples } from '../../src/engine/model/trainingData';
import { mulberry32 } from '../../src/engine/rng';

function stream(seed = 1, context = 3): TextData {
  const d = makeDataset({ name: 'text', size: 0, noise: 0, seed, context });
  if (d.kind !== 'text') throw new Error('expected text');
  return d;
}

const ids = new Map(STREAM_VOCAB.map((t, i) => [t, i]));
const windowKey = (s: TextSplit, i: number, c: number) => `${Array.from(s.context.subarray(i * c, (i + 1) * c)).join(',')}>${s.target[i]}`;

describe('streamed text: vocabulary and domains', () => {
  it('has a fixed vocabulary, the pad first, the same for every seed', () => {
    const a = stream(1);
    expect(a.vocab[0]).toBe('');
    expect(new Set(a.vocab).size).toBe(a.vocab.length);
    expect(a.vocab).toEqual([...STREAM_VOCAB]);
    expect(stream(9).vocab).toEqual(a.vocab);
  });

  it('keeps the four domains and their labels', () => {
    const d = stream();
    expect(d.domainIds).toEqual(['en', 'zh', 'code', 'math']);
    expect(d.domains).toEqual(['English', 'Chinese', 'code', 'arithmetic']);
    expect(d.name).toBe('text');
    expect(d.train).toBeNull();
  });

  it('writes only tokens of the vocabulary, in each domain its own kind of text', () => {
    const rand = mulberry32(3);
    const shapes = [/^[a-z ]+\.$/, /^[\p{Script=Han}]+[。？]$/u, /^[a-z]+[ (.].*[;}]$/, /^(\d+[+\-*]\d+=\d+;){2,4}$/];
    SENTENCE_WRITERS.forEach((write, domain) => {
      for (let i = 0; i < 500; i++) {
        const sentence = write(rand);
        expect(() => encode(sentence, ids), sentence).not.toThrow();
        expect(sentence, `domain ${domain}`).toMatch(shapes[domain]);
      }
    });
  });

  it('computes every arithmetic result correctly, with every operator', () => {
    const rand = mulberry32(5);
    const ops = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      for (const eq of arithmeticLine(rand).split(';').filter(Boolean)) {
        const [, a, op, b, c] = /^(\d+)([+\-*])(\d+)=(\d+)$/.exec(eq) ?? [];
        const expected = op === '+' ? +a + +b : op === '-' ? +a - +b : +a * +b;
        expect(+c, eq).toBe(expected);
        expect(+c, eq).toBeGreaterThanOrEqual(0);
        ops.add(op);
      }
    }
    expect([...ops].sort()).toEqual(['*', '+', '-']);
  });

  it('varies enough that sentences hardly repeat', () => {
    const rand = mulberry32(11);
    SENTENCE_WRITERS.forEach((write, domain) => {
      const sentences = Array.from({ length: 2000 }, () => write(rand));
      expect(new Set(sentences).size / sentences.length, `domain ${domain}`).toBeGreaterThan(0.9);
    });
  });
});

describe('streamed text: held-out set', () => {
  it('is reproducible byte for byte from its seed, and two seeds differ', () => {
    const a = stream(4);
    const b = stream(4);
    expect(b.test).toEqual(a.test);
    expect([...(b.heldOut ?? [])]).toEqual([...(a.heldOut ?? [])]);
    expect(stream(5).test.target).not.toEqual(a.test.target);
  });

  it('holds at least 4,096 positions, each domain its share, and an evaluation reads them all', () => {
    const d = stream();
    const n = d.test.target.length;
    expect(n).toBeGreaterThanOrEqual(HELD_OUT_POSITIONS);
    expect(n).toBeLessThan(HELD_OUT_POSITIONS + 400);
    expect(evalExamples(d)).toBe(n);
    const counts = [0, 0, 0, 0];
    for (const k of d.test.domain) counts[k]++;
    counts.forEach((c, k) => expect(Math.abs(c / n - DOMAIN_SHARES[k])).toBeLessThan(0.02));
    // shuffled: the first batch of 256 already mixes every domain
    expect(new Set(d.test.domain.subarray(0, 256)).size).toBe(4);
  });

  it('is made of the windows of its held-out sentences', () => {
    const d = stream(2, 4);
    const own = windows([...(d.heldOut ?? [])].map((s) => ({ domain: 0, ids: encode(s, ids) })), 4);
    const keys = new Set(Array.from(own.target, (_, i) => windowKey(own, i, 4)));
    for (let i = 0; i < d.test.target.length; i++) expect(keys.has(windowKey(d.test, i, 4))).toBe(true);
  });
});

describe('streamed text: training draws', () => {
  it('are reproducible from the rand state, and fresh from one draw to the next', () => {
    const d = stream();
    expect(drawText(d, 256, mulberry32(9))).toEqual(drawText(d, 256, mulberry32(9)));
    const rand = mulberry32(9);
    expect(drawText(d, 256, rand).target).not.toEqual(drawText(d, 256, rand).target);
  });

  it('give each domain its quota of T, in mixed order, with consistent ids', () => {
    const d = stream();
    for (const T of [1, 3, 48, 256, 1001]) {
      const s = drawText(d, T, mulberry32(T));
      expect(s.target.length).toBe(T);
      expect(s.context.length).toBe(T * 3);
      const counts = [0, 0, 0, 0];
      for (const k of s.domain) counts[k]++;
      expect(counts).toEqual(domainQuotas(T));
      expect(counts.reduce((a, b) => a + b)).toBe(T);
      expect(s.target.every((id) => id > 0 && id < d.vocab.length)).toBe(true);
    }
    const s = drawText(d, 256, mulberry32(1));
    expect(new Set(s.domain.subarray(0, 32)).size).toBeGreaterThan(1);
  });

  it('label each position with the domain whose text it is', () => {
    const s = drawText(stream(), 512, mulberry32(2));
    for (let i = 0; i < 512; i++) {
      const next = decode([s.target[i]], STREAM_VOCAB);
      if (/\p{Script=Han}/u.test(next)) expect(s.domain[i]).toBe(1);
      if (/[=]/.test(next)) expect([2, 3]).toContain(s.domain[i]);
      if (/[A-Za-z]/.test(next)) expect([0, 2]).toContain(s.domain[i]);
    }
  });

  it('are windows of the draw’s training sentences', () => {
    const d = stream();
    const sentences = trainingSentences(d, 256, mulberry32(6));
    const docs = sentences.flatMap((list, domain) => list.map((s) => ({ domain, ids: encode(s, ids) })));
    const pool = windows(docs, 3);
    const keys = new Set(Array.from(pool.target, (_, i) => windowKey(pool, i, 3)));
    const s = drawText(d, 256, mulberry32(6));
    for (let i = 0; i < 256; i++) expect(keys.has(windowKey(s, i, 3))).toBe(true);
  });

  it('never contain a held-out sentence, even from a stream that replays the held-out one', () => {
    const d = stream(7);
    const heldOut = d.heldOut ?? new Set<string>();
    expect(heldOut.size).toBeGreaterThan(100);
    // the held-out set's own seed stream as the training stream: without the skip it would write
    // the held-out sentences again, so this check can fail
    const unguarded = trainingSentences({ ...d, heldOut: new Set() }, 256, heldOutRand(7)).flat();
    expect(unguarded.some((s) => heldOut.has(s))).toBe(true);
    const guarded = trainingSentences(d, 256, heldOutRand(7)).flat();
    expect(guarded.some((s) => heldOut.has(s))).toBe(false);
    // and the ordinary stream, over 500 draws of 256 positions
    const rand = mulberry32(7);
    for (let step = 0; step < 500; step++) {
      for (const s of trainingSentences(d, 256, rand).flat()) expect(heldOut.has(s), s).toBe(false);
    }
  });

  it('have structure beyond bigrams: three tokens of context predict the next far better than one', () => {
    const d = stream();
    const rand = mulberry32(8);
    const entropy = (k: number, draws: TextSplit[]) => {
      const counts = new Map<string, Map<number, number>>();
      const keyOf = (s: TextSplit, i: number) => Array.from(s.context.subarray(i * 3 + 3 - k, i * 3 + 3)).join(',');
      for (const s of draws) {
        for (let i = 0; i < s.target.length; i++) {
          const row = counts.get(keyOf(s, i)) ?? new Map<number, number>();
          row.set(s.target[i], (row.get(s.target[i]) ?? 0) + 1);
          counts.set(keyOf(s, i), row);
        }
      }
      let h = 0;
      let n = 0;
      for (const row of counts.values()) {
        const total = [...row.values()].reduce((a, b) => a + b, 0);
        for (const c of row.values()) h -= c * Math.log(c / total);
        n += total;
      }
      return h / n;
    };
    const draws = Array.from({ length: 200 }, () => drawText(d, 256, rand));
    const [h1, h3] = [entropy(1, draws), entropy(3, draws)];
    expect(h1).toBeGreaterThan(1.5);
    expect(h3).toBeLessThan(0.7 * h1);
  });
});
