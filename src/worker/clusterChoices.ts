// What the cluster view needs of a step beyond the sampled slots: every token's kept choices
// (the all-to-all counts the whole batch, not the sample the flow draws), and, for DeepSeek's
// device-limited routing, the same logits routed without the limit, so the view can show what
// the limit saves on this very batch. Pure: no worker or DOM globals.

import type { MoeConfig } from '../engine/config';
import { routeSettings } from '../engine/model/config';
import type { StepView } from '../engine/model/trainerApi';
import { needs, route } from '../engine/routing';
import type { Routing } from '../engine/routing/types';

/** [T*k] expert of each kept choice, -1 where the slot is a pad or was dropped for capacity. */
export function keptChoices(r: Pick<Routing, 'experts' | 'dropped'>): Int32Array {
  const out = new Int32Array(r.experts.length);
  for (let i = 0; i < out.length; i++) out[i] = r.dropped[i] ? -1 : r.experts[i];
  return out;
}

/** Whether a run limits each token to some of the expert groups (DeepSeek-V2's M devices, V3's 4 nodes). */
export const limitsGroups = (c: Pick<MoeConfig, 'scheme' | 'groups' | 'topkGroups'>): boolean =>
  needs(c.scheme, 'expert-groups') && c.topkGroups < c.groups;

/**
 * The step's logits routed as the step routed them (the same bias, capacity and weights) but with
 * every group open: null when the run does not limit groups.
 */
export function unlimitedChoices(view: Pick<StepView, 'logits' | 'bias'> & { routing: Pick<Routing, 'T' | 'E'> }, c: MoeConfig): Int32Array | null {
  if (!limitsGroups(c)) return null;
  const s = routeSettings(c, c.capacityFactor);
  const { T, E } = view.routing;
  const open = route(view.logits, T, E, {
    scheme: c.scheme,
    k: s.k,
    capacityFactor: s.capacityFactor,
    dropPolicy: s.dropPolicy,
    groups: s.groups,
    topkGroups: s.groups,
    routedScale: s.routedScale,
    scoreFunction: s.scoreFunction,
    groupScore: s.groupScore,
    normalizeWeights: s.normalizeWeights,
    bias: view.bias,
  });
  return keptChoices(open);
}
