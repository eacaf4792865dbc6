// Pure layers of the partition map: the grid as RGBA pixels (top-1 expert shaded by its
// probability, or one expert's gate probability), the class boundary as a path, the share of
// the plane each expert owns, and which tokens lost a choice to capacity.

import { rgb } from 'd3';
import { countChoices } from '../engine/model/metrics';
import type { PartitionGrid, Snapshot } from '../worker/protocol';
import { shownOf } from '../worker/snapshotSample';
import { expertColor } from './palette';

const colorCache = new Map<number, [number, number, number]>();
function expertRgb(e: number): [number, number, number] {
  let c = colorCache.get(e);
  if (!c) {
    const { r, g, b } = rgb(expertColor(e));
    c = [r, g, b];
    colorCache.set(e, c);
  }
  return c;
}

/** Opacity for a probability p: faint at 1/E (no preference), solid at 1. */
export function confidenceAlpha(p: number, E: number): number {
  const floor = 1 / Math.max(1, E);
  const x = E <= 1 ? 1 : Math.min(1, Math.max(0, (p - floor) / (1 - floor)));
  return 0.15 + 0.75 * x;
}

/** [n*n*4] pixels: each cell in its top-1 expert's colour, as opaque as the router is sure. */
export function partitionPixels(grid: PartitionGrid, E: number): Uint8ClampedArray<ArrayBuffer> {
  const cells = grid.n * grid.n;
  const out = new Uint8ClampedArray(cells * 4);
  for (let i = 0; i < cells; i++) {
    const [r, g, b] = expertRgb(grid.expert[i]);
    out.set([r, g, b, Math.round(255 * confidenceAlpha(grid.prob[i], E))], 4 * i);
  }
  return out;
}

/** [n*n*4] pixels of one expert's gate probability over the plane: its colour at opacity p. */
export function expertPixels(grid: PartitionGrid, e: number): Uint8ClampedArray<ArrayBuffer> {
  const cells = grid.n * grid.n;
  const out = new Uint8ClampedArray(cells * 4);
  const probs = grid.expertProbs!;
  const [r, g, b] = expertRgb(e);
  for (let i = 0; i < cells; i++) out.set([r, g, b, Math.round(255 * probs[e * cells + i])], 4 * i);
  return out;
}

/** Share of the grid's cells whose top-1 expert is e, for every e. */
export function planeShares(grid: PartitionGrid, E: number): number[] {
  const counts = new Array<number>(E).fill(0);
  for (const e of grid.expert) if (e >= 0 && e < E) counts[e]++;
  const cells = grid.n * grid.n;
  return counts.map((c) => c / cells);
}

/**
 * SVG path of the cell edges where the predicted class changes between neighbours, in a
 * size×size square: the model's decision boundary at the grid's resolution. `labels` draws
 * the edges of other regions instead (the teacher's).
 */
export function boundaryPath(grid: PartitionGrid, size: number, labels: ArrayLike<number> = grid.predicted): string {
  const { n } = grid;
  const cell = size / n;
  const f = (v: number) => Number(v.toFixed(2));
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const i = row * n + col;
      // right edge, then bottom edge
      if (col + 1 < n && labels[i] !== labels[i + 1]) parts.push(`M${f((col + 1) * cell)},${f(row * cell)}v${f(cell)}`);
      if (row + 1 < n && labels[i] !== labels[i + n]) parts.push(`M${f(col * cell)},${f((row + 1) * cell)}h${f(cell)}`);
    }
  }
  return parts.join('');
}

/** Per token carried (all, or a sample): 0 no choice dropped, 1 some dropped, 2 every choice dropped. */
export function dropStates(s: Pick<Snapshot, 'T' | 'k' | 'experts' | 'dropped'> & Partial<Pick<Snapshot, 'sample'>>): Uint8Array {
  const { T, k } = shownOf(s);
  const out = new Uint8Array(T);
  for (let t = 0; t < T; t++) {
    const { choices, dropped } = countChoices(s.experts, s.dropped, t * k, t * k + k);
    out[t] = dropped === 0 ? 0 : dropped === choices ? 2 : 1;
  }
  return out;
}

/**
 * The teacher's regions matched to the student: for each teacher expert, the student expert that
 * keeps the largest share of its tokens (from the agreement matrix, [Et*E] rows summing to 1),
 * or -1 while the row is empty.
 */
export function teacherMatches(share: Float32Array, Et: number, E: number): { student: number; share: number }[] {
  return Array.from({ length: Et }, (_, te) => {
    let student = -1;
    let best = 0;
    for (let e = 0; e < E; e++) {
      if (share[te * E + e] > best) [student, best] = [e, share[te * E + e]];
    }
    return { student, share: best };
  });
}

/**
 * [n*n*4] pixels of the teacher's regions, each in the colour of the student expert it is matched
 * to, as opaque as that expert's share of it: where the student has learned the teacher's split,
 * this map and the router's look alike. Grey while a region has no match yet.
 */
export function teacherPixels(grid: PartitionGrid, matches: { student: number; share: number }[]): Uint8ClampedArray<ArrayBuffer> {
  const cells = grid.n * grid.n;
  const out = new Uint8ClampedArray(cells * 4);
  const regions = grid.teacher!;
  for (let i = 0; i < cells; i++) {
    const m = matches[regions[i]];
    const [r, g, b] = m && m.student >= 0 ? expertRgb(m.student) : [160, 160, 160];
    out.set([r, g, b, Math.round(255 * (0.15 + 0.75 * (m?.share ?? 0)))], 4 * i);
  }
  return out;
}

/** Each teacher region's centre in grid cells (mean row and column), where its name is drawn. */
export function regionCentres(grid: PartitionGrid, Et: number): ({ row: number; col: number } | null)[] {
  const sums = Array.from({ length: Et }, () => ({ row: 0, col: 0, n: 0 }));
  grid.teacher!.forEach((te, i) => {
    const s = sums[te];
    if (!s) return;
    s.row += Math.floor(i / grid.n);
    s.col += i % grid.n;
    s.n++;
  });
  return sums.map((s) => (s.n === 0 ? null : { row: s.row / s.n, col: s.col / s.n }));
}
