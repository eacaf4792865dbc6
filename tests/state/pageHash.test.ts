// The address bar as input: a pasted link and Back/Forward reach the state; the hash the state
// wrote itself changes nothing.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppState, type UrlWriter } from '../../src/state/app.svelte';
import { bindHash } from '../../src/state/pageHash';

/** Writes the address bar as the app does (replaceState, pushState), without events. */
const addressBar: UrlWriter = {
  replace: (hash) => history.replaceState(null, '', hash),
  push: (hash) => history.pushState(null, '', hash),
};

function go(hash: string, event: 'hashchange' | 'popstate'): void {
  history.replaceState(null, '', hash);
  window.dispatchEvent(event === 'hashchange' ? new HashChangeEvent('hashchange') : new PopStateEvent('popstate'));
}

let unbind: () => void = () => undefined;
afterEach(() => {
  unbind();
  vi.restoreAllMocks();
  history.replaceState(null, '', '#');
});

describe('the address bar', () => {
  it('applies a pasted link', () => {
    const app = new AppState('#v=1', addressBar);
    unbind = bindHash(app);
    go('#v=1&E=16&k=1', 'hashchange');
    expect(app.config.experts).toBe(16);
    expect(app.config.topK).toBe(1);
  });

  it('follows Back and Forward', () => {
    const app = new AppState('#v=1', addressBar);
    unbind = bindHash(app);
    app.applyPreset('mixtral');
    const mixtral = { hash: location.hash, config: app.config };
    app.applyPreset('switch');
    expect(location.hash).not.toBe(mixtral.hash);
    expect(app.config).not.toEqual(mixtral.config);
    // Back: the browser puts the earlier entry's hash in the address bar and fires popstate
    go(mixtral.hash, 'popstate');
    expect(app.view.preset).toBe('mixtral');
    expect(app.config).toEqual(mixtral.config);
  });

  it('changes nothing for the hash the state wrote itself', () => {
    const app = new AppState('#v=1', addressBar);
    unbind = bindHash(app);
    app.set('experts', 4);
    const configure = vi.spyOn(app.session, 'configure');
    go(location.hash, 'hashchange');
    go(location.hash, 'popstate');
    expect(configure).not.toHaveBeenCalled();
    expect(app.config.experts).toBe(4);
  });

  it('stops following when unbound', () => {
    const app = new AppState('#v=1', addressBar);
    bindHash(app)();
    go('#v=1&E=16', 'hashchange');
    expect(app.config.experts).not.toBe(16);
  });
});
