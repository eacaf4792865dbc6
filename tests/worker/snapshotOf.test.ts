// @vitest-environment node
// A step's snapshot: its metrics as they are, in arrays of its own, its batch's slots (a sample
// past the limits) and what the worker adds.

import { describe, expect, it } from 'vitest';
import { randomLogits } from '../../src/engine/datasets/randomLogits';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import { routingMetrics } from '../../src/engine/model/metrics';
import type { StepMetrics } from '../../src/engine/model/trainerApi';
import { route } from '../../src/engine/routing/route';
import { HistoryBuffer } from '../../src/worker/collect';
import { snapshotOf, type SnapshotContext } from '../../src/worker/snapshotOf';

function step(T: number, E = 4) {
  const logits = randomLogits(T, E, 5);
  const routing = route(logits, T, E, { scheme: 'token-choice', k: 2, capacityFactor: 1 });
  const m: StepMetrics = { step: 3, taskLoss: 0.7, accuracy: 0.6, ...routingMetrics(routing, logits), load: routing.load, kept: routing.kept, capacity: routing.capacity, nonFinite: undefined };
  const batch = { labels: new Int32Array(T), tokenIds: new Int32Array(T), points: new Float32Array(2 * T) };
  return { m, view: { routing, batch, predicted: new Int32Array(T) } };
}

const context = (E: number): SnapshotContext => ({ routedWith: DEFAULT_CONFIG, history: new HistoryBuffer(E).drain(), stepsPerSecond: 12, stepMs: 3 });

describe('snapshotOf', () => {
  it('carries the step’s metrics as they are, in copies, and no divergence flag', () => {
    const { m, view } = step(32);
    const s = snapshotOf(m, view, context(4));
    for (const [key, value] of Object.entries(m)) if (key !== 'nonFinite') expect(s).toHaveProperty(key, value);
    expect('nonFinite' in s).toBe(false);
    expect(s.load.buffer).not.toBe(m.load.buffer);
    expect(s.kept.buffer).not.toBe(m.kept.buffer);
    expect(s.experts.buffer).not.toBe(view.routing.experts.buffer);
    expect([s.E, s.T, s.k]).toEqual([4, 32, 2]);
    expect(s).toMatchObject({ routedWith: DEFAULT_CONFIG, stepsPerSecond: 12, stepMs: 3 });
    expect(s.sample).toBeUndefined();
    expect(s.probs).toHaveLength(32 * 4);
  });

  it('carries a sample of a batch past the limits, and no scores past the probs limit', () => {
    const { m, view } = step(64);
    const s = snapshotOf(m, view, context(4), { tokens: 16, slots: 1 << 10, probs: 16 });
    expect(s.sample).toEqual({ T: 16, stride: 4, k: 2 });
    expect(s.experts).toHaveLength(32);
    expect(s.probs).toBeUndefined();
    expect(s.load).toEqual(m.load);
  });
});
