// All UI text goes through t(); the language is reactive state, so views re-render on a switch.

import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'en' | 'zh-CN';
const tables: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

class Locale {
  lang = $state<Lang>('en');
}
export const locale = new Locale();

/** The message for key in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = tables[locale.lang][key] ?? en[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether a key built at run time (a preset's id, a message key kept as data) names a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

export function detectLang(languages: readonly string[]): Lang {
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export type { MessageKey };
