// @vitest-environment node
// The step budget: hand-checked settings, the calibration against the measured bench rows, the
// monotonic properties the guard relies on, and the bounds it takes from the datasets.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import stepRows from '../../../bench/results/train-step.json';
import { DATASETS, makeDataset } from '../../../src/engine/datasets';
import { VOCAB_CAP } from '../../../src/engine/datasets/own';
import { STREAM_VOCAB } from '../../../src/engine/datasets/textStream';
import { TEACHER_CLASSES } from '../../../src/engine/datasets/teacher';
import {
  BACKEND_FACTOR,
  estimateBytes,
  estimateStepMs,
  estimateWork,
  POINT_CLASSES_MAX,
  TEXT_VOCAB_MAX,
} from '../../../src/engine/model/budget';
import { guardVerdict, memoryCap, SLOW_MS } from '../../../src/engine/model/budgetGuard';
import { defaultConfig, type MoeConfig } from '../../../src/engine/model/config';
import { formatBytes, formatSeconds } from '../../../src/components/budgetText';
import { PRESET_IDS, presetConfig } from '../../../src/state/presets';
import { DATASET_NAMES } from '../../../src/state/schema';
import type { BenchRow } from '../../../bench/lib';

const GB = 1e9;
const cfg = (extra: Partial<MoeConfig> = {}): MoeConfig => ({ ...defaultConfig(), ...extra });

type Row = Pick<BenchRow, 'backend' | 'variant' | 'T' | 'E' | 'k' | 'd' | 'h' | 'ms'>;
const steps = (stepRows as Row[]).filter((r) => r.variant === 'step sparse');
const rowConfig = (r: Row) => cfg({ tokens: r.T, experts: r.E, topK: r.k, d: r.d ?? 16, h: r.h ?? 32, backend: r.backend as MoeConfig['backend'] });

describe('guardVerdict', () => {
  it('finds the defaults fast and far below the cap', () => {
    const v = guardVerdict(cfg());
    expect(v.kind).toBe('ok');
    expect(v.lower).toEqual([]);
    expect(v.bytes).toBeLessThan(v.cap / 10);
    expect(v.ms).toBeGreaterThan(1);
    expect(v.ms).toBeLessThan(50);
  });

  it("refuses the issue's link E=512 k=512 T=16384 d=128 h=512, naming what to lower", () => {
    const heavy = cfg({ experts: 512, topK: 512, tokens: 16384, d: 128, h: 512 });
    const v = guardVerdict(heavy);
    expect(v.kind).toBe('refuse');
    // the issue counted 17 GB for the hidden activations [T·k, h] alone
    expect(v.bytes).toBeGreaterThan(17 * GB);
    expect(v.cap).toBeLessThan(4 * GB);
    for (const key of ['tokens', 'topK', 'experts', 'h'] as const) expect(v.lower).toContain(key);
    // settings at their defaults, or irrelevant to this data, are not named
    expect(v.lower).not.toContain('sharedExperts');
    expect(v.lower).not.toContain('context');
    expect(v.lower).not.toContain('fineGrain');
  });

  it('lets E=512 T=16384 (k=2, d=16, h=32) run, with a plausible time', () => {
    const v = guardVerdict(cfg({ experts: 512, tokens: 16384 }));
    expect(v.kind).not.toBe('refuse');
    expect(v.bytes).toBeLessThan(v.cap / 2);
    // the bench measured 337 ms a step at E=256 and 704 ms at E=256 with k=8
    expect(v.ms).toBeGreaterThan(300);
    expect(v.ms).toBeLessThan(3000);
  });

  it('warns about a slow setting and names the settings that cost the time', () => {
    const v = guardVerdict(cfg({ tokens: 8192, experts: 64, topK: 8, d: 64, h: 256 }));
    expect(v.kind).toBe('slow');
    expect(v.ms).toBeGreaterThan(2 * SLOW_MS);
    expect(v.lower[0]).toBe('tokens');
    expect(v.lower).toEqual(expect.arrayContaining(['tokens', 'topK', 'h', 'd']));
    expect(v.lower).not.toContain('experts');
  });

  it('names the dominant setting even at its default', () => {
    // every weight at the maximum width: the 67M weights, with Adam's moments, are the memory
    const v = guardVerdict(cfg({ experts: 512, d: 128, h: 512 }));
    expect(v.kind).toBe('refuse');
    expect(v.lower.slice(0, 3)).toEqual(expect.arrayContaining(['experts', 'h', 'd']));
    expect(v.lower).not.toContain('tokens');
  });

  it('counts the measured Node run: T=256 E=512 d=128 h=512 took 1.7 GB of wasm heap and 0.8 GB of arrays', () => {
    expect(estimateBytes(cfg({ tokens: 256, experts: 512, d: 128, h: 512, backend: 'wasm' }))).toBeGreaterThan(2.5 * GB);
  });

  it('sizes BASE by its exact shares in training and dropless evaluation, whatever the (unused) capacity factors say', () => {
    const base = { ...defaultConfig(), scheme: 'base', topK: 1, experts: 512, tokens: 2048, d: 64, h: 256 } as const;
    const tight = { ...base, capacityFactor: 0.25, evalCapacityFactor: 0.25 };
    const loose = { ...base, capacityFactor: null, evalCapacityFactor: null };
    expect(estimateBytes(tight)).toBe(estimateBytes(loose));
    expect(estimateWork(tight)).toBe(estimateWork(loose));
    // the dropless evaluation is what it must hold: more than a capacity factor of 2 would allow
    const token = { ...base, scheme: 'token-choice', capacityFactor: 1, evalCapacityFactor: 2 } as const;
    expect(estimateBytes(tight)).toBeGreaterThan(estimateBytes(token));
  });

  it('lets every preset run without a warning', () => {
    for (const id of PRESET_IDS) expect(guardVerdict(presetConfig(id)).kind, id).toBe('ok');
  });

  it('uses the smaller GPU cap and the wasm cap for auto', () => {
    expect(memoryCap('wasm')).toBeLessThan(2 * GB);
    expect(memoryCap('webgpu')).toBeLessThanOrEqual(memoryCap('wasm'));
    expect(guardVerdict(cfg({ backend: 'auto' })).cap).toBe(memoryCap('wasm'));
    expect(guardVerdict(cfg({ backend: 'webgl' })).cap).toBe(memoryCap('webgl'));
  });
});

