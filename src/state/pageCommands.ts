// What a presenter key and a host page's message can both ask of the page: the run's controls
// and the slides. Named after the host messages (embedApi.ts), so the two never disagree.

import type { AppState } from './app.svelte';
import type { HostCommand } from './embedApi';

export type PageCommand = Exclude<HostCommand['type'], 'set' | 'preset'>;
export type PageCommands = Record<PageCommand, () => void>;

export function pageCommands(app: AppState): PageCommands {
  // an experiment page with runs of its own (A/B) takes the run commands; else the lab's run
  const run = () => app.experiment?.run ?? app.session;
  return {
    play: () => run().play(),
    pause: () => run().pause(),
    step: () => run().step(),
    reset: () => run().reset(),
    next: () => app.nextSlide(),
    prev: () => app.prevSlide(),
  };
}
