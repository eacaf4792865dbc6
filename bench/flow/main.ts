// The routing-flow draw bench page: bench/flow.ts builds it with Vite, opens it in headless
// Chromium and calls window.benchFlow(spec) once per (T, E, k) cell. The snapshot comes from the
// real routing engine (route() on randomLogits), the layout is computed once, and each frame
// times drawFlow against an empty frame (clearRect only), interleaved in the same run.

import { randomLogits } from '../../src/engine/datasets/randomLogits';
import { route } from '../../src/engine/routing/route';
import { drawFlow, type FlowColors, type FlowState } from '../../src/components/flow/draw';
import { computeFlowLayout, type FlowLayout } from '../../src/components/flow/layout';
import { expertColor } from '../../src/components/palette';

export interface FlowSpec {
  T: number;
  E: number;
  k: number;
  frames: number;
  width: number;
  height: number;
  /** 'frame': a still frame; 'transition': halfway from the previous batch's layout */
  variant: 'frame' | 'transition';
  /** read one pixel back after each frame, so rasterising is timed too, not only recording */
  flush: boolean;
}

export interface FlowResult {
  drawMs: number[];
  emptyMs: number[];
  mode: string;
  lines: number;
}

declare global {
  interface Window {
    benchFlow(spec: FlowSpec): FlowResult;
    benchReady: boolean;
  }
}

const REPS = 4;
const canvas = document.getElementById('flow') as HTMLCanvasElement;
const status = document.getElementById('status')!;

function snapshotFor(T: number, E: number, k: number, seed: number) {
  const r = route(randomLogits(T, E, seed), T, E, { scheme: 'token-choice', k, capacityFactor: 1 });
  return { ...r, labels: Int32Array.from({ length: T }, (_, t) => (t * 7) % 3) };
}

window.benchFlow = (spec) => {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(spec.width * dpr);
  canvas.height = Math.round(spec.height * dpr);
  canvas.style.width = `${spec.width}px`;
  canvas.style.height = `${spec.height}px`;
  const ctx = canvas.getContext('2d')!;
  const prev = snapshotFor(spec.T, spec.E, spec.k, 11);
  const snap = snapshotFor(spec.T, spec.E, spec.k, 12);
  const opts = { width: spec.width, height: spec.height, shared: 1 };
  const layout: FlowLayout = computeFlowLayout(snap, opts);
  const from = spec.variant === 'transition' ? computeFlowLayout(prev, opts) : null;
  const colors: FlowColors = {
    fg: '#1b1f24',
    muted: '#57606a',
    grid: '#d8dee4',
    danger: '#d55e00',
    panel: '#ffffff',
    experts: Array.from({ length: spec.E }, (_, e) => expertColor(e)),
    classes: ['#4e79a7', '#f28e2b', '#59a14f'],
  };
  const state: FlowState = { from, progress: from ? 0.5 : 1, selected: null, hovered: null, colors, glyphs: null, dpr };
  const empty = () => {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, spec.width, spec.height);
    if (spec.flush) ctx.getImageData(0, 0, 1, 1);
  };
  const draw = () => {
    drawFlow(ctx, layout, snap, state);
    if (spec.flush) ctx.getImageData(0, 0, 1, 1);
  };
  for (let w = 0; w < 5; w++) {
    empty();
    draw();
  }
  const drawMs: number[] = [];
  const emptyMs: number[] = [];
  for (let f = 0; f < spec.frames; f++) {
    // alternate which goes first, so neither always follows the other's garbage
    const order = f % 2 ? [draw, empty] : [empty, draw];
    for (const fn of order) {
      // REPS calls per sample: the page's clock ticks in 0.1 ms, coarser than an empty frame
      const t0 = performance.now();
      for (let r = 0; r < REPS; r++) fn();
      (fn === draw ? drawMs : emptyMs).push((performance.now() - t0) / REPS);
    }
  }
  const lines = layout.lineTokens ? layout.lineTokens.length * spec.k : spec.T * spec.k;
  status.textContent = `T=${spec.T} E=${spec.E} k=${spec.k} ${spec.variant} done`;
  return { drawMs, emptyMs, mode: layout.mode, lines };
};

window.benchReady = true;
status.textContent = 'ready';
