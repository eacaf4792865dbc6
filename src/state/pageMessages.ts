// The postMessage API as the page runs it (the messages themselves: embedApi.ts). Commands are
// taken only from the parent window at an origin the link allows; metrics go back to those
// origins, at most ~10 per second.

import type { AppState } from './app.svelte';
import { acceptsSender, coerceParam, MESSAGE_SOURCE, parseHostMessage, type ToolMetrics } from './embedApi';
import type { PageCommands } from './pageCommands';
import type { MoeConfig } from './schema';
import type { Snapshot } from '../worker/protocol';

export const METRICS_EVERY_MS = 100;

/** What the API reads and changes of the page's state. */
export type MessagesTarget = Pick<AppState, 'view' | 'setConfig' | 'applyPreset'> & {
  session: Pick<AppState['session'], 'onSnapshot'>;
};

function metricsOf(s: Snapshot): ToolMetrics {
  return {
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
}

/**
 * Answers a host page's messages to `win` (the page's window; a test passes a frame's) and sends
 * it 'ready' and the metrics. Returns the function that stops both.
 */
export function bindHostMessages(app: MessagesTarget, commands: PageCommands, win: Window = window): () => void {
  let warned = false;
  function onMessage(e: MessageEvent): void {
    const fromParent = win.parent !== win && e.source === win.parent;
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

  // the latest snapshot always goes out (a trailing send), so the host sees where training stopped
  const origins = app.view.origins ?? [];
  let lastMetrics = -Infinity;
  let latest: Snapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const sendMetrics = () => {
    timer = null;
    if (!latest) return;
    const message = metricsOf(latest);
    latest = null;
    lastMetrics = performance.now();
    for (const origin of origins) win.parent.postMessage(message, origin);
  };
  if (win.parent !== win && origins.length) {
    for (const origin of origins) win.parent.postMessage({ source: MESSAGE_SOURCE, type: 'ready' }, origin);
    app.session.onSnapshot((s) => {
      latest = s;
      if (!timer) timer = setTimeout(sendMetrics, Math.max(0, METRICS_EVERY_MS - (performance.now() - lastMetrics)));
    });
  }

  win.addEventListener('message', onMessage);
  return () => {
    if (timer) clearTimeout(timer);
    win.removeEventListener('message', onMessage);
  };
}
