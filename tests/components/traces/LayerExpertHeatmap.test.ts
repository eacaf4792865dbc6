import { fireEvent, render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import LayerExpertHeatmap from '../../../src/components/traces/LayerExpertHeatmap.svelte';
import { countsTrace, tokenLayer, traceOf } from '../../engine/traces/statsFixtures';

beforeAll(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

// layer 0 (E = 4): tokens [0,1] ×3 and [2,3]: load [3,3,1,1], max 3, mean 2, balancedness 2/3
// layer 1 (E = 4): every token [0,1]: load [4,4,0,0], balancedness 2/4 = 0.5, busiest 0 with 4/8 = 50%
const trace = traceOf([
  tokenLayer(4, [[0, 1], [0, 1], [0, 1], [2, 3]], undefined, 'model.layers.0.mlp.gate'),
  tokenLayer(4, [[0, 1], [0, 1], [0, 1], [0, 1]], undefined, 'model.layers.1.mlp.gate'),
]);

describe('LayerExpertHeatmap', () => {
  it('names the least and most even layers', () => {
    const { getByRole, getByTestId } = render(LayerExpertHeatmap, { trace, layer: 0 });
    expect(getByTestId('layers-summary').textContent).toBe(
      '2 layers. The least even is layer 1 (balancedness 0.50; its busiest expert takes 50.0% of its choices), the most even layer 0 (balancedness 0.67).',
    );
    expect(getByRole('application').getAttribute('aria-label')).toMatch(/^Share of the choices per expert: 2 layers/);
  });

  it('picks a layer from the list in words and from the keyboard', async () => {
    const onpicklayer = vi.fn();
    const { getByRole, getAllByTestId } = render(LayerExpertHeatmap, { trace, layer: 0, onpicklayer });
    expect(getAllByTestId('layer-row')[1].textContent).toMatch(/^Layer 1 \(model\.layers\.1\.mlp\.gate\): 4 experts; the busiest, 0, takes 50\.0%/);
    await fireEvent.click(getByRole('button', { name: 'Show layer 1' }));
    expect(onpicklayer).toHaveBeenLastCalledWith(1);
    const chart = getByRole('application');
    // the first arrow shows the shown layer's first cell, the next moves down a row; Enter picks it
    await fireEvent.keyDown(chart, { key: 'ArrowDown' });
    await fireEvent.keyDown(chart, { key: 'ArrowDown' });
    await fireEvent.keyDown(chart, { key: 'Enter' });
    expect(onpicklayer).toHaveBeenCalledTimes(2);
  });

  it('reads a cell', async () => {
    const { getByRole, getByText } = render(LayerExpertHeatmap, { trace, layer: 0 });
    await fireEvent.keyDown(getByRole('application'), { key: 'ArrowRight' });
    // layer 0, expert 0: 3 of 8 choices = 37.5%, 1.50 × the even 25%
    expect(getByText('Layer 0, expert 0: 37.5% of the layer’s choices (1.50 × the even share).')).toBeInTheDocument();
  });

  it('draws counts-only traces and says so', () => {
    const { getByText, getByTestId } = render(LayerExpertHeatmap, { trace: countsTrace(2, [[[1, 3]], [[2, 2]]]), layer: 1 });
    expect(getByText(/From the trace’s counts records/)).toBeInTheDocument();
    expect(getByTestId('layers-summary').textContent).toMatch(/least even is layer 0 \(balancedness 0\.67/);
  });
});
