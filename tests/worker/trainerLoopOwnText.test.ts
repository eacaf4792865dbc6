// @vitest-environment node
// The user's own text in the trainer worker: a 'text' message, then a configure with dataset
// 'own' and the text's hash builds on it and the loss falls; a configure naming a text the worker
// was not given builds nothing and says so.

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/engine/config';
import { ownTextHash } from '../../src/engine/datasets/own';
import { tfjsTrainerFactory } from '../../src/worker/backendChoice';
import { TrainerLoop } from '../../src/worker/trainerLoop';
import { Outbox } from './fakeTrainer';

// two domains of short, very repetitive paragraphs: a few dozen steps learn their next characters
const poem = Array.from({ length: 12 }, (_, i) => `the cat sat on the mat ${i % 3}. the cat sat on the mat.`).join('\n\n');
const code = Array.from({ length: 12 }, (_, i) => `for (i = 0; i < ${i}; i++) x += i;`).join('\n\n');
const TEXT = `# domain: poem\n${poem}\n# domain: code\n${code}`;
const base: MoeConfig = { ...DEFAULT_CONFIG, dataset: 'own', backend: 'cpu', tokens: 64, experts: 4, d: 16, h: 32, lr: 0.02, context: 3 };

function makeLoop(out: Outbox): TrainerLoop {
  return new TrainerLoop({
    post: out.post,
    factory: tfjsTrainerFactory({}),
    clock: { now: () => performance.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    thread: 'node',
  });
}

describe('TrainerLoop on the own text', () => {
  it('trains on a text it was sent: its domains reach the page and the loss falls', async () => {
    const out = new Outbox();
    const loop = makeLoop(out);
    const hash = ownTextHash(TEXT);
    await loop.handle({ type: 'text', hash, text: TEXT });
    await loop.handle({ type: 'configure', config: { ...base, ownText: hash } });
    expect(out.types()).toEqual(['building', 'ready', 'snapshot']);
    const ready = out.of('ready')[0];
    expect(ready.data.kind === 'text' && ready.data.domains).toEqual(['poem', 'code']);
    const first = out.of('snapshot')[0].snapshot.evaluation!.taskLoss;
    await loop.handle({ type: 'runTo', step: 60 });
    out.clear();
    await loop.handle({ type: 'step' });
    const later = out.of('snapshot')[0].snapshot;
    expect(later.step).toBe(61);
    expect(later.taskLoss).toBeLessThan(first * 0.7);
    loop.trainer!.dispose();
  }, 60_000);

  it('a configure naming a text it does not have builds nothing and says which', async () => {
    const out = new Outbox();
    const loop = makeLoop(out);
    // sent under a wrong hash: kept under its own, so the configure's hash finds nothing
    await loop.handle({ type: 'text', hash: 12345, text: `${TEXT} changed` });
    await loop.handle({ type: 'configure', config: { ...base, ownText: 12345 } });
    expect(out.types()).toEqual(['building', 'error']);
    expect(out.of('error')[0].message).toContain('12345');
    expect(loop.trainer).toBeNull();
  });
});
