// Where every mark of the routing flow goes, computed once per snapshot and size (drawFlow only
// reads it, so a frame costs no layout). Top to bottom: the token strip, the gap the lines cross,
// the expert columns (shared experts first) filling from the top down to the capacity line, and
// the "dropped → residual" lane, where each routed expert's overflow falls under its column.
// Pure: no DOM, no Svelte. Moving between layouts is in interpolate.ts, hit-testing in hit.ts.
// A snapshot that carries a sample of the batch (snapshotSample.ts) gets the dense layout: marks
// and lines for the sampled tokens, column and lane bars from the whole batch's counts.

import type { Snapshot } from '../../worker/protocol';
import { shownOf } from '../../worker/snapshotSample';
import { flowSequences, stripCells, type FlowSequences, type SequenceInput } from './sequences';

export type FlowMode = 'slots' | 'dense';

/** Above this many tokens the strip is a density strip and columns are fill bars. */
const DENSE_TOKENS = 600;
/** Above this many tokens only sampled (and the hovered or selected) tokens get lines. */
const ALL_LINES_TOKENS = 2000;
/** Above ALL_LINES_TOKENS, about this many tokens keep their lines. */
const SAMPLED_LINES = 192;

export type FlowInput = Pick<Snapshot, 'T' | 'E' | 'k' | 'experts' | 'dropped' | 'capacity' | 'load' | 'kept'> &
  Partial<Pick<Snapshot, 'sample'>> &
  Pick<SequenceInput, 'routedWith'>;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What moves between snapshots; drawFlow interpolates from one of these to the layout. */
export interface FlowFrame {
  /** [T*k] centre of each choice's mark (NaN for -1 pads); dropped ones sit in the lane */
  choiceX: Float32Array;
  choiceY: Float32Array;
  /** [E] height of the kept bar in the column and of the dropped bar in the lane, px */
  keptH: Float32Array;
  dropH: Float32Array;
}

export interface FlowLayout extends FlowFrame {
  width: number;
  /** the height used: at most the height asked for, less when slots mode needs less */
  height: number;
  mode: FlowMode;
  /** tokens and slots per token drawn: the snapshot's sample when it carries one */
  T: number;
  E: number;
  k: number;
  /** the tokens drawn are a sample of the batch */
  sampled: boolean;
  shared: number;
  strip: Box & { cols: number; cell: number; rowH: number };
  /** [T] left edge and top of each token's cell in the strip */
  tokenX: Float32Array;
  tokenY: Float32Array;
  /** the column band; colX has shared + E left edges, shared experts first */
  columns: Box & { colX: Float32Array; colW: number };
  /** slots mode: the side of one slot and how many sit in a row of a column */
  cell: number;
  perRow: number;
  /** slots mode: the same for the lane, whose slots shrink when the overflow does not fit */
  laneCell: number;
  lanePerRow: number;
  /** dense mode: px per choice in the columns and in the lane */
  scale: number;
  laneScale: number;
  lane: Box;
  /** the expert labels under the lane; counts: room for kept/sent under each number */
  axis: { y: number; h: number; counts: boolean };
  /** y of the capacity line, or null when dropless */
  capacityY: number | null;
  /** slots mode: capacity slots per column (0 when dropless) */
  capacitySlots: number;
  /** choice indices per expert: kept ones in slot order, then dropped; expert e is start[e]..start[e+1] */
  byExpert: Int32Array;
  start: Int32Array;
  keptCount: Int32Array;
  /** tokens that get lines: null for all */
  lineTokens: Int32Array | null;
  /** the tokens' sequences (L > 1; flow/sequences.ts): in slots mode a label cell precedes each run */
  sequences: FlowSequences | null;
}

