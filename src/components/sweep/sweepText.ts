// How the sweep views write values: an axis value in words (dropless, on/off, an option's label),
// a duration for "about N min", and a metric's name.

import { t } from '../../i18n/index.svelte';
import { optionLabel, settingLabel } from '../../i18n/labels';
import type { SweepKey, SweepValue } from '../../state/sweep/definition';
import { formatAxisValue } from '../../state/sweep/definition';
import type { MetricId } from '../../state/sweep/metrics';

type AxisKey = SweepKey | 'evalCapacityFactor';

/** A value of a swept setting as the views show it. */
export function axisValueText(key: AxisKey, value: SweepValue | null | undefined): string {
  if (value === undefined) return '';
  if (value === null) return t('sweep.dropless');
  if (typeof value === 'boolean') return t(value ? 'sweep.on' : 'sweep.off');
  if (typeof value === 'string') return optionLabel(key, value);
  return formatAxisValue(key, value);
}

/** The setting's name and a value: "Top-k = 2". */
export const axisPoint = (key: AxisKey, value: SweepValue | null): string => `${settingLabel(key)} = ${axisValueText(key, value)}`;

/** A wall time for a person: seconds under a minute, then whole minutes (ms → "about 4 min" is the caller's). */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 60_000) return t('sweep.seconds', { n: Math.max(1, Math.round(ms / 1000)) });
  return t('sweep.minutes', { n: Math.round(ms / 60_000) });
}

export const metricLabel = (id: MetricId): string => t(`sweep.metric.${id}`);
export const metricBetter = (better: 'lower' | 'higher'): string => t(better === 'lower' ? 'sweep.betterLower' : 'sweep.betterHigher');
