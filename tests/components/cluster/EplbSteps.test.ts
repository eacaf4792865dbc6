import { fireEvent, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import EplbSteps from '../../../src/components/cluster/EplbSteps.svelte';
import { eplbGlobal, eplbSteps } from './fixtures';

const cluster = { nodes: 2, gpusPerNode: 2 };
const chips = (box: Element) => Array.from(box.querySelectorAll('.chip'), (c) => c.textContent!.replace(/\s+/g, ' ').trim());

describe('EplbSteps', () => {
  afterEach(() => vi.useRealTimers());

  it('opens on step 1: the groups on their nodes, heaviest first, with their loads', () => {
    const { getByTestId, getByRole, container } = render(EplbSteps, { steps: eplbSteps(), cluster });
    expect(getByTestId('eplb-caption').textContent).toMatch(/^Step 1: the 4 groups of 2 experts, heaviest first, go onto the 2 nodes/);
    expect(getByRole('button', { name: /Groups onto nodes/ })).toHaveAttribute('aria-pressed', 'true');
    const boxes = container.querySelectorAll('.stage .box');
    expect(boxes[0].textContent).toContain('Node 0 · load 50');
    expect(chips(boxes[0])).toEqual(['group 1 (experts 2–3) · 40', 'group 0 (experts 0–1) · 10']);
    expect(chips(boxes[1])).toEqual(['group 3 (experts 6–7) · 30', 'group 2 (experts 4–5) · 20']);
  });

  it('switches to step 2 (replica counts) and step 3 (replicas on GPUs)', async () => {
    const { getByTestId, getByRole, container } = render(EplbSteps, { steps: eplbSteps(), cluster });
    await fireEvent.click(getByRole('button', { name: /Replicate hot experts/ }));
    expect(getByTestId('eplb-caption').textContent).toMatch(/^Step 2: .*12 slots .*3 of the 8 experts now have more than one/);
    let boxes = container.querySelectorAll('.stage .box');
    expect(chips(boxes[0])).toEqual(['0', '1', '2×2', '3×2']);
    expect(chips(boxes[1])).toEqual(['4', '5', '6×3', '7']);
    expect(boxes[1].textContent).toContain('6 slots');

    await fireEvent.click(getByRole('button', { name: /Replicas onto GPUs/ }));
    expect(getByTestId('eplb-caption').textContent).toMatch(/^Step 3: each node’s replicas go onto its GPUs, 3 per GPU/);
    boxes = container.querySelectorAll('.stage .box');
    expect(Array.from(boxes[1].querySelectorAll('.gpu'), (g) => chips(g))).toEqual([
      ['6', '4', '5'],
      ['6', '7', '6'],
    ]);
    expect(container.querySelectorAll('.stage .gpu .chip.hot')).toHaveLength(7);
  });

  it('plays through the steps and back to the first, and pauses', async () => {
    vi.useFakeTimers();
    const { getByTestId, getByRole } = render(EplbSteps, { steps: eplbSteps(), cluster });
    await fireEvent.click(getByRole('button', { name: /Play/ }));
    await vi.advanceTimersByTimeAsync(2600);
    expect(getByTestId('eplb-caption').textContent).toMatch(/^Step 2/);
    await vi.advanceTimersByTimeAsync(2600 * 2);
    expect(getByTestId('eplb-caption').textContent).toMatch(/^Step 1/);
    await fireEvent.click(getByRole('button', { name: /Pause/ }));
    await vi.advanceTimersByTimeAsync(2600 * 2);
    expect(getByTestId('eplb-caption').textContent).toMatch(/^Step 1/);
  });

  it('says when EPLB took the global path and packs all experts as one group', () => {
    const { getByTestId, container } = render(EplbSteps, { steps: eplbGlobal(), cluster });
    expect(getByTestId('eplb-global').textContent).toMatch(/do not divide evenly over the nodes.*one group/);
    expect(getByTestId('eplb-caption').textContent).toMatch(/all 8 experts form one group on one node; .* all 4 GPUs/);
    const boxes = container.querySelectorAll('.stage .box');
    expect(boxes).toHaveLength(1);
    expect(chips(boxes[0])).toEqual(['group 0 (experts 0–7) · 100']);
  });
});
