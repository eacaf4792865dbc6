// Hand-built traces for the trace statistics and the trace views' tests.

import type { Trace, TraceCounts, TraceLayer } from '../../../src/engine/traces/types';

/** A token layer from each token's choices (k from the first token), with optional steps. */
export function tokenLayer(E: number, choices: number[][], step?: number[], name = 'layer'): TraceLayer {
  const k = choices[0]?.length ?? 1;
  return {
    name,
    E,
    k,
    T: choices.length,
    experts: Int32Array.from(choices.flat()),
    ...(step ? { step: Int32Array.from(step) } : {}),
  };
}

export function traceOf(layers: TraceLayer[], extra: Partial<Trace> = {}): Trace {
  return { source: 'playground', version: 1, synthetic: true, layers, files: [{ name: 'test.jsonl', bytes: 1 }], ...extra };
}

/** A counts-only trace: records[l] is layer l's rows of counts, one per step 0, 1, … */
export function countsTrace(E: number, records: number[][][], names?: string[]): Trace {
  const counts: TraceCounts[] = records.map((rows, layer) => ({
    layer,
    E,
    steps: Int32Array.from(rows, (_, i) => i),
    counts: Float64Array.from(rows.flat()),
  }));
  return traceOf([], { counts, countLayers: names ?? records.map((_, l) => `layer ${l}`) });
}

/** A big synthetic trace: L layers of E experts, T tokens choosing k experts by a cheap hash, steps of 1,000 tokens. */
export function bigTrace(L: number, E: number, T: number, k: number): Trace {
  const layers: TraceLayer[] = [];
  const step = Int32Array.from({ length: T }, (_, t) => Math.floor(t / 1000));
  for (let l = 0; l < L; l++) {
    const experts = new Int32Array(T * k);
    for (let t = 0; t < T; t++) {
      // k distinct experts: a skewed start and a stride that is odd (E a power of two)
      const start = ((t * 2654435761 + l * 97) >>> 0) % E;
      const first = (start * start) % E;
      for (let s = 0; s < k; s++) experts[t * k + s] = (first + s * 37) % E;
    }
    layers.push({ name: `model.layers.${l}.mlp.gate`, E, k, T, experts, step });
  }
  return traceOf(layers);
}
