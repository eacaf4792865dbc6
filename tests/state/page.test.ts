// bindPage puts the page's bindings together: the commands reach the session and the slides,
// the link's run starts, and the cleanup stops every listener.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppState } from '../../src/state/app.svelte';
import { bindPage } from '../../src/state/page';
import { pageCommands } from '../../src/state/pageCommands';

const url = { replace() {}, push() {} };

afterEach(() => {
  vi.restoreAllMocks();
  history.replaceState(null, '', '#');
});

describe('the page bindings', () => {
  it('sends each command to the session or the deck', () => {
    const app = new AppState('#v=1&deck=switch,mixtral,collapse', url);
    const spies = {
      play: vi.spyOn(app.session, 'play').mockImplementation(() => undefined),
      pause: vi.spyOn(app.session, 'pause').mockImplementation(() => undefined),
      step: vi.spyOn(app.session, 'step').mockImplementation(() => undefined),
      reset: vi.spyOn(app.session, 'reset').mockImplementation(() => undefined),
      next: vi.spyOn(app, 'nextSlide'),
      prev: vi.spyOn(app, 'prevSlide'),
    };
    const commands = pageCommands(app);
    for (const [name, spy] of Object.entries(spies)) {
      commands[name as keyof typeof spies]();
      expect(spy, name).toHaveBeenCalledTimes(1);
    }
    expect(app.deck?.slide).toBe(0);
  });

  it('starts what the link asks for, listens to keys and the address bar, and stops on cleanup', () => {
    const app = new AppState('#v=1', url);
    const start = vi.spyOn(app, 'start');
    const toggle = vi.spyOn(app.session, 'toggle').mockImplementation(() => undefined);
    const unbind = bindPage(app);
    expect(start).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', cancelable: true }));
    expect(toggle).toHaveBeenCalledTimes(1);
    history.replaceState(null, '', '#v=1&E=16');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(app.config.experts).toBe(16);

    unbind();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', cancelable: true }));
    history.replaceState(null, '', '#v=1&E=4');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(toggle).toHaveBeenCalledTimes(1);
    expect(app.config.experts).toBe(16);
  });
});
