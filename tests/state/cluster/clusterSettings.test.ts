// The cluster settings are the page's, never the trainer's: changing them neither rebuilds nor
// reaches the worker, keeps a run its preset, is no sweep axis nor part of a job's id, reads from
// and writes to a link like any setting (a bad value noted), and re-places the live view at once.
// The device limit's A/B link opens B with every group kept.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLUSTER_KEYS, type MoeConfig } from '../../../src/engine/config';
import { jobId } from '../../../src/engine/experiments/jobId';
import { ClusterView } from '../../../src/state/cluster/clusterView.svelte';
import { deviceLimitCompareHash } from '../../../src/state/cluster/deviceLimitLink';
import { decodeCompareHash } from '../../../src/state/compare/hash';
import { matchesPreset, presetConfig } from '../../../src/state/presets';
import { SCHEMA, schemaDefaults } from '../../../src/state/schema';
import { GROUPS, TRAINING_GROUPS } from '../../../src/state/settings';
import { SWEEP_KEYS, isSweepKey } from '../../../src/state/sweep/definition';
import { decodeHash, encodeHash } from '../../../src/state/url';
import { makeSnapshot } from '../../components/fixtures';
import { harness, ready } from '../sessionHarness';
import { inEnglish } from '../noticeWords';

/** Every cluster setting away from its default (DeepSeek-V3's serving layout, contiguous, FP8 out). */
const ELSEWHERE = {
  nodes: 4,
  gpusPerNode: 8,
  replicaSlotsPerGpu: 2,
  placement: 'contiguous',
  loadWindow: 7,
  replaceEvery: 0,
  hiddenSize: 7168,
  bytesOut: 1,
  bytesBack: 4,
} as const satisfies Partial<MoeConfig>;

describe('a session given new cluster settings', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('neither rebuilds nor posts anything to the worker, playing or not', () => {
    const h = harness({ backend: 'wasm' });
    h.session.prepare();
    const worker = h.trainers[0];
    worker.reply(ready);
    worker.reply({ type: 'snapshot', snapshot: makeSnapshot({ step: 0 }) });
    h.session.play();
    const posted = worker.posted.length;
    for (const [key, value] of Object.entries(ELSEWHERE)) {
      expect(SCHEMA[key as keyof MoeConfig].rebuild, key).toBe(false);
      expect(h.session.configure({ ...h.session.config, [key]: value })).toBe(false);
    }
    vi.advanceTimersByTime(2000);
    expect(worker.posted).toHaveLength(posted);
    expect(h.session.config).toMatchObject(ELSEWHERE);
    expect(h.session.playing).toBe(true);
    expect(h.session.snapshot?.step).toBe(0);
    expect(h.trainers).toHaveLength(1);
    // the same session does rebuild for a model setting
    expect(h.session.configure({ ...h.session.config, experts: 6 })).toBe(true);
    vi.advanceTimersByTime(2000);
    expect(worker.sent('configure')).toHaveLength(2);
  });
});

describe('what the cluster settings are not part of', () => {
  it('a run stays its preset whatever its cluster', () => {
    const v3 = presetConfig('deepseek-v3');
    expect(matchesPreset('deepseek-v3', { ...v3, ...ELSEWHERE })).toBe(true);
    expect(matchesPreset('deepseek-v3', { ...v3, ...ELSEWHERE, topkGroups: 8 })).toBe(false);
  });

  it('no sweep axis sweeps them', () => {
    for (const key of CLUSTER_KEYS) expect(isSweepKey(key), key).toBe(false);
    expect(SWEEP_KEYS.filter((k) => (CLUSTER_KEYS as readonly string[]).includes(k))).toEqual([]);
    expect(isSweepKey('topkGroups')).toBe(true);
  });

  it('a job’s id ignores them, and not the settings the trainer reads', () => {
    const job = { config: { ...schemaDefaults(), backend: 'wasm' as const }, steps: 100, evalCapacityFactors: [2] };
    expect(jobId({ ...job, config: { ...job.config, ...ELSEWHERE } })).toBe(jobId(job));
    expect(jobId({ ...job, config: { ...job.config, topkGroups: 2, groups: 2 } })).not.toBe(jobId(job));
  });

  it('an A/B arm’s editor shows no cluster group; the lab’s has all of them', () => {
    expect(TRAINING_GROUPS.flatMap((g) => g.keys).filter((k) => (CLUSTER_KEYS as readonly string[]).includes(k))).toEqual([]);
    expect(GROUPS.find((g) => g.id === 'cluster')?.keys).toEqual([...CLUSTER_KEYS]);
  });
});

