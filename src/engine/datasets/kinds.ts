// Which dataset names are text, in a module of its own so the views and the budget can ask
// without bundling the corpus or the grammars.

/** The datasets whose examples are token windows (TextData): a string, so a config's name fits too. */
export function isTextDataset(name: string): name is 'text' | 'corpus' {
  return name === 'text' || name === 'corpus';
}
