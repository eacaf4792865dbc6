// The page's handle on the cluster views: the live placement (placementTracker.ts) fed by every
// snapshot of the lab's run, and the traffic of the step on show, on the cluster the settings
// describe now. Changing a cluster setting places again at once, paused or not; it never reaches
// the trainer (CLUSTER_KEYS).

import { CLUSTER_KEYS, type MoeConfig } from '../../engine/config';
import { needs } from '../../engine/routing/traits';
import type { Snapshot } from '../../worker/protocol';
import { PlacementTracker, type ClusterSettings, type PlacementState } from './placementTracker';
import { trafficOf, type NoTraffic, type TrafficFrame } from './trafficFrame';

export type { ClusterSettings, PlacementState, TrafficFrame, NoTraffic };

export const clusterSettings = (c: MoeConfig): ClusterSettings =>
  Object.fromEntries(CLUSTER_KEYS.map((k) => [k, c[k]])) as ClusterSettings;

/** The expert groups EPLB keeps on one node: DeepSeek's router groups, one group otherwise. */
const groupsOf = (c: MoeConfig): number => (needs(c.scheme, 'expert-groups') ? c.groups : 1);

interface Memo {
  key: string;
  settings: ClusterSettings;
  placement: PlacementState | null;
  /** undefined until asked for */
  traffic: TrafficFrame | NoTraffic | null | undefined;
}

export class ClusterView {
  /** bumped on every snapshot and every re-placement, so the views re-read */
  version = $state(0);
  #tracker = new PlacementTracker();
  #snapshot: Snapshot | null = null;

  constructor(readonly config: () => MoeConfig) {}

  add(s: Snapshot): void {
    this.#tracker.add(s.history, s.E, groupsOf(s.routedWith), clusterSettings(this.config()));
    this.#snapshot = s;
    this.version++;
  }

  clear(): void {
    this.#tracker.clear();
    this.#snapshot = null;
    this.version++;
  }

  /**
   * The placement now: a fresh object for each snapshot or settings change (so a view given it
   * redraws), the same one until then, however many views read it; null before a step.
   */
  get placement(): PlacementState | null {
    return this.#current().placement;
  }

  /** The shown step's all-to-all on the current placement, counted once per snapshot; null before a step. */
  get traffic(): TrafficFrame | NoTraffic | null {
    const memo = this.#current();
    if (memo.traffic === undefined) {
      const p = memo.placement;
      const s = this.#snapshot;
      memo.traffic = p && s && s.E === p.E ? trafficOf(s, p.slots, p.cluster, memo.settings) : null;
    }
    return memo.traffic;
  }

  #memo: Memo | null = null;

  /** The placement (and, once asked for, the traffic) of this version and these settings. */
  #current(): Memo {
    void this.version;
    const settings = clusterSettings(this.config());
    const key = `${this.version}|${JSON.stringify(settings)}`;
    if (this.#memo?.key === key) return this.#memo;
    this.#tracker.settle(settings);
    const s = this.#tracker.state;
    const placement = s && { ...s, series: { step: [...s.series.step], current: [...s.series.current], contiguous: [...s.series.contiguous] }, replacedAt: [...s.replacedAt] };
    this.#memo = { key, settings, placement, traffic: undefined };
    return this.#memo;
  }
}
