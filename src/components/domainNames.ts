// The text tasks' domains in the page's language. The worker sends the engine's English display
// names (datasets/corpus/index.ts keeps them as data); a name in its place of DOMAIN_IDS is that
// domain, and gets the words of its stable id (i18n/panels/domainNames.ts).

import { DOMAIN_IDS, DOMAIN_NAMES } from '../engine/datasets/corpus';
import { isMessageKey, t } from '../i18n/index.svelte';
import { ownDomainName } from './ownText/ownTextWords';

/** Each domain's name as the page shows it; a name that is not the engine's keeps its own words (the own text's unmarked domain gets the page's). */
export function domainNamesOf(names: readonly string[]): string[] {
  return names.map((name, i) => {
    const id = DOMAIN_IDS[i];
    const key = `domain.${id}`;
    return id !== undefined && DOMAIN_NAMES[id] === name && isMessageKey(key) ? t(key) : ownDomainName(name);
  });
}
