// The trace page in the page's state: `#trace` opens it empty, `#trace=<example>` opens that
// example, an unknown id is a notice and the empty page, a trace from files has no link, and
// leaving returns to the lab as it was (its settings and run untouched, not rebuilt); Back and
// Forward move between them.

import { describe, expect, it } from 'vitest';
import { AppState } from '../../src/state/app.svelte';
import { ExperimentPage } from '../../src/state/experimentPage.svelte';
import { readTraceLink } from '../../src/state/traces/traceLink';
import { FakeTraceLoader, handTrace } from '../components/traces/traceFixtures.svelte';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function open(hash: string) {
  const written: string[] = [];
  const app = new AppState(hash, { replace: (h) => written.push(`replace ${h}`), push: (h) => written.push(`push ${h}`) });
  const loaders: FakeTraceLoader[] = [];
  const page = new ExperimentPage(app, {
    traceLoader: () => {
      const l = new FakeTraceLoader({ megatron: handTrace({ source: 'megatron' }), 'mine.jsonl': handTrace({ synthetic: false }) });
      loaders.push(l);
      return l;
    },
  });
  page.follow();
  return { app, page, written, loaders };
}

describe('the trace page in the link', () => {
  it('`#trace` opens the page empty', () => {
    const { app, page, loaders } = open('#v=5&trace');
    expect(page.kind).toBe('trace');
    expect(page.trace!.trace).toBeNull();
    expect(loaders[0].opened).toEqual([]);
    expect(app.notices).toEqual([]);
    expect(app.hash).toBe('#v=5&trace');
  });

  it('`#trace=<id>` opens that example, and the link keeps naming it', async () => {
    const { app, page, loaders } = open('#v=5&trace=megatron');
    await settle();
    expect(loaders[0].opened).toEqual(['megatron']);
    expect(page.trace!.trace?.source).toBe('megatron');
    expect(page.trace!.linkExample).toBe('megatron');
    expect(app.hash).toBe('#v=5&trace=megatron');
  });

  it('an unknown example id is a notice, and the page opens empty', () => {
    const { app, page, loaders } = open('#v=5&trace=nope');
    expect(page.kind).toBe('trace');
    expect(loaders[0].opened).toEqual([]);
    expect(app.notices.map((n) => [n.key, n.says.id, n.from])).toEqual([['trace', 'not-one-of', 'nope']]);
    expect(app.hash).toBe('#v=5&trace');
    expect(readTraceLink(new Map([['trace', 'vllm']])).example).toBe('vllm');
  });

  it("opens over the lab's settings and leaves the lab as it was: settings kept, run paused, not rebuilt", async () => {
    const { app, page, written, loaders } = open('#v=5&E=16');
    const config = app.config;
    page.openTrace();
    expect(page.kind).toBe('trace');
    expect(written.at(-1)).toBe('push #v=5&E=16&trace');
    expect(app.session.playing).toBe(false);
    // the run keys do nothing on the trace page, rather than train the hidden lab
    app.experiment!.run!.toggle();
    expect(app.session.playing).toBe(false);
    await page.trace!.openFiles([new File(['{}'], 'mine.jsonl')]);
    // a file's trace cannot be in a link: the link stays the bare key
    expect(page.trace!.origin).toEqual({ kind: 'files' });
    expect(page.trace!.linkExample).toBeNull();
    expect(app.hash).toBe('#v=5&E=16&trace');
    page.toLab();
    expect(page.kind).toBe('lab');
    expect(app.config).toBe(config);
    expect(written.at(-1)).toBe('push #v=5&E=16');
    expect(loaders).toHaveLength(1);
  });

  it('Back returns to the lab and Forward brings the trace back as it was', async () => {
    const { app, page } = open('#v=5&E=16');
    const config = app.config;
    page.openTrace([new File(['{}'], 'mine.jsonl')]);
    await settle();
    const shown = page.trace!.trace;
    expect(shown).not.toBeNull();
    app.followHash('#v=5&E=16');
    page.follow();
    expect(page.kind).toBe('lab');
    // the link read again: equal settings, so the lab's model is not rebuilt
    expect(app.config).toStrictEqual(config);
    app.followHash('#v=5&E=16&trace');
    page.follow();
    expect(page.kind).toBe('trace');
    expect(page.trace!.trace).toBe(shown);
  });

  it('a failed open keeps the trace shown and its link', async () => {
    const { page, app } = open('#v=5&trace=megatron');
    await settle();
    await page.trace!.openFiles([new File(['x'], 'broken.jsonl')]);
    expect(page.trace!.loader.status).toBe('failed');
    expect(page.trace!.trace?.source).toBe('megatron');
    expect(app.hash).toBe('#v=5&trace=megatron');
  });
});
