// The heads control (MH-MoE) offers only the head counts that divide d.

import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SettingsPanel from '../../src/components/SettingsPanel.svelte';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';

const config = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...schemaDefaults(), ...over });
const offered = (c: MoeConfig) => {
  const { container, unmount } = render(SettingsPanel, { config: c, onchange: () => {} });
  const select = container.querySelector<HTMLSelectElement>('#set-heads')!;
  const values = Array.from(select.options, (o) => o.value);
  unmount();
  return values;
};

describe('the heads control', () => {
  it('offers the divisors of d among 1, 2, 4, 8, 16', () => {
    expect(offered(config({ d: 16 }))).toEqual(['1', '2', '4', '8', '16']);
    expect(offered(config({ d: 12, heads: 4 }))).toEqual(['1', '2', '4']);
    expect(offered(config({ d: 6, heads: 2 }))).toEqual(['1', '2']);
  });
});
