// Shared by the trace reader tests: open files from text or bytes in memory.

import { memoryFile, openTrace, type OpenResult } from '../../../src/engine/traces/openTrace';
import type { TraceProblem } from '../../../src/engine/traces/problems';
import type { Trace } from '../../../src/engine/traces/types';

export async function open(files: Record<string, string | Uint8Array>, chunkBytes?: number): Promise<OpenResult> {
  return openTrace(
    Object.entries(files).map(([name, content]) => memoryFile(name, content)),
    chunkBytes ? { chunkBytes } : {},
  );
}

export async function openOk(files: Record<string, string | Uint8Array>, chunkBytes?: number): Promise<Trace> {
  const r = await open(files, chunkBytes);
  if (!r.ok) throw new Error(`expected a trace, got ${JSON.stringify(r.problems)}`);
  return r.trace;
}

export async function openProblems(files: Record<string, string | Uint8Array>): Promise<TraceProblem[]> {
  const r = await open(files);
  if (r.ok) throw new Error('expected problems, got a trace');
  return r.problems;
}

export const lines = (...ls: unknown[]) => ls.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
