import { describe, expect, it } from 'vitest';
import { keyAction, type KeyContext } from '../../src/state/keys';

const page: KeyContext = { inDeck: false, targetTag: 'BODY' };
const deck: KeyContext = { inDeck: true, targetTag: 'BODY' };

describe('presenter keys', () => {
  it.each([
    ['p', page, 'toggle-play'],
    ['P', page, 'toggle-play'],
    ['s', page, 'step'],
    ['r', page, 'reset'],
    ['f', page, 'fullscreen'],
    ['+', page, 'bigger'],
    ['-', page, 'smaller'],
    ['?', page, 'help'],
    ['Escape', page, 'close'],
    // a clicker outside a deck: → steps, ← and the page keys do nothing
    ['ArrowRight', page, 'step'],
    ['ArrowLeft', page, null],
    ['PageDown', page, null],
    // in a deck the clicker walks the slides
    ['ArrowRight', deck, 'next-slide'],
    ['PageDown', deck, 'next-slide'],
    ['ArrowLeft', deck, 'prev-slide'],
    ['PageUp', deck, 'prev-slide'],
    // Space is page scroll and a clicker key: never an action
    [' ', page, null],
    [' ', deck, null],
  ] as const)('%s → %s', (key, ctx, action) => {
    expect(keyAction({ key }, ctx)).toBe(action);
  });

  it('leaves keys to a focused slider, field or select, except Escape', () => {
    const slider: KeyContext = { inDeck: true, targetTag: 'INPUT', targetType: 'range' };
    expect(keyAction({ key: 'ArrowRight' }, slider)).toBeNull();
    expect(keyAction({ key: 'p' }, { inDeck: false, targetTag: 'INPUT', targetType: 'number' })).toBeNull();
    expect(keyAction({ key: 's' }, { inDeck: false, targetTag: 'SELECT' })).toBeNull();
    expect(keyAction({ key: 'Escape' }, slider)).toBe('close');
    // a focused checkbox or button does not type: the presenter keys still work
    expect(keyAction({ key: 'p' }, { inDeck: false, targetTag: 'INPUT', targetType: 'checkbox' })).toBe('toggle-play');
    expect(keyAction({ key: 'p' }, { inDeck: false, targetTag: 'BUTTON' })).toBe('toggle-play');
  });

  it('ignores shortcuts with modifiers (the browser’s own)', () => {
    expect(keyAction({ key: 'r', ctrlKey: true }, page)).toBeNull();
    expect(keyAction({ key: 'f', metaKey: true }, page)).toBeNull();
  });
});
