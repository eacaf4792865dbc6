// The short key each setting has in a link (`E`, `k`, `cf`), both ways. The keys themselves are
// SCHEMA's `url` fields, their one home; the link codec, the view parameters (`controls=`) and a
// host page's `set` messages all read them through here.

import { PARAM_KEYS, SCHEMA, type MoeConfig } from './schema';

const PARAM_BY_URL = new Map<string, keyof MoeConfig>(PARAM_KEYS.map((key) => [SCHEMA[key].url, key]));

/** Every url key of a schema parameter, in schema order. */
export const PARAM_URL_KEYS: readonly string[] = PARAM_KEYS.map((key) => SCHEMA[key].url);

/** The url key of a setting. */
export function urlKeyOf(key: keyof MoeConfig): string {
  return SCHEMA[key].url;
}

/** The schema parameter a url key names, if any. */
export function paramForUrlKey(urlKey: string): keyof MoeConfig | undefined {
  return PARAM_BY_URL.get(urlKey);
}

/** Whether a name is a setting's own name (`experts`, `topK`), as the config spells it. */
export function isParamKey(name: string): name is keyof MoeConfig {
  return Object.hasOwn(SCHEMA, name);
}
