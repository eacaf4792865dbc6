// A/B of the training step between this working tree and another revision, for changes whose
// effect is smaller than this shared machine's swings: both bench pages open in one Chromium,
// and the headline cell runs on each in alternation, round by round. Reports each side's median
// and the median of the per-round ratios. Needs git; the other revision is checked out into a
// temporary worktree that uses this tree's node_modules.
//   node --import tsx bench/ab.ts REV [--rounds 8] [--backend wasm]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from './lib';
import { HEADLINE, launchBenchBrowser, openBenchPage, timeCell } from './trainStep';
import { serveBenchPage } from './page';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const rev = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!rev) {
  console.error('usage: node --import tsx bench/ab.ts REV [--rounds 8] [--backend wasm]');
  process.exit(2);
}
const rounds = Number(option('--rounds', '8'));
const backend = option('--backend', 'wasm');
const STEPS = 30;

const tmp = mkdtempSync(join(tmpdir(), 'moe-ab-'));
const other = join(tmp, 'tree');
execFileSync('git', ['-C', repo, 'worktree', 'add', '--detach', '--quiet', other, rev]);
symlinkSync(join(repo, 'node_modules'), join(other, 'node_modules'));
const bench = await launchBenchBrowser(`A/B against ${rev}`);
const served = await serveBenchPage(join(other, 'bench', 'browser'), 'ab');
try {
  if (bench) {
    const pages = { here: await openBenchPage(bench.browser, bench.url), [rev]: await openBenchPage(bench.browser, served.url) };
    const ms: Record<string, number[]> = { here: [], [rev]: [] };
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // alternate which side goes first, so neither always runs on a warmer or cooler machine
      const order = r % 2 ? ['here', rev] : [rev, 'here'];
      for (const side of order) ms[side].push((await timeCell(pages[side], backend, { ...HEADLINE }, STEPS)).ms);
      ratios.push(ms[rev][r] / ms.here[r]);
      console.error(`  round ${r + 1}: here ${round(ms.here[r], 2)} ms, ${rev} ${round(ms[rev][r], 2)} ms`);
    }
    console.log(
      `${backend} T=${HEADLINE.T} E=${HEADLINE.E} k=${HEADLINE.k}, ${rounds} rounds: here ${round(median(ms.here), 2)} ms, ${rev} ${round(median(ms[rev]), 2)} ms; ` +
        `${rev} ÷ here per round: median ${round(median(ratios), 3)} (${round(Math.min(...ratios), 2)}–${round(Math.max(...ratios), 2)})`,
    );
  }
} finally {
  await bench?.close();
  await served.close();
  execFileSync('git', ['-C', repo, 'worktree', 'remove', '--force', other]);
  rmSync(tmp, { recursive: true, force: true });
}
