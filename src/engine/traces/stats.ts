// placeholder: replaced by traceviews at merge
// Per-expert load of a trace's layer: the minimum the trace page needs to compile and test.

import type { Trace, TraceLayer } from './types';

/** [E] choices each expert received in the layer (pads, -1, left out). */
export function layerLoad(layer: TraceLayer): Float64Array {
  const load = new Float64Array(layer.E);
  for (const e of layer.experts) if (e >= 0) load[e]++;
  return load;
}

/** [E] a counts-only layer's counts summed over its records. */
export function countsLoad(trace: Trace, layer: number): Float64Array {
  const records = (trace.counts ?? []).filter((c) => c.layer === layer);
  const load = new Float64Array(records[0]?.E ?? 0);
  for (const r of records) for (let i = 0; i < r.counts.length; i++) load[i % r.E] += r.counts[i];
  return load;
}
