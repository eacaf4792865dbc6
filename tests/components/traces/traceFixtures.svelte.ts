// A hand-built trace and a loader that opens traces handed to it, for the trace page's tests:
// no file is parsed here (the parsers have their own tests).

import type { TraceProblem } from '../../../src/engine/traces/problems';
import type { Trace } from '../../../src/engine/traces/types';
import type { TraceExampleId } from '../../../src/state/traces/examples';
import type { LoaderStatus } from '../../../src/state/traces/traceLoader.svelte';
import type { TraceLoaderLike } from '../../../src/state/traces/tracePage.svelte';

/**
 * 2 layers, E = 4, k = 2, 6 tokens with text. Layer 0 (with weights):
 *   t0 "The": 0 1 (.6 .4)   t1 " cat": 0 2 (.9 .1)   t2 " sat": 0 3 (.7 .3)
 *   t3 "\n":  0 2 (.5 .5)   t4 " on":  1 0 (.8 .2)   t5 " mat": 3 0 (.6 .4)
 * load 6, 2, 2, 2. Layer 1: t0 2 3, t1 1 2, t2 3 0, t3 2 1, t4 0 3, t5 1 2; load 2, 3, 4, 3.
 */
export function handTrace(over: Partial<Trace> = {}): Trace {
  return {
    source: 'playground',
    version: 1,
    model: 'Tiny-MoE',
    synthetic: true,
    description: 'six tokens by hand',
    layers: [
      {
        name: 'layers.0.gate',
        E: 4,
        k: 2,
        T: 6,
        experts: Int32Array.from([0, 1, 0, 2, 0, 3, 0, 2, 1, 0, 3, 0]),
        weights: Float32Array.from([0.6, 0.4, 0.9, 0.1, 0.7, 0.3, 0.5, 0.5, 0.8, 0.2, 0.6, 0.4]),
      },
      {
        name: 'layers.1.gate',
        E: 4,
        k: 2,
        T: 6,
        experts: Int32Array.from([2, 3, 1, 2, 3, 0, 2, 1, 0, 3, 1, 2]),
        weights: Float32Array.from([0.7, 0.3, 0.55, 0.45, 0.8, 0.2, 0.6, 0.4, 0.5, 0.5, 0.9, 0.1]),
      },
    ],
    tokens: { text: ['The', ' cat', ' sat', '\n', ' on', ' mat'], domain: Uint16Array.from([0, 0, 0, 1, 1, 1]), doc: Int32Array.from([0, 0, 0, 1, 1, 1]) },
    domains: ['poetry', 'code'],
    documents: ['a.txt', 'b.txt'],
    files: [{ name: 'tiny.jsonl', bytes: 2048 }],
    ...over,
  };
}

/** SGLang through its converter: per-expert counts of 2 layers over 2 steps, no tokens. */
export function countsTrace(): Trace {
  return {
    source: 'playground',
    version: 1,
    model: 'Counts-MoE',
    synthetic: true,
    layers: [],
    counts: [
      { layer: 0, E: 4, steps: Int32Array.from([0, 1]), counts: Float64Array.from([3, 1, 0, 2, 1, 1, 2, 2]) },
      { layer: 1, E: 4, steps: Int32Array.from([0, 1]), counts: Float64Array.from([0, 0, 5, 1, 2, 2, 1, 1]) },
    ],
    countLayers: ['0', '1'],
    files: [{ name: 'sglang.jsonl', bytes: 512 }],
  };
}

/** A loader whose opens resolve with what the test set: a trace per example id or per first file name, or problems. */
export class FakeTraceLoader implements TraceLoaderLike {
  status = $state<LoaderStatus>('idle');
  progress = $state<{ bytes: number; total: number }>({ bytes: 0, total: 0 });
  trace = $state.raw<Trace | null>(null);
  problems = $state.raw<TraceProblem[]>([]);
  opened: string[] = [];
  cancelled = 0;

  constructor(readonly answers: Record<string, Trace | TraceProblem[]> = {}) {}

  #answer(key: string): void {
    this.opened.push(key);
    const a = this.answers[key];
    if (a === undefined || Array.isArray(a)) {
      this.problems = a ?? [{ code: 'unknown', file: key }];
      this.status = 'failed';
    } else {
      this.trace = a;
      this.problems = [];
      this.status = 'ready';
    }
  }

  async open(files: readonly File[]): Promise<void> {
    this.#answer(files[0]?.name ?? '');
  }

  async openExample(id: TraceExampleId): Promise<void> {
    this.#answer(id);
  }

  cancel(): void {
    this.cancelled++;
    this.status = this.trace ? 'ready' : 'idle';
  }

  close(): void {
    this.trace = null;
    this.status = 'idle';
  }
}
