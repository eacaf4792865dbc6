// DeepSeek's gate over random inputs against a plain sort-based reference: the kept groups (V3's
// two-best sum or V2's best expert), the k best experts in them, and the groups reported.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { route } from '../../src/engine/routing';
import { sigmoid, softmaxRows } from '../../src/engine/routing/scores';
import { caseArb } from './arbitraries';

describe('deepseek against a sort-based reference', () => {
  it('keeps the best groups by their group score (two best, or best), then the k best experts in them', () => {
    fc.assert(
      fc.property(caseArb('deepseek'), (c) => {
        const { T, E, spec } = c;
        const r = route(c.logits, T, E, spec);
        const groups = spec.groups ?? 1;
        const size = E / groups;
        const topkGroups = spec.topkGroups ?? groups;
        const byValue = (a: [number, number], b: [number, number]) => b[0] - a[0] || a[1] - b[1];
        // the engine's score functions: this checks the group and top-k logic, not the last ulp of exp
        const softmax = softmaxRows(c.logits, T, E, new Float64Array(T * E));
        for (let t = 0; t < T; t++) {
          const score = (e: number) => (spec.scoreFunction === 'softmax' ? softmax[t * E + e] : sigmoid(c.logits[t * E + e]));
          const biased = Array.from({ length: E }, (_, e) => score(e) + spec.bias![e]);
          const groupScores = Array.from({ length: groups }, (_, g): [number, number] => {
            const top = biased.slice(g * size, (g + 1) * size).sort((a, b) => b - a);
            if (spec.groupScore === 'max') return [top[0], g];
            return [top[0] + (size > 1 ? top[1] : 0), g];
          });
          const keptOrder = groupScores.sort(byValue).slice(0, topkGroups).map(([, g]) => g);
          const kept = new Set(keptOrder);
          const want = biased
            .map((v, e): [number, number] => [v, e])
            .filter(([, e]) => kept.has(Math.floor(e / size)))
            .sort(byValue)
            .slice(0, spec.k)
            .map(([, e]) => e)
            .sort((a, b) => a - b);
          const got = Array.from(r.experts.subarray(t * spec.k, (t + 1) * spec.k)).sort((a, b) => a - b);
          expect(got).toEqual(want);
          // device-limited routing: never more groups than topkGroups, and the ones reported
          expect(new Set(got.map((e) => Math.floor(e / size))).size).toBeLessThanOrEqual(topkGroups);
          if (topkGroups < groups) expect(Array.from(r.keptGroups!.subarray(t * topkGroups, (t + 1) * topkGroups))).toEqual(keptOrder);
          else expect(r.keptGroups).toBeUndefined();
        }
      }),
      { numRuns: 200 },
    );
  });
});
