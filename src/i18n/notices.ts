// A notice (src/state/notices.ts: what a link or a control changed, in data) in words, in the
// current language. The value quoted from a link is plain text already (printable ASCII), and a
// view shows the result as text, never as HTML.

import type { Notice } from '../state/notices';
import { t } from './index.svelte';

export function noticeText(n: Notice): string {
  const s = n.says;
  const quoted = { key: n.key, from: n.from ?? '', to: n.to ?? '' };
  const then = n.to === undefined ? t('notice.then.ignored') : t('notice.then.default', quoted);
  switch (s.id) {
    case 'not-valid':
    case 'left-out':
      return t(`notice.${s.id}`, { ...quoted, then, expected: t(`notice.expected.${s.expected}`) });
    case 'adjusted':
      return t('notice.adjusted', { ...quoted, reason: t(`notice.reason.${s.reason.why}`, { ...s.reason }) });
    default:
      return t(`notice.${s.id}`, { ...quoted, then, ...s });
  }
}
