// The exact balanced assignment BASE layers train with (Lewis et al. 2021): every token goes to
// one expert, every expert takes exactly C = T/E tokens, and the sum of the chosen logits is the
// largest possible. fairseq solves it with an approximate auction; this solves it exactly.
//
// Algorithm: successive shortest paths on the transportation problem, with a price per expert
// (the dual variables). The invariant is that every placed token sits with an expert that
// maximises z[t,e] − price[e]. Any prices start it: a few rounds of balancing set them
// (balancedWarmStart.ts), and each token goes to its best expert at those prices while there is
// room. Each remaining token s is then inserted by Dijkstra over the E experts:
// entering expert e costs s's loss against its best, (max_f z[s,f] − price[f]) − (z[s,e] − price[e]),
// and the edge e → f moves the cheapest token of e over to f at the cost
// (z[t,e] − price[e]) − (z[t,f] − price[f]), which the invariant keeps ≥ 0. The search stops at
// the nearest expert with room (distance D); every expert it settled at distance d raises its
// price by D − d; then s and the path's tokens move. This is the textbook argument that the
// reduced costs stay ≥ 0 and turn 0 along the path, so the invariant holds after every insertion.
//
// Why it is exact: at the end every expert holds C tokens and every token t maximises
// z[t,·] − price[·]. For any other balanced assignment b,
//   Σ_t z[t,b(t)] ≤ Σ_t (u_t + price[b(t)]) = Σ_t u_t + C Σ_e price[e] = Σ_t z[t,a(t)],
// with u_t = max_e z[t,e] − price[e], so a is optimal and the prices are its certificate (LP
// duality). Arithmetic is float64 on float32 logits: ties within rounding may go either way.
//
// Why it is fast for E ≪ T: an edge's token cost minus the two prices does not depend on the
// prices, so each ordered pair (e, f) keeps the smallest z[t,e] − z[t,f] over e's tokens and the
// token that has it. Adding a token updates E pairs; removing one rescans only the pairs it was
// the minimum of. A Dijkstra is then O(E) per expert it settles, and it stops at the first one
// with room.

import { warmStart } from './balancedWarmStart';
import { fail } from './validate';

export interface BalancedAssignment {
  /** [T] each token's expert */
  expert: Int32Array;
  /** [E] every token's expert maximises z[t,e] − prices[e]; the cheapest expert's price is 0 */
  prices: Float64Array;
}

/** Exact max-sum assignment of T tokens to E experts, T/E each; E must divide T. */
export function balancedAssignment(z: Float32Array, T: number, E: number): BalancedAssignment {
  checkBalanceable(T, E);
  const C = T / E;
  const { prices, best } = warmStart(z, T, E, C);
  const state = new Placement(z, T, E, C, prices);
  // placing the tokens most attached to their expert first (sorted by margin) was measured to
  // cost more than the moves it saves: the insertions are as many either way
  const waiting: number[] = [];
  for (let t = 0; t < T; t++) {
    if (state.count[best[t]] < C) state.add(t, best[t]);
    else waiting.push(t);
  }
  for (const s of waiting) state.insert(s);
  let min = Infinity;
  for (let e = 0; e < E; e++) if (prices[e] < min) min = prices[e];
  for (let e = 0; e < E; e++) prices[e] -= min;
  return { expert: state.expert, prices };
}

/** Training gives every expert T/E tokens, so E must divide T; names the nearest T that work. */
function checkBalanceable(T: number, E: number): void {
  if (T % E === 0) return;
  const below = Math.floor(T / E) * E;
  const nearest = below > 0 ? `${below} or ${below + E}` : `${E}`;
  fail(
    `base in training gives every expert exactly T/E tokens, so E must divide T: T = ${T}, E = ${E}; ` +
      `the nearest T that work are ${nearest} (mode 'eval' takes any T)`,
  );
}

/** The first index of the row's largest value (ties to the lower expert). */
export function argmaxRow(z: Float32Array, base: number, E: number): number {
  let best = 0;
  for (let e = 1; e < E; e++) if (z[base + e] > z[base + best]) best = e;
  return best;
}

