// Reading one value from a link: numbers clamped to their range, booleans, members of fixed
// lists and comma lists, each leaving a notice (in data) when it ignored or changed the value.
// Shared by the schema parameters and the view parameters; url.ts re-exports the notice types.

import type { FloatDef, IntDef } from './schema';
import { decimalsOf, formatNumber, roundTo } from './urlFormat';
import { NUMBER, safeText } from './urlText';

export type NoticeCode = 'unknown-key' | 'clamped' | 'invalid' | 'version' | 'adjusted';

export interface Notice {
  code: NoticeCode;
  /** the url key it concerns (`E`, `cf`, `deck`, ...); for an unknown key, that key made safe to show */
  key: string;
  /** plain English, composed from the data below */
  message: string;
  /** the value as read, made safe to show (printable ASCII, at most 32 characters) */
  from?: string;
  /** the value used instead */
  to?: string;
}

export class Reader {
  notices: Notice[] = [];

  note(code: NoticeCode, key: string, message: string, from?: string, to?: string): void {
    const n: Notice = { code, key, message };
    if (from !== undefined) n.from = from;
    if (to !== undefined) n.to = to;
    this.notices.push(n);
  }

  invalid(key: string, raw: string | undefined, expected: string, fallback: string | null): void {
    const shown = raw === undefined ? '' : safeText(raw);
    const what = raw === undefined ? `${key} has no value` : `${key} = "${shown}" is not ${expected}`;
    const then = fallback === null ? 'it was ignored' : `the default ${fallback} is used`;
    this.note('invalid', key, `${what}; ${then}.`, shown, fallback ?? undefined);
  }

  /** An integer in [min, max] (and among options, if given); undefined when not a number at all. */
  int(key: string, raw: string | undefined, def: Pick<IntDef, 'min' | 'max' | 'options'>, fallback: string | null) {
    if (raw === undefined || !NUMBER.test(raw)) {
      this.invalid(key, raw, 'a number', fallback);
      return undefined;
    }
    const n = Number(raw);
    let to = Math.min(def.max, Math.max(def.min, Math.round(n)));
    if (def.options) to = def.options.reduce((b, o) => (Math.abs(o - to) < Math.abs(b - to) ? o : b), def.options[0]);
    to += 0;
    if (to !== n) {
      const shown = safeText(raw);
      let why: string;
      if (n > def.max) why = `is above the maximum ${def.max}`;
      else if (n < def.min) why = `is below the minimum ${def.min}`;
      else if (!Number.isInteger(n)) why = 'is not a whole number';
      else why = `is not one of ${(def.options ?? []).join(', ')}`;
      this.note('clamped', key, `${key} = ${shown} ${why}; ${to} is used.`, shown, String(to));
    }
    return to;
  }

  /** A number in [min, max], rounded to the step's decimals (silently: that is only precision). */
  float(key: string, raw: string | undefined, def: Pick<FloatDef, 'min' | 'max' | 'step'>, fallback: string | null) {
    if (raw === undefined || !NUMBER.test(raw)) {
      this.invalid(key, raw, 'a number', fallback);
      return undefined;
    }
    const decimals = decimalsOf(def.step);
    const n = roundTo(Number(raw), decimals);
    const to = Math.min(def.max, Math.max(def.min, n)) + 0;
    if (to !== n) {
      const shown = safeText(raw);
      const why = n > def.max ? `is above the maximum ${def.max}` : `is below the minimum ${def.min}`;
      const toText = formatNumber(to, decimals);
      this.note('clamped', key, `${key} = ${shown} ${why}; ${toText} is used.`, shown, toText);
    }
    return to;
  }

  bool(key: string, raw: string | undefined, fallback: string | null): boolean | undefined {
    // a bare `embed` (no `=`) reads as on
    if (raw === undefined || raw === '1' || raw === 'true') return true;
    if (raw === '0' || raw === 'false') return false;
    this.invalid(key, raw, '1 or 0', fallback);
    return undefined;
  }

  oneOf<T extends string>(key: string, raw: string | undefined, options: readonly T[], fallback: string | null): T | undefined {
    if (raw !== undefined && (options as readonly string[]).includes(raw)) return raw as T;
    this.invalid(key, raw, `one of ${options.join(', ')}`, fallback);
    return undefined;
  }

  /** A comma list whose items each pass `accept` (which may normalise them); others get a notice. */
  list(key: string, raw: string | undefined, max: number, what: string, accept: (item: string) => string | null, unique: boolean): string[] | undefined {
    if (raw === undefined) {
      this.invalid(key, raw, what, null);
      return undefined;
    }
    const out: string[] = [];
    const items = raw.split(',').filter((item) => item !== '');
    for (const item of items) {
      const ok = accept(item);
      if (ok === null) {
        this.note('invalid', key, `${key}: "${safeText(item)}" is not ${what}; it was left out.`, safeText(item));
      } else if (!(unique && out.includes(ok))) {
        if (out.length === max) {
          this.note('clamped', key, `${key} holds more than ${max} items; the rest were left out.`, String(items.length), String(max));
          break;
        }
        out.push(ok);
      }
    }
    return out.length > 0 ? out : undefined;
  }
}
