import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// base './' so dist/ works from any static host path and from file-less offline caches.
export default defineConfig({
  base: './',
  plugins: [svelte(), svelteTesting()],
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/{engine,state,components,worker}/**/*.test.ts'],
    // the model tests train real networks on tfjs's cpu backend; a loaded 2-core machine is slow
    testTimeout: 30_000,
    setupFiles: ['tests/setup.ts'],
  },
});
