// Seeded 2D classification sets, as in TensorFlow Playground: each point is one token.

import { mulberry32, normal, permutation } from '../rng';
import { POINT_SHAPES } from './pointShapes';
import type { PointsData, PointsName, PointsSplit } from './types';

// Separate streams, so moving the noise slider jitters the same clean points rather than
// drawing new ones.
const JITTER_SALT = 0x68e31da4;

export function makePoints(
  name: PointsName,
  size: number,
  noise: number,
  seed: number,
  testFraction: number,
  detail = 1,
): PointsData {
  const shape = POINT_SHAPES[name];
  const rand = mulberry32(seed);
  const jitterRand = mulberry32(seed ^ JITTER_SALT);
  const jitter = shape.jitter(detail);
  const x = new Float32Array(size * 2);
  const y = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const cls = i % shape.classes;
    const [px, py] = shape.draw(cls, rand, detail);
    // the label stays the clean point's, so noise blurs the class boundaries
    x[2 * i] = px + noise * jitter * normal(jitterRand);
    x[2 * i + 1] = py + noise * jitter * normal(jitterRand);
    y[i] = cls;
  }
  const order = permutation(size, rand);
  const nTest = testCount(size, testFraction);
  return {
    kind: 'points',
    name,
    classes: shape.classes,
    inputDim: 2,
    train: pick(x, y, order.subarray(0, size - nTest)),
    test: pick(x, y, order.subarray(size - nTest)),
  };
}

/** Test examples out of n: at least one in each split. */
function testCount(n: number, testFraction: number): number {
  return Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
}

function pick(x: Float32Array, y: Int32Array, indices: Int32Array): PointsSplit {
  const out: PointsSplit = { x: new Float32Array(indices.length * 2), y: new Int32Array(indices.length) };
  indices.forEach((src, i) => {
    out.x[2 * i] = x[2 * src];
    out.x[2 * i + 1] = x[2 * src + 1];
    out.y[i] = y[src];
  });
  return out;
}
