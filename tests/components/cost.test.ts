import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, layerCost, parseCount } from '../../src/components/cost';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';

const config = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...schemaDefaults(), ...over });

describe('layerCost', () => {
  it('counts the default layer by hand: d=16, h=32, E=8, k=2', () => {
    const c = layerCost(config({ d: 16, h: 32, experts: 8, topK: 2, fineGrain: 1, sharedExperts: 0, scheme: 'token-choice' }));
    expect(c.router).toBe(128); // 16·8
    expect(c.perExpert).toBe(1072); // 16·32 + 32 + 32·16 + 16
    expect(c.routed).toBe(8576);
    expect(c.total).toBe(8704);
    expect(c.active).toBe(2272); // 128 + 2·1072
    expect(c.macs).toBe(2176); // 128 + 2·(2·16·32)
    expect(c.flops).toBe(4352);
    expect(c.ratio).toBeCloseTo(2272 / 8704, 12);
  });

  it('splits experts finely: m=2 gives 16 experts of width 16, 4 per token', () => {
    const c = layerCost(config({ d: 16, h: 32, experts: 8, topK: 2, fineGrain: 2, sharedExperts: 0, scheme: 'token-choice' }));
    expect([c.experts, c.expertHidden, c.k]).toEqual([16, 16, 4]);
    expect(c.perExpert).toBe(544); // 256 + 16 + 256 + 16
    expect(c.total).toBe(256 + 16 * 544);
    expect(c.active).toBe(256 + 4 * 544);
    // compute per token of the routed part is unchanged by m
    expect(c.macs).toBe(256 + 4 * 512);
  });

  it('adds shared experts as one wide MLP, plus the gate', () => {
    const base = { d: 16, h: 32, experts: 8, topK: 2, fineGrain: 1, scheme: 'token-choice' as const };
    const c = layerCost(config({ ...base, sharedExperts: 2, sharedGate: true }));
    // w1 16·64 + b1 64 + w2 64·16 + b2 16 + gate 16
    expect(c.shared).toBe(1024 + 64 + 1024 + 16 + 16);
    expect(c.total).toBe(8704 + 2144);
    expect(c.active).toBe(2272 + 2144);
    expect(c.macs).toBe(2176 + 2 * 1024 + 16);
  });

  it('counts the noise network for noisy top-k', () => {
    const c = layerCost(config({ d: 4, h: 8, experts: 4, topK: 1, fineGrain: 1, sharedExperts: 0, scheme: 'noisy-topk' }));
    expect(c.noise).toBe(4 * 4 + 4);
    expect(c.total).toBe(16 + 20 + 4 * (32 + 8 + 32 + 4));
    expect(c.macs).toBe(16 + 16 + 64);
  });

  it('uses the mean experts per token under expert choice and makes everything active for Soft MoE', () => {
    const ec = layerCost(config({ d: 16, h: 32, experts: 8, fineGrain: 1, sharedExperts: 0, scheme: 'expert-choice', tokens: 100, capacityFactor: 1.25 }));
    // C = ceil(100·1.25/8) = 16, so 8·16/100 experts per token
    expect(ec.activeExperts).toBeCloseTo(1.28, 12);
    const soft = layerCost(config({ d: 16, h: 32, experts: 8, fineGrain: 1, sharedExperts: 0, scheme: 'soft', tokens: 64 }));
    expect(soft.active).toBe(soft.total);
    expect(soft.activeExperts).toBe(8 / 64);
    expect(soft.macs).toBe(128 + (8 / 64) * 1024 + 2 * 16 * 8);
  });

  it("counts Yuan 2.0-M32's attention router: 3·d·E weights, 3·d·E + 2·E² multiply-adds", () => {
    const c = layerCost(config({ d: 16, h: 32, experts: 8, topK: 2, fineGrain: 1, sharedExperts: 0, scheme: 'token-choice', routerKind: 'attention' }));
    expect(c.attentionRouter).toBe(true);
    expect(c.router).toBe(384); // 3·16·8
    expect(c.routerMacs).toBe(384 + 128); // + 2·8²
    expect(c.total).toBe(8704 + 256);
    expect(c.macs).toBe(2176 - 128 + 512);
  });

  it('names dense MoE: token choice with k = E', () => {
    const base = { experts: 4, fineGrain: 1, sharedExperts: 0, scheme: 'token-choice' as const };
    expect(layerCost(config({ ...base, topK: 4 })).denseMoe).toBe(true);
    expect(layerCost(config({ ...base, topK: 2 })).denseMoe).toBe(false);
    // expert choice's k is not the experts per token
    expect(layerCost(config({ ...base, topK: 4, scheme: 'expert-choice' })).denseMoe).toBe(false);
  });

  it('expert merging: all parameters active, one expert per token, the merge shared by the group', () => {
    // d = 16, h = 32: one expert holds 16·32 + 32 + 32·16 + 16 = 1072 weights; router 16·8 = 128
    const smear = layerCost(config({ d: 16, h: 32, experts: 8, fineGrain: 1, sharedExperts: 0, scheme: 'smear', seqLen: 4 }));
    expect(smear.active).toBe(smear.total);
    expect(smear.activeExperts).toBe(1);
    // router + one expert's 2·16·32 + merging 8·1072 over the 4 tokens of a sequence
    expect(smear.macs).toBe(128 + 1024 + (8 * 1072) / 4);
    const lory = layerCost(config({ d: 16, h: 32, experts: 8, fineGrain: 1, sharedExperts: 0, scheme: 'lory', seqLen: 8, segmentLen: 2 }));
    expect(lory.macs).toBe(128 + 1024 + (8 * 1072) / 2);
  });

  it('grows total with experts while active stays put', () => {
    const a = layerCost(config({ experts: 8, topK: 2, fineGrain: 1, sharedExperts: 0, scheme: 'token-choice' }));
    const b = layerCost(config({ experts: 64, topK: 2, fineGrain: 1, sharedExperts: 0, scheme: 'token-choice' }));
    expect(b.total).toBeGreaterThan(7 * a.total);
    expect(b.active - b.router).toBe(a.active - a.router);
  });
});

describe('number formats', () => {
  it('parses published sizes', () => {
    expect(parseCount('46.7B')).toBeCloseTo(46.7e9, 0);
    expect(parseCount('1.57T')).toBeCloseTo(1.57e12, 0);
    expect(parseCount('12,900')).toBe(12900);
    expect(parseCount('about 5')).toBeUndefined();
    expect(parseCount(undefined)).toBeUndefined();
  });

  it('formats counts and shares', () => {
    expect(formatCount(8704)).toBe('8,704');
    expect(formatCount(1_234_567)).toBe('1.23M');
    expect(formatCount(37e9)).toBe('37B');
    expect(formatCount(1.57e12)).toBe('1.57T');
    expect(formatPercent(0.261)).toBe('26%');
    expect(formatPercent(0.055)).toBe('5.5%');
  });
});
