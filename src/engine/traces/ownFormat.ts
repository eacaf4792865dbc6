// Reads the project's own trace format, version 1 (docs/traces.md), line by line: a header, then
// token lines or counts lines. Every number goes straight into growable typed arrays.

import { GrowableFloat64, GrowableInt32, GrowableUint16 } from './growable';
import { finiteAt, isInt, isRecord, parseJsonLine } from './jsonLine';
import { DEFAULT_ARRAY_LIMIT, type ArrayLimit } from './limits';
import { OWN_FORMAT, readOwnHeader, type OwnHeader } from './ownHeader';
import { OwnLayerArrays, readChoices, readPerLayerNumbers } from './ownTokenLine';
import type { FileProblems } from './problems';
import type { Trace, TraceCounts, TraceLayer } from './types';

/** The optional fields of a token line: on every line or on none. */
const OPTIONAL = ['weights', 'logits', 'text', 'domain', 'doc', 'step'] as const;
type Optional = (typeof OPTIONAL)[number];

export class OwnFormatParser {
  stopped = false;
  private header: OwnHeader | null = null;
  private kind: 'tokens' | 'counts' | null = null;
  private layers: OwnLayerArrays[] = [];
  private present: Set<Optional> | null = null;
  private firstTokenLine = 0;
  private T = 0;
  private bytesPerToken = 0;
  private readonly steps = new GrowableInt32();
  private readonly domains = new GrowableUint16();
  private readonly docs = new GrowableInt32();
  private readonly texts: string[] = [];
  private countSteps: GrowableInt32[] = [];
  private countValues: GrowableFloat64[] = [];
  private countRecords = 0;

  constructor(
    private readonly problems: FileProblems,
    private readonly bytes: number,
    private readonly limit: ArrayLimit = DEFAULT_ARRAY_LIMIT,
  ) {}

  line(text: string, n: number, terminated: boolean): void {
    if (this.stopped || text.trim() === '') return;
    const parsed = parseJsonLine(text, n, terminated, this.problems);
    if (!parsed.ok) return this.stopIfFull();
    const v = parsed.value;
    if (!isRecord(v)) {
      this.problems.add('bad-type', n, undefined, { expected: 'object' });
      return this.stopIfFull();
    }
    if (this.header === null) return this.readHeader(v, n);
    const kind = 'choices' in v ? 'tokens' : 'counts' in v ? 'counts' : null;
    if (kind === null) {
      this.problems.add('missing-field', n, 'choices');
      return this.stopIfFull();
    }
    if (this.kind !== null && kind !== this.kind) {
      this.problems.add('mixed-lines', n, kind === 'tokens' ? 'choices' : 'counts');
      this.stopped = true;
      return;
    }
    if (this.kind === null) this.begin(kind, n);
    if (this.stopped) return;
    if (kind === 'tokens') this.tokenLine(v, n);
    else this.countsLine(v, n);
    this.stopIfFull();
  }

  private stopIfFull(): void {
    if (this.problems.full) this.stopped = true;
  }

  private readHeader(v: Record<string, unknown>, n: number): void {
    if (v.format !== OWN_FORMAT) {
      this.problems.add('unknown-format', n, 'format', typeof v.format === 'string' ? { format: v.format } : undefined);
      this.stopped = true;
      return;
    }
    this.header = readOwnHeader(v, this.problems);
    if (this.header === null) this.stopped = true;
  }

  private begin(kind: 'tokens' | 'counts', n: number): void {
    const header = this.header!;
    this.kind = kind;
    if (kind === 'counts') {
      this.countSteps = header.layers.map(() => new GrowableInt32());
      this.countValues = header.layers.map(() => new GrowableFloat64());
      return;
    }
    header.layers.forEach((l, i) => {
      if (l.k === undefined) this.problems.add('missing-field', 1, `layers[${i}].k`, { line: n });
    });
    if (this.problems.any) {
      this.stopped = true;
      return;
    }
    this.layers = header.layers.map((l) => new OwnLayerArrays(l.name, l.E, l.k!));
  }

