// The headless trainer: the same code runs in the Web Worker and in Node (tests, benchmarks).
// One step = sample a batch, forward with route() in the loop, Adam on task + α·balance + β·z,
// then the aux-loss-free bias update for deepseek. Two readbacks per step: the router logits
// (route() needs them) and the class logits (wasm, cpu: the task loss is computed from them
// in JavaScript) or, on the GPU backends, the task loss with accuracy and predictions.

import type { Dataset } from '../datasets';
import { drawsPlane, isLiveKey } from '../config';
import { updateBias } from './lossValues';
import { mulberry32, normal } from '../rng';
import { needs } from '../routing/traits';
import type { RouteMode, Routing } from '../routing/types';
import { Adam } from './adam';
import { taskLossFromValues, type TaskLossJs } from './jsLoss';
import { ensureBackend, keepsTensorsInMemory } from './backend';
import { effectiveSizes, routeSettings, type MoeConfig } from './config';
import { Initializer } from './init';
import type { ExpertPath } from './layer';
import { moeBlock } from './multiHead';
import { partitionGrid, type PartitionGridData } from './partition';
import { countChoices, routingMetrics } from './metrics';
import { Network, taskLoss, type Batch } from './network';
import { datasetOf, evalExamples, networkShape, trainingBatch } from './trainingData';
import { heldOutBatches } from './sequences';
import { LoadWindow } from './balanceWindow';
import { tf } from './tf';
import type { EvalMetrics, LiveKey, StepMetrics, StepView, Trainer } from './trainerApi';

const ADAM_EPSILON = 1e-7; // on every backend (tfjs's default is the backend's epsilon: 1e-4 on float16 WebGL)

/** the training batches' seed stream is mulberry32(seed ^ this): bench/textBaseline.ts replays it */
export const BATCH_SALT = 0x2545f491;

export async function createTrainer(config: MoeConfig, opts: { backend?: string } = {}): Promise<Trainer> {
  const backend = await ensureBackend(opts.backend ?? 'cpu');
  return new MoeTrainer({ ...config }, backend);
}

class MoeTrainer implements Trainer {
  readonly data: Dataset;
  steps = 0;
  last: StepView | null = null;
  private net: Network;
  private optimizer: Adam;
  private bias: Float32Array;
  private batchRand: () => number;
  private noiseRand: () => number;
  /** the global balance loss's last steps' counts (balanceWindow.ts) */
  private loadWindow = new LoadWindow();

  constructor(
    readonly config: MoeConfig,
    readonly backend: string,
  ) {
    const c = config;
    this.data = datasetOf(c);
    const { E, h } = effectiveSizes(c);
    const init = new Initializer(c.seed, c.weightInit);
    const layer = moeBlock(init, { E, d: c.d, h, shared: c.sharedExperts, sharedGate: c.sharedGate, noiseScale: c.routerNoise, routerKind: c.routerKind }, c.heads);
    this.net = new Network(init, networkShape(this.data, c.d), layer);
    // the optimiser reads the live config at every step (lr), as the step does
    this.optimizer = new Adam(keepsTensorsInMemory(backend), c, 0.9, 0.999, ADAM_EPSILON);
    this.bias = new Float32Array(E);
    this.batchRand = mulberry32(c.seed ^ BATCH_SALT);
    this.noiseRand = mulberry32(c.seed ^ 0x9e3779b1);
  }

  set<K extends LiveKey>(key: K, value: MoeConfig[K]): void {
    // a setting read only when the model is built would silently do nothing here
    if (!isLiveKey(key)) throw new RangeError(`${String(key)} is not a live setting: it needs a new model`);
    this.config[key] = value;
  }

  /** The batch the next step trains on; a preview draws it early and leaves it for that step. */
  private upcoming: Batch | null = null;

  private upcomingBatch(): Batch {
    const c = this.config;
    if (!this.upcoming || this.upcoming.T !== c.tokens) this.upcoming = trainingBatch(this.data, c.tokens, this.batchRand, c.seqLen);
    return this.upcoming;
  }

  private takeBatch(): Batch {
    const batch = this.upcomingBatch();
    this.upcoming = null;
    return batch;
  }

