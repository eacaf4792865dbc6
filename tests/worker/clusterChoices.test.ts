// @vitest-environment node
// The choices a snapshot carries for the cluster view: kept choices with dropped slots as -1, and
// DeepSeek's same logits routed with every group open, only when the run keeps fewer groups.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/engine/config';
import { randomLogits } from '../../src/engine/datasets/randomLogits';
import { routeSettings } from '../../src/engine/model/config';
import { contiguousSlots, dispatchWithSpread } from '../../src/engine/placement';
import { route } from '../../src/engine/routing';
import { keptChoices, limitsGroups, unlimitedChoices } from '../../src/worker/clusterChoices';

const arr = (a: ArrayLike<number>) => Array.from(a);

/** DeepSeek-V3's router on 16 experts in 4 groups, 2 kept, 4 choices a token, dropless. */
const LIMITED: MoeConfig = { ...DEFAULT_CONFIG, scheme: 'deepseek', experts: 16, topK: 4, groups: 4, topkGroups: 2, capacityFactor: null, routedScale: 2.5 };

function routed(c: MoeConfig, T: number, seed: number, skew = 1) {
  const E = c.experts;
  const logits = randomLogits(T, E, seed, skew);
  const routing = route(logits, T, E, routeSettings(c, c.capacityFactor));
  return { logits, routing };
}

describe('keptChoices', () => {
  it('is each slot’s expert, -1 where the slot was dropped', () => {
    const out = keptChoices({ experts: Int32Array.of(3, 1, 0, 2, 2, 5), dropped: Uint8Array.of(0, 1, 0, 0, 1, 0) });
    expect(arr(out)).toEqual([3, -1, 0, 2, -1, 5]);
  });

  it('counts as many kept choices as the routing kept', () => {
    const c: MoeConfig = { ...DEFAULT_CONFIG, scheme: 'token-choice', experts: 8, topK: 2, capacityFactor: 0.5 };
    const { routing } = routed(c, 64, 4);
    const out = keptChoices(routing);
    const kept = arr(routing.kept).reduce((a, b) => a + b, 0);
    expect(arr(out).filter((e) => e >= 0)).toHaveLength(kept);
    expect(arr(out).filter((e) => e === -1).length).toBeGreaterThan(0);
  });
});

describe('unlimitedChoices', () => {
  const view = (c: MoeConfig) => {
    const { logits, routing } = routed(c, 32, 9);
    return { logits, routing, bias: undefined };
  };

  it.each([
    ['token choice', { scheme: 'token-choice' as const, groups: 4, topkGroups: 2 }],
    ['DeepSeek with every group kept', { topkGroups: 4 }],
    ['DeepSeek with one group', { groups: 1, topkGroups: 1 }],
  ])('is null for %s', (_, over) => {
    const c = { ...LIMITED, ...over };
    expect(limitsGroups(c)).toBe(false);
    expect(unlimitedChoices(view(c), c)).toBeNull();
  });

  it('is the same logits routed with topkGroups = groups, dropped slots as -1', () => {
    expect(limitsGroups(LIMITED)).toBe(true);
    const v = view(LIMITED);
    const open = route(v.logits, 32, 16, routeSettings({ ...LIMITED, topkGroups: 4 }, null));
    const out = unlimitedChoices(v, LIMITED)!;
    expect(arr(out)).toEqual(arr(keptChoices(open)));
    // and differs from the limited routing somewhere on this batch
    expect(arr(out)).not.toEqual(arr(keptChoices(v.routing)));
  });

  it('with groups = nodes on contiguous placement: the limit caps a token at topkGroups nodes, and opening the groups never reaches fewer', () => {
    // 4 groups of 4 experts, contiguous on 4 nodes × 2 GPUs: group g is node g
    const cluster = { nodes: 4, gpusPerNode: 2 };
    const slots = contiguousSlots(16, 8);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(0.2, 1, 3), fc.constantFrom(1, 2, 3), (seed, skew, kept) => {
        const c = { ...LIMITED, topkGroups: kept };
        const { logits, routing } = routed(c, 48, seed, skew);
        const limited = keptChoices(routing);
        const open = unlimitedChoices({ logits, routing, bias: undefined }, c)!;
        for (let t = 0; t < 48; t++) {
          const nodes = new Set(arr(limited.subarray(t * 4, t * 4 + 4)).map((e) => Math.floor(e / 4)));
          expect(nodes.size).toBeLessThanOrEqual(kept);
        }
        const withLimit = dispatchWithSpread(limited, 48, 4, slots, cluster);
        const without = dispatchWithSpread(open, 48, 4, slots, cluster);
        expect(withLimit.nodesPerToken).toBeLessThanOrEqual(kept);
        expect(without.nodesPerToken).toBeGreaterThanOrEqual(withLimit.nodesPerToken);
      }),
      { numRuns: 60 },
    );
  });
});
