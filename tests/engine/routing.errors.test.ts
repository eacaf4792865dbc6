// Impossible input is a RangeError that names the problem.

import { describe, expect, it } from 'vitest';
import { route, type RouterSpec } from '../../src/engine/routing';

const T = 2;
const E = 4;
const ok = new Float32Array(T * E);
const tc = (extra: Partial<RouterSpec>): RouterSpec => ({ scheme: 'token-choice', k: 2, ...extra });

describe('route() rejects bad input with a message that names it', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['k = 0', () => route(ok, T, E, tc({ k: 0 })), /k must be an integer in 1\.\.E/],
    ['k > E', () => route(ok, T, E, tc({ k: 5 })), /k must be an integer in 1\.\.E \(E = 4\), got 5/],
    ['fractional k', () => route(ok, T, E, tc({ k: 1.5 })), /k must be an integer/],
    ['hash k > E', () => route(ok, T, E, { scheme: 'hash', k: 9, tokenIds: new Int32Array(T) }), /k must be/],
    ['logits length', () => route(new Float32Array(7), T, E, tc({})), /logits has length 7, expected T\*E = 8/],
    ['NaN logit', () => route(Float32Array.of(0, 0, 0, 0, 0, NaN, 0, 0), T, E, tc({})), /logits\[5\] \(token 1, expert 1\) is NaN/],
    ['infinite logit', () => route(Float32Array.of(Infinity, 0, 0, 0, 0, 0, 0, 0), T, E, tc({})), /logits\[0\].*Infinity/],
    ['CF = 0', () => route(ok, T, E, tc({ capacityFactor: 0 })), /capacityFactor must be > 0, got 0/],
    ['CF < 0', () => route(ok, T, E, tc({ capacityFactor: -1 })), /capacityFactor must be > 0/],
    ['CF NaN', () => route(ok, T, E, tc({ capacityFactor: NaN })), /capacityFactor must be a finite number/],
    ['CF below a hundredth', () => route(ok, T, E, tc({ capacityFactor: 0.001 })), /at least 0\.01/],
    ['expert-choice CF = 0', () => route(ok, T, E, { scheme: 'expert-choice', k: 1, capacityFactor: 0 }), /capacityFactor must be > 0/],
    ['unknown scheme', () => route(ok, T, E, { scheme: 'nope' as RouterSpec['scheme'], k: 1 }), /unknown scheme 'nope'/],
    ['unknown policy', () => route(ok, T, E, tc({ dropPolicy: 'x' as RouterSpec['dropPolicy'], capacityFactor: 1 })), /unknown dropPolicy 'x'/],
    ['unknown normalize', () => route(ok, T, E, tc({ normalize: 'x' as RouterSpec['normalize'] })), /unknown normalize 'x'/],
    ['T = 0', () => route(new Float32Array(0), 0, E, tc({})), /T \(tokens\) must be a positive integer/],
    ['E = 0', () => route(new Float32Array(0), T, 0, tc({})), /E \(experts\) must be a positive integer/],
    ['bias length', () => route(ok, T, E, { scheme: 'deepseek', k: 2, bias: new Float32Array(3) }), /bias has length 3, expected E = 4/],
    ['NaN bias', () => route(ok, T, E, { scheme: 'deepseek', k: 2, bias: Float32Array.of(0, NaN, 0, 0) }), /bias\[1\] is NaN/],
    ['groups do not divide E', () => route(ok, T, E, { scheme: 'deepseek', k: 2, groups: 3 }), /groups must be a positive integer that divides E \(E = 4\), got 3/],
    ['topkGroups > groups', () => route(ok, T, E, { scheme: 'deepseek', k: 1, groups: 2, topkGroups: 3 }), /topkGroups must be an integer in 1\.\.groups/],
    ['k > experts in kept groups', () => route(ok, T, E, { scheme: 'deepseek', k: 3, groups: 2, topkGroups: 1 }), /k = 3 is more than the 2 experts that 1 kept group\(s\) of 2 hold/],
    ['routedScale 0', () => route(ok, T, E, { scheme: 'deepseek', k: 1, routedScale: 0 }), /routedScale must be > 0/],
    ['noise length', () => route(ok, T, E, { scheme: 'noisy-topk', k: 1, noise: new Float32Array(3) }), /noise has length 3, expected T\*E = 8/],
    ['NaN noise', () => route(ok, T, E, { scheme: 'noisy-topk', k: 1, noise: Float32Array.of(0, 0, NaN, 0, 0, 0, 0, 0) }), /noise\[2\] \(token 0, expert 2\) is NaN/],
    ['hash without token ids', () => route(ok, T, E, { scheme: 'hash', k: 1 }), /hash routing needs tokenIds/],
    ['token ids length', () => route(ok, T, E, { scheme: 'hash', k: 1, tokenIds: new Int32Array(3) }), /tokenIds has length 3, expected T = 2/],
    ['fractional hash seed', () => route(ok, T, E, { scheme: 'hash', k: 1, tokenIds: new Int32Array(2), seed: 0.5 }), /seed must be an integer/],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('does not check k for the schemes that do not use it', () => {
    expect(route(ok, T, E, { scheme: 'soft', k: 0 }).k).toBe(E);
    expect(route(ok, T, E, { scheme: 'expert-choice', k: 99 }).k).toBe(E);
  });
});
