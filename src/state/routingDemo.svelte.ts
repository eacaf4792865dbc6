// State of the first page: the router settings, and the routing they give on seeded scores.
// Replaced by the full parameter schema when the trainer lands.

import { gaussianNoise, randomLogits } from '../engine/datasets/randomLogits';
import { balanceLossDefined, loadBalanceLoss } from '../engine/losses';
import { route, TOP_K_SCHEMES, type DropPolicy, type Normalize, type Routing, type Scheme } from '../engine/routing';

export type RouteResult = { ok: true; routing: Routing; balanceLoss: number | null } | { ok: false; error: string };

export class RoutingDemo {
  T = $state(64);
  E = $state(8);
  #k = $state(2);
  capacityFactor = $state(1.25);
  dropless = $state(false);
  scheme = $state<Scheme>('token-choice');
  normalize = $state<Normalize>('topk-softmax');
  dropPolicy = $state<DropPolicy>('slot-major');
  seed = $state(1);

  /** top-k, always kept in 1..E: lowering E lowers k with it */
  get k(): number {
    return Math.min(this.#k, this.E);
  }
  set k(value: number) {
    this.#k = Math.max(1, Math.min(Math.round(value), this.E));
  }

  readonly usesK = $derived(TOP_K_SCHEMES.includes(this.scheme));
  readonly logits = $derived(randomLogits(this.T, this.E, this.seed));

  readonly result: RouteResult = $derived.by(() => {
    try {
      const T = this.T;
      const E = this.E;
      const routing = route(this.logits, T, E, {
        scheme: this.scheme,
        k: this.k,
        normalize: this.normalize,
        capacityFactor: this.dropless && this.scheme !== 'expert-choice' ? null : this.capacityFactor,
        dropPolicy: this.dropPolicy,
        // DeepSeek-V3 keeps 4 of 8 groups; scaled to this E where it divides
        groups: this.scheme === 'deepseek' && E % 4 === 0 && this.k <= E / 2 ? 4 : 1,
        topkGroups: this.scheme === 'deepseek' && E % 4 === 0 && this.k <= E / 2 ? 2 : 1,
        noise: this.scheme === 'noisy-topk' ? gaussianNoise(T * E, this.seed, 1 / E) : undefined,
        tokenIds: Int32Array.from({ length: T }, (_, i) => i),
        seed: this.seed,
      });
      const balanceLoss = balanceLossDefined(routing) ? loadBalanceLoss(routing) : null;
      return { ok: true, routing, balanceLoss };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  });

  /** settings that teach by failing (ROUTING.md, "Two things to show users") */
  readonly warnings = $derived.by(() => {
    const out: ('warn.k1renorm' | 'warn.cfBelow1' | 'warn.notCausal')[] = [];
    if (this.scheme === 'token-choice' && this.k === 1 && this.normalize !== 'softmax-topk') out.push('warn.k1renorm');
    if (!this.dropless && this.capacityFactor < 1 && this.scheme !== 'soft') out.push('warn.cfBelow1');
    if (this.scheme === 'expert-choice' || this.scheme === 'soft') out.push('warn.notCausal');
    return out;
  });
}
