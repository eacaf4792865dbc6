import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatchTraffic, dispatchWithSpread, trafficBytes } from '../../../src/engine/placement/traffic';
import type { ClusterShape, SlotMap, Traffic } from '../../../src/engine/placement/types';

/** A slot map from [expert, gpu] pairs in slot order; replicas counted from them. */
function slotMap(E: number, pairs: [number, number][]): SlotMap {
  const replicas = new Int32Array(E);
  for (const [e] of pairs) replicas[e]++;
  return {
    expert: Int32Array.from(pairs, ([e]) => e),
    gpu: Int32Array.from(pairs, ([, g]) => g),
    replicas,
  };
}

/** Expert e on GPU ⌊e·G/E⌋, one replica each. */
function contiguous(E: number, G: number): SlotMap {
  return slotMap(
    E,
    Array.from({ length: E }, (_, e): [number, number] => [e, Math.floor((e * G) / E)]),
  );
}

/** The [G*G] matrix as rows, for readable expectations. */
function matrix(sent: Float64Array, G: number): number[][] {
  return Array.from({ length: G }, (_, i) => Array.from(sent.subarray(i * G, (i + 1) * G)));
}

/** The matrix as rows, the split (within GPU, within node, across nodes), and each GPU's computed choices. */
function expectTraffic(t: Traffic, sent: number[][], split: [number, number, number], computed: number[]): void {
  expect(matrix(t.sent, t.gpus)).toEqual(sent);
  expect([t.withinGpu, t.withinNode, t.acrossNode]).toEqual(split);
  expect(Array.from(t.computed)).toEqual(computed);
}

const twoByTwo: ClusterShape = { nodes: 2, gpusPerNode: 2 };

describe('dispatchTraffic, worked by hand', () => {
  // 2 nodes × 2 GPUs (node 0 = GPUs 0,1; node 1 = GPUs 2,3), expert e on GPU e, T = 4 so token t on GPU t.
  // A token crosses to another node once, landing on the GPU of its own local rank (g mod 2) there,
  // which forwards it to the node's other GPUs it needs.
  // t0 [0, 1]: GPU 0 (stays), GPU 1 (within node)
  // t1 [3, 2] from GPU 1 (rank 1): lands on GPU 3 (across, a destination), GPU 3 forwards to GPU 2
  // t2 [2, -1]: GPU 2 (stays); the dropped slot travels nowhere
  // t3 [1, 0] from GPU 3 (rank 1): lands on GPU 1 (across), GPU 1 forwards to GPU 0
  const choices = Int32Array.from([0, 1, 3, 2, 2, -1, 1, 0]);

  it('counts each send in the matrix and its split', () => {
    const t = dispatchTraffic(choices, 4, 2, contiguous(4, 4), twoByTwo);
    expect(t.gpus).toBe(4);
    expect(t.gpusPerNode).toBe(2);
    // computed: GPU 0 by t0, t3; GPU 1 by t0, t3; GPU 2 by t1, t2; GPU 3 by t1
    expectTraffic(t, [
      [1, 1, 0, 0],
      [1, 0, 0, 1],
      [0, 0, 1, 0],
      [0, 1, 1, 0],
    ], [2, 3, 2], [2, 2, 2, 1]);
    expect(t.choices).toBe(7);
  });

  it('gives the spread: 7 sends over 4 tokens, every token on one node', () => {
    const r = dispatchWithSpread(choices, 4, 2, contiguous(4, 4), twoByTwo);
    expect(r.gpusPerToken).toBe(7 / 4);
    expect(r.nodesPerToken).toBe(1);
  });

  it('sends a token once to a GPU that holds two of its choices', () => {
    // 8 experts on 4 GPUs: experts 6 and 7 both on GPU 3; T = 4, t0 on GPU 0 picks both. It crosses
    // once, to GPU 2 (its rank 0 on node 1), which forwards it once to GPU 3
    const t = dispatchTraffic(Int32Array.from([6, 7, -1, -1, -1, -1, -1, -1]), 4, 2, contiguous(8, 4), twoByTwo);
    expect(matrix(t.sent, 4)[0]).toEqual([0, 0, 1, 0]);
    expect(matrix(t.sent, 4)[2]).toEqual([0, 0, 0, 1]);
    expect(t.acrossNode).toBe(1);
    expect(t.withinNode).toBe(1);
    expect(t.computed[3]).toBe(2);
    expect(t.choices).toBe(2);
  });

  it('sends nothing for dropped slots', () => {
    const t = dispatchWithSpread(new Int32Array(8).fill(-1), 4, 2, contiguous(4, 4), twoByTwo);
    expect(t.traffic.sent.every((x) => x === 0)).toBe(true);
    expect(t.traffic.choices).toBe(0);
    expect(t.gpusPerToken).toBe(0);
    expect(t.nodesPerToken).toBe(0);
  });
});

