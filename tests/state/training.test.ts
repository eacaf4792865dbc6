// The training session without a browser: fake workers record what the page sends and answer as
// the trainer worker would. Step 0 on load, the guard on heavy settings, measuring backends only
// while idle, and a reset that does not wait for a long step.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenToInspect } from '../../src/state/app.svelte';
import { AUTO_BACKEND_KEY } from '../../src/state/deviceCache';
import type { MoeConfig } from '../../src/state/schema';
import type { ToWorker } from '../../src/worker/protocol';
import { makeSnapshot } from '../components/fixtures';
import { harness, ready } from './sessionHarness';

const HEAVY: Partial<MoeConfig> = { tokens: 8192, experts: 64, topK: 8, d: 64, h: 256 };
const REFUSED: Partial<MoeConfig> = { experts: 512, topK: 512, tokens: 16384, d: 128, h: 512 };

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TrainingSession', () => {
  it('builds on load and draws step 0 before anything trains', () => {
    const { session, trainers } = harness();
    expect(session.guard.kind).toBe('ok');
    session.prepare();
    expect(trainers).toHaveLength(1);
    expect(trainers[0].posted[0]).toMatchObject({ type: 'configure', preview: true, cachedAuto: null });
    trainers[0].reply(ready);
    trainers[0].reply({ type: 'snapshot', snapshot: makeSnapshot({ step: 0 }) });
    vi.advanceTimersByTime(100);
    expect(session.snapshot?.step).toBe(0);
    expect(session.playing).toBe(false);
    expect(trainers[0].types()).not.toContain('play');
  });

  it('measures other backends only while idle, in a worker of its own that Play ends at once', () => {
    const { session, trainers, probes } = harness();
    session.prepare();
    trainers[0].reply(ready);
    expect(probes).toHaveLength(0);
    vi.advanceTimersByTime(2000);
    expect(probes).toHaveLength(1);
    session.play();
    expect(probes[0].terminated).toBe(true);
    expect(trainers[0].types()).toContain('play');
    // paused again: it measures afresh, and a faster backend is used from the next reset
    trainers[0].reply({ type: 'paused', reason: null, step: 12 });
    vi.advanceTimersByTime(2000);
    expect(probes).toHaveLength(2);
    probes[1].reply({ type: 'probed', backend: 'webgl', note: 'wasm 9 ms/step, webgl 3 ms/step', timings: { wasm: 9, webgl: 3 } });
    expect(session.fasterBackend).toBe('webgl');
    expect(session.backend).toBe('wasm');
    expect(JSON.parse(localStorage.getItem(AUTO_BACKEND_KEY)!).backend).toBe('webgl');
    session.reset();
    expect(trainers[0].posted.at(-1)).toMatchObject({ type: 'configure', cachedAuto: 'webgl' });
  });

  it('does not measure when the backend is pinned or already known here', () => {
    const pinned = harness({ backend: 'wasm' });
    pinned.session.prepare();
    pinned.trainers[0].reply(ready);
    vi.advanceTimersByTime(5000);
    expect(pinned.probes).toHaveLength(0);
    localStorage.setItem(AUTO_BACKEND_KEY, JSON.stringify({ backend: 'wasm', at: Date.now() }));
    const known = harness();
    known.session.prepare();
    known.trainers[0].reply(ready);
    vi.advanceTimersByTime(5000);
    expect(known.probes).toHaveLength(0);
  });

  it('builds a heavy setting only on Play, without step 0, and shows how long it has waited', () => {
    const { session, trainers } = harness(HEAVY);
    expect(session.guard.kind).toBe('slow');
    session.prepare();
    expect(trainers).toHaveLength(0);
    session.play();
    expect(trainers[0].posted[0]).toMatchObject({ type: 'configure', preview: false });
    expect(trainers[0].types()).toEqual(['configure', 'play']);
    expect(session.waitingSince).not.toBeNull();
    trainers[0].reply(ready);
    trainers[0].reply({ type: 'snapshot', snapshot: makeSnapshot({ step: 1 }) });
    expect(session.waitingSince).toBeNull();
  });

  it('never builds a setting the guard refuses, and builds afresh once it is lowered', () => {
    const { session, trainers } = harness(REFUSED);
    expect(session.guard.kind).toBe('refuse');
    session.prepare();
    session.play();
    session.step();
    expect(trainers).toHaveLength(0);
    expect(session.playing).toBe(false);
    session.configure({ ...session.config, topK: 2, d: 16, h: 32, experts: 8, tokens: 256 });
    expect(trainers).toHaveLength(1);
    expect(trainers[0].posted[0]).toMatchObject({ type: 'configure', config: { topK: 2, experts: 8 } });
  });

  it('keeps live changes made while a setting was refused: the model is rebuilt with them', () => {
    const { session, trainers } = harness();
    session.prepare();
    trainers[0].reply(ready);
    session.configure({ ...session.config, ...REFUSED });
    expect(session.snapshot).toBeNull();
    session.configure({ ...session.config, experts: 8, d: 16, h: 32, topK: 3, tokens: 512 });
    vi.advanceTimersByTime(200);
    const last = trainers[0].posted.at(-1) as ToWorker;
    expect(last).toMatchObject({ type: 'configure', config: { topK: 3, tokens: 512 } });
  });

  it('replaces a worker held by a long step when Reset is pressed, within a second', () => {
    const { session, trainers } = harness({ backend: 'wasm' });
    session.prepare();
    trainers[0].reply(ready);
    session.play();
    // the worker is in a long step: it answers nothing
    session.reset();
    vi.advanceTimersByTime(999);
    expect(trainers).toHaveLength(1);
    vi.advanceTimersByTime(2);
    expect(trainers[0].terminated).toBe(true);
    expect(trainers).toHaveLength(2);
    expect(trainers[1].posted[0]).toMatchObject({ type: 'configure' });
  });

  it('plays on a page with no model yet, however long the first build takes', () => {
    const { session, trainers } = harness({ backend: 'wasm' });
    session.play();
    vi.advanceTimersByTime(5000);
    expect(trainers).toHaveLength(1);
    expect(trainers[0].terminated).toBe(false);
    expect(trainers[0].types()).toEqual(['configure', 'play']);
    // autoplay: the first step comes at once, so no step 0 is drawn before it
    expect(trainers[0].posted[0]).toMatchObject({ preview: false });
  });

  it('starts loading the worker as the page opens, and builds nothing before prepare()', () => {
    const { session, trainers } = harness();
    expect(trainers).toHaveLength(1);
    expect(trainers[0].posted).toEqual([]);
    expect(session.started).toBe(false);
    session.prepare();
    expect(trainers).toHaveLength(1);
    expect(trainers[0].types()).toEqual(['configure']);
  });

  it('rebuilds in a fresh worker when a long step holds the old one, and plays on there', () => {
    const { session, trainers } = harness({ backend: 'wasm' });
    session.prepare();
    trainers[0].reply(ready);
    session.play();
    session.configure({ ...session.config, experts: 4 });
    vi.advanceTimersByTime(200 + 1001);
    expect(trainers[0].terminated).toBe(true);
    expect(trainers[1].types()).toEqual(['configure', 'play']);
    expect(trainers[1].posted[0]).toMatchObject({ config: { experts: 4 } });
    expect(session.playing).toBe(true);
  });

  it('runs a step asked for while a rebuild waits for its slider on the new model', () => {
    const { session, trainers } = harness({ backend: 'wasm' });
    session.prepare();
    trainers[0].reply(ready);
    session.configure({ ...session.config, experts: 4 });
    session.step();
    expect(trainers[0].types()).toEqual(['configure', 'configure', 'step']);
    expect(trainers[0].posted[1]).toMatchObject({ config: { experts: 4 } });
    vi.advanceTimersByTime(1000);
    expect(trainers[0].types()).toEqual(['configure', 'configure', 'step']);
  });

  it('keeps the worker when it takes the reset between steps', () => {
    const { session, trainers } = harness({ backend: 'wasm' });
    session.prepare();
    trainers[0].reply(ready);
    session.play();
    session.reset();
    trainers[0].reply({ type: 'building' });
    vi.advanceTimersByTime(3000);
    expect(trainers).toHaveLength(1);
    expect(trainers[0].terminated).toBe(false);
  });

  it('pauses at once in the page and remembers the speed it measured', () => {
    const { session, trainers } = harness({ backend: 'wasm' });
    session.prepare();
    trainers[0].reply(ready);
    session.play();
    trainers[0].reply({ type: 'snapshot', snapshot: { ...makeSnapshot({ step: 5 }), stepMs: 12 } });
    session.pause();
    expect(session.playing).toBe(false);
    expect(trainers[0].types().at(-1)).toBe('pause');
    expect(session.speedHere.last).toMatchObject({ backend: 'wasm', ms: 12 });
  });

  it('opens a token of step 0 in the inspector: the first with a dropped choice, else the first', () => {
    const s = makeSnapshot({ step: 0 });
    const dropped = new Uint8Array(s.dropped.length);
    expect(tokenToInspect({ ...s, dropped })).toBe(0);
    dropped[5 * s.k + 1] = 1;
    dropped[9 * s.k] = 1;
    expect(tokenToInspect({ ...s, dropped })).toBe(5);
  });
});
