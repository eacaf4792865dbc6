// Presenter keys on the page: keys.ts says which action a key asks for; this carries it out.
// A key a view or a dialog already handled, or one typed into a field, is left alone.

import type { AppState } from './app.svelte';
import { keyAction } from './keys';
import type { PageCommands } from './pageCommands';
import { VIEW_LIMITS } from './url';

/** one press of + or − */
const SCALE_STEP = 0.125;

/** What the keys read and change of the page's state. */
export type KeysTarget = Pick<AppState, 'deck' | 'view' | 'setView' | 'helpOpen' | 'selectedToken' | 'tour' | 'leaveTour'> & {
  session: Pick<AppState['session'], 'toggle'>;
  experiment?: { readonly run?: { toggle(): void } } | null;
};

/** Listens for the presenter keys on the window; returns the function that stops listening. */
export function bindKeys(app: KeysTarget, commands: PageCommands): () => void {
  function onKey(e: KeyboardEvent): void {
    // a view that handled the key itself (the flow's token cursor, a dialog) keeps it
    if (e.defaultPrevented) return;
    const target = e.target instanceof HTMLElement ? e.target : null;
    const action = keyAction(e, {
      // the tour's stops are walked like a deck's slides
      inDeck: app.deck !== null || app.tour !== null,
      targetTag: target?.tagName,
      targetType: target instanceof HTMLInputElement ? target.type : undefined,
      targetEditable: target?.isContentEditable,
    });
    if (!action) return;
    // an open dialog owns Escape
    if (action === 'close' && document.querySelector('dialog[open]')) return;
    e.preventDefault();
    const scale = app.view.scale ?? 1;
    switch (action) {
      case 'toggle-play':
        (app.experiment?.run ?? app.session).toggle();
        break;
      case 'step':
      case 'reset':
        commands[action]();
        break;
      case 'fullscreen':
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
        break;
      case 'bigger':
        app.setView({ scale: Math.min(VIEW_LIMITS.scaleMax, +(scale + SCALE_STEP).toFixed(3)) });
        break;
      case 'smaller':
        app.setView({ scale: Math.max(VIEW_LIMITS.scaleMin, +(scale - SCALE_STEP).toFixed(3)) });
        break;
      case 'next-slide':
        commands.next();
        break;
      case 'prev-slide':
        commands.prev();
        break;
      case 'help':
        app.helpOpen = !app.helpOpen;
        break;
      case 'close':
        // in the tour Esc leaves it (giving back the visitor's settings), unless the help is open
        if (app.tour && !app.helpOpen) {
          app.leaveTour();
          break;
        }
        app.helpOpen = false;
        app.selectedToken = null;
        break;
    }
  }
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
