import { fireEvent, render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import RoutingFlow from '../../src/components/RoutingFlow.svelte';
import { countChoices } from '../../src/engine/model/metrics';
import { FIXTURE_VOCAB, makeSnapshot } from './fixtures';

function counts(s: ReturnType<typeof makeSnapshot>) {
  const { choices, dropped } = countChoices(s.experts, s.dropped);
  return { choices, dropped, kept: choices - dropped };
}

describe('RoutingFlow', () => {
  it('states the batch numbers, with the drops, in its text alternative and data attributes', () => {
    const snapshot = makeSnapshot({ T: 32, E: 4, spec: { capacityFactor: 0.75 } });
    const c = counts(snapshot);
    expect(c.dropped).toBeGreaterThan(0);
    const { container, getByTestId } = render(RoutingFlow, { snapshot, shared: 1 });
    const root = container.querySelector('.routing-flow')!;
    expect(root.getAttribute('data-tokens')).toBe('32');
    expect(root.getAttribute('data-choices')).toBe(String(c.choices));
    expect(root.getAttribute('data-dropped')).toBe(String(c.dropped));
    expect(root.getAttribute('data-kept')).toBe(String(c.kept));
    expect(root.getAttribute('data-mode')).toBe('slots');
    const summary = getByTestId('flow-summary').textContent!;
    expect(summary).toContain(`32 tokens, ${c.choices} choices: ${c.kept} kept, ${c.dropped} dropped → residual`);
    expect(summary).toContain(`capacity ${snapshot.capacity}`);
    const experts = getByTestId('flow-experts').textContent!;
    expect(experts).toContain(`expert 0: ${snapshot.kept[0]}/${snapshot.capacity} slots, ${snapshot.load[0]} sent`);
    expect(experts).toContain('shared expert 1: all 32 tokens');
    // the SVG labels the columns and the lane
    expect(container.querySelector('svg')!.textContent).toContain('dropped → residual');
    expect(container.querySelector('svg')!.textContent).toContain('S1');
  });

  it('says dropless when there is no capacity, and turns dense past 600 tokens', () => {
    const snapshot = makeSnapshot({ T: 1024, E: 8, spec: { capacityFactor: null } });
    const { container, getByTestId } = render(RoutingFlow, { snapshot, shared: 0 });
    expect(container.querySelector('.routing-flow')!.getAttribute('data-mode')).toBe('dense');
    expect(getByTestId('flow-summary').textContent).toContain('1024 tokens, 2048 choices, all kept (dropless)');
    expect(container.querySelector('.cap')).toBeNull();
  });

  it('calls onselect with a token picked from the token list, and lists the selected token’s choices', async () => {
    const snapshot = makeSnapshot({ T: 32, E: 4, text: true, spec: { capacityFactor: 0.75 } });
    const onselect = vi.fn();
    const { getAllByRole, getByTestId, rerender } = render(RoutingFlow, { snapshot, shared: 1, vocab: FIXTURE_VOCAB, onselect });
    // token 0 is id 1, a space
    const first = getAllByRole('button').find((b) => b.textContent!.includes('token 0 “␣”'))!;
    await fireEvent.click(first);
    expect(onselect).toHaveBeenCalledWith(0);

    // a token with a dropped choice
    const t = Array.from({ length: snapshot.T }, (_, i) => i).find((i) => snapshot.dropped[i * 2] || snapshot.dropped[i * 2 + 1])!;
    await rerender({ snapshot, shared: 1, vocab: FIXTURE_VOCAB, onselect, selected: t });
    const box = getByTestId('flow-selected');
    const items = Array.from(box.querySelectorAll('li[data-expert]'));
    expect(items.map((li) => Number(li.getAttribute('data-expert')))).toEqual([snapshot.experts[2 * t], snapshot.experts[2 * t + 1]]);
    expect(box.querySelectorAll('li.dropped').length).toBe(snapshot.dropped[2 * t] + snapshot.dropped[2 * t + 1]);
    expect(box.textContent).toContain(`weight ${snapshot.weights[2 * t].toFixed(2)}`);
    expect(box.textContent).toContain('dropped → residual');
    expect(box.textContent).toContain('shared expert 1');
    await fireEvent.click(getAllByRole('button', { name: 'Clear' })[0]);
    expect(onselect).toHaveBeenLastCalledWith(null);
  });

  it('moves the selection with the arrow keys and clears it with Escape', async () => {
    const snapshot = makeSnapshot({ T: 16, E: 4 });
    const onselect = vi.fn();
    const { getByRole, rerender } = render(RoutingFlow, { snapshot, shared: 0, onselect, selected: null });
    const stage = getByRole('slider');
    expect(stage.getAttribute('aria-valuetext')).toBe('no token selected');
    await fireEvent.keyDown(stage, { key: 'ArrowRight' });
    expect(onselect).toHaveBeenLastCalledWith(0);
    await rerender({ snapshot, shared: 0, onselect, selected: 3 });
    await fireEvent.keyDown(stage, { key: 'ArrowLeft' });
    expect(onselect).toHaveBeenLastCalledWith(2);
    await fireEvent.keyDown(stage, { key: 'End' });
    expect(onselect).toHaveBeenLastCalledWith(15);
    await fireEvent.keyDown(stage, { key: 'Escape' });
    expect(onselect).toHaveBeenLastCalledWith(null);
  });
});
