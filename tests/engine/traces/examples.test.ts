// The committed example traces are what the generator writes now (bench/makeTraceExamples.ts
// rewrites them), and each opens with the structure the views need.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticExampleFiles } from '../../../src/engine/traces/syntheticExamples';
import { openOk } from './helpers';

const dir = join(__dirname, '..', '..', '..', 'public', 'examples', 'traces');
const read = (path: string) => new Uint8Array(readFileSync(join(dir, path)));

describe('example traces', () => {
  const files = syntheticExampleFiles();

  it.each([...files.keys()])('%s equals what the generator writes (node --import tsx bench/makeTraceExamples.ts)', (path) => {
    expect(existsSync(join(dir, path))).toBe(true);
    const content = files.get(path)!;
    const want = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    expect(Buffer.from(read(path)).equals(Buffer.from(want))).toBe(true);
  });

  it('the own-format example: 4 layers × 8 experts, top-2, text in three domains, weights and logits, labelled synthetic', async () => {
    const trace = await openOk({ 'playground.jsonl': read('playground.jsonl') });
    expect(trace.synthetic).toBe(true);
    expect(trace.description).toBe('synthetic: made by MoE Playground, not recorded from a model');
    expect(trace.layers.map((l) => [l.E, l.k])).toEqual([
      [8, 2],
      [8, 2],
      [8, 2],
      [8, 2],
    ]);
    const T = trace.layers[0].T;
    expect(T).toBeGreaterThan(200);
    expect(trace.tokens!.text).toHaveLength(T);
    expect(new Set(trace.tokens!.domain)).toEqual(new Set([0, 1, 2]));
    // domain preferences give structure: each domain's most used expert in layer 0 takes well over an even share (2/8)
    const l0 = trace.layers[0];
    for (let d = 0; d < 3; d++) {
      const counts = new Array<number>(8).fill(0);
      let n = 0;
      for (let t = 0; t < T; t++) {
        if (trace.tokens!.domain![t] !== d) continue;
        n++;
        for (let j = 0; j < 2; j++) counts[l0.experts[t * 2 + j]]++;
      }
      expect(Math.max(...counts) / n).toBeGreaterThan(0.4);
    }
  });

  it('the Megatron example opens from its two rank files and side files with the same choices as the own format', async () => {
    const names = ['router_trace_rank0.jsonl', 'router_trace_rank1.jsonl', 'logits_rank0.bin', 'logits_rank1.bin'];
    const trace = await openOk(Object.fromEntries(names.map((n) => [n, read(`megatron/${n}`)])));
    const own = await openOk({ 'playground.jsonl': read('playground.jsonl') });
    expect(trace.notes).toBeUndefined();
    expect(trace.layers.map((l) => [l.name, l.E, l.k, l.T])).toEqual(own.layers.map((l, i) => [`decoder · layer ${i}`, 8, 2, l.T]));
    // ranks split each step in order, so step-then-rank order gives back the own format's token order
    expect([...trace.layers[2].experts]).toEqual([...own.layers[2].experts]);
    // bf16 keeps 8 bits of mantissa: within 1/128 relative
    const a = trace.layers[1].logits!;
    const b = own.layers[1].logits!;
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(Math.abs(b[i]) / 128 + 1e-6);
  });

  it('the vLLM example has one balance record per step', async () => {
    const trace = await openOk({ 'vllm-eplb.log': read('vllm-eplb.log') });
    expect(trace.balance!.length).toBeGreaterThan(5);
    for (const r of trace.balance!) expect(r.balancedness).toBeCloseTo(r.avgTokens / r.maxTokens, 3);
  });
});
