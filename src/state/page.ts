// The page around the app state: presenter keys (pageKeys.ts), the address bar: Back, Forward, a
// pasted link (pageHash.ts), and the postMessage API for a host page (pageMessages.ts). Starts
// what the link asks for and returns the cleanup function.

import type { AppState } from './app.svelte';
import { pageCommands } from './pageCommands';
import { bindHash } from './pageHash';
import { bindKeys } from './pageKeys';
import { bindHostMessages } from './pageMessages';

export function bindPage(app: AppState): () => void {
  const commands = pageCommands(app);
  // the host hears 'ready' before the run the link asks for begins
  const unbind = [bindHostMessages(app, commands), bindKeys(app, commands), bindHash(app)];
  app.start();
  return () => {
    for (const stop of unbind) stop();
  };
}
