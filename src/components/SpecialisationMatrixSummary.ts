// The one-line reading of a domain's row: the experts it leans on, and how strongly each cell
// stands out against the even share 1/E.

export interface TopExpert {
  expert: number;
  share: number;
}

/**
 * Experts holding clearly more than the even share (at least 1.5/E), largest first, at most
 * `max`; empty when the row is spread evenly or has no tokens.
 */
export function topExperts(row: ArrayLike<number>, max = 3): TopExpert[] {
  const E = row.length;
  const ranked = Array.from(row, (share, expert) => ({ expert, share }))
    .filter((r) => r.share > 0 && r.share >= 1.5 / E)
    .sort((a, b) => b.share - a.share || a.expert - b.expert);
  return ranked.slice(0, max);
}

/** The largest share of a row (ties to the lower expert), or null for an empty row. */
export function largest(row: ArrayLike<number>): TopExpert | null {
  let best: TopExpert | null = null;
  for (let e = 0; e < row.length; e++) if (row[e] > 0 && (!best || row[e] > best.share)) best = { expert: e, share: row[e] };
  return best;
}

/** 0 at or below the even share, 1 when the whole row sits in one expert (log scale between). */
export function concentration(share: number, E: number): number {
  if (E <= 1 || share * E <= 1) return 0;
  return Math.min(1, Math.log(share * E) / Math.log(E));
}

export function percent(share: number): string {
  return `${Math.round(100 * share)}%`;
}
