// @vitest-environment node
// Domain-mapped random routing (PanGu-Σ's Random Routed Experts): a case worked by hand, every
// choice inside its domain's group, determinism for a seed, and the groups when D does not divide E.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { route } from '../../src/engine/routing';
import { domainGroup, smallestDomainGroup } from '../../src/engine/routing/domainRandom';
import { splitmix32 } from '../../src/engine/routing/hash';

const spec = (over: object = {}) => ({
  scheme: 'domain-random' as const,
  k: 1,
  capacityFactor: null,
  tokenIds: Int32Array.from([5, 5, 9]),
  domains: Uint8Array.from([0, 3, 1]),
  domainCount: 4,
  seed: 0,
  ...over,
});

describe('domain-random routing', () => {
  it('hand-checked: E = 8, 4 domains of 2 experts, k = 1', () => {
    // groups: domain 0 → experts 0–1, 1 → 2–3, 2 → 4–5, 3 → 6–7. h = splitmix32(splitmix32(id ^ seed) ^ domain):
    // token 5 in domain 0: h = 2402805007, odd → 0 + 1 = expert 1
    // token 5 in domain 3: h = 2800081334, even → 6 + 0 = expert 6 (one id, another domain, another expert)
    // token 9 in domain 1: h = 2646960556, even → 2 + 0 = expert 2
    expect(splitmix32(splitmix32(5) ^ 0)).toBe(2402805007);
    const r = route(new Float32Array(3 * 8), 3, 8, spec());
    expect(Array.from(r.experts)).toEqual([1, 6, 2]);
    expect(Array.from(r.weights)).toEqual([1, 1, 1]);
    expect(Array.from(r.load)).toEqual([0, 1, 1, 0, 0, 0, 1, 0]);
  });

  it('ignores the logits: the same choices whatever the router says', () => {
    const logits = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i) * 5);
    expect(Array.from(route(logits, 3, 8, spec()).experts)).toEqual([1, 6, 2]);
  });

  it('splits E = 10 over 4 domains as 2, 3, 2, 3 and shares experts when E < D', () => {
    expect([0, 1, 2, 3].map((g) => domainGroup(g, 4, 10))).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 5 },
      { start: 5, end: 7 },
      { start: 7, end: 10 },
    ]);
    expect(smallestDomainGroup(4, 10)).toBe(2);
    // E = 2, D = 4: groups are expert 0, 0, 1, 1
    expect([0, 1, 2, 3].map((g) => domainGroup(g, 4, 2).start)).toEqual([0, 0, 1, 1]);
    expect(smallestDomainGroup(4, 2)).toBe(1);
  });

  it('puts every choice inside its domain’s group, k distinct, the same for the same seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (E, D, tokens, seed, kFrac) => {
          const T = tokens.length;
          const k = 1 + Math.floor(kFrac * (smallestDomainGroup(D, E) - 1));
          const s = spec({ k, seed, domainCount: D, tokenIds: Int32Array.from(tokens, ([id]) => id), domains: Uint8Array.from(tokens, ([, u]) => Math.floor(u * D)) });
          const r = route(new Float32Array(T * E), T, E, s);
          for (let t = 0; t < T; t++) {
            const { start, end } = domainGroup(s.domains[t], D, E);
            const mine = Array.from(r.experts.subarray(t * k, (t + 1) * k));
            expect(new Set(mine).size).toBe(k);
            for (const e of mine) expect(e >= start && e < end).toBe(true);
          }
          expect(Array.from(route(new Float32Array(T * E), T, E, s).experts)).toEqual(Array.from(r.experts));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('another seed maps the tokens differently', () => {
    const T = 64;
    const base = spec({ k: 1, tokenIds: Int32Array.from({ length: T }, (_, i) => i), domains: new Uint8Array(T), domainCount: 1 });
    const a = route(new Float32Array(T * 8), T, 8, base).experts;
    const b = route(new Float32Array(T * 8), T, 8, { ...base, seed: 1 }).experts;
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('fails clearly without domains, with a domain out of range, or with k above the group', () => {
    expect(() => route(new Float32Array(24), 3, 8, spec({ domains: undefined }))).toThrow(/needs domains/);
    expect(() => route(new Float32Array(24), 3, 8, spec({ domainCount: 2 }))).toThrow(/not below domainCount/);
    expect(() => route(new Float32Array(24), 3, 8, spec({ k: 3 }))).toThrow(/more than domain/);
  });
});
