// @vitest-environment node
// The trainer loop around the real trainer, on tfjs's cpu backend at a tiny size: the same
// messages as with the fakes, with real numbers in them.

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/engine/config';
import { tfjsTrainerFactory } from '../../src/worker/backendChoice';
import { transferables } from '../../src/worker/protocol';
import { TrainerLoop } from '../../src/worker/trainerLoop';
import { Outbox, until } from './fakeTrainer';

const config: MoeConfig = { ...DEFAULT_CONFIG, dataset: 'clusters', backend: 'cpu', tokens: 32, dataSize: 200, experts: 4, d: 8, h: 16 };

describe('TrainerLoop with the tfjs trainer', () => {
  it('builds on cpu, draws step 0, steps, plays, pauses and runs to a step', async () => {
    const out = new Outbox();
    const loop = new TrainerLoop({
      post: out.post,
      factory: tfjsTrainerFactory({}),
      clock: { now: () => performance.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
      thread: 'node',
    });
    await loop.handle({ type: 'configure', config });
    expect(out.types()).toEqual(['building', 'ready', 'snapshot']);
    expect(out.of('ready')[0]).toMatchObject({ backend: 'cpu', fellBack: false, note: '', data: { kind: 'points', classes: 3 } });
    const zero = out.of('snapshot')[0].snapshot;
    expect([zero.step, zero.E, zero.T, zero.k]).toEqual([0, 4, 32, 2]);
    expect(zero.grid?.n).toBe(40);
    expect(Number.isFinite(zero.evaluation?.taskLoss)).toBe(true);

    out.clear();
    await loop.handle({ type: 'step' });
    const one = out.of('snapshot')[0].snapshot;
    expect(one.step).toBe(1);
    expect(Number.isFinite(one.taskLoss)).toBe(true);
    expect(one.stepMs).toBeGreaterThan(0);
    expect(out.transfers[0]).toEqual(transferables(one));

    await loop.handle({ type: 'play' });
    await until(() => (loop.trainer?.steps ?? 0) >= 4);
    await loop.handle({ type: 'pause' });
    await loop.idle();
    const paused = out.of('paused').at(-1)!;
    expect(paused.step).toBe(loop.trainer!.steps);
    const rows = out.of('snapshot').flatMap((m) => Array.from(m.snapshot.history.step));
    expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));

    out.clear();
    await loop.handle({ type: 'runTo', step: paused.step + 3 });
    expect(out.types()).toEqual(['snapshot', 'paused']);
    expect(out.of('paused')[0].step).toBe(paused.step + 3);
    loop.trainer!.dispose();
  });
});
