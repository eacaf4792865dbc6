// The A/B comparison page as a person sees it: both runs' differences, what they do not share,
// run controls that drive both, the loss of both with B − A at a step, the runs' views side by side
// or one at a time, an edit that gives the page its new definition, the seeds' bands, and Chinese.

import { fireEvent, render, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CompareView from '../../src/components/compare/CompareView.svelte';
import { locale } from '../../src/i18n/index.svelte';
import { pairOf, type CompareDefinition } from '../../src/state/compare/definition';
import { schemaDefaults } from '../../src/state/schema';
import { comparePair } from '../state/compareHarness';
import type { FakeWorker } from '../state/sessionHarness';
import { makeSnapshot } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  locale.lang = 'en';
});

const base = { ...schemaDefaults(), backend: 'wasm' as const };
const moreExperts = (): CompareDefinition => ({ ...pairOf(base), b: { ...base, experts: 16 } });

/** A worker reports a trained step with `rows` history rows; B's losses scaled so the arms differ. */
function trained(w: FakeWorker, step: number, scale = 1) {
  const s = makeSnapshot({ step, historyRows: step, E: 8 });
  s.history.taskLoss = s.history.taskLoss.map((v) => v * scale);
  w.reply({ type: 'snapshot', snapshot: s });
  w.reply({ type: 'paused', reason: null, step });
}