describe('estimateStepMs', () => {
  it('returns the measured ms for the measured config, and scales by work elsewhere', () => {
    const measured = { config: cfg({ tokens: 1024, experts: 64 }), ms: 42 };
    expect(estimateStepMs(measured.config, measured)).toBeCloseTo(42, 9);
    const bigger = cfg({ tokens: 4096, experts: 64 });
    const ratio = estimateWork(bigger) / estimateWork(measured.config);
    expect(ratio).toBeGreaterThan(2);
    expect(estimateStepMs(bigger, measured)).toBeCloseTo(42 * ratio, 9);
  });

  it('moves a measurement between named backends by their factors, never through auto', () => {
    const onWasm = { config: cfg({ backend: 'wasm' }), ms: 10 };
    expect(estimateStepMs(cfg({ backend: 'cpu' }), onWasm)).toBeCloseTo(10 * BACKEND_FACTOR.cpu, 9);
    expect(estimateStepMs(cfg({ backend: 'auto' }), onWasm)).toBeCloseTo(10, 9);
  });

  it('agrees with every wasm step in bench/results/train-step.json within 2×', () => {
    const wasm = steps.filter((r) => r.backend === 'wasm');
    expect(wasm.length).toBeGreaterThan(30);
    // the table in budget.ts's top comment, held to 1.35×
    const table: [number, number, number, number][] = [
      [256, 8, 2, 5],
      [1024, 64, 2, 10.55],
      [4096, 256, 2, 73.3],
      [16384, 64, 8, 487.9],
    ];
    for (const [T, E, k, ms] of table) {
      const row = wasm.find((r) => r.T === T && r.E === E && r.k === k)!;
      expect(row.ms).toBe(ms);
      const ratio = estimateStepMs(rowConfig(row)) / ms;
      expect(ratio, `T=${T} E=${E} k=${k}`).toBeGreaterThan(1 / 1.35);
      expect(ratio, `T=${T} E=${E} k=${k}`).toBeLessThan(1.35);
    }
    for (const r of wasm) {
      if (r.T === 256 && r.E === 8 && r.k === 1) continue; // a warm-up outlier, slower than k=2
      const ratio = estimateStepMs(rowConfig(r)) / r.ms;
      expect(ratio, `T=${r.T} E=${r.E} k=${r.k}`).toBeGreaterThan(0.5);
      expect(ratio, `T=${r.T} E=${r.E} k=${r.k}`).toBeLessThan(2);
    }
  });

  it('agrees with the cpu, webgl and webgpu rows within 3× through their factors', () => {
    const others = steps.filter((r) => r.backend !== 'wasm');
    expect(others.length).toBeGreaterThanOrEqual(10);
    for (const r of others) {
      const ratio = estimateStepMs(rowConfig(r)) / r.ms;
      expect(ratio, `${r.backend} T=${r.T} E=${r.E}`).toBeGreaterThan(1 / 3);
      expect(ratio, `${r.backend} T=${r.T} E=${r.E}`).toBeLessThan(3);
    }
  });
});

