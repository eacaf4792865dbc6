// What the worker gathers between snapshots: every step's metrics (so the charts miss no step
// even when snapshots are one per frame) and a running domain × expert share for text.

import type { StepMetrics } from '../engine/model';
import { addDomainCounts, rowShares } from '../engine/model/metrics';
import type { Routing } from '../engine/routing/types';
import { HISTORY_METRICS, type HistoryRows } from './protocol';

export class HistoryBuffer {
  #rows: StepMetrics[] = [];
  constructor(readonly E: number) {}

  push(m: StepMetrics): void {
    this.#rows.push(m);
  }

  /** The rows since the last drain, as typed arrays; empties the buffer. */
  drain(): HistoryRows {
    const rows = this.#rows;
    this.#rows = [];
    const n = rows.length;
    const out = {
      step: Int32Array.from(rows, (r) => r.step),
      kept: new Int32Array(n * this.E),
    } as HistoryRows;
    for (const f of HISTORY_METRICS) out[f] = Float32Array.from(rows, (r) => r[f]);
    rows.forEach((r, i) => out.kept.set(r.kept.subarray(0, this.E), i * this.E));
    return out;
  }
}

/** Kept choices per domain and expert, decayed so the matrix follows training (about 50 steps). */
export class DomainShare {
  readonly #counts: Float64Array;
  constructor(
    readonly domains: number,
    readonly E: number,
    readonly decay = 0.98,
  ) {
    this.#counts = new Float64Array(domains * E);
  }

  add(r: Routing, domain: Uint8Array): void {
    for (let i = 0; i < this.#counts.length; i++) this.#counts[i] *= this.decay;
    addDomainCounts(this.#counts, r, domain);
  }

  /** [domains*E], each row sums to 1 (or 0 for a domain not seen yet) */
  share(): Float32Array {
    return rowShares(this.#counts, this.domains, this.E);
  }
}
