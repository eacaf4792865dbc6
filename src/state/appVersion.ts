// The app's version (package.json), for what must not outlive a release: cached experiment
// results are keyed by it, since another version's engine may train differently. A named
// import, so the bundle keeps the version string and not the rest of package.json.

import { version } from '../../package.json';

export const APP_VERSION: string = version;
