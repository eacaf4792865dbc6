import { describe, expect, it } from 'vitest';
import {
  DATASETS,
  decode,
  display,
  makeDataset,
  sampleIndices,
  type PointsData,
  type PointsName,
  type TextData,
  type TextSplit,
} from '../../src/engine/datasets';
import { CORPUS, DOMAIN_IDS } from '../../src/engine/datasets/corpus';
import { MATH_DOCS } from '../../src/engine/datasets/corpus/math';
import { splitDocuments } from '../../src/engine/datasets/text';
import { buildVocab } from '../../src/engine/datasets/vocab';
import { mulberry32 } from '../../src/engine/rng';

const POINTS: readonly PointsName[] = ['clusters', 'spirals', 'checkerboard', 'rings'];

function points(name: PointsName, seed = 7, noise = 0.2, size = 500): PointsData {
  const d = makeDataset({ name, size, noise, seed });
  if (d.kind !== 'points') throw new Error('expected points');
  return d;
}

/** the fixed corpus, whose training split is always there */
function corpus(context = 3, testFraction?: number): TextData & { train: TextSplit } {
  const d = makeDataset({ name: 'corpus', size: 0, noise: 0, seed: 1, context, testFraction });
  if (d.kind !== 'text' || !d.train) throw new Error('expected the corpus');
  return { ...d, train: d.train };
}

function windowAt(split: TextSplit, i: number, context: number): number[] {
  return Array.from(split.context.subarray(i * context, (i + 1) * context));
}

/** The documents of a split, rebuilt from its windows: a window of pads then one token starts one. */
function documents(split: TextSplit, vocab: readonly string[], context: number): { domain: number; text: string }[] {
  const docs: { domain: number; text: string }[] = [];
  for (let i = 0; i < split.target.length; i++) {
    const w = windowAt(split, i, context);
    if (w.slice(0, -1).every((id) => id === 0)) docs.push({ domain: split.domain[i], text: vocab[w[context - 1]] });
    docs[docs.length - 1].text += vocab[split.target[i]];
  }
  return docs;
}

describe('DATASETS', () => {
  it('lists the teacher (the default), the four point sets, text, the corpus and the user’s own text', () => {
    expect(DATASETS).toEqual(['teacher', 'clusters', 'spirals', 'checkerboard', 'rings', 'text', 'corpus', 'own']);
  });
});

describe.each(POINTS)('points: %s', (name) => {
  it('is identical for the same options, byte for byte', () => {
    const a = points(name);
    const b = points(name);
    expect(a.train.x).toEqual(b.train.x);
    expect(a.train.y).toEqual(b.train.y);
    expect(a.test.x).toEqual(b.test.x);
    expect(a.test.y).toEqual(b.test.y);
  });

  it('differs for another seed', () => {
    expect(points(name, 7).train.x).not.toEqual(points(name, 8).train.x);
  });

  it('differs between noise 0 and noise > 0, but keeps the labels', () => {
    const clean = points(name, 7, 0);
    const noisy = points(name, 7, 0.5);
    expect(noisy.train.x).not.toEqual(clean.train.x);
    expect(noisy.train.y).toEqual(clean.train.y);
  });

  it('has the requested size, split 80/20, with finite coordinates and classes in range', () => {
    const d = points(name, 3, 1, 1000);
    expect(d.inputDim).toBe(2);
    expect(d.train.y.length).toBe(800);
    expect(d.test.y.length).toBe(200);
    for (const split of [d.train, d.test]) {
      expect(split.x.length).toBe(2 * split.y.length);
      expect(split.x.every((v) => Number.isFinite(v) && Math.abs(v) < 2)).toBe(true);
      expect(split.y.every((c) => c >= 0 && c < d.classes)).toBe(true);
    }
  });

  it('keeps clean points inside [-1, 1]² with balanced classes', () => {
    const d = points(name, 5, 0, 1200);
    const all = [...d.train.x, ...d.test.x];
    expect(all.every((v) => Math.abs(v) <= 1)).toBe(true);
    const counts = new Array<number>(d.classes).fill(0);
    for (const c of [...d.train.y, ...d.test.y]) counts[c]++;
    expect(counts).toEqual(new Array<number>(d.classes).fill(1200 / d.classes));
  });

  it('splits disjointly: no point is in both train and test', () => {
    const d = points(name, 11, 0.3, 400);
    const key = (x: Float32Array, i: number) => `${x[2 * i]},${x[2 * i + 1]}`;
    const train = new Set(Array.from(d.train.y, (_, i) => key(d.train.x, i)));
    const test = Array.from(d.test.y, (_, i) => key(d.test.x, i));
    expect(test.some((k) => train.has(k))).toBe(false);
  });
});

