// The placement and traffic panels and the cost panel's traffic line, fed by the real tracker and
// traffic count on small runs: the status lines, the moved count, the device limit's A/B link,
// and Soft MoE's message.

import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import CostPanel from '../../../src/components/CostPanel.svelte';
import PlacementPanel from '../../../src/components/cluster/PlacementPanel.svelte';
import TrafficPanel from '../../../src/components/cluster/TrafficPanel.svelte';
import { formatBytes } from '../../../src/components/budgetText';
import { PlacementTracker, type ClusterSettings } from '../../../src/state/cluster/placementTracker';
import { trafficOf, type TrafficFrame } from '../../../src/state/cluster/trafficFrame';
import { schemaDefaults, type MoeConfig } from '../../../src/state/schema';
import { clusterSettings, historyRows, routedSnapshot, stepRange } from '../../state/cluster/clusterFixtures';

const text = (el: HTMLElement) => el.textContent!.replace(/\s+/g, ' ').trim();

/** 4 experts on 1 node × 2 GPUs, window 10, EPLB every 50 steps; the hot expert moves at step 40. */
const SMALL = clusterSettings({ nodes: 1, gpusPerNode: 2, replicaSlotsPerGpu: 1, loadWindow: 10, replaceEvery: 50 });
const configOf = (s: ClusterSettings): MoeConfig => ({ ...schemaDefaults(), experts: 4, ...s });

function placementAfter(lastStep: number, settings = SMALL) {
  const tracker = new PlacementTracker();
  tracker.add(
    historyRows(stepRange(0, lastStep), (step) => (step < 40 ? [10, 1, 1, 1] : [1, 1, 1, 10])),
    4,
    1,
    settings,
  );
  return tracker.state!;
}

/** DeepSeek on 16 experts in 4 groups, 2 kept, on 4 nodes × 2 GPUs; every group kept with `open`. */
function trafficFrame(open = false): { frame: TrafficFrame; config: MoeConfig } {
  const settings = clusterSettings({ nodes: 4, gpusPerNode: 2, hiddenSize: 7168, bytesOut: 1, bytesBack: 2 });
  const config: MoeConfig = { ...schemaDefaults(), scheme: 'deepseek', experts: 16, topK: 4, groups: 4, topkGroups: open ? 4 : 2, capacityFactor: null, ...settings };
  const s = routedSnapshot(config, { T: 64, step: 120 });
  const tracker = new PlacementTracker();
  tracker.add(s.history, 16, 4, settings);
  const p = tracker.state!;
  return { frame: trafficOf(s, p.slots, p.cluster, settings) as TrafficFrame, config };
}

describe('PlacementPanel', () => {
  it('says when EPLB placed and will place next, and how many slots moved', () => {
    const p = placementAfter(120);
    const moved = p.moved!.reduce((a, b) => a + b, 0);
    const { getByTestId } = render(PlacementPanel, { placement: p, config: configOf(SMALL) });
    const status = text(getByTestId('placement-status'));
    expect(status).toContain('EPLB placed the experts at step 100 from the load of the last 10 steps; next at step 150.');
    // the hot expert moved at step 40, so the re-placement at 50 moved slots and the one at 100 none
    expect(status).not.toContain('did not hold');
    expect(status).toContain('4 experts on 1 × 2 GPUs, 6 slots (2 for replicas).');
    expect(moved).toBe(0);
    const at50 = placementAfter(60);
    const n = at50.moved!.reduce((a, b) => a + b, 0);
    expect(n).toBeGreaterThan(0);
    const again = render(PlacementPanel, { placement: at50, config: configOf(SMALL) });
    expect(text(again.getAllByTestId('placement-status')[1])).toContain(`At step 50, ${n} slots took an expert their GPU did not hold: its weights had to move.`);
    // the balance of both placements, side by side
    expect(text(again.getAllByTestId('balancedness-current')[1])).toMatch(/^balancedness \d\.\d\d \(\d+%\)$/);
    expect(again.getAllByTestId('balancedness-contiguous')).toHaveLength(2);
  });

  it('says EPLB placed once when it never re-places', () => {
    const once = clusterSettings({ ...SMALL, replaceEvery: 0 });
    const { getByTestId } = render(PlacementPanel, { placement: placementAfter(120, once), config: configOf(once) });
    expect(text(getByTestId('placement-status'))).toContain('EPLB placed the experts once, at step 0, from that step’s load.');
  });

  it('names a fixed policy and offers no EPLB steps', () => {
    const fixed = clusterSettings({ ...SMALL, placement: 'contiguous' });
    const { getByTestId, queryByText } = render(PlacementPanel, { placement: placementAfter(120, fixed), config: configOf(fixed) });
    expect(text(getByTestId('placement-status'))).toMatch(/^Contiguous placement: expert e on GPU ⌊e·G\/E⌋, one copy each, never moved\. 4 experts on 1 × 2 GPUs, 4 slots \(0 for replicas\)\.$/);
    expect(queryByText('How EPLB placed them, in three steps')).toBeNull();
  });
});

