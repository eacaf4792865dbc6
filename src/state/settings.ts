// How the schema becomes controls: groups, when a setting does not apply (and why), slider
// positions for log-scale values, and the settings that teach something by failing.

import { gateOf, isPointSet, isTextDataset } from '../engine/config';
import { traitsOf, type SchemeNeed } from '../engine/routing/traits';
import { SCHEMA, type FloatDef, type MoeConfig } from './schema';

export type Key = keyof MoeConfig;

export interface SettingGroup {
  id: string;
  keys: readonly Key[];
}

export const GROUPS: readonly SettingGroup[] = [
  { id: 'router', keys: ['scheme', 'normalize', 'experts', 'topK', 'fineGrain', 'groups', 'topkGroups', 'routedScale', 'scoreFunction', 'groupScore', 'normalizeWeights', 'routerNoise', 'routerKind', 'heads', 'segmentLen'] },
  { id: 'capacity', keys: ['capacityFactor', 'evalCapacityFactor', 'dropPolicy'] },
  { id: 'shared', keys: ['sharedExperts', 'sharedGate'] },
  { id: 'losses', keys: ['balanceCoef', 'balanceType', 'globalWindow', 'deviceBalanceCoef', 'zLossCoef', 'biasRate'] },
  { id: 'data', keys: ['dataset', 'ownText', 'dataSize', 'dataNoise', 'dataDetail', 'context', 'inputDim', 'teacherExperts', 'tokens', 'seqLen'] },
  { id: 'model', keys: ['d', 'h', 'lr', 'seed', 'weightInit', 'backend'] },
  { id: 'cluster', keys: ['nodes', 'gpusPerNode', 'replicaSlotsPerGpu', 'placement', 'loadWindow', 'replaceEvery', 'hiddenSize', 'bytesOut', 'bytesBack'] },
];

/** The groups of what the model trains with: all but the cluster (an A/B arm's editor shows these). */
export const TRAINING_GROUPS: readonly SettingGroup[] = GROUPS.filter((g) => g.id !== 'cluster');

/** Why a setting has no effect with the current ones (a message key), or null when it applies. */
export function inactiveReason(key: Key, c: MoeConfig): string | null {
  const traits = traitsOf(c.scheme);
  const uses = (need: SchemeNeed) => traits.needs.includes(need);
  switch (key) {
    case 'normalize':
      return traits.gate === 'normalize-setting' ? null : 'why.normalize';
    case 'topK':
    case 'fineGrain':
      if (traits.exactShares) return 'why.oneExpert';
      // merging splits fine-grained experts as any layer does, but picks none of them
      if (traits.layer === 'merged') return key === 'topK' ? 'why.mergedK' : null;
      return key === 'fineGrain' || traits.perToken ? null : 'why.notPerToken';
    case 'groups':
    case 'topkGroups':
      return uses('expert-groups') ? null : 'why.deepseekOnly';
    case 'routedScale':
    case 'scoreFunction':
    case 'normalizeWeights':
      return uses('routed-scale') ? null : 'why.deepseekOnly';
    case 'groupScore':
      if (!uses('expert-groups')) return 'why.deepseekOnly';
      return c.topkGroups < c.groups ? null : 'why.allGroupsKept';
    case 'biasRate':
      return uses('selection-bias') ? null : 'why.deepseekOnly';
    case 'routerNoise':
      return uses('noise') ? null : 'why.noisyOnly';
    case 'balanceCoef':
      if (traits.balance === 'fixed-routing') return uses('domains') ? 'why.domainRandom' : 'why.hash';
      if (traits.balance !== 'by-construction') return null;
      if (traits.layer === 'merged') return 'why.mergedBalance';
      // the balanced-assignment routers do their balancing in the selection itself
      return traits.modes ? 'why.balancedAssignment' : 'why.balanced';
    case 'balanceType':
      return inactiveReason('balanceCoef', c);
    case 'globalWindow':
      return inactiveReason('balanceCoef', c) ?? (c.balanceType === 'global' ? null : 'why.globalOnly');
    case 'deviceBalanceCoef':
      // the expert groups stand for the devices: DeepSeek's router has them
      if (!uses('expert-groups')) return 'why.deepseekOnly';
      return c.groups > 1 ? null : 'why.oneGroup';
    case 'capacityFactor':
    case 'evalCapacityFactor':
      if (traits.capacity !== 'none') return null;
      if (traits.layer === 'merged') return 'why.mergedCapacity';
      return traits.exactShares ? 'why.exactShares' : 'why.soft';
    case 'dropPolicy':
      return !traits.drops ? 'why.noDrops' : c.capacityFactor === null && c.evalCapacityFactor === null ? 'why.dropless' : null;
    case 'segmentLen':
      return traits.mergeGroup === 'segment' ? null : 'why.segmentsOnly';
    case 'sharedGate':
      return c.sharedExperts > 0 ? null : 'why.noShared';
    case 'dataDetail':
      return isPointSet(c.dataset) ? null : 'why.pointsOnly';
    case 'dataSize':
    case 'dataNoise':
      if (c.dataset === 'text') return 'why.textStream';
      if (c.dataset === 'corpus') return 'why.textFixed';
      if (c.dataset === 'own') return 'why.ownFixed';
      return c.dataset === 'teacher' ? 'why.teacherStream' : null;
    case 'context':
      return isTextDataset(c.dataset) ? null : 'why.textOnly';
    case 'inputDim':
    case 'teacherExperts':
      return c.dataset === 'teacher' ? null : 'why.teacherOnly';
    case 'replicaSlotsPerGpu':
    case 'loadWindow':
    case 'replaceEvery':
      return c.placement === 'eplb' ? null : 'why.noReplicas';
    default:
      return null;
  }
}

