// Sentences put together from several messages: English separates them with a space, Chinese
// writes them on (a space after 。 reads as a stray gap).

import { locale } from './index.svelte';

/** The non-empty sentences, joined as the current language writes them. */
export function sentences(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p).join(locale.lang === 'zh-CN' ? '' : ' ');
}
