// @vitest-environment node
// The sweep worker's handler on the cpu backend: a job in, its result out; a bad job gives an
// error message, not a dead worker; jobs sent together run one after the other.

import { describe, expect, it } from 'vitest';
import { sweepHandler } from '../../src/worker/sweepHandler';
import type { FromSweepWorker } from '../../src/worker/experimentProtocol';
import { defaultConfig, type MoeConfig } from '../../src/engine/model';
import type { ExperimentJob } from '../../src/engine/experiments/job';
import { ownTextHash } from '../../src/engine/datasets/own';

const config = (extra: Partial<MoeConfig> = {}): MoeConfig => ({ ...defaultConfig(), dataset: 'clusters', dataSize: 200, tokens: 32, experts: 4, d: 4, h: 8, backend: 'cpu', ...extra });
const job = (id: string, c: MoeConfig): ExperimentJob => ({ id, config: c, steps: 3, evalCapacityFactors: [1] });

describe('sweepHandler', () => {
  it('posts each result or error in the order the jobs came', async () => {
    const posted: FromSweepWorker[] = [];
    const handle = sweepHandler((m) => posted.push(m));
    void handle({ type: 'run', job: job('a', config()) });
    void handle({ type: 'run', job: job('b', config({ backend: 'auto' })) });
    await handle({ type: 'run', job: job('c', config({ seed: 2 })) });
    expect(posted.map((m) => [m.type, m.id])).toEqual([
      ['result', 'a'],
      ['error', 'b'],
      ['result', 'c'],
    ]);
    const a = posted[0] as Extract<FromSweepWorker, { type: 'result' }>;
    expect(a.result.backend).toBe('cpu');
    expect(a.result.heldOut).toHaveLength(1);
    expect((posted[1] as Extract<FromSweepWorker, { type: 'error' }>).message).toMatch(/pinned/);
  });

  it('runs a job on the own text it carries, and names the hash of one it does not', async () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i} of a small text to learn from.`).join('\n\n');
    const hash = ownTextHash(text);
    const posted: FromSweepWorker[] = [];
    const handle = sweepHandler((m) => posted.push(m));
    await handle({ type: 'run', job: job('own', config({ dataset: 'own', ownText: hash })), ownText: text });
    await handle({ type: 'run', job: job('missing', config({ dataset: 'own', ownText: 99 })) });
    expect(posted.map((m) => [m.type, m.id])).toEqual([
      ['result', 'own'],
      ['error', 'missing'],
    ]);
    expect((posted[1] as Extract<FromSweepWorker, { type: 'error' }>).message).toContain('99');
  });
});
