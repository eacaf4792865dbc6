// The experiment pages shown in place of the lab: an A/B comparison (compare/), a sweep (sweep/),
// or a router trace replayed (traces/). One opens from a link's experiment keys, or from the lab's
// settings (Compare, Sweep, Open a trace in the header), and writes its own link through the
// page's state; leaving a comparison or a sweep returns to the lab with the settings it was about
// (A, or the sweep's base); leaving a trace returns to the lab as it was, its run paused, not rebuilt.

import type { ExperimentLink, AppState } from './app.svelte';
import { CompareState, type CompareOptions } from './compare/compare.svelte';
import { pairOf, type CompareDefinition } from './compare/definition';
import { compareHash, compareOfLink } from './compare/hash';
import { opensCompare } from './compare/link';
import type { SweepKind } from './sweep/definition';
import { isSweepLink, readSweep, sweepParts } from './sweep/link';
import { definitionOf, readyMadeDefinition } from './sweep/readyMade';
import { SweepState, type SweepStateOptions } from './sweep/sweep.svelte';
import type { RunControls } from './appPorts';
import type { TraceExampleId } from './traces/examples';
import { opensTrace, readTraceLink, traceParts } from './traces/traceLink';
import { TracePage, type TraceLoaderLike } from './traces/tracePage.svelte';
import { encodeHash } from './url';

export type PageKind = 'lab' | 'compare' | 'sweep' | 'trace';

export interface ExperimentPageOptions {
  compare?: CompareOptions;
  sweep?: SweepStateOptions;
  /** the trace page's loader (tests hand in their own) */
  traceLoader?: () => TraceLoaderLike;
}

/** A trace has no run: the run keys and a host's commands do nothing there, rather than train the lab's hidden run. */
const NO_RUN: RunControls = { play() {}, pause() {}, toggle() {}, step() {}, reset() {} };

export class ExperimentPage {
  compare = $state.raw<CompareState | null>(null);
  sweep = $state.raw<SweepState | null>(null);
  trace = $state.raw<TracePage | null>(null);
  /** the trace page last left: Forward, or Open a trace again, shows it as it was (a file's trace too) */
  #leftTrace: TracePage | null = null;

  constructor(
    private readonly app: AppState,
    private readonly options: ExperimentPageOptions = {},
  ) {}

  get kind(): PageKind {
    return this.compare ? 'compare' : this.sweep ? 'sweep' : this.trace ? 'trace' : 'lab';
  }

  /**
   * Follows the link last opened (on load, Back/Forward, a pasted link): its comparison or sweep,
   * or the lab when it has neither. Notices for its bad values join the page's.
   */
  follow(): void {
    const decoded = this.app.linkExperiment;
    if (!decoded) {
      // the page's state left the experiment (a lab link was followed): the lab comes back
      if (this.app.experiment === null && this.kind !== 'lab') this.#dispose(true);
      return;
    }
    const entries = decoded.experiment;
    if (opensCompare(entries)) {
      const { definition, notices } = compareOfLink(decoded);
      this.app.note(notices);
      this.#showCompare(definition, 'replace');
    } else if (isSweepLink(entries)) {
      const { definition, notices } = readSweep(decoded.config, entries);
      this.app.note(notices);
      this.#showSweep(new SweepState(definition, this.options.sweep), 'replace');
    } else if (opensTrace(entries)) {
      const { example, notices } = readTraceLink(entries);
      this.app.note(notices);
      this.#showTrace(example, 'replace');
    } else {
      // `ab=0` alone: the lab, and its link without the key
      this.app.setExperiment(null, 'replace');
      this.app.start();
    }
  }

  /** A comparison of the lab's settings with a copy of them, to change on B. */
  openCompare(): void {
    this.#showCompare(pairOf(this.app.config, this.app.view.preset), 'push');
  }

