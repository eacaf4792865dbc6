// placeholder: replaced by traceparse at merge
// A trace problem in words: where (file, line, field) and its code.

import type { TraceProblem } from '../../engine/traces/problems';

export function traceProblemText(p: TraceProblem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : '', p.field ?? ''].filter((s) => s !== '').join(', ');
  return `${where}: ${p.code}`;
}
