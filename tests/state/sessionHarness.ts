// A training session without a browser: fake workers record what the page sends and let a test
// answer as the trainer worker (FromWorker) or the backend probe (FromProbe) would.

import { schemaDefaults, type MoeConfig } from '../../src/state/schema';
import { TrainingSession } from '../../src/state/training.svelte';
import type { FromProbe, FromWorker, ToWorker } from '../../src/worker/protocol';

export class FakeWorker {
  posted: unknown[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: unknown): void {
    this.posted.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(msg: FromWorker | FromProbe): void {
    this.onmessage?.({ data: msg } as MessageEvent);
  }
  types(): string[] {
    return (this.posted as ToWorker[]).map((m) => m.type ?? 'probe');
  }
  /** the messages of one type the page sent, oldest first */
  sent<T extends ToWorker['type']>(type: T): Extract<ToWorker, { type: T }>[] {
    return (this.posted as ToWorker[]).filter((m): m is Extract<ToWorker, { type: T }> => m.type === type);
  }
}

export function harness(config: Partial<MoeConfig> = {}) {
  const trainers: FakeWorker[] = [];
  const probes: FakeWorker[] = [];
  const make = (list: FakeWorker[]) => () => {
    const w = new FakeWorker();
    list.push(w);
    return w as unknown as Worker;
  };
  const session = new TrainingSession({ ...schemaDefaults(), ...config }, { trainer: make(trainers), probe: make(probes) });
  return { session, trainers, probes };
}

export const ready: Extract<FromWorker, { type: 'ready' }> = { type: 'ready', backend: 'wasm', note: 'auto: wasm', thread: 'DedicatedWorkerGlobalScope', data: { kind: 'points', classes: 3 }, fellBack: false };
