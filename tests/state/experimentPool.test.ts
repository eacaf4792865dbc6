// The experiment pool with fake runners: how many run at once, progress and the time left,
// cancel, the cache, failures and duplicates. The runners answer when the test says so.

import { describe, expect, it } from 'vitest';
import { ExperimentPool, type ResultCache } from '../../src/state/experimentPool.svelte';
import { APP_VERSION } from '../../src/state/appVersion';
import { ExperimentQueue } from '../../src/state/experimentQueue';
import { estimateJobMs } from '../../src/engine/experiments/estimate';
import type { ExperimentJob, JobResult, JobRunner } from '../../src/engine/experiments/job';
import { DEFAULT_CONFIG } from '../../src/engine/config';

const job = (id: string): ExperimentJob => ({ id, config: { ...DEFAULT_CONFIG, backend: 'wasm' }, steps: 10, evalCapacityFactors: [2] });
const jobs = (...ids: string[]) => ids.map(job);

const resultOf = (id: string): JobResult => ({
  id,
  heldOut: [{ evalCapacityFactor: 2, loss: 1, accuracy: 0.5, dropRate: 0 }],
  train: { taskLoss: 1, balanceLoss: NaN, entropy: 1, dropRate: 0, busiest: 1, stepMs: 1 },
  backend: 'wasm',
  ms: 1,
});

interface Call {
  job: ExperimentJob;
  open: boolean;
  runner: FakeRunner;
  finish: () => void;
  fail: (why: string) => void;
}

/** A runner whose jobs finish when the test calls finish(); dispose does not settle them (as a terminated worker never answers). */
class FakeRunner implements JobRunner {
  disposed = false;
  busy = false;
  constructor(private readonly farm: Farm) {}
  run(job: ExperimentJob): Promise<JobResult> {
    if (this.disposed || this.busy) throw new Error('a runner runs one job at a time, and none once disposed');
    this.busy = true;
    this.farm.running++;
    this.farm.peak = Math.max(this.farm.peak, this.farm.running);
    return new Promise((resolve, reject) => {
      const call: Call = {
        job,
        open: true,
        runner: this,
        finish: () => (done(), resolve(resultOf(job.id))),
        fail: (why) => (done(), reject(new Error(why))),
      };
      const done = () => {
        if (!call.open) throw new Error(`${job.id} answered twice`);
        call.open = false;
        this.busy = false;
        this.farm.running--;
      };
      this.farm.calls.push(call);
    });
  }
  dispose(): void {
    if (this.busy) this.farm.running--;
    this.busy = false;
    this.disposed = true;
  }
}

class Farm {
  runners: FakeRunner[] = [];
  calls: Call[] = [];
  running = 0;
  peak = 0;
  make = () => {
    const r = new FakeRunner(this);
    this.runners.push(r);
    return r;
  };
  call(id: string): Call {
    const c = this.calls.find((x) => x.job.id === id);
    if (!c) throw new Error(`${id} has not started`);
    return c;
  }
}

