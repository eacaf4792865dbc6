// A trace's token as the inspector shows it: its text with whitespace made visible (the lab's
// symbols, vocab.ts display()), and per layer its experts, gate weights and largest logits.

import { display } from '../../engine/datasets/vocab';
import type { Trace } from '../../engine/traces/types';

const INVISIBLE = new Set([' ', '\n', '\t']);

/** " cat" → "␣cat", "\n" → "⏎": every space, line end and tab gets the lab's symbol; "" → "∅". */
export function visibleText(text: string): string {
  if (text === '') return '∅';
  return Array.from(text, (c) => (INVISIBLE.has(c) ? display(c) : c)).join('');
}

export interface TokenLayerRow {
  layer: number;
  name: string;
  /** the token's choices in the source's order; expert -1 is a pad */
  choices: { expert: number; weight?: number }[];
  /** the largest few router logits, largest first */
  logits?: { expert: number; logit: number }[];
}

const TOP_LOGITS = 3;

/** Token t's choices in every layer (the layers route the same tokens: traceContents' aligned). */
export function tokenRows(trace: Trace, t: number): TokenLayerRow[] {
  return trace.layers.map((l, layer) => {
    const choices = Array.from({ length: l.k }, (_, j) => {
      const i = t * l.k + j;
      return l.weights ? { expert: l.experts[i], weight: l.weights[i] } : { expert: l.experts[i] };
    });
    const row: TokenLayerRow = { layer, name: l.name, choices };
    if (l.logits) {
      const own = Array.from({ length: l.E }, (_, e) => ({ expert: e, logit: l.logits![t * l.E + e] }));
      row.logits = own.sort((a, b) => b.logit - a.logit || a.expert - b.expert).slice(0, TOP_LOGITS);
    }
    return row;
  });
}

/** The token's domain and document names, where the trace has them. */
export function tokenPlace(trace: Trace, t: number): { domain?: string; doc?: string } {
  const out: { domain?: string; doc?: string } = {};
  const d = trace.tokens?.domain?.[t];
  if (d !== undefined) out.domain = trace.domains?.[d] ?? String(d);
  const doc = trace.tokens?.doc?.[t];
  if (doc !== undefined) out.doc = trace.documents?.[doc] ?? String(doc);
  return out;
}
