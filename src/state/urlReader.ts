// Reading one value from a link: numbers clamped to their range, booleans, members of fixed
// lists and comma lists, each leaving a notice (in data: notices.ts) when it ignored or changed
// the value. Shared by the schema parameters and the view parameters.

import type { FloatDef, IntDef } from './schema';
import { decimalsOf, formatNumber, roundTo } from './urlFormat';
import { notice, type Expected, type Notice, type NoticeSays } from './notices';
import { NUMBER, safeText } from './urlText';

export type { Notice, NoticeCode } from './notices';

export class Reader {
  notices: Notice[] = [];

  note(says: NoticeSays, key: string, from?: string, to?: string): void {
    this.notices.push(notice(says, key, from, to));
  }

  /** A value of the wrong kind (or none): ignored, or the fallback used when there is one. */
  invalid(key: string, raw: string | undefined, expected: Expected | readonly string[], fallback: string | null): void {
    const shown = raw === undefined ? '' : safeText(raw);
    const says: NoticeSays =
      raw === undefined ? { id: 'no-value' } : typeof expected === 'string' ? { id: 'not-valid', expected } : { id: 'not-one-of', options: expected.join(', ') };
    this.note(says, key, shown, fallback ?? undefined);
  }

  /** An integer in [min, max] (and among options, if given); undefined when not a number at all. */
  int(key: string, raw: string | undefined, def: Pick<IntDef, 'min' | 'max' | 'options'>, fallback: string | null) {
    if (raw === undefined || !NUMBER.test(raw)) {
      this.invalid(key, raw, 'number', fallback);
      return undefined;
    }
    const n = Number(raw);
    let to = Math.min(def.max, Math.max(def.min, Math.round(n)));
    if (def.options) to = def.options.reduce((b, o) => (Math.abs(o - to) < Math.abs(b - to) ? o : b), def.options[0]);
    to += 0;
    if (to !== n) {
      const shown = safeText(raw);
      let why: NoticeSays;
      if (n > def.max) why = { id: 'above-max', limit: def.max };
      else if (n < def.min) why = { id: 'below-min', limit: def.min };
      else if (!Number.isInteger(n)) why = { id: 'not-whole' };
      else why = { id: 'not-option', options: (def.options ?? []).join(', ') };
      this.note(why, key, shown, String(to));
    }
    return to;
  }

  /** A number in [min, max], rounded to the step's decimals (silently: that is only precision). */
  float(key: string, raw: string | undefined, def: Pick<FloatDef, 'min' | 'max' | 'step'>, fallback: string | null) {
    if (raw === undefined || !NUMBER.test(raw)) {
      this.invalid(key, raw, 'number', fallback);
      return undefined;
    }
    const decimals = decimalsOf(def.step);
    const n = roundTo(Number(raw), decimals);
    const to = Math.min(def.max, Math.max(def.min, n)) + 0;
    if (to !== n) {
      const shown = safeText(raw);
      const why: NoticeSays = n > def.max ? { id: 'above-max', limit: def.max } : { id: 'below-min', limit: def.min };
      this.note(why, key, shown, formatNumber(to, decimals));
    }
    return to;
  }

  bool(key: string, raw: string | undefined, fallback: string | null): boolean | undefined {
    // a bare `embed` (no `=`) reads as on
    if (raw === undefined || raw === '1' || raw === 'true') return true;
    if (raw === '0' || raw === 'false') return false;
    this.invalid(key, raw, 'flag', fallback);
    return undefined;
  }

  oneOf<T extends string>(key: string, raw: string | undefined, options: readonly T[], fallback: string | null): T | undefined {
    if (raw !== undefined && (options as readonly string[]).includes(raw)) return raw as T;
    this.invalid(key, raw, options, fallback);
    return undefined;
  }

  /** A comma list whose items each pass `accept` (which may normalise them); others get a notice. */
  list(key: string, raw: string | undefined, max: number, what: Expected, accept: (item: string) => string | null, unique: boolean): string[] | undefined {
    if (raw === undefined) {
      this.invalid(key, raw, what, null);
      return undefined;
    }
    const out: string[] = [];
    const items = raw.split(',').filter((item) => item !== '');
    for (const item of items) {
      const ok = accept(item);
      if (ok === null) {
        this.note({ id: 'left-out', expected: what }, key, safeText(item));
      } else if (!(unique && out.includes(ok))) {
        if (out.length === max) {
          this.note({ id: 'too-many' }, key, String(items.length), String(max));
          break;
        }
        out.push(ok);
      }
    }
    return out.length > 0 ? out : undefined;
  }
}
