// placeholder: replaced by traceparse at merge
// The page's handle on reading trace files, with the interface agreed in COMMON.md; this stub
// parses nothing (every open fails with one problem), so the trace page compiles and its tests
// inject traces of their own.

import type { TraceProblem } from '../../engine/traces/problems';
import type { Trace } from '../../engine/traces/types';
import type { TraceExampleId } from './examples';

export type LoaderStatus = 'idle' | 'reading' | 'ready' | 'failed';

export class TraceLoader {
  status = $state<LoaderStatus>('idle');
  progress = $state<{ bytes: number; total: number }>({ bytes: 0, total: 0 });
  trace = $state.raw<Trace | null>(null);
  problems = $state.raw<TraceProblem[]>([]);

  async open(files: readonly File[]): Promise<void> {
    this.problems = [{ code: 'not-parsed', file: files[0]?.name ?? '' }];
    this.status = 'failed';
  }

  async openExample(id: TraceExampleId): Promise<void> {
    this.problems = [{ code: 'not-parsed', file: id }];
    this.status = 'failed';
  }

  cancel(): void {
    this.status = this.trace ? 'ready' : 'idle';
  }

  close(): void {
    this.trace = null;
    this.problems = [];
    this.status = 'idle';
  }
}