/** Lets the pool's awaits (cache reads, settled runs) catch up. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

class MapCache implements ResultCache {
  map = new Map<string, JobResult>();
  async get(key: string) {
    return this.map.get(key);
  }
  async put(key: string, result: JobResult) {
    this.map.set(key, result);
  }
}

describe('ExperimentPool', () => {
  it('never runs more than `workers` jobs at once, and runs them all', async () => {
    const farm = new Farm();
    const pool = new ExperimentPool({ workers: 2, makeRunner: farm.make, cache: null });
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const done = pool.run(jobs(...ids));
    await settle();
    // finish whichever are running, in a scrambled order, until all are done
    for (let round = 0; farm.calls.some((c) => c.open); round++) {
      expect(farm.running).toBeLessThanOrEqual(2);
      const open = farm.calls.filter((c) => c.open);
      open[round % open.length].finish();
      await settle();
    }
    await done;
    expect(farm.peak).toBe(2);
    expect(farm.calls.map((c) => c.job.id).sort()).toEqual(ids);
    expect(pool.status).toBe('done');
    expect([...pool.results.keys()].sort()).toEqual(ids);
    expect(pool.progress).toMatchObject({ total: 7, done: 7, cached: 0, failed: 0, running: 0, etaMs: 0 });
    // the runners are kept between jobs and disposed at the end
    expect(farm.runners).toHaveLength(2);
    expect(farm.runners.every((r) => r.disposed)).toBe(true);
  });

  it('updates progress per result, the time left from the estimate first, then from measured jobs', async () => {
    const farm = new Farm();
    let now = 0;
    const pool = new ExperimentPool({ workers: 2, makeRunner: farm.make, cache: null, estimateMs: () => 1000, now: () => now });
    expect(pool.estimate(jobs('a', 'b', 'c', 'd'))).toBe(2000);
    const done = pool.run(jobs('a', 'b', 'c', 'd'));
    await settle();
    expect(pool.status).toBe('running');
    expect(pool.progress).toMatchObject({ total: 4, done: 0, running: 2, elapsedMs: 0, etaMs: 2000 });

    now = 400;
    farm.call('a').finish();
    await settle();
    // a took 400 ms: c starts at 400 and b has run 400 of its 400 expected
    expect(pool.progress).toMatchObject({ done: 1, running: 2, elapsedMs: 400 });
    expect(pool.results.has('a')).toBe(true);
    expect(pool.progress.etaMs).toBe((0 + 400 + 400) / 2);

    now = 1000;
    farm.call('b').finish();
    await settle();
    // mean 700 (400, 1000); c has run 600 of 700, d just started
    expect(pool.progress).toMatchObject({ done: 2, running: 2, elapsedMs: 1000 });
    expect(pool.progress.etaMs).toBe((100 + 700) / 2);

    now = 1500;
    farm.call('c').finish();
    await settle();
    // one left, one lane: the mean is now (400 + 1000 + 1100) / 3, and d has run 500 of it
    expect(pool.progress.etaMs).toBeCloseTo(2500 / 3 - 500, 9);
    now = 1600;
    farm.call('d').finish();
    await done;
    expect(pool.progress).toMatchObject({ done: 4, running: 0, elapsedMs: 1600, etaMs: 0 });
  });

  it('estimates with the engine step-time model when given no estimate', async () => {
    const farm = new Farm();
    const pool = new ExperimentPool({ workers: 2, makeRunner: farm.make, cache: null, now: () => 0 });
    const four = jobs('a', 'b', 'c', 'd');
    expect(pool.estimate(four)).toBeCloseTo((4 * estimateJobMs(four[0])) / 2, 6);
    const done = pool.run(four);
    await settle();
    expect(pool.progress.etaMs).toBeCloseTo(pool.estimate(four), 6);
    for (const id of ['a', 'b', 'c', 'd']) {
      farm.call(id).finish();
      await settle();
    }
    await done;
  });

  it('has no time left to tell before a job finishes when the queue has no estimate', async () => {
    const farm = new Farm();
    const queue = new ExperimentQueue({ workers: 1, makeRunner: farm.make, cache: null });
    const done = queue.run(jobs('a', 'b'));
    await settle();
    expect(queue.state.progress.etaMs).toBeNull();
    farm.call('a').finish();
    await settle();
    expect(queue.state.progress.etaMs).not.toBeNull();
    farm.call('b').finish();
    await done;
  });

  it('cancel disposes every running runner at once, resolves run() and keeps the finished results', async () => {
    const farm = new Farm();
    const cache = new MapCache();
    const pool = new ExperimentPool({ workers: 3, makeRunner: farm.make, cache });
    const done = pool.run(jobs('a', 'b', 'c', 'd', 'e', 'f'));
    await settle();
    farm.call('a').finish();
    await settle();
    expect(farm.running).toBe(3);
    pool.cancel();
    // the fake runners never answer once disposed: run() resolves all the same
    await done;
    expect(farm.runners.every((r) => r.disposed)).toBe(true);
    expect(farm.running).toBe(0);
    expect(pool.status).toBe('cancelled');
    expect(pool.progress).toMatchObject({ done: 1, running: 0, etaMs: null });
    expect([...pool.results.keys()]).toEqual(['a']);
    expect(pool.errors.size).toBe(0);
    // nothing starts after a cancel
    await settle();
    expect(farm.calls.map((c) => c.job.id)).toEqual(['a', 'b', 'c', 'd']);
    // a reload resumes from the cache: a's result is there
    expect(cache.map.has(`${APP_VERSION}:a`)).toBe(true);
  });

  it('reads cached results instead of running them, and caches the new ones', async () => {
    const farm = new Farm();
    const cache = new MapCache();
    cache.map.set(`${APP_VERSION}:b`, resultOf('b'));
    cache.map.set(`${APP_VERSION}:d`, resultOf('d'));
    // another version's result is not read
    cache.map.set(`0.0.0-other:a`, resultOf('a'));
    const pool = new ExperimentPool({ workers: 2, makeRunner: farm.make, cache });
    const done = pool.run(jobs('a', 'b', 'c', 'd'));
    await settle();
    expect(pool.progress).toMatchObject({ total: 4, done: 2, cached: 2, running: 2 });
    expect(pool.results.get('b')).toEqual(resultOf('b'));
    farm.call('a').finish();
    farm.call('c').finish();
    await done;
    expect(farm.calls.map((c) => c.job.id).sort()).toEqual(['a', 'c']);
    expect(pool.progress).toMatchObject({ done: 4, cached: 2 });
    expect(cache.map.get(`${APP_VERSION}:a`)).toEqual(resultOf('a'));
    expect(cache.map.get(`${APP_VERSION}:c`)).toEqual(resultOf('c'));
  });

  it('runs every job when the cache fails to read or write', async () => {
    const farm = new Farm();
    const broken: ResultCache = {
      get: () => Promise.reject(new Error('QuotaExceededError')),
      put: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const pool = new ExperimentPool({ workers: 2, makeRunner: farm.make, cache: broken });
    const done = pool.run(jobs('a', 'b'));
    await settle();
    farm.call('a').finish();
    farm.call('b').finish();
    await done;
    expect(pool.status).toBe('done');
    expect(pool.results.size).toBe(2);
  });

  it('records a failed job and goes on with the others on a fresh runner', async () => {
    const farm = new Farm();
    const pool = new ExperimentPool({ workers: 1, makeRunner: farm.make, cache: null });
    const done = pool.run(jobs('a', 'b', 'c'));
    await settle();
    farm.call('a').finish();
    await settle();
    farm.call('b').fail('the worker ran out of memory');
    await settle();
    farm.call('c').finish();
    await done;
    expect(pool.status).toBe('done');
    expect(pool.errors.get('b')).toBe('the worker ran out of memory');
    expect([...pool.results.keys()]).toEqual(['a', 'c']);
    expect(pool.progress).toMatchObject({ total: 3, done: 3, failed: 1 });
    expect(farm.runners).toHaveLength(2);
    expect(farm.call('c').runner).not.toBe(farm.call('a').runner);
  });

  it('runs a job whose id appears twice once', async () => {
    const farm = new Farm();
    const pool = new ExperimentPool({ workers: 2, makeRunner: farm.make, cache: null });
    const done = pool.run(jobs('a', 'b', 'a', 'b', 'a'));
    await settle();
    expect(pool.progress.total).toBe(2);
    farm.call('a').finish();
    farm.call('b').finish();
    await done;
    expect(farm.calls).toHaveLength(2);
    expect(pool.progress).toMatchObject({ total: 2, done: 2 });
  });

  it('starts no runner when every job is cached', async () => {
    const farm = new Farm();
    const cache = new MapCache();
    cache.map.set(`${APP_VERSION}:a`, resultOf('a'));
    const pool = new ExperimentPool({ workers: 2, makeRunner: farm.make, cache });
    await pool.run(jobs('a'));
    expect(farm.runners).toHaveLength(0);
    expect(pool.progress).toMatchObject({ total: 1, done: 1, cached: 1, etaMs: 0 });
    expect(pool.status).toBe('done');
  });
});
