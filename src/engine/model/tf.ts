// The one tfjs import of the project. The union package registers every gradient and chained
// op, the cpu and webgl backends, and has a bundle that Node can load (tests, scripts); the
// slim tfjs-core entry points are ESM without file extensions, which Node cannot resolve.
// wasm and webgpu are imported on demand by backend.ts.

export * as tf from '@tensorflow/tfjs';
