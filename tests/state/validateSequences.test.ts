// A batch is T/L whole sequences: validateConfig makes T a multiple of L (and of lcm(E, L) for
// BASE layers), or L a divisor of T where no multiple is in T's range, and says why.

import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/state/validate';

describe('sequences in the batch', () => {
  it('T = 100 with L = 8 becomes 104, the nearest multiple of 8 (100/8 = 12.5 rounds to 13)', () => {
    const { config, adjustments } = validateConfig({ tokens: 100, seqLen: 8 });
    expect(config.tokens).toBe(104);
    expect(adjustments).toContainEqual({ key: 'tokens', from: 100, to: 104, reason: { why: 'seq-divide', seqLen: 8, step: 8 } });
  });

  it('L above T: T = 16 with L = 1024 becomes 1024 (the lowest multiple in range)', () => {
    const { config } = validateConfig({ tokens: 16, seqLen: 1024 });
    expect(config.tokens).toBe(1024);
    expect(config.seqLen).toBe(1024);
  });

  it('a multiple of L is left alone, and L = 1 never adjusts', () => {
    expect(validateConfig({ tokens: 96, seqLen: 8 }).adjustments).toEqual([]);
    expect(validateConfig({ tokens: 97, seqLen: 1 }).adjustments).toEqual([]);
  });

  it('BASE layers: T a multiple of lcm(E, L): E = 6, L = 4, T = 100 becomes 102 (a multiple of 6), then 108 (lcm 12; 102/12 = 8.5 rounds to 9)', () => {
    const { config } = validateConfig({ scheme: 'base', experts: 6, tokens: 100, seqLen: 4 });
    expect(config.tokens).toBe(108);
  });

  it('no multiple in range: BASE with E = 17 and L = 1019 (lcm 17 323 > 16 384) keeps T and makes L divide it', () => {
    const { config, adjustments } = validateConfig({ scheme: 'base', experts: 17, tokens: 1700, seqLen: 1019 });
    expect(config.tokens).toBe(1700);
    // the largest divisor of 1700 = 2²·5²·17 at most 1019 is 850
    expect(config.seqLen).toBe(850);
    expect(adjustments.find((a) => a.key === 'seqLen')?.reason).toEqual({ why: 'seq-divide', seqLen: 1019, step: 17323 });
  });
});
