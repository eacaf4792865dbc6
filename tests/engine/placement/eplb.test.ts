// rebalanceExperts against DeepSeek EPLB's own outputs (eplbFixtures.json, written by
// eplb_reference.py from eplb.py at commit d52c72d5b2f2fb4c41afbf8eb21366820239913d), cases worked
// by hand, and what EPLB guarantees for any input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eplbSteps, gpuLoads, rebalanceExperts, slotMapOf, type Placement } from '../../../src/engine/placement';
import fixtures from './eplbFixtures.json';

interface Fixture {
  layers: number;
  experts: number;
  replicas: number;
  groups: number;
  nodes: number;
  gpus: number;
  hierarchical: boolean;
  loads: string;
  weight: number[];
  phy2log: number[];
  logcnt: number[];
  maxReplicas: number;
  log2phy: number[];
}

const cases = (fixtures as { source: string; cases: Fixture[] }).cases;

/** log2phy's row of (layer, expert) without the -1 pads, sorted: EPLB's order within a row follows its unstable sort. */
function row(log2phy: ArrayLike<number>, maxReplicas: number, i: number): number[] {
  return Array.from(log2phy).slice(i * maxReplicas, (i + 1) * maxReplicas).filter((s) => s >= 0).sort((a, b) => a - b);
}

describe('rebalanceExperts gives EPLB’s own outputs', () => {
  it('the fixtures come from the commit read, and cover both paths and DeepSeek-V3’s layout', () => {
    expect(fixtures.source).toContain('d52c72d5b2f2fb4c41afbf8eb21366820239913d');
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.hierarchical).length).toBeGreaterThan(5);
    expect(cases.filter((c) => !c.hierarchical).length).toBeGreaterThan(5);
    expect(cases.some((c) => c.experts === 256 && c.replicas === 288 && c.groups === 8 && c.nodes === 4 && c.gpus === 32)).toBe(true);
  });

  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const p = rebalanceExperts(Float64Array.from(c.weight), c.layers, c.experts, c.replicas, c.groups, c.nodes, c.gpus);
    expect(Array.from(p.phy2log)).toEqual(c.phy2log);
    expect(Array.from(p.logcnt)).toEqual(c.logcnt);
    expect(p.maxReplicas).toBe(c.maxReplicas);
    for (let i = 0; i < c.layers * c.experts; i++) expect(row(p.log2phy, p.maxReplicas, i)).toEqual(row(c.log2phy, c.maxReplicas, i));
  });
});

interface Worked {
  phy2log: number[];
  logcnt: number[];
  log2phy: number[];
  gpuLoad: number[];
}

/** Loads 10, 50, 20, 30 on 6 slots of 2 GPUs; EPLB's own code (eplb_upstream.py) returns the same three arrays. */
function expectWorked(groups: number, nodes: number, want: Worked): void {
  const p = rebalanceExperts(Float64Array.of(10, 50, 20, 30), 1, 4, 6, groups, nodes, 2);
  expect({ phy2log: Array.from(p.phy2log), logcnt: Array.from(p.logcnt), log2phy: Array.from(p.log2phy) }).toEqual({
    phy2log: want.phy2log,
    logcnt: want.logcnt,
    log2phy: want.log2phy,
  });
  expect(Array.from(gpuLoads(slotMapOf(p, 0, 2), [10, 50, 20, 30], 2))).toEqual(want.gpuLoad);
}

