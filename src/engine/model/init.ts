// Seeded initial weights, drawn in JavaScript so every backend starts from the same numbers.
//
// 'by-name' (links from version 5): each weight's numbers come from a generator seeded by the
// run's seed and the weight's name, and a weight with one slice per expert draws each expert's
// slice from (seed, name, expert). Two runs that differ elsewhere (E, the task, shared experts)
// so start with equal weights wherever the shapes agree: the router's column and the weights of
// expert e are the same in a run with 8 experts and one with 16. A/B comparisons rely on it.
// 'stream' (links before version 5): every weight from one generator in build order, so adding a
// weight or an expert shifted all that came after it.

import type { WeightInit } from '../config';
import { hashString, mulberry32, normal } from '../rng';
import { tf } from './tf';

let models = 0;

/** How a weight's numbers are split into independently seeded parts: whole, or one per expert. */
export type PerExpert = 'whole' | 'first-axis' | 'last-axis';

/** The seed of one weight (and one expert's slice of it) under 'by-name'. */
export function weightSeed(seed: number, name: string, expert?: number): number {
  return hashString(expert === undefined ? name : `${name}[${expert}]`, seed);
}

export class Initializer {
  private rand: () => number;
  /** tfjs variable names are global: each model gets its own prefix, so two can coexist */
  private readonly prefix = `moe${++models}/`;
  constructor(
    private readonly seed: number,
    private readonly seeding: WeightInit = 'by-name',
  ) {
    this.rand = mulberry32(seed);
  }

  /** Normal(0, std²) weights as a trainable variable; `perExpert` names the experts' axis. */
  normal(shape: number[], std: number, name: string, perExpert: PerExpert = 'whole'): tf.Variable {
    const values = this.draws(shape, std, name, perExpert);
    // tf.variable does not free its initial value: build it inside tidy
    return tf.tidy(() => tf.variable(tf.tensor(values, shape), true, this.prefix + name));
  }

  /** He-style init for a layer with `fanIn` inputs feeding a ReLU. */
  he(shape: number[], fanIn: number, name: string, perExpert: PerExpert = 'whole'): tf.Variable {
    return this.normal(shape, Math.sqrt(2 / fanIn), name, perExpert);
  }

  constant(shape: number[], value: number, name: string): tf.Variable {
    return tf.tidy(() => tf.variable(tf.fill(shape, value), true, this.prefix + name));
  }

  /** Normal(0, std²) draws in row-major order, from the generator(s) the seeding gives. */
  private draws(shape: number[], std: number, name: string, perExpert: PerExpert): Float32Array {
    const size = shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(size);
    if (this.seeding === 'stream') {
      for (let i = 0; i < size; i++) out[i] = normal(this.rand) * std;
      return out;
    }
    if (perExpert === 'whole') {
      const rand = mulberry32(weightSeed(this.seed, name));
      for (let i = 0; i < size; i++) out[i] = normal(rand) * std;
      return out;
    }
    // one generator per expert, filling that expert's slice in row-major order of the rest
    const E = perExpert === 'first-axis' ? shape[0] : shape[shape.length - 1];
    const per = size / E;
    for (let e = 0; e < E; e++) {
      const rand = mulberry32(weightSeed(this.seed, name, e));
      for (let j = 0; j < per; j++) out[perExpert === 'first-axis' ? e * per + j : j * E + e] = normal(rand) * std;
    }
    return out;
  }
}
