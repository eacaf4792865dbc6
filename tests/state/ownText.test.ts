// The own text in the page's state: its hash in the link (`tx`, with `data=own`), a link whose
// text is not in this browser (settings kept, a notice, nothing trained in its place), a text
// given later, bad values of `tx`, and the text sent to the worker before a configure.

import { describe, expect, it } from 'vitest';
import { ownTextHash } from '../../src/engine/datasets/own';
import { AppState, type UrlWriter } from '../../src/state/app.svelte';
import { useOwnText } from '../../src/state/ownText/ownTextApp';
import { OwnTexts, ownTexts } from '../../src/state/ownText/ownTexts.svelte';
import { sendOwnText } from '../../src/state/ownText/ownTextSender';
import { schemaDefaults } from '../../src/state/schema';
import { decodeHash, encodeHash } from '../../src/state/url';
import { inEnglish } from './noticeWords';

const TEXT = Array.from({ length: 8 }, (_, i) => `paragraph ${i}: the quick brown fox jumps over the lazy dog.`).join('\n\n');

function recorder(): UrlWriter & { log: [string, string][] } {
  const log: [string, string][] = [];
  return { log, replace: (h) => log.push(['replace', h]), push: (h) => log.push(['push', h]) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the own text in the link', () => {
  it('round-trips data=own and tx=<hash>; a link without tx means no text, as every older link did', () => {
    const hash = ownTextHash(TEXT);
    const config = { ...schemaDefaults(), dataset: 'own' as const, ownText: hash };
    const link = encodeHash(config);
    expect(link).toContain('data=own');
    expect(link).toContain(`tx=${hash}`);
    const back = decodeHash(link);
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(config);
    expect(encodeHash(schemaDefaults())).not.toContain('tx=');
    expect(decodeHash('#v=4&data=text').config.ownText).toBe(0);
  });

  it('a bad tx is read as no text (or the largest hash), with a notice saying why', () => {
    const words = (hash: string) => inEnglish(decodeHash(hash).notices).map((n) => [n.code, n.key, n.from, n.to]);
    expect(decodeHash('#v=5&tx=abc').config.ownText).toBe(0);
    expect(words('#v=5&tx=abc')).toEqual([['invalid', 'tx', 'abc', '0']]);
    expect(decodeHash('#v=5&tx=-3').config.ownText).toBe(0);
    expect(words('#v=5&tx=-3')).toEqual([['clamped', 'tx', '-3', '0']]);
    expect(decodeHash('#v=5&tx=1.5').config.ownText).toBe(2);
    expect(decodeHash('#v=5&tx=99999999999999999999').config.ownText).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('a link whose text is not in this browser', () => {
  it('keeps data=own and tx, says the text is missing in words, and writes nothing', async () => {
    const url = recorder();
    const app = new AppState('#v=5&data=own&tx=123456&E=8', url);
    await settle();
    expect(app.config).toMatchObject({ dataset: 'own', ownText: 123456, experts: 8 });
    const said = inEnglish(app.notices).find((n) => n.key === 'tx');
    expect(said?.code).toBe('missing');
    expect(said?.message).toBe('This link trains on a text that is not included in links (hash 123456). Paste or drop that text to continue.');
    expect(app.hash).toContain('data=own');
    expect(app.hash).toContain('tx=123456');
    expect(url.log).toEqual([]);
  });

  it('a text given then becomes the task under its own hash, and says it is another text', async () => {
    const texts = new OwnTexts(null);
    const app = new AppState('#v=5&data=own&tx=123456', recorder());
    await settle();
    const hash = useOwnText(app, TEXT, texts);
    expect(hash).toBe(ownTextHash(TEXT));
    expect(app.config).toMatchObject({ dataset: 'own', ownText: hash });
    expect(app.hash).toContain(`tx=${hash}`);
    const other = inEnglish(app.notices).find((n) => n.message.includes('not the link'));
    expect([other?.from, other?.to]).toEqual([String(hash), '123456']);
    // the same text again: nothing new to say
    const before = app.notices.length;
    useOwnText(app, TEXT, texts);
    expect(app.notices.length).toBe(before);
  });

  it('data=own without a tx trains the text task, and says why', () => {
    const read = decodeHash('#v=5&data=own');
    expect(read.config.dataset).toBe('text');
    expect(inEnglish(read.notices).map((n) => n.message)).toEqual([
      'data changed from own to text: your own text needs a text, and the link names none (tx), so the text task is used.',
    ]);
  });

  it('domain-mapped routing on the own text falls back to hash routing, and says why', () => {
    const read = decodeHash('#v=5&data=own&tx=77&r=domain-random');
    expect(read.config).toMatchObject({ dataset: 'own', ownText: 77, scheme: 'hash' });
    expect(inEnglish(read.notices)[0].message).toMatch(/own text’s domains are known only once it is read/);
  });

  it('a link on a text this browser holds opens on it, with nothing to say', async () => {
    const hash = ownTexts.add(`${TEXT} (kept here)`);
    const app = new AppState(`#v=5&data=own&tx=${hash}`, recorder());
    app.start();
    await settle();
    expect(app.notices).toEqual([]);
    expect(app.config).toMatchObject({ dataset: 'own', ownText: hash });
  });

  it('another task with a tx in the link needs no text and says nothing about it', async () => {
    const app = new AppState('#v=5&data=text&tx=123456', recorder());
    await settle();
    expect(app.notices).toEqual([]);
    expect(app.config.ownText).toBe(123456);
  });
});

describe('the text store and the worker', () => {
  it('reads a stored text back only when it hashes to the key', async () => {
    const stored = new Map<string, unknown>([[String(ownTextHash(TEXT)), TEXT], ['77', 'not the text of 77']]);
    const texts = new OwnTexts({ get: async (k) => stored.get(k), put: async () => true });
    expect(await texts.load(ownTextHash(TEXT))).toBe(TEXT);
    expect(texts.has(ownTextHash(TEXT))).toBe(true);
    expect(await texts.load(77)).toBeUndefined();
  });

  it('sends the text once per worker, before a configure that needs it, and never for another task', () => {
    const texts = new OwnTexts(null);
    const hash = texts.add(TEXT);
    const sent: unknown[] = [];
    const worker = { postMessage: (m: unknown) => sent.push(m) } as unknown as Worker;
    const config = { ...schemaDefaults(), dataset: 'own' as const, ownText: hash };
    sendOwnText(worker, { ...config, dataset: 'text' }, texts);
    expect(sent).toEqual([]);
    sendOwnText(worker, config, texts);
    sendOwnText(worker, config, texts);
    expect(sent).toEqual([{ type: 'text', hash, text: TEXT }]);
    sendOwnText(worker, { ...config, ownText: 5 }, texts);
    expect(sent).toHaveLength(1);
  });
});
