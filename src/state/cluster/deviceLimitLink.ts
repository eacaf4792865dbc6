// The A/B comparison that prices DeepSeek's device limit in loss: the traffic panel measures what
// the limit saves in bytes on one batch, and links here for what it costs in training (A: the
// run's settings, B: the same with every group open).

import { compareHash } from '../compare/hash';
import { pairOf } from '../compare/definition';
import type { MoeConfig } from '../schema';

export function deviceLimitCompareHash(config: MoeConfig, preset?: string): string {
  const pair = pairOf(config, preset);
  return compareHash({ ...pair, b: { ...pair.b, topkGroups: pair.b.groups } });
}
