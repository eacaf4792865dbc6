// The cost panel's count of MH-MoE (multiHead.ts): sub-tokens of width d/H routed to experts
// d/H → h/H → d/H, and the two d×d projections.

import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import CostPanel from '../../src/components/CostPanel.svelte';
import { layerCost } from '../../src/components/cost';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';

const config = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...schemaDefaults(), ...over });
const base = { d: 16, h: 32, experts: 8, topK: 2, fineGrain: 1, sharedExperts: 0, scheme: 'token-choice' } as const;

describe('layerCost with heads', () => {
  it('counts d=16, h=32, E=8, k=2, H=4 by hand', () => {
    // sub-tokens of width w = 4, expert hidden 32/4 = 8
    const c = layerCost(config({ ...base, heads: 4 }));
    expect(c.width).toBe(4);
    expect(c.expertHidden).toBe(8);
    expect(c.router).toBe(32); // 4·8
    expect(c.perExpert).toBe(76); // 4·8 + 8 + 8·4 + 4
    expect(c.routed).toBe(608); // 8·76
    expect(c.projections).toBe(512); // 2·16²
    expect(c.total).toBe(1152); // 32 + 608 + 512
    // 4 sub-tokens, 2 experts each: up to all 8 experts touch one token
    expect(c.activeExperts).toBe(8);
    expect(c.active).toBe(1152); // 32 + 8·76 + 512
    // per sub-token 32 + 2·(2·4·8) = 160; 4 of them and 2·16² = 512 for the projections
    expect(c.macs).toBe(1152);
  });

  it('one head counts as before heads existed', () => {
    const one = layerCost(config({ ...base, heads: 1 }));
    expect(one.projections).toBe(0);
    expect([one.total, one.active, one.macs]).toEqual([8704, 2272, 2176]);
  });

  it('the panel shows the projections and the sub-token width', () => {
    const { getByTestId } = render(CostPanel, { config: config({ ...base, heads: 4 }) });
    expect(getByTestId('cost-projections').textContent).toContain('512; 2·d² = 2·16²; the router and the experts see 4 sub-tokens of width d/H = 4');
  });
});
