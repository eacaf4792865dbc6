// The views of sequences (routedWith.seqLen = L > 1): the inspector's place in the sequence, the
// heatmap's load per sequence, the flow's grouping; and that L = 1 shows none of it.

import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import TokenInspector from '../../src/components/TokenInspector.svelte';
import type { Snapshot } from '../../src/worker/protocol';
import { FIXTURE_VOCAB, makeSnapshot, type FixtureOptions } from './fixtures';

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

  it('shows nothing of sequences for L = 1', () => {
    const { queryByTestId } = render(TokenInspector, { snapshot: makeSnapshot({ text: true }), token: 9, vocab: FIXTURE_VOCAB });
    expect(queryByTestId('inspector-sequence')).toBeNull();
  });
});
