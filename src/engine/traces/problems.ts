// placeholder: replaced by traceparse at merge
// Why a trace file did not open, in data (the views put it into words: traceProblemText).

/** What went wrong; traceparse's version lists the codes. */
export type TraceProblemCode = string;

export interface TraceProblem {
  code: TraceProblemCode;
  /** the file it concerns, as the user named it */
  file: string;
  line?: number;
  field?: string;
  values?: Record<string, string | number>;
}
