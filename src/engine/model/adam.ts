// Adam (Kingma & Ba 2015) with its moments kept per weight name.
// tf.train.adam keeps them by position in the list of gradients, so when a live setting
// changes which weights get a gradient (switching to noisy top-k adds the noise weights) the
// moments slide onto the wrong weights, and training stops on a shape error.
// On wasm and cpu, where tensor data is plain memory, the update runs as one JavaScript loop
// per weight (a read of the gradient and the weight, one upload) instead of fourteen tfjs ops
// per weight; on WebGL and WebGPU, where a read-back would stall the GPU, it runs as tfjs ops.
// Both paths compute the same formula; the moments start at zero for a weight first seen.

import { copiesOnUpload, viewOf } from './backend';
import { tf } from './tf';

interface InMemory {
  m: Float32Array;
  v: Float32Array;
  /** the weight's values as last assigned here (wasm), and the data they were assigned as */
  value?: Float32Array;
  dataId?: object;
}

type Moments = InMemory | { m: tf.Variable; v: tf.Variable };

function zerosVariable(shape: number[]): tf.Variable {
  const zeros = tf.zeros(shape);
  const v = tf.variable(zeros, false);
  zeros.dispose();
  return v;
}

/** The live settings of an update, read at every step (the trainer passes its config). */
export interface AdamSettings {
  readonly lr: number;
}

export class Adam {
  private readonly moments = new Map<string, Moments>();
  private t = 0;

  /**
   * `inMemory`: update in JavaScript (backend.ts keepsTensorsInMemory). `settings` is read at
   * every update, not copied, so a setting changed live has one home: the object passed here.
   */
  constructor(
    readonly inMemory: boolean,
    readonly settings: AdamSettings,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {}

  /** steps taken */
  get iterations(): number {
    return this.t;
  }

  /** One update of every weight that has a gradient; the gradients are left to the caller. */
  apply(variables: readonly tf.Variable[], grads: Record<string, tf.Tensor>): void {
    this.t++;
    const { beta1, beta2, epsilon } = this;
    // tf.train.adam's formula with its bias corrections: w −= lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε);
    // a weight first seen late (noise weights after a switch) starts from zero moments at this t
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    const step = this.settings.lr / c1;
    for (const w of variables) {
      const g = grads[w.name];
      if (!g) continue;
      if (this.inMemory) this.updateInMemory(w, g, step, Math.sqrt(c2), epsilon);
      else this.updateWithOps(w, g, step, Math.sqrt(c2), epsilon);
    }
  }

  /** w −= (lr/c1)·m / (√v/√c2 + ε), in float64 per element, stored as float32 */
  private updateInMemory(w: tf.Variable, grad: tf.Tensor, step: number, sqrtC2: number, eps: number): void {
    const state = this.momentsOf(w) as InMemory;
    // the weight as this optimiser left it, unless something else assigned it since
    const value = state.value && state.dataId === w.dataId ? state.value : (w.dataSync() as Float32Array).slice();
    const g = viewOf(grad) ?? (grad.dataSync() as Float32Array); // read before the next tensor is made
    const { m, v } = state;
    const { beta1, beta2 } = this;
    const [c1, c2, inv] = [1 - beta1, 1 - beta2, 1 / sqrtC2];
    for (let i = 0; i < value.length; i++) {
      const gi = g[i];
      const mi = beta1 * m[i] + c1 * gi;
      const vi = beta2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      value[i] -= (step * mi) / (Math.sqrt(vi) * inv + eps);
    }
    const next = tf.tensor(value, w.shape, 'float32');
    w.assign(next);
    next.dispose();
    // wasm copies the array into its heap, so it can be updated in place next time; cpu keeps it
    state.value = copiesOnUpload(tf.getBackend()) ? value : undefined;
    state.dataId = w.dataId;
  }

  private updateWithOps(w: tf.Variable, g: tf.Tensor, step: number, sqrtC2: number, eps: number): void {
    const { m, v } = this.momentsOf(w) as { m: tf.Variable; v: tf.Variable };
    const { beta1, beta2 } = this;
    tf.tidy(() => {
      const mNext = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
      const vNext = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
      m.assign(mNext);
      v.assign(vNext);
      w.assign(tf.sub(w, tf.div(tf.mul(mNext, step), tf.add(tf.div(tf.sqrt(vNext), sqrtC2), eps))));
    });
  }

  private momentsOf(w: tf.Variable): Moments {
    let state = this.moments.get(w.name);
    if (!state) {
      state = this.inMemory
        ? { m: new Float32Array(w.size), v: new Float32Array(w.size) }
        : { m: zerosVariable(w.shape), v: zerosVariable(w.shape) };
      this.moments.set(w.name, state);
    }
    return state;
  }

  private disposeState(state: Moments): void {
    if (!(state.m instanceof Float32Array)) state.m.dispose();
    if (!(state.v instanceof Float32Array)) state.v.dispose();
  }

  dispose(): void {
    for (const state of this.moments.values()) this.disposeState(state);
    this.moments.clear();
  }
}
