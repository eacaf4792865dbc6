// Runs the Python converters' tests (public/converters/*.py) from `npm test`: python3 -m unittest
// over tests/converters. Without python3 the run notes it and passes, since the app itself needs
// no Python; a failing Python test fails the run. PYTHON=/path/to/python picks the interpreter
// (one with torch also runs the tests that read real torch.save records).
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = process.env.PYTHON || 'python3';

const probe = spawnSync(python, ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.warn(`test:py: no ${python} here, the Python converters' tests were not run`);
  process.exit(0);
}

// -B: no __pycache__ beside the scripts the app serves
const run = spawnSync(python, ['-B', '-m', 'unittest', 'discover', '-s', 'tests/converters', '-p', 'test_*.py'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