describe('TrafficPanel', () => {
  it('sums the step’s all-to-all up, and under the device limit links to the A/B that prices it', () => {
    const { frame, config } = trafficFrame();
    expect(frame.limited).not.toBeNull();
    const { getByTestId, getByRole } = render(TrafficPanel, { traffic: frame, config, preset: undefined });
    const summary = text(getByTestId('traffic-summary'));
    expect(summary).toContain(`Step 120: 64 tokens, each sent to ${frame.gpusPerToken.toFixed(2)} GPUs on ${frame.nodesPerToken.toFixed(2)} nodes on average.`);
    expect(summary).toContain(`${formatBytes(frame.bytes.total)} leave their GPU (${formatBytes(frame.bytes.crossNode)} across nodes), for one MoE layer at hidden size 7,168, 1 B a value out and 2 B back.`);
    const l = frame.limited!;
    expect(getByTestId('traffic-reach').textContent).toContain(
      `With the limit a token reaches ${l.gpusWith.toFixed(2)} GPUs on ${l.nodesWith.toFixed(2)} nodes on average`,
    );
    expect(getByTestId('traffic-reach').textContent).toContain(`with every group open, ${l.gpusWithout.toFixed(2)} GPUs on ${l.nodesWithout.toFixed(2)} nodes`);
    const link = getByRole('link', { name: /What the limit costs in loss/ });
    expect(link.getAttribute('href')).toMatch(/^#.*ab=1/);
    expect(link.getAttribute('href')).toContain('b.kg=4');
  });

  it('has no A/B link when every group is kept', () => {
    const { frame, config } = trafficFrame(true);
    const { getByTestId, queryByRole } = render(TrafficPanel, { traffic: frame, config });
    getByTestId('traffic-summary');
    expect(queryByRole('link')).toBeNull();
  });

  it('says why Soft MoE has no traffic to count', () => {
    const { getByText, queryByTestId } = render(TrafficPanel, { traffic: 'no-dispatch', config: { ...schemaDefaults(), scheme: 'soft' } });
    getByText(/Soft MoE sends no tokens to chosen experts/);
    expect(queryByTestId('traffic-summary')).toBeNull();
  });

  it('says why expert merging has no traffic to count', () => {
    const { getByText } = render(TrafficPanel, { traffic: 'no-dispatch', config: { ...schemaDefaults(), scheme: 'lory' } });
    getByText(/Expert merging sends no tokens to experts/);
  });
});

describe('CostPanel’s traffic line', () => {
  it('states the step’s all-to-all at the real model’s size when given one, and nothing without', () => {
    const { frame, config } = trafficFrame();
    const { getByTestId } = render(CostPanel, { config, traffic: frame });
    expect(text(getByTestId('cost-traffic'))).toBe(
      `All-to-all per step for this routing at the real model’s size (hidden 7,168, one MoE layer, 64 tokens): ${formatBytes(frame.bytes.total)} leave their GPU, ${formatBytes(frame.bytes.crossNode)} of it across nodes; ${formatBytes(frame.bytes.total / 64)} per token.`,
    );
    const without = render(CostPanel, { config });
    expect(without.container.querySelector('[data-testid="cost-traffic"]')).toBeNull();
  });
});
