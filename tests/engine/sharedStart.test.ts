// @vitest-environment node
// What two arms of an A/B comparison do not share, worked out by hand for each kind of difference,
// and the weight list it reads held to the real model's variables (names, shapes, scales).

import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/engine/config';
import { notShared, weightSpecs, type NotShared } from '../../src/engine/experiments/sharedStart';
import { effectiveSizes } from '../../src/engine/model/config';
import { Initializer, weightSeed } from '../../src/engine/model/init';
import { MoeLayer } from '../../src/engine/model/layer';
import { Network } from '../../src/engine/model/network';
import { tf } from '../../src/engine/model/tf';
import { datasetOf, networkShape } from '../../src/engine/model/trainingData';
import { mulberry32, normal } from '../../src/engine/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const A: MoeConfig = { ...DEFAULT_CONFIG };
const cfg = (extra: Partial<MoeConfig>): MoeConfig => ({ ...DEFAULT_CONFIG, ...extra });
const stream = (extra: Partial<MoeConfig>) => ({ ...cfg(extra), weightInit: 'stream' }) as MoeConfig;
const weights = (list: NotShared[]) => list.flatMap((n) => (n.what === 'weight' ? [`${n.name}:${n.why}`] : []));
const others = (list: NotShared[]) => list.filter((n) => n.what !== 'weight');

