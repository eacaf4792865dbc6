// The words the comparison's views use for settings and for what the arms do not share.

import type { NotShared } from '../../engine/experiments/sharedStart';
import { t } from '../../i18n/index.svelte';
import { optionLabel, settingLabel } from '../../i18n/labels';
import { PARAM_KEYS, SCHEMA, type MoeConfig } from '../../state/schema';
import { formatSetting } from '../../state/settings';
import { sameValue } from '../../state/urlFormat';

/** A setting's value as the settings panel would show it: an option's label, dropless, on or off. */
export function valueText<K extends keyof MoeConfig>(key: K, value: MoeConfig[K]): string {
  if (value === null) return t('set.dropless');
  const def = SCHEMA[key];
  if (def.kind === 'bool') return t(value ? 'compare.value.on' : 'compare.value.off');
  if (def.kind === 'enum') return optionLabel(key, String(value));
  return formatSetting(key, value);
}

/** The settings in which two configs differ, in schema order. */
export function differingKeys(a: MoeConfig, b: MoeConfig): (keyof MoeConfig)[] {
  return PARAM_KEYS.filter((key) => !sameValue(key, a[key], b[key]));
}

const shape = (s: number[] | null) => (s ? s.join('×') : '');
const settings = (keys: (keyof MoeConfig)[]) => keys.map(settingLabel).join(', ');

/** One thing the arms do not share, in a sentence. */
export function notSharedText(n: NotShared): string {
  switch (n.what) {
    case 'seed':
      return t('compare.shared.seed', { a: n.a, b: n.b });
    case 'weight':
      return t(`compare.shared.weight.${n.why}`, { name: n.name, a: shape(n.a), b: shape(n.b), shared: n.shared ?? 0 });
    case 'data':
      return t('compare.shared.data', { keys: settings(n.keys) });
    case 'batches':
      return t('compare.shared.batches', { keys: settings(n.keys) });
    case 'noise':
      return t(`compare.shared.noise.${n.why}`);
  }
}
