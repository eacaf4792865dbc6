// The guided tour's state: its stops (presets that exist, text in both languages), walking them
// with the buttons' methods and the keys, a `tour=N` link, and leaving at any stop, which gives
// back the settings, view, deck and URL the visitor had before.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../src/i18n/en';
import { zhCN as zh } from '../../src/i18n/zh-CN';
import { AppState } from '../../src/state/app.svelte';
import type { PageCommands } from '../../src/state/pageCommands';
import { bindKeys } from '../../src/state/pageKeys';
import { presetById, presetConfig } from '../../src/state/presets';
import { schemaDefaults } from '../../src/state/schema';
import { stopConfig, stopIndex, TOUR_STOPS } from '../../src/state/tour';
import { PANELS } from '../../src/state/url';
import { validateConfig } from '../../src/state/validate';
import { RunHistory } from '../../src/state/history.svelte';
import type { Snapshot } from '../../src/worker/protocol';
import { makeSnapshot } from '../components/fixtures';
import { FakeWorker } from './sessionHarness';

function recorder() {
  const log: ['replace' | 'push', string][] = [];
  return { log, replace: (h: string) => log.push(['replace', h]), push: (h: string) => log.push(['push', h]) };
}

// the page's own training session, on workers that only record what they are sent
const workers: FakeWorker[] = [];
beforeEach(() => {
  vi.stubGlobal(
    'Worker',
    class extends FakeWorker {
      constructor() {
        super();
        workers.push(this);
      }
    },
  );
});
let unbind: () => void = () => undefined;
afterEach(() => {
  unbind();
  workers.length = 0;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
/** What the trainer worker was asked, by type (the first worker is the trainer, the next the probe). */
const sentTo = (type: string) => workers.flatMap((w) => w.posted as { type?: string; step?: number }[]).filter((m) => m.type === type);

describe('the tour’s stops', () => {
  it('are five to seven, each a preset that exists (or the defaults), a panel and a short run', () => {
    expect(TOUR_STOPS.length).toBeGreaterThanOrEqual(5);
    expect(TOUR_STOPS.length).toBeLessThanOrEqual(7);
    expect(TOUR_STOPS.map((s) => s.id)).toEqual(['switch', 'drops', 'collapse', 'top2', 'deepseekmoe', 'bias', 'teacher']);
    for (const s of TOUR_STOPS) {
      if (s.preset !== null) expect(presetById(s.preset), s.id).toBeDefined();
      expect(PANELS).toContain(s.panel);
      expect(s.steps).toBeGreaterThan(0);
      expect(s.steps).toBeLessThanOrEqual(200);
      // a stop's settings need no change to be valid
      expect(validateConfig(stopConfig(s)).adjustments, s.id).toEqual([]);
    }
    // every stop on the teacher task, where its effect shows
    for (const s of TOUR_STOPS) expect(stopConfig(s).dataset).toBe('teacher');
    expect(stopConfig(TOUR_STOPS[1])).toEqual({ ...presetConfig('switch'), dataset: 'teacher', capacityFactor: 0.75 });
    expect(stopConfig(TOUR_STOPS[6])).toEqual(schemaDefaults());
  });

  it('say what to look at in English and Chinese, in two or three sentences', () => {
    for (const s of TOUR_STOPS) {
      for (const [lang, text] of [['en', en], ['zh', zh]] as const) {
        const table = text as Record<string, string>;
        expect(table[`tour.${s.id}.title`], `${lang} ${s.id}`).toBeTruthy();
        const body = table[`tour.${s.id}.text`];
        const sentences = body.split(lang === 'en' ? /[.!?](?:\s|$)/ : /[。！？]/).filter((x) => x.trim().length > 0);
        expect(sentences.length, `${lang} ${s.id}: ${body}`).toBeGreaterThanOrEqual(2);
        expect(sentences.length, `${lang} ${s.id}: ${body}`).toBeLessThanOrEqual(4);
      }
      expect(zh[`tour.${s.id}.text` as keyof typeof zh]).not.toBe(en[`tour.${s.id}.text` as keyof typeof en]);
    }
  });

  it('reads tour=N from 1, clamped to the stops there are', () => {
    expect([stopIndex(1), stopIndex(3), stopIndex(99), stopIndex(0)]).toEqual([0, 2, TOUR_STOPS.length - 1, 0]);
  });
});

describe('walking the tour', () => {
  it('opens the first stop, moves with Next and Back, and leaving gives everything back', () => {
    const url = recorder();
    const app = new AppState('#v=5&E=4&k=1&lang=zh-CN&theme=dark', url);
    const reset = vi.spyOn(app.session, 'reset');
    const runTo = vi.spyOn(app.session, 'runTo');
    const before = { config: app.config, view: app.view, hash: app.hash };
    app.startTour();
    expect(app.tour?.stop).toBe(0);
    expect(app.config).toEqual(stopConfig(TOUR_STOPS[0]));
    expect(app.tourPanel).toBe('load');
    // each stop trains a fresh model to its step
    expect(reset).toHaveBeenCalledTimes(1);
    expect(runTo).toHaveBeenLastCalledWith(TOUR_STOPS[0].steps);
    expect(sentTo('runTo').at(-1)).toEqual({ type: 'runTo', step: TOUR_STOPS[0].steps });
    expect(sentTo('configure').at(-1)).toMatchObject({ config: stopConfig(TOUR_STOPS[0]) });
    // the visitor's language and theme stay; the URL says where the tour is
    expect(app.view).toEqual({ lang: 'zh-CN', theme: 'dark', preset: 'switch', tour: 1 });
    expect(url.log.at(-1)).toEqual(['replace', '#v=5&preset=switch&data=teacher&theme=dark&lang=zh-CN&tour=1']);

    app.nextSlide();
    expect(app.tour?.stop).toBe(1);
    expect(app.config.capacityFactor).toBe(0.75);
    // only a live setting changed, and still the stop starts afresh
    expect(reset).toHaveBeenCalledTimes(2);
    app.prevSlide();
    app.prevSlide();
    expect(app.tour?.stop).toBe(0);
    for (let i = 0; i < 10; i++) app.nextSlide();
    expect(app.tour?.stop).toBe(TOUR_STOPS.length - 1);
    expect(app.tourPanel).toBe('special');

    app.leaveTour();
    expect(app.tour).toBeNull();
    expect(app.tourPanel).toBeNull();
    expect(app.config).toEqual(before.config);
    expect(app.view).toEqual(before.view);
    expect(app.hash).toBe(before.hash);
    expect(url.log.at(-1)).toEqual(['replace', before.hash]);
    // rebuilt with the visitor's settings
    expect(sentTo('configure').at(-1)).toMatchObject({ config: before.config });
    // the visitor's run was at step 0: rebuilt, not trained
    expect(runTo).toHaveBeenCalledTimes(TOUR_STOPS.length + 2);
  });

  it('gives back a run at its step, and a deck at its slide, whichever stop it is left at', () => {
    const app = new AppState('#v=5&deck=switch,collapse&slide=1', recorder());
    const runTo = vi.spyOn(app.session, 'runTo');
    app.session.snapshot = { step: 240 } as never;
    const deck = app.deck;
    const config = app.config;
    app.startTour();
    expect(app.deck).toBeNull();
    app.nextSlide();
    app.nextSlide();
    app.leaveTour();
    expect(app.deck).toEqual(deck);
    expect(app.config).toEqual(config);
    expect(runTo).toHaveBeenLastCalledWith(240);
  });

  it('opens at a stop from a link, and leaving gives the rest of the link', () => {
    const app = new AppState('#v=5&E=16&tour=4', recorder());
    const runTo = vi.spyOn(app.session, 'runTo');
    app.start();
    expect(app.tour?.stop).toBe(3);
    expect(app.config).toEqual({ ...presetConfig('mixtral'), dataset: 'teacher' });
    expect(app.tourPanel).toBe('inspector');
    expect(runTo).toHaveBeenCalledWith(TOUR_STOPS[3].steps);
    // the inspector opens on a token, so the stop shows its two experts and weights
    expect(app.selectedToken).toBe(0);
    app.leaveTour();
    expect(app.config).toEqual({ ...schemaDefaults(), experts: 16 });
    expect(app.hash).toBe('#v=5&E=16');
  });

  it('walks with → / PageDown and ← / PageUp, and Esc leaves (after closing the help)', () => {
    const app = new AppState('#v=5', recorder());
    const commands: PageCommands = { play: vi.fn(), pause: vi.fn(), step: vi.fn(), reset: vi.fn(), next: () => app.nextSlide(), prev: () => app.prevSlide() };
    unbind = bindKeys(app, commands);
    const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    // outside the tour → steps the run
    press('ArrowRight');
    expect(commands.step).toHaveBeenCalledTimes(1);
    app.startTour();
    press('ArrowRight');
    press('PageDown');
    expect(app.tour?.stop).toBe(2);
    press('PageUp');
    press('ArrowLeft');
    expect(app.tour?.stop).toBe(0);
    expect(commands.step).toHaveBeenCalledTimes(1);
    app.helpOpen = true;
    press('Escape');
    expect(app.helpOpen).toBe(false);
    expect(app.tour).not.toBeNull();
    press('Escape');
    expect(app.tour).toBeNull();
    expect(app.config).toEqual(schemaDefaults());
  });

  it('follows a pasted link or Back: a stop’s link walks there, any other ends the tour', () => {
    const app = new AppState('#v=5&E=4', recorder());
    app.startTour();
    app.followHash('#v=5&tour=5');
    expect(app.tour?.stop).toBe(4);
    // what the tour gives back is still what the visitor had before it
    expect(app.tour?.before.config.experts).toBe(4);
    app.followHash('#v=5&k=1');
    expect(app.tour).toBeNull();
    expect(app.config.topK).toBe(1);
    // an embedded view has no room for the card: it opens the link's settings, not the tour
    const embedded = new AppState('#v=5&embed=1&tour=2', recorder());
    embedded.start();
    expect(embedded.tour).toBeNull();
  });

  it('gives back the faint previous run the visitor had, not the last stop’s', () => {
    const history = new RunHistory();
    const app = new AppState('#v=5&E=4', recorder(), history);
    // a snapshot of E experts carrying the rows of steps 1..step
    const snap = (step: number, E: number): Snapshot => {
      const steps = Int32Array.from({ length: step }, (_, i) => i + 1);
      const values = () => Float32Array.from(steps, () => 1);
      const history = { step: steps, taskLoss: values(), accuracy: values(), balanceLoss: values(), zLoss: values(), dropRate: values(), entropy: values(), kept: new Int32Array(step * E) };
      return { ...makeSnapshot({ E, step }), history, evaluation: undefined };
    };
    // the visitor's previous run, then their current one
    history.add(snap(5, 4));
    history.archive();
    const ghost = history.ghost;
    history.add(snap(3, 4));
    app.startTour();
    history.add(snap(60, 16));
    app.nextSlide();
    history.add(snap(60, 16));
    expect(history.ghost).not.toBe(ghost);
    app.leaveTour();
    expect(history.ghost).toBe(ghost);
    expect(history.run).toBeNull();
  });
});
