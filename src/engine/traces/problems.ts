// What can be wrong with a trace file, as data: the page words it (traceProblemText.ts) in the
// reader's language, with the file, line and field, so a bad file says where it went wrong.

export type TraceProblemCode =
  /** a file over the size limit, or token arrays that would not fit in memory (values: limit) */
  | 'too-large'
  /** no lines at all */
  | 'empty'
  /** the last line ends without a newline and does not parse: the file was cut */
  | 'truncated'
  /** a line that is not JSON */
  | 'not-json'
  /** a file this reader does not know (values: format, when a header names one) */
  | 'unknown-format'
  /** a PyTorch/pickle/zip file: never opened in the browser, run the SGLang converter */
  | 'pickle'
  /** a Megatron side file (logits, hidden states) opened without its JSON-lines files */
  | 'side-file-alone'
  /** binary bytes where text was expected */
  | 'binary'
  /** made by a newer version of the format (values: version, supported) */
  | 'newer-version'
  | 'missing-field'
  /** a field of the wrong type (values: expected) */
  | 'bad-type'
  /** an expert index ≥ E or < -1 (values: expert, E, layer) */
  | 'expert-range'
  /** a domain or document index outside the header's names (values: index, count) */
  | 'index-range'
  /** the same expert twice among one token's choices (values: expert) */
  | 'duplicate-choice'
  /** a token with another number of choices than its layer's k (values: k, got, layer) */
  | 'k-varies'
  /** NaN or Infinity in weights, logits, counts (values: value) */
  | 'not-finite'
  /** a negative count */
  | 'negative'
  /** an array of the wrong length (values: expected, got) */
  | 'size-mismatch'
  /** token lines and counts lines in one file */
  | 'mixed-lines'
  /** an optional field on some lines but not others (values: first: the line that set the rule) */
  | 'inconsistent-optional'
  /** Megatron rank files that contradict each other (values: rank, fileRank) */
  | 'ranks-disagree'
  /** a side file shorter than the offsets its records point at (values: needed, size) */
  | 'side-file-size'
  /** files of different formats opened together (values: formats) */
  | 'mixed-formats'
  /** several files where the format takes one (values: count) */
  | 'several-files'
  /** a file with no lines the reader could use (values: what) */
  | 'no-records'
  /** the browser could not read the file (values: message) */
  | 'read-failed';

export interface TraceProblem {
  code: TraceProblemCode;
  /** the file's name as the user picked it */
  file: string;
  /** 1-based line, where the problem is on a line */
  line?: number;
  /** the field's path in the line, e.g. `choices[1][0]` */
  field?: string;
  values?: Record<string, string | number>;
}

/** A note on how a trace was read (not a failure), worded by the page like a problem. */
export interface TraceNote {
  code: string;
  values?: Record<string, string | number>;
}

/** Past this many problems a file stops being read: the first ones say enough. */
export const MAX_PROBLEMS = 20;

/** The problems of one open, first ones first, at most MAX_PROBLEMS. */
export class ProblemList {
  readonly items: TraceProblem[] = [];

  add(problem: TraceProblem): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push(problem);
  }

  get full(): boolean {
    return this.items.length >= MAX_PROBLEMS;
  }

  get any(): boolean {
    return this.items.length > 0;
  }
}

/** One file's problems, so the parsers need not repeat its name. */
export class FileProblems {
  constructor(
    readonly list: ProblemList,
    readonly file: string,
  ) {}

  add(code: TraceProblemCode, line?: number, field?: string, values?: Record<string, string | number>): void {
    const p: TraceProblem = { code, file: this.file };
    if (line !== undefined) p.line = line;
    if (field !== undefined) p.field = field;
    if (values !== undefined) p.values = values;
    this.list.add(p);
  }

  get full(): boolean {
    return this.list.full;
  }

  get any(): boolean {
    return this.list.any;
  }
}
