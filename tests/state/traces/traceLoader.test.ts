import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRACE_EXAMPLES } from '../../../src/state/traces/examples';
import { TraceLoader } from '../../../src/state/traces/traceLoader.svelte';
import { inProcessTraceWorker } from '../../../src/state/traces/traceWorkerPort';

const dir = join(__dirname, '..', '..', '..', 'public', 'examples', 'traces');

/** fetch from public/, as a static host would serve it */
const fetchPublic = (url: string) => {
  const path = url.replace(/^\.?\//, '');
  try {
    return Promise.resolve(new Response(readFileSync(join(dir, '..', '..', path))));
  } catch {
    return Promise.resolve(new Response('', { status: 404 }));
  }
};

const loader = () => new TraceLoader({ worker: inProcessTraceWorker, fetch: fetchPublic, baseUrl: './', yieldNow: () => Promise.resolve() });

const own = (choice: number) =>
  [JSON.stringify({ format: 'moe-playground-trace', version: 1, layers: [{ name: 'a', experts: 4, k: 1 }] }), JSON.stringify({ choices: [[choice]], text: 'hi' })].join('\n') + '\n';

describe('TraceLoader', () => {
  it('opens files through the worker handler, with progress, text and transferred arrays', async () => {
    const l = loader();
    expect(l.status).toBe('idle');
    const done = l.open([new File([own(2)], 'a.jsonl')]);
    expect(l.status).toBe('reading');
    await done;
    expect(l.status).toBe('ready');
    expect(l.problems).toEqual([]);
    expect([...l.trace!.layers[0].experts]).toEqual([2]);
    expect(l.trace!.tokens!.text).toEqual(['hi']);
    expect(l.progress.bytes).toBe(l.progress.total);
  });

  it('keeps the previous trace when an open fails, and says why', async () => {
    const l = loader();
    await l.open([new File([own(1)], 'good.jsonl')]);
    const before = l.trace;
    await l.open([new File([own(7)], 'bad.jsonl')]);
    expect(l.status).toBe('failed');
    expect(l.trace).toBe(before);
    expect(l.problems).toEqual([{ code: 'expert-range', file: 'bad.jsonl', line: 2, field: 'choices[0][0]', values: { expert: 7, E: 4, layer: 'a' } }]);
    await l.open([new File([new Uint8Array([0x80, 0x05, 1])], 'model.pt')]);
    expect(l.trace).toBe(before);
    expect(l.problems[0].code).toBe('pickle');
    l.close();
    expect([l.trace, l.status, l.problems]).toEqual([null, 'idle', []]);
  });

  it('opens the synthetic examples from the app’s own examples folder', async () => {
    const l = loader();
    await l.openExample('megatron');
    expect(l.status).toBe('ready');
    expect(l.trace!.source).toBe('megatron');
    expect(l.trace!.synthetic).toBe(true);
    expect(l.trace!.layers).toHaveLength(4);
    await l.openExample('vllm');
    expect(l.trace!.balance!.length).toBeGreaterThan(0);
    await l.openExample('playground');
    expect(l.trace!.tokens!.text!.length).toBe(l.trace!.layers[0].T);
    expect(TRACE_EXAMPLES.map((e) => e.id)).toEqual(['playground', 'megatron', 'huggingface', 'sglang', 'vllm']);
  });

  it('a missing example fails with its file named and the trace kept', async () => {
    const l = new TraceLoader({ worker: inProcessTraceWorker, fetch: () => Promise.resolve(new Response('', { status: 404 })), baseUrl: './' });
    await l.openExample('sglang');
    expect(l.status).toBe('failed');
    expect(l.problems).toEqual([{ code: 'read-failed', file: 'sglang.jsonl', values: { message: 'HTTP 404' } }]);
  });

  it('a newer open replaces one under way, and cancel leaves the last trace', async () => {
    const l = loader();
    const first = l.open([new File([own(1)], 'one.jsonl')]);
    const second = l.open([new File([own(3)], 'two.jsonl')]);
    await Promise.all([first, second]);
    expect([...l.trace!.layers[0].experts]).toEqual([3]);
    const third = l.open([new File([own(0)], 'three.jsonl')]);
    l.cancel();
    await third;
    await new Promise((r) => setTimeout(r, 10));
    expect(l.status).toBe('ready');
    expect([...l.trace!.layers[0].experts]).toEqual([3]);
  });
});
