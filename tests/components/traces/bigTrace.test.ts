// A DeepSeek-sized trace (E = 256, k = 8, 60 layers, 100k tokens: 48 M choices) through every
// statistic and the layers × experts view: they finish and their sums hold. No timing asserted.

import { render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import LayerExpertHeatmap from '../../../src/components/traces/LayerExpertHeatmap.svelte';
import { DEFAULT_CONFIG } from '../../../src/engine/config';
import { coActivation } from '../../../src/engine/traces/coactivation';
import { allLayerLoads, layerSummaries, sharesOf } from '../../../src/engine/traces/stats';
import { utilisationGrid } from '../../../src/engine/traces/utilisation';
import { clusterSettings } from '../../../src/state/cluster/clusterView.svelte';
import { traceCluster } from '../../../src/state/traces/traceCluster';
import { bigTrace } from '../../engine/traces/statsFixtures';

beforeAll(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

const L = 60;
const E = 256;
const T = 100_000;
const k = 8;
const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

describe('a big trace', () => {
  const trace = bigTrace(L, E, T, k);

  it('counts every choice in the load, the shares, the co-activation, the time buckets and the cluster', () => {
    const loads = allLayerLoads(trace);
    expect(loads).toHaveLength(L);
    for (const load of loads) expect(sum(load)).toBe(T * k);
    const shares = sharesOf(loads);
    for (const row of shares.share) expect(Math.abs(sum(row) - 1)).toBeLessThan(1e-9);
    const summaries = layerSummaries(trace, loads);
    for (const s of summaries) {
      expect(s.mean).toBe((T * k) / E);
      expect(s.balancedness).toBeGreaterThan(0);
      expect(s.balancedness).toBeLessThanOrEqual(1);
    }
    const co = coActivation(trace.layers[0]);
    // the diagonal is the load (choices are distinct); each token adds k·k cells in all
    for (let e = 0; e < E; e++) expect(co.counts[e * E + e]).toBe(loads[0][e]);
    expect(sum(co.counts)).toBe(T * k * k);
    // steps of 1,000 tokens: 100 columns
    const grid = utilisationGrid(trace, L - 1)!;
    expect(grid.cols).toBe(100);
    expect(sum(grid.counts)).toBe(T * k);
    const view = traceCluster(trace, 0, clusterSettings(DEFAULT_CONFIG));
    if ('problem' in view) throw new Error(view.problem);
    expect(sum(view.placement.gpuLoad)).toBeCloseTo(T * k, 6);
    expect(view.placement.series.step).toHaveLength(100);
    expect(view.traffic !== 'needs-tokens' && view.traffic.T).toBe(1000);
  });

  it('draws the layers × experts view', () => {
    const { getByTestId, getAllByTestId } = render(LayerExpertHeatmap, { trace, layer: 30 });
    expect(getByTestId('layers-summary').textContent).toMatch(/^60 layers\./);
    expect(getAllByTestId('layer-row')).toHaveLength(L);
  });
});
