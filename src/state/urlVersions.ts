// What a link's missing keys stand for. A link leaves out every value equal to its base, so it
// must be read against the base it was written against: the defaults of its format version
// (frozen for every version but the current one, so old links keep their meaning when SCHEMA's
// defaults change) with, for `preset=<id>`, that preset's settings on top.

import { CLUSTER_KEYS } from '../engine/config';
import { DEFAULTS_V1 } from './defaultsV1';
import { DEFAULTS_V2 } from './defaultsV2';
import { DEFAULTS_V3 } from './defaultsV3';
import { DEFAULTS_V4 } from './defaultsV4';
import { presetById } from './presets';
import { presetSettingsBefore } from './presetsBefore';
import { schemaDefaults, type MoeConfig } from './schema';
import type { Reader } from './urlReader';
import { safeText } from './urlText';

/** The link format this code writes. */
export const HASH_VERSION = 5;
/** Links without `v` were written before versions were checked: read them as version 1. */
export const UNVERSIONED = 1;

/**
 * The defaults of each link version: a key missing from a link of that version means this value.
 * A frozen version holds the settings it had; the current one holds every setting.
 */
export type LinkDefaults = Readonly<Record<number, Readonly<Partial<MoeConfig>>>>;

/**
 * Every version but the current one is a frozen literal. To change a default in SCHEMA, or a
 * preset's settings (presetsBefore.ts), first freeze today's defaults as defaultsV5.ts, add
 * `5: DEFAULTS_V5` here and raise HASH_VERSION.
 */
export const LINK_DEFAULTS: LinkDefaults = Object.freeze({
  1: DEFAULTS_V1,
  2: DEFAULTS_V2,
  3: DEFAULTS_V3,
  4: DEFAULTS_V4,
  [HASH_VERSION]: Object.freeze(schemaDefaults()),
});

/**
 * The settings a link's missing keys stand for: its version's defaults, then its preset's
 * settings as that version had them, and the preset's cluster as it is now (the cluster trains
 * nothing, so an older preset link draws its routing on the preset's cluster of today).
 */
export function linkBase(version: number, preset: string | undefined, defaults: LinkDefaults = LINK_DEFAULTS): MoeConfig {
  const own = preset === undefined ? undefined : (presetSettingsBefore(preset, version) ?? presetById(preset)?.config);
  const cluster = preset === undefined ? undefined : clusterOf(presetById(preset)?.config ?? {});
  const base = { ...versionDefaults(Object.hasOwn(defaults, version) ? version : HASH_VERSION, defaults), ...cluster, ...own };
  renameOld(version, base);
  return base;
}

const clusterOf = (c: Partial<MoeConfig>): Partial<MoeConfig> => Object.fromEntries(CLUSTER_KEYS.filter((k) => k in c).map((k) => [k, c[k]]));

/**
 * A version's defaults. A setting added after that version is not in its frozen defaults: it
 * reads as its default in the first later version that has it, the value that, by the rule for
 * new settings (docs/how-to.md), does what links did before the setting existed.
 */
function versionDefaults(version: number, defaults: LinkDefaults): MoeConfig {
  const newestFirst = Object.keys(defaults).map(Number).filter((v) => v >= version).sort((a, b) => b - a);
  return newestFirst.reduce<MoeConfig>((base, v) => ({ ...base, ...defaults[v] }), schemaDefaults());
}

/**
 * The version to read a link as, from its `v` (undefined: the link has none). A newer or unknown
 * version is read as the current one, as far as it goes, with a notice.
 */
export function readVersion(r: Reader, has: boolean, raw: string | undefined, defaults: LinkDefaults = LINK_DEFAULTS): number {
  if (!has) return UNVERSIONED;
  const v = raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (Object.hasOwn(defaults, v)) return v;
  if (v > HASH_VERSION) {
    r.note({ id: 'newer-version' }, 'v', String(v), String(HASH_VERSION));
  } else {
    r.note({ id: 'unknown-version' }, 'v', safeText(raw ?? ''), String(HASH_VERSION));
  }
  return HASH_VERSION;
}

/**
 * Values that changed name: in links before version 3, `data=text` meant the small fixed corpus;
 * version 3 gave that name to text streamed from grammars, and the corpus became `corpus`.
 */
const RENAMED: readonly { key: keyof MoeConfig; from: string; to: string; before: number }[] = [
  { key: 'dataset', from: 'text', to: 'corpus', before: 3 },
];

/** A link's settings (its own and its base's) with the values of its version read as today's names. */
export function renameOld(version: number, input: Partial<Record<keyof MoeConfig, unknown>>): void {
  for (const { key, from, to, before } of RENAMED) if (version < before && input[key] === from) input[key] = to;
}