export interface Teaching {
  key: Key;
  message: string;
}

/** Settings that teach something by failing: said next to the control, never blocked. */
export function teachingWarnings(c: MoeConfig): Teaching[] {
  const out: Teaching[] = [];
  const traits = traitsOf(c.scheme);
  const gate = gateOf(c);
  const oneChoice = c.topK === 1 && c.fineGrain === 1;
  // one choice normalised over the chosen alone always weighs the same: the task loss cannot
  // reach the router through the gate (docs/routing.md)
  if (oneChoice && (gate === 'topk-softmax' || gate === 'softmax-topk-renorm' || gate === 'normalised-sigmoid')) {
    // the normalize control can fix it; DeepSeek's normalise-weights control can too (one choice
    // then always weighs the routed scale); a router with its own formula cannot
    if (traits.gate === 'normalize-setting') out.push({ key: 'normalize', message: 'warn.k1renorm' });
    else if (traits.needs.includes('routed-scale')) out.push({ key: 'topK', message: 'teach.k1deepseek' });
    else out.push({ key: 'topK', message: 'teach.k1fixed' });
  }
  const biasBalances = traits.needs.includes('selection-bias') && c.biasRate > 0;
  if (c.balanceCoef === 0 && traits.balance === 'loss' && !biasBalances) out.push({ key: 'balanceCoef', message: 'teach.collapse' });
  if (traits.needs.includes('selection-bias') && c.biasRate === 0 && c.balanceCoef === 0) {
    out.push({ key: 'biasRate', message: 'teach.noBalancing' });
  }
  if (traits.capacity !== 'none') {
    if (c.capacityFactor !== null && c.capacityFactor < 1) out.push({ key: 'capacityFactor', message: 'warn.cfBelow1' });
    if (c.evalCapacityFactor !== null && c.evalCapacityFactor < 1) out.push({ key: 'evalCapacityFactor', message: 'warn.cfBelow1' });
    if (c.capacityFactor !== null && c.evalCapacityFactor !== null && c.evalCapacityFactor < c.capacityFactor) {
      out.push({ key: 'evalCapacityFactor', message: 'teach.evalBelowTrain' });
    }
  }
  if (traits.balance === 'fixed-routing') out.push({ key: 'scheme', message: traits.needs.includes('domains') ? 'teach.domainRandom' : 'teach.hash' });
  // SMEAR looks across its sequence, not the batch
  if (!traits.causal) out.push({ key: 'scheme', message: traits.mergeGroup ? 'warn.notCausalSequence' : 'warn.notCausal' });
  // merging per sequence of one token is merging per token: the sequences are what make it SMEAR or Lory
  if (traits.mergeGroup && c.seqLen === 1) out.push({ key: 'scheme', message: 'teach.mergePerToken' });
  // dense MoE (the MoE survey's fig. 2(a)): k = E runs every expert for every token
  if (traits.perToken && !traits.exactShares && c.topK === c.experts) out.push({ key: 'topK', message: 'teach.denseMoe' });
  return out;
}

/** Positions of a log slider: 0 is the value 0 where the range starts at 0. */
export const LOG_STEPS = 60;

function logRange(def: FloatDef): [number, number] {
  const lo = Math.log10(def.min > 0 ? def.min : def.step);
  return [lo, Math.log10(def.max)];
}

/** Two significant digits: log sliders land on readable values (0.001, 0.0025, 0.01). */
function tidy(x: number): number {
  return Number(x.toPrecision(2));
}

export function logPosition(def: FloatDef, value: number): number {
  const zeroStop = def.min === 0;
  if (zeroStop && value <= 0) return 0;
  const [lo, hi] = logRange(def);
  const first = zeroStop ? 1 : 0;
  const frac = (Math.log10(Math.max(value, 10 ** lo)) - lo) / (hi - lo);
  return Math.round(first + frac * (LOG_STEPS - first));
}

export function logValue(def: FloatDef, position: number): number {
  const zeroStop = def.min === 0;
  if (zeroStop && position <= 0) return 0;
  const [lo, hi] = logRange(def);
  const first = zeroStop ? 1 : 0;
  const frac = (position - first) / (LOG_STEPS - first);
  return Math.min(def.max, Math.max(def.min, tidy(10 ** (lo + frac * (hi - lo)))));
}

/** The value as the control shows it. */
export function formatSetting(key: Key, value: MoeConfig[Key]): string {
  const def = SCHEMA[key];
  if (value === null) return '—';
  if (typeof value === 'boolean' || typeof value === 'string') return String(value);
  if (def.kind === 'float') {
    if (def.scale === 'log') return value === 0 ? '0' : String(tidy(value));
    const decimals = Math.max(0, -Math.floor(Math.log10(def.step) + 1e-9));
    return value.toFixed(decimals);
  }
  return String(value);
}
