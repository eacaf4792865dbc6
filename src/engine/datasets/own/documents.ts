// The user's text as domains of documents. A line `# domain: poetry` starts a domain (text
// before the first such line, or a text without one, is the domain "your text"; a name used
// again adds to its domain). A domain's documents are its blank-line-separated paragraphs, and a
// paragraph longer than CHUNK characters is cut into CHUNK-sized pieces, so a long unbroken text
// still has documents to hold out. Windows never cross a document (text.ts's windows()).

import type { OwnTextProblem } from './checks';

/** the name of the domain of text outside any marked section */
export const DEFAULT_DOMAIN = 'your text';
/** at most this many domains: a token's domain is a byte, and the views give each a colour */
export const MAX_DOMAINS = 16;
/** a domain name is cut to this many characters */
export const MAX_NAME = 40;
/** a paragraph longer than this many characters is cut into pieces of it */
export const CHUNK = 1024;
/** fewer characters than this are too few to hold any out and still learn from */
export const MIN_CHARS = 200;

const MARKER = /^#\s*domain\s*:\s*(.*?)\s*$/i;

export interface OwnDomain {
  name: string;
  /** the 1-based line of its first marker (1 for the unmarked text) */
  line: number;
  /** its documents, in the order of the text */
  docs: string[];
}

/** Domains and documents of a text, or what keeps it from being trained on. */
export function ownDocuments(raw: string): { domains: OwnDomain[] } | { problem: OwnTextProblem } {
  const text = raw.replace(/\r\n?/g, '\n');
  const chars = Array.from(text.replace(/^#\s*domain\s*:.*$/gim, '')).filter((c) => !/\s/.test(c)).length;
  if (chars === 0) return { problem: { code: 'empty' } };
  if (chars < MIN_CHARS) return { problem: { code: 'too-short', chars, limit: MIN_CHARS } };
  const sections = new Map<string, { line: number; lines: string[] }>();
  let current: { line: number; lines: string[] } | null = null;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (m) {
      const name = Array.from(m[1] || DEFAULT_DOMAIN).slice(0, MAX_NAME).join('');
      current = sections.get(name) ?? { line: i + 1, lines: [] };
      if (!sections.has(name)) {
        if (sections.size >= MAX_DOMAINS) throw new DomainLimit(i + 1, sections.size + 1);
        sections.set(name, current);
      }
      current.lines.push(''); // a marker ends the paragraph before it
      return;
    }
    if (!current) {
      current = { line: 1, lines: [] };
      sections.set(DEFAULT_DOMAIN, current);
    }
    current.lines.push(line);
  });
  const domains: OwnDomain[] = [];
  for (const [name, { line, lines: body }] of sections) {
    const docs = paragraphs(body.join('\n')).flatMap(chunks);
    if (docs.length === 0 && name === DEFAULT_DOMAIN && line === 1) continue; // only blank lines before the first marker
    if (docs.length < 2) return { problem: { code: 'domain-too-small', domain: name, line } };
    domains.push({ name, line, docs });
  }
  return { domains };
}

/** ownDocuments, with the domain limit as a problem rather than an exception. */
export function readOwnDocuments(raw: string): { domains: OwnDomain[] } | { problem: OwnTextProblem } {
  try {
    return ownDocuments(raw);
  } catch (err) {
    if (err instanceof DomainLimit) return { problem: { code: 'too-many-domains', domains: err.count, limit: MAX_DOMAINS, line: err.line } };
    throw err;
  }
}

class DomainLimit extends Error {
  constructor(
    readonly line: number,
    readonly count: number,
  ) {
    super(`more than ${MAX_DOMAINS} domains`);
  }
}

/** Blank-line-separated blocks, each trimmed of the blank lines around it; empty ones dropped. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}

function chunks(paragraph: string): string[] {
  const cps = Array.from(paragraph);
  if (cps.length <= CHUNK) return [paragraph];
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += CHUNK) out.push(cps.slice(i, i + CHUNK).join(''));
  return out;
}
