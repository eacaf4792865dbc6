// What a link or a control changed, and why, in data: each notice says one thing from the list
// below (its `says`, with the values that thing quotes) about one key, with the value as read
// (`from`) and the value used (`to`). The views put it into words in the reader's language
// (src/i18n/notices.ts); nothing here is a sentence.

import type { AdjustReason } from './validate';

/** What a value from a link should have been, when it was not. */
export const EXPECTED = ['number', 'flag', 'preset', 'panel', 'setting', 'origin'] as const;
export type Expected = (typeof EXPECTED)[number];

type Nothing = Record<never, never>;

/** Each thing a notice can say, with what it quotes beyond key, from and to. */
export interface NoticeParams {
  /** a key no setting or view parameter has */
  'unknown-key': Nothing;
  /** the link was cut: from = its length, to = the limit */
  'too-long': Nothing;
  /** a key given again: from = the later value, ignored */
  repeated: Nothing;
  /** a key with no value; to = the default used, if any */
  'no-value': Nothing;
  /** a value of the wrong kind; to = the default used, if any */
  'not-valid': { expected: Expected };
  /** a value that is none of a fixed list; to = the default used, if any */
  'not-one-of': { options: string };
  /** one item of a list that is not what the list holds, left out */
  'left-out': { expected: Expected };
  /** a list cut to its longest: from = its length, to = the limit */
  'too-many': Nothing;
  'above-max': { limit: number };
  'below-min': { limit: number };
  'not-whole': Nothing;
  /** a number that is none of the allowed ones: the nearest is used */
  'not-option': { options: string };
  /** a slide with no deck to be in */
  'no-deck': Nothing;
  'past-last-slide': Nothing;
  /** from = the link's version, to = the version it was read as */
  'newer-version': Nothing;
  'unknown-version': Nothing;
  /** a value changed so the settings fit together */
  adjusted: { reason: AdjustReason };
  /** the link's own text (to = its hash) is not in this browser: nothing trains until it is given */
  'own-text-missing': Nothing;
  /** a text given for a link's hash (to) has another hash (from): the link names the new one */
  'own-text-other': Nothing;
}
export type NoticeId = keyof NoticeParams;
export type NoticeSays = { [I in NoticeId]: { id: I } & NoticeParams[I] }[NoticeId];

/** The kind of change each notice is (what the list marks it as). */
const CODE_OF = {
  'unknown-key': 'unknown-key',
  'too-long': 'invalid',
  repeated: 'invalid',
  'no-value': 'invalid',
  'not-valid': 'invalid',
  'not-one-of': 'invalid',
  'left-out': 'invalid',
  'no-deck': 'invalid',
  'too-many': 'clamped',
  'above-max': 'clamped',
  'below-min': 'clamped',
  'not-whole': 'clamped',
  'not-option': 'clamped',
  'past-last-slide': 'clamped',
  'newer-version': 'version',
  'unknown-version': 'version',
  adjusted: 'adjusted',
  'own-text-missing': 'missing',
  'own-text-other': 'adjusted',
} as const satisfies Record<NoticeId, string>;
export type NoticeCode = (typeof CODE_OF)[NoticeId];
/** Every notice id, for the test that each has its words in every language. */
export const NOTICE_IDS = Object.keys(CODE_OF) as NoticeId[];

export interface Notice {
  code: NoticeCode;
  /** the url key it concerns (`E`, `cf`, `deck`, ...), or the setting a control changed; for an unknown key, that key made safe to show */
  key: string;
  says: NoticeSays;
  /** the value as read, made safe to show (printable ASCII, at most 32 characters) */
  from?: string;
  /** the value used instead */
  to?: string;
}

export function notice(says: NoticeSays, key: string, from?: string, to?: string): Notice {
  const n: Notice = { code: CODE_OF[says.id], key, says };
  if (from !== undefined) n.from = from;
  if (to !== undefined) n.to = to;
  return n;
}
