// The sweep page as a person sees it: the plan and its estimate (and the warning for a long one),
// progress and the buttons while running, the results in the heatmap and the table, diverged
// cells marked, the ST-MoE table beside the toy's, and the page in Chinese. The pool's state is
// set directly (its fields are the views' contract), so no worker runs here.

import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SweepView from '../../src/components/sweep/SweepView.svelte';
import type { JobResult } from '../../src/engine/experiments/job';
import { locale } from '../../src/i18n/index.svelte';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';
import type { SweepDefinition } from '../../src/state/sweep/definition';
import { definitionOf, readyMadeDefinition } from '../../src/state/sweep/readyMade';
import { SweepState } from '../../src/state/sweep/sweep.svelte';
import { fakeResult } from '../state/sweepFixtures';

const base = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...schemaDefaults(), backend: 'wasm', ...over });
const runHref = (c: MoeConfig) => `#k=${c.topK}&cf=${c.capacityFactor}&ecf=${c.evalCapacityFactor}`;

function show(def: SweepDefinition, onchange?: (d: SweepDefinition) => void) {
  const sweep = new SweepState(def, { storage: null, pool: { cache: null } });
  const view = render(SweepView, { sweep, runHref, onchange });
  return { sweep, ...view };
}

/** Every job of the sweep finished with loss = f(cell index, seed). */
function finish(sweep: SweepState, loss: (cell: number, seed: number) => number, over: (cell: number, seed: number) => Partial<JobResult> = () => ({})): void {
  const results = new Map<string, JobResult>();
  for (const cell of sweep.cells) cell.jobs.forEach((j, s) => results.set(j.id, fakeResult(j, loss(cell.index, s), over(cell.index, s))));
  sweep.pool.results = results;
  sweep.pool.status = 'done';
  sweep.pool.progress = { total: results.size, done: results.size, cached: 0, failed: 0, running: 0, elapsedMs: 65_000, etaMs: 0 };
  flushSync();
}

