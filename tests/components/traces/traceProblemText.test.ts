import { afterEach, describe, expect, it } from 'vitest';
import { traceNoteText, traceProblemText } from '../../../src/components/traces/traceProblemText';
import type { TraceProblemCode } from '../../../src/engine/traces/problems';
import { locale } from '../../../src/i18n/index.svelte';

afterEach(() => {
  locale.lang = 'en';
});

const ALL_CODES: TraceProblemCode[] = [
  'too-large', 'empty', 'truncated', 'not-json', 'unknown-format', 'pickle', 'side-file-alone', 'binary', 'newer-version',
  'missing-field', 'bad-type', 'expert-range', 'index-range', 'duplicate-choice', 'k-varies', 'not-finite', 'negative',
  'size-mismatch', 'mixed-lines', 'inconsistent-optional', 'ranks-disagree', 'side-file-size', 'mixed-formats',
  'several-files', 'no-records', 'read-failed',
];

describe('trace problems in words', () => {
  it('says the file, line, field and what is wrong', () => {
    const p = { code: 'expert-range' as const, file: 'trace.jsonl', line: 12, field: 'choices[1][0]', values: { expert: 9, E: 8, layer: 1 } };
    expect(traceProblemText(p)).toBe('trace.jsonl, line 12, choices[1][0]: expert 9 is not below E = 8 (layer 1 has 8 experts).');
    locale.lang = 'zh-CN';
    expect(traceProblemText(p)).toBe('trace.jsonl，第 12 行，choices[1][0]：专家 9 不小于 E = 8（层 1 有 8 个专家）。');
  });

  it('leaves out what does not apply', () => {
    expect(traceProblemText({ code: 'truncated', file: 'a.jsonl', line: 3 })).toMatch(/^a\.jsonl, line 3: the last line is cut off/);
    expect(traceProblemText({ code: 'pickle', file: 'dump.pt' })).toMatch(/^dump\.pt: a PyTorch, pickle or zip file.*SGLang converter/);
    expect(traceProblemText({ code: 'too-large', file: 'big.jsonl', values: { limit: '1 GiB' } })).toBe('big.jsonl: too large to open in the page (the limit is 1 GiB).');
  });

  it('words every code in both languages without a placeholder left over', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      locale.lang = lang;
      for (const code of ALL_CODES) {
        const text = traceProblemText({ code, file: 'f', line: 1, field: 'x', values: { limit: 1, version: 2, supported: 1, expected: 1, expert: 3, E: 2, layer: 'a', index: 1, count: 1, k: 2, got: 3, value: 'NaN', first: 1, rank: 0, fileRank: 1, size: 1, needed: 2, record: 'r', formats: 'a, b', message: 'm' } });
        expect(text, `${lang} ${code}`).not.toMatch(/\{\w+\}/);
      }
      expect(traceNoteText({ code: 'megatron-experts-from-indices', values: { layers: 4 } })).toContain('4');
    }
  });
});
