// @vitest-environment node
// The cost estimates of MH-MoE: the two d×d projections, and routing over T·H sub-tokens of width
// d/H (multiHead.ts), against one head, which must cost what it did before heads existed.

import { describe, expect, it } from 'vitest';
import { defaultConfig, type MoeConfig } from '../../../src/engine/model';
import { estimateBytes, estimateWork } from '../../../src/engine/model/budget';

const base = (extra: Partial<MoeConfig>): MoeConfig => ({ ...defaultConfig(), backend: 'wasm', ...extra });

describe('budget with heads', () => {
  it('one head costs what a config without heads (saved before them) costs', () => {
    const c = base({ experts: 16, topK: 2, tokens: 512 });
    const old = { ...c } as Partial<MoeConfig>;
    delete old.heads;
    expect(estimateWork(c)).toBe(estimateWork(old as MoeConfig));
    expect(estimateBytes(c)).toBe(estimateBytes(old as MoeConfig));
  });

  it('routing runs over T·H sub-tokens: with many experts and small ones, 4 heads route 4× the scores', () => {
    // E = 512 experts of width 16 and hidden 2: the T·E scores through route() dominate the step
    const c = base({ experts: 512, topK: 1, d: 16, h: 2, tokens: 1024, capacityFactor: 1 });
    const ratio = estimateWork({ ...c, heads: 4 }) / estimateWork(c);
    expect(ratio).toBeGreaterThan(2.5);
    expect(estimateBytes({ ...c, heads: 4 })).toBeGreaterThan(estimateBytes(c));
  });

  it('the two d×d projections are counted: with few small experts and a wide d they dominate', () => {
    // d = 128, E = 2, h = 2: the 2·d² = 32768 projection weights (with Adam's moments) outweigh
    // the experts' 2·E·d·h = 1024 weights that splitting saves, and 2·T·d² multiply-adds a step
    const c = base({ experts: 2, topK: 1, d: 128, h: 2, tokens: 256 });
    const bytes = estimateBytes({ ...c, heads: 2 }) - estimateBytes(c);
    expect(bytes).toBeGreaterThan(2 * 128 * 128 * 4 * 4); // each weight: itself, its gradient, two moments, float32
    expect(estimateWork({ ...c, heads: 2 })).toBeGreaterThan(estimateWork(c));
  });
});
