// @vitest-environment node
// The buffers a snapshot transfers: every typed array it holds, at any depth, each buffer once,
// so posting it copies no array and detaches none twice.

import { describe, expect, it } from 'vitest';
import { transferables, type Snapshot } from '../../src/worker/protocol';
import { makeSnapshot } from '../components/fixtures';

/** A snapshot with every optional field set: adding a field to Snapshot makes this fail to compile until it is set here. */
function fullSnapshot(): Required<Snapshot> {
  const bias = Float32Array.from([0.1, -0.1, 0, 0.2]);
  const s = makeSnapshot({ T: 16, E: 4, text: true, grid: true, spec: { scheme: 'deepseek', k: 2, capacityFactor: null, bias } });
  return {
    ...s,
    sample: { T: 16, stride: 1, k: 2 },
    probs: s.probs!,
    bias: s.bias!,
    keptGroups: Int32Array.from({ length: 16 }, (_, i) => i % 2),
    balanced: s.probs!.map((p) => p / 16),
    sinkhorn: { passes: 12, converged: true },
    prices: Float32Array.of(0, 0.5, 0.25, 1),
    points: Float32Array.from({ length: 32 }, (_, i) => i / 32),
    tokens: s.tokens!,
    domain: s.domain!,
    evaluation: { step: s.step, taskLoss: 1, accuracy: 0.5, dropRate: 0, capacityFactor: 2 },
    grid: s.grid!,
    domainShare: s.domainShare!,
    choices: Int32Array.from({ length: 32 }, (_, i) => (i % 5 === 0 ? -1 : i % 4)),
    unlimited: Int32Array.from({ length: 32 }, (_, i) => i % 4),
    merge: { groupLen: 4, mean: Float32Array.of(0.25, 0.25, 0.25, 0.25), weights: new Float32Array(16).fill(0.25), from: Int32Array.of(-1, 0, 1, 2) },
  };
}

/** Every typed array reachable from a value, found independently of how transferables walks. */
function typedArrays(value: unknown, out: ArrayBufferView[] = []): ArrayBufferView[] {
  if (ArrayBuffer.isView(value)) out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) typedArrays(v, out);
  return out;
}

describe('transferables', () => {
  it('lists the buffer of every typed array in a fully populated snapshot, each once', () => {
    const s = fullSnapshot();
    expect(s.grid.expertProbs).toBeDefined();
    const arrays = typedArrays(s);
    // 18 of the snapshot's own, 3 of its merge, 8 history rows, 4 of the grid
    expect(arrays).toHaveLength(33);
    const buffers = transferables(s);
    expect(new Set(buffers).size).toBe(buffers.length);
    for (const a of arrays) expect(buffers).toContain(a.buffer);
  });

  it('moves every array when posted: the copy holds them, the sender’s are detached', () => {
    const s = fullSnapshot();
    const before = s.history.taskLoss.slice();
    const arrays = typedArrays(s);
    const copy = structuredClone(s, { transfer: transferables(s) });
    for (const a of arrays) expect(a.byteLength).toBe(0);
    expect(copy.history.taskLoss).toEqual(before);
    expect(copy.grid.expertProbs!.length).toBe(4 * 8 * 8);
  });

  it('lists a buffer shared by two views once (transferring it twice would throw)', () => {
    const s = makeSnapshot();
    const shared = new Int32Array(2 * s.E);
    const both: Snapshot = { ...s, load: shared.subarray(0, s.E), kept: shared.subarray(s.E) };
    const buffers = transferables(both);
    expect(buffers.filter((b) => b === shared.buffer)).toHaveLength(1);
    expect(() => structuredClone(both, { transfer: buffers })).not.toThrow();
  });
});
