// A trace problem (src/engine/traces/problems.ts) or a reading note in words, in the page's
// language, with where it is: "trace.jsonl, line 12, choices[1][0]: expert 9 is not below E = 8
// (layer 1 has 8 experts)". Text from the file (names, fields) is only ever shown as text.

import type { TraceProblem } from '../../engine/traces/problems';
import type { Trace } from '../../engine/traces/types';
import { isMessageKey, t, type MessageKey } from '../../i18n/index.svelte';

function whatKey(p: TraceProblem): MessageKey {
  const v = p.values ?? {};
  if (p.code === 'expert-range' && typeof v.expert === 'number' && v.expert < 0) return 'traceProblem.expert-range.negative';
  if (p.code === 'unknown-format' && v.format === 'text') return 'traceProblem.unknown-format.text';
  if (p.code === 'unknown-format' && v.format !== undefined) return 'traceProblem.unknown-format.named';
  if (p.code === 'ranks-disagree' && v.other !== undefined) return 'traceProblem.ranks-disagree.twice';
  const key = `traceProblem.${p.code}`;
  return isMessageKey(key) ? key : 'traceProblem.read-failed';
}

/** What is wrong, without where. */
export function traceProblemWhat(p: TraceProblem): string {
  return t(whatKey(p), { message: p.code, ...p.values });
}

/** The problem in words, with its file, line and field. */
export function traceProblemText(p: TraceProblem): string {
  const what = traceProblemWhat(p);
  if (!p.file) return what;
  const where = { file: p.file, what, line: p.line ?? '', field: p.field ?? '' };
  if (p.line !== undefined && p.field !== undefined) return t('traceProblem.at.fileLineField', where);
  if (p.line !== undefined) return t('traceProblem.at.fileLine', where);
  if (p.field !== undefined) return t('traceProblem.at.fileField', where);
  return t('traceProblem.at.file', where);
}

/** A note on how the trace was read (Megatron's E from the indices, a side file not read). */
export function traceNoteText(note: NonNullable<Trace['notes']>[number]): string {
  const key = `traceNote.${note.code}`;
  return isMessageKey(key) ? t(key, note.values) : note.code;
}
