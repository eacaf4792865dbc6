// The trace page as a person sees it, on a hand-built trace (2 layers, E = 4, k = 2, 6 tokens
// with text; traceFixtures.svelte.ts lists its choices): the summary, the layer picker, the token
// inspector, the capacity what-if's hand-computed drops, a failed open's problems (the trace shown
// stays), and what a counts-only or balance-only trace leaves out, and why.

import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import TraceView from '../../../src/components/traces/TraceView.svelte';
import type { Trace } from '../../../src/engine/traces/types';
import { locale } from '../../../src/i18n/index.svelte';
import { schemaDefaults } from '../../../src/state/schema';
import { TracePage } from '../../../src/state/traces/tracePage.svelte';
import { countsTrace, FakeTraceLoader, handTrace } from './traceFixtures.svelte';

const config = { ...schemaDefaults(), capacityFactor: 1, dropPolicy: 'position' as const };

function show(trace: Trace | null, answers: ConstructorParameters<typeof FakeTraceLoader>[0] = {}) {
  const loader = new FakeTraceLoader(answers);
  if (trace) {
    loader.trace = trace;
    loader.status = 'ready';
  }
  const page = new TracePage(loader, config);
  const view = render(TraceView, { page, config });
  // the panels mount one per task (stagedReveal): run those tasks now
  vi.runAllTimers();
  flushSync();
  return { page, loader, ...view };
}

const panel = (id: string) => document.querySelector<HTMLElement>(`section[data-panel="${id}"]`);
/** the load bars' text alternative: "expert e kept/load" for each expert */
const bars = (id: string) => within(panel(id)!).getByRole('img').getAttribute('aria-label') ?? '';

