// The hash a link carries for the user's own text (`tx`): a 53-bit non-cryptographic hash
// (cyrb53, public domain) of the exact string, so it is a whole number a link, the schema's
// integer setting and the worker's cache all hold as is, computed synchronously wherever the
// text is (the page, the worker, the tests). It names a text, it does not protect one: a
// collision would need to be made on purpose, and would only mislead the person who made it.

/** The hash of a text: an integer in 1 .. 2^53 − 1 (0 is "no text", the setting's default). */
export function ownTextHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const h = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return h === 0 ? 1 : h;
}
