import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/App.svelte';
import { locale } from '../../src/i18n/index.svelte';

afterEach(() => {
  locale.lang = 'en';
});

function summary() {
  return screen.getByTestId('routing-summary');
}

describe('the routing page', () => {
  it('routes the default batch with the real engine', () => {
    render(App);
    // T = 64, k = 2: 128 choices; capacity ceil(64·2·1.25/8) = 20
    expect(summary().dataset.choices).toBe('128');
    expect(summary().textContent).toContain('capacity 20 per expert');
    expect(document.querySelectorAll('g.expert')).toHaveLength(8);
  });

  it('changes the routing when top-k and E change, and keeps k ≤ E', async () => {
    render(App);
    await fireEvent.input(screen.getByRole('slider', { name: /^Top-k/ }), { target: { value: '3' } });
    expect(summary().dataset.choices).toBe('192');
    await fireEvent.input(screen.getByRole('slider', { name: /^Experts E/ }), { target: { value: '2' } });
    expect(document.querySelectorAll('g.expert')).toHaveLength(2);
    expect(summary().dataset.choices).toBe('128'); // k fell to 2 with E
  });

  it('shows n/a for the balance loss of expert choice, and the not-causal note', async () => {
    render(App);
    await fireEvent.change(screen.getByLabelText('Router'), { target: { value: 'expert-choice' } });
    expect(summary().textContent).toContain('n/a');
    expect(screen.getByText(/looks across the whole batch/)).toBeInTheDocument();
  });

  it('warns about k = 1 with a renormalising gate', async () => {
    render(App);
    await fireEvent.input(screen.getByRole('slider', { name: /^Top-k/ }), { target: { value: '1' } });
    expect(screen.getByText(/every token the weight 1/)).toBeInTheDocument();
  });

  it('switches to Chinese', async () => {
    render(App);
    await fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('MoE 演练场');
    expect(screen.getByRole('button', { name: 'English' })).toBeInTheDocument();
  });
});
