// Strings of one panel, in both languages. zh must have every key of en (a type error otherwise).

export const en = {} as const;

export const zh: Record<keyof typeof en, string> = {};