describe('SweepView', () => {
  afterEach(() => {
    locale.lang = 'en';
  });

  it('says what will run and about how long, before it starts', () => {
    const { getByTestId, queryByTestId } = show(readyMadeDefinition('alpha', base()));
    expect(getByTestId('sweep-plan').textContent).toContain('6 cells × 3 seeds: 18 training runs of 400 steps');
    expect(getByTestId('sweep-estimate').textContent).toMatch(/This will take about \d+ (s|min) on \d+ worker\(s\) \(wasm\)/);
    expect(queryByTestId('sweep-long')).toBeNull();
    expect(screen.getByRole('button', { name: 'Run sweep' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  });

  it('warns before a sweep that would take longer than a few minutes', () => {
    const def = { ...readyMadeDefinition('st-moe', base()), steps: 5000, seeds: 10, workers: 1 };
    show(def);
    expect(screen.getByRole('alert').textContent).toMatch(/This sweep will take about \d+ min/);
  });

  it('shows progress and the time left while running, with Cancel enabled', async () => {
    const { sweep } = show(readyMadeDefinition('st-moe', base()));
    const cancel = vi.spyOn(sweep.pool, 'cancel');
    sweep.pool.status = 'running';
    sweep.pool.progress = { total: 36, done: 10, cached: 4, failed: 0, running: 2, elapsedMs: 30_000, etaMs: 125_000 };
    flushSync();
    const progress = screen.getByTestId('sweep-progress');
    expect(progress.textContent).toContain('10 of 36 runs done');
    expect(progress.textContent).toContain('4 from the cache');
    expect(progress.textContent).toContain('about 2 min left');
    expect(within(progress).getByRole('progressbar')).toHaveAttribute('value', '10');
    expect(screen.getByRole('button', { name: 'Run sweep' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: /Balance loss α/ })).toBeDisabled();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledOnce();
  });

  it('shows each cell’s mean in the table and on the heatmap, each opening as a run', () => {
    const def = { ...definitionOf('custom', base()), x: { key: 'topK' as const, values: [1, 2, 4] }, seeds: 2 };
    const { sweep, getByTestId } = show(def);
    finish(sweep, (cell, seed) => 1 + cell / 10 + seed / 100);
    const table = getByTestId('sweep-table');
    const means = [...table.querySelectorAll('td[data-col="mean"]')].map((td) => td.textContent!.trim());
    expect(means).toEqual(['1.005', '1.105', '1.205']);
    expect(table.querySelector('tr[data-cell="0"] td[data-col="range"]')!.textContent).toBe('1.000 – 1.010');
    expect(table.querySelector('tr[data-cell="0"] td[data-col="n"]')!.textContent).toBe('2/2');
    expect(within(table).getAllByRole('link', { name: 'open' })[2]).toHaveAttribute('href', '#k=4&cf=1.25&ecf=2');
    const heatmap = getByTestId('sweep-heatmap');
    expect([...heatmap.querySelectorAll('text.value')].map((t) => t.textContent!.trim())).toEqual(['1.005', '1.105', '1.205']);
    const cell = heatmap.querySelector('a[data-cell="1"]')!;
    expect(cell.getAttribute('aria-label')).toContain('Top-k = 2: Held-out loss 1.105');
    expect(cell.getAttribute('href')).toBe('#k=2&cf=1.25&ecf=2');
    // the colour scale is labelled: the worst and best means
    expect(heatmap.querySelector('.legend')!.textContent).toContain('1.205 (worse)');
    expect(heatmap.querySelector('.legend')!.textContent).toContain('1.005 (better)');
    expect(screen.getByTestId('sweep-progress').textContent).toContain('finished in 1 min');
  });

  it('marks a diverged cell and keeps the others', () => {
    const def = { ...definitionOf('custom', base()), x: { key: 'lr' as const, values: [0.01, 0.3] }, seeds: 1 };
    const { sweep, getByTestId } = show(def);
    finish(sweep, () => 0.9, (cell) => (cell === 1 ? { nonFinite: 'step 40: loss Infinity' } : {}));
    const row = getByTestId('sweep-table').querySelector('tr[data-cell="1"]')!;
    expect(row.querySelector('td[data-col="mean"]')!.textContent!.trim()).toBe('diverged');
    expect(row.querySelector('td[data-col="notes"]')!.textContent).toContain('1 of 1 seeds diverged');
    const cells = [...getByTestId('sweep-heatmap').querySelectorAll('text.value')].map((t) => t.textContent!.trim());
    expect(cells).toEqual(['0.900', 'diverged']);
  });

  it('puts ST-MoE’s table beside the toy’s, with the orderings the toy shares', () => {
    const { sweep, getByTestId } = show(readyMadeDefinition('st-moe', base()));
    expect(getByTestId('stmoe-summary').textContent).toContain('run the sweep');
    // a toy where a larger CF and a larger k always help: every paper ordering holds
    const loss = (cell: number, evalCf: number) => {
      const c = sweep.cells[cell].config;
      return 2 - c.capacityFactor! / 10 - c.topK / 100 - evalCf / 1000;
    };
    finish(
      sweep,
      () => 0,
      (cell, seed) => {
        const job = sweep.cells[cell].jobs[seed];
        return { heldOut: job.evalCapacityFactors.map((cf) => ({ evalCapacityFactor: cf, loss: loss(cell, cf!), accuracy: 0, dropRate: 0 })) };
      },
    );
    const stmoe = getByTestId('stmoe');
    expect(stmoe.querySelector('tr[data-row="0.75/0.75"]')!.textContent).toContain('-1.428');
    expect(getByTestId('stmoe-summary').textContent).toMatch(/shares (\d+) of the paper’s \1 orderings/);
    expect(stmoe.querySelectorAll('li.agree').length).toBeGreaterThan(10);
    expect(stmoe.textContent).toContain('What a toy can and cannot show');
  });

  it('reads typed values and tells the page the new definition', async () => {
    const changed = vi.fn();
    show(definitionOf('custom', base()), changed);
    const input = document.getElementById('sweep-x-values') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '0.5, none, big' } });
    await fireEvent.change(input);
    expect(changed).toHaveBeenCalledOnce();
    expect(changed.mock.calls[0][0].x).toEqual({ key: 'capacityFactor', values: [0.5, null] });
    expect(screen.getByRole('status', { name: '' }).textContent).toContain('big');
  });

  it('is in Chinese when the page is', () => {
    locale.lang = 'zh-CN';
    show(readyMadeDefinition('st-moe', base()));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('参数扫描');
    expect(screen.getByRole('button', { name: '运行扫描' })).toBeInTheDocument();
    expect(screen.getByTestId('sweep-estimate').textContent).toMatch(/预计约需/);
  });
});
