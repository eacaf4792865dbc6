import { describe, expect, it } from 'vitest';
import {
  embedUrl,
  escapeAttr,
  iframeSnippet,
  parseControls,
  parseOrigins,
  revealSnippet,
  shareUrl,
  toolOrigin,
  withView,
} from '../../src/components/shareSnippet';
import { decodeHash } from '../../src/state/url';

const BASE = 'https://example.org/moe/';

describe('shareSnippet', () => {
  it('links to the setup, and with a step trains to it', () => {
    expect(shareUrl(BASE, '#v=5&E=4')).toBe('https://example.org/moe/#v=5&E=4');
    expect(shareUrl(BASE, '#v=5&E=4', 120)).toBe('https://example.org/moe/#v=5&E=4&step=120');
    expect(shareUrl(BASE, '#v=5&E=4', 0)).toBe('https://example.org/moe/#v=5&E=4');
    // a stray hash on the base is not doubled
    expect(shareUrl(`${BASE}#old`, '#v=5', null)).toBe('https://example.org/moe/#v=5');
  });

  it('writes embed options in the codec order, replacing the page’s own', () => {
    const url = embedUrl(BASE, '#v=5&E=4&panels=cost', {
      panels: ['flow', 'load'],
      controls: ['E', 'k'],
      autoplay: true,
      origins: ['https://slides.example.com'],
      step: 50,
    });
    expect(url).toBe(
      'https://example.org/moe/#v=5&E=4&step=50&autoplay=1&embed=1&panels=flow,load&controls=E,k&origins=https://slides.example.com',
    );
    const { view, config, notices } = decodeHash(url.split('#')[1]);
    expect(notices).toEqual([]);
    expect(config.experts).toBe(4);
    expect(view).toEqual({
      step: 50,
      autoplay: true,
      embed: true,
      panels: ['flow', 'load'],
      controls: ['E', 'k'],
      origins: ['https://slides.example.com'],
    });
    // nothing chosen: all panels, no autoplay, and the page's panels are dropped
    expect(embedUrl(BASE, '#v=5&panels=cost')).toBe('https://example.org/moe/#v=5&embed=1');
  });

  it('keeps a deck and its slide', () => {
    expect(withView('#v=1&preset=switch&deck=switch,mixtral&slide=1', { embed: true })).toContain('deck=switch,mixtral&slide=1&embed=1');
  });

  it('escapes the URL and title inside the iframe attributes', () => {
    expect(escapeAttr(`a&b"c'<d>`)).toBe('a&amp;b&quot;c&#39;&lt;d&gt;');
    const snippet = iframeSnippet('https://x.org/#v=1&embed=1&panels=flow"><script>', { title: 'A & B' });
    expect(snippet).toBe(
      '<iframe src="https://x.org/#v=1&amp;embed=1&amp;panels=flow&quot;&gt;&lt;script&gt;" width="100%" height="520" style="border:0" allow="fullscreen" title="A &amp; B"></iframe>',
    );
    // read back by an HTML parser, the attribute is the URL again
    const div = document.createElement('div');
    div.innerHTML = iframeSnippet('https://x.org/#v=1&embed=1&panels=flow,load');
    expect(div.querySelector('iframe')!.getAttribute('src')).toBe('https://x.org/#v=1&embed=1&panels=flow,load');
    expect(div.querySelector('script')).toBeNull();
  });

  it('reads controls and origins typed by a person', () => {
    expect(parseControls('E, k,cf  nope,e')).toEqual({ keys: ['E', 'k', 'cf'], invalid: ['nope'] });
    expect(parseControls('t')).toEqual({ keys: ['T'], invalid: [] });
    expect(parseOrigins('https://Slides.Example.com/, ftp://x, http://localhost:8000 https://slides.example.com')).toEqual({
      origins: ['https://slides.example.com', 'http://localhost:8000'],
      invalid: ['ftp://x'],
      tooMany: false,
    });
    expect(parseOrigins('https://a.org/deck/index.html').invalid).toEqual(['https://a.org/deck/index.html']);
    const many = Array.from({ length: 18 }, (_, i) => `https://h${i}.org`).join(',');
    expect(parseOrigins(many)).toMatchObject({ tooMany: true });
    expect(parseOrigins(many).origins).toHaveLength(16);
  });

  it('gives a reveal.js snippet that posts to the tool origin', () => {
    expect(toolOrigin(BASE)).toBe('https://example.org');
    expect(toolOrigin('file:///x/index.html')).toBe('https://your-playground.example');
    const code = revealSnippet('https://example.org');
    expect(code).toContain("Reveal.on('slidechanged'");
    expect(code).toContain("{ source: 'moe-playground', type: 'preset', id }");
    expect(code).toContain("{ source: 'moe-playground', type: 'next' }");
    expect(code).toContain('postMessage(message, TOOL_ORIGIN)');
    expect(code).toContain('const TOOL_ORIGIN = "https://example.org";');
  });
});
