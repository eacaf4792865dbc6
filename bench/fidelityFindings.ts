// The findings of the fidelity bench, from its measurements alone: ST-MoE's ordering of quality by
// training capacity factor, evaluation capacity factor and k, and collapse without a balance loss.
// A difference is always paired by seed (the same teacher, data and initial weights), and a finding
// holds when the mean difference is larger than its standard error across seeds; "at least as
// good" holds when the mean is not worse by more than one standard error. One seed decides nothing.

export const TRAIN_CFS = [0.75, 1, 1.25, 2] as const;
export const TOP_KS = [1, 2] as const;
/** the held-out evaluation at the training capacity factor, or at 2.0 */
export const EVAL_MODES = ['same', 'cf2'] as const;
export type EvalMode = (typeof EVAL_MODES)[number];

/** quality[k][cf][mode] = held-out loss per seed (lower is better) */
export type Grid = Record<number, Record<number, Record<EvalMode, number[]>>>;

export interface Collapse {
  /** per seed, the busiest expert's share of the choices over the last steps */
  withoutBalance: number[];
  withBalance: number[];
  E: number;
}

export interface Finding {
  name: string;
  /** the mean of what is compared, and its standard error across seeds */
  mean: number;
  se: number;
  holds: boolean;
  /** what had to be true */
  rule: string;
}

export function meanSe(xs: number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, se: Infinity };
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

const paired = (worse: number[], better: number[]) => worse.map((w, i) => w - better[i]);

/** `better` beats `worse` (their per-seed loss difference is more than its standard error) */
function beats(name: string, worse: number[], better: number[]): Finding {
  const { mean, se } = meanSe(paired(worse, better));
  return { name, mean, se, holds: Number.isFinite(se) && mean > se, rule: 'difference > its standard error' };
}

/** `a` is at least as good as `b`: not worse by more than one standard error */
function atLeast(name: string, a: number[], b: number[]): Finding {
  const { mean, se } = meanSe(paired(b, a));
  return { name, mean, se, holds: Number.isFinite(se) && mean > -se, rule: 'not worse by more than one standard error' };
}

export function findings(grid: Grid, collapse: Collapse): Finding[] {
  const out: Finding[] = [];
  for (const k of TOP_KS) {
    for (const mode of EVAL_MODES) {
      const q = (cf: number) => grid[k][cf][mode];
      const at = mode === 'same' ? 'eval CF = train CF' : 'eval CF 2.0';
      out.push(beats(`top-${k}, ${at}: train CF 1.0 beats 0.75`, q(0.75), q(1)));
      out.push(beats(`top-${k}, ${at}: train CF 1.25 beats 1.0`, q(1), q(1.25)));
      out.push(atLeast(`top-${k}, ${at}: train CF 2.0 at least as good as 1.25`, q(2), q(1.25)));
    }
    for (const cf of [0.75, 1]) {
      out.push(beats(`top-${k}, train CF ${cf}: eval CF 2.0 beats eval CF ${cf}`, grid[k][cf].same, grid[k][cf].cf2));
    }
  }
  // top-2 against top-1, averaged per seed over the whole grid
  const overGrid = (k: number) =>
    grid[k][TRAIN_CFS[0]].same.map((_, s) => {
      const cells = TRAIN_CFS.flatMap((cf) => EVAL_MODES.map((m) => grid[k][cf][m][s]));
      return cells.reduce((a, b) => a + b, 0) / cells.length;
    });
  out.push(atLeast('top-2 at least as good as top-1, averaged over the grid', overGrid(2), overGrid(1)));
  const E = collapse.E;
  const without = meanSe(collapse.withoutBalance);
  out.push({
    name: `collapse: with α = 0 the busiest expert takes more than 2.5/E = ${(2.5 / E).toFixed(3)} of the choices`,
    ...without,
    holds: Number.isFinite(without.se) && without.mean - without.se > 2.5 / E,
    rule: 'mean − se > 2.5/E',
  });
  const withBalance = meanSe(collapse.withBalance);
  out.push({
    name: `balance: with α = 0.01 the busiest expert takes less than 2/E = ${(2 / E).toFixed(3)}`,
    ...withBalance,
    holds: Number.isFinite(withBalance.se) && withBalance.mean + withBalance.se < 2 / E,
    rule: 'mean + se < 2/E',
  });
  return out;
}
