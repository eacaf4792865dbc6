// Capacity and the four drop policies (docs/routing.md). They act on the slot arrays
// experts/weights of shape [T*k]; -1 marks an unused slot.

import type { DropPolicy } from './contract';

/** ceil(a / b) for non-negative integers below 2^53, without trusting float rounding */
function ceilDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  while (q * b < a) q++;
  while (q > 0 && (q - 1) * b >= a) q--;
  return q;
}

/** C = ceil(T·k·CF / E), CF in hundredths so it is exact; Megatron's get_capacity */
export function tokenCapacity(T: number, k: number, E: number, cf100: number): number {
  return ceilDiv(T * k * cf100, 100 * E);
}

/** expert choice: C = min(T, ceil(T·CF / E)); Zhou et al. 2022 */
export function expertChoiceCapacity(T: number, E: number, cf100: number): number {
  return Math.min(T, ceilDiv(T * cf100, 100 * E));
}

/**
 * Token order for batch prioritized routing: slot-0 weight descending, then token index. A stable
 * LSD radix sort (three passes of 11 bits) on the weights' bits, the keys carried along: tokens
 * start in index order, so ties stay in it. A comparator sort takes some 100 ms for a trace layer
 * of 250,000 tokens here, this about 15.
 */
function priorityOrder(weights: Float32Array, T: number, k: number): Int32Array {
  const bits = new Uint32Array(1);
  const asFloat = new Float32Array(bits.buffer);
  // keys ascending = weights descending: a float's bits made monotonic, then inverted
  let keys = new Uint32Array(T);
  for (let t = 0; t < T; t++) {
    asFloat[0] = weights[t * k] || 0; // -0 ties with +0, as in a comparison
    const b = bits[0];
    keys[t] = ~(b & 0x80000000 ? ~b : b | 0x80000000) >>> 0;
  }
  let order = new Int32Array(T);
  for (let t = 0; t < T; t++) order[t] = t;
  let nextOrder = new Int32Array(T);
  let nextKeys = new Uint32Array(T);
  const count = new Int32Array(2049);
  for (let shift = 0; shift < 32; shift += 11) {
    count.fill(0);
    for (let n = 0; n < T; n++) count[((keys[n] >>> shift) & 0x7ff) + 1]++;
    for (let r = 0; r < 2048; r++) count[r + 1] += count[r];
    for (let n = 0; n < T; n++) {
      const key = keys[n];
      const at = count[(key >>> shift) & 0x7ff]++;
      nextOrder[at] = order[n];
      nextKeys[at] = key;
    }
    [order, nextOrder] = [nextOrder, order];
    [keys, nextKeys] = [nextKeys, keys];
  }
  return order;
}

/** Queue slot by slot (every first choice before any second), tokens in `order`. */
function dropSlotMajor(
  experts: Int32Array,
  T: number,
  k: number,
  E: number,
  C: number,
  dropped: Uint8Array,
  order: Int32Array | null,
): void {
  const count = new Int32Array(E);
  for (let j = 0; j < k; j++) {
    for (let n = 0; n < T; n++) {
      const i = (order ? order[n] : n) * k + j;
      const e = experts[i];
      if (e < 0) continue;
      if (count[e] < C) count[e]++;
      else dropped[i] = 1;
    }
  }
}

/** Token-major: per expert, the earliest tokens keep their place. */
function dropPosition(experts: Int32Array, E: number, C: number, dropped: Uint8Array): void {
  const count = new Int32Array(E);
  for (let i = 0; i < experts.length; i++) {
    const e = experts[i];
    if (e < 0) continue;
    if (count[e] < C) count[e]++;
    else dropped[i] = 1;
  }
}

/** Per expert, the C choices with the largest weight stay; ties to the lower token. */
function dropByWeight(experts: Int32Array, weights: Float32Array, E: number, C: number, dropped: Uint8Array): void {
  // counting sort of slot indices by expert, then a sort within each over-full bucket
  const start = new Int32Array(E + 1);
  for (let i = 0; i < experts.length; i++) if (experts[i] >= 0) start[experts[i] + 1]++;
  for (let e = 0; e < E; e++) start[e + 1] += start[e];
  const fill = start.slice(0, E);
  const slots = new Int32Array(start[E]);
  for (let i = 0; i < experts.length; i++) if (experts[i] >= 0) slots[fill[experts[i]]++] = i;
  for (let e = 0; e < E; e++) {
    if (start[e + 1] - start[e] <= C) continue;
    // slot index order equals token order, since a token picks an expert at most once
    const bucket = slots.subarray(start[e], start[e + 1]).sort((a, b) => weights[b] - weights[a] || a - b);
    for (let n = C; n < bucket.length; n++) dropped[bucket[n]] = 1;
  }
}

/** A choice in an expert's queue: token t's slot j (index t·k + j of the slot arrays). */
export interface QueuedSlot {
  token: number;
  slot: number;
}

/**
 * The order in which a drop policy queues the choices sent to one expert: the first C in it keep
 * their place, the rest are dropped. Ties go to the lower token. This is the specification the
 * loops below implement faster, and what the token inspector shows; a property test holds them equal.
 */
export function dropQueueOrder(policy: DropPolicy, weights: Float32Array, k: number): (a: QueuedSlot, b: QueuedSlot) => number {
  switch (policy) {
    case 'position':
      return (a, b) => a.token - b.token;
    case 'probs':
      return (a, b) => weights[b.token * k + b.slot] - weights[a.token * k + a.slot] || a.token - b.token;
    case 'bpr':
      // slot-major, and within a slot by the token's slot-0 weight, descending
      return (a, b) => a.slot - b.slot || weights[b.token * k] - weights[a.token * k] || a.token - b.token;
    case 'slot-major':
      return (a, b) => a.slot - b.slot || a.token - b.token;
  }
}

/** Marks the choices that do not fit in capacity C under the given policy. */
export function dropForCapacity(
  experts: Int32Array,
  weights: Float32Array,
  T: number,
  k: number,
  E: number,
  C: number,
  policy: DropPolicy,
): Uint8Array {
  const dropped = new Uint8Array(T * k);
  switch (policy) {
    case 'position':
      dropPosition(experts, E, C, dropped);
      break;
    case 'slot-major':
      dropSlotMajor(experts, T, k, E, C, dropped, null);
      break;
    case 'bpr':
      dropSlotMajor(experts, T, k, E, C, dropped, priorityOrder(weights, T, k));
      break;
    case 'probs':
      dropByWeight(experts, weights, E, C, dropped);
      break;
  }
  return dropped;
}
