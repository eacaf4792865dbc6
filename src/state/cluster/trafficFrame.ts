// The all-to-all of the step a snapshot shows, on the placement in use: every kept choice of the
// whole batch sent to a replica (engine/placement/traffic.ts), in tokens and in the bytes a real
// model of the settings' hidden size would move, and, for DeepSeek's device-limited routing, the
// same batch's logits routed with every group open, so the saving is measured on one batch.

import { traitsOf } from '../../engine/routing/traits';
import { dispatchWithSpread, trafficBytes, type ClusterShape, type SlotMap, type Traffic, type TrafficBytes, type WireFormat } from '../../engine/placement';
import { keptChoices } from '../../worker/clusterChoices';
import type { Snapshot } from '../../worker/protocol';
import type { ClusterSettings } from './placementTracker';

export interface TrafficFrame {
  step: number;
  /** tokens in the batch, and kept choices per token slot */
  T: number;
  k: number;
  traffic: Traffic;
  bytes: TrafficBytes;
  wire: WireFormat;
  /** mean distinct GPUs and nodes a token is sent to */
  gpusPerToken: number;
  nodesPerToken: number;
  /** the device limit's effect on this batch (DeepSeek with fewer groups kept than there are) */
  limited: {
    withLimit: TrafficBytes;
    withoutLimit: TrafficBytes;
    gpusWith: number;
    gpusWithout: number;
    nodesWith: number;
    nodesWithout: number;
  } | null;
}

/**
 * Why a step has no traffic to count: Soft MoE sends no token to chosen experts (every slot mixes
 * the whole batch), nor does expert merging (the experts' weights travel, not the tokens).
 */
export type NoTraffic = 'no-dispatch';

export const wireOf = (s: ClusterSettings): WireFormat => ({ hidden: s.hiddenSize, bytesOut: s.bytesOut, bytesBack: s.bytesBack });

export function trafficOf(snapshot: Snapshot, slots: SlotMap, cluster: ClusterShape, settings: ClusterSettings): TrafficFrame | NoTraffic {
  // expert merging sends no token either: each group's expert is built from the experts' weights
  const { layer } = traitsOf(snapshot.routedWith.scheme);
  if (layer === 'soft-slots' || layer === 'merged') return 'no-dispatch';
  const { T, k } = snapshot;
  // without a sample the slots are the whole batch; with one, the worker sent every choice apart
  const choices = snapshot.choices ?? keptChoices(snapshot);
  const wire = wireOf(settings);
  const sent = dispatchWithSpread(choices, T, k, slots, cluster);
  let limited: TrafficFrame['limited'] = null;
  if (snapshot.unlimited) {
    const open = dispatchWithSpread(snapshot.unlimited, T, k, slots, cluster);
    limited = {
      withLimit: trafficBytes(sent.traffic, wire),
      withoutLimit: trafficBytes(open.traffic, wire),
      gpusWith: sent.gpusPerToken,
      gpusWithout: open.gpusPerToken,
      nodesWith: sent.nodesPerToken,
      nodesWithout: open.nodesPerToken,
    };
  }
  return {
    step: snapshot.step,
    T,
    k,
    traffic: sent.traffic,
    bytes: trafficBytes(sent.traffic, wire),
    wire,
    gpusPerToken: sent.gpusPerToken,
    nodesPerToken: sent.nodesPerToken,
    limited,
  };
}
