// A whole compare link from a definition, and back: A's lab link (url.ts) followed by the
// comparison's own keys (link.ts), which the lab's reader hands over as `experiment`.

import { decodeHash, encodeHash, type DecodedHash, type ViewParams } from '../url';
import type { Notice } from '../urlReader';
import type { CompareDefinition } from './definition';
import { compareParts, readCompare } from './link';

/** The hash that opens a comparison: A's settings, preset and step, then B and the seeds. */
export function compareHash(def: CompareDefinition, view: ViewParams = {}): string {
  return encodeHash(def.a, { ...view, preset: def.presetA, step: def.step }, compareParts(def));
}

/**
 * The comparison a read link opens: B from the comparison's keys, against A; A's preset and the
 * step to train to are the lab's view keys, read (and a bad one noted) by the lab's reader.
 */
export function compareOfLink(a: DecodedHash): { definition: CompareDefinition; notices: Notice[] } {
  const { definition, notices } = readCompare(a.config, a.experiment);
  if (a.view.preset !== undefined) definition.presetA = a.view.preset;
  if (a.view.step !== undefined) definition.step = a.view.step;
  return { definition, notices };
}

/** A compare link read whole: A by the lab's reader, then B. */
export function decodeCompareHash(hash: string): { definition: CompareDefinition; view: ViewParams; notices: Notice[] } {
  const a = decodeHash(hash);
  const compare = compareOfLink(a);
  return { definition: compare.definition, view: a.view, notices: [...a.notices, ...compare.notices] };
}
