// Seeded toy data for the playground: four 2D point sets, mixed-domain text (streamed from small
// grammars, or the small fixed corpus) and a teacher MoE's unlimited stream.

import { DATASET_NAMES, isTextDataset } from '../config';
import { DETAIL_LEVELS } from './pointShapes';
import { makePoints } from './points';
import { makeTeacher } from './teacher';
import { makeText } from './text';
import { makeOwnText } from './own';
import { makeStreamedText } from './textStream';
import type { Dataset, DatasetName, DatasetOptions } from './types';

export type {
  Dataset,
  DatasetName,
  DatasetOptions,
  PointsData,
  PointsName,
  PointsSplit,
  TeacherData,
  TeacherNet,
  TeacherSplit,
  TextData,
  TextSplit,
} from './types';
export { sampleIndices } from './sample';
export { display, decode } from './vocab';
export { drawTeacher } from './teacher';
export { DETAIL_LEVELS };
export { drawText, drawTextSequences } from './textStream';

export const DATASETS: readonly DatasetName[] = DATASET_NAMES;

const DEFAULT_CONTEXT = 3;
/** the held-out share of the fixed sets (the 2D sets, the corpus, the own text) unless told otherwise */
export const DEFAULT_TEST_FRACTION = 0.2;
const MAX_CONTEXT = 64;
/** detail 1 is the shapes as they were before the setting existed (older links) */
const DEFAULT_DETAIL = 1;

export function makeDataset(opts: DatasetOptions): Dataset {
  const { name, size, noise, seed } = opts;
  const context = opts.context ?? DEFAULT_CONTEXT;
  const testFraction = opts.testFraction ?? DEFAULT_TEST_FRACTION;
  if (!DATASETS.includes(name)) throw new RangeError(`makeDataset: unknown dataset ${JSON.stringify(name)}`);
  if (!Number.isInteger(seed)) throw new RangeError(`makeDataset: seed must be an integer, got ${seed}`);
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`makeDataset: testFraction must be in (0, 1), got ${testFraction}`);
  }
  if (name === 'teacher') {
    const { inputDim, teacherExperts } = opts;
    if (inputDim === undefined || teacherExperts === undefined) {
      throw new RangeError('makeDataset: the teacher task needs inputDim and teacherExperts');
    }
    return makeTeacher(seed, { inputDim, experts: teacherExperts });
  }
  if (isTextDataset(name)) {
    if (!Number.isInteger(context) || context < 1 || context > MAX_CONTEXT) {
      throw new RangeError(`makeDataset: context must be an integer in 1..${MAX_CONTEXT}, got ${context}`);
    }
    if (name === 'own') {
      if (opts.ownText === undefined) throw new RangeError('makeDataset: the own text task needs its text');
      return makeOwnText(opts.ownText, seed, context, testFraction);
    }
    return name === 'text' ? makeStreamedText(seed, context) : makeText(context, testFraction);
  }
  if (!Number.isInteger(size) || size < 2) {
    throw new RangeError(`makeDataset: size must be an integer ≥ 2, got ${size}`);
  }
  if (!(noise >= 0 && noise <= 1)) throw new RangeError(`makeDataset: noise must be in [0, 1], got ${noise}`);
  const detail = opts.detail ?? DEFAULT_DETAIL;
  if (!Number.isInteger(detail) || detail < 1 || detail > DETAIL_LEVELS) {
    throw new RangeError(`makeDataset: detail must be an integer in 1..${DETAIL_LEVELS}, got ${detail}`);
  }
  return makePoints(name, size, noise, seed, testFraction, detail);
}
