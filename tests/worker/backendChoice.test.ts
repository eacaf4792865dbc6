// @vitest-environment node
// Which backend a run starts on: the one asked for, or the next in the fallback order that
// starts, saying why; `auto` on the backend measured here before, or wasm.

import { describe, expect, it } from 'vitest';
import type { BackendName } from '../../src/engine/config';
import { chooseBackend, FALLBACK_ORDER, isSoftwareRenderer, startBackend } from '../../src/worker/backendChoice';

/** Starts every backend but those in `broken`, recording the attempts. */
function starter(broken: readonly string[] = []) {
  const tried: BackendName[] = [];
  const start = async (name: BackendName) => {
    tried.push(name);
    if (broken.includes(name)) throw new Error(`${name} is broken`);
  };
  return { tried, start };
}

describe('startBackend', () => {
  it('starts the one asked for', async () => {
    const { tried, start } = starter();
    expect(await startBackend('webgpu', start)).toEqual({ backend: 'webgpu', note: '', fellBack: false });
    expect(tried).toEqual(['webgpu']);
  });

  it('falls back in FALLBACK_ORDER, skipping those that failed before, and says why', async () => {
    const { tried, start } = starter(['webgpu', 'webgl']);
    const d = await startBackend('webgpu', start, ['wasm']);
    expect(d).toEqual({ backend: 'cpu', fellBack: true, note: 'webgpu could not start (webgpu is broken); webgl could not start (webgl is broken)' });
    expect(tried).toEqual(['webgpu', 'webgl', 'cpu']);
    expect(FALLBACK_ORDER.at(-1)).toBe('cpu');
  });

  it('throws when nothing starts', async () => {
    const { start } = starter(['wasm', 'webgl', 'cpu']);
    await expect(startBackend('wasm', start)).rejects.toThrow('cpu could not start');
  });
});

describe('chooseBackend', () => {
  it('auto: wasm on a first visit, the measured backend after', async () => {
    expect(await chooseBackend('auto', null, starter().start)).toMatchObject({ backend: 'wasm', auto: 'first', fellBack: false });
    expect(await chooseBackend('auto', 'webgl', starter().start)).toMatchObject({ backend: 'webgl', auto: 'measured' });
  });

  it('auto: not the measured backend once it failed this run, nor a name that is no backend', async () => {
    expect(await chooseBackend('auto', 'webgl', starter().start, ['webgl'])).toMatchObject({ backend: 'wasm', auto: 'first' });
    expect(await chooseBackend('auto', 'webgl9', starter().start)).toMatchObject({ backend: 'wasm', auto: 'first' });
  });

  it('auto that falls back says so instead of why auto chose', async () => {
    const d = await chooseBackend('auto', null, starter(['wasm']).start);
    expect(d).toMatchObject({ backend: 'webgl', fellBack: true });
    expect(d.auto).toBeUndefined();
  });

  it('a pinned backend is started as it is', async () => {
    expect(await chooseBackend('cpu', 'webgl', starter().start)).toEqual({ backend: 'cpu', note: '', fellBack: false });
  });
});

describe('isSoftwareRenderer', () => {
  it('tells software GPU renderers from hardware ones', () => {
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.7, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA GeForce RTX 3060)')).toBe(false);
  });
});
