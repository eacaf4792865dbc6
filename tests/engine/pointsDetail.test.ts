import { describe, expect, it } from 'vitest';
import { DETAIL_LEVELS, makeDataset, type PointsData, type PointsName } from '../../src/engine/datasets';
import { ringBands } from '../../src/engine/datasets/pointShapes';

const POINTS: readonly PointsName[] = ['clusters', 'spirals', 'checkerboard', 'rings'];
const LEVELS = Array.from({ length: DETAIL_LEVELS }, (_, i) => i + 1);

function points(name: PointsName, detail: number | undefined, seed = 7, noise = 0.2, size = 600): PointsData {
  const d = makeDataset({ name, size, noise, seed, detail });
  if (d.kind !== 'points') throw new Error('expected points');
  return d;
}

/** FNV-1a over the bytes of train x, y, test x, y. */
function fingerprint(d: PointsData): string {
  let h = 0x811c9dc5;
  for (const a of [d.train.x, d.train.y, d.test.x, d.test.y]) {
    for (const b of new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

// Taken from the code before detail existed (commit d4b35bf): links of format versions 1 and 2
// name a set, size, noise and seed, and must keep drawing these very bytes.
const BEFORE_DETAIL: readonly [PointsName, number, number, number, string][] = [
  ['clusters', 1000, 0.1, 1, 'de49a0dc'],
  ['clusters', 500, 0, 7, '292a2a88'],
  ['clusters', 237, 0.73, -5, 'b38e5a0d'],
  ['clusters', 2000, 1, 123456789, '1bca4fbf'],
  ['spirals', 1000, 0.1, 1, '7873714c'],
  ['spirals', 500, 0, 7, 'ba3cafd4'],
  ['spirals', 237, 0.73, -5, '007c3c3d'],
  ['spirals', 2000, 1, 123456789, 'f6a1bbfa'],
  ['checkerboard', 1000, 0.1, 1, 'eecbe530'],
  ['checkerboard', 500, 0, 7, '97aaf88b'],
  ['checkerboard', 237, 0.73, -5, 'dbd4ed5c'],
  ['checkerboard', 2000, 1, 123456789, '9b245f41'],
  ['rings', 1000, 0.1, 1, '130fa40f'],
  ['rings', 500, 0, 7, '6c18f71f'],
  ['rings', 237, 0.73, -5, 'e64889cb'],
  ['rings', 2000, 1, 123456789, '0c56ba68'],
];

describe('points detail 1: the data of older links, byte for byte', () => {
  it.each(BEFORE_DETAIL)('%s, size %i, noise %f, seed %i', (name, size, noise, seed, expected) => {
    expect(fingerprint(points(name, 1, seed, noise, size))).toBe(expected);
    expect(fingerprint(points(name, undefined, seed, noise, size))).toBe(expected);
  });
});

describe.each(POINTS)('points detail: %s', (name) => {
  it.each(LEVELS)('is identical for the same options at detail %i', (detail) => {
    expect(fingerprint(points(name, detail))).toBe(fingerprint(points(name, detail)));
    expect(points(name, detail, 7).train.x).not.toEqual(points(name, detail, 8).train.x);
  });

  it('draws another shape at every detail, with the same classes', () => {
    const shapes = LEVELS.map((detail) => points(name, detail));
    expect(new Set(shapes.map(fingerprint)).size).toBe(DETAIL_LEVELS);
    expect(new Set(shapes.map((d) => d.classes)).size).toBe(1);
  });

  it.each(LEVELS)('keeps clean points inside [-1, 1]² with balanced classes at detail %i', (detail) => {
    const d = points(name, detail, 5, 0, 1200);
    expect([...d.train.x, ...d.test.x].every((v) => Math.abs(v) <= 1)).toBe(true);
    const counts = new Array<number>(d.classes).fill(0);
    for (const c of [...d.train.y, ...d.test.y]) counts[c]++;
    expect(counts).toEqual(new Array<number>(d.classes).fill(1200 / d.classes));
  });

  it.each(LEVELS)('is learnable, not noise, at detail %i: the nearest training point mostly has the class', (detail) => {
    const d = points(name, detail, 3, 0.1, 4000);
    let correct = 0;
    for (let i = 0; i < d.test.y.length; i++) {
      let best = Infinity;
      let cls = -1;
      for (let j = 0; j < d.train.y.length; j++) {
        const dist = (d.test.x[2 * i] - d.train.x[2 * j]) ** 2 + (d.test.x[2 * i + 1] - d.train.x[2 * j + 1]) ** 2;
        if (dist < best) [best, cls] = [dist, d.train.y[j]];
      }
      if (cls === d.test.y[i]) correct++;
    }
    expect(correct / d.test.y.length).toBeGreaterThan(0.9);
  });

  it('jitters finer shapes less, so noise blurs the same share of a boundary', () => {
    // the jitter has a stream of its own: noisy minus clean is the jitter alone, at any detail
    const shift = (detail: number) => {
      const clean = points(name, detail, 4, 0);
      const noisy = points(name, detail, 4, 1);
      return noisy.train.x.reduce((s, v, i) => s + Math.abs(v - clean.train.x[i]), 0);
    };
    const shifts = LEVELS.map(shift);
    for (let i = 1; i < shifts.length; i++) expect(shifts[i]).toBeLessThan(shifts[i - 1]);
  });
});

describe('points detail: shapes', () => {
  it.each(LEVELS)('labels the checkerboard by cell parity at detail %i, with more cells each level', (detail) => {
    const cells = 2 + 2 * detail;
    const d = points('checkerboard', detail, 2, 0, 800);
    for (let i = 0; i < d.train.y.length; i++) {
      const col = Math.floor(((d.train.x[2 * i] + 1) * cells) / 2);
      const row = Math.floor(((d.train.x[2 * i + 1] + 1) * cells) / 2);
      expect((row + col) % 2).toBe(d.train.y[i]);
    }
  });

  it.each(LEVELS)('puts clean rings in their bands at detail %i, class = band mod 3', (detail) => {
    const bands = ringBands(detail);
    const d = points('rings', detail, 2, 0, 900);
    for (let i = 0; i < d.train.y.length; i++) {
      const r = Math.hypot(d.train.x[2 * i], d.train.x[2 * i + 1]);
      const band = bands.findIndex(([inner, outer]) => r >= inner - 1e-6 && r <= outer + 1e-6);
      expect(band % 3).toBe(d.train.y[i]);
    }
  });

  it('lays the ring bands out from the centre to the edge, gaps between them', () => {
    expect(ringBands(1)).toEqual([
      [0, 0.3],
      [0.45, 0.65],
      [0.8, 1],
    ]);
    for (const detail of LEVELS) {
      const bands = ringBands(detail);
      expect(bands.length % 3).toBe(0);
      expect(bands[0][0]).toBe(0);
      expect(bands[bands.length - 1][1]).toBeCloseTo(1, 12);
      for (let b = 1; b < bands.length; b++) expect(bands[b][0]).toBeGreaterThan(bands[b - 1][1]);
      if (detail > 1) expect(bands.length).toBeGreaterThan(ringBands(detail - 1).length);
    }
  });

  it('turns the spirals more at each detail: one arm crosses the x axis more often', () => {
    const crossings = (detail: number) => {
      const d = points('spirals', detail, 1, 0, 4000);
      const arm = Array.from(d.train.y.keys())
        .filter((i) => d.train.y[i] === 0)
        .map((i) => [Math.hypot(d.train.x[2 * i], d.train.x[2 * i + 1]), d.train.x[2 * i + 1]])
        .sort((a, b) => a[0] - b[0]);
      return arm.filter((p, i) => i > 0 && Math.sign(p[1]) !== Math.sign(arm[i - 1][1])).length;
    };
    const counts = LEVELS.map(crossings);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]);
  });
});

describe('makeDataset: bad detail', () => {
  it.each([0, DETAIL_LEVELS + 1, 1.5, Number.NaN])('rejects detail %f', (detail) => {
    expect(() => makeDataset({ name: 'rings', size: 100, noise: 0, seed: 1, detail })).toThrow(/detail/);
  });

  it('ignores detail for text', () => {
    expect(makeDataset({ name: 'text', size: 0, noise: 0, seed: 1, detail: 3 })).toEqual(
      makeDataset({ name: 'text', size: 0, noise: 0, seed: 1 }),
    );
  });
});
