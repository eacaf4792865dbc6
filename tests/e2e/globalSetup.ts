// Global setup for the browser tests: find Chromium, build dist/ if needed, serve it with
// Vite's preview server on a free port, and hand the URL and browser path to the tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { findChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    chromePath: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
/** E2E_DIST serves another build (a helper's own, beside a shared checkout); default dist/ */
const distDir = process.env.E2E_DIST ?? 'dist';

function ensureBuilt(): void {
  if (existsSync(join(resolve(root, distDir), 'index.html'))) return;
  console.log('[e2e] dist/ not found: running `npx vite build`');
  // Build as `npm run build` would: without vitest's environment. With VITEST set, the
  // root config's svelteTesting() hook rewrites resolve.conditions and the bundle gets
  // Svelte's server build (`mount(...)` is not available on the server).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TEST' && key !== 'NODE_ENV'),
  );
  const r = spawnSync('npx', ['vite', 'build', '--outDir', distDir], { cwd: root, stdio: 'inherit', env });
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
    build: { outDir: distDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  const baseURL = `http://127.0.0.1:${address.port}/`;
  console.log(`[e2e] serving ${distDir} at ${baseURL}; browser ${chromePath}`);
  project.provide('baseURL', baseURL);
  project.provide('chromePath', chromePath);

  return async () => {
    await server?.close();
    server = undefined;
  };
}
