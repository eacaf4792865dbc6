// Invariants of route() over random inputs, each scoped to the schemes it holds for, and the
// drop policies held against a plain sort-then-fill reference.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gateFormula, needs, route, traitsOf, type DropPolicy, type Routing } from '../../src/engine/routing';
import { dropForCapacity, dropQueueOrder, type QueuedSlot } from '../../src/engine/routing/capacity';
import { sortSlotsByWeight } from '../../src/engine/routing/topk';
import { ALL, TOP_K, caseArb, logitsArb } from './arbitraries';

const runs = { numRuns: 150 };

function eachScheme(schemes: typeof ALL, name: string, check: (r: Routing, c: ReturnType<typeof unpack>) => void) {
  it.each(schemes)(`${name} (%s)`, (scheme) => {
    fc.assert(
      fc.property(caseArb(scheme), (c) => check(route(c.logits, c.T, c.E, c.spec), unpack(c))),
      runs,
    );
  });
}
const unpack = (c: { T: number; E: number; spec: import('../../src/engine/routing').RouterSpec }) => c;

function tokenWeightSum(r: Routing, t: number): number {
  let s = 0;
  for (let j = 0; j < r.k; j++) if (r.experts[t * r.k + j] >= 0) s += r.weights[t * r.k + j];
  return s;
}

describe('route() invariants', () => {
  eachScheme(TOP_K, 'a token’s weights sum as the scheme states', (r, c) => {
    for (let t = 0; t < r.T; t++) {
      const sum = tokenWeightSum(r, t);
      // by weight formula, not scheme: a new scheme that shares a formula is held to it unnamed
      const gate = gateFormula(c.spec.scheme, c.spec);
      const scale = needs(c.spec.scheme, 'routed-scale') ? (c.spec.routedScale ?? 1) : 1;
      // not renormalised: softmax scores of k experts, or one sigmoid (k = 1), or k sigmoids
      if (gate === 'softmax-topk' || gate === 'sigmoid') {
        expect(sum).toBeLessThanOrEqual(scale * (gate === 'sigmoid' ? r.k : 1) + 1e-5);
        expect(sum).toBeGreaterThan(0);
      } else expect(sum).toBeCloseTo(scale, 5);
    }
  });

  eachScheme(['soft'], 'soft: combine rows and dispatch columns each sum to 1', (r) => {
    for (let t = 0; t < r.T; t++) expect(tokenWeightSum(r, t)).toBeCloseTo(1, 5);
    for (let e = 0; e < r.E; e++) {
      let s = 0;
      for (let t = 0; t < r.T; t++) s += r.dispatch![t * r.E + e];
      expect(s).toBeCloseTo(1, 5);
    }
  });

  eachScheme(TOP_K, 'each token gets k distinct experts in range', (r, c) => {
    expect(r.k).toBe(c.spec.k);
    for (let t = 0; t < r.T; t++) {
      const chosen = Array.from(r.experts.subarray(t * r.k, (t + 1) * r.k));
      expect(new Set(chosen).size).toBe(r.k);
      for (const e of chosen) expect(e >= 0 && e < r.E).toBe(true);
    }
  });

  eachScheme(ALL, 'slots go by descending weight, ties to the lower expert, -1 last', (r) => {
    for (let t = 0; t < r.T; t++) {
      for (let j = 1; j < r.k; j++) {
        const a = t * r.k + j - 1;
        const b = a + 1;
        if (r.experts[b] < 0) continue;
        expect(r.experts[a]).toBeGreaterThanOrEqual(0);
        const ordered = r.weights[a] > r.weights[b] || (r.weights[a] === r.weights[b] && r.experts[a] < r.experts[b]);
        expect(ordered).toBe(true);
      }
    }
  });

  eachScheme(['expert-choice'], 'expert-choice: every expert takes exactly C distinct tokens', (r, c) => {
    const C = Math.min(c.T, Math.ceil((c.T * Math.round((c.spec.capacityFactor ?? 2) * 100)) / (100 * c.E)));
    expect(r.capacity).toBe(C);
    expect(r.expertTokens!.length).toBe(c.E * C);
    for (let e = 0; e < r.E; e++) {
      const taken = r.expertTokens!.subarray(e * C, (e + 1) * C);
      expect(new Set(taken).size).toBe(C);
      // best first: scores non-increasing, ties to the lower token
      for (let n = 1; n < C; n++) {
        const p0 = r.probs[taken[n - 1] * r.E + e];
        const p1 = r.probs[taken[n] * r.E + e];
        expect(p0 > p1 || (p0 === p1 && taken[n - 1] < taken[n]) || p0 >= p1).toBe(true);
      }
      expect(r.load[e]).toBe(C);
      expect(r.kept[e]).toBe(C);
    }
  });

  eachScheme(ALL, 'kept ≤ capacity, kept = min(load, C), and the counts match the slots', (r) => {
    let slots = 0;
    let undropped = 0;
    for (let i = 0; i < r.experts.length; i++) {
      if (r.experts[i] < 0) continue;
      slots++;
      if (!r.dropped[i]) undropped++;
    }
    expect(r.load.reduce((a, b) => a + b, 0)).toBe(slots);
    expect(r.kept.reduce((a, b) => a + b, 0)).toBe(undropped);
    for (let e = 0; e < r.E; e++) {
      const cap = r.capacity ?? Infinity;
      expect(r.kept[e]).toBeLessThanOrEqual(cap);
      // every policy drops exactly the overflow, no more
      expect(r.kept[e]).toBe(Math.min(r.load[e], cap));
    }
  });

  eachScheme(ALL, 'combine agrees with experts, weights and dropped', (r) => {
    const expected = new Float32Array(r.T * r.E);
    for (let i = 0; i < r.experts.length; i++) {
      const e = r.experts[i];
      if (e >= 0 && !r.dropped[i]) expected[Math.floor(i / r.k) * r.E + e] = r.weights[i];
    }
    expect(r.combine).toEqual(expected);
  });

  eachScheme(ALL, 'the same input gives the same output', (r, c) => {
    const again = route(Float32Array.from((c as unknown as { logits: Float32Array }).logits), c.T, c.E, c.spec);
    expect(again).toEqual(r);
  });
});

