// Score functions over [T*E] logits. Every sum and exp runs in float64 locals.

/** Row-wise softmax over experts, in float64, into a new array of the given type. */
export function softmaxRows<A extends Float32Array | Float64Array>(
  logits: Float32Array,
  T: number,
  E: number,
  out: A,
): A {
  for (let t = 0, base = 0; t < T; t++, base += E) {
    let max = -Infinity;
    for (let e = 0; e < E; e++) if (logits[base + e] > max) max = logits[base + e];
    let sum = 0;
    for (let e = 0; e < E; e++) sum += Math.exp(logits[base + e] - max);
    const inv = 1 / sum;
    for (let e = 0; e < E; e++) out[base + e] = Math.exp(logits[base + e] - max) * inv;
  }
  return out;
}

/** Column-wise softmax over tokens: Soft MoE's dispatch weights, one slot per expert. */
export function softmaxColumns(logits: Float32Array, T: number, E: number): Float32Array {
  const out = new Float32Array(T * E);
  for (let e = 0; e < E; e++) {
    let max = -Infinity;
    for (let t = 0; t < T; t++) if (logits[t * E + e] > max) max = logits[t * E + e];
    let sum = 0;
    for (let t = 0; t < T; t++) sum += Math.exp(logits[t * E + e] - max);
    for (let t = 0; t < T; t++) out[t * E + e] = Math.exp(logits[t * E + e] - max) / sum;
  }
  return out;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function sigmoidAll(logits: Float32Array): Float64Array {
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = sigmoid(logits[i]);
  return out;
}

/** log Σ exp over one row, stable. */
export function logSumExp(values: Float32Array, offset: number, n: number): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (values[offset + i] > max) max = values[offset + i];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(values[offset + i] - max);
  return max + Math.log(sum);
}
