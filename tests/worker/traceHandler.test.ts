import { describe, expect, it } from 'vitest';
import { syntheticTraceLines } from '../../src/engine/traces/synthetic';
import { createTraceHandler, PROGRESS_INTERVAL_MS, traceBuffers } from '../../src/worker/traceHandler';
import type { FromTraceWorker } from '../../src/worker/traceProtocol';

describe('trace worker handler', () => {
  it('posts progress at most every 50 ms, then the trace with its buffers transferred and its text packed', async () => {
    const text = [...syntheticTraceLines({ tokens: 3000 })].join('\n') + '\n';
    const posted: { message: FromTraceWorker; transfer: Transferable[] }[] = [];
    let clock = 0;
    // every call to the clock moves it 20 ms on
    const handle = createTraceHandler((message, transfer) => posted.push({ message, transfer }), () => (clock += 20));
    const blob = new Blob([text]);
    await handle({ type: 'open', id: 7, files: [Object.assign(blob, { name: 't.jsonl' })] });
    const last = posted[posted.length - 1];
    expect(last.message.type).toBe('opened');
    if (last.message.type !== 'opened') return;
    expect(last.message.id).toBe(7);
    expect(last.message.trace.tokens?.text).toBeUndefined();
    expect(last.message.text!.ends).toHaveLength(3000);
    // 4 layers share one step buffer: each buffer once, plus the text's ends
    expect(last.transfer).toHaveLength(traceBuffers(last.message.trace).length + 1);
    expect(new Set(last.transfer).size).toBe(last.transfer.length);
    const progress = posted.filter((p) => p.message.type === 'progress');
    expect(progress[0].message).toEqual({ type: 'progress', id: 7, bytes: 0, total: blob.size });
    expect(PROGRESS_INTERVAL_MS).toBe(50);
  });

  it('posts problems for a bad file and nothing transferred', async () => {
    const posted: FromTraceWorker[] = [];
    const handle = createTraceHandler((m) => posted.push(m));
    await handle({ type: 'open', id: 1, files: [Object.assign(new Blob(['{"format":"moe-playground-trace","version":9}\n']), { name: 'n.jsonl' })] });
    expect(posted[posted.length - 1]).toEqual({ type: 'failed', id: 1, problems: [{ code: 'newer-version', file: 'n.jsonl', line: 1, field: 'version', values: { version: 9, supported: 1 } }] });
  });
});
