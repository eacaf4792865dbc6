import { describe, expect, it } from 'vitest';
import { tokenAt } from '../../../src/components/flow/hit';
import { compatible, mixFrame, originFrame } from '../../../src/components/flow/interpolate';
import { computeFlowLayout } from '../../../src/components/flow/layout';
import { makeSnapshot } from '../fixtures';

const inside = (x: number, y: number, w: number, h: number) => x >= 0 && x <= w && y >= 0 && y <= h;

describe('flow layout', () => {
  for (const [T, E, width] of [
    [32, 4, 640],
    [300, 16, 390],
    [4096, 64, 960],
    [16384, 64, 390],
  ] as const) {
    it(`keeps every mark inside the box and kept choices within capacity (T=${T}, E=${E}, ${width} px)`, () => {
      const s = makeSnapshot({ T, E, spec: { capacityFactor: 1 } });
      const l = computeFlowLayout(s, { width, height: 360, shared: 2 });
      expect(l.mode).toBe(T > 600 ? 'dense' : 'slots');
      // collect the offenders rather than expect() per mark: there are 32k of them
      const bad: string[] = [];
      for (let t = 0; t < T; t++) if (!inside(l.tokenX[t], l.tokenY[t], width, l.strip.y + l.strip.h)) bad.push(`token ${t}`);
      expect(l.strip.y + l.strip.h).toBeLessThan(l.columns.y);
      expect(l.lane.y + l.lane.h + l.axis.h).toBeLessThanOrEqual(360);
      for (let i = 0; i < T * s.k; i++) {
        if (s.experts[i] < 0) continue;
        const x = l.choiceX[i];
        const y = l.choiceY[i];
        const x0 = l.columns.colX[l.shared + s.experts[i]];
        // a choice sits in its expert's column; dropped ones in the lane, kept ones above the capacity line
        const ok =
          inside(x, y, width, 360) &&
          x >= x0 - 1e-3 &&
          x <= x0 + l.columns.colW + 1e-3 &&
          (s.dropped[i] ? y >= l.lane.y : y >= l.columns.y && y <= l.capacityY! + 1e-3);
        if (!ok) bad.push(`choice ${i} at ${x},${y}`);
      }
      expect(bad.slice(0, 5)).toEqual([]);
      for (let e = 0; e < E; e++) {
        expect(l.keptCount[e]).toBe(s.kept[e]);
        expect(l.keptCount[e]).toBeLessThanOrEqual(s.capacity!);
        expect(l.columns.y + l.keptH[e]).toBeLessThanOrEqual(l.capacityY! + 1e-3);
        expect(l.dropH[e]).toBeLessThanOrEqual(l.lane.h + 1e-3);
      }
      expect(l.columns.colX[l.shared + E - 1] + l.columns.colW).toBeLessThanOrEqual(width);
      expect(l.lineTokens === null).toBe(T <= 2000);
    });
  }

  it('orders an expert’s slots first choices first, then by token', () => {
    const s = makeSnapshot({ T: 32, E: 4, spec: { capacityFactor: 0.75 } });
    const l = computeFlowLayout(s, { width: 640, height: 360, shared: 0 });
    for (let e = 0; e < s.E; e++) {
      const kept = Array.from(l.byExpert.subarray(l.start[e], l.start[e] + l.keptCount[e]));
      const key = (i: number) => (i % s.k) * s.T + Math.floor(i / s.k);
      expect(kept.map(key)).toEqual([...kept.map(key)].sort((a, b) => a - b));
      for (const i of l.byExpert.subarray(l.start[e] + l.keptCount[e], l.start[e + 1])) expect(s.dropped[i]).toBe(1);
    }
  });

  it('finds the token under a point in the strip and under a slot mark', () => {
    const s = makeSnapshot({ T: 32, E: 4 });
    const l = computeFlowLayout(s, { width: 640, height: 360, shared: 0 });
    expect(tokenAt(l, l.tokenX[5] + 1, l.tokenY[5] + 1)).toBe(5);
    const i = 2 * 7 + 1;
    expect(tokenAt(l, l.choiceX[i], l.choiceY[i])).toBe(7);
    expect(tokenAt(l, 1, 359)).toBeNull();
  });

  it('starts marks at their token and interpolates between frames of the same shape', () => {
    const s = makeSnapshot({ T: 32, E: 4 });
    const l = computeFlowLayout(s, { width: 640, height: 360, shared: 0 });
    const o = originFrame(l);
    expect(o.choiceX[2 * 3]).toBeCloseTo(l.tokenX[3] + l.strip.cell / 2);
    const half = mixFrame(o, l, 0.5);
    expect(half.choiceY[0]).toBeCloseTo((o.choiceY[0] + l.choiceY[0]) / 2);
    expect(compatible(o, l)).toBe(true);
    expect(compatible(o, computeFlowLayout(makeSnapshot({ T: 16, E: 4 }), { width: 640, height: 360, shared: 0 }))).toBe(false);
  });
});
