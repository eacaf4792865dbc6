// The address bar as input: a pasted link, Back and Forward. The state ignores the hash it wrote
// itself (AppState.followHash), so only a change from outside rebuilds anything.

import type { AppState } from './app.svelte';

/** Follows the hash on hashchange and popstate; returns the function that stops it. */
export function bindHash(app: Pick<AppState, 'followHash'>): () => void {
  const onHash = () => app.followHash(location.hash);
  window.addEventListener('hashchange', onHash);
  window.addEventListener('popstate', onHash);
  return () => {
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener('popstate', onHash);
  };
}