  private tokenLine(v: Record<string, unknown>, n: number): void {
    const store = !this.problems.list.any;
    const problems = this.problems;
    if (this.present === null) {
      this.present = new Set(OPTIONAL.filter((key) => v[key] !== undefined));
      this.firstTokenLine = n;
      this.bytesPerToken = 16 + (this.present.has('text') ? 48 : 0);
      for (const l of this.layers) {
        this.bytesPerToken += 4 * l.k * (this.present.has('weights') ? 2 : 1) + (this.present.has('logits') ? 4 * l.E : 0);
      }
    } else {
      for (const key of OPTIONAL) {
        if ((v[key] !== undefined) !== this.present.has(key)) {
          problems.add('inconsistent-optional', n, key, { first: this.firstTokenLine });
        }
      }
    }
    if ((this.T + 1) * this.bytesPerToken > this.limit.bytes) {
      problems.add('too-large', n, undefined, { limit: this.limit.text, file: this.bytes });
      this.stopped = true;
      return;
    }
    readChoices(v.choices, this.layers, n, problems, store);
    if (v.weights !== undefined) readPerLayerNumbers(v.weights, 'weights', this.layers, n, problems, store);
    if (v.logits !== undefined) readPerLayerNumbers(v.logits, 'logits', this.layers, n, problems, store);
    if (v.text !== undefined) {
      if (typeof v.text === 'string') this.texts.push(v.text);
      else problems.add('bad-type', n, 'text', { expected: 'string' });
    }
    this.index(v, 'domain', n, this.header!.domains?.length, this.domains, 65535);
    this.index(v, 'doc', n, this.header!.documents?.length, this.docs, 2 ** 31 - 1);
    if (v.step !== undefined) {
      if (isInt(v.step)) this.steps.push(v.step);
      else problems.add('bad-type', n, 'step', { expected: 'integer' });
    }
    this.T++;
  }

  private index(v: Record<string, unknown>, key: 'domain' | 'doc', n: number, named: number | undefined, into: GrowableInt32 | GrowableUint16, max: number): void {
    if (v[key] === undefined) return;
    const x = v[key];
    if (!isInt(x) || x < 0 || x > max) this.problems.add('bad-type', n, key, { expected: 'integer ≥ 0' });
    else if (named !== undefined && x >= named) this.problems.add('index-range', n, key, { index: x, count: named });
    else into.push(x);
  }

  private countsLine(v: Record<string, unknown>, n: number): void {
    const layers = this.header!.layers;
    const { layer, step, counts } = v;
    if (!isInt(layer) || layer < 0 || layer >= layers.length) {
      this.problems.add(layer === undefined ? 'missing-field' : 'index-range', n, 'layer', { index: String(layer), count: layers.length });
      return;
    }
    if (!isInt(step)) {
      this.problems.add(step === undefined ? 'missing-field' : 'bad-type', n, 'step', { expected: 'integer' });
      return;
    }
    const E = layers[layer].E;
    if (!Array.isArray(counts)) {
      this.problems.add(counts === undefined ? 'missing-field' : 'bad-type', n, 'counts', { expected: 'array' });
      return;
    }
    if (counts.length !== E) {
      this.problems.add('size-mismatch', n, 'counts', { expected: E, got: counts.length });
      return;
    }
    const values: number[] = [];
    for (let e = 0; e < E; e++) {
      const x = finiteAt(counts[e], this.problems, n, `counts[${e}]`);
      if (x < 0) this.problems.add('negative', n, `counts[${e}]`, { value: x });
      values.push(x);
    }
    if ((this.countRecords + 1) * 8 * (E + 1) > this.limit.bytes) {
      this.problems.add('too-large', n, undefined, { limit: this.limit.text, file: this.bytes });
      this.stopped = true;
      return;
    }
    this.countSteps[layer].push(step);
    this.countValues[layer].pushAll(values);
    this.countRecords++;
  }

  /** The trace, or null when the file had problems (they are in the problem list). */
  finish(file: { name: string; bytes: number }): Trace | null {
    if (this.problems.list.any) return null;
    const header = this.header;
    if (header === null) {
      this.problems.add('empty');
      return null;
    }
    if (this.kind === null) {
      this.problems.add('no-records', undefined, undefined, { what: 'token or counts lines' });
      return null;
    }
    const trace: Trace = { source: 'playground', version: 1, synthetic: header.synthetic, layers: [], files: [file] };
    if (header.model !== undefined) trace.model = header.model;
    if (header.description !== undefined) trace.description = header.description;
    if (header.domains) trace.domains = header.domains;
    if (header.documents) trace.documents = header.documents;
    if (this.kind === 'counts') {
      const counts: TraceCounts[] = [];
      header.layers.forEach((l, i) => {
        if (this.countSteps[i].length > 0) counts.push({ layer: i, E: l.E, steps: this.countSteps[i].done(), counts: this.countValues[i].done() });
      });
      trace.counts = counts;
      trace.countLayers = header.layers.map((l) => l.name);
      return trace;
    }
    const present = this.present!;
    const step = present.has('step') ? this.steps.done() : undefined;
    trace.layers = this.layers.map((l): TraceLayer => {
      const layer: TraceLayer = { name: l.name, E: l.E, k: l.k, T: this.T, experts: l.experts.done() };
      if (present.has('weights')) layer.weights = l.weights.done();
      if (present.has('logits')) layer.logits = l.logits.done();
      if (step) layer.step = step;
      return layer;
    });
    if (present.has('text') || present.has('domain') || present.has('doc')) {
      trace.tokens = {};
      if (present.has('text')) trace.tokens.text = this.texts;
      if (present.has('domain')) trace.tokens.domain = this.domains.done();
      if (present.has('doc')) trace.tokens.doc = this.docs.done();
    }
    return trace;
  }
}
