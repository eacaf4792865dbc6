// What the page remembers about this device between visits (localStorage): the backend `auto`
// measured fastest, and how long a training step took here (the time guard scales its estimate
// by it). Storage can be blocked (a sandboxed iframe) or corrupt: then nothing is remembered
// and the page starts as on a first visit.

import type { MoeConfig } from './schema';

/** Where the backend `auto` picked on this device is remembered. */
export const AUTO_BACKEND_KEY = 'moe-playground:auto-backend:v1';
/** Where the last measured training step is remembered: its settings and ms. */
const STEP_SPEED_KEY = 'moe-playground:step-speed:v1';
const TTL_MS = 30 * 24 * 3600 * 1000;

function read(key: string): Record<string, unknown> | null {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    if (!raw) return null;
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    if (typeof record.at !== 'number' || Date.now() - record.at > TTL_MS) return null;
    return record;
  } catch {
    return null;
  }
}

function write(key: string, value: Record<string, unknown>): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify({ ...value, at: Date.now() }));
  } catch {
    // not remembered: the next visit measures again
  }
}

export function readCachedAuto(): string | null {
  const r = read(AUTO_BACKEND_KEY);
  return typeof r?.backend === 'string' ? r.backend : null;
}

export function writeCachedAuto(backend: string): void {
  write(AUTO_BACKEND_KEY, { backend });
}

export interface MeasuredStep {
  config: MoeConfig;
  /** the backend it ran on */
  backend: string;
  ms: number;
}

export function readMeasuredStep(): MeasuredStep | null {
  const r = read(STEP_SPEED_KEY);
  if (!r || typeof r.ms !== 'number' || !(r.ms > 0) || typeof r.backend !== 'string' || typeof r.config !== 'object' || r.config === null) return null;
  return { config: r.config as MoeConfig, backend: r.backend, ms: r.ms };
}

export function writeMeasuredStep(step: MeasuredStep): void {
  write(STEP_SPEED_KEY, { ...step });
}
