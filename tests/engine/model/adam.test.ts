// @vitest-environment node
// Adam with moments per weight name: the same updates as tf.train.adam, in JavaScript on
// wasm/cpu and as tfjs ops elsewhere, and moments that stay with their weight when the set of
// gradients changes.

import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../../../src/engine/model/adam';
import { tf } from '../../../src/engine/model/tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let serial = 0;
/** two weights and a loss with different curvature per entry, so the moments matter */
function problem(seed: number) {
  const id = `adam-test-${serial++}`;
  const [a, b] = tf.tidy(() => [
    tf.variable(tf.tensor2d([[0.5, -1.5, 2], [1, 0.25, -0.75]]), true, `${id}/a`),
    tf.variable(tf.tensor1d([seed, -seed / 2, 0.1]), true, `${id}/b`),
  ]);
  const target = tf.tensor1d([1, -2, 0.5]);
  const loss = (useA = true, useB = true) => {
    let total = tf.scalar(0);
    if (useA) total = tf.add(total, tf.sum(tf.mul(tf.square(tf.sub(a, 0.3)), tf.tensor2d([[1, 4, 9], [0.5, 2, 16]]))));
    if (useB) total = tf.add(total, tf.sum(tf.pow(tf.sub(b, target), 4)));
    return total as tf.Scalar;
  };
  return { a, b, loss, dispose: () => tf.dispose([a, b, target]) };
}

function run(opt: { apply: (p: ReturnType<typeof problem>, g: Record<string, tf.Tensor>) => void }, steps: number) {
  const p = problem(2);
  for (let i = 0; i < steps; i++) {
    const { value, grads } = tf.variableGrads(() => p.loss(), [p.a, p.b]);
    opt.apply(p, grads);
    tf.dispose([value, ...Object.values(grads)]);
  }
  const out = [...p.a.dataSync(), ...p.b.dataSync()];
  p.dispose();
  return out;
}

describe('Adam', () => {
  it('matches tf.train.adam in memory and as tfjs ops', () => {
    const reference = tf.train.adam(0.05, 0.9, 0.999, 1e-7);
    const want = run({ apply: (_, g) => reference.applyGradients(g as tf.NamedTensorMap as Record<string, tf.Variable>) }, 40);
    reference.dispose();
    for (const inMemory of [true, false]) {
      const adam = new Adam(inMemory, { lr: 0.05 }, 0.9, 0.999, 1e-7);
      const got = run({ apply: (p, g) => adam.apply([p.a, p.b], g) }, 40);
      // tfjs rounds every intermediate to float32; this loop keeps them in float64
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(2e-5 * Math.max(1, Math.abs(want[i])));
      adam.dispose();
    }
  });

  it('keeps each weight its own moments when the set of gradients changes', () => {
    // a learns alone for 5 steps, then b joins: a's trajectory must not notice
    const alone = new Adam(true, { lr: 0.05 });
    const pAlone = problem(1);
    const joined = new Adam(true, { lr: 0.05 });
    const pJoined = problem(1);
    for (let i = 0; i < 10; i++) {
      for (const [adam, p, withB] of [[alone, pAlone, false], [joined, pJoined, i >= 5]] as const) {
        // b ahead of a: a list-position scheme (tf.train.adam's) would hand a's moments to b
        const { value, grads } = tf.variableGrads(() => p.loss(true, withB), withB ? [p.b, p.a] : [p.a]);
        adam.apply([p.b, p.a], grads);
        tf.dispose([value, ...Object.values(grads)]);
      }
    }
    expect([...pJoined.a.dataSync()]).toEqual([...pAlone.a.dataSync()]);
    expect([...pJoined.b.dataSync()]).not.toEqual([...pAlone.b.dataSync()]);
    pAlone.dispose();
    pJoined.dispose();
    alone.dispose();
    joined.dispose();
  });

  it('takes a new learning rate at the next update and leaves no tensors behind', () => {
    const p = problem(3);
    const before = tf.memory().numTensors;
    const settings = { lr: 0.1 };
    const adam = new Adam(false, settings);
    const step = () => {
      const { value, grads } = tf.variableGrads(() => p.loss(), [p.a, p.b]);
      adam.apply([p.a, p.b], grads);
      tf.dispose([value, ...Object.values(grads)]);
    };
    step();
    const mid = tf.memory().numTensors;
    step();
    expect(tf.memory().numTensors).toBe(mid);
    const x = p.a.dataSync()[0];
    settings.lr = 0; // read at the update, not copied when built
    step();
    expect(p.a.dataSync()[0]).toBe(x);
    expect(adam.iterations).toBe(3);
    adam.dispose();
    expect(tf.memory().numTensors).toBe(before);
    p.dispose();
  });
});
