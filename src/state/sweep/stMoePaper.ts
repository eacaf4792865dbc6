// ST-MoE's capacity-factor table (Zoph et al. 2022, "ST-MoE: Designing Stable and Transferable
// Sparse Expert Models", the table of training and evaluation capacity factors against top-k):
// the quality of each model as negative log perplexity, higher is better. Its one home: the
// sweep view puts it beside the toy's, and bench/fidelity.ts reads it from here.
// The orderings it shows are derived from it: each pair of its entries that differ in one factor
// (the training CF, the evaluation CF or k) and whose values differ says which of the two is better.

export type PaperK = 1 | 2 | 3;

export interface PaperRow {
  trainCf: number;
  evalCf: number;
  /** negative log perplexity by top-k, where the paper reports it */
  byK: Partial<Record<PaperK, number>>;
}

export const ST_MOE_PAPER: readonly PaperRow[] = [
  { trainCf: 0.75, evalCf: 0.75, byK: { 1: -1.428, 2: -1.424 } },
  { trainCf: 0.75, evalCf: 2, byK: { 1: -1.404, 2: -1.402 } },
  { trainCf: 1, evalCf: 1, byK: { 1: -1.397, 2: -1.392 } },
  { trainCf: 1, evalCf: 2, byK: { 1: -1.384, 2: -1.378 } },
  { trainCf: 1.25, evalCf: 1.25, byK: { 1: -1.378, 2: -1.375 } },
  { trainCf: 1.25, evalCf: 2, byK: { 1: -1.373, 2: -1.369 } },
  { trainCf: 2, evalCf: 2, byK: { 2: -1.36, 3: -1.36 } },
  { trainCf: 2, evalCf: 3, byK: { 2: -1.359, 3: -1.356 } },
];
export const PAPER_KS: readonly PaperK[] = [1, 2, 3];

/** The paper's dense baselines, negative log perplexity: the smaller dense model and the one of the MoE's compute. */
export const ST_MOE_DENSE = [-1.474, -1.384] as const;

export interface PaperPoint {
  trainCf: number;
  evalCf: number;
  k: PaperK;
}

export type Factor = 'trainCf' | 'evalCf' | 'k';

export interface Ordering {
  /** the factor the two points differ in */
  factor: Factor;
  /** the point the paper finds better, and the worse one */
  better: PaperPoint;
  worse: PaperPoint;
  /** whether the toy finds the same: null where it has no value for either point */
  toyAgrees: boolean | null;
}

export function paperPoints(): (PaperPoint & { value: number })[] {
  return ST_MOE_PAPER.flatMap((row) =>
    PAPER_KS.filter((k) => row.byK[k] !== undefined).map((k) => ({ trainCf: row.trainCf, evalCf: row.evalCf, k, value: row.byK[k]! })),
  );
}

function differsIn(a: PaperPoint, b: PaperPoint): Factor | null {
  const diffs = (['trainCf', 'evalCf', 'k'] as const).filter((f) => a[f] !== b[f]);
  return diffs.length === 1 ? diffs[0] : null;
}

/**
 * The paper's orderings, each checked against the toy: `toyLoss` gives the toy's held-out loss
 * (lower is better) at a point, or null where the sweep has none.
 */
export function stMoeOrderings(toyLoss: (p: PaperPoint) => number | null): Ordering[] {
  const points = paperPoints();
  const out: Ordering[] = [];
  points.forEach((a, i) => {
    for (const b of points.slice(i + 1)) {
      const factor = differsIn(a, b);
      if (factor === null || a.value === b.value) continue;
      const [better, worse] = a.value > b.value ? [a, b] : [b, a];
      const [lb, lw] = [toyLoss(better), toyLoss(worse)];
      const toyAgrees = lb === null || lw === null ? null : lb < lw;
      out.push({ factor, better: strip(better), worse: strip(worse), toyAgrees });
    }
  });
  return out;
}

const strip = ({ trainCf, evalCf, k }: PaperPoint): PaperPoint => ({ trainCf, evalCf, k });
