// Runs the Python converters' tests (public/converters/*.py) from `npm test`: python3 -m unittest
// over tests/converters. Without python3 the run notes it and passes, since the app itself needs
// no Python; a failing Python test fails the run. PYTHON=/path/to/python picks the interpreter
// (one with torch also runs the tests that read real torch.save records; without PYTHON, a python3
// with torch is preferred).
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runs = (python, args) => {
  const r = spawnSync(python, args, { encoding: 'utf8' });
  return !r.error && r.status === 0;
};
// PYTHON if set; else the first python3 with torch (Debian's python3-torch lives under the system
// interpreter, which a pyenv python3 on the PATH hides), else the first that runs
const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
const python =
  candidates.find((p) => runs(p, ['-c', 'import torch'])) ?? candidates.find((p) => runs(p, ['--version']));
if (!python) {
  console.warn(`test:py: no ${candidates.join(' or ')} here, the Python converters' tests were not run`);
  process.exit(0);
}

// -B: no __pycache__ beside the scripts the app serves
const run = spawnSync(python, ['-B', '-m', 'unittest', 'discover', '-s', 'tests/converters', '-p', 'test_*.py'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
