// The four 2D point sets, each drawn class by class so that the classes are balanced by
// construction. A shape gives clean positions; points.ts adds the noise.

import { normal } from '../rng';
import type { PointsName } from './types';

type Rand = () => number;

export interface PointShape {
  classes: number;
  /** standard deviation of the position jitter at noise 1, in data units */
  jitter: number;
  draw(cls: number, rand: Rand): [number, number];
}

// Six clusters on a hexagon, class = corner mod 3: each class sits in two opposite corners, so no
// single linear boundary separates it and an expert per region pays off.
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
  jitter: 0.2,
  draw(cls, rand) {
    const corner = cls + (rand() < 0.5 ? 0 : 3);
    const angle = (2 * Math.PI * corner) / CLUSTER_CORNERS;
    return [
      CLUSTER_RADIUS * Math.cos(angle) + CLUSTER_SPREAD * truncatedNormal(rand),
      CLUSTER_RADIUS * Math.sin(angle) + CLUSTER_SPREAD * truncatedNormal(rand),
    ];
  },
};

// One and a half turns per arm; arms of the two classes are half a turn apart, ~0.29 apart radially.
const SPIRAL_TURNS = 1.5;
const SPIRAL_INNER = 0.08;
const SPIRAL_OUTER = 0.95;

const spirals: PointShape = {
  classes: 2,
  jitter: 0.08,
  draw(cls, rand) {
    const u = rand();
    const r = SPIRAL_INNER + (SPIRAL_OUTER - SPIRAL_INNER) * u;
    const angle = 2 * Math.PI * SPIRAL_TURNS * u + Math.PI * cls;
    return [r * Math.cos(angle), r * Math.sin(angle)];
  },
};

// 4×4 cells of width 0.5 over [-1, 1]²; a cell's class is the parity of its row + column.
const BOARD_CELLS = 4;

const checkerboard: PointShape = {
  classes: 2,
  jitter: 0.12,
  draw(cls, rand) {
    const row = Math.floor(rand() * BOARD_CELLS);
    const half = Math.floor(rand() * (BOARD_CELLS / 2));
    const col = 2 * half + ((row + cls) % 2);
    const width = 2 / BOARD_CELLS;
    return [-1 + (col + rand()) * width, -1 + (row + rand()) * width];
  },
};

// Radial bands per class with empty gaps between them, so noise 0 is cleanly separable.
const RING_BANDS: readonly (readonly [number, number])[] = [
  [0, 0.3],
  [0.45, 0.65],
  [0.8, 1],
];

const rings: PointShape = {
  classes: RING_BANDS.length,
  jitter: 0.08,
  draw(cls, rand) {
    const [inner, outer] = RING_BANDS[cls];
    // uniform over the annulus's area, not its radius, so the density is even
    const r = Math.sqrt(inner * inner + rand() * (outer * outer - inner * inner));
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
