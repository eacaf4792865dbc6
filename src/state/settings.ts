// How the schema becomes controls: groups, when a setting does not apply (and why), slider
// positions for log-scale values, and the settings that teach something by failing.

import { SCHEMA, type FloatDef, type MoeConfig } from './schema';

export type Key = keyof MoeConfig;

export const GROUPS: readonly { id: string; keys: readonly Key[] }[] = [
  { id: 'router', keys: ['scheme', 'normalize', 'experts', 'topK', 'fineGrain', 'groups', 'topkGroups', 'routedScale', 'routerNoise'] },
  { id: 'capacity', keys: ['capacityFactor', 'evalCapacityFactor', 'dropPolicy'] },
  { id: 'shared', keys: ['sharedExperts', 'sharedGate'] },
  { id: 'losses', keys: ['balanceCoef', 'zLossCoef', 'biasRate'] },
  { id: 'data', keys: ['dataset', 'dataSize', 'dataNoise', 'context', 'tokens'] },
  { id: 'model', keys: ['d', 'h', 'lr', 'seed', 'backend'] },
];

/** Why a setting has no effect with the current ones (a message key), or null when it applies. */
export function inactiveReason(key: Key, c: MoeConfig): string | null {
  const s = c.scheme;
  switch (key) {
    case 'normalize':
      return s === 'token-choice' || s === 'noisy-topk' ? null : 'why.normalize';
    case 'topK':
      return s === 'expert-choice' || s === 'soft' ? 'why.notPerToken' : null;
    case 'groups':
    case 'topkGroups':
    case 'routedScale':
    case 'biasRate':
      return s === 'deepseek' ? null : 'why.deepseekOnly';
    case 'routerNoise':
      return s === 'noisy-topk' ? null : 'why.noisyOnly';
    case 'balanceCoef':
      return s === 'expert-choice' || s === 'soft' ? 'why.balanced' : s === 'hash' ? 'why.hash' : null;
    case 'capacityFactor':
    case 'evalCapacityFactor':
      return s === 'soft' ? 'why.soft' : null;
    case 'dropPolicy':
      return s === 'soft' || s === 'expert-choice' ? 'why.noDrops' : c.capacityFactor === null && c.evalCapacityFactor === null ? 'why.dropless' : null;
    case 'sharedGate':
      return c.sharedExperts > 0 ? null : 'why.noShared';
    case 'dataSize':
    case 'dataNoise':
      return c.dataset === 'text' ? 'why.textFixed' : null;
    case 'context':
      return c.dataset === 'text' ? null : 'why.textOnly';
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
  const routesPerToken = c.scheme === 'token-choice' || c.scheme === 'noisy-topk';
  if (routesPerToken && c.topK === 1 && c.fineGrain === 1 && c.normalize !== 'softmax-topk') out.push({ key: 'normalize', message: 'warn.k1renorm' });
  // DeepSeek-V3 normalises the chosen sigmoid scores: one choice always weighs routedScale (docs/routing.md)
  if (c.scheme === 'deepseek' && c.topK === 1 && c.fineGrain === 1) out.push({ key: 'topK', message: 'teach.k1deepseek' });
  if (c.balanceCoef === 0 && (routesPerToken || c.scheme === 'deepseek') && !(c.scheme === 'deepseek' && c.biasRate > 0)) {
    out.push({ key: 'balanceCoef', message: 'teach.collapse' });
  }
  if (c.scheme === 'deepseek' && c.biasRate === 0 && c.balanceCoef === 0) out.push({ key: 'biasRate', message: 'teach.noBalancing' });
  if (c.capacityFactor !== null && c.capacityFactor < 1 && c.scheme !== 'soft') out.push({ key: 'capacityFactor', message: 'warn.cfBelow1' });
  if (c.evalCapacityFactor !== null && c.evalCapacityFactor < 1 && c.scheme !== 'soft') out.push({ key: 'evalCapacityFactor', message: 'warn.cfBelow1' });
  if (c.capacityFactor !== null && c.evalCapacityFactor !== null && c.evalCapacityFactor < c.capacityFactor && c.scheme !== 'soft') {
    out.push({ key: 'evalCapacityFactor', message: 'teach.evalBelowTrain' });
  }
  if (c.scheme === 'hash') out.push({ key: 'scheme', message: 'teach.hash' });
  if (c.scheme === 'expert-choice' || c.scheme === 'soft') out.push({ key: 'scheme', message: 'warn.notCausal' });
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
