// One token line of the project's own format: every layer's choices (and weights and logits,
// where the file has them) checked and appended to that layer's growable arrays.

import { GrowableFloat32, GrowableInt32 } from './growable';
import { finiteAt, isInt } from './jsonLine';
import type { FileProblems } from './problems';

/** A layer's arrays while its token lines are read. */
export class OwnLayerArrays {
  readonly experts = new GrowableInt32();
  readonly weights = new GrowableFloat32();
  readonly logits = new GrowableFloat32();
  constructor(
    readonly name: string,
    readonly E: number,
    readonly k: number,
  ) {}
}

/** Checks `choices[l]` for every layer and appends it; returns false where the line is bad. */
export function readChoices(v: unknown, layers: readonly OwnLayerArrays[], line: number, problems: FileProblems, store: boolean): boolean {
  if (!Array.isArray(v)) {
    problems.add(v === undefined ? 'missing-field' : 'bad-type', line, 'choices', { expected: 'array' });
    return false;
  }
  if (v.length !== layers.length) {
    problems.add('size-mismatch', line, 'choices', { expected: layers.length, got: v.length });
    return false;
  }
  let ok = true;
  layers.forEach((layer, l) => {
    const row: unknown = v[l];
    const at = `choices[${l}]`;
    if (!Array.isArray(row)) {
      problems.add('bad-type', line, at, { expected: 'array' });
      ok = false;
      return;
    }
    if (row.length !== layer.k) {
      problems.add('k-varies', line, at, { layer: layer.name, k: layer.k, got: row.length });
      ok = false;
      return;
    }
    for (let j = 0; j < row.length; j++) {
      const e: unknown = row[j];
      if (!isInt(e)) {
        problems.add('bad-type', line, `${at}[${j}]`, { expected: 'integer' });
        ok = false;
        continue;
      }
      if (e < -1 || e >= layer.E) {
        problems.add('expert-range', line, `${at}[${j}]`, { expert: e, E: layer.E, layer: layer.name });
        ok = false;
        continue;
      }
      if (e >= 0 && row.indexOf(e) < j) {
        problems.add('duplicate-choice', line, `${at}[${j}]`, { expert: e });
        ok = false;
      }
    }
    if (ok && store) for (let j = 0; j < row.length; j++) layer.experts.push(row[j] as number);
  });
  return ok;
}

/**
 * Checks a per-layer array of numbers (weights: k per layer, logits: E per layer) and appends it.
 * `width` gives a layer's expected length.
 */
export function readPerLayerNumbers(
  v: unknown,
  key: 'weights' | 'logits',
  layers: readonly OwnLayerArrays[],
  line: number,
  problems: FileProblems,
  store: boolean,
): boolean {
  if (!Array.isArray(v)) {
    problems.add('bad-type', line, key, { expected: 'array' });
    return false;
  }
  if (v.length !== layers.length) {
    problems.add('size-mismatch', line, key, { expected: layers.length, got: v.length });
    return false;
  }
  let ok = true;
  layers.forEach((layer, l) => {
    const row: unknown = v[l];
    const at = `${key}[${l}]`;
    const width = key === 'weights' ? layer.k : layer.E;
    if (!Array.isArray(row)) {
      problems.add('bad-type', line, at, { expected: 'array' });
      ok = false;
      return;
    }
    if (row.length !== width) {
      problems.add('size-mismatch', line, at, { expected: width, got: row.length });
      ok = false;
      return;
    }
    const target = key === 'weights' ? layer.weights : layer.logits;
    for (let j = 0; j < width; j++) {
      const x = finiteAt(row[j], problems, line, `${at}[${j}]`);
      if (Number.isNaN(x)) ok = false;
      else if (store) target.push(x);
    }
  });
  return ok;
}
