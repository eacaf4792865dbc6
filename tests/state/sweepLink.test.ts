// A sweep in a link: what it writes, that reading it back gives the same sweep, and that every
// unusable value leaves a notice and a sensible value instead of a throw.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';
import type { SweepDefinition } from '../../src/state/sweep/definition';
import { readSweep, sweepParts } from '../../src/state/sweep/link';
import { definitionOf, READY_MADE, readyMadeDefinition } from '../../src/state/sweep/readyMade';
import { safeDecode } from '../../src/state/urlText';
import { inEnglish } from './noticeWords';

const base = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...schemaDefaults(), backend: 'wasm', ...over });

/** A link's `key=value` parts as the page reads them. */
function entries(link: string): Map<string, string | undefined> {
  const map = new Map<string, string | undefined>();
  for (const part of link.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    if (!map.has(key)) map.set(key, eq < 0 ? undefined : safeDecode(part.slice(eq + 1)));
  }
  return map;
}
const read = (link: string, b: MoeConfig = base()) => readSweep(b, entries(link));

describe('sweep links', () => {
  it('writes a ready-made sweep as its id alone', () => {
    for (const r of READY_MADE) expect(sweepParts(readyMadeDefinition(r.id, base()))).toEqual([`sweep=${r.id}`]);
    const { definition, notices } = read('sweep=st-moe');
    expect(notices).toEqual([]);
    expect(definition.kind).toBe('st-moe');
    expect(definition.x).toEqual({ key: 'capacityFactor', values: [0.75, 1, 1.25, 2] });
    expect(definition.y).toEqual({ key: 'topK', values: [1, 2, 3] });
    expect(definition.evalCfs).toEqual([0.75, 1, 1.25, 2, 3]);
    expect([definition.steps, definition.seeds, definition.metric]).toEqual([400, 3, 'loss']);
  });

  it('reads back what it writes: ready-made, overridden and custom sweeps', () => {
    const defs: SweepDefinition[] = [
      ...READY_MADE.map((r) => readyMadeDefinition(r.id, base())),
      { ...readyMadeDefinition('st-moe', base()), y: null, evalCfs: [], steps: 120, seeds: 5, metric: 'accuracy', workers: 3 },
      { ...readyMadeDefinition('alpha', base()), y: { key: 'scheme', values: ['token-choice', 'expert-choice'] }, evalCfs: [null, 1.5] },
      { ...definitionOf('custom', base()), x: { key: 'sharedGate', values: [false, true] }, y: { key: 'capacityFactor', values: [null, 0.5, 1.25] } },
      { ...definitionOf('custom', base()), x: { key: 'lr', values: [0.0003, 0.003, 0.03] }, metric: 'step-ms' },
    ];
    for (const def of defs) {
      const link = sweepParts(def).join('&');
      // the lab's own keys carry the base settings; these are the sweep's
      const { definition, notices } = read(link, def.base);
      expect(notices, link).toEqual([]);
      expect(definition, link).toEqual(def);
    }
  });

  it('writes lists readably and `off` for an axis the plan has but the sweep does not', () => {
    const def = { ...readyMadeDefinition('st-moe', base()), y: null, evalCfs: [], x: { key: 'capacityFactor' as const, values: [null, 0.5] } };
    expect(sweepParts(def)).toEqual(['sweep=st-moe', 'sw.x=cf:none,0.5', 'sw.y=off', 'sw.e=off']);
  });

  it('pins the backend: a sweep never runs on auto', () => {
    expect(read('sweep=alpha', base({ backend: 'auto' })).definition.base.backend).toBe('wasm');
    expect(read('sweep=alpha', base({ backend: 'webgl' })).definition.base.backend).toBe('webgl');
  });

  it('keeps the link’s base settings (a ready-made’s own settings apply when it is picked, not when read)', () => {
    const b = base({ experts: 16, topK: 4 });
    expect(read('sweep=alpha', b).definition.base).toEqual(b);
    expect(readyMadeDefinition('alpha', b).base).toMatchObject({ experts: 16, topK: 1, zLossCoef: 0, lr: 0.05 });
  });

  const bad: { link: string; check: (d: SweepDefinition) => void; notices: { code: string; key: string; message: RegExp }[] }[] = [
    { link: 'sweep=bogus', check: (d) => expect(d.kind).toBe('custom'), notices: [{ code: 'invalid', key: 'sweep', message: /not one of/ }] },
    { link: 'sweep', check: (d) => expect(d.kind).toBe('custom'), notices: [{ code: 'invalid', key: 'sweep', message: /no value/i }] },
    { link: 'sweep=alpha&sw.x=zz:1,2', check: (d) => expect(d.x.key).toBe('balanceCoef'), notices: [{ code: 'invalid', key: 'sw.x', message: /setting/ }] },
    { link: 'sweep=alpha&sw.x=s:1,2', check: (d) => expect(d.x.key).toBe('balanceCoef'), notices: [{ code: 'invalid', key: 'sw.x', message: /setting/ }] },
    { link: 'sweep=alpha&sw.x=ecf:1,2', check: (d) => expect(d.x.key).toBe('balanceCoef'), notices: [{ code: 'invalid', key: 'sw.x', message: /setting/ }] },
    { link: 'sweep=alpha&sw.x=k', check: (d) => expect(d.x.key).toBe('balanceCoef'), notices: [{ code: 'invalid', key: 'sw.x', message: /no value/i }] },
    { link: 'sweep=alpha&sw.x=', check: (d) => expect(d.x.key).toBe('balanceCoef'), notices: [{ code: 'invalid', key: 'sw.x', message: /no value/i }] },
    { link: 'sw.x=k:1,x,2', check: (d) => expect(d.x).toEqual({ key: 'topK', values: [1, 2] }), notices: [{ code: 'invalid', key: 'sw.x', message: /"x".*left out/ }] },
    {
      link: 'sw.x=k:0,999',
      check: (d) => expect(d.x.values).toEqual([1, 512]),
      notices: [
        { code: 'clamped', key: 'sw.x', message: /below the minimum 1/ },
        { code: 'clamped', key: 'sw.x', message: /above the maximum 512/ },
      ],
    },
    { link: 'sw.x=r:token-choice,nope', check: (d) => expect(d.x.values).toEqual(['token-choice']), notices: [{ code: 'invalid', key: 'sw.x', message: /nope/ }] },
    { link: 'sw.x=shg:1,maybe', check: (d) => expect(d.x.values).toEqual([true]), notices: [{ code: 'invalid', key: 'sw.x', message: /maybe/ }] },
    { link: 'sw.x=k:1,1,2', check: (d) => expect(d.x.values).toEqual([1, 2]), notices: [] },
    {
      link: `sw.x=E:${Array.from({ length: 20 }, (_, i) => i + 1).join(',')}`,
      check: (d) => expect(d.x.values).toHaveLength(16),
      notices: [{ code: 'clamped', key: 'sw.x', message: /too many|16/i }],
    },
    { link: 'sw.x=k:1,2&sw.y=k:3', check: (d) => expect(d.y).toBeNull(), notices: [{ code: 'invalid', key: 'sw.y', message: /setting/ }] },
    { link: 'sweep=st-moe&sw.y=off', check: (d) => expect(d.y).toBeNull(), notices: [] },
    {
      link: 'sw.e=0.75,none,x',
      check: (d) => expect(d.evalCfs).toEqual([0.75, null]),
      notices: [{ code: 'invalid', key: 'sw.e', message: /"x"/ }],
    },
    { link: 'sweep=st-moe&sw.e=off', check: (d) => expect(d.evalCfs).toEqual([]), notices: [] },
    { link: 'sweep=st-moe&sw.e=', check: (d) => expect(d.evalCfs).toHaveLength(5), notices: [{ code: 'invalid', key: 'sw.e', message: /no value/i }] },
    { link: 'sweep=st-moe&sw.e=x,y', check: (d) => expect(d.evalCfs).toHaveLength(5), notices: [{ code: 'invalid', key: 'sw.e', message: /"x"/ }, { code: 'invalid', key: 'sw.e', message: /"y"/ }, { code: 'invalid', key: 'sw.e', message: /no value/i }] },
    { link: 'sw.n=0', check: (d) => expect(d.steps).toBe(1), notices: [{ code: 'clamped', key: 'sw.n', message: /minimum 1/ }] },
    { link: 'sw.n=99999', check: (d) => expect(d.steps).toBe(5000), notices: [{ code: 'clamped', key: 'sw.n', message: /maximum 5000/ }] },
    { link: 'sweep=st-moe&sw.n=abc', check: (d) => expect(d.steps).toBe(400), notices: [{ code: 'invalid', key: 'sw.n', message: /400/ }] },
    { link: 'sw.s=11', check: (d) => expect(d.seeds).toBe(10), notices: [{ code: 'clamped', key: 'sw.s', message: /maximum 10/ }] },
    { link: 'sweep=alpha&sw.m=bogus', check: (d) => expect(d.metric).toBe('busiest'), notices: [{ code: 'invalid', key: 'sw.m', message: /busiest/ }] },
    { link: 'sw.w=0', check: (d) => expect(d.workers).toBe(1), notices: [{ code: 'clamped', key: 'sw.w', message: /minimum 1/ }] },
    { link: 'sw.w=abc', check: (d) => expect(d.workers).toBeNull(), notices: [{ code: 'invalid', key: 'sw.w', message: /abc/ }] },
    { link: 'sweep=shared&sw.zz=1', check: (d) => expect(d.kind).toBe('shared'), notices: [{ code: 'unknown-key', key: 'sw.zz', message: /sw\.zz/ }] },
    {
      link: `sw.x=E:${Array.from({ length: 16 }, (_, i) => i + 1).join(',')}&sw.y=k:${Array.from({ length: 16 }, (_, i) => i + 1).join(',')}`,
      check: (d) => expect(d.y?.values).toEqual([1, 2, 3, 4]),
      notices: [{ code: 'clamped', key: 'sw.y', message: /64/ }],
    },
  ];
  it.each(bad)('$link: a notice and a sensible value', ({ link, check, notices }) => {
    const { definition, notices: got } = read(link);
    check(definition);
    const words = inEnglish(got);
    expect(words.map((n) => ({ code: n.code, key: n.key }))).toEqual(notices.map(({ code, key }) => ({ code, key })));
    words.forEach((n, i) => {
      expect(n.message).toMatch(notices[i].message);
      expect(n.message).not.toMatch(/\{\w+\}/);
    });
  });

  it('never throws, and always gives a sweep within its limits', () => {
    const value = fc.oneof(fc.string(), fc.constantFrom('cf:none,1', 'k:1,2', 'off', '', 'E:1,2,3', 'none', '1e9', '-1'));
    const key = fc.constantFrom('sweep', 'sw.x', 'sw.y', 'sw.e', 'sw.n', 'sw.s', 'sw.m', 'sw.w', 'sw.q');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.option(value, { nil: undefined })), { maxLength: 8 }), (pairs) => {
        const { definition: d } = readSweep(base(), new Map(pairs));
        expect(d.x.values.length).toBeGreaterThan(0);
        expect(d.x.values.length * (d.y?.values.length ?? 1)).toBeLessThanOrEqual(64);
        expect(d.steps).toBeGreaterThanOrEqual(1);
        expect(d.seeds).toBeLessThanOrEqual(10);
        expect(d.base.backend).not.toBe('auto');
      }),
      { numRuns: 300 },
    );
  });
});
