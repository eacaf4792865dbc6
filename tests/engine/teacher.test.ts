// @vitest-environment node
// The teacher task's data: a seeded teacher MoE, calibrated to equal shares, labelling fresh
// Gaussian inputs by sampling, with a held-out set no training draw repeats.

import { describe, expect, it } from 'vitest';
import { drawTeacher, makeDataset, type TeacherData } from '../../src/engine/datasets';
import {
  calibrate,
  labelProbabilities,
  makeTeacher,
  sampleClass,
  TEACHER_CLASSES,
  TEACHER_TEST_SIZE,
  teacherLogits,
  teacherShares,
} from '../../src/engine/datasets/teacher';
import { mulberry32, normal } from '../../src/engine/rng';

const makeTeacherOf = (seed: number, inputDim: number, experts: number) => makeTeacher(seed, { inputDim, experts });

// the shape of version 2's teacher task, which these cases were worked out on
const TEACHER_INPUT_DIM = 8;
const TEACHER_EXPERTS = 8;

function teacher(seed: number): TeacherData {
  const data = makeDataset({ name: 'teacher', size: 0, noise: 0, seed, inputDim: TEACHER_INPUT_DIM, teacherExperts: TEACHER_EXPERTS });
  if (data.kind !== 'teacher') throw new Error('not the teacher');
  return data;
}

const gaussian = (n: number, seed: number) => {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n * TEACHER_INPUT_DIM }, () => normal(r));
};

