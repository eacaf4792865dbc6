// The charts follow a run that grows in place: each new snapshot must show, not only the first.
import { render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import LossChart from '../../src/components/LossChart.svelte';
import UtilisationHeatmap from '../../src/components/UtilisationHeatmap.svelte';
import { RunHistory } from '../../src/state/history.svelte';
import { makeSnapshot } from './fixtures';

describe('charts of a live run', () => {
  it('show the latest step after every snapshot', () => {
    const history = new RunHistory();
    history.add(makeSnapshot({ step: 1 }));
    const loss = render(LossChart, { history, balanceCoef: 0.01 });
    const heat = render(UtilisationHeatmap, { history });
    expect(loss.container.textContent).toMatch(/step 1\b/);
    for (let step = 2; step <= 5; step++) {
      history.add(makeSnapshot({ step }));
      flushSync();
      expect(loss.container.textContent).toMatch(new RegExp(`step ${step}\\b`));
      expect(heat.container.textContent).toMatch(new RegExp(`Step ${step}\\b`));
    }
  });
});
