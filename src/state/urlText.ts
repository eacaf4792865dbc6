// Text read from or written to a link, made safe: percent-encoding and decoding that never
// throw, values quoted in messages cut to printable ASCII, and http(s) origins checked against
// a narrow pattern and normalised. Nothing here is ever used as HTML.

export const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ORIGIN = new RegExp(`^https?://${HOST_LABEL}(?:\\.${HOST_LABEL})*(?::\\d{1,5})?$`, 'i');

/** Percent-encodes all but a readable safe set (`,` `:` `/` stay, for lists and origins). */
export function encodeValue(value: string): string {
  // a lone surrogate cannot be percent-encoded (URIError): written as U+FFFD instead
  const wellFormed = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/** A value read from a link, made safe to quote in a message: printable ASCII, 32 characters at most. */
export function safeText(raw: string): string {
  const chars = Array.from(raw);
  const cut = chars.slice(0, 32).map((c) => (/^[A-Za-z0-9 ._~:/+,-]$/.test(c) ? c : '?'));
  return cut.join('') + (chars.length > 32 ? '…' : '');
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // malformed percent-encoding: read as is, and most likely rejected when read
  }
}

/** `/^https?://host[:port]$/`, normalised (lower case, default port left out); null if not one. */
export function normalizeOrigin(raw: string): string | null {
  if (raw.length > 300 || !ORIGIN.test(raw)) return null;
  try {
    const origin = new URL(raw).origin;
    return /^https?:\/\//.test(origin) ? origin : null;
  } catch {
    return null; // e.g. a port above 65535
  }
}
