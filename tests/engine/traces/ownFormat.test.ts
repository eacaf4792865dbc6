import { describe, expect, it } from 'vitest';
import { lines, openOk, openProblems } from './helpers';

const header = {
  format: 'moe-playground-trace',
  version: 1,
  model: 'tiny',
  layers: [
    { name: 'L0', experts: 4, k: 2 },
    { name: 'L1', experts: 3, k: 1 },
  ],
  domains: ['prose', 'code'],
};

describe("the project's own format, version 1", () => {
  it('reads a tiny token trace into exact arrays', async () => {
    const text = lines(
      header,
      { choices: [[3, 1], [2]], weights: [[0.75, 0.25], [1]], text: 'The', domain: 0, doc: 0, step: 0 },
      '',
      { choices: [[0, -1], [0]], weights: [[1, 0], [1]], text: ' cat', domain: 1, doc: 2, step: 1 },
    );
    // chunks of 7 bytes: every line straddles chunks, and the blank line is skipped
    const trace = await openOk({ 'trace.jsonl': text }, 7);
    expect(trace.source).toBe('playground');
    expect(trace.model).toBe('tiny');
    expect(trace.domains).toEqual(['prose', 'code']);
    const [l0, l1] = trace.layers;
    // L0: E 4, k 2, two tokens: [3,1] then [0,-1 (a pad)]
    expect([l0.name, l0.E, l0.k, l0.T]).toEqual(['L0', 4, 2, 2]);
    expect([...l0.experts]).toEqual([3, 1, 0, -1]);
    expect([...l0.weights!]).toEqual([0.75, 0.25, 1, 0]);
    expect([...l1.experts]).toEqual([2, 0]);
    expect([...l1.step!]).toEqual([0, 1]);
    expect(l0.logits).toBeUndefined();
    expect(trace.tokens?.text).toEqual(['The', ' cat']);
    expect([...trace.tokens!.domain!]).toEqual([0, 1]);
    expect([...trace.tokens!.doc!]).toEqual([0, 2]);
    expect(trace.files).toEqual([{ name: 'trace.jsonl', bytes: text.length }]);
  });

  it('reads logits ([T*E] per layer) and \\r\\n line ends', async () => {
    const h = { format: 'moe-playground-trace', version: 1, layers: [{ name: 'g', experts: 2, k: 1 }] };
    const text = [JSON.stringify(h), JSON.stringify({ choices: [[1]], logits: [[-1, 2]] }), JSON.stringify({ choices: [[0]], logits: [[3, 0.5]] })].join('\r\n');
    const trace = await openOk({ 'a.jsonl': text });
    expect([...trace.layers[0].logits!]).toEqual([-1, 2, 3, 0.5]);
    expect(trace.tokens).toBeUndefined();
  });

  it('reads a counts-only trace', async () => {
    const h = { format: 'moe-playground-trace', version: 1, layers: [{ name: 'a', experts: 3 }, { name: 'b', experts: 2 }] };
    const trace = await openOk({ 'c.jsonl': lines(h, { layer: 0, step: 0, counts: [1, 0, 2] }, { layer: 1, step: 0, counts: [4, 4] }, { layer: 0, step: 1, counts: [0, 3, 0] }) });
    expect(trace.layers).toEqual([]);
    expect(trace.countLayers).toEqual(['a', 'b']);
    expect(trace.counts!.map((c) => [c.layer, c.E, [...c.steps], [...c.counts]])).toEqual([
      [0, 3, [0, 1], [1, 0, 2, 0, 3, 0]],
      [1, 2, [0], [4, 4]],
    ]);
  });

  it('says where an expert index is not below E', async () => {
    const problems = await openProblems({ 'trace.jsonl': lines(header, { choices: [[0, 1], [0]] }, { choices: [[0, 1], [3]] }) });
    expect(problems).toEqual([{ code: 'expert-range', file: 'trace.jsonl', line: 3, field: 'choices[1][0]', values: { expert: 3, E: 3, layer: 'L1' } }]);
  });

  it('says where k varies, where a choice repeats, and where weights are NaN', async () => {
    const problems = await openProblems({
      't.jsonl': lines(header, { choices: [[0, 1, 2], [0]] }, { choices: [[2, 2], [1]] }, '{"choices":[[0,1],[1]],"weights":[[0.5,NaN],[1]]}'),
    });
    expect(problems.map((p) => [p.code, p.line, p.field])).toEqual([
      ['k-varies', 2, 'choices[0]'],
      ['duplicate-choice', 3, 'choices[0][1]'],
      ['inconsistent-optional', 4, 'weights'],
      ['not-finite', 4, 'weights[0][1]'],
    ]);
    expect(problems[0].values).toEqual({ layer: 'L0', k: 2, got: 3 });
  });

  it('says a cut last line is truncated, and a bad middle line is not JSON', async () => {
    const cut = lines(header, { choices: [[0, 1], [0]] }) + '{"choices":[[0,';
    expect(await openProblems({ 't.jsonl': cut })).toEqual([{ code: 'truncated', file: 't.jsonl', line: 3 }]);
    const bad = lines(header, '{"choices":[[0,1],[0]', { choices: [[0, 1], [0]] });
    expect(await openProblems({ 't.jsonl': bad })).toEqual([{ code: 'not-json', file: 't.jsonl', line: 2 }]);
  });

  it('refuses a newer version, a missing header field, mixed lines and inconsistent sizes', async () => {
    expect(await openProblems({ 'n.jsonl': lines({ ...header, version: 2 }, { choices: [] }) })).toEqual([
      { code: 'newer-version', file: 'n.jsonl', line: 1, field: 'version', values: { version: 2, supported: 1 } },
    ]);
    const noLayers = await openProblems({ 'm.jsonl': lines({ format: 'moe-playground-trace', version: 1 }) });
    expect(noLayers[0]).toMatchObject({ code: 'missing-field', line: 1, field: 'layers' });
    const mixed = await openProblems({ 'x.jsonl': lines(header, { choices: [[0, 1], [0]] }, { layer: 0, step: 0, counts: [1, 1, 1, 1] }) });
    expect(mixed).toEqual([{ code: 'mixed-lines', file: 'x.jsonl', line: 3, field: 'counts' }]);
    const sizes = await openProblems({ 's.jsonl': lines(header, { choices: [[0, 1]] }, { choices: [[0, 1], [0]], logits: [[1, 2, 3, 4], [1, 2]] }) });
    expect(sizes.map((p) => [p.code, p.line, p.field, p.values])).toEqual([
      ['size-mismatch', 2, 'choices', { expected: 2, got: 1 }],
      ['inconsistent-optional', 3, 'logits', { first: 2 }],
      ['size-mismatch', 3, 'logits[1]', { expected: 3, got: 2 }],
    ]);
  });

  it('names a domain index beyond the header, a header-only file and an empty one', async () => {
    const p = await openProblems({ 'd.jsonl': lines(header, { choices: [[0, 1], [0]], domain: 2 }) });
    expect(p).toEqual([{ code: 'index-range', file: 'd.jsonl', line: 2, field: 'domain', values: { index: 2, count: 2 } }]);
    expect((await openProblems({ 'h.jsonl': lines(header) }))[0].code).toBe('no-records');
    expect((await openProblems({ 'e.jsonl': '' }))[0].code).toBe('empty');
    expect((await openProblems({ 'w.jsonl': '\n  \n' }))[0].code).toBe('empty');
  });

  it('keeps at most 20 problems, the first ones', async () => {
    const bad = Array.from({ length: 50 }, () => ({ choices: [[9, 1], [0]] }));
    const p = await openProblems({ 'many.jsonl': lines(header, ...bad) });
    expect(p).toHaveLength(20);
    expect(p[0].line).toBe(2);
    expect(p[19].line).toBe(21);
  });
});
