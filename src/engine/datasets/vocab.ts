// Character tokens: each Unicode code point is one token, whitespace and newlines included, so
// Chinese, code indentation and digits all live in one small vocabulary.

export const PAD_ID = 0;
const PAD_TOKEN = '';

/** Code points, not UTF-16 units, so a character outside the BMP stays one token. */
export function tokenize(text: string): string[] {
  return Array.from(text);
}

/** The pad token, then every token of the texts in code point order: stable whatever the text order. */
export function buildVocab(texts: Iterable<string>): string[] {
  const tokens = new Set<string>();
  for (const text of texts) for (const token of tokenize(text)) tokens.add(token);
  const sorted = [...tokens].sort((a, b) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0));
  return [PAD_TOKEN, ...sorted];
}

export function encode(text: string, ids: ReadonlyMap<string, number>): Int32Array {
  return Int32Array.from(tokenize(text), (token) => {
    const id = ids.get(token);
    if (id === undefined) throw new RangeError(`encode: token ${JSON.stringify(token)} is not in the vocabulary`);
    return id;
  });
}

export function decode(ids: ArrayLike<number>, vocab: readonly string[]): string {
  return Array.from(ids, (id) => vocab[id]).join('');
}

const VISIBLE: Readonly<Record<string, string>> = {
  [PAD_TOKEN]: '∅',
  '\n': '⏎',
  ' ': '␣',
  '\t': '⇥',
};

/** A token as a person can see it in a label: invisible ones get a symbol. */
export function display(token: string): string {
  return VISIBLE[token] ?? token;
}
