// The tokens' text crosses from the worker to the page as one joined string and the end of each
// token: a structured clone of a million small strings takes the main thread hundreds of
// milliseconds in one task (measured: 140 ms to deserialize 1M strings in Node), one string and a
// typed array take a few; the page cuts them back into strings a slice per task (unpackTextSlices).

export interface PackedText {
  joined: string;
  /** [T] the end of each token's text in `joined` (its start is the previous end) */
  ends: Uint32Array;
}

export function packText(text: readonly string[]): PackedText {
  const ends = new Uint32Array(text.length);
  let at = 0;
  text.forEach((s, i) => {
    at += s.length;
    ends[i] = at;
  });
  return { joined: text.join(''), ends };
}

/** Tokens cut per slice: about 10 ms of main-thread work on a slow machine. */
export const UNPACK_SLICE = 40_000;

/** Cuts the packed text back into strings, yielding between slices so no task runs long. */
export async function unpackTextSlices(packed: PackedText, yieldNow: () => Promise<void>, slice = UNPACK_SLICE): Promise<string[]> {
  const { joined, ends } = packed;
  const out = new Array<string>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    if (i > 0 && i % slice === 0) await yieldNow();
    out[i] = joined.slice(start, ends[i]);
    start = ends[i];
  }
  return out;
}
