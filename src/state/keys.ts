// Presenter keys. A presentation clicker sends →/PageDown and ←/PageUp (and sometimes Space,
// which is also page scroll): Space does nothing here unless a control has focus, and then the
// control handles it. Keys typed into a field or moving a slider belong to that control.

export type KeyAction =
  | 'toggle-play'
  | 'step'
  | 'reset'
  | 'fullscreen'
  | 'bigger'
  | 'smaller'
  | 'next-slide'
  | 'prev-slide'
  | 'help'
  | 'close';

export interface KeyContext {
  /** a deck is open: arrows move between slides instead of stepping */
  inDeck: boolean;
  /** the focused element's tag and type, to leave its own keys alone */
  targetTag?: string;
  targetType?: string;
  targetEditable?: boolean;
}

/** The keys listed in the ? overlay, in order, with the message key of their description. */
export const KEY_HELP: readonly { keys: string; action: KeyAction }[] = [
  { keys: 'P', action: 'toggle-play' },
  { keys: 'S', action: 'step' },
  { keys: 'R', action: 'reset' },
  { keys: 'F', action: 'fullscreen' },
  { keys: '+ / −', action: 'bigger' },
  { keys: '→ / PageDown', action: 'next-slide' },
  { keys: '← / PageUp', action: 'prev-slide' },
  { keys: '?', action: 'help' },
  { keys: 'Esc', action: 'close' },
];

function ownsKeys(ctx: KeyContext): boolean {
  const tag = ctx.targetTag?.toUpperCase();
  if (ctx.targetEditable || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  // a range slider uses the arrows; text and number fields use everything
  return tag === 'INPUT' && ctx.targetType !== 'checkbox' && ctx.targetType !== 'radio' && ctx.targetType !== 'button';
}

/** The action for a key press, or null to let the browser (or the focused control) have it. */
export function keyAction(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }, ctx: KeyContext): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'Escape') return 'close';
  if (ownsKeys(ctx)) return null;
  switch (e.key) {
    case 'p':
    case 'P':
      return 'toggle-play';
    case 's':
    case 'S':
      return 'step';
    case 'r':
    case 'R':
      return 'reset';
    case 'f':
    case 'F':
      return 'fullscreen';
    case '+':
    case '=':
      return 'bigger';
    case '-':
    case '_':
    case '−':
      return 'smaller';
    case '?':
      return 'help';
    case 'PageDown':
      return ctx.inDeck ? 'next-slide' : null;
    case 'PageUp':
      return ctx.inDeck ? 'prev-slide' : null;
    case 'ArrowRight':
      return ctx.inDeck ? 'next-slide' : 'step';
    case 'ArrowLeft':
      return ctx.inDeck ? 'prev-slide' : null;
    default:
      return null;
  }
}