describe('notShared', () => {
  it('finds nothing between two copies of one config', () => {
    expect(notShared(A, { ...A })).toEqual([]);
    // a live setting the model is not built from: the same start and the same batches
    expect(notShared(A, cfg({ lr: 0.05, balanceCoef: 0, capacityFactor: null }))).toEqual([]);
  });

  it('names the seed alone when the seeds differ: no draw is shared', () => {
    expect(notShared(A, cfg({ seed: 2, experts: 16 }))).toEqual([{ what: 'seed', a: 1, b: 2 }]);
  });

  it('E 8 → 16 (d = 16, h = 32): the router and the routed experts differ, and their first 8 experts start equal', () => {
    const list = notShared(A, cfg({ experts: 16 }));
    expect(weights(list)).toEqual(['router:experts', 'router.noiseW:shape', 'router.noiseB:shape', 'experts.w1:experts', 'experts.b1:shape', 'experts.w2:experts', 'experts.b2:shape']);
    expect(list.find((n) => n.what === 'weight' && n.name === 'router')).toEqual({ what: 'weight', name: 'router', why: 'experts', a: [16, 8], b: [16, 16], shared: 8 });
    expect(list.find((n) => n.what === 'weight' && n.name === 'experts.w1')).toMatchObject({ a: [8, 16, 32], b: [16, 16, 32], shared: 8 });
    // fine-grained m = 2 halves each expert's width: the shapes differ beyond the expert axis
    expect(weights(notShared(A, cfg({ fineGrain: 2 })))).toContain('experts.w1:shape');
    // the input stage and the head keep their shapes, and T is the same: the batches are shared
    expect(others(list)).toEqual([]);
  });

  it("E 8 → 16 with one stream of draws: every weight drawn after the router moves too", () => {
    const list = notShared(stream({}), stream({ experts: 16 }));
    expect(weights(list)).toEqual([
      'router:shape',
      'router.noiseW:shape',
      'router.noiseB:shape',
      'experts.w1:shape',
      'experts.b1:shape',
      'experts.w2:shape',
      'experts.b2:shape',
      'input.w:stream',
      'input.b:stream',
      'head.w:stream',
    ]);
    // head.b is a constant 0: no draw, so still the same
    expect(weights(list)).not.toContain('head.b:stream');
    // one arm by name, the other from a stream: every drawn weight starts elsewhere
    expect(weights(notShared(A, stream({})))).toEqual(['router:init', 'experts.w1:init', 'experts.w2:init', 'input.w:init', 'input.b:init', 'head.w:init']);
  });

  it('d 16 → 32: every weight with a d in its shape, and no other', () => {
    const list = notShared(A, cfg({ d: 32 }));
    expect(weights(list)).toEqual(['router:shape', 'router.noiseW:shape', 'experts.w1:shape', 'experts.w2:shape', 'experts.b2:shape', 'input.w:shape', 'input.b:shape', 'head.w:shape']);
    // experts.b1 is [E·h], router.noiseB [E], head.b [classes]: unchanged
    expect(others(list)).toEqual([]);
  });

  it('T differs: the batches, not the weights', () => {
    expect(notShared(A, cfg({ tokens: 512 }))).toEqual([{ what: 'batches', keys: ['tokens'] }]);
  });

  it('data settings count only where the dataset reads them', () => {
    // the teacher reads its input dimension: the data, the batches and the input stage differ
    const teacher = notShared(A, cfg({ inputDim: 8 }));
    expect(weights(teacher)).toEqual(['input.w:shape']);
    expect(others(teacher)).toEqual([
      { what: 'data', keys: ['inputDim'] },
      { what: 'batches', keys: ['inputDim'] },
    ]);
    // a point set ignores inputDim and teacherExperts, and reads its size and noise
    const pts = cfg({ dataset: 'spirals' });
    expect(notShared(pts, { ...pts, inputDim: 8, teacherExperts: 2, context: 5 })).toEqual([]);
    expect(others(notShared(pts, { ...pts, dataSize: 2000, dataNoise: 0.3, tokens: 128 }))).toEqual([
      { what: 'data', keys: ['dataSize', 'dataNoise'] },
      { what: 'batches', keys: ['tokens', 'dataSize', 'dataNoise'] },
    ]);
    // spirals and checkerboard: other data, but both two classes over the plane, so the same shapes
    const other = notShared(pts, { ...pts, dataset: 'checkerboard' });
    expect(weights(other)).toEqual([]);
    expect(others(other)).toEqual([
      { what: 'data', keys: ['dataset'] },
      { what: 'batches', keys: ['dataset'] },
    ]);
    // clusters have three classes: the head differs
    expect(weights(notShared(pts, { ...pts, dataset: 'clusters' }))).toEqual(['head.w:shape', 'head.b:shape']);
  });

  it('text against points: an embedding in one arm only, and another input and head', () => {
    const list = notShared(cfg({ dataset: 'clusters' }), cfg({ dataset: 'text' }));
    // text's input is its d·context = 48 wide window; its input bias is drawn at the same 0.5
    expect(weights(list)).toEqual(['input.w:shape', 'head.w:shape', 'head.b:shape', 'embedding:only-b']);
    const text = cfg({ dataset: 'text' });
    // the streamed text reads the context; the corpus has no input bias (drawn at scale 0)
    expect(weights(notShared(text, { ...text, context: 4 }))).toEqual(['input.w:shape']);
    expect(weights(notShared(text, { ...text, dataset: 'corpus' }))).toEqual(['embedding:shape', 'input.b:scale', 'head.w:shape', 'head.b:shape']);
  });

  it('shared experts in one arm, and the same shared width split another way', () => {
    expect(weights(notShared(A, cfg({ sharedExperts: 2, sharedGate: true })))).toEqual([
      'shared.w1:only-b',
      'shared.b1:only-b',
      'shared.w2:only-b',
      'shared.b2:only-b',
      'shared.gate:only-b',
    ]);
    // 2 × 16 and 1 × 32 hidden units: shared.w2 is [32, 16] in both, drawn at 0.1/√16 and 0.1/√32
    const list = notShared(cfg({ sharedExperts: 2, h: 16 }), cfg({ sharedExperts: 1, h: 32 }));
    expect(weights(list)).toEqual(['experts.w1:shape', 'experts.b1:shape', 'experts.w2:shape', 'shared.w2:scale']);
  });

  it("the router noise: its draws when one arm draws none, its starting scale when it differs", () => {
    expect(notShared(A, cfg({ scheme: 'noisy-topk' }))).toEqual([{ what: 'noise', why: 'only-b' }]);
    const noisy = cfg({ scheme: 'noisy-topk' });
    expect(notShared(noisy, { ...noisy, tokens: 128 })).toEqual([
      { what: 'batches', keys: ['tokens'] },
      { what: 'noise', why: 'shape' },
    ]);
    expect(notShared(noisy, { ...noisy, routerNoise: 2 })).toEqual([{ what: 'weight', name: 'router.noiseB', why: 'value', a: [8], b: [8] }]);
  });
});

