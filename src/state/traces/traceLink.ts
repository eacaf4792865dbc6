// The trace page in a link: `trace` opens it empty, `trace=<example id>` opens that example (for
// lectures and tests). A trace opened from a file has no link: its files never leave the browser.
// An unknown id is a notice (data: notices.ts) and the empty page.

import { notice, type Notice } from '../notices';
import { encodeValue, safeText } from '../urlText';
import { TRACE_EXAMPLES, type TraceExampleId } from './examples';

export const TRACE_KEY = 'trace';

/** Whether a link key belongs to the trace page (the lab's reader leaves it to readTraceLink). */
export const isTraceKey = (key: string): boolean => key === TRACE_KEY;

/** Whether a link's keys open the trace page. */
export const opensTrace = (entries: ReadonlyMap<string, string | undefined>): boolean => entries.has(TRACE_KEY);

const isExampleId = (raw: string): raw is TraceExampleId => TRACE_EXAMPLES.some((e) => e.id === raw);

/** The example a trace link asks for (null: the empty page), and a notice for an id no example has. */
export function readTraceLink(entries: ReadonlyMap<string, string | undefined>): { example: TraceExampleId | null; notices: Notice[] } {
  const raw = entries.get(TRACE_KEY);
  if (raw === undefined || raw === '') return { example: null, notices: [] };
  if (isExampleId(raw)) return { example: raw, notices: [] };
  const options = TRACE_EXAMPLES.map((e) => e.id).join(', ');
  return { example: null, notices: [notice({ id: 'not-one-of', options }, TRACE_KEY, safeText(raw))] };
}

/** The trace page's keys, encoded, for encodeHash: the example shown, or the bare key. */
export const traceParts = (example: TraceExampleId | null): string[] => [example ? `${TRACE_KEY}=${encodeValue(example)}` : TRACE_KEY];
