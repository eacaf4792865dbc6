import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASS_COLORS, drawFlow, type FlowState } from '../../../src/components/flow/draw';
import { computeFlowLayout } from '../../../src/components/flow/layout';
import { packColor } from '../../../src/components/flow/pixels';
import { expertColor } from '../../../src/components/palette';
import { makeSnapshot } from '../fixtures';

// jsdom has no canvas: a context that counts the calls that cost (fills, strokes, text, blits)
class FakePath {
  ops = 0;
  moveTo() { this.ops++; }
  lineTo() { this.ops++; }
  rect() { this.ops++; }
  arc() { this.ops++; }
  closePath() {}
}

function fakeContext() {
  const calls: Record<string, number> = {};
  const count = (name: string) => () => void (calls[name] = (calls[name] ?? 0) + 1);
  const ctx = new Proxy(
    {},
    {
      get: (_, name: string) => (name === 'calls' ? calls : count(name)),
      set: () => true,
    },
  );
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const state = (E: number, extra: Partial<FlowState> = {}): FlowState => ({
  from: null,
  progress: 1,
  selected: null,
  hovered: null,
  colors: { fg: '#000', muted: '#555', grid: '#ddd', danger: '#d55e00', panel: '#fff', experts: Array.from({ length: E }, (_, e) => expertColor(e)), classes: CLASS_COLORS.slice(0, 3) },
  glyphs: null,
  dpr: 1,
  ...extra,
});

describe('drawFlow', () => {
  const saved = { Path2D: globalThis.Path2D, ImageData: globalThis.ImageData };
  beforeAll(() => {
    globalThis.Path2D = FakePath as unknown as typeof Path2D;
    globalThis.ImageData = class {
      data: Uint8ClampedArray;
      constructor(public width: number, public height: number) {
        this.data = new Uint8ClampedArray(width * height * 4);
      }
    } as unknown as typeof ImageData;
  });
  afterAll(() => Object.assign(globalThis, saved));

  it('batches marks by colour: fill calls do not grow with the number of tokens', () => {
    const fills = [32, 400].map((T) => {
      const s = makeSnapshot({ T, E: 4 });
      const { ctx, calls } = fakeContext();
      drawFlow(ctx, computeFlowLayout(s, { width: 640, height: 360, shared: 1 }), s, state(4));
      return (calls.fill ?? 0) + (calls.stroke ?? 0);
    });
    expect(fills[1]).toBeLessThanOrEqual(fills[0] + 8);
  });

  it('draws a dense strip as one blit, and highlights a selected token mid-transition', () => {
    const s = makeSnapshot({ T: 4096, E: 64 });
    const prev = makeSnapshot({ T: 4096, E: 64, seed: 3 });
    const opts = { width: 960, height: 380, shared: 0 };
    const { ctx, calls } = fakeContext();
    drawFlow(ctx, computeFlowLayout(s, opts), s, state(64, { from: computeFlowLayout(prev, opts), progress: 0.5, selected: 7 }));
    expect(calls.putImageData).toBe(1);
    expect(calls.clearRect).toBe(1);
    expect((calls.fill ?? 0) + (calls.stroke ?? 0)).toBeLessThan(600);
  });

  it('packs CSS colours as RGBA words', () => {
    expect(packColor('#ff0000')).toBe(0xff0000ff);
    expect(packColor('rgb(0, 0, 255)')).toBe(0xffff0000);
    expect(packColor('#0f0')).toBe(0xff00ff00);
  });
});
