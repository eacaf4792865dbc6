// Mounting a page of charts one part per task: the first render of a chart is tens of ms of
// main-thread work (DOM, layout, d3's first calls), and all of them in one task would freeze the
// page for hundreds of ms when a trace opens, whatever its size.

export interface StagedReveal {
  /** how many stages are shown: 1 at once, then one more per task up to `stages` */
  readonly count: number;
}

/**
 * Reveals `stages` stages one per task, from the first again whenever `key()` changes (and is not
 * null). `prepare(stage)`, where given, runs in a task of its own before that stage shows: it works
 * out what the stage will draw (kept by memo.ts), so the drawing task does only the drawing.
 */
export function stagedReveal(stages: number, key: () => unknown, prepare?: (stage: number) => void): StagedReveal {
  let count = $state(0);
  $effect(() => {
    if (key() === null) return;
    count = 1;
    let prepared = 1;
    let timer = setTimeout(function next() {
      if (prepare && prepared === count) {
        prepared = count + 1;
        prepare(prepared);
      } else count += 1;
      if (count < stages) timer = setTimeout(next, 0);
    }, 0);
    return () => clearTimeout(timer);
  });
  return {
    get count() {
      return count;
    },
  };
}
