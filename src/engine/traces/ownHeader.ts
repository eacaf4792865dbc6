// The header line of the project's own trace format, version 1 (docs/traces.md): checked field by
// field so a bad header says which field.

import { isInt, isRecord } from './jsonLine';
import type { FileProblems } from './problems';

export const OWN_FORMAT = 'moe-playground-trace';
export const OWN_VERSION = 1;

export interface OwnHeaderLayer {
  name: string;
  E: number;
  /** absent in a counts-only trace */
  k?: number;
}

export interface OwnHeader {
  model?: string;
  synthetic: boolean;
  description?: string;
  layers: OwnHeaderLayer[];
  domains?: string[];
  documents?: string[];
}

function stringList(v: unknown, field: string, problems: FileProblems): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    problems.add('bad-type', 1, field, { expected: 'array' });
    return undefined;
  }
  const out: string[] = [];
  v.forEach((s, i) => {
    if (typeof s === 'string') out.push(s);
    else problems.add('bad-type', 1, `${field}[${i}]`, { expected: 'string' });
  });
  return out;
}

function optionalString(h: Record<string, unknown>, key: string, problems: FileProblems): string | undefined {
  const v = h[key];
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  problems.add('bad-type', 1, key, { expected: 'string' });
  return undefined;
}

/** The header, or null after reporting why not (the caller has checked `format`). */
export function readOwnHeader(h: Record<string, unknown>, problems: FileProblems): OwnHeader | null {
  const before = problems.list.items.length;
  const version = h.version;
  if (!isInt(version)) {
    problems.add(version === undefined ? 'missing-field' : 'bad-type', 1, 'version', { expected: 'integer' });
    return null;
  }
  if (version > OWN_VERSION) {
    problems.add('newer-version', 1, 'version', { version, supported: OWN_VERSION });
    return null;
  }
  if (version < 1) {
    problems.add('bad-type', 1, 'version', { expected: 'integer ≥ 1' });
    return null;
  }
  const layers: OwnHeaderLayer[] = [];
  if (h.layers === undefined) problems.add('missing-field', 1, 'layers');
  else if (!Array.isArray(h.layers)) problems.add('bad-type', 1, 'layers', { expected: 'array' });
  else if (h.layers.length === 0) problems.add('size-mismatch', 1, 'layers', { expected: '≥ 1', got: 0 });
  else {
    h.layers.forEach((l: unknown, i) => {
      const at = `layers[${i}]`;
      if (!isRecord(l)) {
        problems.add('bad-type', 1, at, { expected: 'object' });
        return;
      }
      const name = typeof l.name === 'string' ? l.name : undefined;
      if (name === undefined) problems.add(l.name === undefined ? 'missing-field' : 'bad-type', 1, `${at}.name`, { expected: 'string' });
      const E = l.experts;
      const okE = isInt(E) && E >= 1;
      if (!okE) problems.add(E === undefined ? 'missing-field' : 'bad-type', 1, `${at}.experts`, { expected: 'integer ≥ 1' });
      let k: number | undefined;
      if (l.k !== undefined) {
        if (!isInt(l.k) || l.k < 1 || (okE && l.k > E)) {
          problems.add('bad-type', 1, `${at}.k`, { expected: okE ? `integer 1…${E}` : 'integer ≥ 1' });
        } else k = l.k;
      }
      if (name !== undefined && okE) layers.push(k === undefined ? { name, E } : { name, E, k });
    });
  }
  const header: OwnHeader = { synthetic: false, layers };
  const model = optionalString(h, 'model', problems);
  if (model !== undefined) header.model = model;
  const description = optionalString(h, 'description', problems);
  if (description !== undefined) header.description = description;
  if (h.synthetic !== undefined) {
    if (typeof h.synthetic === 'boolean') header.synthetic = h.synthetic;
    else problems.add('bad-type', 1, 'synthetic', { expected: 'boolean' });
  }
  const domains = stringList(h.domains, 'domains', problems);
  if (domains) header.domains = domains;
  const documents = stringList(h.documents, 'documents', problems);
  if (documents) header.documents = documents;
  return problems.list.items.length > before ? null : header;
}