  /** A sweep over the lab's settings: a ready-made one, or a custom one. */
  openSweep(kind: SweepKind = 'st-moe'): void {
    const def = kind === 'custom' ? definitionOf('custom', this.app.config) : readyMadeDefinition(kind, this.app.config);
    this.#showSweep(new SweepState(def, this.options.sweep), 'push');
  }

  /**
   * The trace page, over the lab (kept as it is, its run paused); with files (dropped on the page,
   * or picked), they open at once.
   */
  openTrace(files: readonly File[] = []): void {
    if (!this.trace) this.#showTrace(null, 'push');
    if (files.length > 0) void this.trace!.openFiles(files);
  }

  /** Back to the lab, with the settings the page was about (a trace's: the lab as it was). */
  toLab(): void {
    if (this.trace) {
      this.#dispose(false);
      this.app.setExperiment(null, 'push');
      // a trace link opened the page first: the lab's model is built now, as a lab link would
      if (!this.app.session.started) this.app.start();
      return;
    }
    const config = this.compare ? this.compare.definition.a : this.sweep ? this.sweep.definition.base : this.app.config;
    const preset = this.compare?.definition.presetA;
    this.#dispose(false);
    this.app.setExperiment(null, 'push');
    this.app.setView({ preset });
    this.app.setConfig(config);
    this.app.session.prepare();
  }

  #showCompare(def: CompareDefinition, mode: 'replace' | 'push'): void {
    this.#dispose(false);
    // the lab's run waits while the page's own workers train (it would take their cores)
    this.app.session.pause();
    const compare = new CompareState(def, this.options.compare);
    this.compare = compare;
    const link: ExperimentLink = {
      hash: (view, share) => compareHash(share ? compare.shareDefinition : compare.definition, view),
      run: compare,
      get step() {
        return Math.min(compare.stepOf('a'), compare.stepOf('b'));
      },
    };
    this.app.setExperiment(link, mode);
    compare.start();
  }

  #showSweep(sweep: SweepState, mode: 'replace' | 'push'): void {
    this.#dispose(false);
    this.app.session.pause();
    this.sweep = sweep;
    this.app.setExperiment(
      {
        // the sweep pins its backend in its base, so a shared link reruns the same sweep
        hash: (view) => encodeHash(sweep.definition.base, view, sweepParts(sweep.definition)),
        step: null,
      },
      mode,
    );
  }

  /**
   * The trace page for an example (null: the one last left, or an empty one). The lab's run
   * pauses and stays as it is: a trace is read, not trained, so the lab is not rebuilt.
   */
  #showTrace(example: TraceExampleId | null, mode: 'replace' | 'push'): void {
    const left = this.trace ?? this.#leftTrace;
    this.#dispose(false);
    this.app.session.pause();
    const reuse = left && (example === null || left.linkExample === example) ? left : null;
    const trace = reuse ?? new TracePage(this.options.traceLoader?.() ?? undefined, this.app.config, () => this.app.experimentChanged());
    this.trace = trace;
    this.app.setExperiment(
      {
        // the lab's settings stay in the link, so Back, or a shared link's way to the lab, finds them
        hash: (view) => encodeHash(this.app.config, view, traceParts(trace.linkExample)),
        step: null,
        run: NO_RUN,
      },
      mode,
    );
    if (example !== null && !reuse) void trace.openExample(example);
  }

  /**
   * Stops the page's workers; `toLabRun`: the lab's run starts again (step 0 drawn), except after
   * a trace, which left the lab's run as it was.
   */
  #dispose(toLabRun: boolean): void {
    const fromTrace = this.trace !== null;
    this.compare?.dispose();
    this.sweep?.dispose();
    this.trace?.leave();
    if (this.trace) this.#leftTrace = this.trace;
    this.compare = null;
    this.sweep = null;
    this.trace = null;
    if (toLabRun && !(fromTrace && this.app.session.started)) this.app.start();
  }

  dispose(): void {
    this.#dispose(false);
  }
}
