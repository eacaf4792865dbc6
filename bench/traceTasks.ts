// The main thread's tasks from a Chromium trace: each task's thread (CPU) time next to its wall
// time. A 'longtask' entry is wall time, which a busy shared machine stretches (the main thread
// waits for a core while the training worker and other processes run); thread time is the work
// the page itself did, so it tells a slow view from a slow machine. longTasks.ts reports both.

/** Trace categories: top-level tasks (with thread time) and the page's performance.mark()s. */
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskTimes {
  /** the longest task's thread time, ms, before and after the mark */
  before: number;
  after: number;
  /** tasks whose thread time passed 50 ms, before and after the mark */
  overBefore: number;
  overAfter: number;
}

/**
 * Thread times of the main-thread tasks of the renderer that made `mark` (performance.mark in the
 * page), split at the mark. Null when the trace has no such mark.
 */
export function taskTimes(trace: Buffer | string, mark: string): TaskTimes | null {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const marked = events.find((e) => e.name === mark && e.cat?.includes('blink.user_timing'));
  if (!marked) return null;
  const main = events.find((e) => e.name === 'thread_name' && e.pid === marked.pid && e.args?.name === 'CrRendererMain');
  if (!main) return null;
  const out: TaskTimes = { before: 0, after: 0, overBefore: 0, overAfter: 0 };
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  // newer Chromium names a task ThreadControllerImpl::RunTask (and may nest a RunTask in it)
  const task = onMain.some((e) => e.name === 'ThreadControllerImpl::RunTask') ? 'ThreadControllerImpl::RunTask' : 'RunTask';
  for (const e of onMain) {
    if (e.name !== task) continue;
    const ms = (e.tdur ?? e.dur ?? 0) / 1000;
    if (e.ts < marked.ts) {
      out.before = Math.max(out.before, ms);
      if (ms > 50) out.overBefore++;
    } else {
      out.after = Math.max(out.after, ms);
      if (ms > 50) out.overAfter++;
    }
  }
  return out;
}
