// A benchmark page: built with Vite from its own folder (no app config, no plugins) into a
// temporary directory and served on a free local port.

import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';

export interface ServedPage {
  url: string;
  close(): Promise<void>;
}

export async function serveBenchPage(pageRoot: string, name: string): Promise<ServedPage> {
  const tmp = mkdtempSync(join(tmpdir(), `moe-${name}-page-`));
  await build({
    root: pageRoot,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [],
    build: { outDir: join(tmp, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 10_000 },
  });
  const server = await preview({
    root: tmp,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: 'dist' },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
