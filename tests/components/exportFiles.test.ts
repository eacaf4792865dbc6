// The browser half of export: a download through a temporary link, an <svg> as a file of its own
// with the page's colours, and a panel's drawings composited into one PNG at their positions.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { download, panelPng, svgMarkup } from '../../src/components/exportFiles';

const box = (left: number, top: number, width: number, height: number) => () => DOMRect.fromRect({ x: left, y: top, width, height });

describe('exportFiles', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // jsdom has no object URLs
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    document.body.replaceChildren();
  });

  it('downloads through a link it clicks and removes, and frees the URL a moment later', () => {
    const clicked: { name: string; href: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ name: this.download, href: this.href, attached: this.isConnected });
    });
    download('moe-playground_custom_history.csv', 'step\n1\n', 'text/csv');
    expect(clicked).toEqual([{ name: 'moe-playground_custom_history.csv', href: 'blob:export', attached: true }]);
    const blob = vi.mocked(URL.createObjectURL).mock.lastCall![0] as Blob;
    expect(blob.type).toBe('text/csv');
    expect(document.querySelector('a')).toBeNull();
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:export');
  });

  it('writes an svg as a standalone file with the colours it inherits and its drawn size', () => {
    document.body.innerHTML = '<div style="--fg: #123456"><svg style="opacity: 0.5"><rect width="4" height="2"></rect></svg></div>';
    const svg = document.querySelector('svg')!;
    svg.getBoundingClientRect = box(0, 0, 320.4, 180.6);
    const markup = svgMarkup(svg);
    expect(markup).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(markup).toContain('width="320"');
    expect(markup).toContain('height="181"');
    expect(markup).toContain('--fg: #123456;');
    expect(markup).toContain('--accent: initial;');
    expect(markup).toMatch(/style="[^"]*font-family: system-ui, sans-serif; opacity: 0.5/);
    expect(markup).toContain('<rect width="4" height="2"');
    // the page's own svg is left as it was
    expect(svg.hasAttribute('xmlns')).toBe(false);
  });

  it('composites a panel as PNG: its canvases at their places over its background, at twice the size', async () => {
    document.body.innerHTML = '<section><h2>Partition</h2><canvas id="a"></canvas><canvas id="hidden"></canvas></section>';
    const panel = document.querySelector('section')!;
    panel.getBoundingClientRect = box(100, 50, 200, 120);
    const drawn = document.querySelector<HTMLCanvasElement>('#a')!;
    drawn.getBoundingClientRect = box(110, 80, 64, 32);
    document.querySelector<HTMLCanvasElement>('#hidden')!.getBoundingClientRect = box(0, 0, 0, 0);
    const calls: unknown[][] = [];
    const ctx = {
      scale: (...a: unknown[]) => calls.push(['scale', ...a]),
      fillRect: (...a: unknown[]) => calls.push(['fillRect', ...a]),
      drawImage: (...a: unknown[]) => calls.push(['drawImage', ...a]),
      fillStyle: '',
    };
    // getContext is overloaded per context kind; this fake answers the '2d' the export asks for
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as unknown as HTMLCanvasElement['getContext']);
    let size: [number, number] = [0, 0];
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (this: HTMLCanvasElement, done: BlobCallback) {
      size = [this.width, this.height];
      done(new Blob(['png'], { type: 'image/png' }));
    });
    const blob = await panelPng(panel);
    expect(blob?.type).toBe('image/png');
    expect(size).toEqual([400, 240]);
    expect(calls).toEqual([
      ['scale', 2, 2],
      ['fillRect', 0, 0, 200, 120],
      ['drawImage', drawn, 10, 30, 64, 32],
    ]);
  });

  it('gives no PNG where the page cannot draw', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    expect(await panelPng(document.createElement('section'))).toBeNull();
  });
});
