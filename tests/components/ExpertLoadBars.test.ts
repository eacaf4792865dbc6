import { fireEvent, render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ExpertLoadBars from '../../src/components/ExpertLoadBars.svelte';

describe('ExpertLoadBars', () => {
  it('draws one bar per expert with its load and kept counts, and the capacity line', () => {
    const { container, getByRole } = render(ExpertLoadBars, {
      load: Int32Array.of(4, 3, 1),
      kept: Int32Array.of(2, 2, 1),
      capacity: 2,
      ideal: 8 / 3,
    });
    const bars = container.querySelectorAll('g.expert');
    expect(bars).toHaveLength(3);
    expect(Array.from(bars, (b) => [b.getAttribute('data-load'), b.getAttribute('data-kept')])).toEqual([
      ['4', '2'],
      ['3', '2'],
      ['1', '1'],
    ]);
    // overloaded experts are marked
    expect(Array.from(bars, (b) => b.classList.contains('over'))).toEqual([true, true, false]);
    expect(container.querySelector('line.capacity')).not.toBeNull();
    expect(getByRole('img').getAttribute('aria-label')).toContain('expert 0 2/4');
    expect(container.textContent).toContain('capacity 2');
    expect(container.textContent).toContain('T·k/E = 2.7');
  });

  it('has no capacity line when dropless, and marks dead experts', () => {
    const { container } = render(ExpertLoadBars, {
      load: Int32Array.of(5, 0),
      kept: Int32Array.of(5, 0),
      capacity: null,
      ideal: 2.5,
    });
    expect(container.querySelector('line.capacity')).toBeNull();
    expect(container.querySelectorAll('g.expert.dead')).toHaveLength(1);
  });

  it('draws many experts as two paths with a hover readout, not an element group each', async () => {
    const E = 128;
    const load = Int32Array.from({ length: E }, (_, e) => (e * 7) % 11);
    const kept = Int32Array.from(load, (l) => Math.min(l, 6));
    const { container, getByTestId } = render(ExpertLoadBars, { load, kept, capacity: 6, ideal: 5 });
    expect(container.querySelectorAll('g.expert')).toHaveLength(0);
    // one rectangle per expert with any load (the kept path skips the empty ones too)
    const rects = (cls: string) => (container.querySelector(`path.${cls}`)!.getAttribute('d')!.match(/M/g) ?? []).length;
    expect(rects('dropped')).toBe(load.filter((l) => l > 0).length);
    expect(rects('kept')).toBe(kept.filter((k) => k > 0).length);
    expect(container.querySelector('line.capacity')).not.toBeNull();
    await fireEvent.pointerMove(container.querySelector('rect.hit')!, { clientX: 40.5, clientY: 50 });
    const [, e, k, d] = /expert (\d+): (\d+) kept, (\d+) dropped/.exec(getByTestId('load-readout').textContent!)!.map(Number);
    expect([k, d]).toEqual([kept[e], load[e] - kept[e]]);
  });

  it('makes the dropped part of a bar as tall as the dropped count', () => {
    const { container } = render(ExpertLoadBars, {
      load: Int32Array.of(10),
      kept: Int32Array.of(4),
      capacity: 4,
      ideal: 5,
    });
    const full = Number(container.querySelector('rect.dropped')!.getAttribute('height'));
    const kept = Number(container.querySelector('rect.kept')!.getAttribute('height'));
    expect(kept / full).toBeCloseTo(0.4, 5);
  });
});
