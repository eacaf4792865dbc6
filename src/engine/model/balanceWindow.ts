// The global balance loss's window (balanceVariants.ts 'global'): the per-expert counts of the
// last G steps. Megatron sums them over one global batch's micro-batches and resets at its end;
// the lab trains one micro-batch a step, so the trainer slides a window of G steps instead (this
// step and the G − 1 before it). A new trainer (a rebuild or a reset) starts with an empty one.

import type { WindowCounts } from './balanceVariants';

/** the schema's largest G (src/state/schema.ts globalWindow) */
const MAX_WINDOW = 256;

export class LoadWindow {
  private steps: { load: Int32Array; tokens: number }[] = [];

  /** The summed counts of the G − 1 steps before this one, oldest first; undefined when none. */
  before(G: number): WindowCounts | undefined {
    const kept = this.steps.slice(Math.max(0, this.steps.length - (G - 1)));
    if (G <= 1 || kept.length === 0) return undefined;
    const counts = new Float64Array(kept[0].load.length);
    let tokens = 0;
    for (const s of kept) {
      // a step with another expert count (a rebuilt layer never shares a window) is skipped
      if (s.load.length !== counts.length) continue;
      for (let e = 0; e < counts.length; e++) counts[e] += s.load[e];
      tokens += s.tokens;
    }
    return { counts, tokens };
  }

  /**
   * A trained step's choices per expert (before dropping) and its tokens. The longest window
   * the setting allows is kept whatever G is now: G is live, and a longer G reads back as far.
   */
  push(load: Int32Array, tokens: number): void {
    this.steps.push({ load: Int32Array.from(load), tokens });
    if (this.steps.length > MAX_WINDOW) this.steps.shift();
  }

  reset(): void {
    this.steps = [];
  }
}
