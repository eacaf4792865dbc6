// Starting prices for the exact balanced assignment (balancedAssignment.ts). Any prices are a
// valid start there: only the tokens that cannot sit with their best expert at these prices
// need an exact insertion (a Dijkstra each), so good prices make the exact phase short.
//
// Each round, every expert moves its price against the others' prices of the round before: an
// over-full one raises it just enough that only C of its tokens still prefer it, an under-full
// one lowers it just enough to draw the tokens it lacks. On randomLogits(4096, 64) two rounds
// leave 63 tokens (1.5%) misplaced, from 2746 (67%) at zero prices, and cut the whole solve
// from about 27 ms to 6 ms (bench, node 20).

/** Rounds at most; each is two passes over the logits. */
const MAX_ROUNDS = 6;

export interface WarmStart {
  /** [E] the prices */
  prices: Float64Array;
  /** [T] each token's best expert at these prices (ties to the lower index) */
  best: Int32Array;
}

export function warmStart(z: Float32Array, T: number, E: number, C: number): WarmStart {
  const prices = new Float64Array(E);
  const best = new Int32Array(T);
  const top = new Float64Array(T);
  const margin = new Float64Array(T);
  const count = new Int32Array(E);
  const wanted = new Int32Array(E);
  const under = new Int32Array(E);
  // per expert, its candidates' values: the one of rank `wanted` (0-based, descending) is its step
  const ranked = new RankHeaps(E, C + 1);
  for (let round = 0; ; round++) {
    bestAtPrices(z, T, E, prices, best, top, margin);
    count.fill(0);
    let misplaced = 0;
    for (let t = 0; t < T; t++) count[best[t]]++;
    for (let e = 0; e < E; e++) misplaced += Math.max(0, count[e] - C);
    // fewer misplaced tokens than experts: a round would cost more than their insertions
    if (misplaced <= E || round === MAX_ROUNDS) break;
    let nUnder = 0;
    for (let e = 0; e < E; e++) {
      // over-full: the (C+1)-th largest margin, the one that token and every token below it
      // loses by moving; under-full: the lacking-th smallest loss of a token that would come
      wanted[e] = count[e] > C ? C : count[e] < C ? C - count[e] - 1 : -1;
      if (count[e] < C) under[nUnder++] = e;
    }
    ranked.reset(wanted);
    for (let t = 0, base = 0; t < T; t++, base += E) {
      const b = best[t];
      if (count[b] > C) ranked.push(b, margin[t]);
      // z − top, not z − price − top: the price is the same for every token, added back below
      for (let i = 0; i < nUnder; i++) if (under[i] !== b) ranked.push(under[i], z[base + under[i]] - top[t]);
    }
    let moved = false;
    for (let e = 0; e < E; e++) {
      if (wanted[e] < 0) continue;
      const step = count[e] > C ? ranked.root(e) : ranked.root(e) - prices[e];
      prices[e] += step;
      if (step !== 0) moved = true;
    }
    // ties hold every price where it is (all logits equal, say): best is still theirs
    if (!moved) break;
  }
  return { prices, best };
}

/** Each token's best expert at these prices, its value z − price there, and its margin over the second best. */
function bestAtPrices(
  z: Float32Array,
  T: number,
  E: number,
  prices: Float64Array,
  best: Int32Array,
  top: Float64Array,
  margin: Float64Array,
): void {
  for (let t = 0, base = 0; t < T; t++, base += E) {
    let first = -Infinity;
    let second = -Infinity;
    let arg = 0;
    for (let e = 0; e < E; e++) {
      const v = z[base + e] - prices[e];
      if (v > first) {
        second = first;
        first = v;
        arg = e;
      } else if (v > second) second = v;
    }
    best[t] = arg;
    top[t] = first;
    margin[t] = first - second; // Infinity when E = 1: the only expert is never left
  }
}

/**
 * For each expert, the largest values pushed to it, as many as its wanted rank + 1, in a min-heap:
 * the root is then the value of that rank, and most values lose a single comparison with it, so
 * a pass over T·E candidates costs little more than reading them.
 */
class RankHeaps {
  private readonly values: Float64Array;
  private readonly length: Int32Array;
  private readonly room: Int32Array;

  constructor(
    E: number,
    private readonly stride: number,
  ) {
    this.values = new Float64Array(E * stride);
    this.length = new Int32Array(E);
    this.room = new Int32Array(E);
  }

  /** keeps ranks 0..wanted[e] of expert e (wanted[e] < stride) */
  reset(wanted: Int32Array): void {
    for (let e = 0; e < wanted.length; e++) this.room[e] = wanted[e] + 1;
    this.length.fill(0);
  }

  push(e: number, v: number): void {
    const { values, length, room, stride } = this;
    const off = e * stride;
    const n = length[e];
    if (n < room[e]) {
      // sift up from the new leaf
      let i = n;
      length[e]++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!(values[off + parent] > v)) break;
        values[off + i] = values[off + parent];
        i = parent;
      }
      values[off + i] = v;
      return;
    }
    if (!(v > values[off])) return;
    // replace the root, sift down
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && values[off + child + 1] < values[off + child]) child++;
      if (!(values[off + child] < v)) break;
      values[off + i] = values[off + child];
      i = child;
    }
    values[off + i] = v;
  }

  /** the value of the wanted rank among those pushed to e (at least wanted + 1 of them) */
  root(e: number): number {
    return this.values[e * this.stride];
  }
}
