// Presenter keys on a page without a browser: each key reaches the command it names, keys typed
// into a field stay there, and an open dialog keeps Escape.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppState } from '../../src/state/app.svelte';
import type { PageCommands } from '../../src/state/pageCommands';
import { bindKeys } from '../../src/state/pageKeys';
import { VIEW_LIMITS } from '../../src/state/url';

const url = { replace() {}, push() {} };

function harness(hash = '#v=1') {
  const app = new AppState(hash, url);
  const commands: PageCommands = { play: vi.fn(), pause: vi.fn(), step: vi.fn(), reset: vi.fn(), next: vi.fn(), prev: vi.fn() };
  const toggle = vi.spyOn(app.session, 'toggle').mockImplementation(() => undefined);
  const unbind = bindKeys(app, commands);
  return { app, commands, toggle, unbind };
}

/** Presses a key on `target` (the window: nothing focused); true when the page took it. */
function press(key: string, target: EventTarget = window, init: KeyboardEventInit = {}): boolean {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e.defaultPrevented;
}

let unbind: () => void = () => undefined;
beforeEach(() => {
  document.body.replaceChildren();
});
afterEach(() => {
  unbind();
  vi.restoreAllMocks();
});

describe('presenter keys on the page', () => {
  it('plays, steps and resets, and → steps outside slides', () => {
    const h = harness();
    unbind = h.unbind;
    expect(press('p')).toBe(true);
    expect(h.toggle).toHaveBeenCalledTimes(1);
    press('s');
    press('ArrowRight');
    expect(h.commands.step).toHaveBeenCalledTimes(2);
    press('R');
    expect(h.commands.reset).toHaveBeenCalledTimes(1);
    // ← and the page keys do nothing outside slides, and the browser keeps them
    expect(press('ArrowLeft')).toBe(false);
    expect(press('PageDown')).toBe(false);
    expect(h.commands.next).not.toHaveBeenCalled();
    expect(h.commands.prev).not.toHaveBeenCalled();
  });

  it('moves between slides in a deck with the arrows and the page keys', () => {
    const h = harness('#v=1&deck=switch,mixtral,collapse');
    unbind = h.unbind;
    press('ArrowRight');
    press('PageDown');
    press('ArrowLeft');
    expect(h.commands.next).toHaveBeenCalledTimes(2);
    expect(h.commands.prev).toHaveBeenCalledTimes(1);
    expect(h.commands.step).not.toHaveBeenCalled();
  });

  it('scales the page in steps, within the view limits', () => {
    const h = harness();
    unbind = h.unbind;
    press('+');
    expect(h.app.view.scale).toBe(1.125);
    press('-');
    press('−');
    expect(h.app.view.scale).toBe(0.875);
    for (let i = 0; i < 40; i++) press('=');
    expect(h.app.view.scale).toBe(VIEW_LIMITS.scaleMax);
    for (let i = 0; i < 40; i++) press('_');
    expect(h.app.view.scale).toBe(VIEW_LIMITS.scaleMin);
  });

  it('opens and closes the key overlay; Escape also lets go of the inspected token', () => {
    const h = harness();
    unbind = h.unbind;
    press('?');
    expect(h.app.helpOpen).toBe(true);
    press('?');
    expect(h.app.helpOpen).toBe(false);
    press('?');
    h.app.selectedToken = 3;
    press('Escape');
    expect(h.app.helpOpen).toBe(false);
    expect(h.app.selectedToken).toBeNull();
  });

  it('leaves Escape to an open dialog', () => {
    const h = harness();
    unbind = h.unbind;
    h.app.helpOpen = true;
    h.app.selectedToken = 2;
    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    document.body.append(dialog);
    expect(press('Escape')).toBe(false);
    expect(h.app.helpOpen).toBe(true);
    expect(h.app.selectedToken).toBe(2);
  });

  it('leaves keys typed into a field, a slider or a list to that control', () => {
    const h = harness();
    unbind = h.unbind;
    const text = document.createElement('input');
    const slider = Object.assign(document.createElement('input'), { type: 'range' });
    const area = document.createElement('textarea');
    const select = document.createElement('select');
    const editable = Object.assign(document.createElement('div'), { contentEditable: 'true' });
    document.body.append(text, slider, area, select, editable);
    for (const control of [text, slider, area, select]) {
      expect(press('p', control)).toBe(false);
      expect(press('ArrowRight', control)).toBe(false);
    }
    // jsdom has no isContentEditable: the page reads it as a browser would report it
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    expect(press('s', editable)).toBe(false);
    expect(h.toggle).not.toHaveBeenCalled();
    expect(h.commands.step).not.toHaveBeenCalled();
    // a checkbox or a button does not type: the keys work there
    const box = Object.assign(document.createElement('input'), { type: 'checkbox' });
    const button = document.createElement('button');
    document.body.append(box, button);
    expect(press('p', box)).toBe(true);
    expect(press('s', button)).toBe(true);
    expect(h.toggle).toHaveBeenCalledTimes(1);
    expect(h.commands.step).toHaveBeenCalledTimes(1);
  });

  it('ignores a key a view already handled, and keys with a modifier', () => {
    const h = harness();
    unbind = h.unbind;
    const handled = document.createElement('div');
    handled.addEventListener('keydown', (e) => e.preventDefault());
    document.body.append(handled);
    press('p', handled);
    press('p', window, { ctrlKey: true });
    press('s', window, { metaKey: true });
    expect(h.toggle).not.toHaveBeenCalled();
    expect(h.commands.step).not.toHaveBeenCalled();
  });

  it('enters and leaves fullscreen with F', () => {
    const h = harness();
    unbind = h.unbind;
    const request = vi.fn(async () => undefined);
    const exit = vi.fn(async () => undefined);
    Object.assign(document.documentElement, { requestFullscreen: request });
    Object.assign(document, { exitFullscreen: exit });
    press('f');
    expect(request).toHaveBeenCalledTimes(1);
    Object.defineProperty(document, 'fullscreenElement', { value: document.documentElement, configurable: true });
    press('F');
    expect(exit).toHaveBeenCalledTimes(1);
    Reflect.deleteProperty(document, 'fullscreenElement');
  });

  it('stops listening when unbound', () => {
    const h = harness();
    h.unbind();
    expect(press('p')).toBe(false);
    press('?');
    expect(h.toggle).not.toHaveBeenCalled();
    expect(h.app.helpOpen).toBe(false);
  });
});