describe('token-choice is equivariant under permuting the experts', () => {
  it('permuting the columns of the logits permutes the result', () => {
    const arb = fc
      .record({ T: fc.integer({ min: 1, max: 16 }), E: fc.integer({ min: 2, max: 10 }) })
      .chain(({ T, E }) =>
        fc.record({
          T: fc.constant(T),
          E: fc.constant(E),
          // distinct values in a row, so no tie rule depends on the expert order
          logits: fc
            .array(fc.uniqueArray(fc.integer({ min: -400, max: 400 }), { minLength: E, maxLength: E }), {
              minLength: T,
              maxLength: T,
            })
            .map((rowsOf) => Float32Array.from(rowsOf.flat(), (v) => v / 50)),
          perm: fc.shuffledSubarray(
            Array.from({ length: E }, (_, i) => i),
            { minLength: E, maxLength: E },
          ),
          k: fc.integer({ min: 1, max: E }),
          cf: fc.option(fc.integer({ min: 25, max: 200 }), { nil: null }),
          dropPolicy: fc.constantFrom<DropPolicy>('position', 'slot-major', 'probs', 'bpr'),
        }),
      );
    fc.assert(
      fc.property(arb, ({ T, E, logits, perm, k, cf, dropPolicy }) => {
        const moved = new Float32Array(T * E);
        for (let t = 0; t < T; t++) for (let e = 0; e < E; e++) moved[t * E + perm[e]] = logits[t * E + e];
        const spec = { scheme: 'token-choice' as const, k, capacityFactor: cf && cf / 100, dropPolicy };
        const a = route(logits, T, E, spec);
        const b = route(moved, T, E, spec);
        expect(Array.from(b.experts)).toEqual(Array.from(a.experts, (e) => perm[e]));
        expect(b.weights).toEqual(a.weights);
        expect(b.dropped).toEqual(a.dropped);
        for (let e = 0; e < E; e++) {
          expect(b.load[perm[e]]).toBe(a.load[e]);
          expect(b.kept[perm[e]]).toBe(a.kept[e]);
          for (let t = 0; t < T; t++) expect(b.probs[t * E + perm[e]]).toBe(a.probs[t * E + e]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('selection and drops against a sort-based reference', () => {
  /** the k best experts of a row by sorting (value desc, index asc) */
  function referenceTopk(row: number[], k: number): number[] {
    return row
      .map((v, i) => [v, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, k)
      .map(([, i]) => i);
  }

  /** every choice in the policy's priority order; each fills its expert until C */
  function referenceDrops(r: Routing, C: number, policy: DropPolicy): Uint8Array {
    const choices: { i: number; t: number; j: number; e: number; w: number }[] = [];
    for (let i = 0; i < r.experts.length; i++) {
      choices.push({ i, t: Math.floor(i / r.k), j: i % r.k, e: r.experts[i], w: r.weights[i] });
    }
    const w0 = (t: number) => r.weights[t * r.k];
    const key = {
      position: (a: (typeof choices)[0], b: (typeof choices)[0]) => a.t - b.t || a.j - b.j,
      'slot-major': (a: (typeof choices)[0], b: (typeof choices)[0]) => a.j - b.j || a.t - b.t,
      probs: (a: (typeof choices)[0], b: (typeof choices)[0]) => b.w - a.w || a.t - b.t,
      bpr: (a: (typeof choices)[0], b: (typeof choices)[0]) => a.j - b.j || w0(b.t) - w0(a.t) || a.t - b.t,
    }[policy];
    const count = new Map<number, number>();
    const dropped = new Uint8Array(r.experts.length);
    for (const c of choices.sort(key)) {
      const n = count.get(c.e) ?? 0;
      if (n < C) count.set(c.e, n + 1);
      else dropped[c.i] = 1;
    }
    return dropped;
  }

  it('token-choice picks what a full sort picks', () => {
    const arb = fc.record({ E: fc.integer({ min: 1, max: 16 }), k: fc.nat() }).chain(({ E, k }) =>
      fc.record({ E: fc.constant(E), k: fc.constant((k % E) + 1), logits: logitsArb(1, E) }),
    );
    fc.assert(
      fc.property(arb, ({ E, k, logits }) => {
        const r = route(logits, 1, E, { scheme: 'token-choice', k });
        // the same set; the slot order is pinned by the ordering property above
        const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
        expect(sorted(Array.from(r.experts))).toEqual(sorted(referenceTopk(Array.from(logits), k)));
      }),
      { numRuns: 300 },
    );
  });

  // every scheme whose tokens choose and can be dropped, each drop order
  const dropping = TOP_K.filter((s) => traitsOf(s).drops);
  const cases = dropping.flatMap((scheme) => (['position', 'slot-major', 'probs', 'bpr'] as const).map((policy) => [scheme, policy] as const));
  it.each(cases)('%s, %s: drops what the reference drops', (scheme, policy) => {
    fc.assert(
      fc.property(caseArb(scheme), fc.integer({ min: 10, max: 150 }), (c, cf100) => {
        const r = route(c.logits, c.T, c.E, { ...c.spec, capacityFactor: cf100 / 100, dropPolicy: policy });
        expect(r.dropped).toEqual(referenceDrops(r, r.capacity!, policy));
      }),
      runs,
    );
  });

  it.each(['position', 'slot-major', 'probs', 'bpr'] as const)('%s: the queue order the inspector shows keeps exactly the choices route() keeps', (policy) => {
    fc.assert(
      fc.property(caseArb('token-choice'), fc.integer({ min: 10, max: 150 }), (c, cf100) => {
        const r = route(c.logits, c.T, c.E, { ...c.spec, capacityFactor: cf100 / 100, dropPolicy: policy });
        const order = dropQueueOrder(policy, r.weights, r.k);
        for (let e = 0; e < c.E; e++) {
          const queue: QueuedSlot[] = [];
          for (let i = 0; i < r.experts.length; i++) if (r.experts[i] === e) queue.push({ token: Math.floor(i / r.k), slot: i % r.k });
          queue.sort(order).forEach((q, n) => expect(r.dropped[q.token * r.k + q.slot]).toBe(n < r.capacity! ? 0 : 1));
        }
      }),
      runs,
    );
  });
});

describe('batch prioritized order', () => {
  // the radix sort behind bpr against its comparator specification, with ties, -0 and negatives
  it('drops what the queue order drops, for any weights a trace may hold', () => {
    const arb = fc.record({
      T: fc.integer({ min: 1, max: 60 }),
      E: fc.integer({ min: 2, max: 6 }),
      seed: fc.nat(),
      w: fc.array(fc.oneof(fc.constantFrom(0, -0, 0.25, 1, -1, 1e-30), fc.float({ min: -4, max: 4, noNaN: true })), { minLength: 120, maxLength: 120 }),
      C: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(arb, ({ T, E, seed, w, C }) => {
        const k = 2;
        const experts = new Int32Array(T * k);
        for (let t = 0; t < T; t++) {
          experts[t * k] = (seed + t * 7) % E;
          experts[t * k + 1] = (experts[t * k] + 1 + (t % (E - 1))) % E;
        }
        const weights = Float32Array.from({ length: T * k }, (_, i) => w[i % w.length]);
        const dropped = dropForCapacity(experts, weights, T, k, E, C, 'bpr');
        const order = dropQueueOrder('bpr', weights, k);
        for (let e = 0; e < E; e++) {
          const queue: QueuedSlot[] = [];
          for (let i = 0; i < experts.length; i++) if (experts[i] === e) queue.push({ token: Math.floor(i / k), slot: i % k });
          queue.sort(order).forEach((q, n) => expect(dropped[q.token * k + q.slot]).toBe(n < C ? 0 : 1));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('slot sorting', () => {
  it('orders short and long rows (k = E for expert choice and soft) the same way', () => {
    const arb = fc.array(
      fc.record({ w: fc.oneof(fc.float({ min: 0, max: 3, noNaN: true }), fc.constantFrom(0, 0.25, 1)), e: fc.nat(511) }),
      { minLength: 1, maxLength: 80 },
    );
    fc.assert(
      fc.property(arb, (slots) => {
        const experts = Int32Array.from(slots, (s) => s.e);
        const weights = Float32Array.from(slots, (s) => s.w);
        const want = slots
          .map((s) => [Math.fround(s.w), s.e] as const)
          .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
        sortSlotsByWeight(experts, weights, 0, slots.length);
        expect(Array.from(experts)).toEqual(want.map(([, e]) => e));
        expect(Array.from(weights)).toEqual(want.map(([w]) => w));
      }),
      { numRuns: 300 },
    );
  });
});