describe('rebalanceExperts on cases worked by hand', () => {
  it('global: 4 experts, 6 slots on 2 GPUs', () => {
    // One group on one node. Step 2 gives the 2 extra slots to the highest load per replica:
    // expert 1 (50), then expert 3 (30 beats 25). Slots 0..5 hold experts 0,1,2,3,1,3 at
    // 10,25,20,15,25,15. Step 3 packs them 3 per GPU, heaviest first to the lighter GPU (the
    // first of equal ones): 25→G0, 25→G1, 20→G0 (45), 15→G1 (40), 15→G1 (55, full), 10→G0 (55).
    expectWorked(1, 1, { phy2log: [1, 2, 0, 1, 3, 3], logcnt: [1, 2, 1, 2], log2phy: [2, -1, 0, 3, 1, -1, 4, 5], gpuLoad: [55, 55] });
  });

  it('hierarchical: 4 one-expert groups on 2 nodes of 1 GPU, 6 slots', () => {
    // Step 1 packs the groups 2 per node: 50→N0, 30→N1, 20→N1 (50, full), 10→N0 (60). Step 2
    // replicates within each node: N0 holds experts 1 and 0 and repeats 1 (50); N1 holds 3 and 2
    // and repeats 3 (30). Step 3 orders each node's slots by load: N0 25,25,10 → experts 1,1,0;
    // N1 20,15,15 → experts 2,3,3. The node bound costs balance: 60 against 50, where the global
    // policy above reaches 55 and 55.
    expectWorked(4, 2, { phy2log: [1, 1, 0, 2, 3, 3], logcnt: [1, 2, 1, 2], log2phy: [2, -1, 0, 1, 3, -1, 4, 5], gpuLoad: [60, 50] });
    const steps = eplbSteps(Float64Array.of(10, 50, 20, 30), 4, 6, 4, 2, 2);
    expect(steps.hierarchical).toBe(true);
    expect(Array.from(steps.groupNode)).toEqual([0, 0, 1, 1]);
    expect(Array.from(steps.groupLoad)).toEqual([10, 50, 20, 30]);
  });

  it('groups equal to nodes go one per node in order, whatever their load (EPLB’s identity packing)', () => {
    const steps = eplbSteps(Float64Array.of(1, 2, 30, 40), 4, 4, 2, 2, 2);
    expect(Array.from(steps.groupNode)).toEqual([0, 1]);
    expect(Array.from(steps.slots.expert)).toEqual([1, 0, 3, 2]);
  });

  it('sums loads in float32, as EPLB does after weight.float()', () => {
    // Groups of 2 on 2 nodes. Group 0 {2^24, 0.5} and group 1 {2^24, 1} differ in float64, but
    // both sums round to 2^24 in float32: equal, group 0 goes first (stable sort) to node 0, and
    // group 2 to the first of two equal nodes. In float64 group 1 would be the heavier and the
    // packing [1, 0, 1, 0]. EPLB's own code gives phy2log [0, 1, 4, 5, 2, 3, 6, 7] here.
    const big = 2 ** 24;
    const w = Float64Array.of(big, 0.5, big, 1, 0.5, 0.25, 0.125, 0.0625);
    const steps = eplbSteps(w, 8, 8, 4, 2, 2);
    expect(Array.from(steps.groupLoad.subarray(0, 2))).toEqual([big, big]);
    expect(Array.from(steps.groupNode)).toEqual([0, 1, 0, 1]);
    expect(Array.from(rebalanceExperts(w, 1, 8, 8, 4, 2, 2).phy2log)).toEqual([0, 1, 4, 5, 2, 3, 6, 7]);
  });
});

const shapeArb = fc
  .record({
    nodes: fc.integer({ min: 1, max: 4 }),
    gpusPerNode: fc.integer({ min: 1, max: 4 }),
    groups: fc.integer({ min: 1, max: 8 }),
    groupSize: fc.integer({ min: 1, max: 4 }),
    extra: fc.integer({ min: 0, max: 3 }),
    layers: fc.integer({ min: 1, max: 3 }),
  })
  .chain((s) => {
    const gpus = s.nodes * s.gpusPerNode;
    const experts = s.groups * s.groupSize;
    const replicas = gpus * (Math.ceil(experts / gpus) + s.extra);
    const load = fc.oneof(fc.double({ min: 0, max: 1000, noNaN: true }), fc.constantFrom(0, 1, 7));
    return fc.array(load, { minLength: s.layers * experts, maxLength: s.layers * experts }).map((w) => ({
      ...s,
      gpus,
      experts,
      replicas,
      weight: Float64Array.from(w),
    }));
  });

type Shape = typeof shapeArb extends fc.Arbitrary<infer S> ? S : never;
const run = (s: Shape): Placement => rebalanceExperts(s.weight, s.layers, s.experts, s.replicas, s.groups, s.nodes, s.gpus);

