// @vitest-environment node
// The trainer worker's loop, driven without a worker or real time: the messages it sends for
// each one it gets, in order, with fake trainers and a clock that moves only with steps.

import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/worker/protocol';
import { TrainerLoop } from '../../src/worker/trainerLoop';
import { FakeClock, fakeFactory, Outbox, tinyConfig, until, type FakeBehaviour } from './fakeTrainer';

function setup(behaviour: Partial<FakeBehaviour> = {}, cannotStart: readonly string[] = []) {
  const clock = new FakeClock();
  const out = new Outbox();
  const made = fakeFactory(clock, behaviour, cannotStart);
  const loop = new TrainerLoop({ post: out.post, factory: made.factory, clock, thread: 'TestScope' });
  return { clock, out, loop, ...made };
}

const snapshots = (out: Outbox): Snapshot[] => out.of('snapshot').map((m) => m.snapshot);
const historySteps = (ss: Snapshot[]) => ss.flatMap((s) => Array.from(s.history.step));

describe('TrainerLoop: building', () => {
  it('configure: building, ready, then step 0 drawn (evaluated, with the grid)', async () => {
    const { out, loop, started } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig() });
    expect(out.types()).toEqual(['building', 'ready', 'snapshot']);
    expect(out.of('ready')[0]).toEqual({
      type: 'ready',
      backend: 'wasm',
      note: '',
      thread: 'TestScope',
      data: { kind: 'points', classes: 3 },
      fellBack: false,
      auto: 'first',
    });
    expect(started).toEqual(['wasm']);
    const [zero] = snapshots(out);
    expect(zero.step).toBe(0);
    expect(Array.from(zero.history.step)).toEqual([0]);
    expect(zero.evaluation).toMatchObject({ step: 0, capacityFactor: tinyConfig().evalCapacityFactor });
    expect(zero.grid).toBeDefined();
    expect(zero.routedWith).toEqual(tinyConfig());
    // every array goes as a transfer
    expect(out.transfers[2]).toContain(zero.experts.buffer);
    expect(out.transfers[2]).toContain(zero.history.kept.buffer);
  });

  it('without preview: ready and nothing drawn; with a measured backend: that one', async () => {
    const { out, loop } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig(), preview: false, cachedAuto: 'webgl' });
    expect(out.types()).toEqual(['building', 'ready']);
    expect(out.of('ready')[0]).toMatchObject({ backend: 'webgl', auto: 'measured', fellBack: false });
  });

  it('text: sends the vocabulary and domains, and a domain × expert share with each snapshot', async () => {
    const { out, loop } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig({ dataset: 'text' }) });
    const ready = out.of('ready')[0];
    expect(ready.data.kind).toBe('text');
    const [zero] = snapshots(out);
    expect(zero.grid).toBeUndefined();
    expect(zero.domainShare).toHaveLength((ready.data.kind === 'text' ? ready.data.domains.length : 0) * 4);
  });

  it('falls back to the next backend when the one asked for cannot start, and says why', async () => {
    const { out, loop } = setup({}, ['wasm']);
    await loop.handle({ type: 'configure', config: tinyConfig() });
    expect(out.of('ready')[0]).toMatchObject({ backend: 'webgl', fellBack: true, note: 'wasm could not start (no wasm here)', auto: undefined });
  });

  it('configure again rebuilds: the old trainer is disposed, the new one has the new sizes', async () => {
    const { out, loop, trainers } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig() });
    await loop.handle({ type: 'step' });
    out.clear();
    await loop.handle({ type: 'configure', config: tinyConfig({ experts: 8, backend: 'cpu' }) });
    expect(out.types()).toEqual(['building', 'ready', 'snapshot']);
    expect(trainers).toHaveLength(2);
    expect(trainers[0].disposed).toBe(true);
    const [zero] = snapshots(out);
    expect([zero.step, zero.E, zero.history.kept.length]).toEqual([0, 8, 8]);
    expect(out.of('ready')[0]).toMatchObject({ backend: 'cpu', auto: undefined });
  });

  it('reset rebuilds with the settings as changed live since', async () => {
    const { out, loop, trainers } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig() });
    await loop.handle({ type: 'set', key: 'lr', value: 0.5 });
    await loop.handle({ type: 'step' });
    out.clear();
    await loop.handle({ type: 'reset' });
    expect(out.types()).toEqual(['building', 'ready', 'snapshot']);
    expect(trainers[0].disposed).toBe(true);
    expect(trainers[1].config.lr).toBe(0.5);
    expect(snapshots(out)[0].step).toBe(0);
  });

  it('reports an error for a setting the engine rejects, without trying another backend', async () => {
    const { out, loop, factory } = setup();
    factory.createTrainer = async () => {
      throw new RangeError('experts must be at least 2');
    };
    await loop.handle({ type: 'configure', config: tinyConfig() });
    expect(out.types()).toEqual(['building', 'error']);
    expect(out.of('error')[0].message).toBe('experts must be at least 2');
  });
});

