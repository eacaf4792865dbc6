// A sweep's results as rows: each cell's seeds aggregated (mean, min, max, how many finished,
// diverged or failed), one row per cell, or per cell and evaluation capacity factor when the
// metric is read per evaluation and the sweep has an evaluation axis. And the rows as CSV and JSON.

import { effectiveSizes } from '../../engine/config';
import type { JobResult } from '../../engine/experiments/job';
import type { MoeConfig } from '../schema';
import { formatValue } from '../urlFormat';
import { urlKeyOf } from '../urlKeys';
import { evalCfsOf, formatAxisValue, type SweepDefinition } from './definition';
import type { SweepCell } from './jobs';
import { metricOf } from './metrics';
import type { PaperPoint } from './stMoePaper';

import { APP_VERSION } from '../appVersion';

export interface Aggregate {
  /** over the seeds that finished without diverging and gave a finite value; null when none did */
  mean: number | null;
  min: number | null;
  max: number | null;
  /** seeds in the mean */
  n: number;
  /** seeds whose training diverged (non-finite loss): marked, and left out of the mean */
  diverged: number;
  /** seeds whose job failed */
  failed: number;
  /** seeds not finished yet */
  pending: number;
  /** each seed's value, in seed order: null when it has none (pending, failed, diverged, not finite) */
  values: (number | null)[];
}

export interface SweepRow {
  cell: SweepCell;
  /** index into the evaluation capacity factors each job was evaluated at */
  e: number;
  /** the evaluation capacity factor of this row; undefined when the rows are not per evaluation */
  evalCf: number | null | undefined;
  agg: Aggregate;
}

/** Whether the table has a row per evaluation capacity factor (an evaluation axis, a metric read per evaluation). */
export function showsEvalAxis(def: SweepDefinition): boolean {
  return def.evalCfs.length > 0 && metricOf(def.metric).perEval;
}

/**
 * The toy's held-out loss at a point of ST-MoE's table (training CF, evaluation CF, k): the mean
 * over seeds of the cell trained at that CF and k, evaluated at that CF; null where the sweep has
 * no such cell or evaluation.
 */
export function toyLossAt(def: SweepDefinition, cells: readonly SweepCell[], results: ReadonlyMap<string, JobResult>, errors: ReadonlyMap<string, string>, p: PaperPoint): number | null {
  const byLoss = { ...def, metric: 'loss' as const };
  const e = evalCfsOf(byLoss).indexOf(p.evalCf);
  if (e < 0) return null;
  const cell = cells.find((c) => c.config.capacityFactor === p.trainCf && effectiveSizes(c.config).k === p.k && c.sameAs === null);
  return cell ? aggregate(byLoss, cell, e, results, errors).mean : null;
}

export function aggregate(def: SweepDefinition, cell: SweepCell, e: number, results: ReadonlyMap<string, JobResult>, errors: ReadonlyMap<string, string>): Aggregate {
  const metric = metricOf(def.metric);
  const agg: Aggregate = { mean: null, min: null, max: null, n: 0, diverged: 0, failed: 0, pending: 0, values: [] };
  let sum = 0;
  for (const job of cell.jobs) {
    const result = results.get(job.id);
    let value: number | null = null;
    if (errors.has(job.id)) agg.failed++;
    else if (!result) agg.pending++;
    else if (result.nonFinite !== undefined) agg.diverged++;
    else {
      const v = metric.read(result, e);
      if (Number.isFinite(v)) value = v;
    }
    agg.values.push(value);
    if (value === null) continue;
    agg.n++;
    sum += value;
    agg.min = agg.min === null ? value : Math.min(agg.min, value);
    agg.max = agg.max === null ? value : Math.max(agg.max, value);
  }
  if (agg.n > 0) agg.mean = sum / agg.n;
  return agg;
}

export function sweepRows(def: SweepDefinition, cells: readonly SweepCell[], results: ReadonlyMap<string, JobResult>, errors: ReadonlyMap<string, string>): SweepRow[] {
  const evalCfs = evalCfsOf(def);
  const perEval = showsEvalAxis(def);
  const rows: SweepRow[] = [];
  for (const cell of cells) {
    const es = perEval ? evalCfs.map((_, e) => e) : [0];
    for (const e of es) rows.push({ cell, e, evalCf: perEval ? evalCfs[e] : undefined, agg: aggregate(def, cell, e, results, errors) });
  }
  return rows;
}

