// The bench scripts that npm run bench does not run (tools for iterating on the layer), started
// once each at a small size in a smoke run, so that one a refactor broke fails there. bench/ab.ts
// is left out: it needs another revision to compare with.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const SCRIPTS: { script: string; args: string[] }[] = [
  // T E k at a tiny size, and the step's parts rebuilt from the trainer's internals
  { script: 'bench/wasmNode.ts', args: ['64', '8', '2', '--phases'] },
  { script: 'bench/wasmKernels.ts', args: [] },
];

export async function smokeScripts(): Promise<void> {
  for (const { script, args } of SCRIPTS) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`bench smoke: ${script} ${args.join(' ')} exited with ${run.status ?? run.signal}`);
    console.log(`bench smoke: ${script} ran, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}
