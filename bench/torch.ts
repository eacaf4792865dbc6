// PyTorch baseline: the same MoE training step (bench/torch_moe.py) in PyTorch on one CPU
// thread, as an HF-Mixtral-style loop over experts and as one batched matmul over capacity
// slots. Needs Debian's python3-torch under the system interpreter; skipped without it.
//   node --import tsx bench/torch.ts [--grid]

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveResults, type BenchRow } from './lib';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'torch_moe.py');
/** torch_moe.py exits with this status, after one line on stderr, when it cannot import torch */
const NO_TORCH_EXIT = 3;
const NO_TORCH_LINE = 'torch_moe.py: no module torch';
const SKIP_NOTE = `PyTorch baseline skipped: ${PYTHON} has no torch; apt-get install python3-torch`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the script, passing its progress lines through to our stderr as they come (unless quiet). */
function runPython(args: string[], quiet = false): Promise<Run | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      pending += s;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (!quiet && !line.startsWith(NO_TORCH_LINE)) process.stderr.write(line + '\n');
    });
    child.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve(null) : reject(err)));
    child.on('close', (code) => {
      if (!quiet && pending && !pending.startsWith(NO_TORCH_LINE)) process.stderr.write(pending + '\n');
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Times the PyTorch training step at the default size (T=1024 E=64 k=2 d=16 h=32) or `size`, or over the
 * grid T ∈ {256,1024,4096} × E ∈ {8,64} × k ∈ {1,2}. Null, with a one-line note, when
 * /usr/bin/python3 or its torch is missing; throws when the script fails otherwise.
 */
export async function benchTorch(
  args: { grid?: boolean; reps?: number; quiet?: boolean; size?: { T: number; E: number; k: number } } = {},
): Promise<BenchRow[] | null> {
  const size = args.size ? ['--T', String(args.size.T), '--E', String(args.size.E), '--k', String(args.size.k)] : [];
  const run = await runPython([...(args.grid ? ['--grid'] : []), ...(args.reps ? ['--reps', String(args.reps)] : []), ...size], args.quiet);
  if (run === null || run.code === NO_TORCH_EXIT) {
    console.warn(SKIP_NOTE);
    return null;
  }
  if (run.code !== 0) {
    throw new Error(`${PYTHON} ${SCRIPT} exited with ${run.code}:\n${run.stderr.trim().split('\n').slice(-5).join('\n')}`);
  }
  const rows: unknown = JSON.parse(run.stdout);
  if (!Array.isArray(rows) || !rows.every((r) => typeof r?.ms === 'number' && typeof r?.variant === 'string')) {
    throw new Error(`unexpected output from ${SCRIPT}: ${run.stdout.slice(0, 200)}`);
  }
  return rows as BenchRow[];
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const rows = await benchTorch({ grid: process.argv.includes('--grid') });
  if (!rows) return;
  console.log(`\n${rows[0]?.backend}, training step (ms, median), ${((performance.now() - t0) / 1000).toFixed(1)} s in all`);
  const table = new Map<string, Record<string, number | null>>();
  for (const { variant, T, E, k, d, h, ms } of rows) {
    const key = `${T}/${E}/${k}/${d}/${h}`;
    if (!table.has(key)) table.set(key, { T, E, k, d, h });
    table.get(key)![`${variant} ms`] = ms;
  }
  console.table([...table.values()]);
  console.log('saved', saveResults('torch', rows));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
