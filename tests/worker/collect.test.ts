// The worker's per-step history rows and the running domain × expert share.

import { describe, expect, it } from 'vitest';
import type { StepMetrics } from '../../src/engine/model';
import { route } from '../../src/engine/routing/route';
import { DomainShare, HistoryBuffer } from '../../src/worker/collect';

const metrics = (step: number, kept: number[]): StepMetrics => ({
  step,
  taskLoss: 1 / step,
  accuracy: 0.5,
  balanceLoss: NaN,
  zLoss: 0.1,
  dropRate: 0,
  entropy: 1,
  load: Int32Array.from(kept),
  kept: Int32Array.from(kept),
  capacity: null,
});

describe('HistoryBuffer', () => {
  it('drains every step since the last drain, in order, then starts empty', () => {
    const h = new HistoryBuffer(2);
    h.push(metrics(1, [3, 1]));
    h.push(metrics(2, [2, 2]));
    const rows = h.drain();
    expect(Array.from(rows.step)).toEqual([1, 2]);
    expect(Array.from(rows.taskLoss)).toEqual([1, 0.5]);
    expect(rows.balanceLoss[0]).toBeNaN();
    expect(Array.from(rows.kept)).toEqual([3, 1, 2, 2]);
    expect(h.drain().step).toHaveLength(0);
  });
});

describe('DomainShare', () => {
  it('gives each domain the share of its kept choices per expert', () => {
    // tokens 0,1 prefer expert 0; tokens 2,3 prefer expert 1
    const logits = Float32Array.of(5, 0, 5, 0, 0, 5, 0, 5);
    const r = route(logits, 4, 2, { scheme: 'token-choice', k: 1 });
    const share = new DomainShare(2, 2);
    share.add(r, Uint8Array.of(0, 0, 1, 1));
    expect(Array.from(share.share())).toEqual([1, 0, 0, 1]);
    const unseen = new DomainShare(3, 2);
    unseen.add(r, Uint8Array.of(0, 0, 1, 1));
    expect(Array.from(unseen.share().subarray(4))).toEqual([0, 0]);
  });
});
