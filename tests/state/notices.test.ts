// Notices are data (a code, what they say, the values they quote) put into words by the view, in
// either language; the Chinese says as much as the English, not a generic line.

import { describe, expect, it } from 'vitest';
import { locale } from '../../src/i18n/index.svelte';
import { noticeText } from '../../src/i18n/notices';
import { AppState } from '../../src/state/app.svelte';
import type { Notice, NoticeId } from '../../src/state/notices';
import { decodeHash } from '../../src/state/url';

/** Links that, between them, make every notice a link can give. */
const BAD_LINKS = [
  `#E=16&x=${'a'.repeat(9000)}`,
  '#v=6&foo=1&E=16&E=4&k&T=abc&shg=yes&r=magic',
  '#v=x&E=9999&T=-5&m=3&cf=10&lr=1e-9&a=1e999&ctx=2.5',
  '#panels=flow,evil&controls=E,zz&preset=nope&deck=nope&slide=2',
  `#deck=${Array(60).fill('switch').join(',')}`,
  '#deck=switch,mixtral&slide=7',
  '#E=4&k=8&E=65&grp=64',
  '#v=5&E=65&grp=64&m=2&h=33&r=deepseek&kg=1&k=8',
  '#v=5&E=4&grp=2&kg=4',
];

const inLang = (lang: 'en' | 'zh-CN', n: Notice) => {
  locale.lang = lang;
  try {
    return noticeText(n);
  } finally {
    locale.lang = 'en';
  }
};
/** Numbers and link values an English notice quotes. */
const quoted = (text: string) => text.match(/\d+(?:\.\d+)?|"[^"]*"|v=\d+/g)?.map((q) => q.replace(/"/g, '')) ?? [];

const notices = BAD_LINKS.flatMap((link) => decodeHash(link).notices);

describe('notices', () => {
  it('from links cover everything a link notice can say', () => {
    const said = new Set<NoticeId>(notices.map((n) => n.says.id));
    const all: NoticeId[] = ['unknown-key', 'too-long', 'repeated', 'no-value', 'not-valid', 'not-one-of', 'left-out', 'too-many', 'above-max', 'below-min', 'not-whole', 'not-option', 'no-deck', 'past-last-slide', 'newer-version', 'unknown-version', 'adjusted'];
    expect([...said].sort()).toEqual([...all].sort());
    const reasons = new Set(notices.flatMap((n) => (n.says.id === 'adjusted' ? [n.says.reason.why] : [])));
    expect([...reasons].sort()).toEqual(['groups-divide', 'h-split', 'k-above-experts', 'kept-above-groups', 'kept-groups-hold']);
  });

  it.each(notices.map((n) => [`${n.code} ${n.says.id} ${n.key}`, n] as const))('%s: says the same in Chinese, quoting every value', (_name, n) => {
    const en = inLang('en', n);
    const zh = inLang('zh-CN', n);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toMatch(/\{\w+\}/);
    expect(en).not.toMatch(/\{\w+\}/);
    for (const q of quoted(en)) expect(zh, en).toContain(q);
  });

  it('a control’s change is said in both languages with its reason', () => {
    const app = new AppState('#E=8', { replace() {}, push() {} });
    app.set('topK', 12);
    const n = app.notices.at(-1)!;
    expect(n).toMatchObject({ code: 'adjusted', key: 'topK', from: '12', to: '8', says: { id: 'adjusted', reason: { why: 'k-above-experts', experts: 8 } } });
    expect(inLang('en', n)).toBe('topK changed from 12 to 8: top-k cannot exceed the 8 experts.');
    expect(inLang('zh-CN', n)).toBe('topK 从 12 改为 8：top-k 不能超过专家数 8。');
    app.set('experts', Number.NaN);
    const invalid = app.notices.at(-1)!;
    expect(invalid.says).toEqual({ id: 'adjusted', reason: { why: 'invalid' } });
    expect(inLang('zh-CN', invalid)).toContain('不是有效值');
  });
});
