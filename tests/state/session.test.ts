// The session's messages to and from the trainer worker, one command or answer at a time: what
// each control sends, how a setting reaches a running model (live, or by rebuilding), and what
// the page shows when the worker falls back, fails or stops on a diverged loss.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { schemaDefaults } from '../../src/state/schema';
import { makeSnapshot } from '../components/fixtures';
import { harness, ready } from './sessionHarness';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
});

/** a session with its model built and step 0 drawn, as the page is after it opens */
function built(config = {}) {
  const h = harness({ backend: 'wasm', ...config });
  h.session.prepare();
  h.trainers[0].reply(ready);
  h.trainers[0].reply({ type: 'snapshot', snapshot: makeSnapshot({ step: 0 }) });
  vi.advanceTimersByTime(100);
  return { ...h, worker: h.trainers[0] };
}

describe('TrainingSession messages', () => {
  it('configures the worker with the whole config on start, and the speed chosen before it', () => {
    const { session, trainers } = harness({ experts: 6, lr: 0.02 });
    session.setSpeed(4);
    session.prepare();
    expect(session.building).toBe(true);
    expect(session.started).toBe(true);
    const [configure] = trainers[0].sent('configure');
    expect(configure.config).toEqual({ ...schemaDefaults(), experts: 6, lr: 0.02 });
    expect(configure.config).not.toBe(session.config);
    expect(trainers[0].types()).toEqual(['speed', 'configure', 'speed']);
    expect(trainers[0].sent('speed').at(-1)).toEqual({ type: 'speed', stepsPerSecond: 4 });
    trainers[0].reply(ready);
    expect(session.building).toBe(false);
    expect(session.backend).toBe('wasm');
    expect(session.data).toEqual({ kind: 'points', classes: 3 });
  });

  it('sends play, pause, step and runTo, and rebuilds in the same worker on reset', () => {
    const { session, worker } = built();
    session.play();
    expect(session.playing).toBe(true);
    session.pause();
    expect(session.playing).toBe(false);
    session.step();
    session.toggle();
    session.toggle();
    const done = vi.fn();
    session.runTo(40, done);
    expect(worker.types().slice(1)).toEqual(['play', 'pause', 'step', 'play', 'pause', 'runTo']);
    expect(worker.sent('runTo')).toEqual([{ type: 'runTo', step: 40 }]);
    worker.reply({ type: 'paused', reason: null, step: 40 });
    expect(done).toHaveBeenCalledTimes(1);
    session.reset();
    expect(session.snapshot).toBeNull();
    expect(worker.types().at(-1)).toBe('configure');
    expect(worker.terminated).toBe(false);
  });

  it('sends a live setting as set, and training goes on with the same model', () => {
    const { session, worker } = built();
    session.play();
    const rebuilt = session.configure({ ...session.config, lr: 0.05, balanceCoef: 0.02 });
    expect(rebuilt).toBe(false);
    expect(worker.sent('set')).toEqual([
      { type: 'set', key: 'balanceCoef', value: 0.02 },
      { type: 'set', key: 'lr', value: 0.05 },
    ]);
    expect(session.playing).toBe(true);
    expect(session.snapshot?.step).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(worker.sent('configure')).toHaveLength(1);
    // the same value again sends nothing
    expect(session.configure({ ...session.config })).toBe(false);
    expect(worker.sent('set')).toHaveLength(2);
  });

  it('rebuilds for a setting the model is built with, once its slider rests, and plays on', () => {
    const { session, worker } = built();
    session.play();
    expect(session.configure({ ...session.config, experts: 6 })).toBe(true);
    expect(session.configure({ ...session.config, experts: 7 })).toBe(true);
    expect(session.snapshot).toBeNull();
    expect(session.playing).toBe(false);
    expect(worker.sent('configure')).toHaveLength(1);
    vi.advanceTimersByTime(150);
    const configures = worker.sent('configure');
    expect(configures).toHaveLength(2);
    expect(configures[1].config.experts).toBe(7);
    expect(worker.sent('set')).toEqual([]);
    expect(worker.types().at(-1)).toBe('play');
    expect(session.playing).toBe(true);
  });

  it('shows why a backend fell back, and keeps the backend the settings ask for', () => {
    const { session, trainers } = harness({ backend: 'webgpu' });
    session.prepare();
    trainers[0].reply({ ...ready, backend: 'webgl', note: 'webgpu: no adapter; using webgl', fellBack: true });
    expect(session.fellBack).toBe(true);
    expect(session.note).toBe('webgpu: no adapter; using webgl');
    expect(session.backend).toBe('webgl');
    expect(session.config.backend).toBe('webgpu');
    expect(session.problem).toBeNull();
  });

  it('shows an error from the worker and stops', () => {
    const { session, worker } = built();
    session.play();
    worker.reply({ type: 'error', message: 'webgl: context lost' });
    expect(session.problem).toBe('webgl: context lost');
    expect(session.playing).toBe(false);
    expect(session.building).toBe(false);
    // Play again clears it
    session.play();
    expect(session.problem).toBeNull();
  });

  it('shows a worker that failed to start', () => {
    const { session, trainers } = harness();
    session.prepare();
    trainers[0].onerror?.(new ErrorEvent('error', { message: '' }));
    expect(session.problem).toBe('the training worker failed to start');
    expect(session.building).toBe(false);
  });

  it('shows why training stopped by itself: a loss that is no longer finite', () => {
    const { session, worker } = built();
    const seen: number[] = [];
    session.onSnapshot((s) => seen.push(s.step));
    session.play();
    worker.reply({ type: 'snapshot', snapshot: makeSnapshot({ step: 17 }) });
    const reason = 'the loss is NaN at step 18 (lr 0.3, E 8)';
    worker.reply({ type: 'paused', reason, step: 18 });
    expect(session.problem).toBe(reason);
    expect(session.playing).toBe(false);
    // the last snapshot is shown at once, not at the next display tick
    expect(seen).toEqual([17]);
    expect(session.snapshot?.step).toBe(17);
  });

  it('ends the backend probe as soon as training runs, by Play, Step or a link', () => {
    for (const run of ['play', 'step', 'runTo'] as const) {
      const { session, trainers, probes } = harness();
      session.prepare();
      trainers[0].reply(ready);
      vi.advanceTimersByTime(2000);
      expect(probes, run).toHaveLength(1);
      if (run === 'runTo') session.runTo(10);
      else session[run]();
      expect(probes[0].terminated, run).toBe(true);
      localStorage.clear();
    }
  });

  it('ends its workers when disposed', () => {
    const { session, trainers, probes } = harness();
    session.prepare();
    trainers[0].reply(ready);
    vi.advanceTimersByTime(2000);
    session.dispose();
    expect(trainers[0].terminated).toBe(true);
    expect(probes[0].terminated).toBe(true);
  });
});
