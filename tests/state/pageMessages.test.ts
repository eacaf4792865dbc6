// The postMessage API as the page runs it, in a frame of a jsdom page: only the parent window at
// an allowed origin is answered, parameters are coerced, and metrics go out at their interval.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MESSAGE_SOURCE } from '../../src/state/embedApi';
import type { PageCommands } from '../../src/state/pageCommands';
import { bindHostMessages, METRICS_EVERY_MS, type MessagesTarget } from '../../src/state/pageMessages';
import type { ViewParams } from '../../src/state/url';
import type { Snapshot } from '../../src/worker/protocol';
import { makeSnapshot } from '../components/fixtures';

const HOST = 'https://slides.example.com';

/** The tool in an iframe of the test's page, whose window plays the host page. */
function harness(view: ViewParams = { origins: [HOST] }) {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const tool = frame.contentWindow!;
  const host = tool.parent;
  const listeners: ((s: Snapshot) => void)[] = [];
  const app = {
    view,
    setConfig: vi.fn(),
    applyPreset: vi.fn(),
    session: { onSnapshot: (l: (s: Snapshot) => void) => listeners.push(l) },
  } satisfies MessagesTarget;
  const commands: PageCommands = { play: vi.fn(), pause: vi.fn(), step: vi.fn(), reset: vi.fn(), next: vi.fn(), prev: vi.fn() };
  const posted: { message: unknown; origin: string }[] = [];
  vi.spyOn(host, 'postMessage').mockImplementation((message: unknown, origin?: unknown) => {
    posted.push({ message, origin: String(origin) });
  });
  const unbind = bindHostMessages(app, commands, tool);
  /** a message to the tool, from `source` (the host by default) at `origin` */
  const send = (data: unknown, origin = HOST, source: Window = host) => tool.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  const snapshot = (s: Snapshot) => listeners.forEach((l) => l(s));
  return { app, commands, posted, send, snapshot, unbind, frame, listeners };
}

const msg = (m: object) => ({ source: MESSAGE_SOURCE, ...m });
let warn: ReturnType<typeof vi.spyOn>;
let cleanup: () => void = () => undefined;

beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('the postMessage API', () => {
  it('runs the commands of the parent window at an allowed origin', () => {
    const h = harness();
    cleanup = h.unbind;
    for (const type of ['play', 'pause', 'step', 'reset', 'next', 'prev'] as const) {
      h.send(msg({ type }));
      expect(h.commands[type]).toHaveBeenCalledTimes(1);
    }
    h.send(msg({ type: 'preset', id: 'mixtral' }));
    expect(h.app.applyPreset).toHaveBeenCalledWith('mixtral');
    expect(warn).not.toHaveBeenCalled();
  });

  it('coerces the parameters of set: numbers from text, none for no capacity limit, 0 and 1 for booleans', () => {
    const h = harness();
    cleanup = h.unbind;
    h.send(msg({ type: 'set', params: { E: '16', k: 2, cf: 'none', seed: ' 7 ', shg: '1' } }));
    expect(h.app.setConfig).toHaveBeenCalledWith({ experts: 16, topK: 2, capacityFactor: null, seed: 7, sharedGate: true });
    h.send(msg({ type: 'set', params: { sharedGate: 0 } }));
    expect(h.app.setConfig).toHaveBeenLastCalledWith({ sharedGate: false });
  });

  it('ignores other origins with one warning, and other windows without one', () => {
    const h = harness();
    cleanup = h.unbind;
    h.send(msg({ type: 'play' }), 'https://evil.example.com');
    h.send(msg({ type: 'step' }), 'https://evil.example.com');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('https://evil.example.com');
    // another frame (or an extension) on the same channel, even at an allowed origin
    const other = document.createElement('iframe');
    document.body.append(other);
    h.send(msg({ type: 'play' }), HOST, other.contentWindow!);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(h.commands.play).not.toHaveBeenCalled();
    expect(h.commands.step).not.toHaveBeenCalled();
  });

  it('warns about a malformed message and does nothing', () => {
    const h = harness();
    cleanup = h.unbind;
    h.send(msg({ type: 'explode' }));
    h.send({ type: 'play' });
    h.send(msg({ type: 'set', params: { E: 4, nope: 1 } }));
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn.mock.calls[2][0]).toContain('unknown parameters: nope');
    expect(h.commands.play).not.toHaveBeenCalled();
    expect(h.app.setConfig).not.toHaveBeenCalled();
  });

  it('listens to nothing and sends nothing without allowed origins', () => {
    const h = harness({});
    cleanup = h.unbind;
    expect(h.posted).toEqual([]);
    expect(h.listeners).toHaveLength(0);
    h.send(msg({ type: 'play' }));
    expect(h.commands.play).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('says ready, then sends metrics at most every interval, always the latest, to each origin', () => {
    vi.useFakeTimers();
    const h = harness({ origins: [HOST, 'http://localhost:8080'] });
    cleanup = h.unbind;
    expect(h.posted).toEqual([
      { message: { source: MESSAGE_SOURCE, type: 'ready' }, origin: HOST },
      { message: { source: MESSAGE_SOURCE, type: 'ready' }, origin: 'http://localhost:8080' },
    ]);
    h.posted.length = 0;
    h.snapshot(makeSnapshot({ step: 1, E: 4 }));
    vi.advanceTimersByTime(0);
    expect(h.posted.map((p) => p.origin)).toEqual([HOST, 'http://localhost:8080']);
    expect(h.posted[0].message).toMatchObject({ source: MESSAGE_SOURCE, type: 'metrics', step: 1 });
    h.posted.length = 0;
    // three snapshots within the interval: only the last goes out, when the interval has passed
    for (const step of [2, 3, 4]) h.snapshot(makeSnapshot({ step, E: 4 }));
    vi.advanceTimersByTime(METRICS_EVERY_MS - 1);
    expect(h.posted).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(h.posted.map((p) => (p.message as { step: number }).step)).toEqual([4, 4]);
  });

  it('sends metrics as plain values: the load as an array, an undefined balance loss as null', () => {
    vi.useFakeTimers();
    const h = harness();
    cleanup = h.unbind;
    const s = { ...makeSnapshot({ step: 9, E: 4 }), balanceLoss: NaN };
    h.snapshot(s);
    vi.runAllTimers();
    expect(h.posted.at(-1)!.message).toEqual({
      source: MESSAGE_SOURCE,
      type: 'metrics',
      step: 9,
      taskLoss: s.taskLoss,
      accuracy: s.accuracy,
      balanceLoss: null,
      zLoss: s.zLoss,
      dropRate: s.dropRate,
      entropy: s.entropy,
      load: Array.from(s.load),
    });
  });

  it('stops answering and drops a pending send when unbound', () => {
    vi.useFakeTimers();
    const h = harness();
    h.snapshot(makeSnapshot({ step: 1, E: 4 }));
    h.unbind();
    vi.runAllTimers();
    h.send(msg({ type: 'play' }));
    expect(h.posted.map((p) => (p.message as { type: string }).type)).toEqual(['ready']);
    expect(h.commands.play).not.toHaveBeenCalled();
  });
});