describe('dispatchTraffic, replicas', () => {
  // expert 2 on GPU 1 (node 0) and GPU 2 (node 1); T = 4, k = 1, everyone picks expert 2
  const slots = slotMap(4, [[0, 0], [1, 1], [2, 1], [2, 2], [3, 3]]);

  it('serves a choice on the token’s GPU, else on its node, before any load balance', () => {
    // t0 (GPU 0): no own-GPU replica, own node's GPU 1. t1 (GPU 1): own GPU.
    // t2 (GPU 2): own GPU. t3 (GPU 3): GPU 2 is on its node 1.
    const t = dispatchTraffic(Int32Array.from([2, 2, 2, 2]), 4, 1, slots, twoByTwo);
    expectTraffic(t, [
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 1, 0],
    ], [2, 2, 0], [0, 2, 2, 0]);
  });

  it('falls back to the least loaded replica, ties to the lower slot', () => {
    // expert 0 on GPUs 2 and 3 (node 1); T = 8 so tokens 2g and 2g+1 are on GPU g; t1 chooses nothing.
    // t0 tie → slot 1 (GPU 2, where GPU 0's rank lands); t2 → slot 2 (GPU 3, load 0 < 1, where GPU
    // 1's rank lands); t3 tie 1, 1 → GPU 2: lands on GPU 3, forwarded to GPU 2;
    // t4, t5 on GPU 2 and t6, t7 on GPU 3 stay on their GPU.
    const remote = slotMap(2, [[1, 0], [0, 2], [0, 3]]);
    const t = dispatchTraffic(Int32Array.from([0, -1, 0, 0, 0, 0, 0, 0]), 8, 1, remote, twoByTwo);
    expectTraffic(t, [
      [0, 0, 1, 0],
      [0, 0, 0, 2],
      [0, 0, 2, 0],
      [0, 0, 1, 2],
    ], [4, 1, 3], [0, 0, 4, 3]);
  });

  it('balances among the replicas on the token’s node, before a less loaded one elsewhere', () => {
    // 2 nodes × 3 GPUs, expert 0 on GPUs 1, 2 (node 0) and 3 (node 1); T = 18 so t0..t2 are on
    // GPU 0, and only they choose. t0: tie → GPU 1; t1: GPU 2 (load 0 < 1); t2: loads 1, 1 on the
    // node → GPU 1, though GPU 3's replica still has load 0.
    const slots6 = slotMap(2, [[1, 0], [0, 1], [0, 2], [0, 3]]);
    const choices = new Int32Array(18).fill(-1).fill(0, 0, 3);
    const t = dispatchTraffic(choices, 18, 1, slots6, { nodes: 2, gpusPerNode: 3 });
    expect(matrix(t.sent, 6)[0]).toEqual([0, 2, 1, 0, 0, 0]);
    expect([t.withinGpu, t.withinNode, t.acrossNode]).toEqual([0, 3, 0]);
    expect(Array.from(t.computed)).toEqual([0, 2, 1, 0, 0, 0]);
  });
});

describe('trafficBytes', () => {
  it('prices DeepSeek-V3: hidden 7168, FP8 out, BF16 back', () => {
    const t = dispatchTraffic(Int32Array.from([0, 1, 3, 2, 2, -1, 1, 0]), 4, 2, contiguous(4, 4), twoByTwo);
    // sends: 2 within GPU, 3 within node (one direct, two forwards), 2 across nodes
    const b = trafficBytes(t, { hidden: 7168, bytesOut: 1, bytesBack: 2 });
    expect(b.out).toEqual({ withinGpu: 2 * 7168, withinNode: 3 * 7168, acrossNode: 2 * 7168 });
    expect(b.back).toEqual({ withinGpu: 4 * 7168, withinNode: 6 * 7168, acrossNode: 4 * 7168 });
    expect(b.total).toBe((3 + 2) * 7168 * 3);
    expect(b.crossNode).toBe(2 * 7168 * 3);
  });

  it('rejects a negative or non-finite wire format', () => {
    const t = dispatchTraffic(Int32Array.from([0]), 1, 1, contiguous(1, 1), { nodes: 1, gpusPerNode: 1 });
    expect(() => trafficBytes(t, { hidden: -1, bytesOut: 1, bytesBack: 2 })).toThrow(/wire.hidden/);
    expect(() => trafficBytes(t, { hidden: 1, bytesOut: NaN, bytesBack: 2 })).toThrow(/wire.bytesOut/);
  });
});

