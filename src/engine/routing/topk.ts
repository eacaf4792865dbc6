// Top-k selection by partial insertion: O(E) comparisons per row when k is small, which is
// what keeps routing cheaper than the softmax it sits on (see bench/routing.ts).

type Values = ArrayLike<number>;

/**
 * Writes the indices of the k largest values[offset .. offset+n) into out[outOffset ..],
 * largest first; equal values go to the lower index. `allowed`, when given, excludes
 * indices i with allowed[i] === 0. `scratch` must hold k numbers.
 */
export function topkInto(
  values: Values,
  offset: number,
  n: number,
  k: number,
  out: Int32Array,
  outOffset: number,
  scratch: Float64Array,
  allowed?: Uint8Array,
): void {
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (allowed && allowed[i] === 0) continue;
    const v = values[offset + i];
    // strict: an equal value with a higher index never displaces an earlier one
    if (count === k && !(v > scratch[k - 1])) continue;
    let p = count < k ? count++ : k - 1;
    while (p > 0 && scratch[p - 1] < v) {
      scratch[p] = scratch[p - 1];
      out[outOffset + p] = out[outOffset + p - 1];
      p--;
    }
    scratch[p] = v;
    out[outOffset + p] = i;
  }
}

/** Reorders slots [offset, offset+k) by descending weight, ties to the lower expert. */
export function sortSlotsByWeight(
  experts: Int32Array,
  weights: Float32Array,
  offset: number,
  k: number,
): void {
  if (k > 24) {
    sortLongSlots(experts, weights, offset, k);
    return;
  }
  // insertion sort: slots arrive nearly sorted and k is small
  for (let a = offset + 1; a < offset + k; a++) {
    const e = experts[a];
    const w = weights[a];
    let b = a;
    while (b > offset && (weights[b - 1] < w || (weights[b - 1] === w && experts[b - 1] > e))) {
      experts[b] = experts[b - 1];
      weights[b] = weights[b - 1];
      b--;
    }
    experts[b] = e;
    weights[b] = w;
  }
}

// Long rows (expert choice and Soft MoE have k = E) sort one packed numeric key per slot:
// the bits of a non-negative float32 weight order like its value, so
// key = (max bits − weight bits)·2^16 + expert sorts by weight descending, then expert.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const EXPERT_BITS = 65536;

function sortLongSlots(experts: Int32Array, weights: Float32Array, offset: number, k: number): void {
  const keys = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    f32[0] = weights[offset + i];
    keys[i] = (0x7fffffff - u32[0]) * EXPERT_BITS + experts[offset + i];
  }
  keys.sort();
  for (let i = 0; i < k; i++) {
    const e = keys[i] % EXPERT_BITS;
    const bits = 0x7fffffff - (keys[i] - e) / EXPERT_BITS;
    u32[0] = bits;
    experts[offset + i] = e;
    weights[offset + i] = f32[0];
  }
}
