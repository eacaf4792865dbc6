// How many domains a task's tokens come from: the text tasks' four (English, Chinese, code,
// arithmetic, corpus/index.ts), none for the others. Domain-mapped routing (routing/domainRandom.ts)
// gives each domain its own group of experts, so it needs a task with domains.

import { isTextDataset, type DatasetName } from '../config';
import { DOMAIN_IDS } from './corpus';

export function domainCountOf(dataset: DatasetName): number {
  return isTextDataset(dataset) ? DOMAIN_IDS.length : 0;
}