describe('monotonic', () => {
  const base = fc.record({
    tokens: fc.integer({ min: 16, max: 16384 }),
    experts: fc.integer({ min: 1, max: 512 }),
    topK: fc.integer({ min: 1, max: 512 }),
    d: fc.integer({ min: 2, max: 128 }),
    h: fc.integer({ min: 2, max: 512 }),
    scheme: fc.constantFrom('token-choice', 'noisy-topk', 'deepseek', 'hash', 'expert-choice', 'soft' as const),
    capacityFactor: fc.option(fc.double({ min: 0.25, max: 4, noNaN: true }), { nil: null }),
    dataset: fc.constantFrom(...DATASET_NAMES),
    backend: fc.constantFrom('wasm', 'cpu', 'webgl', 'webgpu' as const),
  });

  it('never estimates less time or memory for more tokens, experts or k', () => {
    fc.assert(
      fc.property(base, fc.constantFrom('tokens', 'experts', 'topK' as const), fc.integer({ min: 1, max: 300 }), (b, key, more) => {
        const c = cfg(b as Partial<MoeConfig>);
        const up = { ...c, [key]: c[key] + more };
        expect(estimateStepMs(up)).toBeGreaterThanOrEqual(estimateStepMs(c));
        expect(estimateBytes(up)).toBeGreaterThanOrEqual(estimateBytes(c));
      }),
      { numRuns: 300 },
    );
  });
});

describe('bounds and formats', () => {
  it('holds every dataset within the class and vocabulary bounds, which stay close', () => {
    // a user's text with 900 distinct characters (Chinese brings thousands): its vocabulary is capped
    const ownText = Array.from({ length: 900 }, (_, i) => String.fromCodePoint(0x4e00 + i).repeat(1 + (i % 3))).join('') + '\n\n' + 'the end of it. '.repeat(40);
    for (const name of DATASETS) {
      const data = makeDataset({ name, size: 400, noise: 0.1, seed: 1, context: 3, inputDim: 16, teacherExperts: 8, ownText });
      if (data.kind === 'points') expect(data.classes).toBeLessThanOrEqual(POINT_CLASSES_MAX);
      else if (data.kind === 'teacher') expect(data.classes).toBe(TEACHER_CLASSES);
      else if (data.name === 'text') expect(data.vocab.length).toBe(STREAM_VOCAB.length);
      else if (data.name === 'own') expect(data.vocab.length).toBeLessThanOrEqual(VOCAB_CAP + 2);
      else {
        expect(data.vocab.length).toBeLessThanOrEqual(TEXT_VOCAB_MAX);
        expect(data.vocab.length).toBeGreaterThan(TEXT_VOCAB_MAX * 0.9);
      }
    }
  });

  it('formats bytes and seconds for the messages', () => {
    expect(formatBytes(512 * 2 ** 20)).toBe('512 MB');
    expect(formatBytes(3.5 * 2 ** 30)).toBe('3.5 GB');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5 GB');
    expect(formatBytes(5.2 * 2 ** 20)).toBe('5.2 MB');
    expect(formatBytes(250 * 2 ** 30)).toBe('250 GB');
    // a unit takes over from 1,000 of the one below, so no "1015 KB"
    expect(formatBytes(1015 * 2 ** 10)).toBe('1.0 MB');
    expect(formatBytes(999 * 2 ** 10)).toBe('999 KB');
    expect(formatBytes(3072)).toBe('3.0 KB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatSeconds(1234)).toBe('1.2');
    expect(formatSeconds(45_678)).toBe('46');
  });
});
