// How views write sizes and times in a message: the step guard's budgets, the cluster's traffic.

const [KiB, MiB, GiB] = [2 ** 10, 2 ** 20, 2 ** 30];
const UNITS = [
  [GiB, 'GB'],
  [MiB, 'MB'],
  [KiB, 'KB'],
] as const;

/**
 * 3.2e9 → "3.0 GB", 5.1e8 → "486 MB", 3072 → "3.0 KB", 512 → "512 B": binary units, two or three
 * digits; a unit takes over from 1,000 of the one below (1,039,360 → "1.0 MB", not "1015 KB").
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const unit = UNITS.find(([size]) => Math.abs(bytes) >= (size * 1000) / 1024);
  if (!unit) return `${Math.round(bytes)} B`;
  const v = bytes / unit[0];
  const whole = Math.abs(v) >= 100 || (unit[1] !== 'GB' && Math.abs(v) >= 10);
  return `${whole ? Math.round(v) : v.toFixed(1)} ${unit[1]}`;
}

/** ms as seconds for a message: 1234 → "1.2", 45678 → "46". */
export function formatSeconds(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const s = ms / 1000;
  return s >= 10 ? String(Math.round(s)) : s.toFixed(1);
}
