// The 2D partition map's data: over an n×n grid of the input plane, the router's top-1 expert,
// its probability, every expert's probability (small E) and the model's predicted class.

import { teacherExpert } from '../datasets/teacher';
import type { TeacherNet } from '../datasets/types';
import type { Routing } from '../routing/types';
import type { Batch } from './network';

/** 2D data: the router's and the model's view of every point of an n×n grid over the plane. */
export interface PartitionGridData {
  n: number;
  /** the plane shown: x and y from min to max */
  min: number;
  max: number;
  /** [n*n] row-major, row 0 at y = max (the top): the router's top-1 expert */
  expert: Int16Array;
  /** [n*n] that expert's router probability */
  prob: Float32Array;
  /** [n*n] the model's predicted class */
  predicted: Uint8Array;
  /** [E*n*n] each expert's probability over the grid, when E ≤ GRID_EXPERT_PROBS_MAX */
  expertProbs?: Float32Array;
  /** [n*n] the teacher task over 2 inputs: the teacher's expert at each point, its regions */
  teacher?: Uint8Array;
}

const GRID_EXPERT_PROBS_MAX = 16;

/**
 * `forward` runs the model on a batch of points and returns class logits and the routing; a 2D
 * `teacher` adds its regions, computed from its router as it labels the data.
 */
export function partitionGrid(
  n: number,
  extent: number,
  forward: (batch: Batch) => { logits: Float32Array; routing: Routing },
  teacher?: TeacherNet,
): PartitionGridData {
  const T = n * n;
  const points = new Float32Array(2 * T);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const i = row * n + col;
      points[2 * i] = -extent + ((col + 0.5) / n) * 2 * extent;
      points[2 * i + 1] = extent - ((row + 0.5) / n) * 2 * extent;
    }
  }
  const { logits, routing } = forward({ T, points, labels: new Int32Array(T), tokenIds: Int32Array.from({ length: T }, (_, i) => i) });
  const classes = logits.length / T;
  const { E, probs } = routing;
  // MH-MoE routes H sub-tokens per point: the map shows each point's first head (sub-token t·H)
  const H = routing.T / T;
  const expert = new Int16Array(T);
  const prob = new Float32Array(T);
  const predicted = new Uint8Array(T);
  for (let t = 0; t < T; t++) {
    let best = 0;
    const row = t * H * E;
    for (let e = 1; e < E; e++) if (probs[row + e] > probs[row + best]) best = e;
    expert[t] = best;
    prob[t] = probs[row + best];
    let cls = 0;
    for (let c = 1; c < classes; c++) if (logits[t * classes + c] > logits[t * classes + cls]) cls = c;
    predicted[t] = cls;
  }
  let expertProbs: Float32Array | undefined;
  if (E <= GRID_EXPERT_PROBS_MAX) {
    expertProbs = new Float32Array(E * T);
    for (let e = 0; e < E; e++) for (let t = 0; t < T; t++) expertProbs[e * T + t] = probs[t * H * E + e];
  }
  const regions = teacher ? Uint8Array.from({ length: T }, (_, t) => teacherExpert(teacher, points, 2 * t)) : undefined;
  return { n, min: -extent, max: extent, expert, prob, predicted, expertProbs, ...(regions && { teacher: regions }) };
}
