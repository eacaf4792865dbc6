import { describe, expect, it } from 'vitest';
import { PRESETS, presetConfig } from '../../src/state/presets';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';
import { PARAM_URL_KEYS, VIEW_KEYS, VIEW_LIMITS, decodeHash, encodeHash, formatValue, hashFor, isDefault, normalizeOrigin, presetHash, type ViewParams } from '../../src/state/url';
import { validateConfig } from '../../src/state/validate';
import { inEnglish } from './noticeWords';
import { COMPANIONS, ROUND_TRIP_CASES } from './urlChecks';

describe('encodeHash', () => {
  it('writes the defaults as exactly #v=5', () => {
    expect(encodeHash(schemaDefaults())).toBe('#v=5');
    expect(encodeHash(schemaDefaults(), {})).toBe('#v=5');
    expect(hashFor({})).toBe('#v=5');
  });

  it('writes only changed values, in schema order, without float noise', () => {
    const config = { ...schemaDefaults(), capacityFactor: 0.1 + 0.2 + 1, experts: 16, topK: 1, lr: 0.1 + 0.2 };
    expect(encodeHash(config)).toBe('#v=5&E=16&k=1&cf=1.3&lr=0.3');
    expect(encodeHash({ ...schemaDefaults(), capacityFactor: null, sharedGate: true })).toBe('#v=5&cf=none&shg=1');
    expect(encodeHash({ ...schemaDefaults(), balanceCoef: 0.0123456 })).toBe('#v=5&a=0.012');
    expect(encodeHash({ ...schemaDefaults(), balanceCoef: -0 })).toBe('#v=5&a=0');
  });

  it('has a url key per parameter, none shared with a view key', () => {
    const keys = [...PARAM_URL_KEYS, ...VIEW_KEYS, 'v'];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z]+$/);
  });

  it('says which values are defaults', () => {
    expect(isDefault('capacityFactor', 1.25)).toBe(true);
    expect(isDefault('capacityFactor', 1.2500001)).toBe(true);
    expect(isDefault('capacityFactor', null)).toBe(false);
    expect(isDefault('experts', 8)).toBe(true);
    expect(isDefault('experts', 9)).toBe(false);
    expect(isDefault('scheme', 'token-choice')).toBe(true);
    expect(isDefault('sharedGate', true)).toBe(false);
    expect(formatValue('evalCapacityFactor', null)).toBe('none');
    expect(formatValue('sharedGate', false)).toBe('0');
  });
});

