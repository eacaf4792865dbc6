// The A/B comparison in a link: B as its differences from A or from its own preset, the seeds and
// the step, written and read back; and bad values, unknown keys and B's adjustments as notices.

import { describe, expect, it } from 'vitest';
import { compareHash, decodeCompareHash } from '../../src/state/compare/hash';
import { decodeHash } from '../../src/state/url';
import { compareParts, isCompareKey, opensCompare, readCompare } from '../../src/state/compare/link';
import { pairOf, presetArm, type CompareDefinition } from '../../src/state/compare/definition';
import { presetConfig } from '../../src/state/presets';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';

const A = schemaDefaults();
// the comparison's keys as the lab's reader hands them over
const entries = (text: string) => decodeHash(text).experiment;
const read = (text: string, a: MoeConfig = A) => readCompare(a, entries(text));
const says = (n: { key: string; says: { id: string }; from?: string; to?: string }) => `${n.key} ${n.says.id} ${n.from ?? ''}→${n.to ?? ''}`;

describe('compareParts', () => {
  it('writes only B’s differences from A, in schema order, after the flag', () => {
    const def: CompareDefinition = { a: A, b: { ...A, topK: 1, experts: 16, capacityFactor: null }, seeds: 1 };
    expect(compareParts(def)).toEqual(['ab=1', 'b.E=16', 'b.k=1', 'b.cf=none']);
    expect(compareParts(pairOf(A))).toEqual(['ab=1']);
    expect(compareParts({ ...def, seeds: 4 }).at(-1)).toBe('ab.seeds=4');
  });

  it('writes B against its preset on A’s seed and backend', () => {
    const a = { ...presetConfig('switch'), seed: 7 };
    const b = { ...presetArm('mixtral', a), lr: 0.02 };
    expect(compareParts({ a, b, presetA: 'switch', presetB: 'mixtral', seeds: 1 })).toEqual(['ab=1', 'b.preset=mixtral', 'b.lr=0.02']);
    // B's own seed is written when it is not A's
    expect(compareParts({ a, b: { ...b, seed: 9 }, presetB: 'mixtral', seeds: 1 })).toContain('b.s=9');
  });
});

describe('readCompare and compareHash round trips', () => {
  const cases: [string, CompareDefinition][] = [
    ['the pair alone', pairOf(A)],
    ['B with more experts, trained to step 300', { a: A, b: { ...A, experts: 16, h: 64 }, seeds: 1, step: 300 }],
    ['Switch against Mixtral over 3 seeds', { a: { ...presetConfig('switch'), seed: 4 }, b: presetArm('mixtral', { seed: 4, weightInit: 'by-name', backend: 'auto' }), presetA: 'switch', presetB: 'mixtral', seeds: 3 }],
    ['B on a preset, changed', { a: { ...A, dataset: 'spirals' }, b: { ...presetArm('mixtral', A), balanceCoef: 0, backend: 'wasm' }, presetB: 'mixtral', seeds: 8, step: 50 }],
    ['floats and flags', { a: A, b: { ...A, lr: 0.0031, sharedExperts: 1, sharedGate: true, evalCapacityFactor: null }, seeds: 2 }],
  ];

  it.each(cases)('%s', (_, def) => {
    const hash = compareHash(def);
    const back = decodeCompareHash(hash);
    expect(back.notices).toEqual([]);
    expect(back.definition).toEqual(def);
    // and written again, the same link
    expect(compareHash(back.definition)).toBe(hash);
  });

  it('reads a hand-written link', () => {
    const { definition, notices } = decodeCompareHash('#v=5&preset=switch&s=3&step=120&ab=1&b.preset=mixtral&b.a=0.02&ab.seeds=5');
    expect(notices).toEqual([]);
    expect(definition.presetA).toBe('switch');
    expect(definition.a).toEqual({ ...presetConfig('switch'), seed: 3 });
    expect(definition.b).toEqual({ ...presetConfig('mixtral'), seed: 3, balanceCoef: 0.02 });
    expect(definition.seeds).toBe(5);
    expect(definition.step).toBe(120);
  });
});

describe('readCompare with bad input', () => {
  it('notes bad values under their b. key and keeps B’s base value', () => {
    const { definition, notices } = read('ab=1&b.E=lots&b.k=3.5&b.cf=9&b.r=magic&b.shg=maybe');
    expect(notices.map(says)).toEqual([
      'b.E not-valid lots→8',
      'b.k not-whole 3.5→4',
      'b.cf above-max 9→4',
      'b.r not-one-of magic→token-choice',
      'b.shg not-valid maybe→0',
    ]);
    expect(definition.b).toEqual({ ...A, topK: 4, capacityFactor: 4 });
  });

  it('notes unknown b. and ab. keys, a bad preset, a bad flag and seeds out of range', () => {
    const { definition, notices } = read('ab=yes&b.zz=1&b.preset=nope&ab.more=2&ab.seeds=40&b.<script>=1');
    expect(notices.map(says)).toEqual([
      'ab not-valid yes→',
      'b.preset not-valid nope→',
      'b.zz unknown-key →',
      'ab.more unknown-key →',
      'ab.seeds above-max 40→8',
      'b.?script? unknown-key →',
    ]);
    expect(definition.presetB).toBeUndefined();
    expect(definition.b).toEqual(A);
    expect(definition.seeds).toBe(8);
    expect(read('ab=1&ab.seeds=x').definition.seeds).toBe(1);
    expect(read('ab=1&ab.seeds=x').notices.map(says)).toEqual(['ab.seeds not-valid x→1']);
    expect(read('ab=1&ab.seeds=0').notices.map(says)).toEqual(['ab.seeds below-min 0→1']);
  });

  it('makes B valid and says what it changed', () => {
    // k above E: k comes down to E, noted under B's key
    const { definition, notices } = read('ab=1&b.E=2&b.k=4');
    expect(definition.b.topK).toBe(2);
    expect(notices.map(says)).toEqual(['b.k adjusted 4→2']);
    expect(notices[0].says).toEqual({ id: 'adjusted', reason: { why: 'k-above-experts', experts: 2 } });
  });

  it('never throws, whatever the values', () => {
    for (const text of ['ab', 'ab=1&b.', 'ab=1&b.=3', 'ab=1&b.s', 'ab=1&b.preset', '%%%&ab=1&b.E=%ZZ', 'ab=1&step=-4&b.lr=1e400']) {
      expect(() => read(text)).not.toThrow();
      expect(() => decodeCompareHash(text)).not.toThrow();
    }
    // a bare b.s gets its notice; a bad step is the lab reader's to note, read here as nothing
    expect(read('ab=1&b.s').notices.map(says)).toEqual(['b.s no-value →1']);
    expect(decodeCompareHash('ab=1&step=zz').definition.step).toBeUndefined();
  });
});

describe('which keys are the comparison’s', () => {
  it('knows its keys and whether a link opens a comparison', () => {
    expect(['ab', 'ab.seeds', 'b.E', 'b.preset'].every(isCompareKey)).toBe(true);
    expect(['a', 'E', 'preset', 'step', 'abc', 'bb.E'].some(isCompareKey)).toBe(false);
    expect(opensCompare(entries('E=4&ab=1'))).toBe(true);
    expect(opensCompare(entries('E=4&ab'))).toBe(true);
    expect(opensCompare(entries('E=4&ab=0'))).toBe(false);
    expect(opensCompare(entries('E=4&b.E=8'))).toBe(false);
  });
});
