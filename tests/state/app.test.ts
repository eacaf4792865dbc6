// The page state without a page: links in, config changes out to the URL writer.

import { describe, expect, it } from 'vitest';
import { AppState, type UrlWriter } from '../../src/state/app.svelte';
import { presetConfig } from '../../src/state/presets';
import { decodeHash } from '../../src/state/url';

function recorder(): UrlWriter & { log: [string, string][] } {
  const log: [string, string][] = [];
  return { log, replace: (h) => log.push(['replace', h]), push: (h) => log.push(['push', h]) };
}

describe('AppState', () => {
  it('opens a link exactly, and lists what a bad link had changed', () => {
    const url = recorder();
    const app = new AppState('#v=1&E=16&k=1&cf=none&zz=3&T=999999', url);
    expect(app.config.experts).toBe(16);
    expect(app.config.topK).toBe(1);
    expect(app.config.capacityFactor).toBeNull();
    expect(app.config.tokens).toBe(16384);
    expect(app.notices.map((n) => [n.code, n.key])).toEqual(
      expect.arrayContaining([
        ['unknown-key', 'zz'],
        ['clamped', 'T'],
      ]),
    );
    // opening writes nothing: the address bar keeps the link as it came
    expect(url.log).toEqual([]);
  });

  it('choosing BASE layers in the settings fixes k and T where they cannot run, and says so; changing E keeps T a multiple', () => {
    const app = new AppState('#v=5&T=250', recorder());
    app.set('scheme', 'base');
    expect(app.config).toMatchObject({ scheme: 'base', topK: 1, tokens: 248 });
    const said = app.notices.filter((n) => n.code === 'adjusted').map((n) => [n.key, n.from, n.to]);
    expect(said).toEqual(expect.arrayContaining([['topK', '2', '1'], ['tokens', '250', '248']]));
    app.set('experts', 7);
    expect(app.config.tokens % 7).toBe(0);
    expect(app.config.tokens).toBe(245);
    app.set('tokens', 300);
    expect(app.config.tokens).toBe(301);
    app.set('topK', 2);
    expect(app.config.topK).toBe(1);
  });

  it('writes a slider move with replaceState, and says when a value had to change', () => {
    const url = recorder();
    const app = new AppState('', url);
    app.set('experts', 4);
    expect(url.log.at(-1)).toEqual(['replace', '#v=5&E=4']);
    app.set('topK', 9);
    expect(app.config.topK).toBe(4);
    expect(app.notices.at(-1)).toMatchObject({ code: 'adjusted', key: 'topK' });
    app.dismiss(app.notices.at(-1)!.id);
    expect(app.notices.some((n) => n.key === 'topK')).toBe(false);
  });

  it('pushes a history entry for a preset, and keeps the preset as the base once the config is changed by hand', () => {
    const url = recorder();
    const app = new AppState('', url);
    app.applyPreset('mixtral');
    expect(app.config).toEqual(presetConfig('mixtral'));
    expect(app.presetMatches).toBe(true);
    expect(url.log.at(-1)).toEqual(['push', '#v=5&preset=mixtral']);
    app.set('lr', 0.02);
    expect(app.view.preset).toBe('mixtral');
    expect(app.presetMatches).toBe(false);
    expect(url.log.at(-1)).toEqual(['replace', '#v=5&preset=mixtral&lr=0.02']);
    // back to the preset's value: the preset again
    app.set('lr', 0.01);
    expect(app.presetMatches).toBe(true);
    expect(url.log.at(-1)).toEqual(['replace', '#v=5&preset=mixtral']);
  });

  it('walks a deck with push entries and follows Back/Forward hashes', () => {
    const url = recorder();
    const app = new AppState('#v=5&deck=switch,mixtral,collapse', url);
    expect(app.deck?.slide).toBe(0);
    expect(app.config).toEqual(presetConfig('switch'));
    app.nextSlide();
    expect(app.deck?.slide).toBe(1);
    expect(app.config).toEqual(presetConfig('mixtral'));
    expect(url.log.at(-1)![0]).toBe('push');
    app.nextSlide();
    app.nextSlide();
    expect(app.deck?.slide).toBe(2);
    // Back: the browser hands the earlier hash over
    app.followHash(url.log[0][1]);
    expect(app.deck?.slide).toBe(1);
    expect(app.config).toEqual(presetConfig('mixtral'));
  });

  it('reads every slide of an older deck link against that link’s version', () => {
    const app = new AppState('#v=1&deck=switch,mixtral', recorder());
    const asV1 = (id: string) => decodeHash(`#v=1&preset=${id}`).config;
    expect(app.config).toEqual(asV1('switch'));
    expect(app.config.dataDetail).toBe(1);
    app.nextSlide();
    expect(app.config).toEqual(asV1('mixtral'));
    // a preset picked by hand is today's
    app.applyPreset('switch');
    expect(app.config).toEqual(presetConfig('switch'));
  });

  it('ignores the hash it wrote itself', () => {
    const url = recorder();
    const app = new AppState('', url);
    app.set('experts', 4);
    const before = app.notices.length;
    app.followHash('#v=5&E=4');
    expect(app.notices.length).toBe(before);
    expect(app.config.experts).toBe(4);
  });
});

describe('AppState share link', () => {
  it('pins the backend that actually trained when the config says auto', () => {
    const app = new AppState('#v=5&E=4', { replace() {}, push() {} });
    expect(app.shareHash).toBe('#v=5&E=4');
    app.session.backend = 'wasm';
    expect(app.shareHash).toBe('#v=5&E=4&be=wasm');
    // the address bar keeps auto
    expect(app.hash).toBe('#v=5&E=4');
  });
});
