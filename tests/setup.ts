import '@testing-library/jest-dom/vitest';
import fc from 'fast-check';

// A fixed seed keeps CI deterministic; FC_SEED=random (or a number) explores other inputs.
const seed = process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 20261123);
fc.configureGlobal({ seed });

// jsdom has no layout: bind:clientWidth needs a ResizeObserver, which never fires here, so
// components keep their default size. Real sizes are checked in the browser tests.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
