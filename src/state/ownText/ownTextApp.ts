// The page and the own text: a link that trains on one reads it from this browser or says it is
// missing (keeping `data=own` and `tx`: nothing trains in its place), and a text given in the
// dialog becomes the task, under its hash in the link.

import { notice, type Notice } from '../notices';
import type { MoeConfig } from '../schema';
import { ownTexts, type OwnTexts } from './ownTexts.svelte';

/** What of the page the own text needs (AppState has it). */
export interface OwnTextHost {
  readonly config: MoeConfig;
  readonly session: { reset(): void; readonly started: boolean };
  setConfig(next: Partial<MoeConfig>): void;
  note(notices: Notice[]): void;
}

/** Whether the config asks for an own text that this page does not hold (yet). */
export function ownTextMissing(c: MoeConfig, texts: OwnTexts = ownTexts): boolean {
  return c.dataset === 'own' && !texts.has(c.ownText);
}

/**
 * After a link opened: its own text from this browser's store, and a rebuild on it where a build
 * already went out without it (AppState.start waits for this, a link followed later does not);
 * or the notice that it is missing.
 */
export async function restoreOwnText(app: OwnTextHost, texts: OwnTexts = ownTexts): Promise<void> {
  const c = app.config;
  if (!ownTextMissing(c, texts)) return;
  const text = await texts.load(c.ownText);
  if (text === undefined) {
    app.note([notice({ id: 'own-text-missing' }, 'tx', undefined, String(c.ownText))]);
  } else if (app.session.started && app.config.dataset === 'own' && app.config.ownText === c.ownText) {
    app.session.reset();
  }
}

/** A text from the dialog: kept, and trained on (a new hash in the link when it is another text). */
export function useOwnText(app: OwnTextHost, text: string, texts: OwnTexts = ownTexts): number {
  const before = app.config;
  const wanted = before.dataset === 'own' && before.ownText !== 0 && !texts.has(before.ownText);
  const hash = texts.add(text);
  if (wanted && hash !== before.ownText) app.note([notice({ id: 'own-text-other' }, 'tx', String(hash), String(before.ownText))]);
  const same = before.dataset === 'own' && before.ownText === hash;
  app.setConfig({ dataset: 'own', ownText: hash });
  // the same settings as before: the session sees no change, so build on the text that just came
  if (same) app.session.reset();
  return hash;
}
