// Global setup for the browser tests: find Chromium, build dist/ if needed, serve it with
// Vite's preview server on a free port, and hand the URL and browser path to the tests.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    chromePath: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

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

function locateChromium(): string | null {
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

function findChromium(): string {
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

function ensureBuilt(): void {
  if (existsSync(join(root, 'dist', 'index.html'))) return;
  console.log('[e2e] dist/ not found: running `npx vite build`');
  // Build as `npm run build` would: without vitest's environment. With VITEST set, the
  // root config's svelteTesting() hook rewrites resolve.conditions and the bundle gets
  // Svelte's server build (`mount(...)` is not available on the server).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TEST' && key !== 'NODE_ENV'),
  );
  const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
}

let server: PreviewServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromePath = findChromium();
  ensureBuilt();
  // configFile: false: serving static files needs no plugins, and the root config's
  // svelteTesting() hook must stay out of this process.
  server = await preview({
    root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: 'dist' },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  const baseURL = `http://127.0.0.1:${address.port}/`;
  console.log(`[e2e] serving dist/ at ${baseURL}; browser ${chromePath}`);
  project.provide('baseURL', baseURL);
  project.provide('chromePath', chromePath);

  return async () => {
    await server?.close();
    server = undefined;
  };
}