describe('weightSpecs against the real model', () => {
  function build(c: MoeConfig) {
    const { E, h } = effectiveSizes(c);
    const init = new Initializer(c.seed, c.weightInit);
    const layer = new MoeLayer(init, { E, d: c.d, h, shared: c.sharedExperts, sharedGate: c.sharedGate, noiseScale: c.routerNoise });
    return new Network(init, networkShape(datasetOf(c), c.d), layer);
  }
  const CASES: Partial<MoeConfig>[] = [
    { dataset: 'clusters', experts: 4, d: 6, h: 8 },
    { dataset: 'text', experts: 6, d: 8, h: 16, fineGrain: 2, sharedExperts: 2, sharedGate: true, context: 2 },
    { dataset: 'corpus', experts: 2, topK: 1, d: 4, h: 4, context: 3, routerNoise: 2 },
    { dataset: 'teacher', inputDim: 5, experts: 3, topK: 1, d: 4, h: 6, sharedExperts: 1 },
  ];

  it.each(CASES)('names and shapes every variable of %o', (extra) => {
    const c = cfg(extra);
    const net = build(c);
    // the routed experts are drawn [E, a, b] and stored [a, E, b] (experts.ts)
    const stored = (name: string, s: number[]) => (name.startsWith('experts.w') ? [s[1], s[0], s[2]] : s);
    const real = net.variables.map((v) => `${v.name.replace(/^moe\d+\//, '')} ${v.shape.join('x')}`).sort();
    const spec = weightSpecs(c).map((w) => `${w.name} ${stored(w.name, w.shape).join('x')}`).sort();
    expect(spec).toEqual(real);
    net.dispose();
  });

  it.each(CASES)('draws in this order and at these scales from one stream, and fills these constants: %o', (extra) => {
    // links before v5 draw every weight from one stream, mulberry32(seed), in the order the
    // constructors run: replaying weightSpecs in its order gives the same numbers
    const c = stream({ ...extra, seed: 5 });
    const net = build(c);
    const byName = new Map(net.variables.map((v) => [v.name.replace(/^moe\d+\//, ''), v]));
    const rand = mulberry32(c.seed);
    for (const w of weightSpecs(c)) {
      const v = byName.get(w.name)!;
      const values = (w.name.startsWith('experts.w') ? tf.transpose(v, [1, 0, 2]) : v).dataSync();
      const spec = w.init;
      const expected = Float32Array.from({ length: values.length }, () => (spec.kind === 'normal' ? normal(rand) * spec.std : spec.value));
      expect(Array.from(values), w.name).toEqual(Array.from(expected));
    }
    net.dispose();
  });
});

describe('weightSpecs against the real model, drawn by name', () => {
  it.each([{ experts: 4, d: 6, h: 8 }, { experts: 6, d: 4, h: 4, sharedExperts: 1, sharedGate: true }])('replays each weight from (seed, name[, expert]): %o', (extra) => {
    const c = cfg({ ...extra, seed: 9 });
    const { E, h } = effectiveSizes(c);
    const init = new Initializer(c.seed, 'by-name');
    const net = new Network(init, networkShape(datasetOf(c), c.d), new MoeLayer(init, { E, d: c.d, h, shared: c.sharedExperts, sharedGate: c.sharedGate, noiseScale: c.routerNoise }));
    const byName = new Map(net.variables.map((v) => [v.name.replace(/^moe\d+\//, ''), v]));
    for (const w of weightSpecs(c)) {
      if (w.init.kind !== 'normal') continue;
      const v = byName.get(w.name)!;
      const values = (w.name.startsWith('experts.w') ? tf.transpose(v, [1, 0, 2]) : v).dataSync();
      const expected = new Float32Array(values.length);
      const experts = w.perExpert === 'first-axis' ? w.shape[0] : w.perExpert === 'last-axis' ? w.shape[w.shape.length - 1] : 1;
      const per = values.length / experts;
      for (let e = 0; e < experts; e++) {
        const rand = mulberry32(weightSeed(c.seed, w.name, w.perExpert ? e : undefined));
        for (let j = 0; j < per; j++) expected[w.perExpert === 'last-axis' ? j * experts + e : e * per + j] = normal(rand) * w.init.std;
      }
      expect(Array.from(values), w.name).toEqual(Array.from(expected));
    }
    net.dispose();
  });
});