export interface LayoutOptions {
  width: number;
  height: number;
  shared: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** Choices grouped per expert, kept before dropped, each group k-slot-major then by token. */
function groupByExpert(s: FlowInput, T: number, k: number): { byExpert: Int32Array; start: Int32Array; keptCount: Int32Array } {
  const { E, experts, dropped } = s;
  const start = new Int32Array(E + 1);
  const keptCount = new Int32Array(E);
  for (let i = 0; i < T * k; i++) {
    const e = experts[i];
    if (e < 0) continue;
    start[e + 1]++;
    if (!dropped[i]) keptCount[e]++;
  }
  for (let e = 0; e < E; e++) start[e + 1] += start[e];
  const keptFill = start.slice(0, E);
  const dropFill = Int32Array.from({ length: E }, (_, e) => start[e] + keptCount[e]);
  const byExpert = new Int32Array(start[E]);
  // the routing engine's slot-major queue: every first choice before any second
  for (let j = 0; j < k; j++) {
    for (let t = 0; t < T; t++) {
      const i = t * k + j;
      const e = experts[i];
      if (e < 0) continue;
      if (dropped[i]) byExpert[dropFill[e]++] = i;
      else byExpert[keptFill[e]++] = i;
    }
  }
  return { byExpert, start, keptCount };
}

function layoutStrip(T: number, x: number, y: number, w: number, maxH: number, dense: boolean) {
  if (dense) {
    // density strip: one 1-px tick per token, wrapped into rows
    const cols = Math.max(1, Math.floor(w));
    const rows = Math.ceil(T / cols);
    const rowH = clamp(Math.floor(maxH / rows), 1, 10);
    return { x, y, w, h: rows * rowH, cols, cell: 1, rowH };
  }
  let cell = 16;
  while (cell > 3 && Math.ceil(T / Math.max(1, Math.floor(w / cell))) * cell > maxH) cell--;
  const cols = Math.max(1, Math.floor(w / cell));
  const rows = Math.ceil(T / cols);
  return { x, y, w, h: rows * cell, cols, cell, rowH: cell };
}

export function computeFlowLayout(s: FlowInput, opts: LayoutOptions): FlowLayout {
  const { E } = s;
  const { T, k } = shownOf(s);
  const sampled = s.sample !== undefined;
  const width = Math.max(40, opts.width);
  const height = Math.max(120, opts.height);
  const shared = Math.max(0, Math.floor(opts.shared));
  const { byExpert, start, keptCount } = groupByExpert(s, T, k);
  // the bars' scale follows the whole batch (load and kept are exact when the slots are a sample)
  let maxKept = 0;
  let maxDrop = 0;
  for (let e = 0; e < E; e++) {
    maxKept = Math.max(maxKept, s.kept[e]);
    maxDrop = Math.max(maxDrop, s.load[e] - s.kept[e]);
  }
  // rows to make room for; dropless: twice the even share, so the height holds still while training
  const fill = Math.max(1, s.capacity ?? Math.min(s.T, Math.max(maxKept, Math.ceil((2 * s.T * s.k) / E))), maxKept);

  const margin = 4;
  const innerW = width - 2 * margin;
  const laneH = Math.round(clamp(height * 0.16, 24, 72));
  const gapH = Math.round(clamp(height * 0.16, 28, 90));
  const stripMax = Math.round(height * 0.24);

  const n = shared + E;
  const gap = n > 32 ? 1 : n > 12 ? 2 : 4;
  const colW = Math.max(1, (innerW - gap * (n - 1)) / n);
  const colX = Float32Array.from({ length: n }, (_, c) => margin + c * (colW + gap));
  // a second label row, kept/sent per expert, where the columns are wide enough to hold it
  const counts = colW >= 30;
  const axisH = counts ? 30 : 16;

  // a sample has no slot for every choice: fill bars
  let dense = T > DENSE_TOKENS || sampled;
  let sequences = flowSequences(s, T, dense);
  let strip = layoutStrip(stripCells(T, sequences), margin, margin, innerW, stripMax, dense);
  const colTop = () => strip.y + strip.h + gapH;
  const colH = () => height - axisH - laneH - 4 - colTop();

  // slots: the largest square slot (3..14 px) with which every column's fill fits its height
  let cell = 0;
  let perRow = 1;
  if (!dense) {
    for (let c = Math.min(14, Math.floor(colW), strip.cell); c >= 3; c--) {
      const pr = Math.max(1, Math.floor(colW / c));
      if (Math.ceil(fill / pr) * c <= colH()) {
        cell = c;
        perRow = pr;
        break;
      }
    }
    if (!cell) {
      dense = true;
      sequences = flowSequences(s, T, true);
      strip = layoutStrip(T, margin, margin, innerW, stripMax, true);
    }
  }
  const top = colTop();
  // slots: a column is as tall as its capacity rows; the height left over goes to the lane
  const needH = dense ? colH() : Math.ceil(fill / perRow) * cell;
  const columns = { x: margin, y: top, w: innerW, h: Math.max(8, Math.min(colH(), needH)), colX, colW };
  // the lane is as tall as a column when there is room (overflow up to the capacity again at full
  // slot size); it depends on the capacity, not on this batch's drops, so the height holds still
  const laneNeed = dense ? 0 : columns.h;
  const lane = { x: margin, y: columns.y + columns.h + 4, w: innerW, h: clamp(laneNeed, laneH, laneH + Math.max(0, colH() - columns.h)) };
  // slots mode may end above the height asked for: the view shrinks to what it uses
  const usedHeight = dense ? height : Math.min(height, Math.ceil(lane.y + lane.h + axisH));

  const scale = dense ? columns.h / fill : cell / perRow;
  const laneScale = Math.min(scale, maxDrop ? lane.h / maxDrop : scale);
  // slots in the lane: as big as in the columns while the overflow fits, else smaller
  let laneCell = cell;
  let lanePerRow = perRow;
  if (!dense) {
    while (laneCell > 1 && Math.ceil(maxDrop / lanePerRow) * laneCell > lane.h) {
      laneCell--;
      lanePerRow = Math.max(1, Math.floor(colW / laneCell));
    }
  }

  const tokenX = new Float32Array(T);
  const tokenY = new Float32Array(T);
  for (let t = 0; t < T; t++) {
    const c = sequences ? sequences.tokenCell[t] : t;
    tokenX[t] = strip.x + (c % strip.cols) * strip.cell;
    tokenY[t] = strip.y + Math.floor(c / strip.cols) * strip.rowH;
  }

  const choiceX = new Float32Array(T * k).fill(NaN);
  const choiceY = new Float32Array(T * k).fill(NaN);
  const keptH = new Float32Array(E);
  const dropH = new Float32Array(E);
  for (let e = 0; e < E; e++) {
    const x0 = colX[shared + e];
    const count = start[e + 1] - start[e];
    const kept = keptCount[e];
    // dense: bars of the whole batch's counts, each drawn choice at its rank's share of the bar
    keptH[e] = dense ? s.kept[e] * scale : Math.ceil(kept / perRow) * cell;
    dropH[e] = dense ? (s.load[e] - s.kept[e]) * laneScale : Math.ceil((count - kept) / lanePerRow) * laneCell;
    const pad = dense ? 0 : (colW - perRow * cell) / 2;
    const lanePad = dense ? 0 : (colW - lanePerRow * laneCell) / 2;
    for (let o = 0; o < count; o++) {
      const i = byExpert[start[e] + o];
      if (o < kept) {
        choiceX[i] = dense ? x0 + (colW * (o + 0.5)) / kept : x0 + pad + (o % perRow) * cell + cell / 2;
        choiceY[i] = dense ? top + ((o + 0.5) / kept) * keptH[e] : top + Math.floor(o / perRow) * cell + cell / 2;
      } else {
        const d = o - kept;
        const nd = count - kept;
        choiceX[i] = dense ? x0 + (colW * (d + 0.5)) / nd : x0 + lanePad + (d % lanePerRow) * laneCell + laneCell / 2;
        choiceY[i] = dense ? lane.y + ((d + 0.5) / nd) * dropH[e] : lane.y + Math.floor(d / lanePerRow) * laneCell + laneCell / 2;
      }
    }
  }

  const capacitySlots = s.capacity === null ? 0 : s.capacity;
  const capacityY =
    s.capacity === null ? null : top + (dense ? s.capacity * scale : Math.ceil(s.capacity / perRow) * cell);

  let lineTokens: Int32Array | null = null;
  // soft MoE and expert choice give a token up to E choices: cap the lines, not only the tokens
  if (T > ALL_LINES_TOKENS || T * k > 4 * ALL_LINES_TOKENS) {
    const every = Math.ceil(T / Math.max(8, Math.min(SAMPLED_LINES, Math.floor((2 * ALL_LINES_TOKENS) / k))));
    lineTokens = Int32Array.from({ length: Math.ceil(T / every) }, (_, n) => n * every);
  }

  return {
    width,
    height: usedHeight,
    mode: dense ? 'dense' : 'slots',
    T,
    E,
    k,
    sampled,
    shared,
    strip,
    tokenX,
    tokenY,
    columns,
    cell: dense ? 0 : cell,
    perRow,
    scale,
    laneCell: dense ? 0 : laneCell,
    lanePerRow,
    laneScale,
    lane,
    axis: { y: lane.y + lane.h, h: axisH, counts },
    capacityY,
    capacitySlots,
    byExpert,
    start,
    keptCount,
    lineTokens,
    sequences,
    choiceX,
    choiceY,
    keptH,
    dropH,
  };
}
