// The load statistics of a router trace: choices per expert for one layer (from the tokens'
// choices or from counts-only records), the layers × experts share of the choices, and each
// layer's balance in a few numbers. Pure and typed-array based: one pass over a layer's T·k
// choices, so ten million choices take tens of milliseconds.
//
// A trace's "layers" are its token layers when it has any, else its counts layers
// (`Trace.countLayers`, indexed by `TraceCounts.layer`): `layerCount`, `layerE`, `layerName` and
// `traceLayerLoad` read whichever it has, so the views take one layer index for both kinds.

import type { Trace, TraceLayer } from './types';
import { memo } from './memo';

/** [E] choices per expert over the layer's tokens; -1 pads (dropped or missing choices) are skipped. */
export function layerLoad(layer: TraceLayer): Float64Array {
  const load = new Float64Array(layer.E);
  const ex = layer.experts;
  const E = layer.E;
  for (let i = 0; i < ex.length; i++) {
    const e = ex[i];
    if (e >= 0 && e < E) load[e]++;
  }
  return load;
}

/** The E of a counts layer: its records' E (every record of a layer has the same), 0 without records. */
function countsE(trace: Trace, layer: number): number {
  for (const c of trace.counts ?? []) if (c.layer === layer) return c.E;
  return 0;
}

/** [E] tokens routed to each expert of counts layer `layer`, summed over its records (steps). */
export function countsLoad(trace: Trace, layer: number): Float64Array {
  const load = new Float64Array(countsE(trace, layer));
  for (const c of trace.counts ?? []) {
    if (c.layer !== layer || c.E !== load.length) continue;
    const n = c.counts.length;
    for (let i = 0; i < n; i++) load[i % c.E] += c.counts[i];
  }
  return load;
}

/** Whether the trace's layers are token layers (each token's choices known) rather than counts. */
export const hasTokenLayers = (trace: Trace): boolean => trace.layers.length > 0;

/** Layers the views can show: token layers, else counts layers. */
export function layerCount(trace: Trace): number {
  if (hasTokenLayers(trace)) return trace.layers.length;
  let n = trace.countLayers?.length ?? 0;
  for (const c of trace.counts ?? []) n = Math.max(n, c.layer + 1);
  return n;
}

/** The layer's experts. */
export const layerE = (trace: Trace, layer: number): number =>
  hasTokenLayers(trace) ? (trace.layers[layer]?.E ?? 0) : countsE(trace, layer);

/** The layer's name as the source gives it ('' where it gives none). */
export const layerName = (trace: Trace, layer: number): string =>
  hasTokenLayers(trace) ? (trace.layers[layer]?.name ?? '') : (trace.countLayers?.[layer] ?? '');

/** [E] the layer's choices per expert, from token choices or counts, whichever the trace has (kept with the trace: read only). */
export function traceLayerLoad(trace: Trace, layer: number): Float64Array {
  return memo(trace, `load ${layer}`, () => {
    if (!hasTokenLayers(trace)) return countsLoad(trace, layer);
    const l = trace.layers[layer];
    return l ? layerLoad(l) : new Float64Array(0);
  });
}

/** Each layer's share of its choices per expert: rows of different lengths where layers differ in E. */
export interface LayerShares {
  /** [layers] experts of each layer */
  E: Int32Array;
  /** the widest layer's E */
  maxE: number;
  /** [layers] row l: [E_l] choices of expert e / all the layer's choices (all 0 for a layer without choices) */
  share: Float64Array[];
  /** [layers] the layer's choices counted */
  total: Float64Array;
}

/** [layers] each layer's choices per expert. */
export const allLayerLoads = (trace: Trace): Float64Array[] =>
  Array.from({ length: layerCount(trace) }, (_, l) => traceLayerLoad(trace, l));

/** The layers × experts share of the choices (every row with choices sums to 1). */
export const layerShares = (trace: Trace): LayerShares => sharesOf(allLayerLoads(trace));

/** The shares of loads already counted (each row divided by its sum; the loads are left as they are). */
export function sharesOf(loads: readonly Float64Array[]): LayerShares {
  const L = loads.length;
  const E = new Int32Array(L);
  const total = new Float64Array(L);
  const share: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const row = Float64Array.from(loads[l]);
    let sum = 0;
    for (let e = 0; e < row.length; e++) sum += row[e];
    if (sum > 0) for (let e = 0; e < row.length; e++) row[e] /= sum;
    E[l] = row.length;
    total[l] = sum;
    share.push(row);
  }
  return { E, maxE: E.reduce((m, e) => Math.max(m, e), 0), share, total };
}

/** One layer's balance in numbers. */
export interface LoadSummary {
  E: number;
  /** choices counted */
  total: number;
  /** the busiest expert (lowest index on a tie) and its load */
  busiest: number;
  max: number;
  /** mean load over the E experts */
  mean: number;
  /** mean / max, vLLM's EPLB "balancedness": 1 is perfectly even (NaN without choices) */
  balancedness: number;
  /** coefficient of variation of the load: population standard deviation / mean (0 is even) */
  cv: number;
  /** the busiest expert's share of the choices */
  busiestShare: number;
  /** the share of the tokens that have the busiest expert among their choices (NaN for counts: tokens unknown) */
  busiestTokenShare: number;
  /** experts with no choice at all */
  idle: number;
}

/** Balance numbers of a load vector (choices per expert), over `tokens` tokens where known. */
export function loadSummary(load: Float64Array, tokens?: number): LoadSummary {
  const E = load.length;
  let total = 0;
  let max = -Infinity;
  let busiest = -1;
  let idle = 0;
  for (let e = 0; e < E; e++) {
    total += load[e];
    if (load[e] > max) {
      max = load[e];
      busiest = e;
    }
    if (load[e] === 0) idle++;
  }
  const mean = E ? total / E : 0;
  let sq = 0;
  for (let e = 0; e < E; e++) sq += (load[e] - mean) ** 2;
  const sd = E ? Math.sqrt(sq / E) : 0;
  return {
    E,
    total,
    busiest,
    max: E ? max : 0,
    mean,
    balancedness: max > 0 ? mean / max : NaN,
    cv: mean > 0 ? sd / mean : NaN,
    busiestShare: total > 0 ? max / total : NaN,
    busiestTokenShare: tokens && E ? max / tokens : NaN,
    idle,
  };
}

/** Each layer's balance numbers, in layer order (from its loads, when already counted). */
export const layerSummaries = (trace: Trace, loads = allLayerLoads(trace)): LoadSummary[] =>
  loads.map((load, l) => loadSummary(load, trace.layers[l]?.T));
