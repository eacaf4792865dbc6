// The experiment pages shown in place of the lab: an A/B comparison (compare/) or a sweep (sweep/).
// One opens from a link's experiment keys, or from the lab's settings (Compare, Sweep in the
// header), and writes its own link through the page's state; leaving it returns to the lab with
// the settings it was about (A, or the sweep's base).

import type { ExperimentLink, AppState } from './app.svelte';
import { CompareState, type CompareOptions } from './compare/compare.svelte';
import { pairOf, type CompareDefinition } from './compare/definition';
import { compareHash, compareOfLink } from './compare/hash';
import { opensCompare } from './compare/link';
import type { SweepKind } from './sweep/definition';
import { isSweepLink, readSweep, sweepParts } from './sweep/link';
import { definitionOf, readyMadeDefinition } from './sweep/readyMade';
import { SweepState, type SweepStateOptions } from './sweep/sweep.svelte';
import { encodeHash } from './url';

export type PageKind = 'lab' | 'compare' | 'sweep';

export interface ExperimentPageOptions {
  compare?: CompareOptions;
  sweep?: SweepStateOptions;
}

export class ExperimentPage {
  compare = $state.raw<CompareState | null>(null);
  sweep = $state.raw<SweepState | null>(null);

  constructor(
    private readonly app: AppState,
    private readonly options: ExperimentPageOptions = {},
  ) {}

  get kind(): PageKind {
    return this.compare ? 'compare' : this.sweep ? 'sweep' : 'lab';
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

  /** Back to the lab, with the settings the page was about. */
  toLab(): void {
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

  /** Stops the page's workers; `toLabRun`: the lab's run starts again (step 0 drawn). */
  #dispose(toLabRun: boolean): void {
    this.compare?.dispose();
    this.sweep?.dispose();
    this.compare = null;
    this.sweep = null;
    if (toLabRun) this.app.start();
  }

  dispose(): void {
    this.#dispose(false);
  }
}
