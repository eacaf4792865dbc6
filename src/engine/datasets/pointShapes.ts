// The four 2D point sets, each drawn class by class so that the classes are balanced by
// construction. A shape gives clean positions; points.ts adds the noise.
//
// `detail` (1..DETAIL_LEVELS) sets how fine a shape is: more clusters, spiral turns, checkerboard
// cells or rings, per the tables below, chosen so that each level takes the default model longer
// to learn. Detail 1 draws exactly what every shape drew before the setting existed, with the
// same random draws in the same order, so older links reproduce byte for byte; keep it that way
// (tests/engine/pointsDetail.test.ts holds their fingerprints).

import { normal } from '../rng';
import type { PointsName } from './types';

type Rand = () => number;

export const DETAIL_LEVELS = 3;

export interface PointShape {
  classes: number;
  /** standard deviation of the position jitter at noise 1, in data units: it shrinks with the
   * shape's features, so a noise level blurs about the same share of a boundary at any detail */
  jitter(detail: number): number;
  draw(cls: number, rand: Rand, detail: number): [number, number];
}

// Clusters on concentric rings, ring j (1..n) with 6j corners at radius 0.6·j/n, so they sit about
// as far apart along a ring as across rings; a corner's class alternates round its ring, shifted
// by one from ring to ring so that radial neighbours differ too. Each class holds a third of every
// ring, so no single linear boundary separates it and an expert per region pays off. Detail 1:
// the six corners of a hexagon, a class in two opposite ones.
const CLUSTER_RINGS = [1, 4, 6];
const CLUSTER_CORNERS = 6;
const CLUSTER_RADIUS = 0.6;
const CLUSTER_SPREAD = 0.12;

// Truncated at 3 sd, so clean clusters stay inside [-1, 1]² (0.6 + 3 · 0.12 = 0.96).
function truncatedNormal(rand: Rand): number {
  for (;;) {
    const z = normal(rand);
    if (Math.abs(z) <= 3) return z;
  }
}

const clusters: PointShape = {
  classes: 3,
  jitter: (detail) => 0.2 / CLUSTER_RINGS[detail - 1],
  draw(cls, rand, detail) {
    const rings = CLUSTER_RINGS[detail - 1];
    // the class's m-th cluster of rings·(rings + 1), uniformly; ring j holds 2j of them. With one
    // ring, floor(rand · 2) is 0 exactly when rand < 0.5: the corner is picked as it always was
    const m = Math.floor(rand() * rings * (rings + 1));
    let ring = 1;
    while (m >= ring * (ring + 1)) ring++;
    const corner = ((cls + 1 + 2 * ring) % 3) + 3 * (m - ring * (ring - 1));
    const angle = (2 * Math.PI * corner) / (CLUSTER_CORNERS * ring);
    const radius = (CLUSTER_RADIUS * ring) / rings;
    // narrower clusters as they crowd, so that neighbours stay apart
    const spread = CLUSTER_SPREAD / rings;
    return [
      radius * Math.cos(angle) + spread * truncatedNormal(rand),
      radius * Math.sin(angle) + spread * truncatedNormal(rand),
    ];
  },
};

// Turns per arm; arms of the two classes are half a turn apart (~0.29 radially at 1.5 turns).
const SPIRAL_TURNS = [1.5, 3, 4.5];
const SPIRAL_INNER = 0.08;
const SPIRAL_OUTER = 0.95;

const spirals: PointShape = {
  classes: 2,
  jitter: (detail) => 0.08 / (SPIRAL_TURNS[detail - 1] / SPIRAL_TURNS[0]),
  draw(cls, rand, detail) {
    const u = rand();
    const r = SPIRAL_INNER + (SPIRAL_OUTER - SPIRAL_INNER) * u;
    const angle = 2 * Math.PI * SPIRAL_TURNS[detail - 1] * u + Math.PI * cls;
    return [r * Math.cos(angle), r * Math.sin(angle)];
  },
};

// cells × cells over [-1, 1]², an even number so each class has half; a cell's class is the
// parity of its row + column.
const BOARD_CELLS = [4, 6, 8];

const checkerboard: PointShape = {
  classes: 2,
  jitter: (detail) => 0.12 / (BOARD_CELLS[detail - 1] / BOARD_CELLS[0]),
  draw(cls, rand, detail) {
    const cells = BOARD_CELLS[detail - 1];
    const row = Math.floor(rand() * cells);
    const half = Math.floor(rand() * (cells / 2));
    const col = 2 * half + ((row + cls) % 2);
    const width = 2 / cells;
    return [-1 + (col + rand()) * width, -1 + (row + rand()) * width];
  },
};

// Radial bands with empty gaps between them, so noise 0 is cleanly separable; band b is class
// b mod 3. Detail 1's three are written out, so that they stay exactly as they were.
type Band = readonly [number, number];
const RING_BANDS: readonly Band[] = [
  [0, 0.3],
  [0.45, 0.65],
  [0.8, 1],
];
const RING_COUNT = [3, 9, 12];
const RING_CLASSES = RING_BANDS.length;

/** The bands at a detail: detail 1's layout shrunk to fit, a disc, then bands of equal width with gaps ¾ as wide. */
export function ringBands(detail: number): readonly Band[] {
  if (detail === 1) return RING_BANDS;
  const n = RING_COUNT[detail - 1];
  const shrink = RING_CLASSES / n;
  const width = 0.2 * shrink;
  const pitch = (0.2 + 0.15) * shrink;
  return Array.from({ length: n }, (_, b): Band => {
    const outer = 1 - (n - 1 - b) * pitch;
    return [b === 0 ? 0 : outer - width, outer];
  });
}

/** Each class's bands and their areas (outer² − inner²), per detail: computed once. */
const bandsOfClass = Array.from({ length: DETAIL_LEVELS }, (_, i) => {
  const bands = ringBands(i + 1);
  return Array.from({ length: RING_CLASSES }, (_, cls) => {
    const own = bands.filter((_, b) => b % RING_CLASSES === cls);
    const areas = own.map(([inner, outer]) => outer * outer - inner * inner);
    return { own, areas, total: areas.reduce((s, x) => s + x, 0) };
  });
});

const rings: PointShape = {
  classes: RING_CLASSES,
  jitter: (detail) => 0.08 / (RING_COUNT[detail - 1] / RING_COUNT[0]),
  draw(cls, rand, detail) {
    const { own, areas, total } = bandsOfClass[detail - 1][cls];
    // uniform over the area of the class's bands, not their radii, so the density is even; one
    // draw picks both the band and the radius in it, as detail 1's single band always took one
    let a = rand() * total;
    let i = 0;
    while (i < own.length - 1 && a >= areas[i]) a -= areas[i++];
    const inner = own[i][0];
    const r = Math.sqrt(inner * inner + a);
    const angle = 2 * Math.PI * rand();
    return [r * Math.cos(angle), r * Math.sin(angle)];
  },
};

export const POINT_SHAPES: Readonly<Record<PointsName, PointShape>> = {
  clusters,
  spirals,
  checkerboard,
  rings,
};
