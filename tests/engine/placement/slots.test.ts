// The slot maps of the three policies, and the GPU balance read from them.

import { describe, expect, it } from 'vitest';
import {
  balancedness,
  contiguousSlots,
  gpuLoads,
  placeExperts,
  rebalanceExperts,
  roundRobinSlots,
  slotLoads,
  slotMapOf,
  type SlotMap,
} from '../../../src/engine/placement';

const arr = (a: ArrayLike<number>) => Array.from(a);

describe('the placements without replicas', () => {
  it('contiguous: expert e on GPU ⌊e·G/E⌋', () => {
    const s = contiguousSlots(6, 4);
    expect(arr(s.expert)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(arr(s.gpu)).toEqual([0, 0, 1, 2, 2, 3]);
    expect(arr(s.replicas)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('round-robin: expert e on GPU e mod G, listed GPU by GPU', () => {
    const s = roundRobinSlots(6, 4);
    expect(arr(s.expert)).toEqual([0, 4, 1, 5, 2, 3]);
    expect(arr(s.gpu)).toEqual([0, 0, 1, 1, 2, 3]);
  });

  it('more GPUs than experts leaves GPUs empty', () => {
    expect(arr(contiguousSlots(2, 4).gpu)).toEqual([0, 2]);
    expect(arr(roundRobinSlots(2, 4).gpu)).toEqual([0, 1]);
  });
});

describe('slotMapOf', () => {
  // two layers of 2 experts, 4 slots: EPLB's arrays as they come
  const p = rebalanceExperts(Float64Array.of(1, 3, 5, 2), 2, 2, 4, 1, 1, 2);

  it('fills slots/G consecutive slots per GPU, and reads the asked layer', () => {
    const s0 = slotMapOf(p, 0, 2);
    expect(arr(s0.gpu)).toEqual([0, 0, 1, 1]);
    expect(arr(s0.expert)).toEqual(arr(p.phy2log.subarray(0, 4)));
    expect(arr(slotMapOf(p, 1, 2).expert)).toEqual(arr(p.phy2log.subarray(4, 8)));
    expect(arr(slotMapOf(p, 1, 2).replicas)).toEqual(arr(p.logcnt.subarray(2, 4)));
    expect(arr(slotMapOf(p, 0, 4).gpu)).toEqual([0, 1, 2, 3]);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['layer out of range', () => slotMapOf(p, 2, 2), /layer must be an integer in 0\.\.1, got 2/],
    ['GPUs that do not divide the slots', () => slotMapOf(p, 0, 3), /gpus must divide the placement's 4 slots, got 3/],
    ['zero experts', () => contiguousSlots(0, 2), /experts must be a positive integer, got 0/],
    ['fractional GPUs', () => roundRobinSlots(4, 1.5), /gpus must be a positive integer, got 1.5/],
  ])('rejects %s', (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe('placeExperts', () => {
  const load = Float64Array.of(10, 50, 20, 30);
  const cluster = { nodes: 1, gpusPerNode: 2 };

  it('picks the policy; the simple ones ignore the extra slots', () => {
    expect(placeExperts('contiguous', load, 4, 6, 1, cluster)).toEqual(contiguousSlots(4, 2));
    expect(placeExperts('round-robin', load, 4, 6, 1, cluster)).toEqual(roundRobinSlots(4, 2));
    const eplb = placeExperts('eplb', load, 4, 6, 1, cluster);
    expect(eplb).toEqual(slotMapOf(rebalanceExperts(load, 1, 4, 6, 1, 1, 2), 0, 2));
    expect(eplb.expert.length).toBe(6);
  });

  it('EPLB evens out a load that contiguous placement leaves lopsided', () => {
    const bal = (s: SlotMap) => balancedness(gpuLoads(s, load, 2));
    expect(bal(placeExperts('contiguous', load, 4, 6, 1, cluster))).toBeCloseTo(55 / 60);
    expect(bal(placeExperts('eplb', load, 4, 6, 1, cluster))).toBe(1);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['load length', () => placeExperts('eplb', new Float64Array(3), 4, 6, 1, cluster), /load has length 3, expected experts = 4/],
    ['too few slots', () => placeExperts('contiguous', load, 4, 3, 1, cluster), /slots must be at least experts \(4\), got 3/],
    ['no nodes', () => placeExperts('eplb', load, 4, 6, 1, { nodes: 0, gpusPerNode: 2 }), /cluster\.nodes must be a positive integer, got 0/],
    ['unknown policy', () => placeExperts('nope' as 'eplb', load, 4, 6, 1, cluster), /unknown placement policy 'nope'/],
    ['EPLB’s own checks', () => placeExperts('eplb', load, 4, 5, 1, cluster), /replicas must be a multiple of gpus \(2\), got 5/],
  ])('rejects %s', (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe('GPU balance', () => {
  // expert 0 on GPU 0 twice, expert 1 on GPU 1 once, expert 2 on GPU 1 once
  const slots: SlotMap = { expert: Int32Array.of(0, 0, 1, 2), gpu: Int32Array.of(0, 0, 1, 1), replicas: Int32Array.of(2, 1, 1) };

  it('splits an expert’s load evenly over its replicas', () => {
    expect(arr(slotLoads(slots, [8, 3, 1]))).toEqual([4, 4, 3, 1]);
    expect(arr(gpuLoads(slots, [8, 3, 1], 2))).toEqual([8, 4]);
    expect(arr(gpuLoads(contiguousSlots(2, 4), [5, 7], 4))).toEqual([5, 0, 7, 0]);
  });

  it('balancedness is mean over max, 1 when idle', () => {
    expect(balancedness([8, 4])).toBe(0.75);
    expect(balancedness([3, 3, 3])).toBe(1);
    expect(balancedness([0, 0])).toBe(1);
    expect(balancedness([0, 0, 0, 6])).toBe(0.25);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['load length', () => slotLoads(slots, [1, 2]), /expertLoad has length 2, expected the slot map's 3 experts/],
    ['a slot off the GPUs', () => gpuLoads(slots, [1, 2, 3], 1), /slot 2 is on GPU 1, outside 0\.\.0/],
    ['zero GPUs', () => gpuLoads(slots, [1, 2, 3], 0), /gpus must be a positive integer, got 0/],
    ['no GPUs', () => balancedness([]), /gpuLoad must hold at least one GPU/],
  ])('rejects %s', (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
