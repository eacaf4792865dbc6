import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptsSender, coerceParam, MESSAGE_SOURCE, parseHostMessage } from '../../src/state/embedApi';

const msg = (m: object) => ({ source: MESSAGE_SOURCE, ...m });

describe('host messages', () => {
  it('parses the commands', () => {
    expect(parseHostMessage(msg({ type: 'play' }))).toEqual({ type: 'play' });
    expect(parseHostMessage(msg({ type: 'next' }))).toEqual({ type: 'next' });
    expect(parseHostMessage(msg({ type: 'preset', id: 'mixtral' }))).toEqual({ type: 'preset', id: 'mixtral' });
    // URL keys and config names both work
    expect(parseHostMessage(msg({ type: 'set', params: { E: 16, topK: 1, cf: 'none' } }))).toEqual({
      type: 'set',
      params: { experts: 16, topK: 1, capacityFactor: 'none' },
    });
  });

  it('rejects malformed messages with a reason', () => {
    for (const bad of [null, 3, 'play', {}, { type: 'play' }, msg({}), msg({ type: 'explode' }), msg({ type: 'set' }), msg({ type: 'set', params: [] })]) {
      expect(parseHostMessage(bad)).toHaveProperty('error');
    }
    expect(parseHostMessage(msg({ type: 'set', params: { E: 4, nope: 1 } }))).toEqual({ error: 'unknown parameters: nope' });
    expect(parseHostMessage(msg({ type: 'preset', id: '<img src=x>' }))).toHaveProperty('error');
    expect(parseHostMessage(msg({ type: 'set', params: JSON.parse('{"__proto__": {"x": 1}}') }))).toHaveProperty('error');
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        parseHostMessage(data);
        parseHostMessage({ source: MESSAGE_SOURCE, type: 'set', params: data });
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts commands only from the parent window and an allowed origin', () => {
    const allowed = ['https://slides.example.org'];
    expect(acceptsSender({ fromParent: true, origin: 'https://slides.example.org', allowed })).toBe(true);
    expect(acceptsSender({ fromParent: false, origin: 'https://slides.example.org', allowed })).toBe(false);
    expect(acceptsSender({ fromParent: true, origin: 'https://evil.example', allowed })).toBe(false);
    expect(acceptsSender({ fromParent: true, origin: 'https://slides.example.org', allowed: [] })).toBe(false);
  });

  it('coerces values the way a link writes them', () => {
    expect(coerceParam('capacityFactor', 'none')).toBeNull();
    expect(coerceParam('experts', '16')).toBe(16);
    expect(coerceParam('sharedGate', 1)).toBe(true);
    expect(coerceParam('scheme', 'hash')).toBe('hash');
  });
});
