// A seeded synthetic router trace for the examples, the tests and the benches: short texts in
// three domains (English prose, code, Chinese) routed by 4 layers × 8 experts, top-2, where each
// domain prefers a few experts per layer and each token leans its own way, so the heatmaps and
// the co-activation matrix show structure. Synthetic: made by MoE Playground, not recorded from
// a model. `syntheticTraceLines` writes the project's own format (docs/traces.md) line by line.

import { hashString, mulberry32, normal, permutation } from '../rng';
import { OWN_FORMAT, OWN_VERSION } from './ownHeader';

export const SYNTHETIC_LABEL = 'synthetic: made by MoE Playground, not recorded from a model';

export const SYNTHETIC_DOMAINS = ['English prose', 'code', 'Chinese'] as const;

const TEXTS: readonly (readonly string[])[] = [
  [
    'The river ran quietly past the old mill, and the children counted the boats that drifted by in the evening light.',
    'A good letter says what it means in the first line, then gives the reader the reasons, one at a time.',
    'When the snow came early that year, the farmers brought the sheep down from the hills and waited for spring.',
  ],
  [
    'for (let i = 0; i < items.length; i++) { total += items[i].price * items[i].count; }',
    'def mean(xs):\n    return sum(xs) / len(xs) if xs else 0.0',
    'const load = new Float64Array(E); for (const e of experts) if (e >= 0) load[e] += 1;',
  ],
  [
    '今天早上下了一场小雨，街上的行人都撑着伞，慢慢地走向车站。',
    '这个模型把每个词元送到两个专家那里，再把它们的结果加在一起。',
    '图书馆在周末开放到晚上九点，欢迎大家带着孩子来读书。',
  ],
];

/** A domain's text cut into tokens the way a small tokenizer might: words with their space, code symbols, Chinese characters. */
export function syntheticTokens(text: string, domain: number): string[] {
  if (domain === 2) return [...text];
  return text.match(/\s*[A-Za-z_]+|\s*\d+(?:\.\d+)?|\s*[^\sA-Za-z_\d]|\s+/g) ?? [];
}

export interface SyntheticOptions {
  seed?: number;
  layers?: number;
  experts?: number;
  k?: number;
  /** tokens to write; the texts repeat (with other noise) past their own few hundred tokens */
  tokens?: number;
  /** tokens per step */
  stepTokens?: number;
  logits?: boolean;
  weights?: boolean;
}

export interface SyntheticToken {
  text: string;
  domain: number;
  doc: number;
  step: number;
  /** [layers][k] */
  choices: number[][];
  weights: number[][];
  /** [layers][E] */
  logits: number[][];
}

const DEFAULTS = { seed: 18, layers: 4, experts: 8, k: 2, stepTokens: 32, logits: true, weights: true };

/** The documents in order: every text of every domain. */
function documents(): { text: string; domain: number; name: string }[] {
  const docs: { text: string; domain: number; name: string }[] = [];
  TEXTS.forEach((texts, domain) => texts.forEach((text, i) => docs.push({ text, domain, name: `${SYNTHETIC_DOMAINS[domain]} ${i + 1}` })));
  return docs;
}

export function syntheticDocumentCount(): number {
  return documents().length;
}

/** Rounds to 4 decimals, so the files stay short and the same on every machine. */
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The routed tokens, one at a time (so a big trace never holds them all). */
export function* syntheticTokenStream(options: SyntheticOptions = {}): Generator<SyntheticToken> {
  const o = { ...DEFAULTS, ...options };
  const rand = mulberry32(o.seed);
  // each domain's favourite experts per layer: a bonus on 2 or 3 of them
  const pref: number[][][] = SYNTHETIC_DOMAINS.map(() =>
    Array.from({ length: o.layers }, () => {
      const bonus = new Array<number>(o.experts).fill(0);
      const n = 2 + Math.floor(rand() * 2);
      const order = permutation(o.experts, rand);
      for (let i = 0; i < n; i++) bonus[order[i]] += 2.2 - 0.4 * i;
      return bonus;
    }),
  );
  const docs = documents();
  const tokenTexts = docs.map((d) => syntheticTokens(d.text, d.domain));
  const natural = tokenTexts.reduce((s, t) => s + t.length, 0);
  const total = o.tokens ?? natural;
  let t = 0;
  for (let round = 0; t < total; round++) {
    for (let d = 0; d < docs.length && t < total; d++) {
      for (const text of tokenTexts[d]) {
        if (t >= total) break;
        const domain = docs[d].domain;
        const tok: SyntheticToken = { text, domain, doc: d, step: Math.floor(t / o.stepTokens), choices: [], weights: [], logits: [] };
        for (let l = 0; l < o.layers; l++) {
          // the token's own lean: the same token text leans the same way in a layer
          const lean = mulberry32(hashString(text.trim() || text, l));
          const logits = pref[domain][l].map((b) => r4(b + 1.2 * normal(lean) + 0.5 * normal(rand)));
          const order = logits.map((_, e) => e).sort((a, b) => logits[b] - logits[a] || a - b);
          const top = order.slice(0, o.k);
          const exps = top.map((e) => Math.exp(logits[e] - logits[top[0]]));
          const sum = exps.reduce((s, x) => s + x, 0);
          tok.choices.push(top);
          tok.weights.push(exps.map((x) => r4(x / sum)));
          tok.logits.push(logits);
        }
        yield tok;
        t++;
      }
    }
  }
}

/** The project's own format, version 1: a header line, then one line per token (no newlines). */
export function* syntheticTraceLines(options: SyntheticOptions = {}): Generator<string> {
  const o = { ...DEFAULTS, ...options };
  yield JSON.stringify({
    format: OWN_FORMAT,
    version: OWN_VERSION,
    model: 'synthetic-moe (4 layers × 8 experts, top-2)',
    synthetic: true,
    description: SYNTHETIC_LABEL,
    layers: Array.from({ length: o.layers }, (_, l) => ({ name: `layers.${l}.moe.gate`, experts: o.experts, k: o.k })),
    domains: [...SYNTHETIC_DOMAINS],
    documents: documents().map((d) => d.name),
  });
  for (const tok of syntheticTokenStream(o)) {
    const line: Record<string, unknown> = { choices: tok.choices };
    if (o.weights) line.weights = tok.weights;
    if (o.logits) line.logits = tok.logits;
    line.text = tok.text;
    line.domain = tok.domain;
    line.doc = tok.doc;
    line.step = tok.step;
    yield JSON.stringify(line);
  }
}

/** About how many tokens make a file of `bytes` in the own format (for benches: "a 100 MB trace"). */
export function syntheticTokensForBytes(bytes: number, options: SyntheticOptions = {}): number {
  const sample = 200;
  let size = 0;
  let n = -1;
  for (const line of syntheticTraceLines({ ...options, tokens: sample })) {
    if (n >= 0) size += new TextEncoder().encode(line).length + 1;
    n++;
  }
  return Math.max(1, Math.round(bytes / (size / sample)));
}
