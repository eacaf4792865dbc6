// Notices as a person reads them in English: their data (code, key, from, to) with the words the
// view shows, in the shape the link tests (and the captured v1 links) have always checked.

import { locale } from '../../src/i18n/index.svelte';
import { noticeText } from '../../src/i18n/notices';
import type { Notice, NoticeCode } from '../../src/state/notices';

export interface NoticeInWords {
  code: NoticeCode;
  key: string;
  message: string;
  from?: string;
  to?: string;
}

export function inEnglish(notices: readonly Notice[]): NoticeInWords[] {
  const lang = locale.lang;
  locale.lang = 'en';
  try {
    return notices.map(({ says: _says, ...n }, i) => ({ ...n, message: noticeText(notices[i]) }));
  } finally {
    locale.lang = lang;
  }
}
