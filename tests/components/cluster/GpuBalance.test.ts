import { fireEvent, render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import GpuBalance from '../../../src/components/cluster/GpuBalance.svelte';
import { balancedness } from '../../../src/components/cluster/clusterText';

const props = () => ({
  gpuLoad: Float64Array.of(3, 1),
  contiguousLoad: Float64Array.of(4, 2, 1, 1),
  gpusPerNode: 2,
  policyLabel: 'EPLB',
  series: { step: [1, 2, 3, 4], current: [0.5, 0.6, 0.9, 0.95], contiguous: [0.5, 0.5, 0.5, 0.5] },
  replacedAt: [2, 4],
});

describe('GpuBalance', () => {
  it('shows the balancedness of both placements as a number and a percentage', () => {
    const { getByTestId } = render(GpuBalance, { ...props(), contiguousLoad: Float64Array.of(2, 2) });
    // mean 2 over max 3; an even split is 1
    expect(getByTestId('balancedness-current').textContent!.replace(/\s+/g, ' ').trim()).toBe('balancedness 0.67 (67%)');
    expect(getByTestId('balancedness-contiguous').textContent!.replace(/\s+/g, ' ').trim()).toBe('balancedness 1.00 (100%)');
  });

  it('draws a bar per GPU for each placement, named with the loads for a screen reader', () => {
    const { getByRole, container } = render(GpuBalance, props());
    expect(Array.from(container.querySelectorAll('svg[data-kind="contiguous"] rect.bar'), (r) => r.getAttribute('data-load'))).toEqual(['4', '2', '1', '1']);
    expect(container.querySelectorAll('svg[data-kind="current"] rect.bar')).toHaveLength(2);
    getByRole('img', { name: 'Load per GPU, EPLB, balancedness 0.67: GPU 0 3, GPU 1 1' });
    getByRole('img', { name: 'Load per GPU, Contiguous, balancedness 0.50: GPU 0 4, GPU 1 2, GPU 2 1, GPU 3 1' });
    // contiguous spans two nodes: both are labelled under their bars
    expect(container.querySelector('svg[data-kind="contiguous"]')!.textContent).toMatch(/Node 0.*Node 1/);
  });

  it('marks re-placements on the balancedness chart and reads a step from the keyboard', async () => {
    const { getByRole, getByTestId, container } = render(GpuBalance, props());
    expect(Array.from(container.querySelectorAll('line.replaced'), (l) => l.getAttribute('data-step'))).toEqual(['2', '4']);
    const chart = getByRole('application', { name: /Balancedness over training steps/ });
    await fireEvent.keyDown(chart, { key: 'End' });
    expect(getByTestId('balance-readout').textContent).toBe('Step 4: EPLB 0.95, contiguous 0.50');
    await fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(getByTestId('balance-readout').textContent).toBe('Step 3: EPLB 0.90, contiguous 0.50');
  });

  it('computes balancedness as mean over max', () => {
    expect(balancedness([3, 1])).toBeCloseTo(2 / 3);
    expect(balancedness([5, 5, 5])).toBe(1);
    expect(balancedness([0, 0])).toBe(1);
    expect(balancedness([4, 0, 0, 0])).toBe(0.25);
  });
});
