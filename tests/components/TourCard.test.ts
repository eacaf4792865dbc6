// The tour's card as a visitor meets it: where the tour is, the stop's text (announced, and
// focused), Back / Next / Finish / Leave, the panel it points at, and Chinese.

import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import TourCard from '../../src/components/TourCard.svelte';
import { locale } from '../../src/i18n/index.svelte';
import { AppState } from '../../src/state/app.svelte';
import { TOUR_STOPS } from '../../src/state/tour';
import { FakeWorker } from '../state/sessionHarness';

beforeEach(() => vi.stubGlobal('Worker', FakeWorker));
afterEach(() => {
  vi.unstubAllGlobals();
  locale.lang = 'en';
});

function touring(): AppState {
  const app = new AppState('#v=5&E=4', { replace() {}, push() {} });
  app.startTour();
  return app;
}

describe('TourCard', () => {
  it('says where the tour is and what to look at, focuses it, and points at the stop’s panel', () => {
    const app = touring();
    const { container } = render(TourCard, { app });
    expect(screen.getByTestId('tour').textContent).toContain(`Stop 1 of ${TOUR_STOPS.length}`);
    const heading = screen.getByRole('heading', { name: 'One expert per token, and a capacity' });
    expect(document.activeElement).toBe(heading);
    expect(container.querySelector('[aria-live="polite"]')!.textContent).toContain('the dashed line is its capacity');
    expect(document.documentElement.dataset.tourPanel).toBe('load');
    expect(screen.getByRole('button', { name: /Back/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: /Next/ })).toHaveAttribute('aria-keyshortcuts', 'ArrowRight PageDown');
  });

  it('moves with Next and Back, finishes on the last stop, and Leave gives the settings back', async () => {
    const app = touring();
    render(TourCard, { app });
    await fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    flushSync();
    expect(app.tour?.stop).toBe(1);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Dropped tokens take the residual lane');
    expect(document.documentElement.dataset.tourPanel).toBe('flow');
    await fireEvent.click(screen.getByRole('button', { name: /Back/ }));
    expect(app.tour?.stop).toBe(0);
    for (let i = 1; i < TOUR_STOPS.length; i++) app.nextSlide();
    flushSync();
    expect(screen.queryByRole('button', { name: /Next/ })).toBeNull();
    expect(screen.getByTestId('tour').textContent).toContain(`Stop ${TOUR_STOPS.length} of ${TOUR_STOPS.length}`);
    await fireEvent.click(screen.getByRole('button', { name: 'Leave the tour' }));
    expect(app.tour).toBeNull();
    expect(app.config.experts).toBe(4);
    expect(app.hash).toBe('#v=5&E=4');
  });

  it('speaks Chinese', () => {
    locale.lang = 'zh-CN';
    render(TourCard, { app: touring() });
    expect(screen.getByTestId('tour').textContent).toContain(`第 1 站，共 ${TOUR_STOPS.length} 站`);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('每个词元一个专家，以及容量');
    expect(screen.getByRole('button', { name: '退出导览' })).toBeInTheDocument();
  });
});
