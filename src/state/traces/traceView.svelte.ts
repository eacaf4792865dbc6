// What the person picked on the trace page: the layer, the token open in the inspector, and the
// capacity factor and drop policy of the what-if. The first CF and policy are the lab's, so the
// what-if starts from the settings the lab trains with.

import { policiesFor } from '../../engine/traces/capacityWhatIf';
import type { DropPolicy } from '../../engine/routing/contract';
import type { Trace } from '../../engine/traces/types';
import type { MoeConfig } from '../schema';
import { SCHEMA } from '../schema';
import { traceContents } from './traceContents';

const CF = SCHEMA.capacityFactor;

export class TraceViewState {
  /** index into the trace's layers (or its counts' layers for a counts-only trace) */
  layer = $state(0);
  /** the token open in the inspector, by index in the trace's tokens; null: none */
  token = $state<number | null>(null);
  /** the what-if's capacity factor, the lab's range and step */
  cf = $state(1.25);
  policy = $state<DropPolicy>('position');

  constructor(lab?: Pick<MoeConfig, 'capacityFactor' | 'dropPolicy'>) {
    if (lab?.capacityFactor != null) this.cf = lab.capacityFactor;
    if (lab) this.policy = lab.dropPolicy;
  }

  /** A trace opened: its first layer and first token, and a policy it can run. */
  reset(trace: Trace | null): void {
    this.layer = 0;
    const contents = trace ? traceContents(trace) : null;
    this.token = contents && contents.tokens > 0 ? 0 : null;
    const layer = trace?.layers[0];
    if (layer && !policiesFor(layer).includes(this.policy)) this.policy = 'position';
  }

  setLayer(layer: number, count: number): void {
    if (count > 0) this.layer = Math.min(count - 1, Math.max(0, Math.round(layer)));
  }

  setToken(token: number, count: number): void {
    if (count > 0) this.token = Math.min(count - 1, Math.max(0, Math.round(token)));
  }

  setCf(cf: number): void {
    if (!Number.isFinite(cf)) return;
    const stepped = Math.round(cf / CF.step) * CF.step;
    this.cf = Math.min(CF.max, Math.max(CF.min, Number(stepped.toFixed(2))));
  }

  /** CF in hundredths, as capacity.ts takes it (exact) */
  get cf100(): number {
    return Math.round(this.cf * 100);
  }
}
