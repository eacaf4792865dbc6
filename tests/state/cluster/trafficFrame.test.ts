// @vitest-environment node
// One step's all-to-all as the traffic panel shows it: none for Soft MoE, the whole batch's
// choices whether or not the snapshot carries a sample, bytes at the settings' wire format, and
// the device limit's effect on the same batch under DeepSeek.

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../../src/engine/config';
import { contiguousSlots, dispatchWithSpread, trafficBytes } from '../../../src/engine/placement';
import { trafficOf, wireOf, type TrafficFrame } from '../../../src/state/cluster/trafficFrame';
import { keptChoices } from '../../../src/worker/clusterChoices';
import { makeSnapshot } from '../../components/fixtures';
import { clusterSettings, routedSnapshot } from './clusterFixtures';

const arr = (a: ArrayLike<number>) => Array.from(a);

/** 16 experts in 4 groups on 4 nodes × 2 GPUs, contiguous: group g on node g. */
const CLUSTER = { nodes: 4, gpusPerNode: 2 };
const SLOTS = contiguousSlots(16, 8);
const SETTINGS = clusterSettings({ ...CLUSTER, hiddenSize: 7168, bytesOut: 1, bytesBack: 2 });
const DEEPSEEK: MoeConfig = { ...DEFAULT_CONFIG, scheme: 'deepseek', experts: 16, topK: 4, groups: 4, topkGroups: 2, capacityFactor: null, routedScale: 2.5 };

const frameOf = (c: MoeConfig, opts: Parameters<typeof routedSnapshot>[1] = {}, settings = SETTINGS) => trafficOf(routedSnapshot(c, opts), SLOTS, CLUSTER, settings) as TrafficFrame;

describe('trafficOf', () => {
  it('has no traffic to count for Soft MoE', () => {
    const s = makeSnapshot({ E: 16 });
    expect(trafficOf({ ...s, routedWith: { ...s.routedWith, scheme: 'soft' } }, SLOTS, CLUSTER, SETTINGS)).toBe('no-dispatch');
    expect(trafficOf({ ...s, routedWith: { ...s.routedWith, scheme: 'smear' } }, SLOTS, CLUSTER, SETTINGS)).toBe('no-dispatch');
  });

  it('counts the whole batch’s kept choices from experts and dropped when the snapshot carries the whole batch', () => {
    const c: MoeConfig = { ...DEFAULT_CONFIG, experts: 16, topK: 2, capacityFactor: 0.75 };
    const s = routedSnapshot(c, { T: 64 });
    expect(s.sample).toBeUndefined();
    expect(s.choices).toBeUndefined();
    const f = trafficOf(s, SLOTS, CLUSTER, SETTINGS) as TrafficFrame;
    const expected = dispatchWithSpread(keptChoices(s), 64, 2, SLOTS, CLUSTER);
    expect(f.traffic).toEqual(expected.traffic);
    expect(f.traffic.choices).toBe(arr(s.kept).reduce((a, b) => a + b, 0));
    expect(f.traffic.choices).toBeLessThan(64 * 2);
    expect([f.step, f.T, f.k]).toEqual([10, 64, 2]);
    expect(f.gpusPerToken).toBe(expected.gpusPerToken);
    expect(f.nodesPerToken).toBe(expected.nodesPerToken);
  });

  it('counts snapshot.choices when the slots are a sample: the same answer as for the same batch unsampled', () => {
    const c: MoeConfig = { ...DEEPSEEK, capacityFactor: 1 };
    const whole = routedSnapshot(c, { T: 128 });
    const sampled = routedSnapshot(c, { T: 128, limits: { tokens: 16, slots: 1 << 10, probs: 16 } });
    expect(sampled.sample).toBeDefined();
    expect(sampled.experts).toHaveLength(16 * 4);
    expect(sampled.choices).toHaveLength(128 * 4);
    const [a, b] = [whole, sampled].map((s) => trafficOf(s, SLOTS, CLUSTER, SETTINGS) as TrafficFrame);
    expect(b).toEqual(a);
    expect(a.traffic.choices).toBe(arr(whole.kept).reduce((x, y) => x + y, 0));
  });

  it('prices each send at the settings’ hidden size and bytes out and back', () => {
    const f = frameOf(DEEPSEEK);
    const t = f.traffic;
    expect(f.wire).toEqual({ hidden: 7168, bytesOut: 1, bytesBack: 2 });
    expect(f.bytes).toEqual(trafficBytes(t, wireOf(SETTINGS)));
    expect(f.bytes.total).toBe((t.withinNode + t.acrossNode) * 7168 * 3);
    expect(f.bytes.crossNode).toBe(t.acrossNode * 7168 * 3);
    expect(f.bytes.out.acrossNode).toBe(t.acrossNode * 7168);
    expect(f.bytes.back.acrossNode).toBe(t.acrossNode * 7168 * 2);
    const wider = frameOf(DEEPSEEK, {}, { ...SETTINGS, hiddenSize: 2 * 7168, bytesOut: 2 });
    expect(wider.traffic).toEqual(t);
    expect(wider.bytes.total).toBe((t.withinNode + t.acrossNode) * 2 * 7168 * 4);
  });

  it('with DeepSeek’s device limit, prices the same batch with every group open', () => {
    const s = routedSnapshot(DEEPSEEK);
    expect(s.unlimited).toHaveLength(64 * 4);
    const f = trafficOf(s, SLOTS, CLUSTER, SETTINGS) as TrafficFrame;
    const open = dispatchWithSpread(s.unlimited!, 64, 4, SLOTS, CLUSTER);
    expect(f.limited).toEqual({
      withLimit: f.bytes,
      withoutLimit: trafficBytes(open.traffic, wireOf(SETTINGS)),
      gpusWith: f.gpusPerToken,
      gpusWithout: open.gpusPerToken,
      nodesWith: f.nodesPerToken,
      nodesWithout: open.nodesPerToken,
    });
    expect(f.limited!.nodesWith).toBeLessThanOrEqual(2);
    expect(f.limited!.nodesWithout).toBeGreaterThan(f.limited!.nodesWith);
    expect(f.limited!.withoutLimit.crossNode).toBeGreaterThan(f.limited!.withLimit.crossNode);
  });

  it.each([
    ['every group kept', { ...DEEPSEEK, topkGroups: 4 }],
    ['token choice', { ...DEFAULT_CONFIG, experts: 16, topK: 4 }],
  ])('has no device limit to price with %s', (_, c) => {
    const s = routedSnapshot(c);
    expect(s.unlimited).toBeUndefined();
    expect((trafficOf(s, SLOTS, CLUSTER, SETTINGS) as TrafficFrame).limited).toBeNull();
  });
});
