// The runner over a sweep worker, with a fake port: one worker kept between jobs, results and
// errors matched to their job, a dead worker replaced, and dispose terminating at once.

import { describe, expect, it } from 'vitest';
import { workerJobRunner, type SweepPort } from '../../src/state/workerJobRunner';
import type { FromSweepWorker, ToSweepWorker } from '../../src/worker/experimentProtocol';
import type { ExperimentJob, JobResult } from '../../src/engine/experiments/job';
import { DEFAULT_CONFIG } from '../../src/engine/config';

const job = (id: string): ExperimentJob => ({ id, config: { ...DEFAULT_CONFIG, backend: 'wasm' }, steps: 5, evalCapacityFactors: [2] });
const result = (id: string) => ({ id, heldOut: [], train: {}, backend: 'wasm', ms: 1 }) as unknown as JobResult;

class FakePort implements SweepPort {
  posted: ToSweepWorker[] = [];
  terminated = false;
  reply: (m: FromSweepWorker) => void = () => {};
  die: (why: string) => void = () => {};
  post(message: ToSweepWorker) {
    this.posted.push(message);
  }
  listen(onMessage: (m: FromSweepWorker) => void, onFailure: (why: string) => void) {
    this.reply = onMessage;
    this.die = onFailure;
  }
  terminate() {
    this.terminated = true;
  }
}

function setup() {
  const ports: FakePort[] = [];
  const runner = workerJobRunner(() => {
    const p = new FakePort();
    ports.push(p);
    return p;
  });
  return { ports, runner };
}

describe('workerJobRunner', () => {
  it('starts its worker on the first job and keeps it for the next', async () => {
    const { ports, runner } = setup();
    expect(ports).toHaveLength(0);
    const a = runner.run(job('a'));
    expect(ports[0].posted).toEqual([{ type: 'run', job: job('a') }]);
    ports[0].reply({ type: 'result', id: 'other', result: result('other') });
    ports[0].reply({ type: 'result', id: 'a', result: result('a') });
    await expect(a).resolves.toEqual(result('a'));
    const b = runner.run(job('b'));
    ports[0].reply({ type: 'error', id: 'b', message: 'out of memory' });
    await expect(b).rejects.toThrow('out of memory');
    expect(ports).toHaveLength(1);
  });

  it('refuses a second job while one runs', async () => {
    const { runner } = setup();
    void runner.run(job('a'));
    await expect(runner.run(job('b'))).rejects.toThrow(/already running/);
  });

  it('fails the job when its worker dies, and starts a fresh worker for the next', async () => {
    const { ports, runner } = setup();
    const a = runner.run(job('a'));
    ports[0].die('the worker script did not load');
    await expect(a).rejects.toThrow('did not load');
    expect(ports[0].terminated).toBe(true);
    const b = runner.run(job('b'));
    expect(ports).toHaveLength(2);
    ports[1].reply({ type: 'result', id: 'b', result: result('b') });
    await expect(b).resolves.toEqual(result('b'));
  });

  it('dispose terminates the worker, fails the running job and refuses more', async () => {
    const { ports, runner } = setup();
    const a = runner.run(job('a'));
    runner.dispose();
    expect(ports[0].terminated).toBe(true);
    await expect(a).rejects.toThrow('cancelled');
    await expect(runner.run(job('b'))).rejects.toThrow(/disposed/);
  });
});
