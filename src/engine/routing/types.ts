// The engine contract (docs/architecture.md; conventions in docs/routing.md): route()'s spec and
// result, with the scheme that routed them. The scheme-agnostic part is contract.ts, which the
// scheme files read; the scheme names are the keys of the scheme table (traits.ts).

import type { RouterOptions, RoutingResult, ScoreFunction } from './contract';
import type { Scheme } from './traits';

export * from './contract';
export type { Scheme };

export interface RouterSpec extends RouterOptions {
  scheme: Scheme;
}

export interface Routing extends RoutingResult {
  /** which scheme produced this (so losses and views can ask its traits) */
  scheme: Scheme;
  /** what probs hold (scoreFunctionOf), so the losses and views need not ask the settings */
  scoreFunction: ScoreFunction;
}
