import { describe, expect, it } from 'vitest';
import { biasEffect, expertQueue, rankedScores, showToken, tokenChoices } from '../../src/components/inspect';
import type { DropPolicy } from '../../src/engine/routing/types';
import { makeSnapshot } from './fixtures';

const POLICIES: DropPolicy[] = ['position', 'slot-major', 'probs', 'bpr'];

describe('expertQueue and tokenChoices against route()', () => {
  for (const policy of POLICIES) {
    it(`explains every drop of the engine under '${policy}'`, () => {
      for (const seed of [1, 2, 3]) {
        const s = makeSnapshot({ T: 48, E: 4, seed, spec: { k: 2, capacityFactor: 0.75, dropPolicy: policy } });
        const C = s.capacity!;
        let drops = 0;
        for (let e = 0; e < s.E; e++) {
          const queue = expertQueue(s, e, policy);
          expect(queue).toHaveLength(s.load[e]);
          // the queue's first C choices are exactly the ones the engine kept
          expect(queue.map((c) => c.dropped)).toEqual(queue.map((_, n) => n >= C));
        }
        for (let t = 0; t < s.T; t++) {
          for (const choice of tokenChoices(s, t, policy)) {
            if (!choice.dropped) {
              expect(choice.takenBy).toEqual([]);
              continue;
            }
            drops++;
            expect(choice.takenBy).toHaveLength(C);
            expect(choice.takenBy.every((c) => c.expert === choice.expert && !c.dropped)).toBe(true);
          }
        }
        expect(drops).toBeGreaterThan(0);
      }
    });
  }

  it('orders by the rules on a hand case', () => {
    // 3 tokens, k = 2; expert 0 is token 0's second choice and tokens 1 and 2's first
    const s = {
      T: 3,
      k: 2,
      experts: Int32Array.of(1, 0, 0, 1, 0, 1),
      weights: Float32Array.of(0.6, 0.4, 0.7, 0.3, 0.9, 0.1),
      dropped: new Uint8Array(6),
    };
    const tokens = (p: DropPolicy) => expertQueue(s, 0, p).map((c) => c.token);
    expect(tokens('position')).toEqual([0, 1, 2]);
    expect(tokens('slot-major')).toEqual([1, 2, 0]);
    expect(tokens('probs')).toEqual([2, 1, 0]);
    expect(tokens('bpr')).toEqual([2, 1, 0]);
    // expert 1: slot 0 of token 0, slot 1 of tokens 1 and 2; bpr puts token 2 (top-1 weight 0.9) before 1
    expect(expertQueue(s, 1, 'bpr').map((c) => c.token)).toEqual([0, 2, 1]);
  });

  it('skips padded slots (expert choice)', () => {
    const s = makeSnapshot({ T: 16, E: 4, spec: { scheme: 'expert-choice', capacityFactor: 1 } });
    for (let t = 0; t < s.T; t++) {
      const choices = tokenChoices(s, t, 'slot-major');
      expect(choices.every((c) => c.expert >= 0 && !c.dropped)).toBe(true);
    }
  });
});

describe('scores and bias', () => {
  it('ranks a token’s scores, highest first', () => {
    const probs = Float32Array.of(0.1, 0.5, 0.2, 0.2, /* token 1 */ 0.4, 0.3, 0.2, 0.1);
    expect(rankedScores(probs, 4, 0).map((r) => r.expert)).toEqual([1, 2, 3, 0]);
    expect(rankedScores(probs, 4, 1)[0]).toEqual({ expert: 0, score: expect.closeTo(0.4, 6) });
  });

  it('names the choice the bias changed, with the real deepseek router', () => {
    const E = 4;
    const bias = Float32Array.of(0, 0, 0, 5);
    const s = makeSnapshot({ T: 8, E, spec: { scheme: 'deepseek', k: 1, capacityFactor: null, bias } });
    for (let t = 0; t < s.T; t++) {
      const chosen = [s.experts[t]];
      expect(chosen).toEqual([3]); // the huge bias wins every token
      const effect = biasEffect(s.probs!, bias, E, t, chosen, { groups: 1, topkGroups: 1, groupScore: 'top2-sum' });
      expect(effect.ranked[0].expert).toBe(3);
      const best = rankedScores(s.probs!, E, t)[0].expert;
      expect(effect.unbiased).toEqual([best]);
      expect(effect.added).toEqual(best === 3 ? [] : [3]);
      expect(effect.removed).toEqual(best === 3 ? [] : [best]);
    }
  });

  it('without the bias, keeps the gate’s groups: a zero bias changes nothing even where the groups left out a token’s best expert', () => {
    // DeepSeek-V2's rule (a group scored by its best expert, 2 of 4 groups kept): plain top-k
    // over all experts would pick experts outside the kept groups and blame the bias for it
    const E = 8;
    const groups = { groups: 4, topkGroups: 2, groupScore: 'max' } as const;
    const spec = { scheme: 'deepseek', k: 3, capacityFactor: null, scoreFunction: 'softmax', ...groups } as const;
    const s = makeSnapshot({ T: 16, E, spec });
    for (let t = 0; t < s.T; t++) {
      const chosen = Array.from(s.experts.subarray(t * 3, t * 3 + 3));
      const effect = biasEffect(s.probs!, new Float32Array(E), E, t, chosen, groups);
      expect(effect.added).toEqual([]);
      expect([...effect.unbiased].sort()).toEqual([...chosen].sort());
    }
  });

  it('shows spaces and empty tokens', () => {
    expect(showToken(' a\n')).toBe('␣a↵');
    expect(showToken('')).toBe('∅');
  });
});
