// A rebuild that waits for its control to rest: a slider dragged across many values rebuilds
// once. Whether training should resume afterwards is kept across the burst: it was playing when
// the drag began, even though the first change of the burst paused it.

export class Settle {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #resume = false;

  constructor(private readonly ms: number) {}

  /** (Re)starts the wait; `run` gets whether to resume, once nothing changed for `ms`. */
  schedule(resume: boolean, run: (resume: boolean) => void): void {
    this.#resume ||= resume;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => run(this.take()), this.ms);
  }

  /** Ends the wait without running it: true when one was pending (the caller runs it now). */
  take(): boolean {
    const resume = this.#resume;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#resume = false;
    return resume;
  }

  get pending(): boolean {
    return this.#timer !== null;
  }
}
