import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp } from '../../src/engine/routing/exp';

/** distance in units in the last place between two finite positive doubles */
function ulps(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  return Math.abs(Number(bits[0] - bits[1]));
}

describe('exp', () => {
  it('gives the special values', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(1)).toBe(Math.E);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(800)).toBe(Infinity);
    expect(exp(-800)).toBe(0);
    expect(exp(NaN)).toBeNaN();
  });

  it('is within 3 ulp of Math.exp on the softmax range, and equal after rounding to float32', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        const a = exp(x);
        const b = Math.exp(x);
        expect(ulps(a, b)).toBeLessThanOrEqual(3);
      }),
      { numRuns: 5000 },
    );
    // the router's scores: logit minus the row maximum
    let differ = 0;
    for (let i = 0; i < 200000; i++) {
      const x = -i / 4000;
      expect(ulps(exp(x), Math.exp(x))).toBeLessThanOrEqual(3);
      if (Math.fround(exp(x)) !== Math.fround(Math.exp(x))) differ++;
    }
    expect(differ).toBeLessThan(5);
  });

  it('is monotonic across the table and power boundaries', () => {
    for (let n = -2000; n < 2000; n++) {
      const x = (n * Math.LN2) / 64;
      for (const dx of [-1e-12, 0, 1e-12]) {
        expect(exp(x + dx + 1e-9)).toBeGreaterThanOrEqual(exp(x + dx));
      }
    }
  });

  it('keeps subnormal results and rounds below them to 0', () => {
    expect(exp(-740)).toBeGreaterThan(0);
    expect(exp(-740) / Math.exp(-740)).toBeCloseTo(1, 1);
    expect(exp(-746)).toBe(0);
  });
});
