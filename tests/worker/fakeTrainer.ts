// Stand-ins for the trainer loop's surroundings: a clock that moves only when a step or a sleep
// moves it, a trainer that routes seeded logits instead of training, and a factory that can
// refuse backends. Each records what the loop asked of it.

import { DEFAULT_CONFIG, type BackendName, type MoeConfig } from '../../src/engine/config';
import type { Dataset } from '../../src/engine/datasets';
import { datasetOf } from '../../src/engine/model/trainingData';
import { randomLogits } from '../../src/engine/datasets/randomLogits';
import { effectiveSizes } from '../../src/engine/model/config';
import { routingMetrics } from '../../src/engine/model/metrics';
import type { Batch } from '../../src/engine/model/network';
import type { EvalMetrics, LiveKey, StepMetrics, StepView, Trainer } from '../../src/engine/model/trainerApi';
import { route } from '../../src/engine/routing/route';
import type { FromWorker } from '../../src/worker/protocol';
import type { LoopClock, TrainerFactory } from '../../src/worker/trainerLoop';
import { makeGrid } from '../components/fixtures';

/** Time moves only by steps (FakeTrainer) and sleeps; a sleep still yields to the event loop. */
export class FakeClock implements LoopClock {
  t = 1000;
  readonly sleeps: number[] = [];
  now = (): number => this.t;
  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.t += ms;
    return new Promise((resolve) => setImmediate(resolve));
  };
}

export interface FakeBehaviour {
  /** how long a step takes on the fake clock, ms */
  stepMs: number;
  /** the step (1-based) whose loss is not finite */
  nonFiniteAt?: number;
  /** the backend whose steps throw from this step on (a lost context) */
  breaks?: { backend: string; at: number };
}

export const tinyConfig = (extra: Partial<MoeConfig> = {}): MoeConfig => ({ ...DEFAULT_CONFIG, dataset: 'clusters', tokens: 16, experts: 4, dataSize: 200, ...extra });

export class FakeTrainer implements Trainer {
  steps = 0;
  last: StepView | null = null;
  disposed = false;
  evaluations = 0;
  readonly sets: [LiveKey, unknown][] = [];
  readonly data: Dataset;
  #config: MoeConfig;

  constructor(
    config: MoeConfig,
    readonly backend: string,
    readonly clock: FakeClock,
    readonly behaviour: FakeBehaviour,
  ) {
    this.#config = { ...config };
    this.data = datasetOf(config);
  }

  get config(): Readonly<MoeConfig> {
    return this.#config;
  }

  async step(): Promise<StepMetrics> {
    this.clock.t += this.behaviour.stepMs;
    const next = this.steps + 1;
    const breaks = this.behaviour.breaks;
    if (breaks && breaks.backend === this.backend && next >= breaks.at) throw new Error('context lost');
    if (next === this.behaviour.nonFiniteAt) return { ...this.#route(), taskLoss: NaN, nonFinite: `the task loss is NaN at step ${next}` };
    this.steps = next;
    return this.#route();
  }

  preview(): StepMetrics {
    return this.#route();
  }

  async evaluate(): Promise<EvalMetrics> {
    this.evaluations++;
    return { taskLoss: 1, accuracy: 0.5, dropRate: 0, examples: 256 };
  }

  set<K extends LiveKey>(key: K, value: MoeConfig[K]): void {
    this.sets.push([key, value]);
    const next = { ...this.#config };
    next[key] = value;
    this.#config = next;
  }

  forward(): never {
    throw new Error('the loop never runs a bare forward pass');
  }

  partitionGrid(n: number) {
    return this.data.kind === 'points' ? makeGrid(n, effectiveSizes(this.#config).E) : null;
  }

  dispose(): void {
    this.disposed = true;
  }

  /** This step's view and metrics: seeded logits routed at the current settings. */
  #route(): StepMetrics {
    const { E } = effectiveSizes(this.#config);
    const T = this.#config.tokens;
    const logits = randomLogits(T, E, this.#config.seed + this.steps);
    const routing = route(logits, T, E, { scheme: 'token-choice', k: this.#config.topK, capacityFactor: this.#config.capacityFactor });
    this.last = { batch: this.#batch(T), routing, logits, predicted: new Int32Array(T) };
    const loss = 1 / (1 + this.steps);
    return { step: this.steps, taskLoss: loss, accuracy: 1 - loss, ...routingMetrics(routing, logits), load: routing.load, kept: routing.kept, capacity: routing.capacity };
  }

  #batch(T: number): Batch {
    const ids = Int32Array.from({ length: T }, (_, t) => t);
    const labels = new Int32Array(T);
    const data = this.data;
    if (data.kind === 'text') return { T, labels, tokenIds: ids, domain: Uint8Array.from({ length: T }, (_, t) => t % data.domains.length) };
    return { T, labels, tokenIds: ids, points: new Float32Array(2 * T) };
  }
}

/** A factory of fake trainers; `cannotStart`: backends that throw when started. */
export function fakeFactory(clock: FakeClock, behaviour: Partial<FakeBehaviour> = {}, cannotStart: readonly string[] = []) {
  const started: BackendName[] = [];
  const trainers: FakeTrainer[] = [];
  const factory: TrainerFactory = {
    async startBackend(name) {
      if (cannotStart.includes(name)) throw new Error(`no ${name} here`);
      started.push(name);
    },
    async createTrainer(config, backend) {
      const t = new FakeTrainer(config, backend, clock, { stepMs: 5, ...behaviour });
      trainers.push(t);
      return t;
    },
  };
  return { factory, started, trainers, latest: () => trainers[trainers.length - 1] };
}

/** What the loop posted, in order, with helpers to read it. */
export class Outbox {
  readonly messages: FromWorker[] = [];
  readonly transfers: ArrayBuffer[][] = [];
  post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => {
    this.messages.push(message);
    this.transfers.push(transfer);
  };
  types(): string[] {
    return this.messages.map((m) => m.type);
  }
  of<T extends FromWorker['type']>(type: T): Extract<FromWorker, { type: T }>[] {
    return this.messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  }
  clear(): void {
    this.messages.length = 0;
    this.transfers.length = 0;
  }
}

/** Waits (a turn of the event loop at a time) until `ready` holds. */
export async function until(ready: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns && !ready(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!ready()) throw new Error('timed out waiting');
}
