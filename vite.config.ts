import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// base './' so dist/ works from any static host path and from file-less offline caches.
export default defineConfig(({ command }) => ({
  base: './',
  // the built app's tfjs without the layers, converter and data packages (src/engine/model/tfSlim.ts);
  // tests run the union, which Node can load
  resolve:
    command === 'build'
      ? { alias: [{ find: /^@tensorflow\/tfjs$/, replacement: fileURLToPath(new URL('./src/engine/model/tfSlim.ts', import.meta.url)) }] }
      : {},
  plugins: [svelte(), svelteTesting()],
  build: {
    target: 'es2022',
    // source maps (about 20 MB, most of it tfjs) only when asked for, SOURCEMAP=1 npm run build:
    // a static host would otherwise serve them to everyone. The worker bundles read this too.
    sourcemap: process.env.SOURCEMAP === '1',
  },
  // ES-module workers keep dynamic imports as chunks of their own: the webgpu backend loads only
  // where it is used, instead of being parsed by every worker at start-up (an iife inlines it)
  worker: { format: 'es' },
  test: {
    environment: 'jsdom',
    include: ['tests/{engine,state,components,worker}/**/*.test.ts'],
    // the model tests train real networks on tfjs's cpu backend; a loaded 2-core machine is slow
    testTimeout: 30_000,
    setupFiles: ['tests/setup.ts'],
  },
}));
