// The experiment pages in the page's state: a link's A/B or sweep keys open that page in place of
// the lab (its bad values as notices), the header's buttons open one over the lab's settings, the
// address bar carries the page's link, and leaving returns to the lab with the settings it was about.

import { describe, expect, it } from 'vitest';
import { AppState } from '../../src/state/app.svelte';
import { ExperimentPage } from '../../src/state/experimentPage.svelte';
import { FakeWorker } from './sessionHarness';

function open(hash: string) {
  const written: string[] = [];
  const app = new AppState(hash, { replace: (h) => written.push(`replace ${h}`), push: (h) => written.push(`push ${h}`) });
  const trainers: FakeWorker[] = [];
  const page = new ExperimentPage(app, {
    compare: {
      workers: {
        trainer: () => {
          const w = new FakeWorker();
          trainers.push(w);
          return w as unknown as Worker;
        },
        probe: () => new FakeWorker() as unknown as Worker,
      },
    },
    sweep: { storage: null, pool: { cache: null } },
  });
  page.follow();
  return { app, page, written, trainers };
}

describe('the experiment pages', () => {
  it('opens a comparison from its link, writes its link back, and Back to the lab keeps A', () => {
    const { app, page, written } = open('#v=5&E=4&k=1&ab=1&b.k=2&step=30');
    expect(page.kind).toBe('compare');
    expect(page.compare!.definition.a).toMatchObject({ experts: 4, topK: 1 });
    expect(page.compare!.definition.b).toMatchObject({ experts: 4, topK: 2 });
    expect(page.compare!.definition.step).toBe(30);
    expect(app.hash).toBe('#v=5&E=4&k=1&step=30&ab=1&b.k=2');
    expect(app.notices).toEqual([]);
    page.toLab();
    expect(page.kind).toBe('lab');
    expect(app.experiment).toBeNull();
    expect(app.config).toMatchObject({ experts: 4, topK: 1 });
    expect(app.hash).toBe('#v=5&E=4&k=1');
    expect(written.at(-1)).toMatch(/#v=5&E=4&k=1$/);
  });

  it("notes a comparison link's bad values and still opens it", () => {
    const { app, page } = open('#v=5&ab=1&b.k=zz&b.nope=1');
    expect(page.kind).toBe('compare');
    expect(app.notices.map((n) => n.key)).toEqual(['b.k', 'b.nope']);
  });

  it('opens a sweep from its link, pinned to wasm, and its link keeps the definition', () => {
    const { app, page } = open('#v=5&sweep=custom&sw.x=cf:1,2&sw.n=50&sw.s=2');
    expect(page.kind).toBe('sweep');
    const def = page.sweep!.definition;
    expect(def.base.backend).toBe('wasm');
    expect(def.x).toEqual({ key: 'capacityFactor', values: [1, 2] });
    expect([def.steps, def.seeds]).toEqual([50, 2]);
    expect(app.hash).toContain('be=wasm');
    expect(app.hash).toContain('sweep=custom');
    expect(app.hash).toContain('sw.x=cf:1,2');
  });

  it("opens each page from the lab's settings, pausing the lab's run", () => {
    const { app, page, written } = open('#v=5&E=16');
    expect(page.kind).toBe('lab');
    page.openCompare();
    expect(page.kind).toBe('compare');
    expect(page.compare!.definition.a.experts).toBe(16);
    expect(page.compare!.definition.b.experts).toBe(16);
    expect(written.at(-1)).toBe('push #v=5&E=16&ab=1');
    page.openSweep('alpha');
    expect(page.kind).toBe('sweep');
    expect(page.compare).toBeNull();
    expect(page.sweep!.definition.kind).toBe('alpha');
    expect(app.session.playing).toBe(false);
  });

  it('gives way to the lab when a lab link is followed (Back), and opens a comparison on Forward', () => {
    const { app, page } = open('#v=5&ab=1&b.E=16');
    expect(page.kind).toBe('compare');
    app.followHash('#v=5&E=4');
    page.follow();
    expect(page.kind).toBe('lab');
    expect(app.config.experts).toBe(4);
    app.followHash('#v=5&ab=1&b.E=16');
    page.follow();
    expect(page.kind).toBe('compare');
    expect(page.compare!.definition.b.experts).toBe(16);
  });

  it('reads `ab=0` as the lab, and drops the key from the address bar', () => {
    const { app, page } = open('#v=5&E=4&ab=0');
    expect(page.kind).toBe('lab');
    expect(app.hash).toBe('#v=5&E=4');
  });
});
