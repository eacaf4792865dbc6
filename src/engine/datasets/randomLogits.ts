// Seeded router logits for the routing demo: each expert has a popularity offset, so routing
// is uneven enough that capacity and drop policies have something to do.

import { mulberry32, normal } from '../rng';

export function randomLogits(T: number, E: number, seed: number, skew = 1): Float32Array {
  const rand = mulberry32(seed);
  const popularity = Float64Array.from({ length: E }, () => normal(rand) * skew);
  const logits = new Float32Array(T * E);
  for (let t = 0; t < T; t++) {
    for (let e = 0; e < E; e++) logits[t * E + e] = normal(rand) + popularity[e];
  }
  return logits;
}
