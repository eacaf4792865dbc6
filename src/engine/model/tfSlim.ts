// What the browser build uses in place of the '@tensorflow/tfjs' union (vite.config.ts aliases
// it for `vite build` only): tfjs-core with every gradient and chained op registered. It leaves
// out tfjs-layers, -converter and -data, which the project never calls, and the backends, which
// backend.ts imports when one is started: a worker parses a third of the JavaScript it did
// (377 kB instead of 2.4 MB, measured on `vite build`) before its first step.
// Node (tests, benches, scripts) keeps the union: these entry points are ESM that Node cannot
// resolve without a bundler.

export * from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