describe('what EPLB guarantees, for any load (ties included)', () => {
  it('every expert has at least one replica, and the replicas fill the slots', () => {
    fc.assert(
      fc.property(shapeArb, (s) => {
        const p = run(s);
        for (let l = 0; l < s.layers; l++) {
          const cnt = p.logcnt.subarray(l * s.experts, (l + 1) * s.experts);
          expect(Math.min(...cnt)).toBeGreaterThanOrEqual(1);
          expect(cnt.reduce((a, b) => a + b, 0)).toBe(s.replicas);
        }
      }),
    );
  });

  it('log2phy and phy2log are inverse, and every GPU holds the same number of slots', () => {
    fc.assert(
      fc.property(shapeArb, (s) => {
        const p = run(s);
        for (let l = 0; l < s.layers; l++) {
          const seen = new Int32Array(s.replicas);
          for (let e = 0; e < s.experts; e++) {
            const i = l * s.experts + e;
            for (let r = 0; r < p.maxReplicas; r++) {
              const slot = p.log2phy[i * p.maxReplicas + r];
              if (r >= p.logcnt[i]) expect(slot).toBe(-1);
              else {
                expect(p.phy2log[l * s.replicas + slot]).toBe(e);
                seen[slot]++;
              }
            }
          }
          expect(Array.from(seen).every((n) => n === 1)).toBe(true);
          const perGpu = new Int32Array(s.gpus);
          for (const g of slotMapOf(p, l, s.gpus).gpu) perGpu[g]++;
          expect(new Set(perGpu).size).toBe(1);
        }
      }),
    );
  });

  it('hierarchical: a group’s experts and all their replicas stay on one node', () => {
    fc.assert(
      fc.property(
        shapeArb.filter((s) => s.groups % s.nodes === 0),
        (s) => {
          const p = run(s);
          const slotsPerNode = s.replicas / s.nodes;
          for (let l = 0; l < s.layers; l++) {
            const nodeOfGroup = new Int32Array(s.groups).fill(-1);
            for (let slot = 0; slot < s.replicas; slot++) {
              const g = Math.floor(p.phy2log[l * s.replicas + slot] / s.groupSize);
              const node = Math.floor(slot / slotsPerNode);
              if (nodeOfGroup[g] < 0) nodeOfGroup[g] = node;
              expect(node).toBe(nodeOfGroup[g]);
            }
          }
        },
      ),
    );
  });

  it('eplbSteps is the same placement, step by step', () => {
    fc.assert(
      fc.property(
        shapeArb.map((s) => ({ ...s, layers: 1, weight: s.weight.subarray(0, s.experts) })),
        (s) => {
          const steps = eplbSteps(s.weight, s.experts, s.replicas, s.groups, s.nodes, s.gpus);
          const p = run(s);
          expect(steps.slots).toEqual(slotMapOf(p, 0, s.gpus));
          expect(steps.replicas).toEqual(p.logcnt);
          expect(steps.hierarchical).toBe(s.groups % s.nodes === 0);
          expect(steps.groupNode.length).toBe(steps.groups);
          expect(Math.max(...steps.groupNode)).toBeLessThan(steps.nodes);
        },
      ),
    );
  });
});

describe('rebalanceExperts rejects what EPLB cannot place', () => {
  const w = new Float64Array(8);
  it.each<[string, () => unknown, RegExp]>([
    ['weight length', () => rebalanceExperts(new Float64Array(7), 1, 8, 8, 1, 1, 2), /weight has length 7, expected layers\*experts = 8/],
    ['fewer replicas than experts', () => rebalanceExperts(w, 1, 8, 6, 1, 1, 2), /replicas must be at least experts \(8\), got 6/],
    ['replicas over GPUs', () => rebalanceExperts(w, 1, 8, 9, 1, 1, 2), /replicas must be a multiple of gpus \(2\), got 9/],
    ['groups over experts', () => rebalanceExperts(w, 1, 8, 8, 3, 1, 2), /groups must divide experts \(8\), got 3/],
    ['GPUs over nodes (hierarchical)', () => rebalanceExperts(w, 1, 8, 9, 4, 2, 3), /gpus must be a multiple of nodes \(2\) on the hierarchical path, got 3/],
    ['fractional layers', () => rebalanceExperts(w, 0.5, 8, 8, 1, 1, 2), /layers must be a positive integer, got 0.5/],
    ['zero GPUs', () => rebalanceExperts(w, 1, 8, 8, 1, 1, 0), /gpus must be a positive integer, got 0/],
    ['negative nodes', () => rebalanceExperts(w, 1, 8, 8, 1, -1, 2), /nodes must be a positive integer, got -1/],
    ['negative load', () => rebalanceExperts(Float64Array.of(0, 0, -1, 0, 0, 0, 0, 0), 1, 8, 8, 1, 1, 2), /weight\[2\] \(layer 0, expert 2\) must be a finite load ≥ 0, got -1/],
    ['NaN load', () => eplbSteps(Float64Array.of(0, NaN), 2, 2, 1, 1, 1), /weight\[1\].*NaN/],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('the global path needs no GPUs per node: 3 GPUs over 2 nodes with 1 group', () => {
    expect(() => rebalanceExperts(w, 1, 8, 9, 1, 2, 3)).not.toThrow();
  });
});
