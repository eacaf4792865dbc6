// What a link's notices say when it asks for something the app cannot run.

import { describe, expect, it } from 'vitest';
import { type MoeConfig } from '../../src/state/schema';
import { decodeHash } from '../../src/state/url';
import { validateConfig } from '../../src/state/validate';
import { inEnglish, type NoticeInWords } from './noticeWords';

describe('notices', () => {
  const cases: { hash: string; notices: NoticeInWords[]; check?: Partial<MoeConfig> }[] = [
    {
      hash: '#v=1&foo=1',
      notices: [{ code: 'unknown-key', key: 'foo', message: 'Unknown setting "foo" was ignored.' }],
    },
    {
      hash: '#__proto__=1&constructor=2',
      notices: [
        { code: 'unknown-key', key: '__proto__', message: 'Unknown setting "__proto__" was ignored.' },
        { code: 'unknown-key', key: 'constructor', message: 'Unknown setting "constructor" was ignored.' },
      ],
    },
    {
      hash: '#<b>x</b>=1',
      notices: [{ code: 'unknown-key', key: '?b?x?/b?', message: 'Unknown setting "?b?x?/b?" was ignored.' }],
    },
    {
      hash: '#E=9999',
      check: { experts: 512 },
      notices: [{ code: 'clamped', key: 'E', message: 'E = 9999 is above the maximum 512; 512 is used.', from: '9999', to: '512' }],
    },
    {
      hash: '#T=-5',
      check: { tokens: 16 },
      notices: [{ code: 'clamped', key: 'T', message: 'T = -5 is below the minimum 16; 16 is used.', from: '-5', to: '16' }],
    },
    {
      hash: '#E=3.5',
      check: { experts: 4 },
      notices: [{ code: 'clamped', key: 'E', message: 'E = 3.5 is not a whole number; 4 is used.', from: '3.5', to: '4' }],
    },
    {
      hash: '#m=3',
      check: { fineGrain: 2 },
      notices: [{ code: 'clamped', key: 'm', message: 'm = 3 is not one of 1, 2, 4, 8; 2 is used.', from: '3', to: '2' }],
    },
    {
      hash: '#cf=10',
      check: { capacityFactor: 4 },
      notices: [{ code: 'clamped', key: 'cf', message: 'cf = 10 is above the maximum 4; 4 is used.', from: '10', to: '4' }],
    },
    {
      hash: '#lr=1e-9',
      check: { lr: 0.0001 },
      notices: [{ code: 'clamped', key: 'lr', message: 'lr = 1e-9 is below the minimum 0.0001; 0.0001 is used.', from: '1e-9', to: '0.0001' }],
    },
    {
      hash: '#a=1e999',
      check: { balanceCoef: 0.1 },
      notices: [{ code: 'clamped', key: 'a', message: 'a = 1e999 is above the maximum 0.1; 0.1 is used.', from: '1e999', to: '0.1' }],
    },
    {
      hash: '#E=NaN&cf=Infinity',
      check: { experts: 8, capacityFactor: 1.25 },
      notices: [
        { code: 'invalid', key: 'E', message: 'E = "NaN" is not a number; the default 8 is used.', from: 'NaN', to: '8' },
        { code: 'invalid', key: 'cf', message: 'cf = "Infinity" is not a number; the default 1.25 is used.', from: 'Infinity', to: '1.25' },
      ],
    },
    {
      hash: '#E=0x10&k=',
      check: { experts: 8, topK: 2 },
      notices: [
        { code: 'invalid', key: 'E', message: 'E = "0x10" is not a number; the default 8 is used.', from: '0x10', to: '8' },
        { code: 'invalid', key: 'k', message: 'k = "" is not a number; the default 2 is used.', from: '', to: '2' },
      ],
    },
    {
      hash: '#E',
      notices: [{ code: 'invalid', key: 'E', message: 'E has no value; the default 8 is used.', from: '', to: '8' }],
    },
    {
      hash: '#r=magic&shg=yes&be=<script>',
      notices: [
        {
          code: 'invalid',
          key: 'r',
          message: 'r = "magic" is not one of token-choice, expert-choice, deepseek, noisy-topk, hash, domain-random, soft, sinkhorn, base, smear, lory; the default token-choice is used.',
          from: 'magic',
          to: 'token-choice',
        },
        { code: 'invalid', key: 'shg', message: 'shg = "yes" is not 1 or 0; the default 0 is used.', from: 'yes', to: '0' },
        {
          code: 'invalid',
          key: 'be',
          message: 'be = "?script?" is not one of auto, wasm, webgl, webgpu, cpu; the default auto is used.',
          from: '?script?',
          to: 'auto',
        },
      ],
    },
    {
      hash: '#E=16&E=4',
      check: { experts: 16 },
      notices: [{ code: 'invalid', key: 'E', message: 'E appears more than once; the first value is used.', from: '4' }],
    },
    {
      hash: '#v=6&E=16',
      check: { experts: 16 },
      notices: [
        {
          code: 'version',
          key: 'v',
          message: 'This link is from a newer version of the playground (v=6); its settings were read as far as possible.',
          from: '6',
          to: '5',
        },
      ],
    },
    {
      hash: '#v=x',
      notices: [{ code: 'version', key: 'v', message: 'The link version "x" is not known; it was read as version 5.', from: 'x', to: '5' }],
    },
    {
      hash: '#E=4&k=8',
      check: { experts: 4, topK: 4 },
      notices: [{ code: 'adjusted', key: 'k', message: 'k changed from 8 to 4: top-k cannot exceed the 4 experts.', from: '8', to: '4' }],
    },
    {
      hash: '#E=65&grp=64',
      check: { groups: 13 },
      notices: [
        {
          code: 'adjusted',
          key: 'grp',
          message: 'grp changed from 64 to 13: expert groups must divide the 65 routed experts.',
          from: '64',
          to: '13',
        },
      ],
    },
    {
      hash: '#E=%E0%A4%A',
      notices: [{ code: 'invalid', key: 'E', message: 'E = "?E0?A4?A" is not a number; the default 8 is used.', from: '?E0?A4?A', to: '8' }],
    },
  ];

  it.each(cases)('$hash', ({ hash, notices, check }) => {
    const decoded = decodeHash(hash);
    expect(inEnglish(decoded.notices)).toEqual(notices);
    if (check) expect(decoded.config).toMatchObject(check);
    expect(validateConfig(decoded.config).adjustments).toEqual([]);
  });

  it('cuts a hash longer than the limit, with a notice', () => {
    const decoded = decodeHash(`#E=16&x=${'a'.repeat(10_000)}`);
    expect(decoded.config.experts).toBe(16);
    expect(decoded.notices[0]).toMatchObject({ code: 'invalid', key: 'hash', from: '10008', to: '8192' });
    expect(decoded.notices[1]).toMatchObject({ code: 'unknown-key', key: 'x' });
  });

  it('never changes Object.prototype', () => {
    decodeHash('#__proto__=1&constructor=1&prototype=1&__proto__[x]=1&toString=1');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(typeof ({} as Record<string, unknown>).toString).toBe('function');
  });
});
