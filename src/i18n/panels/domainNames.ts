// The text tasks' domains as the views name them (the engine's DOMAIN_IDS: corpus/index.ts keeps
// its own English names as data). Both languages; zh must have every key of en.

export const en = {
  'domain.en': 'English',
  'domain.zh': 'Chinese',
  'domain.code': 'code',
  'domain.math': 'arithmetic',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'domain.en': '英语',
  'domain.zh': '中文',
  'domain.code': '代码',
  'domain.math': '算术',
};
