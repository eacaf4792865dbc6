import { fireEvent, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import BalanceOverTime from '../../../src/components/traces/BalanceOverTime.svelte';
import CoActivationMatrix from '../../../src/components/traces/CoActivationMatrix.svelte';
import TraceCluster from '../../../src/components/traces/TraceCluster.svelte';
import TraceUtilisation from '../../../src/components/traces/TraceUtilisation.svelte';
import { DEFAULT_CONFIG } from '../../../src/engine/config';
import { countsTrace, tokenLayer, traceOf } from '../../engine/traces/statsFixtures';

beforeAll(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

// E = 4, k = 2, six tokens over steps 0, 0, 1, 1, 2, 2: {0,1} three times, {2,3} twice, {0,2} once.
// Load: expert 0 on 4 tokens, 1 on 3, 2 on 3, 3 on 2; 12 choices.
const trace = traceOf([tokenLayer(4, [[0, 1], [1, 0], [0, 1], [2, 3], [3, 2], [0, 2]], [0, 0, 1, 1, 2, 2])]);

describe('CoActivationMatrix', () => {
  it('names the busiest pair in its text alternative and reads a pair', async () => {
    const { getByRole, getByTestId, getByText } = render(CoActivationMatrix, { trace, layer: 0 });
    // pair 0–1: 3 tokens; expected 4 · 3 / 6 = 2, so lift 1.50
    expect(getByTestId('coactivation-busiest').textContent).toBe('The pair serving the most tokens together: experts 0 and 1, 3 tokens, 1.50× chance.');
    expect(getByRole('application').getAttribute('aria-label')).toContain('experts 0 and 1, 3 tokens');
    await fireEvent.keyDown(getByRole('application'), { key: 'ArrowRight' });
    // P(1 | 0) = 3/4, P(0 | 1) = 3/3
    expect(getByText('Experts 0 and 1: 3 tokens together, 1.50× what independent choices would give; 75.0% of expert 0’s tokens also chose 1, and 100.0% of expert 1’s chose 0.')).toBeInTheDocument();
  });

  it('says it needs token choices for a counts-only trace, and that k = 1 shares nothing', () => {
    const counts = render(CoActivationMatrix, { trace: countsTrace(2, [[[1, 3]]]), layer: 0 });
    expect(counts.getByTestId('coactivation-needs-tokens').textContent).toMatch(/needs each token’s choices/);
    counts.unmount();
    const single = render(CoActivationMatrix, { trace: traceOf([tokenLayer(3, [[0], [1]])]), layer: 0 });
    expect(single.getByTestId('coactivation-none')).toBeInTheDocument();
  });
});

describe('TraceUtilisation', () => {
  it('draws experts over the trace’s steps and sums up the layer', async () => {
    const { getByRole, getByTestId, getByText } = render(TraceUtilisation, { trace, layer: 0 });
    // busiest expert 0: 4 of 12 choices = 33.3%
    expect(getByTestId('utilisation-summary').textContent).toBe('Over the whole layer the busiest expert, 0, takes 33.3% of the choices (even share 25.0%); 0 of 4 experts took none.');
    expect(getByText(/columns? the trace’s steps 0–2 \(1 a column\)/)).toBeInTheDocument();
    // the first arrow shows the last column (step 2: tokens {3,2} and {0,2}): expert 0 has 1 of 4 choices
    await fireEvent.keyDown(getByRole('application'), { key: 'ArrowUp' });
    expect(getByText('expert 0, step 2: 25.0% of the choices (1.00 × the even share).')).toBeInTheDocument();
  });

  it('falls back to token buckets without steps', () => {
    const { getByText } = render(TraceUtilisation, { trace: traceOf([tokenLayer(2, [[0], [1], [1]])]), layer: 0 });
    expect(getByText(/The trace has no steps: each column is 1 consecutive tokens/)).toBeInTheDocument();
  });
});

describe('BalanceOverTime', () => {
  it('shows the last balancedness and the range', () => {
    const records = [
      { step: 10, avgTokens: 100, maxTokens: 200, balancedness: 0.5 },
      { step: 0, avgTokens: 100, maxTokens: 125, balancedness: 0.8 },
      { step: 20, avgTokens: 90, maxTokens: 100, balancedness: 0.9 },
    ];
    const { getByTestId } = render(BalanceOverTime, { records });
    expect(getByTestId('balance-last').textContent).toBe('Last logged step, 20: balancedness 0.900, 90 tokens a rank on average, 100 on the busiest.');
    // mean (0.5 + 0.8 + 0.9) / 3 = 0.733
    expect(getByTestId('balance-range').textContent).toBe('Over the log, balancedness ran from 0.500 (step 10) to 0.900 (step 20), 0.733 on average.');
  });

  it('moves its readout with the arrow keys', async () => {
    const records = [
      { step: 0, avgTokens: 4, maxTokens: 8, balancedness: 0.5 },
      { step: 1, avgTokens: 4, maxTokens: 5, balancedness: 0.8 },
    ];
    const { getByRole, getByText } = render(BalanceOverTime, { records });
    await fireEvent.keyDown(getByRole('application'), { key: 'ArrowLeft' });
    await fireEvent.keyDown(getByRole('application'), { key: 'ArrowLeft' });
    expect(getByText('Step 0: balancedness 0.500, 4 tokens on average, 8 on the busiest rank.')).toBeInTheDocument();
  });
});

describe('TraceCluster', () => {
  // its placement and traffic panels mount a task apart (stagedReveal): run those tasks at once
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const shown = <T>(view: T): T => {
    vi.runAllTimers();
    flushSync();
    return view;
  };
  const config = { ...DEFAULT_CONFIG, nodes: 1, gpusPerNode: 2, replicaSlotsPerGpu: 1, placement: 'contiguous' as const };

  it('places a small trace on the cluster’s GPUs and counts the last step’s traffic', () => {
    const { getByRole, getByTestId, getByText } = shown(render(TraceCluster, { trace, layer: 0, config }));
    expect(getByRole('heading', { name: 'Experts on GPUs' })).toBeInTheDocument();
    expect(getByTestId('trace-cluster-from').textContent).toMatch(/Layer 0’s 12 choices/);
    expect(getByTestId('placement-status').textContent).toMatch(/4 experts on 1 × 2 GPUs/);
    expect(getByText('The traffic of the trace’s last step, 2 (2 tokens), as one batch:')).toBeInTheDocument();
    expect(getByTestId('traffic-summary').textContent).toMatch(/^Step 2: 2 tokens/);
  });

  it('places from counts but says the traffic needs tokens; EPLB places too', () => {
    const counts = countsTrace(4, [[[5, 1, 1, 1], [6, 0, 1, 1]]]);
    const { getByTestId } = shown(render(TraceCluster, { trace: counts, layer: 0, config: { ...config, placement: 'eplb' } }));
    expect(getByTestId('placement-status').textContent).toMatch(/EPLB placed the experts once/);
    expect(getByTestId('trace-cluster-no-traffic')).toBeInTheDocument();
  });

  it('says when a layer routed nothing', () => {
    const { getByTestId } = render(TraceCluster, { trace: traceOf([tokenLayer(4, [[-1, -1]])]), layer: 0, config });
    expect(getByTestId('trace-cluster-problem').textContent).toMatch(/routed nothing/);
  });
});
