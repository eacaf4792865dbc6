// Reading the settings of a link: one value by its schema row, and a notice for each value that
// validation changed. The lab's reader (url.ts) and the A/B link's (compare/link.ts, whose keys are
// B's, `b.E`) share them, so both read and report a value the same way.

import { SCHEMA, type MoeConfig } from './schema';
import { formatValue } from './urlFormat';
import { urlKeyOf } from './urlKeys';
import type { Reader } from './urlReader';
import { safeText } from './urlText';
import type { Adjustment } from './validate';

/**
 * One setting's value from a link; undefined (with a notice naming the base's value) when it is
 * unusable. `linkKey`: the key as the link spells it (default the setting's URL key).
 */
export function readSetting(r: Reader, key: keyof MoeConfig, raw: string | undefined, base: MoeConfig, linkKey: string = urlKeyOf(key)): unknown {
  const def = SCHEMA[key];
  const fallback = formatValue(key, base[key]);
  switch (def.kind) {
    case 'bool':
      return r.bool(linkKey, raw, fallback);
    case 'enum':
      return r.oneOf(linkKey, raw, def.options, fallback);
    case 'int':
      return r.int(linkKey, raw, def, fallback);
    case 'float':
      if (def.nullable && raw === 'none') return null;
      return r.float(linkKey, raw, def, fallback);
  }
}

/** A notice for each value validateConfig changed, under its key with `prefix` (`b.` for B). */
export function noteAdjustments(r: Reader, adjustments: readonly Adjustment[], prefix = ''): void {
  for (const a of adjustments) {
    const from = typeof a.from === 'number' || typeof a.from === 'boolean' || a.from === null ? formatValue(a.key, a.from as never) : safeText(String(a.from));
    r.note({ id: 'adjusted', reason: a.reason }, `${prefix}${urlKeyOf(a.key)}`, from, formatValue(a.key, a.to as never));
  }
}
