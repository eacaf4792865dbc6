// The A/B comparison's state without a browser: two sessions on fake trainer workers, driven in
// lockstep (neither arm ever more than a chunk ahead, whatever order the workers answer in), edits
// that rebuild both arms, an arm that stops, and the repeat over seeds on a pool whose runs are faked.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pairOf, type CompareDefinition } from '../../src/state/compare/definition';
import { schemaDefaults } from '../../src/state/schema';
import { makeSnapshot } from '../components/fixtures';
import { comparePair } from './compareHarness';
import type { FakeWorker } from './sessionHarness';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
});

const pair = comparePair;

/** The step of the latest runTo a worker was sent, and whether it has been answered. */
function pending(w: FakeWorker, answered: Map<FakeWorker, number>): number | null {
  const runs = w.sent('runTo');
  return runs.length > (answered.get(w) ?? 0) ? runs[runs.length - 1].step : null;
}
function answer(w: FakeWorker, step: number, answered: Map<FakeWorker, number>): void {
  answered.set(w, w.sent('runTo').length);
  w.reply({ type: 'snapshot', snapshot: makeSnapshot({ step, historyRows: 1 }) });
  w.reply({ type: 'paused', reason: null, step });
}

describe('CompareState lockstep', () => {
  it('runs both arms a chunk at a time and waits for the slower one', () => {
    const { compare, a, b } = pair();
    const answered = new Map<FakeWorker, number>();
    compare.play();
    expect(compare.playing).toBe(true);
    expect(pending(a, answered)).toBe(5);
    expect(pending(b, answered)).toBe(5);
    // A gets there first: it is not sent further until B is there too
    answer(a, 5, answered);
    expect(pending(a, answered)).toBeNull();
    expect(compare.stepOf('a')).toBe(5);
    expect(compare.stepOf('b')).toBe(0);
    answer(b, 5, answered);
    expect(pending(a, answered)).toBe(10);
    expect(pending(b, answered)).toBe(10);
    // pause: a chunk that finishes afterwards starts no other
    compare.pause();
    expect(compare.playing).toBe(false);
    answer(a, 10, answered);
    answer(b, 10, answered);
    expect(pending(a, answered)).toBeNull();
    expect(pending(b, answered)).toBeNull();
  });

  it('never lets one arm get more than a chunk ahead, whatever order the workers answer in', () => {
    const { compare, a, b, trainers } = pair(undefined, 3);
    const answered = new Map<FakeWorker, number>();
    const done = vi.fn();
    compare.runTo(23, done);
    // a fixed pseudo-random order of answers
    let x = 7;
    for (let i = 0; i < 200 && done.mock.calls.length === 0; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const order = x % 2 ? [a, b] : [b, a];
      const w = order.find((t) => pending(t, answered) !== null);
      if (!w) break;
      answer(w, pending(w, answered)!, answered);
      expect(Math.abs(compare.stepOf('a') - compare.stepOf('b'))).toBeLessThanOrEqual(3);
    }
    expect(done).toHaveBeenCalledTimes(1);
    expect([compare.stepOf('a'), compare.stepOf('b')]).toEqual([23, 23]);
    expect(compare.playing).toBe(false);
    // every runTo went to 3, 6, ..., 21 and then 23
    expect(a.sent('runTo').map((m) => m.step)).toEqual([3, 6, 9, 12, 15, 18, 21, 23]);
    expect(trainers).toHaveLength(2);
    // each arm's history has the rows of its own run
    expect(compare.histories.a.lastStep).toBe(23);
    expect(compare.histories.b.lastStep).toBe(23);
  });

  it('steps the arm behind, so both end level', () => {
    const { compare, a, b } = pair();
    const answered = new Map<FakeWorker, number>();
    compare.step();
    expect([pending(a, answered), pending(b, answered)]).toEqual([1, 1]);
    answer(a, 1, answered);
    answer(b, 1, answered);
    compare.step();
    expect([pending(a, answered), pending(b, answered)]).toEqual([2, 2]);
  });

  it('stops both when one arm stops, and says which', () => {
    const { compare, a, b } = pair();
    const answered = new Map<FakeWorker, number>();
    compare.play();
    answer(a, 5, answered);
    b.reply({ type: 'error', message: 'out of memory' });
    expect(compare.playing).toBe(false);
    expect(compare.problem).toEqual({ arm: 'b', kind: 'stopped', why: 'out of memory' });
    // a play now does nothing until the arms are reset
    compare.play();
    expect(pending(a, answered)).toBeNull();
  });
});

