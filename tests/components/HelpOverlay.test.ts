import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import HelpOverlay from '../../src/components/HelpOverlay.svelte';
import { locale } from '../../src/i18n/index.svelte';
import { KEY_HELP } from '../../src/state/keys';

describe('HelpOverlay', () => {
  it('lists every presenter key with its action', () => {
    render(HelpOverlay, { open: true, onclose: () => {}, inDeck: true });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(KEY_HELP.length);
    KEY_HELP.forEach(({ keys }, i) => {
      const kbds = Array.from(rows[i].querySelectorAll('kbd'), (k) => k.textContent);
      expect(kbds).toEqual(keys.split(' / '));
    });
    expect(within(rows[0]).getByText('Play or pause training')).toBeInTheDocument();
    expect(within(dialog).getByText('Next slide')).toBeInTheDocument();
    expect(within(dialog).getByText(/Space does nothing here unless a control has focus/)).toBeInTheDocument();
    expect(within(dialog).getByText(/In slides, → and PageDown go to the next slide/)).toBeInTheDocument();
  });

  it('says → steps outside a deck, and the slide keys are for slides only', () => {
    render(HelpOverlay, { open: true, onclose: () => {}, inDeck: false });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('→ trains one step (next slide when in slides)')).toBeInTheDocument();
    expect(within(dialog).getByText('Previous slide (only in slides)')).toBeInTheDocument();
    expect(within(dialog).getByText(/Outside slides, → trains one step/)).toBeInTheDocument();
    expect(within(dialog).queryByText(/In slides, →/)).toBeNull();
  });

  it('is translated', async () => {
    locale.lang = 'zh-CN';
    try {
      render(HelpOverlay, { open: true, onclose: () => {}, inDeck: true });
      expect(screen.getByRole('dialog', { name: '键盘快捷键' })).toBeInTheDocument();
      expect(screen.getByText('播放或暂停训练')).toBeInTheDocument();
    } finally {
      locale.lang = 'en';
    }
  });

  it('is hidden when closed, and Escape asks to close it', async () => {
    const onclose = vi.fn();
    const { rerender } = render(HelpOverlay, { open: false, onclose, inDeck: false });
    expect(screen.queryByRole('dialog')).toBeNull();
    await rerender({ open: true });
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledOnce();
  });
});
