// The A/B comparison in a link. A compare link is a lab link for arm A (its keys against A's base,
// `preset=<id>` A's preset, `step=<n>` the step to train to) plus `ab=1`, B's differences as
// `b.<url key>=<value>` (the lab's keys and value formats), `b.preset=<id>` when B is based on a
// preset (then B's keys are its differences from that preset on A's seed and backend), and
// `ab.seeds=<N>`. Reading never throws: a bad value or an unknown `b.` key gets a notice (data:
// notices.ts) and B is made valid with its changes noted, as the lab's own reader does.

import { PARAM_KEYS, type MoeConfig } from '../schema';
import { formatValue, sameValue } from '../urlFormat';
import { paramForUrlKey, urlKeyOf } from '../urlKeys';
import { Reader, type Notice } from '../urlReader';
import { encodeValue, safeText } from '../urlText';
import { presetId } from '../urlView';
import { validateConfig } from '../validate';
import { noteAdjustments, readSetting } from '../urlSettings';
import { baseOfB, COMPARE_LIMITS, presetArm, type CompareDefinition } from './definition';

/** The flag that makes a lab link a comparison. */
export const COMPARE_FLAG = 'ab';
const SEEDS_KEY = 'ab.seeds';
const B_PREFIX = 'b.';
const B_PRESET = 'b.preset';

/** Whether a link key belongs to the comparison (the lab's reader leaves these to readCompare). */
export function isCompareKey(key: string): boolean {
  return key === COMPARE_FLAG || key.startsWith(`${COMPARE_FLAG}.`) || key.startsWith(B_PREFIX);
}

/** Whether a link's keys open a comparison: `ab` given and not switched off (`ab=0`). */
export function opensCompare(entries: ReadonlyMap<string, string | undefined>): boolean {
  if (!entries.has(COMPARE_FLAG)) return false;
  const raw = entries.get(COMPARE_FLAG);
  return raw !== '0' && raw !== 'false';
}

/**
 * The comparison a link asks for, given arm A as the lab's reader decoded it (valid) and every key
 * of the link as written (undefined: a bare key). Never throws; `notices` says what it ignored or
 * changed, each under the key as the link spells it (`b.E`, `ab.seeds`).
 */
export function readCompare(a: MoeConfig, entries: ReadonlyMap<string, string | undefined>): { definition: CompareDefinition; notices: Notice[] } {
  const r = new Reader();
  const flag = entries.get(COMPARE_FLAG);
  if (entries.has(COMPARE_FLAG) && flag !== undefined) r.bool(COMPARE_FLAG, flag, null);

  // A's preset was checked (and any bad id noted) by the lab's reader

  let presetB: string | undefined;
  if (entries.has(B_PRESET)) {
    const raw = entries.get(B_PRESET);
    if (raw !== undefined && presetId(raw) !== null) presetB = raw;
    else r.invalid(B_PRESET, raw, 'preset', null);
  }
  const base = presetB !== undefined ? presetArm(presetB, a) : a;

  const input: Partial<Record<keyof MoeConfig, unknown>> = { ...base };
  let seeds: number = COMPARE_LIMITS.seedsMin;
  for (const [key, raw] of entries) {
    if (key === SEEDS_KEY) {
      seeds = r.int(key, raw, { min: COMPARE_LIMITS.seedsMin, max: COMPARE_LIMITS.seedsMax }, String(COMPARE_LIMITS.seedsMin)) ?? COMPARE_LIMITS.seedsMin;
    } else if (key === B_PRESET || key === COMPARE_FLAG) {
      continue;
    } else if (key.startsWith(B_PREFIX)) {
      const param = paramForUrlKey(key.slice(B_PREFIX.length));
      if (param === undefined) {
        r.note({ id: 'unknown-key' }, safeText(key));
        continue;
      }
      const value = readSetting(r, param, raw, base, key);
      if (value !== undefined) input[param] = value;
    } else if (key.startsWith(`${COMPARE_FLAG}.`)) {
      r.note({ id: 'unknown-key' }, safeText(key));
    }
  }

  const { config: b, adjustments } = validateConfig(input);
  noteAdjustments(r, adjustments, B_PREFIX);


  const definition: CompareDefinition = { a, b, seeds };
  if (presetB !== undefined) definition.presetB = presetB;
  return { definition, notices: r.notices };
}

/**
 * The comparison's part of a link, to follow A's lab link (which carries A's settings, its preset
 * and the step): `ab=1`, B's preset, B's settings that differ from its base in schema order, and
 * the seeds when more than one.
 */
export function compareParts(def: CompareDefinition): string[] {
  const parts = [`${COMPARE_FLAG}=1`];
  const presetB = def.presetB !== undefined && presetId(def.presetB) !== null ? def.presetB : undefined;
  if (presetB !== undefined) parts.push(`${B_PRESET}=${encodeValue(presetB)}`);
  const base = baseOfB({ a: def.a, presetB });
  for (const key of PARAM_KEYS) {
    if (!sameValue(key, def.b[key], base[key])) parts.push(`${B_PREFIX}${urlKeyOf(key)}=${encodeValue(formatValue(key, def.b[key]))}`);
  }
  if (def.seeds !== COMPARE_LIMITS.seedsMin) parts.push(`${SEEDS_KEY}=${def.seeds}`);
  return parts;
}
