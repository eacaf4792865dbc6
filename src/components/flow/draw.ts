// One frame of the routing flow on a 2D canvas. Pure apart from the context it is handed, so the
// bench and the tests can call it without Svelte. Speed: marks are batched into one Path2D per
// colour (class, expert, dropped), so fillStyle changes once per colour, never per mark; in dense
// mode columns are single fill bars and only sampled tokens get lines (layout.lineTokens).

import type { Snapshot } from '../../worker/protocol';
import { packColor, paintTicks } from './pixels';
import { compatible, mixFrame } from './interpolate';
import type { FlowFrame, FlowLayout } from './layout';

/** Class colours for 2D points (Tableau 10 without its red and orange, which read as "dropped"). */
export const CLASS_COLORS = ['#4e79a7', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#bab0ac', '#ff9da7'];

export interface FlowColors {
  fg: string;
  muted: string;
  grid: string;
  danger: string;
  panel: string;
  /** [E] one per routed expert */
  experts: string[];
  /** per class, for 2D points */
  classes: string[];
}

export interface FlowState {
  /** the frame to move from, or null to show the layout as it is */
  from: FlowFrame | null;
  /** 0..1, already eased */
  progress: number;
  selected: number | null;
  hovered: number | null;
  colors: FlowColors;
  /** text data: each token as shown (␣, ↵); null for 2D points, drawn as dots by class */
  glyphs: string[] | null;
  dpr: number;
}

export type FlowData = Pick<Snapshot, 'experts' | 'weights' | 'dropped' | 'labels'>;

/** The widest line, px: a choice of gate weight 1. */
const LINE_MAX = 4;
/** lines of a smaller weight than this are left out (soft MoE spreads every token over all experts) */
const LINE_MIN_WEIGHT = 0.02;

function quad(p: Path2D, x0: number, y0: number, x1: number, y1: number, hw: number): void {
  p.moveTo(x0 - hw, y0);
  p.lineTo(x0 + hw, y0);
  p.lineTo(x1 + hw, y1);
  p.lineTo(x1 - hw, y1);
  p.closePath();
}

function markPath(p: Path2D, x: number, y: number, size: number, round: boolean): void {
  if (round && size >= 5) {
    p.moveTo(x + size / 2, y);
    p.arc(x, y, size / 2, 0, 2 * Math.PI);
  } else p.rect(x - size / 2, y - size / 2, size, size);
}

export function drawFlow(ctx: CanvasRenderingContext2D, l: FlowLayout, s: FlowData, st: FlowState): void {
  const { colors, glyphs } = st;
  const { T, E, k, shared, columns, strip, lane } = l;
  const moving = st.progress < 1 && compatible(st.from, l);
  const cur: FlowFrame = moving ? mixFrame(st.from as FlowFrame, l, st.progress) : l;
  const { colX, colW } = columns;
  const top = columns.y;
  const stripBottom = strip.y + strip.h;

  ctx.setTransform(st.dpr, 0, 0, st.dpr, 0, 0);
  ctx.clearRect(0, 0, l.width, l.height);

  // column and lane backgrounds, and the band that carries every token to each shared expert
  ctx.globalAlpha = 0.12;
  for (let e = 0; e < E; e++) {
    ctx.fillStyle = colors.experts[e];
    ctx.fillRect(colX[shared + e], top, colW, columns.h);
  }
  ctx.fillStyle = colors.danger;
  ctx.fillRect(lane.x, lane.y, lane.w, lane.h);
  if (shared) {
    ctx.fillStyle = colors.muted;
    const band = new Path2D();
    for (let c = 0; c < shared; c++) {
      band.moveTo(strip.x, stripBottom);
      band.lineTo(strip.x + strip.w, stripBottom);
      band.lineTo(colX[c] + colW, top);
      band.lineTo(colX[c], top);
      band.closePath();
    }
    ctx.fill(band);
    ctx.globalAlpha = 0.55;
    for (let c = 0; c < shared; c++) ctx.fillRect(colX[c], top, colW, columns.h);
  }
  ctx.globalAlpha = 1;

  const byToken = glyphs === null;
  const nClass = Math.max(1, colors.classes.length);
  const markColor = (t: number) => (byToken ? colors.classes[((s.labels[t] % nClass) + nClass) % nClass] : colors.muted);

  if (l.mode === 'slots') {
    // empty capacity slots, so a column visibly fills up
    if (l.capacitySlots) {
      const slots = new Path2D();
      const pad = (colW - l.perRow * l.cell) / 2;
      for (let e = 0; e < E; e++) {
        const x0 = colX[shared + e] + pad;
        for (let o = 0; o < l.capacitySlots; o++) {
          slots.rect(x0 + (o % l.perRow) * l.cell + 0.5, top + Math.floor(o / l.perRow) * l.cell + 0.5, l.cell - 1, l.cell - 1);
        }
      }
      ctx.fillStyle = colors.grid;
      ctx.fill(slots);
    }
    // every choice's mark, one path per colour; dropped ones also get an outline in the lane
    const paths = new Map<string, Path2D>();
    const droppedMarks = new Path2D();
    for (let i = 0; i < T * k; i++) {
      if (s.experts[i] < 0) continue;
      const t = (i / k) | 0;
      const color = markColor(t);
      let p = paths.get(color);
      if (!p) paths.set(color, (p = new Path2D()));
      const size = (s.dropped[i] ? l.laneCell : l.cell) - 1;
      markPath(p, cur.choiceX[i], cur.choiceY[i], size, byToken);
      if (s.dropped[i]) droppedMarks.rect(cur.choiceX[i] - size / 2, cur.choiceY[i] - size / 2, size, size);
    }
    for (const [color, p] of paths) {
      ctx.fillStyle = color;
      ctx.fill(p);
    }
    ctx.strokeStyle = colors.danger;
    ctx.lineWidth = 1;
    ctx.stroke(droppedMarks);
    if (glyphs && l.cell >= 10) drawGlyphs(ctx, l, s, glyphs, cur, colors.panel);
  } else {
    for (let e = 0; e < E; e++) {
      ctx.fillStyle = colors.experts[e];
      ctx.fillRect(colX[shared + e], top, colW, cur.keptH[e]);
    }
    const drops = new Path2D();
    for (let e = 0; e < E; e++) if (cur.dropH[e] > 0) drops.rect(colX[shared + e], lane.y, colW, cur.dropH[e]);
    ctx.fillStyle = colors.danger;
    ctx.fill(drops);
  }

  if (l.capacityY !== null) {
    const cap = new Path2D();
    for (let e = 0; e < E; e++) {
      cap.moveTo(colX[shared + e], l.capacityY);
      cap.lineTo(colX[shared + e] + colW, l.capacityY);
    }
    ctx.strokeStyle = colors.fg;
    ctx.lineWidth = 1.5;
    ctx.stroke(cap);
  }

  drawStrip(ctx, l, s, st, markColor);
  drawLines(ctx, l, s, st, cur, stripBottom);
}

function drawDenseStrip(ctx: CanvasRenderingContext2D, l: FlowLayout, s: FlowData, st: FlowState, markColor: (t: number) => string): void {
  const { strip, T, k } = l;
  const { dpr } = st;
  const w = Math.max(1, Math.round(strip.cols * dpr));
  const h = Math.max(1, Math.ceil(T / strip.cols) * Math.max(1, Math.round(strip.rowH * dpr)));
  if (typeof ImageData === 'undefined') return;
  const image = new ImageData(w, h);
  const packed = new Map<string, number>();
  const colorOf = (t: number) => {
    const css = markColor(t);
    let v = packed.get(css);
    if (v === undefined) packed.set(css, (v = packColor(css)));
    return v;
  };
  const flagged = (t: number) => {
    for (let j = 0; j < k; j++) if (s.dropped[t * k + j]) return true;
    return false;
  };
  const data = new Uint32Array(image.data.buffer);
  paintTicks(data, w, dpr, T, strip.cols, strip.rowH, colorOf, flagged, packColor(st.colors.danger), Math.max(1, strip.rowH / 3));
  ctx.putImageData(image, Math.round(strip.x * dpr), Math.round(strip.y * dpr));
}

function drawStrip(ctx: CanvasRenderingContext2D, l: FlowLayout, s: FlowData, st: FlowState, markColor: (t: number) => string): void {
  const { strip, T, k } = l;
  if (l.mode === 'dense') return drawDenseStrip(ctx, l, s, st, markColor);
  const paths = new Map<string, Path2D>();
  const dropped = new Path2D();
  const size = strip.cell - 1;
  for (let t = 0; t < T; t++) {
    const color = markColor(t);
    let p = paths.get(color);
    if (!p) paths.set(color, (p = new Path2D()));
    const x = l.tokenX[t];
    const y = l.tokenY[t];
    let anyDropped = 0;
    for (let j = 0; j < k; j++) anyDropped |= s.dropped[t * k + j];
    markPath(p, x + strip.cell / 2, y + strip.cell / 2, size, st.glyphs === null);
    if (anyDropped) dropped.rect(x + 1, y + strip.cell - 2, size - 1, 2);
  }
  for (const [color, p] of paths) {
    ctx.fillStyle = color;
    ctx.fill(p);
  }
  ctx.fillStyle = st.colors.danger;
  ctx.fill(dropped);
  if (st.glyphs && strip.cell >= 9) {
    ctx.fillStyle = st.colors.panel;
    ctx.font = `${Math.floor(strip.cell * 0.8)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let t = 0; t < T; t++) ctx.fillText(st.glyphs[t], l.tokenX[t] + strip.cell / 2, l.tokenY[t] + strip.cell / 2 + 0.5);
  }
}

function drawGlyphs(ctx: CanvasRenderingContext2D, l: FlowLayout, s: FlowData, glyphs: string[], cur: FlowFrame, color: string): void {
  ctx.fillStyle = color;
  ctx.font = `${Math.floor(l.cell * 0.75)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < l.T * l.k; i++) {
    if (s.experts[i] < 0 || s.dropped[i]) continue;
    ctx.fillText(glyphs[(i / l.k) | 0], cur.choiceX[i], cur.choiceY[i] + 0.5);
  }
}

/** Line widths in half-pixel steps from 1 px: one stroked path per (expert, width), thin ones as hairlines. */
const WIDTHS = 2 * LINE_MAX - 1;

function drawLines(ctx: CanvasRenderingContext2D, l: FlowLayout, s: FlowData, st: FlowState, cur: FlowFrame, y0: number): void {
  const { k, E, strip } = l;
  const y1 = l.columns.y;
  // paths[(width bucket) * (E + 1) + expert]; expert E stands for dropped choices
  const paths: (Path2D | undefined)[] = new Array(WIDTHS * (E + 1));
  const half = strip.cell / 2;
  const widen = l.lineTokens || l.T > 200 ? 0.5 : 1;
  const addToken = (t: number) => {
    const x0 = l.tokenX[t] + half;
    for (let j = 0; j < k; j++) {
      const i = t * k + j;
      const e = s.experts[i];
      const w = s.weights[i];
      if (e < 0 || w < LINE_MIN_WEIGHT) continue;
      const bucket = Math.max(0, Math.min(WIDTHS - 1, Math.round(2 * Math.min(1, w) * LINE_MAX * widen) - 2));
      const key = bucket * (E + 1) + (s.dropped[i] ? E : e);
      const p = (paths[key] ??= new Path2D());
      p.moveTo(x0, y0);
      p.lineTo(cur.choiceX[i], y1);
    }
  };
  const focus = st.selected ?? st.hovered;
  if (l.lineTokens) for (let n = 0; n < l.lineTokens.length; n++) addToken(l.lineTokens[n]);
  else for (let t = 0; t < l.T; t++) addToken(t);
  ctx.globalAlpha = focus === null ? 0.5 : 0.15;
  for (let key = 0; key < paths.length; key++) {
    const p = paths[key];
    if (!p) continue;
    const e = key % (E + 1);
    ctx.strokeStyle = e === E ? st.colors.danger : st.colors.experts[e];
    ctx.lineWidth = 1 + 0.5 * Math.floor(key / (E + 1));
    ctx.stroke(p);
  }
  ctx.globalAlpha = 1;
  for (const t of new Set([st.hovered, st.selected])) if (t !== null && t >= 0 && t < l.T) highlight(ctx, l, s, st, cur, t, y0);
}

/** The focused token: its strip mark ringed, its lines full strength, each of its choices ringed where it landed. */
function highlight(ctx: CanvasRenderingContext2D, l: FlowLayout, s: FlowData, st: FlowState, cur: FlowFrame, t: number, y0: number): void {
  const { k, strip } = l;
  const x0 = l.tokenX[t] + strip.cell / 2;
  const rings = new Path2D();
  for (let j = 0; j < k; j++) {
    const i = t * k + j;
    const e = s.experts[i];
    if (e < 0) continue;
    const p = new Path2D();
    quad(p, x0, y0, cur.choiceX[i], l.columns.y, Math.max(1, Math.min(1, s.weights[i]) * LINE_MAX * 1.5) / 2);
    ctx.fillStyle = s.dropped[i] ? st.colors.danger : st.colors.experts[e];
    ctx.fill(p);
    const r = Math.max(4, (s.dropped[i] ? l.laneCell : l.cell) / 2 + 1);
    rings.rect(cur.choiceX[i] - r, cur.choiceY[i] - r, 2 * r, 2 * r);
  }
  const w = Math.max(3, strip.cell);
  rings.rect(l.tokenX[t] + strip.cell / 2 - w / 2 - 1, l.tokenY[t] - 1, w + 2, strip.rowH + 2);
  ctx.strokeStyle = st.colors.fg;
  ctx.lineWidth = 1.5;
  ctx.stroke(rings);
}
