// The moves between snapshots: the frame marks start from when there is nothing to move from, the
// frame partway through a move, and whether an old frame fits a new layout. Pure: no DOM, no Svelte.

import type { FlowFrame, FlowLayout } from './layout';

/** Where marks start when there is nothing to move from: every choice at its token, bars empty. */
export function originFrame(l: FlowLayout): FlowFrame {
  const choiceX = new Float32Array(l.T * l.k);
  const choiceY = new Float32Array(l.T * l.k);
  for (let i = 0; i < l.T * l.k; i++) {
    const t = Math.floor(i / l.k);
    choiceX[i] = l.tokenX[t] + l.strip.cell / 2;
    choiceY[i] = l.tokenY[t] + l.strip.rowH / 2;
  }
  return { choiceX, choiceY, keptH: new Float32Array(l.E), dropH: new Float32Array(l.E) };
}

/** The frame shown at progress p of the move from `from` to `to` (to restart mid-transition). */
export function mixFrame(from: FlowFrame, to: FlowFrame, p: number): FlowFrame {
  const mix = (a: Float32Array, b: Float32Array) => {
    const out = new Float32Array(b.length);
    for (let i = 0; i < b.length; i++) out[i] = a[i] + (b[i] - a[i]) * p;
    return out;
  };
  return { choiceX: mix(from.choiceX, to.choiceX), choiceY: mix(from.choiceY, to.choiceY), keptH: mix(from.keptH, to.keptH), dropH: mix(from.dropH, to.dropH) };
}

/** A frame can be interpolated to the layout only if it has the same shape. */
export function compatible(from: FlowFrame | null, l: FlowLayout): from is FlowFrame {
  return !!from && from.choiceX.length === l.T * l.k && from.keptH.length === l.E;
}
