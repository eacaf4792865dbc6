// The flow's kept/sent count labels fit their expert's column, at an estimated 6.5 px a character.

import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RoutingFlowLabels from '../../../src/components/RoutingFlowLabels.svelte';
import { COUNT_CHAR_PX, countLabel } from '../../../src/components/flow/countLabels';
import { computeFlowLayout } from '../../../src/components/flow/layout';
import { makeSnapshot } from '../fixtures';

describe('countLabel', () => {
  it('the pair where it fits, else the kept count, else nothing', () => {
    expect(COUNT_CHAR_PX).toBe(6.5);
    // 40 px column, 2 px gap: room 38 px. "12/16" is 5 × 6.5 = 32.5 → fits
    expect(countLabel(12, 16, 40)).toBe('12/16');
    // "256/256" is 7 × 6.5 = 45.5 > 38; "256" is 19.5 → the kept count alone
    expect(countLabel(256, 256, 40)).toBe('256');
    // 20 px column, room 18: "256" (19.5) does not fit either
    expect(countLabel(256, 300, 20)).toBe('');
  });

  it('at 390 px with 8 experts and 3-digit counts, no label is wider than its column', () => {
    // 8 experts × 256 tokens, k = 1: the columns are about 44 px, too narrow for "256/256"
    const s = makeSnapshot({ T: 2048, E: 8, spec: { k: 1, capacityFactor: null } });
    const layout = computeFlowLayout(s, { width: 390, height: 380, shared: 0 });
    expect(layout.axis.counts).toBe(true);
    const even = new Int32Array(8).fill(256);
    const { container } = render(RoutingFlowLabels, { layout, capacity: s.capacity, load: even, kept: even });
    const counts = Array.from(container.querySelectorAll('text.count'), (n) => n.textContent!);
    expect(counts).toHaveLength(8);
    for (const c of counts) {
      expect(c.length * COUNT_CHAR_PX).toBeLessThanOrEqual(layout.columns.colW);
      expect(c).toBe('256');
    }
  });
});