describe('points: shapes', () => {
  it('labels the checkerboard by cell parity when clean', () => {
    const d = points('checkerboard', 2, 0, 400);
    for (let i = 0; i < d.train.y.length; i++) {
      const col = Math.floor((d.train.x[2 * i] + 1) * 2);
      const row = Math.floor((d.train.x[2 * i + 1] + 1) * 2);
      expect((row + col) % 2).toBe(d.train.y[i]);
    }
  });

  it('puts clean rings in separate radial bands, class rising outward', () => {
    const d = points('rings', 2, 0, 600);
    const radius = (i: number) => Math.hypot(d.train.x[2 * i], d.train.x[2 * i + 1]);
    const maxR = [0, 0, 0];
    const minR = [Infinity, Infinity, Infinity];
    d.train.y.forEach((c, i) => {
      maxR[c] = Math.max(maxR[c], radius(i));
      minR[c] = Math.min(minR[c], radius(i));
    });
    expect(maxR[0]).toBeLessThan(minR[1]);
    expect(maxR[1]).toBeLessThan(minR[2]);
  });

  it('has the expected number of classes', () => {
    expect(POINTS.map((n) => points(n).classes)).toEqual([3, 2, 2, 3]);
  });
});

describe('corpus: documents', () => {
  it.each(DOMAIN_IDS)('%s has at least 2000 characters', (id) => {
    const chars = CORPUS[id].reduce((n, doc) => n + Array.from(doc).length, 0);
    expect(chars).toBeGreaterThanOrEqual(2000);
  });

  it('has only correct arithmetic lines, with every operator', () => {
    const lines = MATH_DOCS.flatMap((doc) => doc.split('\n'));
    expect(lines.length).toBeGreaterThanOrEqual(300);
    expect(new Set(lines).size).toBe(lines.length);
    const ops = new Set<string>();
    for (const line of lines) {
      const m = /^(\d+)([+\-*])(\d+)=(\d+)$/.exec(line);
      expect(m, line).not.toBeNull();
      const [, a, op, b, c] = m as RegExpExecArray;
      const expected = op === '+' ? +a + +b : op === '-' ? +a - +b : +a * +b;
      expect(+c, line).toBe(expected);
      ops.add(op);
    }
    expect([...ops].sort()).toEqual(['*', '+', '-']);
  });

  it('writes Chinese in Chinese characters', () => {
    const han = CORPUS.zh.join('').match(/\p{Script=Han}/gu) ?? [];
    expect(han.length).toBeGreaterThanOrEqual(1500);
  });
});

describe('corpus: vocabulary', () => {
  const d = corpus();

  it('starts with the pad token and has each token once, under 700 in all', () => {
    expect(d.vocab[0]).toBe('');
    expect(new Set(d.vocab).size).toBe(d.vocab.length);
    expect(d.vocab.length).toBeLessThan(700);
    expect(d.vocab).toContain('\n');
    expect(d.vocab).toContain(' ');
  });

  it('does not depend on the order of the texts', () => {
    expect(buildVocab(['ba', '中c'])).toEqual(buildVocab(['中c', 'ab']));
  });

  it('shows invisible tokens as symbols', () => {
    expect(['', '\n', ' ', 'a', '水'].map(display)).toEqual(['∅', '⏎', '␣', 'a', '水']);
  });
});

