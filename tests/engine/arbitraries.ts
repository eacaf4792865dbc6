// fast-check generators for routing inputs. Logits are drawn either from a continuous range or
// from a few levels, so ties (which the tie rules must settle) are common.

import fc from 'fast-check';
import type { DropPolicy, GroupScore, Normalize, RouteMode, RouterSpec, Scheme, ScoreFunction } from '../../src/engine/routing';
import { DROP_POLICIES, GROUP_SCORES, NORMALIZES, SCHEMES, SCORE_FUNCTIONS, traitsOf } from '../../src/engine/routing';

export interface Case {
  T: number;
  E: number;
  logits: Float32Array;
  spec: RouterSpec;
}

const logitValue = fc.oneof(
  fc.float({ min: -8, max: 8, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 0.5, 1),
);

export function logitsArb(T: number, E: number): fc.Arbitrary<Float32Array> {
  return fc.array(logitValue, { minLength: T * E, maxLength: T * E }).map((a) => Float32Array.from(a));
}

const dims = fc.record({ T: fc.integer({ min: 1, max: 24 }), E: fc.integer({ min: 1, max: 12 }) });
const cfArb = fc.option(fc.integer({ min: 10, max: 300 }).map((c) => c / 100), { nil: null, freq: 4 });

/** Inputs for one scheme, with every option of that scheme drawn too. */
export function caseArb(scheme: Scheme): fc.Arbitrary<Case> {
  return dims.chain(({ T, E }) => {
    const divisors = Array.from({ length: E }, (_, i) => i + 1).filter((g) => E % g === 0);
    return fc
      .record({
        logits: logitsArb(T, E),
        k: fc.integer({ min: 1, max: E }),
        normalize: fc.constantFrom<Normalize>(...NORMALIZES),
        capacityFactor: cfArb,
        dropPolicy: fc.constantFrom<DropPolicy>(...DROP_POLICIES),
        groups: fc.constantFrom(...divisors),
        keepFrac: fc.double({ min: 0, max: 1, noNaN: true }),
        bias: fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: E, maxLength: E }),
        noise: fc.array(fc.float({ min: -2, max: 2, noNaN: true }), { minLength: T * E, maxLength: T * E }),
        tokenIds: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: T, maxLength: T }),
        seed: fc.integer({ min: 0, max: 1000 }),
        routedScale: fc.constantFrom(1, 2.5, 16),
        scoreFunction: fc.constantFrom<ScoreFunction>(...SCORE_FUNCTIONS),
        groupScore: fc.constantFrom<GroupScore>(...GROUP_SCORES),
        normalizeWeights: fc.boolean(),
        mode: fc.constantFrom<RouteMode>('train', 'eval'),
        domainCount: fc.integer({ min: 1, max: 6 }),
        domainDraws: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: T, maxLength: T }),
        kFrac: fc.double({ min: 0, max: 1, noNaN: true }),
        seqLen: fc.integer({ min: 1, max: 8 }),
        segmentPick: fc.nat(),
      })
      .map((r): Case => {
        const spec: RouterSpec = { scheme, k: r.k, capacityFactor: r.capacityFactor, dropPolicy: r.dropPolicy };
        if (scheme === 'token-choice') spec.normalize = r.normalize;
        if (scheme === 'noisy-topk') spec.noise = Float32Array.from(r.noise);
        if (scheme === 'hash') Object.assign(spec, { tokenIds: Int32Array.from(r.tokenIds), seed: r.seed });
        if (scheme === 'domain-random') {
          // every token's domain below domainCount; k within the smallest domain group, ⌊E/D⌋ (at least 1)
          const D = r.domainCount;
          const most = Math.max(1, Math.floor(E / D));
          const domains = Uint8Array.from(r.domainDraws, (u) => Math.floor(u * D));
          Object.assign(spec, { tokenIds: Int32Array.from(r.tokenIds), seed: r.seed, domains, domainCount: D, k: 1 + Math.floor(r.kFrac * (most - 1)) });
        }
        if (scheme === 'expert-choice') spec.capacityFactor = r.capacityFactor ?? 2;
        if (scheme === 'deepseek') {
          const size = E / r.groups;
          // enough groups kept to hold k experts
          const minKeep = Math.ceil(r.k / size);
          const topkGroups = minKeep + Math.floor(r.keepFrac * (r.groups - minKeep));
          const { scoreFunction, groupScore, normalizeWeights } = r;
          Object.assign(spec, { groups: r.groups, topkGroups, bias: Float32Array.from(r.bias), routedScale: r.routedScale });
          Object.assign(spec, { scoreFunction, groupScore, normalizeWeights });
        }
        if (traitsOf(scheme).modes) spec.mode = r.mode;
        if (traitsOf(scheme).needs.includes('sequences')) {
          // any seqLen (T need not be a multiple: the last group is short), and a segment dividing it
          const segments = Array.from({ length: r.seqLen }, (_, i) => i + 1).filter((s) => r.seqLen % s === 0);
          Object.assign(spec, { seqLen: r.seqLen, segmentLen: segments[r.segmentPick % segments.length] });
        }
        if (scheme === 'base') {
          // one expert per token; in training E must divide T: keep min(E, T) experts and cut the
          // batch to a multiple of them
          if (r.mode === 'eval') return { T, E, logits: r.logits, spec: { ...spec, k: 1 } };
          const Eb = Math.min(E, T);
          const Tb = Math.floor(T / Eb) * Eb;
          const logits = Float32Array.from({ length: Tb * Eb }, (_, i) => r.logits[Math.floor(i / Eb) * E + (i % Eb)]);
          return { T: Tb, E: Eb, logits, spec: { ...spec, k: 1 } };
        }
        return { T, E, logits: r.logits, spec };
      });
  });
}

/** every scheme, so a new one is held to the invariants as soon as it is in the table */
export const ALL: Scheme[] = [...SCHEMES];
/** the schemes where each token picks k experts of its own */
export const TOP_K: Scheme[] = SCHEMES.filter((s) => traitsOf(s).perToken);
