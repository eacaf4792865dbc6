// The trace page's state: its loader (reading files or an example, off the main thread), what the
// person picked (traceView.svelte.ts) and where the trace shown came from: an example, which a
// link can name, or the person's own files, which no link can carry.

import type { Trace } from '../../engine/traces/types';
import type { MoeConfig } from '../schema';
import type { TraceExampleId } from './examples';
import { TraceLoader } from './traceLoader.svelte';
import { TraceViewState } from './traceView.svelte';

/** What the page reads of a loader (traceLoader.svelte.ts); tests hand in their own. */
export type TraceLoaderLike = Pick<TraceLoader, 'status' | 'progress' | 'trace' | 'problems' | 'open' | 'openExample' | 'cancel' | 'close'>;

export type TraceOrigin = { kind: 'example'; id: TraceExampleId } | { kind: 'files' };

export class TracePage {
  readonly view: TraceViewState;
  /** where the trace shown came from; null: none shown yet */
  origin = $state.raw<TraceOrigin | null>(null);

  constructor(
    readonly loader: TraceLoaderLike = new TraceLoader(),
    lab?: Pick<MoeConfig, 'capacityFactor' | 'dropPolicy'>,
    /** the trace shown changed: the page's link is written again */
    private readonly onchange: () => void = () => {},
  ) {
    this.view = new TraceViewState(lab);
    if (loader.trace) this.view.reset(loader.trace);
  }

  get trace(): Trace | null {
    return this.loader.trace;
  }

  /** The example the page's link names: null for a trace from files (or none). */
  get linkExample(): TraceExampleId | null {
    return this.origin?.kind === 'example' ? this.origin.id : null;
  }

  /** Opens files (Megatron's rank files and their side file together); a failure keeps the trace shown. */
  async openFiles(files: readonly File[]): Promise<void> {
    const before = this.loader.trace;
    await this.loader.open(files);
    this.#opened(before, { kind: 'files' });
  }

  async openExample(id: TraceExampleId): Promise<void> {
    const before = this.loader.trace;
    await this.loader.openExample(id);
    this.#opened(before, { kind: 'example', id });
  }

  cancel(): void {
    this.loader.cancel();
  }

  /** A new trace opened (the loader's trace changed): its first layer and token, and its link. */
  #opened(before: Trace | null, origin: TraceOrigin): void {
    const now = this.loader.trace;
    if (this.loader.status !== 'ready' || now === null || now === before) return;
    this.origin = origin;
    this.view.reset(now);
    this.onchange();
  }

  /** The page is left: a read under way stops (the trace shown stays, for Forward). */
  leave(): void {
    if (this.loader.status === 'reading') this.loader.cancel();
  }
}