describe('TraceView', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    locale.lang = 'en';
  });

  it('summarises the trace: model, synthetic, source, files, tokens, each layer’s E and k, notes', () => {
    show(handTrace());
    const summary = within(panel('trace-summary')!);
    expect(summary.getByText(/Tiny-MoE/)).toBeInTheDocument();
    expect(summary.getByText('synthetic')).toBeInTheDocument();
    expect(summary.getByText('this project’s format')).toBeInTheDocument();
    expect(summary.getByText('tiny.jsonl (2.0 KB)')).toBeInTheDocument();
    expect(summary.getByText('6')).toBeInTheDocument();
    expect(summary.getByText('layers.0.gate: E = 4, k = 2')).toBeInTheDocument();
    expect(summary.getByText('layers.1.gate: E = 4, k = 2')).toBeInTheDocument();
    expect(summary.getByText('six tokens by hand')).toBeInTheDocument();
  });

  it('switches layers with the picker and the ] [ keys; the load bars follow', () => {
    const { page } = show(handTrace());
    // layer 0's load is 6, 2, 2, 2; layer 1's is 2, 3, 4, 3
    expect(bars('trace-load')).toContain('expert 0 6/6, expert 1 2/2');
    fireEvent.change(screen.getByLabelText('Layer'), { target: { value: '1' } });
    flushSync();
    expect(page.view.layer).toBe(1);
    expect(bars('trace-load')).toContain('expert 0 2/2, expert 1 3/3, expert 2 4/4');
    fireEvent.keyDown(window, { key: '[' });
    flushSync();
    expect(page.view.layer).toBe(0);
    fireEvent.keyDown(window, { key: ']' });
    fireEvent.keyDown(window, { key: ']' });
    flushSync();
    // no layer past the last
    expect(page.view.layer).toBe(1);
  });

  it('the inspector shows a token’s experts and weights in every layer, its domain and document', () => {
    show(handTrace());
    const inspector = within(panel('trace-inspector')!);
    // whitespace made visible, text shown as text
    fireEvent.click(inspector.getByRole('option', { name: '␣cat' }));
    flushSync();
    expect(inspector.getByRole('heading', { name: 'Token 1: “␣cat”' })).toBeInTheDocument();
    const rows = inspector.getAllByRole('row').slice(1);
    // t1: layer 0 → 0 (.9), 2 (.1); layer 1 → 1 (.55), 2 (.45)
    expect(rows[0].textContent).toContain('expert 0 (0.900)');
    expect(rows[0].textContent).toContain('expert 2 (0.100)');
    expect(rows[1].textContent).toContain('expert 1 (0.550)');
    expect(rows[1].textContent).toContain('expert 2 (0.450)');
    expect(inspector.getByText('Domain: poetry')).toBeInTheDocument();
    expect(inspector.getByText('Document: a.txt')).toBeInTheDocument();
    // the arrow keys on the strip: t3 is a line end, t4 " on" in the second document
    const strip = inspector.getByRole('listbox');
    fireEvent.keyDown(strip, { key: 'ArrowRight' });
    fireEvent.keyDown(strip, { key: 'ArrowRight' });
    fireEvent.keyDown(strip, { key: 'ArrowRight' });
    flushSync();
    expect(inspector.getByRole('heading', { name: 'Token 4: “␣on”' })).toBeInTheDocument();
    expect(inspector.getByText('Document: b.txt')).toBeInTheDocument();
    expect(inspector.getByRole('option', { name: '⏎' })).toBeInTheDocument();
  });

  it('the capacity what-if shows the hand-computed drops', () => {
    show(handTrace());
    const capacity = within(panel('trace-capacity')!);
    // CF 1: C = ⌈6·2·1/4⌉ = 3; by position expert 0 (load 6) drops t3, t4, t5: 3 of 12
    expect(capacity.getByText(/C = 3 choices per expert: 3 of 12 choices dropped \(25\.0%\)/)).toBeInTheDocument();
    expect(capacity.getByText(/3 tokens lose a choice; 0 lose all of theirs/)).toBeInTheDocument();
    // the kept bars: expert 0 keeps 3 of its 6, capacity 3
    expect(bars('trace-capacity')).toBe('Expert load: expert 0 3/6, expert 1 2/2, expert 2 2/2, expert 3 2/2; capacity 3');
    // CF 0.5, batch prioritized: C = 2, four dropped (the engine test works it through)
    fireEvent.change(capacity.getByLabelText('Capacity factor'), { target: { value: '0.5' } });
    fireEvent.change(capacity.getByLabelText('Drop policy'), { target: { value: 'bpr' } });
    flushSync();
    expect(capacity.getByText(/C = 2 choices per expert: 4 of 12 choices dropped \(33\.3%\)/)).toBeInTheDocument();
  });

  it('without gate weights offers only the policies that need none, and says why', () => {
    const trace = handTrace();
    trace.layers = trace.layers.map(({ weights: _weights, ...l }) => l);
    show(trace);
    const capacity = within(panel('trace-capacity')!);
    const options = within(capacity.getByLabelText('Drop policy')).getAllByRole('option');
    expect(options.map((o) => (o as HTMLOptionElement).value)).toEqual(['position', 'slot-major']);
    expect(capacity.getByText(/no gate weights/)).toBeInTheDocument();
    expect(panel('trace-inspector')!.textContent).toContain('expert 0');
  });

  it('a file that fails shows its problems with file and line in an alert, and the trace shown stays', async () => {
    const { page } = show(handTrace(), { 'bad.jsonl': [{ code: 'expert-range', file: 'bad.jsonl', line: 7, field: 'choices[0][1]', values: { expert: 9, E: 8, layer: 1 } }] });
    await page.openFiles([new File(['x'], 'bad.jsonl')]);
    flushSync();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('bad.jsonl');
    expect(alert.textContent).toContain('line 7');
    expect(alert.textContent).toContain('expert 9 is not below E = 8');
    expect(alert.textContent).toContain('did not open');
    expect(within(panel('trace-summary')!).getByText(/Tiny-MoE/)).toBeInTheDocument();
  });

  it('a counts-only trace has load, heatmap and utilisation but no inspector, co-activation or capacity, and says why', () => {
    show(countsTrace());
    expect(panel('trace-load')).not.toBeNull();
    // layer 0's counts over its two records: 3+1, 1+1, 0+2, 2+2
    expect(bars('trace-load')).toContain('expert 0 4/4, expert 1 2/2, expert 2 2/2, expert 3 4/4');
    expect(panel('trace-heatmap')).not.toBeNull();
    expect(panel('trace-utilisation')).not.toBeNull();
    // counts place the experts on the cluster too (the traffic, which needs tokens, says so)
    expect(panel('trace-cluster')).not.toBeNull();
    expect(panel('trace-inspector')).toBeNull();
    expect(panel('trace-coactivation')).toBeNull();
    expect(panel('trace-capacity')).toBeNull();
    expect(screen.getByText(/holds counts per expert, not each token’s choices/)).toBeInTheDocument();
    expect(screen.getByRole('option', { name: '1: 1' })).toBeInTheDocument();
  });

  it('a vLLM log has only its balance over time, and says what the log lacks', () => {
    show(handTrace({ source: 'vllm-log', layers: [], tokens: undefined, balance: [{ step: 0, avgTokens: 10, maxTokens: 20, balancedness: 0.5 }] }));
    expect(panel('trace-balance')).not.toBeNull();
    for (const id of ['trace-load', 'trace-heatmap', 'trace-inspector', 'trace-capacity', 'trace-utilisation', 'trace-cluster', 'trace-coactivation']) expect(panel(id)).toBeNull();
    expect(screen.getByText(/names no expert, layer or token/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Layer')).toBeNull();
  });

  it('the empty page lists the examples, each synthetic, says files stay local, and opens an example', async () => {
    const { loader, page } = show(null, { sglang: countsTrace() });
    expect(screen.getByText(/Files never leave your browser/)).toBeInTheDocument();
    const examples = ['This project’s trace format', 'Megatron-LM router trace', 'Hugging Face model (through the converter)', 'SGLang expert distribution (through the converter)', 'vLLM EPLB log'];
    for (const name of examples) expect(screen.getByRole('button', { name })).toBeInTheDocument();
    expect(screen.getAllByText('synthetic')).toHaveLength(5);
    expect(screen.getByRole('link', { name: /hf_router_trace\.py/ })).toHaveAttribute('href', 'converters/hf_router_trace.py');
    expect(screen.getByRole('link', { name: /sglang_expert_distribution\.py/ })).toHaveAttribute('href', 'converters/sglang_expert_distribution.py');
    await fireEvent.click(screen.getByRole('button', { name: 'SGLang expert distribution (through the converter)' }));
    await Promise.resolve();
    flushSync();
    expect(loader.opened).toEqual(['sglang']);
    expect(page.linkExample).toBe('sglang');
    expect(screen.getByText('A link to this page opens this example.')).toBeInTheDocument();
  });

  it('shows progress and cancels a read under way; a file’s trace says it cannot be in a link', async () => {
    const { loader, page } = show(null, { 'mine.jsonl': handTrace() });
    loader.status = 'reading';
    loader.progress = { bytes: 1024, total: 4096 };
    flushSync();
    expect(screen.getByText('Reading 1.0 KB of 4.0 KB…')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(loader.cancelled).toBe(1);
    await page.openFiles([new File(['{}'], 'mine.jsonl')]);
    flushSync();
    expect(screen.getByText(/cannot be in a link/)).toBeInTheDocument();
  });

  it('mounts a new trace’s panels one per task, each after a task that works out its numbers, so no one task draws them all', () => {
    const loader = new FakeTraceLoader({});
    loader.trace = handTrace();
    loader.status = 'ready';
    render(TraceView, { page: new TracePage(loader, config), config });
    flushSync();
    const shown = () => [...document.querySelectorAll('section[data-panel]')].map((s) => s.getAttribute('data-panel'));
    expect(shown()).toEqual(['trace-summary']);
    // a task works out the load panel's numbers, the next one mounts it
    vi.advanceTimersToNextTimer();
    flushSync();
    expect(shown()).toEqual(['trace-summary']);
    vi.advanceTimersToNextTimer();
    flushSync();
    expect(shown()).toEqual(['trace-summary', 'trace-load']);
    vi.runAllTimers();
    flushSync();
    expect(shown()).toEqual(['trace-summary', 'trace-load', 'trace-capacity', 'trace-heatmap', 'trace-inspector', 'trace-coactivation', 'trace-utilisation', 'trace-cluster']);
  });

  it('speaks Chinese', () => {
    locale.lang = 'zh-CN';
    show(handTrace());
    expect(screen.getByRole('heading', { name: '词元检查器' })).toBeInTheDocument();
    expect(within(panel('trace-summary')!).getByText('合成')).toBeInTheDocument();
  });
});
