import { describe, expect, it } from 'vitest';
import { openTrace } from '../../../src/engine/traces/openTrace';
import { lines, openOk, openProblems } from './helpers';

describe("vLLM's EPLB log lines", () => {
  it('picks the balance lines out of a log in all three spellings and ignores the rest', async () => {
    const log = [
      '(APIServer pid=1) INFO 12-03 10:00:00 [api_server.py:1] starting',
      '(EngineCore_DP0 pid=2) INFO 12-03 10:00:01 [eplb_state.py:712] EPLB step: 7 for model deepseek-ai/DeepSeek-V2-Lite: avg_tokens=120.50, max_tokens=161, balancedness=0.7484, steps until the next rearrangement: 93',
      'INFO 12-03 10:00:02 [eplb_state.py:500] EPLB step: 8: avg_tokens=100.00, max_tokens=125, balancedness=0.8000',
      'EPLB step: avg_tokens=10, max_tokens=20, balancedness=0.5',
      'WARNING something else entirely, balancedness=0.1',
    ].join('\n');
    const trace = await openOk({ 'server.log': log });
    expect(trace.source).toBe('vllm-log');
    expect(trace.layers).toEqual([]);
    expect(trace.balance).toEqual([
      { step: 0, avgTokens: 120.5, maxTokens: 161, balancedness: 0.7484, loggedStep: 7, model: 'deepseek-ai/DeepSeek-V2-Lite' },
      { step: 1, avgTokens: 100, maxTokens: 125, balancedness: 0.8, loggedStep: 8 },
      { step: 2, avgTokens: 10, maxTokens: 20, balancedness: 0.5 },
    ]);
  });

  it('says a log without EPLB lines is not a trace, and names a nan balancedness', async () => {
    expect(await openProblems({ 'a.log': 'INFO hello\nINFO world\n' })).toEqual([{ code: 'unknown-format', file: 'a.log', values: { format: 'text' } }]);
    const nan = await openProblems({ 'b.log': 'x\nEPLB step: 1: avg_tokens=0.00, max_tokens=0, balancedness=nan\n' });
    expect(nan).toEqual([{ code: 'not-finite', file: 'b.log', line: 2, field: 'balancedness', values: { value: 'nan' } }]);
  });
});

describe('telling formats apart and refusing what cannot open', () => {
  it('refuses PyTorch zip and pickle bytes whatever the name', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]);
    const pickle = new Uint8Array([0x80, 0x04, 0x95, 0x10]);
    expect(await openProblems({ 'expert_distribution.jsonl': zip })).toEqual([{ code: 'pickle', file: 'expert_distribution.jsonl' }]);
    expect(await openProblems({ 'dump.pt': pickle })).toEqual([{ code: 'pickle', file: 'dump.pt' }]);
    expect((await openProblems({ 'x.bin': new Uint8Array([1, 0, 2, 0]) }))[0].code).toBe('binary');
  });

  it('refuses a file over 1 GiB before reading it', async () => {
    const huge = { name: 'huge.jsonl', size: 1024 ** 3 + 1, slice: () => Promise.reject(new Error('must not be read')) };
    const r = await openTrace([huge]);
    expect(r).toEqual({ ok: false, problems: [{ code: 'too-large', file: 'huge.jsonl', values: { limit: '1 GiB', size: 1024 ** 3 + 1 } }] });
  });

  it('names an unknown JSON format and refuses files of different formats together', async () => {
    expect(await openProblems({ 'o.jsonl': lines({ format: 'other-trace', version: 1 }) })).toEqual([
      { code: 'unknown-format', file: 'o.jsonl', line: 1, field: 'format', values: { format: 'other-trace' } },
    ]);
    const own = lines({ format: 'moe-playground-trace', version: 1, layers: [{ name: 'a', experts: 2, k: 1 }] }, { choices: [[0]] });
    const p = await openProblems({ 'a.jsonl': own, 'b.log': 'EPLB step: 1: avg_tokens=1, max_tokens=2, balancedness=0.5\n' });
    expect(p[0].code).toBe('mixed-formats');
    expect((await openProblems({ 'a.jsonl': own, 'b.jsonl': own }))[0]).toMatchObject({ code: 'several-files', values: { count: 2 } });
  });

  it('stops when cancelled and reports progress', async () => {
    const own = lines({ format: 'moe-playground-trace', version: 1, layers: [{ name: 'a', experts: 2, k: 1 }] }, ...Array.from({ length: 100 }, () => ({ choices: [[1]] })));
    const file = { name: 'a.jsonl', size: own.length, slice: (a: number, b: number) => Promise.resolve(new TextEncoder().encode(own).subarray(a, b)) };
    const seen: number[] = [];
    let calls = 0;
    const r = await openTrace([file], { chunkBytes: 64, onProgress: (b) => seen.push(b), cancelled: () => ++calls > 3 });
    expect(r).toEqual({ ok: false, cancelled: true, problems: [] });
    expect(seen).toEqual([64, 128, 192]);
  });
});

describe('the token-array limit', () => {
  it('refuses a trace whose arrays would pass the limit, at the line that passes it', async () => {
    const own = lines({ format: 'moe-playground-trace', version: 1, layers: [{ name: 'a', experts: 2, k: 1 }] }, ...Array.from({ length: 10 }, () => ({ choices: [[1]] })));
    // 16 bytes of bookkeeping + 4 per choice = 20 bytes a token: the 6th token (line 7) passes 100
    const r = await openTrace([{ name: 'a.jsonl', size: own.length, slice: (a, b) => Promise.resolve(new TextEncoder().encode(own).subarray(a, b)) }], {
      arrayLimit: { bytes: 100, text: '100 B' },
    });
    expect(r).toEqual({ ok: false, problems: [{ code: 'too-large', file: 'a.jsonl', line: 7, values: { limit: '100 B', file: own.length } }] });
  });
});
