// Arithmetic lines such as '45-18=27', generated from a fixed seed so the corpus never changes
// and every line is correct by construction. Lines are unique, so held-out lines are unseen.

import { mulberry32 } from '../../rng';

const MATH_SEED = 20240517;
const LINES_PER_DOC = 8;
const DOCS = 40;

type Op = '+' | '-' | '*';

function randInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** One equation; subtraction never goes below zero, so '-' is always the operator. */
function equation(rand: () => number): string {
  const op: Op = (['+', '-', '*'] as const)[randInt(rand, 0, 2)];
  if (op === '*') {
    const a = randInt(rand, 2, 12);
    const b = randInt(rand, 2, 12);
    return `${a}*${b}=${a * b}`;
  }
  const a = randInt(rand, 0, 99);
  const b = randInt(rand, 0, 99);
  if (op === '+') return `${a}+${b}=${a + b}`;
  const [big, small] = a >= b ? [a, b] : [b, a];
  return `${big}-${small}=${big - small}`;
}

function arithmeticDocs(seed = MATH_SEED, docs = DOCS, linesPerDoc = LINES_PER_DOC): string[] {
  const rand = mulberry32(seed);
  const seen = new Set<string>();
  const lines: string[] = [];
  while (lines.length < docs * linesPerDoc) {
    const line = equation(rand);
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  return Array.from({ length: docs }, (_, d) =>
    lines.slice(d * linesPerDoc, (d + 1) * linesPerDoc).join('\n'),
  );
}

export const MATH_DOCS: readonly string[] = arithmeticDocs();
