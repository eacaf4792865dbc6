// How many domains a task's tokens come from: the text tasks' four (English, Chinese, code,
// arithmetic, corpus/index.ts), none for the others. Domain-mapped routing (routing/domainRandom.ts)
// gives each domain its own group of experts, so it needs a task with domains.

import { isTextDataset, type DatasetName } from '../config';
import { DOMAIN_IDS } from './corpus';

export function domainCountOf(dataset: DatasetName): number {
  // the own text's domains are known only once its text is read: domain-mapped routing falls back to hash there
  return isTextDataset(dataset) && dataset !== 'own' ? DOMAIN_IDS.length : 0;
}
