import { fireEvent, render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import TokenInspector from '../../src/components/TokenInspector.svelte';
import { FIXTURE_DOMAINS, FIXTURE_VOCAB, makeSnapshot } from './fixtures';

/** The first token with a dropped choice, and that choice's slot index. */
function firstDrop(s: ReturnType<typeof makeSnapshot>): { token: number; slot: number } {
  const i = s.dropped.indexOf(1);
  expect(i).toBeGreaterThanOrEqual(0);
  return { token: Math.floor(i / s.k), slot: i % s.k };
}

describe('TokenInspector', () => {
  it('shows a point token, its chosen experts and its scores over all experts', () => {
    const s = makeSnapshot({ T: 32, E: 4, spec: { k: 2, capacityFactor: null } });
    const { container, getByTestId, getByRole } = render(TokenInspector, {
      snapshot: s,
      token: 3,
    });
    expect(getByRole('heading', { name: 'Token #3' })).toBeInTheDocument();
    expect(getByTestId('inspector-point').textContent).toBe(`(${s.points![6].toFixed(2)}, ${s.points![7].toFixed(2)})`);
    const choices = container.querySelectorAll('li.choice');
    expect(Array.from(choices, (c) => Number(c.getAttribute('data-expert')))).toEqual([s.experts[6], s.experts[7]]);
    expect(choices[0].textContent).toContain(`weight ${s.weights[6].toFixed(3)}`);
    expect(getByTestId('inspector-summary').textContent).toContain('2 of 2 choices kept, 0 dropped');
    expect(container.textContent).toContain('Dropless');
    // one bar per expert, highest score first, chosen ones marked
    const bars = container.querySelectorAll('li.score');
    expect(bars).toHaveLength(4);
    const scores = Array.from(bars, (b) => Number(b.querySelector('.value')!.textContent));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(container.querySelectorAll('li.score.chosen')).toHaveLength(2);
  });

  it('reads a batch by the settings it was routed with, not by settings that moved on since', () => {
    // an expert-choice batch still on screen after the page switched back to token choice
    const s = makeSnapshot({ T: 16, E: 4, spec: { scheme: 'expert-choice', k: 4, capacityFactor: 1 } });
    expect(s.routedWith.scheme).toBe('expert-choice');
    const { container } = render(TokenInspector, { snapshot: s, token: 0 });
    expect(container.textContent).toContain('Expert choice: each expert picked its');
    expect(container.textContent).not.toContain('Dropless');
  });

  it('explains a dropped choice: the capacity and the tokens that took the slots first', async () => {
    const s = makeSnapshot({ T: 48, E: 4, seed: 2, spec: { k: 2, capacityFactor: 0.75, dropPolicy: 'slot-major' } });
    const { token, slot } = firstDrop(s);
    const onselect = vi.fn();
    const { container, getByTestId } = render(TokenInspector, {
      snapshot: s,
      token,
      onselect,
    });
    const expert = s.experts[token * s.k + slot];
    const dropped = container.querySelector('li.choice[data-dropped="1"]')!;
    expect(dropped.getAttribute('data-expert')).toBe(String(expert));
    expect(dropped.textContent).toContain(`Expert ${expert} was full (capacity ${s.capacity})`);
    expect(dropped.textContent).toContain('slot-major');
    const takers = dropped.querySelectorAll('button.taker');
    expect(takers.length).toBe(Math.min(12, s.capacity!));
    expect(getByTestId('inspector-summary').textContent).toMatch(/1 dropped/);
    await fireEvent.click(takers[0]);
    expect(onselect).toHaveBeenCalledTimes(1);
    const picked = onselect.mock.calls[0][0] as number;
    // the first taker was queued ahead: a kept choice of the same expert
    const slots = Array.from({ length: s.k }, (_, j) => picked * s.k + j).filter((i) => s.experts[i] === expert);
    expect(slots).toHaveLength(1);
    expect(s.dropped[slots[0]]).toBe(0);
    expect(container.querySelectorAll('li.score.dropped')).toHaveLength(1);
  });

  it('shows a text token with its domain, and says when scores were not sent', () => {
    const s = makeSnapshot({ T: 16, E: 4, text: true });
    delete s.probs;
    const { getByTestId, container } = render(TokenInspector, {
      snapshot: s,
      token: 2,
      vocab: FIXTURE_VOCAB,
      domains: FIXTURE_DOMAINS,
    });
    expect(getByTestId('inspector-token').textContent).toBe(`“${FIXTURE_VOCAB[s.tokens![2]]}”`);
    expect(container.textContent).toContain(FIXTURE_DOMAINS[s.domain![2]]);
    expect(getByTestId('no-scores').textContent).toContain('Scores not sent');
    expect(container.querySelectorAll('li.score')).toHaveLength(0);
  });

  it('shows the top 16 scores of many experts, then all on request', async () => {
    const s = makeSnapshot({ T: 8, E: 40, spec: { k: 2, capacityFactor: null } });
    const { container, getByRole } = render(TokenInspector, { snapshot: s, token: 0 });
    expect(container.querySelectorAll('li.score')).toHaveLength(16);
    const toggle = getByRole('button', { name: 'Show all 40' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await fireEvent.click(toggle);
    expect(container.querySelectorAll('li.score')).toHaveLength(40);
  });

  it('shows how the DeepSeek bias changed the choice', () => {
    const bias = Float32Array.of(0, 0, 0, 0.9);
    const s = makeSnapshot({ T: 16, E: 4, spec: { scheme: 'deepseek', k: 1, capacityFactor: null, bias } });
    // a token whose unbiased best expert is not 3, so the bias changed its choice
    const token = Array.from({ length: s.T }, (_, t) => t).find((t) => {
      const row = Array.from(s.probs!.subarray(t * 4, t * 4 + 4));
      return row.indexOf(Math.max(...row)) !== 3;
    })!;
    const row = Array.from(s.probs!.subarray(token * 4, token * 4 + 4));
    const best = row.indexOf(Math.max(...row));
    const { getByTestId, container } = render(TokenInspector, { snapshot: s, token });
    expect(getByTestId('bias-verdict').textContent).toContain(`expert(s) 3 in place of ${best}`);
    expect(container.querySelector('tr.added')!.getAttribute('data-expert')).toBe('3');
    expect(container.querySelector('tr.removed')!.getAttribute('data-expert')).toBe(String(best));
    expect(container.textContent).toContain('Sigmoid scores');
  });

  it('closes with the button and with Escape', async () => {
    const onclose = vi.fn();
    const s = makeSnapshot();
    const { getByRole } = render(TokenInspector, { snapshot: s, token: 0, onclose });
    const close = getByRole('button', { name: 'Close the inspector' });
    await fireEvent.click(close);
    expect(onclose).toHaveBeenCalledTimes(1);
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(2);
    // the panel does not take focus when it opens: a keyboard user arrowing through the flow keeps it
    expect(document.activeElement?.classList.contains('inspector')).toBe(false);
  });
});