describe('teacher data', () => {
  it('has the shape it is given and a 4,096-example held-out set', () => {
    const d = teacher(1);
    expect([d.inputDim, d.classes, d.experts]).toEqual([TEACHER_INPUT_DIM, TEACHER_CLASSES, TEACHER_EXPERTS]);
    expect([d.inputDim, d.classes, d.experts, TEACHER_TEST_SIZE]).toEqual([8, 8, 8, 4096]);
    expect(d.test.x.length).toBe(4096 * 8);
    expect(d.test.y.length).toBe(4096);
    expect(d.test.expert.length).toBe(4096);
    expect(Math.max(...d.test.y)).toBeLessThan(8);
    expect(Math.max(...d.test.expert)).toBeLessThan(8);
  });

  it('takes its input dimension and number of experts as settings, and refuses impossible ones', () => {
    for (const [inputDim, teacherExperts] of [[2, 4], [16, 8], [3, 32]]) {
      const d = makeDataset({ name: 'teacher', size: 0, noise: 0, seed: 2, inputDim, teacherExperts });
      if (d.kind !== 'teacher') throw new Error('not the teacher');
      expect([d.inputDim, d.experts, d.net.router.length, d.net.inW[0].length]).toEqual([inputDim, teacherExperts, inputDim * teacherExperts, inputDim * 16]);
      expect(d.test.x.length).toBe(4096 * inputDim);
      expect(Math.max(...d.test.expert)).toBe(teacherExperts - 1);
    }
    // the 8 × 8 teacher of version 2 links is drawn as it was before the shape became a setting
    // (a fingerprint taken with that code): its router, biases, first inputs and labels
    const v2 = makeTeacherOf(1, 8, 8);
    let h = 0;
    for (const v of [...v2.net.router, ...v2.net.routerBias, ...v2.test.x.subarray(0, 64)]) h = (h * 31 + Math.round(v * 1e6)) | 0;
    expect(h).toBe(1652670971);
    expect(Array.from(v2.test.y.subarray(0, 12))).toEqual([1, 4, 4, 2, 1, 0, 7, 6, 4, 0, 5, 0]);
    expect(() => makeDataset({ name: 'teacher', size: 0, noise: 0, seed: 1, inputDim: 0, teacherExperts: 8 })).toThrow(RangeError);
    expect(() => makeDataset({ name: 'teacher', size: 0, noise: 0, seed: 1, inputDim: 8, teacherExperts: 256 })).toThrow(RangeError);
    expect(() => makeDataset({ name: 'teacher', size: 0, noise: 0, seed: 1 })).toThrow(/needs inputDim/);
  });

  it('is reproducible byte for byte from its seed, and two seeds differ', () => {
    const a = teacher(3);
    const b = teacher(3);
    expect(b.net).toEqual(a.net);
    expect(Buffer.from(b.test.x.buffer)).toEqual(Buffer.from(a.test.x.buffer));
    expect(b.test.y).toEqual(a.test.y);
    expect(b.test.expert).toEqual(a.test.expert);
    expect(drawTeacher(b.net, 64, mulberry32(9))).toEqual(drawTeacher(a.net, 64, mulberry32(9)));
    const c = teacher(4);
    expect(c.net.router).not.toEqual(a.net.router);
    expect(c.test.x).not.toEqual(a.test.x);
  });

  it('streams fresh, different batches from one generator', () => {
    const d = teacher(1);
    const rand = mulberry32(77);
    const first = drawTeacher(d.net, 32, rand);
    const second = drawTeacher(d.net, 32, rand);
    expect(second.x).not.toEqual(first.x);
    for (const v of first.x) expect(Number.isFinite(v)).toBe(true);
  });

  it('never repeats a held-out input in a few thousand training draws', () => {
    const d = teacher(2);
    const held = new Set<string>();
    for (let i = 0; i < d.test.y.length; i++) held.add(d.test.x.subarray(i * 8, i * 8 + 8).join(','));
    // the trainer's stream: its own generator, as createTrainer seeds it
    const train = drawTeacher(d.net, 4096, mulberry32(2 ^ 0x2545f491));
    for (let i = 0; i < 4096; i++) expect(held.has(train.x.subarray(i * 8, i * 8 + 8).join(','))).toBe(false);
  });

  it('calibrates every teacher expert to within 2 points of 1/8 on fresh inputs, for several seeds', () => {
    for (const seed of [1, 2, 3, 4, 5, 11, 42]) {
      const shares = teacherShares(teacher(seed).net, gaussian(8192, seed + 100));
      for (const s of shares) expect(Math.abs(s - 1 / 8)).toBeLessThan(0.02);
    }
  });

  it('calibration repairs a badly skewed router', () => {
    const net = structuredClone(teacher(1).net);
    net.routerBias.set([3, -3, 2, -2, 1, -1, 0, 0]);
    const before = teacherShares(net, gaussian(4096, 5));
    expect(Math.max(...before.map((s) => Math.abs(s - 1 / 8)))).toBeGreaterThan(0.1);
    calibrate(net, mulberry32(6));
    for (const s of teacherShares(net, gaussian(8192, 7))) expect(Math.abs(s - 1 / 8)).toBeLessThan(0.02);
  });

  it('samples labels: one input gets different labels, in the proportions of the tempered softmax', () => {
    const d = teacher(1);
    const x = gaussian(64, 3);
    // the input whose label is least certain
    let best = 0;
    let bestTop = 1;
    const logits = new Float64Array(8);
    for (let i = 0; i < 64; i++) {
      teacherLogits(d.net, x, i * 8, logits);
      const top = Math.max(...labelProbabilities(logits));
      if (top < bestTop) [best, bestTop] = [i, top];
    }
    const one = x.slice(best * 8, best * 8 + 8);
    teacherLogits(d.net, one, 0, logits);
    const p = labelProbabilities(logits);
    const n = 20000;
    // drawTeacher draws its own inputs: label this one with its sampler, many times
    const counts = new Array<number>(8).fill(0);
    const rand = mulberry32(8);
    for (let i = 0; i < n; i++) counts[sampleClass(p, rand)]++;
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
    counts.forEach((c, k) => expect(Math.abs(c / n - p[k])).toBeLessThan(4 * Math.sqrt((p[k] * (1 - p[k])) / n) + 1e-3));
  });

  it('labels the held-out set by sampling, not by the argmax: as often right as the softmax says', () => {
    const d = teacher(1);
    const logits = new Float64Array(8);
    let argmaxHits = 0;
    let expected = 0;
    for (let i = 0; i < d.test.y.length; i++) {
      const e = teacherLogits(d.net, d.test.x, i * 8, logits);
      expect(d.test.expert[i]).toBe(e);
      const p = labelProbabilities(logits);
      const top = p.indexOf(Math.max(...p));
      if (d.test.y[i] === top) argmaxHits++;
      expected += p[top];
    }
    const n = d.test.y.length;
    expect(argmaxHits).toBeLessThan(n);
    expect(Math.abs(argmaxHits - expected) / n).toBeLessThan(0.03);
  });

  it('writes the label distribution into a reused buffer, the same numbers as a fresh one', () => {
    const logits = Float64Array.from([0.3, -1.2, 2.5, 0, 0.7, -0.4, 1.1, 0.2]);
    const fresh = labelProbabilities(logits);
    const reused = new Float64Array(8).fill(7);
    expect(labelProbabilities(logits, reused)).toBe(reused);
    expect(Array.from(reused)).toEqual(Array.from(fresh));
    // by hand: a softmax, summing to 1, largest where the logit is
    expect(reused.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(reused.indexOf(Math.max(...reused))).toBe(2);
  });
});
