// The whole page in jsdom (no Worker, no canvas): what a person sees before training starts,
// a link's settings and notices, embed mode, and the language switch.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/App.svelte';
import { locale } from '../../src/i18n/index.svelte';

afterEach(() => {
  locale.lang = 'en';
  location.hash = '';
  document.documentElement.removeAttribute('data-theme');
});

describe('the page', () => {
  it('shows every panel, the controls and the run buttons', () => {
    render(App);
    // the default task is the teacher's: its data view is the agreement matrix, not the plane
    for (const id of ['controls', 'flow', 'load', 'inspector', 'loss', 'heatmap', 'special', 'cost']) {
      expect(document.querySelector(`section[data-panel="${id}"]`), id).not.toBeNull();
    }
    expect(document.querySelector('section[data-panel="partition"]')).toBeNull();
    // jsdom has no Worker: the run controls say training cannot run here instead of failing
    expect(screen.getByRole('alert')).toHaveTextContent(/Web Workers/);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('MoE Playground');
  });

  it('opens a link’s settings and lists what it had to change', () => {
    location.hash = '#v=1&E=16&k=1&E2=3&T=99999';
    render(App);
    const notices = screen.getByTestId('notices');
    expect(notices.textContent).toContain('E2');
    expect(notices.textContent).toContain('16384');
  });

  it('shows the preset’s description and real figures', () => {
    location.hash = '#v=1&preset=mixtral&E=8&k=2&norm=softmax-topk-renorm&cf=none';
    render(App);
    const card = document.querySelector('[data-preset="mixtral"]');
    expect(card?.textContent).toContain('46.7B');
  });

  it('shows only the chosen panels when embedded', () => {
    location.hash = '#v=1&embed=1&panels=loss,load';
    render(App);
    expect(Array.from(document.querySelectorAll('section[data-panel]'), (s) => s.getAttribute('data-panel'))).toEqual(['loss', 'load']);
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
  });

  it('switches to Chinese', async () => {
    render(App);
    await fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('MoE 演练场');
    expect(screen.getByRole('button', { name: 'English' })).toBeInTheDocument();
  });

  it('cycles the theme, including high contrast', async () => {
    render(App);
    const button = screen.getByRole('button', { name: /system/ });
    await fireEvent.click(button);
    expect(document.documentElement.dataset.theme).toBe('light');
    await fireEvent.click(button);
    await fireEvent.click(button);
    expect(document.documentElement.dataset.theme).toBe('contrast');
  });
});
