// Seeded initial weights, drawn in JavaScript so every backend starts from the same numbers.

import { mulberry32, normal } from '../rng';
import { tf } from './tf';

let models = 0;

export class Initializer {
  private rand: () => number;
  /** tfjs variable names are global: each model gets its own prefix, so two can coexist */
  private readonly prefix = `moe${++models}/`;
  constructor(seed: number) {
    this.rand = mulberry32(seed);
  }

  /** Normal(0, std²) weights as a trainable variable. */
  normal(shape: number[], std: number, name: string): tf.Variable {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: size }, () => normal(this.rand) * std);
    // tf.variable does not free its initial value: build it inside tidy
    return tf.tidy(() => tf.variable(tf.tensor(values, shape), true, this.prefix + name));
  }

  /** He-style init for a layer with `fanIn` inputs feeding a ReLU. */
  he(shape: number[], fanIn: number, name: string): tf.Variable {
    return this.normal(shape, Math.sqrt(2 / fanIn), name);
  }

  constant(shape: number[], value: number, name: string): tf.Variable {
    return tf.tidy(() => tf.variable(tf.fill(shape, value), true, this.prefix + name));
  }
}
