import { fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import LossChart from '../../src/components/LossChart.svelte';
import { RunHistory } from '../../src/state/history.svelte';
import { makeSnapshot, type FixtureOptions } from './fixtures';

function historyOf(opts: FixtureOptions = {}, edit?: (s: ReturnType<typeof makeSnapshot>) => void): RunHistory {
  const h = new RunHistory();
  const s = makeSnapshot({ step: 20, historyRows: 20, ...opts });
  s.evaluation = { step: 20, taskLoss: 0.75, accuracy: 0.62, dropRate: 0.05, capacityFactor: 2 };
  edit?.(s);
  h.add(s);
  return h;
}

const seriesKeys = (c: HTMLElement, ghost = false) =>
  Array.from(c.querySelectorAll(`g.series${ghost ? '.ghost' : ':not(.ghost)'}`), (g) => g.getAttribute('data-series'));

describe('LossChart', () => {
  it('draws the default series in two plots, with a legend of latest values', () => {
    const { container, getByTestId } = render(LossChart, { history: historyOf(), balanceCoef: 0.01 });
    expect(container.querySelectorAll('svg[role="img"]')).toHaveLength(2);
    // z-loss starts hidden: its scale (≈ 5) would flatten the task loss
    expect(seriesKeys(container)).toEqual(['taskLoss', 'evalLoss', 'balanceLoss', 'accuracy', 'evalAccuracy', 'dropRate']);
    // the task loss line is a real path through 20 steps
    const d = container.querySelector('g.series[data-series="taskLoss"] path')!.getAttribute('d')!;
    expect(d.match(/L/g)).toHaveLength(19);
    // held-out: one measured point, drawn as a dot
    expect(container.querySelectorAll('g.series[data-series="evalLoss"] circle')).toHaveLength(1);
    const legend = container.querySelector('label[data-series="taskLoss"]')!;
    expect(legend.textContent).toContain('task loss (training)');
    // 1.2 / (1 + 0.05·20) = 0.6
    expect(legend.textContent).toContain('0.6');
    expect(container.querySelector('label[data-series="evalAccuracy"]')!.textContent).toContain('62.0%');
    expect(getByTestId('loss-latest').textContent).toMatch(/^Latest, step 20: task loss \(training\) 0\.6; task loss \(held-out\) 0\.75/);
  });

  it('toggles series from the legend and switches the loss axis to log', async () => {
    const { container, getByLabelText } = render(LossChart, { history: historyOf(), balanceCoef: 0.01 });
    const z = container.querySelector<HTMLInputElement>('label[data-series="zLoss"] input')!;
    await fireEvent.click(z);
    expect(seriesKeys(container)).toContain('zLoss');
    await fireEvent.click(z);
    expect(seriesKeys(container)).not.toContain('zLoss');
    await fireEvent.click(container.querySelector<HTMLInputElement>('label[data-series="balanceScaled"] input')!);
    expect(seriesKeys(container)).toContain('balanceScaled');
    // α·balance: 0.01 × 1.05
    expect(container.querySelector('label[data-series="balanceScaled"]')!.textContent).toContain('0.0105');

    const lossPlot = () => container.querySelector('svg[aria-label^="Losses"]')!;
    expect(lossPlot().getAttribute('data-scale')).toBe('linear');
    await fireEvent.click(getByLabelText('log scale'));
    expect(lossPlot().getAttribute('data-scale')).toBe('log');
    expect(container.querySelector('svg[aria-label^="Accuracy"]')!.getAttribute('data-scale')).toBe('unit');
  });

  it('moves a readout along the steps with the keyboard', async () => {
    const { getByRole, getByTestId, container } = render(LossChart, { history: historyOf(), balanceCoef: 0.01 });
    const chart = getByRole('application');
    expect(chart.tabIndex).toBe(0);
    await fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(getByTestId('loss-readout').textContent).toMatch(/^Step 20: task loss \(training\) 0\.6; task loss \(held-out\) 0\.75;/);
    await fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    // step 19: 1.2 / 1.95 = 0.615; the held-out value is from step 20, so none yet
    expect(getByTestId('loss-readout').textContent).toMatch(/^Step 19: task loss \(training\) 0\.615; task loss \(held-out\) –;/);
    expect(container.querySelectorAll('g.rule')).toHaveLength(2);
    expect(container.querySelector('g.rule')!.getAttribute('data-step')).toBe('19');
    await fireEvent.keyDown(chart, { key: 'Home' });
    expect(getByTestId('loss-readout').textContent).toMatch(/^Step 1:/);
    await fireEvent.keyDown(chart, { key: 'Escape' });
    expect(container.querySelector('g.rule')).toBeNull();
  });

  it('reads a held-out value from the latest evaluation before the step, naming its step', async () => {
    const history = historyOf();
    history.add(makeSnapshot({ step: 25, historyRows: 5 }));
    const { getByRole, getByTestId } = render(LossChart, { history, balanceCoef: 0.01 });
    await fireEvent.keyDown(getByRole('application'), { key: 'End' });
    expect(getByTestId('loss-readout').textContent).toContain('Step 25: task loss (training) 0.533; task loss (held-out) 0.75 (step 20);');
  });

  it('draws the previous run faint after an archive', async () => {
    const history = historyOf();
    const { container } = render(LossChart, { history, balanceCoef: 0.01 });
    expect(seriesKeys(container, true)).toEqual([]);
    history.archive();
    history.add(makeSnapshot({ step: 5, historyRows: 5, seed: 3 }));
    await tick();
    expect(seriesKeys(container, true)).toContain('taskLoss');
    expect(seriesKeys(container)).toContain('taskLoss');
    expect(container.textContent).toContain('faint: previous run');
    // the x axis spans both runs: the ghost's step 20 is on it
    expect(container.querySelector('g.series.ghost[data-series="taskLoss"] path')!.getAttribute('d')).toMatch(/L/);
  });

  it('leaves gaps for NaN balance losses and says n/a', () => {
    const history = historyOf({ spec: { scheme: 'expert-choice', k: 1, capacityFactor: 2 } }, (s) => s.history.balanceLoss.fill(NaN));
    const { container } = render(LossChart, { history, balanceCoef: 0.01 });
    expect(container.querySelector('label[data-series="balanceLoss"]')!.textContent).toContain('n/a');
    expect(container.querySelector('g.series[data-series="balanceLoss"] path')!.getAttribute('d')).toBe('');
    // other series are unaffected
    expect(container.querySelector('g.series[data-series="taskLoss"] path')!.getAttribute('d')).not.toBe('');
  });

  it('says when there is nothing to draw yet', () => {
    const { getByTestId } = render(LossChart, { history: new RunHistory(), balanceCoef: 0.01 });
    expect(getByTestId('loss-readout').textContent).toContain('No steps yet');
  });
});
