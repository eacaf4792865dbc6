// @vitest-environment node
// The step budget's share of expert merging: G·E·(2dh + h + d) multiply-adds to build the groups'
// experts, and each group's copy held; shorter groups cost more.

import { describe, expect, it } from 'vitest';
import { estimateBytes, estimateWork } from '../../../src/engine/model/budget';
import { defaultConfig } from '../../../src/engine/model/config';
import { mergedGroups, mergeFloats, mergeWork } from '../../../src/engine/model/mergedBudget';

const c = (over: object) => ({ ...defaultConfig(), ...over });

describe('merged budget', () => {
  it('counts the groups and the merge by hand', () => {
    // T = 16, L = 4: 4 sequences; one expert of d = 3, h = 2 holds 2·3·2 + 2 + 3 = 17 weights
    expect(mergedGroups(c({ scheme: 'smear', seqLen: 4 }), 16)).toBe(4);
    expect(mergeWork(c({ scheme: 'smear', seqLen: 4 }), 16, 4, 3, 2)).toBe(4 * 4 * 17);
    // Lory, S = 2: 8 segments (a short last one counts as a group); forward holds 8 copies and 8·E weights
    expect(mergedGroups(c({ scheme: 'lory', seqLen: 4, segmentLen: 2 }), 15)).toBe(8);
    expect(mergeFloats(c({ scheme: 'lory', seqLen: 4, segmentLen: 2 }), 16, 4, 3, 2, false)).toBe(8 * (17 + 16));
    expect(mergeWork(c({ scheme: 'token-choice' }), 16, 4, 3, 2)).toBe(0);
  });

  it('a step merging per token costs more than one merging per sequence', () => {
    const perToken = c({ scheme: 'smear', seqLen: 1, capacityFactor: null });
    const perSequence = c({ scheme: 'smear', seqLen: 64, capacityFactor: null });
    expect(estimateWork(perToken)).toBeGreaterThan(estimateWork(perSequence));
    expect(estimateBytes(perToken)).toBeGreaterThan(estimateBytes(perSequence));
  });
});