describe('dispatchTraffic, bad input', () => {
  const slots = contiguous(4, 4);
  const cases: [string, () => unknown, RegExp][] = [
    ['short choices', () => dispatchTraffic(new Int32Array(7), 4, 2, slots, twoByTwo), /T·k = 8/],
    ['expert past E', () => dispatchTraffic(Int32Array.from([4, 0, 0, 0]), 4, 1, slots, twoByTwo), /choices\[0\] = 4/],
    ['negative expert', () => dispatchTraffic(Int32Array.from([0, -2, 0, 0]), 4, 1, slots, twoByTwo), /choices\[1\] = -2/],
    ['slot beyond G', () => dispatchTraffic(new Int32Array(4), 4, 1, contiguous(4, 8), twoByTwo), /slot 2 is on GPU 4/],
    ['T = 0', () => dispatchTraffic(new Int32Array(0), 0, 2, slots, twoByTwo), /T must be/],
    ['k = 0', () => dispatchTraffic(new Int32Array(0), 4, 0, slots, twoByTwo), /k must be/],
    ['no nodes', () => dispatchTraffic(new Int32Array(4), 4, 1, slots, { nodes: 0, gpusPerNode: 2 }), /cluster.nodes/],
    ['fractional GPUs', () => dispatchTraffic(new Int32Array(4), 4, 1, slots, { nodes: 2, gpusPerNode: 1.5 }), /gpusPerNode/],
    [
      'expert without replica',
      () => dispatchTraffic(new Int32Array(4), 4, 1, slotMap(2, [[0, 0]]), twoByTwo),
      /expert 1 has no replica/,
    ],
    [
      'replica count disagrees',
      () => dispatchTraffic(new Int32Array(4), 4, 1, { ...slots, replicas: Int32Array.from([2, 1, 1, 1]) }, twoByTwo),
      /expert 0 is held by 1 slots/,
    ],
  ];
  it.each(cases)('throws a RangeError for %s', (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

/** A cluster, a slot map with 1-3 replicas per expert on random GPUs, and a batch's choices. */
const batchArb = fc
  .record({
    nodes: fc.integer({ min: 1, max: 4 }),
    gpusPerNode: fc.integer({ min: 1, max: 4 }),
    replicas: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 12 }),
    T: fc.integer({ min: 1, max: 40 }),
    k: fc.integer({ min: 1, max: 4 }),
  })
  .chain((c) => {
    const G = c.nodes * c.gpusPerNode;
    const E = c.replicas.length;
    const S = c.replicas.reduce((a, b) => a + b, 0);
    const experts = c.replicas.flatMap((r, e) => Array<number>(r).fill(e));
    return fc.record({
      c: fc.constant(c),
      order: fc.shuffledSubarray(experts, { minLength: S, maxLength: S }),
      gpus: fc.array(fc.integer({ min: 0, max: G - 1 }), { minLength: S, maxLength: S }).map((g) => g.sort((a, b) => a - b)),
      choices: fc.array(fc.integer({ min: -1, max: E - 1 }), { minLength: c.T * c.k, maxLength: c.T * c.k }),
    });
  })
  .map(({ c, order, gpus, choices }) => ({
    cluster: { nodes: c.nodes, gpusPerNode: c.gpusPerNode },
    slots: slotMap(
      c.replicas.length,
      order.map((e, s): [number, number] => [e, gpus[s]]),
    ),
    choices: Int32Array.from(choices),
    T: c.T,
    k: c.k,
  }));

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('dispatchTraffic, properties', () => {
  it('splits every send once, computes every kept choice, and crosses to a node at most once per token', () => {
    fc.assert(
      fc.property(batchArb, ({ cluster, slots, choices, T, k }) => {
        const { traffic: t, gpusPerToken, nodesPerToken } = dispatchWithSpread(choices, T, k, slots, cluster);
        const G = t.gpus;
        const sends = sum(t.sent);
        expect(sends).toBe(t.withinGpu + t.withinNode + t.acrossNode);
        expect(sum(Array.from({ length: G }, (_, g) => t.sent[g * G + g]))).toBe(t.withinGpu);
        expect(sum(t.computed)).toBe(t.choices);
        expect(t.choices).toBe(choices.filter((e) => e >= 0).length);
        // a token reaches each destination GPU once, plus at most one landing GPU per other node
        expect(sends).toBeLessThanOrEqual(T * (Math.min(k, G) + Math.min(k, cluster.nodes - 1)));
        expect(t.acrossNode).toBeLessThanOrEqual(T * Math.min(k, cluster.nodes - 1));
        expect(t.acrossNode).toBeLessThanOrEqual(nodesPerToken * T + 1e-9);
        expect(nodesPerToken).toBeLessThanOrEqual(gpusPerToken);
        if (G === 1) expect(t.withinGpu).toBe(sends);
        if (cluster.nodes === 1) expect(t.acrossNode).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every send on its GPU with a single GPU, and on its node with a single node', () => {
    const forced = (nodes: number, gpusPerNode: number) =>
      batchArb.map((b) => ({
        ...b,
        cluster: { nodes, gpusPerNode },
        slots: { ...b.slots, gpu: b.slots.gpu.map((g) => g % (nodes * gpusPerNode)).sort() },
      }));
    fc.assert(
      fc.property(forced(1, 1), ({ cluster, slots, choices, T, k }) => {
        const t = dispatchTraffic(choices, T, k, slots, cluster);
        expect(t.withinGpu).toBe(sum(t.sent));
        expect(t.withinNode + t.acrossNode).toBe(0);
      }),
    );
    fc.assert(
      fc.property(forced(1, 4), ({ cluster, slots, choices, T, k }) => {
        expect(dispatchTraffic(choices, T, k, slots, cluster).acrossNode).toBe(0);
      }),
    );
  });
});
