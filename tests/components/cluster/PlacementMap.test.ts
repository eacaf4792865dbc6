import { fireEvent, render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import PlacementMap from '../../../src/components/cluster/PlacementMap.svelte';
import { slotMap } from './fixtures';

// 1 node × 2 GPUs × 4 slots: experts 0 and 3 have two replicas each; slots 6 and 7 just moved
const small = () => ({
  cluster: { nodes: 1, gpusPerNode: 2 },
  slots: slotMap([0, 1, 2, 3, 4, 5, 0, 3], [0, 0, 0, 0, 1, 1, 1, 1], 6),
  slotLoad: Float64Array.of(4, 8, 2, 3, 1, 6, 4, 3),
  moved: Uint8Array.of(0, 0, 0, 0, 0, 0, 1, 1),
  experts: 6,
});

const cellsOf = (el: HTMLElement) => Array.from(el.querySelectorAll('.slot'), (c) => c.textContent!.trim());

describe('PlacementMap', () => {
  it('shows each GPU with its experts, and marks replicas and moved slots', () => {
    const { getByRole, getByTestId, container } = render(PlacementMap, small());
    const gpu0 = getByRole('img', { name: 'GPU 0: experts 0 (×2), 1, 2, 3 (×2); load 17' });
    const gpu1 = getByRole('img', { name: 'GPU 1: experts 4, 5, 0 (×2) (moved), 3 (×2) (moved); load 14' });
    expect(cellsOf(gpu0)).toEqual(['0×2', '1', '2', '3×2']);
    expect(cellsOf(gpu1)).toEqual(['4', '5', '0×2', '3×2']);
    expect(Array.from(container.querySelectorAll('.slot.replica'), (c) => c.getAttribute('data-slot'))).toEqual(['0', '3', '6', '7']);
    expect(Array.from(container.querySelectorAll('.slot.moved'), (c) => c.getAttribute('data-slot'))).toEqual(['6', '7']);
    expect(container.textContent).toContain('Node 0');
    const summary = getByTestId('placement-summary').textContent!;
    expect(summary).toContain('6 experts on 8 slots of 1 × 2 GPUs.');
    expect(summary).toContain('Replicated experts: 0 ×2, 3 ×2.');
    expect(summary).toContain('2 slots took an expert their GPU did not hold at the last re-placement.');
  });

  it('shades busier slots deeper', () => {
    const { container } = render(PlacementMap, small());
    const heat = (s: number) => parseFloat((container.querySelector(`.slot[data-slot="${s}"]`) as HTMLElement).style.getPropertyValue('--heat'));
    // slot 1 carries the most load (8), slot 4 the least (1)
    expect(heat(1)).toBe(90);
    expect(heat(4)).toBeLessThan(heat(0));
    expect(heat(0)).toBeLessThan(heat(1));
  });

  it('reads a slot on hover and with the arrow keys', async () => {
    const { getByRole, getByTestId, container } = render(PlacementMap, small());
    await fireEvent.pointerEnter(container.querySelector('.slot[data-slot="6"]')!);
    expect(getByTestId('placement-readout').textContent).toBe('GPU 1 (node 0): slot 6, expert 0, load 4, one of 2 replicas, moved');
    const map = getByRole('group', { name: /Expert placement/ });
    await fireEvent.keyDown(map, { key: 'Home' });
    await fireEvent.keyDown(map, { key: 'ArrowRight' });
    expect(getByTestId('placement-readout').textContent).toBe('GPU 0 (node 0): slot 1, expert 1, load 8');
    // down: the same place on the next GPU
    await fireEvent.keyDown(map, { key: 'ArrowDown' });
    expect(getByTestId('placement-readout').textContent).toContain('slot 5, expert 5');
    await fireEvent.keyDown(map, { key: 'Escape' });
    expect(getByTestId('placement-readout').textContent).toMatch(/arrow keys/);
  });

  it('says nothing about moves when none are given, and no replicas when there are none', () => {
    const { getByTestId, container } = render(PlacementMap, {
      cluster: { nodes: 2, gpusPerNode: 2 },
      slots: slotMap([0, 1, 2, 3], [0, 1, 2, 3], 4),
      slotLoad: Float64Array.of(1, 1, 1, 1),
      experts: 4,
    });
    expect(getByTestId('placement-summary').textContent).toContain('No expert has a replica.');
    expect(getByTestId('placement-summary').textContent).not.toMatch(/re-placement/);
    expect(container.querySelectorAll('.node')).toHaveLength(2);
    expect(container.querySelector('.slot.moved, .slot.replica')).toBeNull();
  });

  it('keeps every expert id on 4 nodes × 8 GPUs × 9 slots, in the dense style without badges', () => {
    // 256 experts on 288 slots: the first 32 experts get a second replica
    const expert = [...Array.from({ length: 256 }, (_, e) => e), ...Array.from({ length: 32 }, (_, e) => e)];
    const { getAllByRole, container } = render(PlacementMap, {
      cluster: { nodes: 4, gpusPerNode: 8 },
      slots: slotMap(expert, expert.map((_, s) => Math.floor(s / 9)), 256),
      slotLoad: Float64Array.from(expert, (e) => 1 + (e % 7)),
      experts: 256,
    });
    expect(container.querySelector('.placement.dense')).not.toBeNull();
    expect(container.querySelectorAll('.node')).toHaveLength(4);
    const gpus = getAllByRole('img');
    expect(gpus).toHaveLength(32);
    expect(gpus.every((g) => cellsOf(g).length === 9 && cellsOf(g).every((id) => /^\d+$/.test(id)))).toBe(true);
    expect(container.querySelectorAll('.slot.replica')).toHaveLength(64);
    expect(container.querySelector('.badge')).toBeNull();
    expect(cellsOf(gpus[31])).toEqual(['23', '24', '25', '26', '27', '28', '29', '30', '31']);
    // 32 replicated experts: the summary names a dozen and counts the rest
    expect(container.textContent).toContain('32 experts are replicated, the most: 0 ×2, 1 ×2, 2 ×2, 3 ×2, 4 ×2, 5 ×2, 6 ×2, 7 ×2, 8 ×2, 9 ×2, 10 ×2, 11 ×2 and 20 more.');
  });
});
