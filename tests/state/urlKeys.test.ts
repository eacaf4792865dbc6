import { describe, expect, it } from 'vitest';
import { parseHostMessage } from '../../src/state/embedApi';
import { PARAM_KEYS, SCHEMA } from '../../src/state/schema';
import { isParamKey, PARAM_URL_KEYS, paramForUrlKey, urlKeyOf } from '../../src/state/urlKeys';

describe('url keys', () => {
  it('are the schema’s own, one per setting, read both ways', () => {
    expect(PARAM_URL_KEYS).toEqual(PARAM_KEYS.map((key) => SCHEMA[key].url));
    expect(new Set(PARAM_URL_KEYS).size).toBe(PARAM_KEYS.length);
    for (const key of PARAM_KEYS) expect(paramForUrlKey(urlKeyOf(key))).toBe(key);
    expect(paramForUrlKey('nope')).toBeUndefined();
    expect(paramForUrlKey('toString')).toBeUndefined();
  });

  it('tell a setting’s own name from anything else', () => {
    expect(isParamKey('experts')).toBe(true);
    expect(isParamKey('E')).toBe(false);
    expect(isParamKey('__proto__')).toBe(false);
    expect(isParamKey('toString')).toBe(false);
  });

  it('are the keys a host page may set, beside the config’s own names', () => {
    for (const key of PARAM_KEYS) {
      expect(parseHostMessage({ source: 'moe-playground', type: 'set', params: { [urlKeyOf(key)]: 1 } })).toEqual({ type: 'set', params: { [key]: 1 } });
      expect(parseHostMessage({ source: 'moe-playground', type: 'set', params: { [key]: 1 } })).toEqual({ type: 'set', params: { [key]: 1 } });
    }
  });
});
