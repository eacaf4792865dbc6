// What the page's state (app.svelte.ts) is wired to: the address bar, the run history the views
// read, an experiment page shown in place of the lab; and what it keeps of the visitor's run
// while the tour shows its stops.

import type { Deck } from './deck';
import type { RunSeries } from './runSeries';
import type { MoeConfig } from './schema';
import type { ViewParams } from './url';
import type { Snapshot } from '../worker/protocol';

/** How the state writes the address bar: replace for a slider move, push for a preset or slide. */
export interface UrlWriter {
  replace(hash: string): void;
  push(hash: string): void;
}

/** A run history the views read; it archives the current run when the model is rebuilt. */
export interface HistorySink {
  add(snapshot: Snapshot): void;
  archive(): void;
  /** the previous run, drawn faintly; the tour keeps the visitor's to give it back */
  readonly ghost: RunSeries | null;
  restoreGhost(ghost: RunSeries | null): void;
}

/**
 * An experiment page (an A/B comparison, a sweep) shown in place of the lab: it writes the page's
 * link (the lab's view around its own keys) and knows the step its runs reached.
 */
export interface ExperimentLink {
  hash(view: ViewParams, share: boolean): string;
  /** the step to offer in "share at this step"; null: none */
  readonly step: number | null;
  /** what the run keys and a host's commands drive instead of the lab's run (A/B: both runs) */
  readonly run?: RunControls;
}

/** A run's controls, as the presenter keys and a host page's messages use them. */
export interface RunControls {
  play(): void;
  pause(): void;
  toggle(): void;
  step(): void;
  reset(): void;
}

/** The first token with a dropped choice (the most to explain), else the first token. */
export function tokenToInspect(s: Snapshot): number {
  const k = s.sample?.k ?? s.k;
  const i = s.dropped.indexOf(1);
  return i < 0 ? 0 : Math.floor(i / k);
}

/** What the visitor had when the tour began. */
export interface BeforeTour {
  config: MoeConfig;
  view: ViewParams;
  deck: { deck: Deck; slide: number } | null;
  /** the step their run had reached: a run is deterministic, so training to it again restores it */
  step: number;
  /** their previous run, drawn faintly: the tour's stops replace it with their own */
  ghost: RunSeries | null;
}
