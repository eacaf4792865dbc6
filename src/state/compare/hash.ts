// A whole compare link from a definition, and back: A's lab link (url.ts) followed by the
// comparison's own keys (link.ts). For Share and for tests; the page's reader (url.ts) may read the
// keys itself and call readCompare with them.

import { decodeHash, encodeHash, type ViewParams } from '../url';
import type { Notice } from '../urlReader';
import { safeDecode } from '../urlText';
import type { CompareDefinition } from './definition';
import { compareParts, isCompareKey, readCompare } from './link';

/** The hash that opens a comparison: A's settings, preset and step, then B and the seeds. */
export function compareHash(def: CompareDefinition, view: ViewParams = {}): string {
  const a = encodeHash(def.a, { ...view, preset: def.presetA, step: def.step });
  return `${a}&${compareParts(def).join('&')}`;
}

/** The link's keys as written (the first of repeated keys counts, as in url.ts). */
export function linkEntries(hash: string): Map<string, string | undefined> {
  const entries = new Map<string, string | undefined>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    if (!entries.has(key)) entries.set(key, eq < 0 ? undefined : safeDecode(part.slice(eq + 1)));
  }
  return entries;
}

/** A compare link read whole: A by the lab's reader (without the comparison's keys), then B. */
export function decodeCompareHash(hash: string): { definition: CompareDefinition; view: ViewParams; notices: Notice[] } {
  const text = typeof hash === 'string' ? hash.replace(/^#/, '') : '';
  const labPart = text
    .split('&')
    .filter((part) => !isCompareKey(safeDecode(part.split('=')[0])))
    .join('&');
  const a = decodeHash(labPart);
  const compare = readCompare(a.config, linkEntries(text));
  return { definition: compare.definition, view: a.view, notices: [...a.notices, ...compare.notices] };
}
