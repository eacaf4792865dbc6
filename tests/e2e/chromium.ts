// Where Chromium is: CHROME_PATH, Debian's /usr/bin/chromium, or the PATH. The browser tests
// install it with apt when running as root; the benchmarks only look (locateChromium).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

export function locateChromium(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = onPath(name);
    if (found) return found;
  }
  return null;
}

export function findChromium(): string {
  const found = locateChromium();
  if (found) return found;
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    console.log('[e2e] Chromium not found: running `apt-get update && apt-get install -y chromium` (running as root)');
    const r = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit' });
    const installed = r.status === 0 ? locateChromium() : null;
    if (installed) return installed;
    throw new Error('Chromium not found and `apt-get install -y chromium` failed: set CHROME_PATH to a Chromium/Chrome binary');
  }
  throw new Error('Chromium not found: set CHROME_PATH or run `sudo apt-get install chromium`');
}