describe('round trip', () => {
  it.each(ROUND_TRIP_CASES)('$url = $value', ({ key, value }) => {
    const input = { ...COMPANIONS[key]?.(value), [key]: value } as Partial<MoeConfig>;
    const { config, adjustments } = validateConfig(input);
    expect(adjustments).toEqual([]);
    expect(config[key]).toBe(value);
    const hash = encodeHash(config);
    const companions = Object.keys(COMPANIONS[key]?.(value) ?? {}).length > 0;
    if (isDefault(key, value as never) && !companions) expect(hash).toBe('#v=5');
    else expect(hash).toMatch(/^#v=5(&[A-Za-z]+=[A-Za-z0-9.-]+)+$/);
    const decoded = decodeHash(hash);
    expect(decoded.notices).toEqual([]);
    expect(decoded.config).toEqual(config);
    expect(decoded.view).toEqual({});
  });

  it.each(PRESETS.map((p) => p.id))('preset %s', (id) => {
    const config = presetConfig(id);
    const decoded = decodeHash(presetHash(id));
    expect(decoded.notices).toEqual([]);
    expect(decoded.config).toEqual(config);
    expect(decoded.view.preset).toBe(id);
  });

  it('reads keys in any order and writes them in schema order', () => {
    const decoded = decodeHash('#lr=0.05&k=1&v=5&E=16&cf=none');
    expect(decoded.notices).toEqual([]);
    expect(encodeHash(decoded.config)).toBe('#v=5&E=16&k=1&cf=none&lr=0.05');
  });

  it('reads a hash with or without # and an empty hash', () => {
    expect(decodeHash('E=16').config.experts).toBe(16);
    // no settings and no version: the page itself, with today's defaults
    for (const empty of ['', '#', '#&&', '#v=5', '#v=5&']) {
      expect(decodeHash(empty)).toEqual({ config: schemaDefaults(), view: {}, notices: [], version: 5, experiment: new Map() });
    }
    // a link of version 1 (or with keys and no version: from before versions) reads v1's defaults
    const v1 = decodeHash('#v=1').config;
    expect(v1.dataset).toBe('clusters');
    expect(decodeHash('#v=1&')).toEqual({ config: v1, view: {}, notices: [], version: 1, experiment: new Map() });
    expect(decodeHash('#E=8').config).toEqual(v1);
    expect(decodeHash('#deck=switch,mixtral').version).toBe(1);
    // a link that only asks for a view opens today's defaults in it
    for (const view of ['#lang=zh-CN', '#embed=1&panels=flow,load', '#theme=dark&scale=1.5']) {
      expect(decodeHash(view).config, view).toEqual(schemaDefaults());
    }
  });

  it('reads percent-encoded keys and values', () => {
    const decoded = decodeHash('#%45=16&r=%65xpert-choice');
    expect(decoded.notices).toEqual([]);
    expect(decoded.config.experts).toBe(16);
    expect(decoded.config.scheme).toBe('expert-choice');
  });
});

describe('view parameters', () => {
  const full: ViewParams = {
    preset: 'mixtral',
    deck: ['switch', 'mixtral', 'collapse'],
    slide: 1,
    step: 500,
    autoplay: true,
    embed: false,
    panels: ['flow', 'load', 'loss'],
    controls: ['E', 'k', 'cf'],
    theme: 'contrast',
    lang: 'zh-CN',
    scale: 1.25,
    origins: ['https://slides.example.com', 'http://localhost:8080'],
  };

  it('round-trip: the preset first (the config is written against it), the config, then the rest in a fixed order', () => {
    const config = { ...presetConfig('mixtral'), experts: 16 };
    const hash = encodeHash(config, full);
    expect(hash).toBe(
      '#v=5&preset=mixtral&E=16&deck=switch,mixtral,collapse&slide=1&step=500&autoplay=1&embed=0' +
        '&panels=flow,load,loss&controls=E,k,cf&theme=contrast&lang=zh-CN&scale=1.25' +
        '&origins=https://slides.example.com,http://localhost:8080',
    );
    const decoded = decodeHash(hash);
    expect(decoded.notices).toEqual([]);
    expect(decoded.view).toEqual(full);
    expect(decoded.config).toEqual(config);
  });

  it('reads a bare flag as on', () => {
    expect(decodeHash('#embed&autoplay').view).toEqual({ embed: true, autoplay: true });
  });

  it('keeps only well-formed http(s) origins, normalised', () => {
    const decoded = decodeHash('#origins=https://A.Example.com:443,javascript:alert(1),http://x.org:99999,ftp://x.org,https://ok.org/path,https://a.example.com');
    expect(decoded.view.origins).toEqual(['https://a.example.com']);
    expect(decoded.notices.map((n) => [n.code, n.key, n.from])).toEqual([
      ['invalid', 'origins', 'javascript:alert?1?'],
      ['invalid', 'origins', 'http://x.org:99999'],
      ['invalid', 'origins', 'ftp://x.org'],
      ['invalid', 'origins', 'https://ok.org/path'],
    ]);
    expect(normalizeOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(normalizeOrigin('https://user@host.com')).toBeNull();
    expect(normalizeOrigin('null')).toBeNull();
  });

  it('drops unknown panels, controls, presets, themes and languages', () => {
    const decoded = decodeHash('#panels=flow,evil,flow&controls=E,zz&preset=nope&theme=neon&lang=fr&deck=nope');
    expect(decoded.view).toEqual({ panels: ['flow'], controls: ['E'] });
    expect(inEnglish(decoded.notices)).toEqual([
      { code: 'invalid', key: 'panels', message: 'panels: "evil" is not a panel; it was left out.', from: 'evil' },
      { code: 'invalid', key: 'controls', message: 'controls: "zz" is not a setting; it was left out.', from: 'zz' },
      { code: 'invalid', key: 'preset', message: 'preset = "nope" is not a known preset; it was ignored.', from: 'nope' },
      { code: 'invalid', key: 'theme', message: 'theme = "neon" is not one of light, dark, contrast; it was ignored.', from: 'neon' },
      { code: 'invalid', key: 'lang', message: 'lang = "fr" is not one of en, zh-CN; it was ignored.', from: 'fr' },
      { code: 'invalid', key: 'deck', message: 'deck: "nope" is not a known preset; it was left out.', from: 'nope' },
    ]);
  });

  it('clamps step, scale and slide', () => {
    const decoded = decodeHash('#step=1e9&scale=5&deck=switch,mixtral&slide=7');
    expect(decoded.view).toEqual({ step: 100_000, scale: 2, deck: ['switch', 'mixtral'], slide: 1 });
    expect(decoded.notices.map((n) => [n.code, n.key, n.from, n.to])).toEqual([
      ['clamped', 'step', '1e9', '100000'],
      ['clamped', 'scale', '5', '2'],
      ['clamped', 'slide', '7', '1'],
    ]);
  });

  it('ignores a slide without a deck', () => {
    const decoded = decodeHash('#slide=2');
    expect(decoded.view).toEqual({});
    expect(inEnglish(decoded.notices)).toEqual([{ code: 'invalid', key: 'slide', message: 'slide needs a deck; it was ignored.', from: '2' }]);
  });

  it('caps the length of lists', () => {
    const decoded = decodeHash(`#deck=${Array(60).fill('switch').join(',')}`);
    expect(decoded.view.deck).toHaveLength(VIEW_LIMITS.deckMax);
    expect(inEnglish(decoded.notices)).toEqual([
      { code: 'clamped', key: 'deck', message: 'deck holds more than 50 items; the rest were left out.', from: '60', to: '50' },
    ]);
  });
});

describe('experiment keys', () => {
  it('hands the A/B and sweep keys to their codecs, in the order written, and writes them last', () => {
    const decoded = decodeHash('#v=5&E=16&ab=1&b.k=1&sweep=alpha&sw.n=50&lang=zh-CN&ab.seeds=3');
    expect(decoded.notices).toEqual([]);
    expect(decoded.config.experts).toBe(16);
    expect(decoded.view).toEqual({ lang: 'zh-CN' });
    expect([...decoded.experiment]).toEqual([
      ['ab', '1'],
      ['b.k', '1'],
      ['sweep', 'alpha'],
      ['sw.n', '50'],
      ['ab.seeds', '3'],
    ]);
    expect(encodeHash(decoded.config, decoded.view, ['ab=1', 'b.k=1'])).toBe('#v=5&E=16&lang=zh-CN&ab=1&b.k=1');
    // a key that only looks like one is still the lab's to note
    expect(decodeHash('#abc=1&bb.E=2').notices.map((n) => n.key)).toEqual(['abc', 'bb.E']);
  });
});
