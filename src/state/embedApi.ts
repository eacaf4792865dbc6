// The postMessage API for a host page (a slide deck). A clicker drives the host deck, not the
// iframe, so a talk controls the tool through these messages. Every message carries
// `source: 'moe-playground'`; anything else is ignored with a console warning, never a crash.
//
// host → tool: { source, type: 'set', params: { E: 16, k: 1 } }   (URL keys, as in the link)
//              { source, type: 'play' | 'pause' | 'step' | 'reset' | 'next' | 'prev' }
//              { source, type: 'preset', id: 'mixtral' }
// tool → host: { source, type: 'ready' } once, then { source, type: 'metrics', step, taskLoss,
//              accuracy, balanceLoss, zLoss, dropRate, entropy, load } per snapshot (at most ~10/s)

import { SCHEMA, type MoeConfig } from './schema';
import { isParamKey, paramForUrlKey } from './urlKeys';

export const MESSAGE_SOURCE = 'moe-playground';

export type HostCommand =
  | { type: 'set'; params: Partial<Record<keyof MoeConfig, unknown>> }
  | { type: 'play' | 'pause' | 'step' | 'reset' | 'next' | 'prev' }
  | { type: 'preset'; id: string };

export interface ToolMetrics {
  source: typeof MESSAGE_SOURCE;
  type: 'metrics';
  step: number;
  taskLoss: number;
  accuracy: number;
  balanceLoss: number | null;
  zLoss: number;
  dropRate: number;
  entropy: number;
  load: number[];
}

const SIMPLE = new Set(['play', 'pause', 'step', 'reset', 'next', 'prev']);

/** A command, or the reason the message is not one. Values are checked later, by validateConfig. */
export function parseHostMessage(data: unknown): HostCommand | { error: string } {
  if (typeof data !== 'object' || data === null) return { error: 'not an object' };
  const m = data as Record<string, unknown>;
  if (m.source !== MESSAGE_SOURCE) return { error: `source is not '${MESSAGE_SOURCE}'` };
  if (typeof m.type !== 'string') return { error: 'no type' };
  if (SIMPLE.has(m.type)) return { type: m.type as 'play' };
  if (m.type === 'preset') {
    return typeof m.id === 'string' && /^[a-z0-9-]{1,40}$/.test(m.id) ? { type: 'preset', id: m.id } : { error: 'preset needs an id' };
  }
  if (m.type === 'set') {
    if (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params)) return { error: 'set needs params' };
    const params: Partial<Record<keyof MoeConfig, unknown>> = {};
    const unknown: string[] = [];
    for (const [key, value] of Object.entries(m.params as Record<string, unknown>)) {
      // URL keys (E, k, cf) or the config's own names (experts, topK)
      const name = paramForUrlKey(key) ?? (isParamKey(key) ? key : undefined);
      if (name && Object.hasOwn(m.params as object, key)) params[name] = value;
      else unknown.push(key);
    }
    if (unknown.length) return { error: `unknown parameters: ${unknown.join(', ')}` };
    return { type: 'set', params };
  }
  return { error: `unknown type '${m.type}'` };
}

/** Whether a message event may command the tool: from the parent window and an allowed origin. */
export function acceptsSender(opts: { fromParent: boolean; origin: string; allowed: readonly string[] }): boolean {
  return opts.fromParent && opts.allowed.includes(opts.origin);
}

/** The value for `set`: numbers as given; 'none'/null for a dropless capacity; booleans. */
export function coerceParam(key: keyof MoeConfig, value: unknown): unknown {
  const def = SCHEMA[key];
  if (def.kind === 'float' && def.nullable && (value === null || value === 'none')) return null;
  if ((def.kind === 'int' || def.kind === 'float') && typeof value === 'string' && value.trim() !== '') return Number(value);
  if (def.kind === 'bool' && (value === 1 || value === 0 || value === '1' || value === '0')) return value === 1 || value === '1';
  return value;
}