describe('CompareView', () => {
  it('shows where each run differs, and what they do not share', () => {
    const { compare } = comparePair(moreExperts());
    const { getByTestId } = render(CompareView, { compare });
    const summary = getByTestId('compare-summary');
    expect(within(summary).getByText('Run A').closest('section')!.querySelector('[data-setting="experts"] mark')!.textContent).toBe('8');
    expect(summary.querySelector('[data-arm="b"] [data-setting="experts"]')!.textContent).toBe('Experts E: 16');
    const note = getByTestId('not-shared');
    expect(note.querySelector('[data-weight="router"]')!.textContent).toBe('router: 16×8 in A, 16×16 in B; the first 8 experts start equal, the others are new');
    // T and the data are the same: the batches are shared, so nothing says otherwise
    expect(note.querySelector('[data-what="batches"]')).toBeNull();
    expect(note.textContent).toContain('Every other weight starts equal');
  });

  it('says when nothing differs but the settings', () => {
    const { compare } = comparePair({ ...pairOf(base), b: { ...base, lr: 0.02 } });
    const { getByTestId } = render(CompareView, { compare });
    expect(getByTestId('not-shared').textContent).toContain('Nothing: both start from the same weights');
  });

  it('plays both runs together and reads both losses and B − A at a step', async () => {
    const { compare, a, b } = comparePair(moreExperts(), 20);
    const { getByRole, getByTestId, container } = render(CompareView, { compare });
    await fireEvent.click(getByRole('button', { name: /Play/ }));
    expect(a.sent('runTo').at(-1)!.step).toBe(20);
    expect(b.sent('runTo').at(-1)!.step).toBe(20);
    expect(getByRole('button', { name: /Pause/ })).toBeInTheDocument();
    trained(a, 20);
    trained(b, 20, 2);
    await fireEvent.click(getByRole('button', { name: /Pause/ }));
    await tick();
    expect(getByTestId('compare-run').textContent).toContain('A at step 20 · B at step 20');
    // A solid, B dashed: two task-loss lines
    const lines = container.querySelectorAll('[data-testid="compare-loss"] g.series');
    expect(Array.from(lines, (g) => g.getAttribute('data-series'))).toEqual(['a-taskLoss', 'b-taskLoss']);
    expect(lines[1].querySelector('path')!.getAttribute('stroke-dasharray')).toBe('6 4');
    // the axis fits the losses (0.6 to 2.3), not from 0, so the gap between the runs shows
    const ticks = Array.from(container.querySelectorAll('[data-testid="compare-loss"] .tick text'), (el) => Number(el.textContent));
    expect(Math.min(...ticks)).toBeGreaterThan(0.4);
    // the readout at the last step: 1.2/(1 + 0.05·20) = 0.6 for A, twice that for B
    await fireEvent.keyDown(getByRole('application', { name: 'Task loss of runs A and B by step' }), { key: 'End' });
    expect(getByTestId('compare-readout').textContent).toBe('Step 20: A 0.6, B 1.2, B − A +0.6');
    expect(getByTestId('compare-latest').textContent).toBe('Latest: A 0.6 at step 20; B 1.2 at step 20.');
    // and as a table
    const rows = container.querySelectorAll('[data-testid="compare-loss"] tbody tr');
    expect(rows[rows.length - 1].textContent).toBe('200.61.2+0.6');
  });

  it('shows the runs’ views side by side, or one at a time', async () => {
    const { compare, a, b } = comparePair(moreExperts());
    const { getByTestId } = render(CompareView, { compare });
    trained(a, 1);
    trained(b, 1);
    await tick();
    const arms = getByTestId('compare-arms');
    expect(Array.from(arms.querySelectorAll('section[data-arm]'), (s) => s.getAttribute('data-arm'))).toEqual(['a', 'b']);
    for (const arm of ['a', 'b']) expect(Array.from(arms.querySelectorAll(`[data-arm="${arm}"] h4`), (h) => h.textContent)).toEqual(['Routing flow', 'Expert load', 'Expert utilisation over time']);
    await fireEvent.click(within(arms).getByRole('button', { name: 'B' }));
    expect(Array.from(arms.querySelectorAll('section[data-arm]'), (s) => s.getAttribute('data-arm'))).toEqual(['b']);
    expect(within(arms).getByRole('button', { name: 'B' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('edits B from a preset and gives the page the new definition', async () => {
    const { compare } = comparePair(pairOf(base));
    const onchange = vi.fn();
    const { getByRole, getByTestId } = render(CompareView, { compare, onchange });
    expect(getByRole('tab', { name: 'Edit B' })).toHaveAttribute('aria-selected', 'true');
    const editor = getByRole('tabpanel');
    await fireEvent.change(within(editor).getByRole('combobox', { name: /Preset/ }), { target: { value: 'mixtral' } });
    expect(onchange).toHaveBeenCalledTimes(1);
    const def = onchange.mock.calls[0][0] as CompareDefinition;
    expect(def.presetB).toBe('mixtral');
    expect(def.a).toEqual(base);
    expect(getByTestId('compare-summary').querySelector('[data-arm="b"] h3')!.textContent).toContain('based on Mixtral 8x7B');
    // a setting of A, from A's tab
    await fireEvent.click(getByRole('tab', { name: 'Edit A' }));
    const experts = getByRole('tabpanel').querySelector<HTMLInputElement>('[data-setting="experts"] input[type="number"]')!;
    await fireEvent.change(experts, { target: { value: '4' } });
    expect(onchange.mock.calls.at(-1)![0].a.experts).toBe(4);
  });

  it('repeats over seeds and shades each run’s spread', async () => {
    const { compare } = comparePair({ ...moreExperts(), step: 40 });
    const { getByTestId, container } = render(CompareView, { compare });
    const seeds = getByTestId('compare-seeds');
    const count = within(seeds).getByRole('spinbutton', { name: 'Seeds' });
    await fireEvent.change(count, { target: { value: '3' } });
    expect(seeds.textContent).toContain('seeds 1 to 3 in the background, 40 steps each');
    await fireEvent.click(within(seeds).getByRole('button', { name: 'Run 3 seeds' }));
    await tick();
    expect(Array.from(container.querySelectorAll('path.band'), (p) => p.getAttribute('data-band'))).toEqual(['a', 'b']);
    expect(container.querySelector('[data-testid="compare-loss"] .legend')!.textContent).toContain('spread over 3 seeds');
  });

  it('speaks Chinese', async () => {
    locale.lang = 'zh-CN';
    const { compare } = comparePair(moreExperts());
    const { getByRole, getByTestId } = render(CompareView, { compare });
    expect(getByRole('heading', { name: 'A/B 对比' })).toBeInTheDocument();
    expect(getByTestId('not-shared').querySelector('[data-weight="router"]')!.textContent).toBe('router：A 中为 16×8，B 中为 16×16；前 8 个专家起点相同，其余是新的');
    expect(getByRole('tab', { name: '编辑 B' })).toBeInTheDocument();
  });
});