/** The settings a row opens as a single run: its cell's, on the first seed, at the row's evaluation capacity factor. */
export function runConfigOf(row: SweepRow): MoeConfig {
  return row.evalCf === undefined ? { ...row.cell.config } : { ...row.cell.config, evalCapacityFactor: row.evalCf };
}

/** What validateConfig changed in a cell, as a link writes it: `k 4→2`. */
export function adjustedText(cell: SweepCell): string {
  return cell.adjustments.map((a) => `${urlKeyOf(a.key)} ${formatValue(a.key, a.from as never)}→${formatValue(a.key, a.to as never)}`).join(', ');
}

/** Results of an earlier pool under a later one's (a new map: results are replaced whole, never mutated). */
export function mergeResults(earlier: ReadonlyMap<string, JobResult>, later: ReadonlyMap<string, JobResult>): ReadonlyMap<string, JobResult> {
  if (earlier.size === 0) return later;
  const out = new Map(earlier);
  for (const [id, result] of later) out.set(id, result);
  return out;
}

// ---------------------------------------------------------------- export

/** One CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const num = (x: number | null) => (x === null || !Number.isFinite(x) ? '' : String(+x.toPrecision(7)));

/** The rows as CSV: the axes' values as a link writes them, the metric's aggregate, each seed's value. */
export function toCsv(def: SweepDefinition, rows: readonly SweepRow[]): string {
  const seedNames = (rows[0]?.cell.jobs ?? []).map((j) => `seed ${j.config.seed}`);
  const head = [def.x.key, ...(def.y ? [def.y.key] : []), ...(showsEvalAxis(def) ? ['evalCapacityFactor'] : [])];
  const names = [...head, `${def.metric} mean`, 'min', 'max', 'n', 'diverged', 'failed', ...seedNames, 'adjusted', 'same as cell'];
  const lines = [names.map(csvField).join(',')];
  for (const row of rows) {
    const { cell, agg } = row;
    const axes = [formatAxisValue(def.x.key, cell.x), ...(def.y ? [formatAxisValue(def.y.key, cell.y!)] : [])];
    if (row.evalCf !== undefined) axes.push(formatAxisValue('evalCapacityFactor', row.evalCf));
    const fields = [...axes, num(agg.mean), num(agg.min), num(agg.max), String(agg.n), String(agg.diverged), String(agg.failed), ...agg.values.map(num)];
    fields.push(adjustedText(cell), cell.sameAs === null ? '' : String(cell.sameAs + 1));
    lines.push(fields.map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

const finite = (x: number | null) => (x === null || !Number.isFinite(x) ? null : x);

/** The definition (without the workers: not part of the results), the app's version, and every row. */
export function toJson(def: SweepDefinition, rows: readonly SweepRow[], link: string, appVersion: string = APP_VERSION): string {
  const { kind, base, x, y, evalCfs, steps, seeds, metric } = def;
  return JSON.stringify(
    {
      app: 'moe-playground',
      version: appVersion,
      link,
      definition: { kind, base, x, y, evalCfs, steps, seeds, metric },
      rows: rows.map(({ cell, evalCf, agg }) => ({
        cell: cell.index + 1,
        x: cell.x,
        ...(def.y ? { y: cell.y } : {}),
        ...(evalCf !== undefined ? { evalCapacityFactor: evalCf } : {}),
        mean: finite(agg.mean),
        min: finite(agg.min),
        max: finite(agg.max),
        n: agg.n,
        diverged: agg.diverged,
        failed: agg.failed,
        seeds: cell.jobs.map((j, s) => ({ seed: j.config.seed, value: finite(agg.values[s]) })),
        ...(cell.adjustments.length ? { adjusted: adjustedText(cell) } : {}),
        ...(cell.sameAs !== null ? { sameAs: cell.sameAs + 1 } : {}),
      })),
    },
    null,
    1,
  );
}