  /**
   * The model as it stands on the batch the next step will train on, without training: step 0
   * drawn on load. The batch is kept for that step, so a preview leaves the trajectory as it
   * was. Noisy top-k is shown with zero noise draws (the clean router): drawing noise here
   * would shift every later draw.
   */
  preview(): StepMetrics {
    const c = this.config;
    const batch = this.upcomingBatch();
    const settings = this.cleanSettings(batch.T, c.capacityFactor);
    let view: StepView | undefined;
    let task: { value: number; accuracy: number } | undefined;
    tf.tidy(() => {
      const { logits, layer } = this.net.forward(batch, settings);
      const t = taskLossFromValues(logits, logits.dataSync() as Float32Array, batch.labels);
      task = t;
      view = { batch, routing: layer.routing, logits: layer.logits, predicted: t.predicted, bias: settings.bias && Float32Array.from(settings.bias), losses: layer.values };
    });
    const r = view!.routing;
    this.last = view!;
    return {
      step: this.steps,
      taskLoss: task!.value,
      accuracy: task!.accuracy,
      // the loss of the chosen variant; 'aux' as it always was, from the routing alone
      ...routingMetrics(r, view!.logits, c.balanceType === 'aux' ? {} : { balance: view!.losses!.balance }),
      load: r.load,
      kept: r.kept,
      capacity: r.capacity,
    };
  }

  /** The bias that steers selection, for the schemes that keep one (DeepSeek-V3). */
  private selectionBias(): Float32Array | undefined {
    return needs(this.config.scheme, 'selection-bias') ? this.bias : undefined;
  }

  private noiseDraws(T: number, E: number): Float32Array | undefined {
    if (!needs(this.config.scheme, 'noise')) return undefined;
    return Float32Array.from({ length: T * E }, () => normal(this.noiseRand));
  }

  async step(): Promise<StepMetrics> {
    const c = this.config;
    const batch = this.takeBatch();
    const { E } = effectiveSizes(c);
    const settings = {
      ...routeSettings(c, c.capacityFactor),
      bias: this.selectionBias(),
      noiseDraws: this.noiseDraws(batch.T * c.heads, E), // one draw per sub-token (MH-MoE)
      balanceWindow: this.loadWindow.before(c.globalWindow),
      auxCoefs: { balance: c.balanceCoef, z: c.zLossCoef, device: c.deviceBalanceCoef },
    };

    let view: StepView | null = null;
    let scalars: tf.Tensor | null = null;
    let task: TaskLossJs | null = null;
    let nonFinite: string | undefined;
    try {
      const { value, grads } = tf.variableGrads(() => {
        const { logits, layer } = this.net.forward(batch, settings);
        view = {
          batch,
          routing: layer.routing,
          logits: layer.logits,
          predicted: new Int32Array(0),
          bias: settings.bias && Float32Array.from(settings.bias),
          losses: layer.values,
        };
        let total: tf.Scalar;
        if (keepsTensorsInMemory(this.backend)) {
          // reads are cheap here: the task loss, its gradient, the accuracy and the predictions
          // in one pass over the class logits
          task = taskLossFromValues(logits, logits.dataSync() as Float32Array, batch.labels);
          total = task.loss;
        } else {
          const t = taskLoss(logits, batch.labels);
          // one readback for the loss, the accuracy and the predictions
          const predicted = tf.cast(tf.argMax(logits, 1), 'float32');
          scalars = tf.keep(tf.concat([tf.stack([t.loss, t.accuracy]), predicted]));
          total = t.loss;
        }
        return layer.aux ? (tf.add(total, layer.aux) as tf.Scalar) : total;
      });
      let loss: number;
      let accuracy: number;
      if (task) {
        ({ value: loss, accuracy } = task as TaskLossJs);
        (view as unknown as StepView).predicted = (task as TaskLossJs).predicted;
      } else {
        const read = (scalars as unknown as tf.Tensor).dataSync();
        [loss, accuracy] = read;
        (view as unknown as StepView).predicted = Int32Array.from(read.subarray(2));
      }
      if (Number.isFinite(loss)) this.optimizer.apply(this.net.variables, grads);
      else nonFinite = `the task loss is ${loss} at step ${this.steps + 1}`;
      tf.dispose([value, scalars as unknown as tf.Tensor, ...Object.values(grads)]);
      return this.finishStep(view!, loss, accuracy, nonFinite);
    } catch (err) {
      tf.dispose(scalars as unknown as tf.Tensor);
      // route() rejects non-finite logits: the weights have diverged
      if (err instanceof RangeError && /finite/.test(err.message)) {
        return this.divergedMetrics(`router logits stopped being finite at step ${this.steps + 1} (${err.message})`);
      }
      throw err;
    }
  }

