// The two draws every grammar makes: one item of a list, and a yes/no with a given chance.

export function pick<T>(rand: () => number, items: readonly T[]): T {
  // min() guards a generator that returns exactly 1
  return items[Math.min(items.length - 1, Math.floor(rand() * items.length))];
}

export function chance(rand: () => number, p: number): boolean {
  return rand() < p;
}

/** An integer in lo..hi, both included. */
export function between(rand: () => number, lo: number, hi: number): number {
  return lo + Math.min(hi - lo, Math.floor(rand() * (hi - lo + 1)));
}
