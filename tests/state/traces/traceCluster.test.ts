import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/engine/config';
import { clusterSettings } from '../../../src/state/cluster/clusterView.svelte';
import { lastBatch, traceCluster } from '../../../src/state/traces/traceCluster';
import { countsTrace, tokenLayer, traceOf } from '../../engine/traces/statsFixtures';

const settings = clusterSettings({ ...DEFAULT_CONFIG, nodes: 1, gpusPerNode: 2, replicaSlotsPerGpu: 1, placement: 'contiguous' });
const layer = tokenLayer(4, [[0, 1], [1, 0], [0, 1], [2, 3], [3, 2], [0, 2]], [0, 0, 1, 1, 2, 2]);

describe('traceCluster', () => {
  it('places the whole layer’s load and follows its steps', () => {
    const view = traceCluster(traceOf([layer]), 0, settings);
    if ('problem' in view) throw new Error(view.problem);
    // load [4,3,3,2]; contiguous on 2 GPUs: GPU 0 holds experts 0, 1 (7), GPU 1 holds 2, 3 (5)
    expect(Array.from(view.placement.gpuLoad)).toEqual([7, 5]);
    expect(view.choices).toBe(12);
    // step 0: load [2,2,0,0] → GPUs [4,0], balancedness 2/4; step 1: [1,1,1,1] → [2,2], 1;
    // step 2: [1,0,2,1] → [1,3], 2/3
    expect(view.placement.series.step).toEqual([0, 1, 2]);
    expect(view.placement.series.current[0]).toBe(0.5);
    expect(view.placement.series.current[1]).toBe(1);
    expect(view.placement.series.current[2]).toBeCloseTo(2 / 3, 12);
    expect(view.trafficStep).toBe(2);
    expect(view.traffic !== 'needs-tokens' && view.traffic.T).toBe(2);
  });

  it('takes the last step’s tokens in order, or every token without steps', () => {
    expect(Array.from(lastBatch(layer).batch.experts)).toEqual([3, 2, 0, 2]);
    const noSteps = tokenLayer(2, [[0], [1]]);
    expect(lastBatch(noSteps)).toMatchObject({ step: null, batch: { T: 2 } });
  });

  it('places counts without traffic, and says when there is nothing to place', () => {
    const view = traceCluster(countsTrace(4, [[[3, 1, 0, 0]]]), 0, settings);
    expect('problem' in view ? view.problem : view.traffic).toBe('needs-tokens');
    expect(traceCluster(countsTrace(4, [[[0, 0, 0, 0]]]), 0, settings)).toEqual({ problem: 'empty' });
  });
});
