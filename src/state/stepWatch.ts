// Whether the trainer worker may be inside a step, and what to do when a rebuild finds it there.
// A step is synchronous in the worker, so a reset or rebuild waits for it; a long step (a heavy
// setting, seconds) would hold Reset that long. The session asks this watch to end such a worker
// and start a fresh one when it has not reached the new configure within STUCK_MS.

/** Reset or a rebuild waits this long for a step in progress; then the worker is replaced. */
export const STUCK_MS = 1000;

export class StepWatch {
  #stepping = false;
  /** run commands posted, and how many had been when the last configure went out */
  #runs = 0;
  #runsAtConfigure = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** a play, step or runTo went out: the worker may be in a step from now on */
  run(): void {
    this.#stepping = true;
    this.#runs++;
  }

  /** a configure went out */
  configured(): void {
    this.#runsAtConfigure = this.#runs;
  }

  /** the worker reached a configure: it is past any step it was in, unless a run was asked since */
  building(): void {
    if (this.#runs === this.#runsAtConfigure) this.#stepping = false;
    this.cancel();
  }

  /** the worker said it stopped (paused, a single step done, an error) */
  idle(): void {
    this.#stepping = false;
  }

  get stepping(): boolean {
    return this.#stepping;
  }

  /** After a configure sent while `held`: calls `stuck` if the worker has not reached it in time. */
  watch(held: boolean, stuck: () => void): void {
    this.cancel();
    if (!held) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#stepping) stuck();
    }, STUCK_MS);
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