describe('cluster settings in a link', () => {
  it('round-trips every cluster setting at once', () => {
    const config = { ...schemaDefaults(), ...ELSEWHERE };
    const hash = encodeHash(config);
    for (const key of CLUSTER_KEYS) expect(hash, key).toContain(`&${SCHEMA[key].url}=`);
    const decoded = decodeHash(hash);
    expect(decoded.notices).toEqual([]);
    expect(decoded.config).toEqual(config);
  });

  it('a preset link with another cluster is still that preset’s link', () => {
    const config = { ...presetConfig('deepseek-v3'), nodes: 2, placement: 'round-robin' as const };
    const hash = encodeHash(config, { preset: 'deepseek-v3' });
    expect(hash).toMatch(/preset=deepseek-v3/);
    const decoded = decodeHash(hash);
    expect(decoded.view.preset).toBe('deepseek-v3');
    expect(decoded.config).toEqual(config);
    expect(decoded.notices).toEqual([]);
  });

  it.each([
    ['#v=5&gpn=3', { gpusPerNode: 2 }, 'gpn'],
    ['#v=5&nodes=0', { nodes: 1 }, 'nodes'],
    ['#v=5&nodes=1000', { nodes: 32 }, 'nodes'],
    ['#v=5&xs=-1', { replicaSlotsPerGpu: 0 }, 'xs'],
    ['#v=5&pl=greedy', { placement: 'eplb' }, 'pl'],
    ['#v=5&rp=abc', { replaceEvery: 50 }, 'rp'],
    ['#v=5&bo=3', { bytesOut: 2 }, 'bo'],
    ['#v=5&hid=1', { hiddenSize: 64 }, 'hid'],
  ] as const)('%s is read with a notice, not a crash', (hash, check, key) => {
    const decoded = decodeHash(hash);
    expect(decoded.config).toMatchObject(check);
    const notices = inEnglish(decoded.notices);
    expect(notices).toHaveLength(1);
    expect(notices[0].key).toBe(key);
    expect(notices[0].message).toMatch(new RegExp(`^${key}\\b`));
  });
});

describe('the device limit’s A/B link', () => {
  it('opens a comparison of the run (A) against the same with every group kept (B)', () => {
    const v3 = { ...presetConfig('deepseek-v3'), backend: 'wasm' as const };
    const hash = deviceLimitCompareHash(v3, 'deepseek-v3');
    expect(hash).toContain('ab=1');
    const { definition, notices } = decodeCompareHash(hash);
    expect(notices).toEqual([]);
    expect(definition.presetA).toBe('deepseek-v3');
    expect(definition.a).toEqual(v3);
    expect(definition.a.topkGroups).toBe(4);
    expect(definition.b).toEqual({ ...v3, topkGroups: 8 });
  });
});

describe('ClusterView', () => {
  it('re-places at once when a cluster setting changes, paused, and counts traffic on the new cluster', () => {
    let config: MoeConfig = { ...schemaDefaults(), experts: 8, nodes: 1, gpusPerNode: 2 };
    const view = new ClusterView(() => config);
    expect(view.placement).toBeNull();
    expect(view.traffic).toBeNull();
    view.add(makeSnapshot({ E: 8, step: 5, historyRows: 6 }));
    expect(view.placement!.gpus).toBe(2);
    expect(view.placement!.series.step).toEqual([0, 1, 2, 3, 4, 5]);
    const version = view.version;
    config = { ...config, nodes: 2 };
    const p = view.placement!;
    expect(p.gpus).toBe(4);
    expect(p.placedAt).toBe(5);
    // the chart starts again on the new cluster, from the step on show
    expect(p.series.step).toEqual([5]);
    expect(view.version).toBe(version);
    const traffic = view.traffic;
    expect(traffic).not.toBe('no-dispatch');
    expect(traffic && traffic !== 'no-dispatch' && traffic.traffic.gpus).toBe(4);
    view.clear();
    expect(view.placement).toBeNull();
  });
});
