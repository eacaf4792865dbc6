// Hundreds of broken files through every reader: random bytes, and valid files with characters
// deleted, numbers swapped, lines cut or repeated. No exception escapes (a caught one would show as
// 'read-failed'), the result is a trace or at most 20 problems with their file, and a trace that
// opens has arrays of the sizes it claims.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryFile, openTrace, type OpenResult } from '../../../src/engine/traces/openTrace';
import { MAX_PROBLEMS } from '../../../src/engine/traces/problems';
import { syntheticTraceLines } from '../../../src/engine/traces/synthetic';
import { syntheticMegatron, syntheticVllmLog } from '../../../src/engine/traces/syntheticFormats';

const small = { tokens: 24, stepTokens: 8 };
const own = [...syntheticTraceLines(small)].join('\n') + '\n';
const megatron = syntheticMegatron(small);
const vllm = syntheticVllmLog(small);

function checkResult(r: OpenResult, names: string[]): void {
  if (r.ok) {
    for (const l of r.trace.layers) {
      expect(l.experts.length).toBe(l.T * l.k);
      if (l.weights) expect(l.weights.length).toBe(l.T * l.k);
      if (l.logits) expect(l.logits.length).toBe(l.T * l.E);
      for (const x of l.weights ?? []) expect(Number.isFinite(x)).toBe(true);
      for (const x of l.logits ?? []) expect(Number.isFinite(x)).toBe(true);
      if (l.step) expect(l.step.length).toBe(l.T);
      for (const e of l.experts) expect(e >= -1 && e < l.E).toBe(true);
    }
    return;
  }
  if ('cancelled' in r) throw new Error('not cancelled');
  expect(r.problems.length).toBeGreaterThan(0);
  expect(r.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS);
  for (const p of r.problems) {
    expect(p.code).not.toBe('read-failed');
    expect(names).toContain(p.file);
    if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1);
  }
}

/** One edit of a text: delete a run, swap a digit, cut the end, repeat a line, or insert a troublemaker. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('digit' as const), at: fc.nat(), d: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom('NaN', '-', '99', ',', '[', '"', '\n', 'Infinity', '-2', '1e999', '\u0000', '{}') }),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, edits: Edit[]): string {
  let s = text;
  for (const e of edits) {
    if (s.length === 0) break;
    const at = e.at % s.length;
    if (e.kind === 'delete') s = s.slice(0, at) + s.slice(at + e.n);
    else if (e.kind === 'digit') {
      const i = s.slice(at).search(/\d/);
      if (i >= 0) s = s.slice(0, at + i) + e.d + s.slice(at + i + 1);
    } else if (e.kind === 'cut') s = s.slice(0, at);
    else if (e.kind === 'repeat') {
      const ls = s.split('\n');
      const i = at % ls.length;
      ls.splice(i, 0, ls[i]);
      s = ls.join('\n');
    } else s = s.slice(0, at) + e.s + s.slice(at);
  }
  return s;
}

const runs = { numRuns: 300 };

describe('trace readers under fuzzing', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('a.jsonl', 'router_trace_rank0.jsonl', 'logits_rank0.bin', 'x.log'), async (bytes, name) => {
        checkResult(await openTrace([memoryFile(name, bytes)]), [name]);
      }),
      runs,
    );
  });

  it('mutated own-format files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.integer({ min: 5, max: 400 }), async (edits, chunk) => {
        checkResult(await openTrace([memoryFile('t.jsonl', apply(own, edits))], { chunkBytes: chunk }), ['t.jsonl']);
      }),
      runs,
    );
  });

  it('mutated Megatron rank files and side files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.nat(), fc.boolean(), async (edits, cutSide, withSide) => {
        const files = [memoryFile('router_trace_rank0.jsonl', apply(megatron.traces[0], edits)), memoryFile('router_trace_rank1.jsonl', megatron.traces[1])];
        if (withSide) files.push(memoryFile('logits_rank0.bin', megatron.logits[0].subarray(0, cutSide % (megatron.logits[0].length + 1))));
        checkResult(await openTrace(files), files.map((f) => f.name));
      }),
      runs,
    );
  });

  it('mutated vLLM logs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        checkResult(await openTrace([memoryFile('v.log', apply(vllm, edits))]), ['v.log']);
      }),
      runs,
    );
  });
});
