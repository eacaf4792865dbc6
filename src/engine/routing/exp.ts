// exp(x) in plain IEEE double arithmetic: a 64-entry table of 2^(j/64) and a degree-5
// polynomial on |r| ≤ ln2/128. The router's T·E softmax is the largest JavaScript cost of a
// training step, and this costs less per call than Math.exp in V8 (bench/routing.ts
// measures route() with it; the README's Benchmarks section has the latest figures). It stays
// within 3 ulp of Math.exp (tests/engine/exp.test.ts) and gives the same bits in every
// JavaScript engine, where Math.exp's last bit is each engine's own.

const LOG_N = 6;
const N = 1 << LOG_N;
/** ln2/N split in two: LN2_HI has 31 significant bits, so n·LN2_HI is exact for |n| < 2^21 */
const LN2_HI = 0.01083042469326756;
const LN2_LO = 2.9815858269852933e-12;
const INV_LN2_N = N / Math.LN2;
/** below this exp(x) rounds to 0; above, it overflows */
const MIN_X = -745.2;
const MAX_X = 709;
const MIN_M = -1080;
const SHIFT = 6755399441055744;

const TABLE = Float64Array.from({ length: N }, (_, j) => 2 ** (j / N));
/** 2^m for m in [MIN_M, 1023] */
const POW2 = Float64Array.from({ length: 1023 - MIN_M + 1 }, (_, i) => 2 ** (i + MIN_M));

export function exp(x: number): number {
  if (!(x > MIN_X && x < MAX_X)) return Math.exp(x); // 0, overflow, ±Infinity and NaN
  // round to the nearest integer by adding and removing 1.5·2^52 (exact for |x·N/ln2| < 2^51)
  const n = x * INV_LN2_N + SHIFT - SHIFT;
  const r = x - n * LN2_HI - n * LN2_LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  const i = n | 0;
  return TABLE[i & (N - 1)] * p * POW2[(i >> LOG_N) - MIN_M];
}