/** A partial assignment that keeps every placed token at an expert maximising z − price. */
class Placement {
  readonly expert: Int32Array;
  readonly count: Int32Array;
  /** [E*C] the tokens of each expert, in no order */
  private readonly members: Int32Array;
  /** [T] where token t sits in its expert's members */
  private readonly slot: Int32Array;
  /** [E*E] min over the tokens t of e of z[t,e] − z[t,f], at e*E + f (Infinity if e is empty) */
  private readonly minGap: Float64Array;
  /** [E*E] the token that has minGap */
  private readonly minToken: Int32Array;
  // Dijkstra's scratch
  private readonly dist: Float64Array;
  private readonly prev: Int32Array;
  private readonly via: Int32Array;
  private readonly done: Uint8Array;
  private readonly settled: Int32Array;

  constructor(
    private readonly z: Float32Array,
    T: number,
    private readonly E: number,
    readonly C: number,
    readonly prices: Float64Array,
  ) {
    this.expert = new Int32Array(T).fill(-1);
    this.count = new Int32Array(E);
    this.members = new Int32Array(E * C);
    this.slot = new Int32Array(T);
    this.minGap = new Float64Array(E * E).fill(Infinity);
    this.minToken = new Int32Array(E * E).fill(-1);
    this.dist = new Float64Array(E);
    this.prev = new Int32Array(E);
    this.via = new Int32Array(E);
    this.done = new Uint8Array(E);
    this.settled = new Int32Array(E);
  }

  /** Places token s by the shortest path to an expert with room, then raises the prices. */
  insert(s: number): void {
    const { z, E, C, prices, count, dist, prev, via, done, settled, minGap, minToken } = this;
    const row = s * E;
    let top = -Infinity;
    for (let e = 0; e < E; e++) top = Math.max(top, z[row + e] - prices[e]);
    for (let e = 0; e < E; e++) {
      dist[e] = top - (z[row + e] - prices[e]);
      prev[e] = -1;
      done[e] = 0;
    }
    let nSettled = 0;
    let target: number;
    // an expert with room always exists: s is not placed yet and T = E·C
    for (;;) {
      let e = -1;
      let de = Infinity;
      for (let f = 0; f < E; f++) {
        // among equally near experts one with room ends the search (ties are common in
        // degenerate logits, where every expert is as near as every other)
        if (done[f] === 0 && (dist[f] < de || (dist[f] === de && count[f] < C && count[e] >= C))) {
          de = dist[f];
          e = f;
        }
      }
      done[e] = 1;
      settled[nSettled++] = e;
      if (count[e] < C) {
        target = e;
        break;
      }
      const pe = prices[e];
      const pair = e * E;
      for (let f = 0; f < E; f++) {
        if (done[f] !== 0) continue;
        // ≥ 0 in exact arithmetic; rounding must not let Dijkstra go backwards
        const reduced = Math.max(0, minGap[pair + f] - pe + prices[f]);
        if (de + reduced < dist[f]) {
          dist[f] = de + reduced;
          prev[f] = e;
          via[f] = minToken[pair + f];
        }
      }
    }
    const D = dist[target];
    for (let i = 0; i < nSettled; i++) prices[settled[i]] += D - dist[settled[i]];
    // from the expert with room back to s: each move frees the room the one before it fills
    let f = target;
    while (prev[f] >= 0) {
      const e = prev[f];
      const t = via[f];
      this.remove(t, e);
      this.add(t, f);
      f = e;
    }
    this.add(s, f);
  }

  add(t: number, e: number): void {
    const { z, E, minGap, minToken } = this;
    this.members[e * this.C + this.count[e]] = t;
    this.slot[t] = this.count[e]++;
    this.expert[t] = e;
    const row = t * E;
    const own = z[row + e];
    const pair = e * E;
    for (let f = 0; f < E; f++) {
      const gap = own - z[row + f];
      if (gap < minGap[pair + f]) {
        minGap[pair + f] = gap;
        minToken[pair + f] = t;
      }
    }
  }

  private remove(t: number, e: number): void {
    const { z, E, C, members, slot, minGap, minToken } = this;
    const last = members[e * C + --this.count[e]];
    members[e * C + slot[t]] = last;
    slot[last] = slot[t];
    const pair = e * E;
    const n = this.count[e];
    for (let f = 0; f < E; f++) {
      if (minToken[pair + f] !== t) continue;
      let gap = Infinity;
      let arg = -1;
      for (let i = e * C; i < e * C + n; i++) {
        const u = members[i];
        const g = z[u * E + e] - z[u * E + f];
        if (g < gap) {
          gap = g;
          arg = u;
        }
      }
      minGap[pair + f] = gap;
      minToken[pair + f] = arg;
    }
  }
}
