// How much a trace may be: the page reads a file whole into typed arrays, in a worker, on the
// visitor's machine, so the limits are what a browser tab holds without falling over.

/** A single file over this is refused before reading (1 GiB). */
export const MAX_FILE_BYTES = 1024 ** 3;

/** Token arrays (choices, weights, logits, steps) that would exceed this are refused (1.5 GB). */
export const MAX_ARRAY_BYTES = 1.5e9;

/** The limits as the page says them. */
export const FILE_LIMIT_TEXT = '1 GiB';
export const ARRAY_LIMIT_TEXT = '1.5 GB';

/** The token-array limit a reader checks, with its words (a test lowers it). */
export interface ArrayLimit {
  bytes: number;
  text: string;
}

export const DEFAULT_ARRAY_LIMIT: ArrayLimit = { bytes: MAX_ARRAY_BYTES, text: ARRAY_LIMIT_TEXT };
