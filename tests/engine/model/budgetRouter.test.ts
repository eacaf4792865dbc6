// @vitest-environment node
// The attention router in the step budget: its [T, E, E] buffers and its E² work, so that a big E
// with the attention router warns or refuses where the linear router does not.

import { describe, expect, it } from 'vitest';
import { estimateBytes, estimateWork } from '../../../src/engine/model/budget';
import { guardVerdict } from '../../../src/engine/model/budgetGuard';
import { routerBudget } from '../../../src/engine/model/budgetRouter';
import { defaultConfig, type MoeConfig } from '../../../src/engine/model/config';

const cfg = (extra: Partial<MoeConfig> = {}): MoeConfig => ({ ...defaultConfig(), backend: 'wasm', ...extra });

describe('attention router budget', () => {
  it('adds nothing for the linear router (default runs keep their estimates)', () => {
    expect(routerBudget(cfg(), 256, 8, 16)).toEqual({ params: 0, dense: 0, floats: [0, 0] });
  });

  it('hand-checked: T = 2, E = 4, d = 3', () => {
    // params 2·d·E = 24; dense T·(2dE + 2E²) = 2·(24 + 32) = 112;
    // floats: T·E² = 32 per square: 3·32 + 3·T·E = 120 forward, 7·32 + 6·2·4 = 272 with backward
    expect(routerBudget(cfg({ routerKind: 'attention' }), 2, 4, 3)).toEqual({ params: 24, dense: 112, floats: [120, 272] });
  });

  it('grows the estimates, more at larger E', () => {
    for (const experts of [8, 64]) {
      const lin = cfg({ experts });
      const att = cfg({ experts, routerKind: 'attention' });
      expect(estimateBytes(att)).toBeGreaterThan(estimateBytes(lin));
      expect(estimateWork(att)).toBeGreaterThan(estimateWork(lin));
    }
    const ratio = (experts: number) => estimateWork(cfg({ experts, routerKind: 'attention' })) / estimateWork(cfg({ experts }));
    expect(ratio(64)).toBeGreaterThan(ratio(8));
  });

  it('E = 512 with the attention router is refused at the default batch, where the linear router is not', () => {
    expect(guardVerdict(cfg({ experts: 512 })).kind).not.toBe('refuse');
    const v = guardVerdict(cfg({ experts: 512, routerKind: 'attention' }));
    expect(v.kind).toBe('refuse');
    // [256, 512, 512] is 67M floats, 0.25 GiB a buffer: lowering E or T is what helps
    expect(v.lower.slice(0, 2)).toEqual(expect.arrayContaining(['experts']));
  });
});
