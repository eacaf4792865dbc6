import { fireEvent, render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import UtilisationHeatmap from '../../src/components/UtilisationHeatmap.svelte';
import { RunHistory } from '../../src/state/history.svelte';
import { makeSnapshot } from './fixtures';

beforeAll(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

/** A history of E experts whose kept counts per step are given row by row. */
function historyOf(E: number, keptRows: number[][]): RunHistory {
  const h = new RunHistory();
  const s = makeSnapshot({ E, step: keptRows.length, historyRows: keptRows.length });
  s.history.kept = Int32Array.from(keptRows.flat());
  h.add(s);
  return h;
}

describe('UtilisationHeatmap', () => {
  it('says why a perfectly even load (BASE layers) draws every cell in the ideal colour, and only then', () => {
    const even = render(UtilisationHeatmap, { history: historyOf(4, [[8, 8, 8, 8], [8, 8, 8, 8]]) });
    expect(even.getByTestId('heatmap-even').textContent).toMatch(/exactly its even share/);
    even.unmount();
    const uneven = render(UtilisationHeatmap, { history: historyOf(4, [[8, 8, 8, 8], [9, 8, 8, 7]]) });
    expect(uneven.queryByTestId('heatmap-even')).toBeNull();
  });

  it('summarises the latest step: each expert’s share, the busiest, and the dead', () => {
    const history = historyOf(4, [
      [4, 4, 4, 4],
      [5, 4, 4, 3],
      [6, 2, 0, 0],
    ]);
    const { getByTestId, getByRole, container } = render(UtilisationHeatmap, { history });
    expect(getByTestId('heatmap-summary').textContent).toBe(
      'Step 3: the busiest expert, 0, keeps 75.0% of the choices (ideal 25.0%); 2 of 4 experts kept nothing.',
    );
    expect(getByTestId('heatmap-experts').textContent).toBe('Share per expert at step 3: 0 75.0%, 1 25.0%, 2 0.0%, 3 0.0%.');
    // the canvas is hidden from assistive tech; the chart's label carries the numbers
    expect(container.querySelector('canvas')!.getAttribute('aria-hidden')).toBe('true');
    expect(getByRole('application').getAttribute('aria-label')).toContain('2 of 4 experts kept nothing');
    // collapse is called out in words
    expect(getByRole('status').textContent).toBe('Collapse: expert 0 takes 75.0% of the kept choices.');
    // the legend marks the ideal share
    expect(container.textContent).toContain('ideal 1/E = 25.0%');
  });

  it('does not cry collapse when the load is even, and labels every expert row', () => {
    const history = historyOf(8, [Array(8).fill(3)]);
    const { getByTestId, queryByRole, container } = render(UtilisationHeatmap, { history });
    expect(getByTestId('heatmap-summary').textContent).toContain('0 of 8 experts kept nothing');
    expect(queryByRole('status')).toBeNull();
    expect(Array.from(container.querySelectorAll('text.ylabel'), (t) => t.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  });

  it('keeps only the summary for many experts, and groups rows beyond the height', () => {
    const E = 512;
    const row = Array.from({ length: E }, (_, e) => (e < 500 ? 1 : 0));
    const { getByTestId, queryByTestId, container } = render(UtilisationHeatmap, { history: historyOf(E, [row, row]) });
    expect(getByTestId('heatmap-summary').textContent).toContain('12 of 512 experts kept nothing');
    expect(queryByTestId('heatmap-experts')).toBeNull();
    // 512 experts in rows of 5: row labels step by 5 experts
    const labels = Array.from(container.querySelectorAll('text.ylabel'), (t) => Number(t.textContent));
    expect(labels[1] - labels[0]).toBeGreaterThanOrEqual(5);
    expect(labels[1] % 5).toBe(0);
  });

  it('reads a cell under the pointer and with the arrow keys', async () => {
    const history = historyOf(2, [
      [3, 1],
      [1, 3],
    ]);
    const { getByRole, container } = render(UtilisationHeatmap, { history });
    const readout = () => container.querySelector('.readout')!.textContent;
    expect(readout()).toContain('Hover or tap');
    const chart = getByRole('application');
    await fireEvent.keyDown(chart, { key: 'ArrowUp' });
    // starts at the latest column, the first expert
    expect(readout()).toBe('expert 0, step 2: 25.0% of the kept choices (0.50× the ideal)');
    await fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    await fireEvent.keyDown(chart, { key: 'ArrowDown' });
    expect(readout()).toBe('expert 1, step 1: 25.0% of the kept choices (0.50× the ideal)');
    expect(container.querySelector('rect.cursor')).not.toBeNull();
    await fireEvent.keyDown(chart, { key: 'Escape' });
    expect(container.querySelector('rect.cursor')).toBeNull();
  });

  it('says so when there is no history yet', () => {
    const { container } = render(UtilisationHeatmap, { history: new RunHistory() });
    expect(container.textContent).toContain('No steps yet');
    expect(container.querySelector('canvas')).toBeNull();
  });
});
