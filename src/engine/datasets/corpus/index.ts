// The mixed-domain text corpus: four domains, each a list of short documents. Domain order is
// part of the data (TextSplit.domain stores its index), so append new domains at the end.

import { CODE_DOCS } from './code';
import { EN_DOCS } from './en';
import { MATH_DOCS } from './math';
import { ZH_DOCS } from './zh';

export const DOMAIN_IDS = ['en', 'zh', 'code', 'math'] as const;
export type DomainId = (typeof DOMAIN_IDS)[number];

export const DOMAIN_NAMES: Readonly<Record<DomainId, string>> = {
  en: 'English',
  zh: 'Chinese',
  code: 'code',
  math: 'arithmetic',
};

export const CORPUS: Readonly<Record<DomainId, readonly string[]>> = {
  en: EN_DOCS,
  zh: ZH_DOCS,
  code: CODE_DOCS,
  math: MATH_DOCS,
};
