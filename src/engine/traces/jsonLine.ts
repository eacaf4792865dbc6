// One JSON line read the way the readers need: NaN and Infinity, which Python's json.dumps writes
// by default, come back as a marker so the reader can say "not finite" at the right field rather
// than "not JSON" for the whole line.

import type { FileProblems } from './problems';

/** A NaN/Infinity that stood in the line where a number should be. */
export interface NonFinite {
  $nonfinite: string;
}

const BARE_NON_FINITE = /([:,[]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g;

export type ParsedLine = { ok: true; value: unknown } | { ok: false };

/** Parses a line; on failure reports 'truncated' (a cut last line) or 'not-json'. */
export function parseJsonLine(text: string, line: number, terminated: boolean, problems: FileProblems): ParsedLine {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    if (/NaN|Infinity/.test(text)) {
      try {
        return { ok: true, value: JSON.parse(text.replace(BARE_NON_FINITE, '$1{"$nonfinite":"$2"}')) };
      } catch {
        // falls through: not JSON even with the numbers read
      }
    }
    problems.add(terminated ? 'not-json' : 'truncated', line);
    return { ok: false };
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isNonFinite(v: unknown): v is NonFinite {
  return isRecord(v) && typeof v.$nonfinite === 'string';
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/**
 * A finite number at `field`, or NaN after reporting what was there instead (not-finite for
 * NaN/Infinity, bad-type for anything else).
 */
export function finiteAt(v: unknown, problems: FileProblems, line: number, field: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'number') problems.add('not-finite', line, field, { value: String(v) });
  else if (isNonFinite(v)) problems.add('not-finite', line, field, { value: v.$nonfinite });
  else problems.add('bad-type', line, field, { expected: 'number' });
  return NaN;
}

/** A short name of a JSON value's type, for "expected a number, found a string". */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
