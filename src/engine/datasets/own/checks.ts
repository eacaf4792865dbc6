// Whether a file's bytes are a text the task can train on, and where they are not: too large,
// empty, not UTF-8 (the byte and line of the first bad sequence), or binary (a NUL or other
// control character, with its line). Pure, so the page and the tests read a file the same way.

/** the most bytes of text (UTF-8) the task takes: its windows then hold about 100 MB at context 6 */
export const OWN_TEXT_MAX_BYTES = 4 * 1024 * 1024;

export type OwnTextProblem =
  | { code: 'empty' }
  | { code: 'too-large'; bytes: number; limit: number }
  | { code: 'not-utf8'; byte: number; line: number }
  | { code: 'binary'; line: number; char: string }
  | { code: 'too-short'; chars: number; limit: number }
  /** paragraphs so short that few characters have a next one in the same paragraph to learn */
  | { code: 'too-fragmented'; positions: number; limit: number }
  | { code: 'too-many-domains'; domains: number; limit: number; line: number }
  | { code: 'domain-too-small'; domain: string; line: number };

/**
 * The byte offset of the first byte that does not start or continue a valid UTF-8 sequence
 * (overlong forms, surrogates and code points above U+10FFFF included), or -1.
 */
export function firstBadUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let j = 1; j <= n; j++) {
      const c = bytes[i + j];
      if (c === undefined) return i;
      if (j === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** 1-based line of a byte offset (lines end at LF). */
function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** A control character other than tab, line feed, carriage return and form feed, with its line. */
export function firstControl(text: string): { line: number; char: string } | null {
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if ((c < 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0c) || c === 0x7f) {
      return { line, char: `U+${c.toString(16).toUpperCase().padStart(4, '0')}` };
    }
  }
  return null;
}

/** The bytes of a file as text, or what is wrong with them and where. */
export function decodeOwnText(bytes: Uint8Array): { text: string } | { problem: OwnTextProblem } {
  if (bytes.length > OWN_TEXT_MAX_BYTES) return { problem: { code: 'too-large', bytes: bytes.length, limit: OWN_TEXT_MAX_BYTES } };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // a UTF-8 byte-order mark is not text
  const body = bytes.subarray(start);
  // a NUL byte is binary whatever else: say so before the UTF-8 check, which most binaries fail too
  const nul = body.indexOf(0);
  if (nul >= 0) return { problem: { code: 'binary', line: lineAtByte(body, nul), char: 'U+0000' } };
  const bad = firstBadUtf8(body);
  if (bad >= 0) return { problem: { code: 'not-utf8', byte: bad + start, line: lineAtByte(body, bad) } };
  return checkOwnText(new TextDecoder('utf-8').decode(body));
}

/** A pasted or decoded text's own checks: size, emptiness, control characters. */
export function checkOwnText(text: string): { text: string } | { problem: OwnTextProblem } {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > OWN_TEXT_MAX_BYTES) return { problem: { code: 'too-large', bytes, limit: OWN_TEXT_MAX_BYTES } };
  if (text.trim() === '') return { problem: { code: 'empty' } };
  const control = firstControl(text);
  if (control) return { problem: { code: 'binary', ...control } };
  return { text };
}
