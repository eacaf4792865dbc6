// The page around the app state: presenter keys, the address bar (Back, Forward, a pasted
// link), fullscreen, and the postMessage API for a host page. Returns a cleanup function.

import type { AppState } from './app.svelte';
import { acceptsSender, coerceParam, MESSAGE_SOURCE, parseHostMessage, type ToolMetrics } from './embedApi';
import { keyAction } from './keys';
import type { Snapshot } from '../worker/protocol';
import type { MoeConfig } from './schema';
import { VIEW_LIMITS } from './url';

const METRICS_EVERY_MS = 100;

export function bindPage(app: AppState): () => void {
  const { session } = app;
  /** what a key and a host page's message can both ask for */
  const commands = {
    play: () => session.play(),
    pause: () => session.pause(),
    step: () => session.step(),
    reset: () => session.reset(),
    next: () => app.nextSlide(),
    prev: () => app.prevSlide(),
  };

  function onKey(e: KeyboardEvent): void {
    // a view that handled the key itself (the flow's token cursor, a dialog) keeps it
    if (e.defaultPrevented) return;
    const target = e.target as HTMLElement | null;
    const action = keyAction(e, {
      inDeck: app.deck !== null,
      targetTag: target?.tagName,
      targetType: (target as HTMLInputElement | null)?.type,
      targetEditable: target?.isContentEditable,
    });
    if (!action) return;
    // an open dialog owns Escape
    if (action === 'close' && document.querySelector('dialog[open]')) return;
    e.preventDefault();
    const scale = app.view.scale ?? 1;
    switch (action) {
      case 'toggle-play':
        session.toggle();
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
        app.setView({ scale: Math.min(VIEW_LIMITS.scaleMax, +(scale + 0.125).toFixed(3)) });
        break;
      case 'smaller':
        app.setView({ scale: Math.max(VIEW_LIMITS.scaleMin, +(scale - 0.125).toFixed(3)) });
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
        app.helpOpen = false;
        app.selectedToken = null;
        break;
    }
  }

  const onHash = () => app.followHash(location.hash);

  let warned = false;
  function onMessage(e: MessageEvent): void {
    const fromParent = window.parent !== window && e.source === window.parent;
    if (!fromParent) return; // not for us: other frames and extensions talk on this channel too
    if (!acceptsSender({ fromParent, origin: e.origin, allowed: app.view.origins ?? [] })) {
      if (!warned) console.warn(`moe-playground: ignoring messages from ${e.origin}: add it to the link's origins= list to allow them`);
      warned = true;
      return;
    }
    const command = parseHostMessage(e.data);
    if ('error' in command) {
      console.warn(`moe-playground: ignored a message (${command.error})`);
      return;
    }
    switch (command.type) {
      case 'set': {
        const patch: Partial<Record<keyof MoeConfig, unknown>> = {};
        for (const [k, v] of Object.entries(command.params)) patch[k as keyof MoeConfig] = coerceParam(k as keyof MoeConfig, v);
        app.setConfig(patch as Partial<MoeConfig>);
        break;
      }
      case 'preset':
        app.applyPreset(command.id);
        break;
      default:
        commands[command.type]();
    }
  }

  // metrics to the host page, at most ~10 per second, only to the origins it was given; the
  // latest snapshot always goes out (a trailing send), so the host sees where training stopped
  const origins = app.view.origins ?? [];
  let lastMetrics = -Infinity;
  let latest: Snapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const sendMetrics = () => {
    timer = null;
    if (!latest) return;
    const s = latest;
    latest = null;
    lastMetrics = performance.now();
    const message: ToolMetrics = {
      source: MESSAGE_SOURCE,
      type: 'metrics',
      step: s.step,
      taskLoss: s.taskLoss,
      accuracy: s.accuracy,
      balanceLoss: Number.isFinite(s.balanceLoss) ? s.balanceLoss : null,
      zLoss: s.zLoss,
      dropRate: s.dropRate,
      entropy: s.entropy,
      load: Array.from(s.load),
    };
    for (const origin of origins) window.parent.postMessage(message, origin);
  };
  if (window.parent !== window && origins.length) {
    for (const origin of origins) window.parent.postMessage({ source: MESSAGE_SOURCE, type: 'ready' }, origin);
    session.onSnapshot((s) => {
      latest = s;
      if (!timer) timer = setTimeout(sendMetrics, Math.max(0, METRICS_EVERY_MS - (performance.now() - lastMetrics)));
    });
  }

  window.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', onHash);
  window.addEventListener('popstate', onHash);
  window.addEventListener('message', onMessage);
  app.start();
  return () => {
    if (timer) clearTimeout(timer);
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener('popstate', onHash);
    window.removeEventListener('message', onMessage);
  };
}
