// How the step guard writes a budget's numbers in a message (src/components/StepGuard.svelte).

const [MiB, GiB] = [2 ** 20, 2 ** 30];

/** 3.2e9 → "3.0 GB", 5.1e8 → "486 MB": binary units, two or three digits. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const [size, unit] = bytes >= GiB ? [GiB, 'GB'] : [MiB, 'MB'];
  const v = bytes / size;
  return `${v >= 100 || (unit === 'MB' && v >= 10) ? Math.round(v) : v.toFixed(1)} ${unit}`;
}

/** ms as seconds for a message: 1234 → "1.2", 45678 → "46". */
export function formatSeconds(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const s = ms / 1000;
  return s >= 10 ? String(Math.round(s)) : s.toFixed(1);
}