describe('corpus: positions', () => {
  it('names the domains with stable ids', () => {
    const d = corpus();
    expect(d.domainIds).toEqual(['en', 'zh', 'code', 'math']);
    expect(d.domains).toEqual(['English', 'Chinese', 'code', 'arithmetic']);
  });

  it('has consistent shapes and ids in range', () => {
    const d = corpus(4);
    expect(d.context).toBe(4);
    for (const split of [d.train, d.test]) {
      const n = split.target.length;
      expect(n).toBeGreaterThan(0);
      expect(split.context.length).toBe(n * 4);
      expect(split.domain.length).toBe(n);
      expect(split.context.every((id) => id >= 0 && id < d.vocab.length)).toBe(true);
      expect(split.target.every((id) => id > 0 && id < d.vocab.length)).toBe(true);
      expect(split.domain.every((k) => k < d.domains.length)).toBe(true);
    }
  });

  it('decodes a hand-picked window and its target', () => {
    const d = corpus(3);
    // the first English document opens with 'The kettle'
    expect(windowAt(d.train, 0, 3)).toEqual([0, 0, d.vocab.indexOf('T')]);
    expect(decode([d.train.target[0]], d.vocab)).toBe('h');
    expect(decode(windowAt(d.train, 3, 3), d.vocab)).toBe('he ');
    expect(decode([d.train.target[3]], d.vocab)).toBe('k');
    expect(decode(windowAt(d.train, 8, 3), d.vocab)).toBe('ttl');
    expect(decode([d.train.target[8]], d.vocab)).toBe('e');
  });

  it('slides each window by one token, or starts a new document with pads', () => {
    const c = 3;
    const d = corpus(c);
    for (const split of [d.train, d.test]) {
      for (let i = 0; i + 1 < split.target.length; i++) {
        const next = windowAt(split, i + 1, c);
        const slid = [...windowAt(split, i, c).slice(1), split.target[i]];
        const fresh = next.slice(0, -1).every((id) => id === 0);
        expect(fresh || next.join() === slid.join(), `position ${i}`).toBe(true);
      }
    }
  });

  it('has every domain in both splits', () => {
    const d = corpus();
    for (const split of [d.train, d.test]) expect(new Set(split.domain)).toEqual(new Set([0, 1, 2, 3]));
  });

  it('rebuilds the corpus exactly: train is each domain head, test its tail, no overlap', () => {
    const c = 3;
    const d = corpus(c);
    const train = documents(d.train, d.vocab, c);
    const test = documents(d.test, d.vocab, c);
    DOMAIN_IDS.forEach((id, k) => {
      const trainDocs = train.filter((doc) => doc.domain === k).map((doc) => doc.text);
      const testDocs = test.filter((doc) => doc.domain === k).map((doc) => doc.text);
      expect([...trainDocs, ...testDocs]).toEqual(CORPUS[id]);
      const trainText = trainDocs.join('\u0000');
      for (const doc of testDocs) expect(trainText.includes(doc)).toBe(false);
    });
  });

  it('holds out about testFraction of each domain', () => {
    for (const fraction of [0.1, 0.2, 0.3]) {
      for (const id of DOMAIN_IDS) {
        const { train, test } = splitDocuments(CORPUS[id], fraction);
        const length = (docs: readonly string[]) => docs.reduce((n, doc) => n + Array.from(doc).length, 0);
        const share = length(test) / (length(train) + length(test));
        expect(Math.abs(share - fraction), `${id} at ${fraction}`).toBeLessThan(0.08);
      }
    }
  });

  it('is the same whatever the seed', () => {
    const a = makeDataset({ name: 'corpus', size: 100, noise: 0, seed: 1 });
    const b = makeDataset({ name: 'corpus', size: 100, noise: 0.5, seed: 2 });
    expect(a).toEqual(b);
  });
});

describe('makeDataset: bad options', () => {
  it.each([
    [{ name: 'moons' as PointsName, size: 100, noise: 0, seed: 1 }, /unknown dataset/],
    [{ name: 'rings' as const, size: 1, noise: 0, seed: 1 }, /size/],
    [{ name: 'rings' as const, size: 100, noise: 1.5, seed: 1 }, /noise/],
    [{ name: 'rings' as const, size: 100, noise: 0, seed: 0.5 }, /seed/],
    [{ name: 'rings' as const, size: 100, noise: 0, seed: 1, testFraction: 1 }, /testFraction/],
    [{ name: 'text' as const, size: 100, noise: 0, seed: 1, context: 0 }, /context/],
    [{ name: 'corpus' as const, size: 100, noise: 0, seed: 1, context: 65 }, /context/],
  ])('rejects %o', (opts, message) => {
    expect(() => makeDataset(opts)).toThrow(message);
  });
});

describe('sampleIndices', () => {
  it('draws T indices in 0..n-1, the same for the same seed', () => {
    const a = sampleIndices(37, 1000, mulberry32(9));
    const b = sampleIndices(37, 1000, mulberry32(9));
    expect(a).toEqual(b);
    expect(a.length).toBe(1000);
    expect(a.every((i) => i >= 0 && i < 37)).toBe(true);
    expect(new Set(a).size).toBe(37);
    expect(sampleIndices(37, 1000, mulberry32(10))).not.toEqual(a);
  });

  it('stays in range for a generator that returns 1', () => {
    expect(Array.from(sampleIndices(5, 3, () => 1))).toEqual([4, 4, 4]);
  });

  it('rejects an empty split', () => {
    expect(() => sampleIndices(0, 4, mulberry32(1))).toThrow(RangeError);
  });
});
