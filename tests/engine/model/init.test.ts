// Initial weights: drawn per name (and per expert) from link version 5, so two runs that differ in
// E or elsewhere start equal where their shapes agree; in one stream for older links, exactly as
// they were drawn before.

import { beforeAll, describe, expect, it } from 'vitest';
import { Initializer, weightSeed } from '../../../src/engine/model/init';
import { tf } from '../../../src/engine/model/tf';
import { mulberry32, normal } from '../../../src/engine/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const values = (v: tf.Variable) => {
  const out = v.dataSync() as Float32Array;
  v.dispose();
  return Array.from(out);
};

describe('initial weights', () => {
  it("'stream' draws every weight from one generator in build order, as links before v5 did", () => {
    const init = new Initializer(7, 'stream');
    const a = values(init.normal([2, 3], 0.5, 'router', 'last-axis'));
    const b = values(init.he([2, 2], 4, 'experts.w1', 'first-axis'));
    const rand = mulberry32(7);
    const expected = Array.from({ length: 10 }, (_, i) => Math.fround(normal(rand) * (i < 6 ? 0.5 : Math.sqrt(2 / 4))));
    expect([...a, ...b]).toEqual(expected);
  });

  it("'by-name' draws a weight from (seed, name), whatever was built before it", () => {
    const first = values(new Initializer(3).normal([4, 2], 1, 'head.w'));
    const other = new Initializer(3);
    values(other.normal([5, 5], 1, 'input.w'));
    expect(values(other.normal([4, 2], 1, 'head.w'))).toEqual(first);
    // by hand: the first number is the first draw of the weight's own generator
    expect(first[0]).toBe(Math.fround(normal(mulberry32(weightSeed(3, 'head.w')))));
    // another seed or another name draws other numbers
    expect(values(new Initializer(4).normal([4, 2], 1, 'head.w'))).not.toEqual(first);
    expect(values(new Initializer(3).normal([4, 2], 1, 'head.b'))).not.toEqual(first);
  });

  it('gives expert e the same slice with 8 experts as with 16: the router by column, the experts by their first axis', () => {
    const [d, h] = [3, 5];
    const router8 = values(new Initializer(1).normal([d, 8], 1, 'router', 'last-axis'));
    const router16 = values(new Initializer(1).normal([d, 16], 1, 'router', 'last-axis'));
    for (let i = 0; i < d; i++) expect(router16.slice(i * 16, i * 16 + 8)).toEqual(router8.slice(i * 8, i * 8 + 8));
    // the new experts' columns are their own draws, not a repeat
    expect(router16.slice(8, 16)).not.toEqual(router16.slice(0, 8));
    const w8 = values(new Initializer(1).he([8, d, h], d, 'experts.w1', 'first-axis'));
    const w16 = values(new Initializer(1).he([16, d, h], d, 'experts.w1', 'first-axis'));
    expect(w16.slice(0, 8 * d * h)).toEqual(w8);
  });
});
