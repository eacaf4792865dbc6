// The views of sequences (routedWith.seqLen = L > 1): the inspector's place in the sequence, the
// heatmap's load per sequence, the flow's grouping; and that L = 1 shows none of it.

import { fireEvent, render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import RoutingFlow from '../../src/components/RoutingFlow.svelte';
import TokenInspector from '../../src/components/TokenInspector.svelte';
import { tokenAt } from '../../src/components/flow/hit';
import { computeFlowLayout } from '../../src/components/flow/layout';
import { sequenceGrid } from '../../src/components/sequenceHeatmap';
import UtilisationHeatmap from '../../src/components/UtilisationHeatmap.svelte';
import { locale } from '../../src/i18n/index.svelte';
import { RunHistory } from '../../src/state/history.svelte';
import { looksAcrossBatch, routingReach } from '../../src/state/sequences';
import { sampleBatch } from '../../src/worker/snapshotSample';
import { PROBS_LIMIT } from '../../src/worker/protocol';
import type { Snapshot } from '../../src/worker/protocol';
import { FIXTURE_VOCAB, makeSnapshot, type FixtureOptions } from './fixtures';

beforeAll(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

/** A fixture routed as sequences of L tokens. */
function inSequences(L: number, opts: FixtureOptions = {}): Snapshot {
  const s = makeSnapshot(opts);
  return { ...s, routedWith: { ...s.routedWith, seqLen: L } };
}

describe('token inspector: the token’s sequence', () => {
  it('names the sequence and the position, and marks the token in its sequence’s text', () => {
    // T = 32, L = 4: token 9 is position 1 of sequence 2 (tokens 8–11)
    const s = inSequences(4, { T: 32, text: true });
    const { getByTestId } = render(TokenInspector, { snapshot: s, token: 9, vocab: FIXTURE_VOCAB });
    const section = getByTestId('inspector-sequence');
    expect(section.textContent).toContain('Sequence 2 of 8, position 1 of 4 (both counted from 0).');
    // the fixture's token t is vocab[1 + t mod 10]: tokens 8–11 are ids 9, 10, 1, 2: '1', '+', ' ' (shown ␣), 'a'
    expect(section.querySelector('.text')!.textContent!.replace(/\s+/g, '')).toBe('Itssequence:1+␣a');
    expect(getByTestId('inspector-sequence-here').textContent).toBe('+');
    // token choice routes each token by itself: no note about the whole batch
    expect(section.textContent).not.toContain('whole batch');
  });

  it('says when the router looks across the whole batch (expert choice)', () => {
    const s = inSequences(4, { T: 16, spec: { scheme: 'expert-choice', k: 4, capacityFactor: 1 } });
    const { getByTestId } = render(TokenInspector, { snapshot: s, token: 5 });
    expect(getByTestId('inspector-sequence').dataset).toMatchObject({ sequence: '1', position: '1' });
    expect(getByTestId('inspector-sequence-across').textContent).toContain('looks across the whole batch');
  });

  it('speaks Chinese: 序列 and 位置', () => {
    locale.lang = 'zh-CN';
    try {
      const { getByTestId } = render(TokenInspector, { snapshot: inSequences(4, { T: 32 }), token: 9 });
      expect(getByTestId('inspector-sequence').textContent).toContain('序列 2（共 8 个），位置 1（共 4 个；均从 0 数起）。');
    } finally {
      locale.lang = 'en';
    }
  });

  it('shows nothing of sequences for L = 1', () => {
    const { queryByTestId } = render(TokenInspector, { snapshot: makeSnapshot({ text: true }), token: 9, vocab: FIXTURE_VOCAB });
    expect(queryByTestId('inspector-sequence')).toBeNull();
  });
});

/** A history holding the snapshot's own step. */
function historyOf(s: Snapshot): RunHistory {
  const h = new RunHistory();
  h.add(s);
  return h;
}

/** T = 8 tokens, k = 1, E = 2, L = 4: sequence 0 all on expert 0, sequence 1 all on expert 1. */
function crowdedSequences(): Snapshot {
  const s = inSequences(4, { T: 8, E: 2, spec: { k: 1, capacityFactor: null } });
  const experts = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
  return { ...s, experts, dropped: new Uint8Array(8), kept: Int32Array.from([4, 4]), load: Int32Array.from([4, 4]) };
}

describe('utilisation heatmap: load per sequence', () => {
  it('offers the view per sequence beside the one over steps, and explains the gap to the batch', async () => {
    const s = crowdedSequences();
    const { getByRole, getByTestId, queryByTestId } = render(UtilisationHeatmap, { history: historyOf(s), snapshot: s });
    expect(getByTestId('heatmap-summary')).toBeInTheDocument();
    await fireEvent.click(getByRole('button', { name: 'per sequence' }));
    expect(getByRole('button', { name: 'per sequence' }).getAttribute('aria-pressed')).toBe('true');
    expect(queryByTestId('heatmap-summary')).toBeNull();
    const view = getByTestId('heatmap-sequences');
    expect(view.dataset).toMatchObject({ rows: '2', group: '1' });
    // each sequence keeps all 4 of its choices on one expert (100%); the batch splits 4 / 4 (50%)
    expect(getByTestId('heatmap-sequences-summary').textContent).toBe(
      'Step 10, 2 sequences of 4 tokens: a sequence’s busiest expert keeps 100.0% of its choices on average (at most 100.0%, sequence 0); across the whole batch the busiest keeps 50.0% (ideal 50.0%).',
    );
    expect(view.textContent).toContain('seq_aux_loss balances every sequence on its own');
    expect(queryByTestId('heatmap-sequences-sampled')).toBeNull();
    expect(queryByTestId('heatmap-sequences-across')).toBeNull();
    // the arrows read one cell: sequence 0 on expert 1 holds nothing
    const chart = getByRole('application');
    await fireEvent.keyDown(chart, { key: 'ArrowRight' });
    await fireEvent.keyDown(chart, { key: 'ArrowRight' });
    expect(view.textContent).toContain('Sequence 0, expert 1: 0.0% of the kept choices (0.00× the even share).');
    await fireEvent.click(getByRole('button', { name: 'over steps' }));
    expect(getByTestId('heatmap-summary')).toBeInTheDocument();
  });

  it('notes routers that look across the whole batch (Soft MoE)', async () => {
    const s = inSequences(4, { T: 16, E: 4, spec: { scheme: 'soft', capacityFactor: null } });
    const { getByRole, getByTestId } = render(UtilisationHeatmap, { history: historyOf(s), snapshot: s });
    await fireEvent.click(getByRole('button', { name: 'per sequence' }));
    expect(getByTestId('heatmap-sequences-across').textContent).toContain('looks across the whole batch');
  });

  it('has no toggle for L = 1 or without a snapshot', () => {
    const s = makeSnapshot();
    expect(render(UtilisationHeatmap, { history: historyOf(s), snapshot: s }).queryByRole('button', { name: 'per sequence' })).toBeNull();
    const withL = inSequences(4);
    expect(render(UtilisationHeatmap, { history: historyOf(withL) }).queryByRole('button', { name: 'per sequence' })).toBeNull();
  });
});

describe('heatmap cells per sequence', () => {
  it('sums neighbouring sequences into a row beyond the rows the height holds', () => {
    // B = 3, E = 2, at most 2 rows: rows of 2 sequences (0–1) and 1 (2)
    const g = sequenceGrid({ B: 3, E: 2, counts: Int32Array.from([3, 1, 1, 3, 0, 0]) }, 2);
    expect([g.rows, g.group]).toEqual([2, 2]);
    // row 0: (3+1, 1+3) = 4, 4 → ½, ½; row 1 has no choices: zeros
    expect(Array.from(g.share)).toEqual([0.5, 0.5, 0, 0]);
  });
});

describe('routing flow: tokens grouped by sequence', () => {
  it('slots mode: a label cell before every sequence, which no token owns', () => {
    // T = 32, L = 4: 8 runs of 4 tokens, 40 strip cells
    const s = inSequences(4, { T: 32, E: 4 });
    const l = computeFlowLayout(s, { width: 640, height: 380, shared: 0 });
    expect(l.mode).toBe('slots');
    const q = l.sequences!;
    expect([q.L, q.B, q.runs.length, q.cellToken!.length]).toEqual([4, 8, 8, 40]);
    // sequence 1 is tokens 4–7: its label in cell 5, its tokens in cells 6–9
    expect(q.runs[1]).toEqual({ seq: 1, first: 4, last: 7, cell: 5 });
    expect(Array.from(q.tokenCell.subarray(4, 8))).toEqual([6, 7, 8, 9]);
    const { strip } = l;
    const centre = (cell: number) => [strip.x + (cell % strip.cols) * strip.cell + strip.cell / 2, strip.y + Math.floor(cell / strip.cols) * strip.rowH + 1] as const;
    expect(tokenAt(l, ...centre(5))).toBeNull();
    expect(tokenAt(l, ...centre(6))).toBe(4);
    expect(tokenAt(l, ...centre(39))).toBe(31);
  });

  it('L = 1 lays the strip out as before, one cell per token', () => {
    const l = computeFlowLayout(makeSnapshot({ T: 32, E: 4 }), { width: 640, height: 380, shared: 0 });
    expect(l.sequences).toBeNull();
    expect(tokenAt(l, l.strip.x + 5 * l.strip.cell + 1, l.strip.y + 1)).toBe(5);
  });

  it('dense mode keeps a tick per token and knows the runs', () => {
    const s = inSequences(8, { T: 1024, E: 8 });
    const l = computeFlowLayout(s, { width: 640, height: 380, shared: 0 });
    expect(l.mode).toBe('dense');
    expect(l.sequences!.runs).toHaveLength(128);
    expect(l.sequences!.cellToken).toBeNull();
    expect(l.tokenX[9] - l.tokenX[8]).toBe(1);
  });

  it('says the strip is grouped, and that expert choice looks across the batch', () => {
    const s = inSequences(4, { T: 16, E: 4, spec: { scheme: 'expert-choice', k: 4, capacityFactor: 1 } });
    const { getByTestId } = render(RoutingFlow, { snapshot: s, shared: 0 });
    const note = getByTestId('flow-sequences').textContent!;
    expect(note).toContain('Tokens grouped by sequence: 4 sequences of 4');
    expect(note).toContain('looks across the whole batch');
  });

  it('a sample of one token per sequence is not grouped, and says why', () => {
    // 64 tokens sampled one in 4, L = 4: every drawn token in a sequence of its own
    const s = inSequences(4, { T: 64, E: 4 });
    const batch = { labels: s.labels, tokenIds: s.tokens!, points: new Float32Array(2 * 64) };
    const sampled = { ...s, ...sampleBatch({ ...s, probs: s.probs! }, batch, s.predicted, PROBS_LIMIT, { tokens: 16, slots: 32 }) };
    expect(sampled.sample!.stride).toBe(4);
    const { getByTestId, queryByTestId } = render(RoutingFlow, { snapshot: sampled, shared: 0 });
    expect(getByTestId('flow-sequences').textContent).toContain('at most one token per sequence (one in 4)');
    expect(queryByTestId('flow-sequence-marks')).toBeNull();
  });

  it('shows nothing of sequences for L = 1', () => {
    const { queryByTestId } = render(RoutingFlow, { snapshot: makeSnapshot(), shared: 0 });
    expect(queryByTestId('flow-sequences')).toBeNull();
  });

  it('Chinese joins the sentences without a space after 。', () => {
    locale.lang = 'zh-CN';
    try {
      const s = inSequences(4, { T: 16, E: 4, spec: { scheme: 'expert-choice', k: 4, capacityFactor: 1 } });
      const note = render(RoutingFlow, { snapshot: s, shared: 0 }).getByTestId('flow-sequences').textContent!;
      expect(note).toContain('下方。此路由器');
    } finally {
      locale.lang = 'en';
    }
  });
});

describe('merging routers look at their own sequence, not the batch', () => {
  // SMEAR merges per sequence from the whole sequence; Lory per segment, from the segment before
  const smear = () => makeSnapshot({ T: 16, E: 4, spec: { scheme: 'smear', k: 4, capacityFactor: null, seqLen: 4 } });
  const lory = () => makeSnapshot({ T: 16, E: 4, spec: { scheme: 'lory', k: 4, capacityFactor: null, seqLen: 8, segmentLen: 4 } });

  it('the reach each router has', () => {
    expect(routingReach('token-choice')).toBe('own');
    expect(routingReach('lory')).toBe('own');
    expect(routingReach('smear')).toBe('sequence');
    expect(routingReach('expert-choice')).toBe('batch');
    expect(routingReach('soft')).toBe('batch');
    expect([looksAcrossBatch('smear'), looksAcrossBatch('lory'), looksAcrossBatch('sinkhorn')]).toEqual([false, false, true]);
  });

  it('SMEAR: flow, inspector and heatmap say it reads its own sequence (later tokens too), not the batch', async () => {
    const s = smear();
    const flow = render(RoutingFlow, { snapshot: s, shared: 0 }).getByTestId('flow-sequences').textContent!;
    expect(flow).not.toContain('whole batch');
    expect(flow).toContain('later tokens included');
    const inspector = render(TokenInspector, { snapshot: s, token: 5 });
    const note = inspector.getByTestId('inspector-sequence-across');
    expect(note.textContent).toContain('depends on its own sequence, not on the other sequences');
    expect(note.textContent).not.toContain('whole batch');
    const heat = render(UtilisationHeatmap, { history: historyOf(s), snapshot: s });
    await fireEvent.click(heat.getByRole('button', { name: 'per sequence' }));
    expect(heat.getByTestId('heatmap-sequences-across').dataset.reach).toBe('sequence');
  });

  it('Lory: no note at all', async () => {
    const s = lory();
    expect(render(RoutingFlow, { snapshot: s, shared: 0 }).getByTestId('flow-sequences').dataset.reach).toBe('own');
    expect(render(TokenInspector, { snapshot: s, token: 5 }).queryByTestId('inspector-sequence-across')).toBeNull();
    const heat = render(UtilisationHeatmap, { history: historyOf(s), snapshot: s });
    await fireEvent.click(heat.getByRole('button', { name: 'per sequence' }));
    expect(heat.queryByTestId('heatmap-sequences-across')).toBeNull();
  });

  it('the heatmap explains its flat map, and the per-sequence view drops the seq_aux_loss paragraph', async () => {
    const s = smear();
    const heat = render(UtilisationHeatmap, { history: historyOf(s), snapshot: s });
    expect(heat.getByTestId('heatmap-merged').textContent).toContain('every expert serves every token');
    expect(heat.getByTestId('heatmap-merged').textContent).toContain('mean merge weights');
    expect(heat.queryByTestId('heatmap-even')).toBeNull();
    await fireEvent.click(heat.getByRole('button', { name: 'per sequence' }));
    expect(heat.getByTestId('heatmap-sequences-merged')).toBeInTheDocument();
    expect(heat.queryByTestId('heatmap-sequences-why')).toBeNull();
  });
});