describe('TrainerLoop: training', () => {
  it('step: one step, drawn at once with its evaluation', async () => {
    const { out, loop, latest } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig() });
    out.clear();
    await loop.handle({ type: 'step' });
    expect(out.types()).toEqual(['snapshot']);
    const [s] = snapshots(out);
    expect([s.step, latest().steps]).toEqual([1, 1]);
    expect(Array.from(s.history.step)).toEqual([1]);
    expect(s.evaluation?.step).toBe(1);
    expect(s.stepMs).toBe(5);
  });

  it('play runs until pause; snapshots are paced to a frame yet their rows miss no step', async () => {
    const { out, loop, latest, clock } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig() });
    out.clear();
    await loop.handle({ type: 'play' });
    expect(loop.playing).toBe(true);
    await until(() => latest().steps >= 320);
    await loop.handle({ type: 'pause' });
    await loop.idle();
    const steps = latest().steps;
    expect(out.messages.at(-1)).toEqual({ type: 'paused', reason: null, step: steps });
    const ss = snapshots(out);
    // 5 ms steps, one snapshot per 16 ms: every 4th step
    expect(ss.map((s) => s.step).slice(0, 4)).toEqual([1, 5, 9, 13]);
    expect(historySteps(ss)).toEqual(Array.from({ length: ss.at(-1)!.step }, (_, i) => i + 1));
    // the held-out split at most every 500 ms (100 steps), the grid every 250 ms (50 steps)
    const gaps = (pick: (s: Snapshot) => boolean) => ss.filter(pick).map((s, i, all) => (i ? s.step - all[i - 1].step : Infinity));
    expect(Math.min(...gaps((s) => s.evaluation !== undefined))).toBeGreaterThanOrEqual(100);
    expect(Math.min(...gaps((s) => s.grid !== undefined))).toBeGreaterThanOrEqual(50);
    expect(ss.filter((s) => s.evaluation).length).toBeGreaterThanOrEqual(2);
    // 200 steps in the last second of play
    expect(ss.at(-1)!.stepsPerSecond).toBe(200);
    expect(clock.sleeps.every((ms) => ms === 0)).toBe(true);
    // nothing runs after the pause
    await until(() => true, 20);
    expect(latest().steps).toBe(steps);
  });

  it('slow motion: waits between steps to keep the rate, and draws every step', async () => {
    const { out, loop, latest, clock } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig() });
    await loop.handle({ type: 'speed', stepsPerSecond: 10 });
    out.clear();
    await loop.handle({ type: 'play' });
    await until(() => latest().steps >= 5);
    await loop.handle({ type: 'pause' });
    await loop.idle();
    expect(snapshots(out).map((s) => s.step)).toEqual(Array.from({ length: latest().steps }, (_, i) => i + 1));
    expect(clock.sleeps.slice(0, 4)).toEqual([95, 95, 95, 95]);
  });

  it('runTo trains without drawing, then draws the last step and pauses', async () => {
    const { out, loop } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig() });
    out.clear();
    await loop.handle({ type: 'runTo', step: 30 });
    expect(out.types()).toEqual(['snapshot', 'paused']);
    const [s] = snapshots(out);
    expect(s.step).toBe(30);
    expect(historySteps([s])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(out.of('paused')[0]).toEqual({ type: 'paused', reason: null, step: 30 });
  });

  it('set changes a live setting without a rebuild; the next snapshot says it routed with it', async () => {
    const { out, loop, trainers } = setup();
    await loop.handle({ type: 'configure', config: tinyConfig() });
    out.clear();
    await loop.handle({ type: 'set', key: 'capacityFactor', value: 2 });
    expect(out.types()).toEqual([]);
    expect(trainers).toHaveLength(1);
    expect(trainers[0].sets).toEqual([['capacityFactor', 2]]);
    await loop.handle({ type: 'step' });
    expect(snapshots(out)[0].routedWith.capacityFactor).toBe(2);
  });

  it('pauses with the reason and the settings when the loss stops being finite', async () => {
    const { out, loop, latest } = setup({ nonFiniteAt: 3 });
    await loop.handle({ type: 'configure', config: tinyConfig({ lr: 5 }) });
    await loop.handle({ type: 'play' });
    await loop.idle();
    expect(loop.playing).toBe(false);
    expect(latest().steps).toBe(2);
    const paused = out.of('paused');
    expect(paused).toHaveLength(1);
    expect(paused[0].step).toBe(2);
    expect(paused[0].reason).toBe('the task loss is NaN at step 3 (lr 5, α 0.01, β 0.001, router token-choice, E 4, k 2)');
    expect(snapshots(out).every((s) => s.step < 3)).toBe(true);
  });

  it('a backend that fails mid-run: rebuilt on the next one with the same settings, and says so', async () => {
    const { out, loop, trainers } = setup({ breaks: { backend: 'wasm', at: 3 } });
    await loop.handle({ type: 'configure', config: tinyConfig() });
    await loop.handle({ type: 'set', key: 'lr', value: 0.2 });
    out.clear();
    await loop.handle({ type: 'play' });
    await loop.idle();
    expect(out.types().slice(-3)).toEqual(['ready', 'snapshot', 'error']);
    expect(out.of('ready')[0]).toMatchObject({ backend: 'webgl', fellBack: true, note: 'wasm failed; ' });
    expect(out.of('error')[0].message).toBe('wasm failed (context lost); training restarted on webgl with the same settings');
    expect(trainers[0].disposed).toBe(true);
    expect(trainers[1].config.lr).toBe(0.2);
    expect(loop.playing).toBe(false);
  });

  it('a failure on cpu, the last resort, is reported as it is', async () => {
    const { out, loop } = setup({ breaks: { backend: 'cpu', at: 1 } });
    await loop.handle({ type: 'configure', config: tinyConfig({ backend: 'cpu' }) });
    out.clear();
    await loop.handle({ type: 'step' });
    expect(out.messages).toEqual([{ type: 'error', message: 'context lost' }]);
  });
});
