// What a trace holds, and so which of the trace page's views it can fill: token-level layers
// (every view), counts only (SGLang: load, heatmap, utilisation), or balance records only (vLLM's
// EPLB log: balance over time). The page shows only what the trace has and says why the rest is not there.

import { layerCount, layerName } from '../../engine/traces/stats';
import type { Trace } from '../../engine/traces/types';

export type TraceKind = 'tokens' | 'counts' | 'balance' | 'empty';

export interface TraceContents {
  kind: TraceKind;
  /** the layers the layer picker offers: token layers, or the counts' layers */
  layerNames: string[];
  /** tokens the inspector can step through (0: no inspector) */
  tokens: number;
  /** every layer routed the same tokens in the same order, so token i is one token across layers */
  aligned: boolean;
  /** the choices are there: inspector, co-activation, capacity what-if, cluster */
  choices: boolean;
  /** per-expert load per layer: load bars, heatmap, utilisation */
  load: boolean;
  balance: boolean;
}

export function traceContents(trace: Trace): TraceContents {
  const balance = (trace.balance?.length ?? 0) > 0;
  if (trace.layers.length > 0) {
    const T0 = trace.layers[0].T;
    const aligned = trace.tokens !== undefined || trace.layers.every((l) => l.T === T0);
    return { kind: 'tokens', layerNames: trace.layers.map((l) => l.name), tokens: aligned ? T0 : 0, aligned, choices: true, load: true, balance };
  }
  if ((trace.counts?.length ?? 0) > 0) {
    const layerNames = Array.from({ length: layerCount(trace) }, (_, i) => layerName(trace, i) || String(i));
    return { kind: 'counts', layerNames, tokens: 0, aligned: false, choices: false, load: true, balance };
  }
  return { kind: balance ? 'balance' : 'empty', layerNames: [], tokens: 0, aligned: false, choices: false, load: false, balance };
}

/** Records (or tokens) the trace holds, for its summary. */
export function recordCount(trace: Trace): number {
  if (trace.layers.length > 0) return trace.layers[0].T;
  if (trace.counts?.length) return trace.counts.reduce((n, c) => n + c.steps.length, 0);
  return trace.balance?.length ?? 0;
}