describe('CompareState edits', () => {
  it('an edit to B rebuilds both arms from step 0, and the seed moves both', () => {
    const { compare, a, b } = pair();
    const answered = new Map<FakeWorker, number>();
    compare.runTo(5);
    answer(a, 5, answered);
    answer(b, 5, answered);
    const configures = (w: FakeWorker) => w.sent('configure').length;
    const before = [configures(a), configures(b)];
    compare.setArm('b', { experts: 16 });
    // a dragged slider restarts the pair once, when it rests
    compare.setArm('b', { experts: 16, lr: 0.02 });
    vi.advanceTimersByTime(200);
    expect(compare.definition.b.experts).toBe(16);
    expect(compare.definition.a.experts).toBe(8);
    expect([configures(a), configures(b)]).toEqual([before[0] + 1, before[1] + 1]);
    expect(b.sent('configure').at(-1)!.config.experts).toBe(16);
    expect(compare.histories.a.run).toBeNull();
    expect(compare.stepOf('a')).toBe(0);
    // what B no longer shares with A: the router and the routed experts, by name
    expect(compare.notShared.map((n) => (n.what === 'weight' ? n.name : n.what))).toContain('router');
    compare.setArm('a', { seed: 9 });
    expect([compare.definition.a.seed, compare.definition.b.seed]).toEqual([9, 9]);
  });

  it('notes what making an arm valid changed, under the arm', () => {
    const { compare } = pair();
    compare.setArm('b', { experts: 2, topK: 4 });
    expect(compare.definition.b.topK).toBe(2);
    expect(compare.notices.map((n) => [n.key, n.from, n.to])).toEqual([['B.k', '4', '2']]);
    compare.dismiss(compare.notices[0].id);
    expect(compare.notices).toEqual([]);
  });

  it('compares presets on the comparison’s seed, and swaps the arms', () => {
    const { compare } = pair();
    compare.setArm('a', { seed: 3 });
    compare.applyPreset('a', 'switch');
    compare.applyPreset('b', 'mixtral');
    expect(compare.definition.presetA).toBe('switch');
    expect(compare.definition.presetB).toBe('mixtral');
    expect([compare.definition.a.topK, compare.definition.b.topK]).toEqual([1, 2]);
    expect([compare.definition.a.seed, compare.definition.b.seed]).toEqual([3, 3]);
    compare.swap();
    expect(compare.definition.presetA).toBe('mixtral');
    expect([compare.definition.a.topK, compare.definition.b.topK]).toEqual([2, 1]);
    compare.applyPreset('b', 'no-such-preset');
    expect(compare.definition.presetB).toBe('switch');
  });
});

describe('CompareState seeds', () => {
  it('runs both arms on N seeds and shows each arm’s spread', async () => {
    const def: CompareDefinition = { ...pairOf({ ...schemaDefaults(), seed: 1, backend: 'wasm' }), seeds: 3, step: 100 };
    const { compare, pool } = pair({ ...def, b: { ...def.b, experts: 16 } });
    expect(compare.spread).toBeNull();
    await compare.runSeeds();
    const jobs = pool()!.ran[0];
    expect(jobs).toHaveLength(6);
    expect(jobs.map((j) => [j.config.seed, j.config.experts, j.steps, j.curveEvery])).toEqual([
      [1, 8, 100, 2],
      [2, 8, 100, 2],
      [3, 8, 100, 2],
      [1, 16, 100, 2],
      [2, 16, 100, 2],
      [3, 16, 100, 2],
    ]);
    const spread = compare.spread!;
    expect(spread.a.runs).toBe(3);
    // at step 10 the fake curves are seed/10: seeds 1..3 give 0.1..0.3, mean 0.2
    const at10 = spread.a.taskLoss.find((band) => band.step === 10)!;
    expect(at10).toMatchObject({ lo: 0.1, hi: 0.3, n: 3 });
    expect(at10.mean).toBeCloseTo(0.2, 10);
    expect(spread.b.heldOutLoss.find((band) => band.step === 10)).toMatchObject({ lo: 0.2, hi: 0.4 });
    // a new number of seeds forgets the old spread
    compare.setSeeds(20);
    expect(compare.definition.seeds).toBe(8);
    expect(compare.spread).toBeNull();
  });

  it('runs a job the two arms share once, and says why a repeat could not run', async () => {
    const { compare, pool } = pair({ ...pairOf({ ...schemaDefaults(), backend: 'wasm' }), seeds: 2 });
    await compare.runSeeds();
    expect(pool()!.ran[0]).toHaveLength(2);
    expect(compare.spread!.b.runs).toBe(2);
    pool()!.run = () => Promise.reject(new Error('no workers here'));
    await compare.runSeeds();
    expect(compare.seedError).toBe('no workers here');
  });
});