  private finishStep(view: StepView, loss: number, accuracy: number, nonFinite?: string): StepMetrics {
    const r = view.routing;
    if (!nonFinite) {
      this.steps++;
      this.loadWindow.push(r.load, r.T);
      if (needs(this.config.scheme, 'selection-bias')) this.bias = updateBias(this.bias, r.load, this.config.biasRate);
    }
    this.last = view;
    return {
      step: this.steps,
      taskLoss: loss,
      accuracy,
      ...routingMetrics(r, view.logits, view.losses),
      load: r.load,
      kept: r.kept,
      capacity: r.capacity,
      nonFinite,
    };
  }

  private divergedMetrics(why: string): StepMetrics {
    const E = effectiveSizes(this.config).E;
    return {
      step: this.steps,
      taskLoss: NaN,
      accuracy: NaN,
      balanceLoss: NaN,
      zLoss: NaN,
      dropRate: NaN,
      entropy: NaN,
      load: new Int32Array(E),
      kept: new Int32Array(E),
      capacity: null,
      nonFinite: why,
    };
  }

  /**
   * Route settings for a pass that trains nothing (preview, evaluation, grids): the current
   * bias, and for noisy top-k the learned noise scale with zero draws, the clean router.
   */
  private cleanSettings(T: number, capacityFactor: number | null, mode: RouteMode = 'train') {
    const { E } = effectiveSizes(this.config);
    return {
      ...routeSettings(this.config, capacityFactor),
      mode,
      bias: this.selectionBias(),
      noiseDraws: needs(this.config.scheme, 'noise') ? new Float32Array(T * this.config.heads * E) : undefined,
      balanceWindow: this.loadWindow.before(this.config.globalWindow),
    };
  }

  forward(batch: Batch, path: ExpertPath = 'sparse', capacityFactor = this.config.capacityFactor, mode: RouteMode = 'train') {
    const settings = this.cleanSettings(batch.T, capacityFactor, mode);
    let result: { logits: Float32Array; routing: Routing } | undefined;
    tf.tidy(() => {
      const { logits, layer } = this.net.forward(batch, settings, path);
      result = { logits: logits.dataSync() as Float32Array, routing: layer.routing };
    });
    return result!;
  }

  partitionGrid(n: number, extent?: number): PartitionGridData | null {
    if (!drawsPlane(this.config)) return null;
    const teacher = this.data.kind === 'teacher' ? this.data.net : undefined;
    // the 2D sets span about [-1, 1]; the teacher's inputs are N(0, 1)
    const plane = extent ?? (teacher ? 2.5 : 1.25);
    // dropless and at inference: the map shows where the router sends each point, not which
    // batch filled an expert (nor, for sinkhorn and BASE, how the grid's points balance)
    return partitionGrid(n, plane, (batch) => this.forward(batch, 'sparse', null, 'eval'), teacher);
  }

  async evaluate(evalCapacityFactor: number | null = this.config.evalCapacityFactor): Promise<EvalMetrics> {
    let [lossSum, correct, choices, dropped, seen] = [0, 0, 0, 0, 0];
    // batches of the training size: expert choice and Soft MoE depend on the batch they see;
    // whole sequences where the batch has them
    for (const batch of heldOutBatches(this.data, this.config.tokens, this.config.seqLen, evalExamples(this.data))) {
      const T = batch.T;
      const settings = this.cleanSettings(T, evalCapacityFactor, 'eval');
      const stacked = tf.tidy(() => {
        const { logits, layer } = this.net.forward(batch, settings);
        const n = countChoices(layer.routing.experts, layer.routing.dropped);
        choices += n.choices;
        dropped += n.dropped;
        const t = taskLoss(logits, batch.labels);
        return tf.stack([t.loss, t.accuracy]);
      });
      const [loss, acc] = stacked.dataSync();
      stacked.dispose();
      lossSum += loss * T;
      correct += acc * T;
      seen += T;
    }
    return { taskLoss: lossSum / seen, accuracy: correct / seen, dropRate: choices ? dropped / choices : 0, examples: seen };
  }

  dispose(): void {
    this.net.dispose();
    this.optimizer.dispose();
  }
}
