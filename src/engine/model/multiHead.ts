// MH-MoE (Wu et al. 2024, "Multi-Head Mixture-of-Experts", arXiv 2404.15045): each token x [d]
// goes through a learned head projection W_head [d, d], is split into H sub-tokens of width d/H,
// and every sub-token is routed on its own (router d/H → E) to experts of width d/H. The H outputs
// are concatenated back into one [d] row and mixed by a learned merge projection W_merge [d, d].
// Routing so runs over T·H sub-tokens: sub-token i is head i mod H of token ⌊i/H⌋, and the layer's
// Routing (and every view of it) has T·H rows.
//
// Expert hidden width: h/H (at least 1), as a public reimplementation does (lhallee's mhmoe.py:
// intermediate_size // num_heads). A sub-token expert d/H → h/H → d/H has 1/H² of a plain expert's
// weights, and the H sub-tokens of a token do 1/H of a plain token's expert multiply-adds; the two
// d×d projections add 2·d² per token. budget.ts counts exactly these, so the cost panel shows what
// the choice costs rather than claiming parity.
//
// H = 1 is not this class: the trainer builds a plain MoeLayer, so old links stay bit-identical
// (no projection, no extra weight drawn from the seed stream).

import type { ExpertPath, LayerOutput, LayerShape, RouteSettings } from './layer';
import { MoeLayer } from './layer';
import { Initializer } from './init';
import { matMul2d } from './matmul';
import { tf } from './tf';

/** What the network needs of its MoE block: a plain MoeLayer, or MH-MoE around one. */
export interface MoeBlock {
  readonly variables: tf.Variable[];
  forward(x: tf.Tensor2D, s: RouteSettings, path?: ExpertPath): LayerOutput;
  dispose(): void;
}

/**
 * A per-token array of rows `width` wide with each row repeated H times, one per sub-token
 * (token t → rows t·H … t·H + H − 1): the routing's ids and domains, and the views' inputs.
 */
export function repeatPerSubToken<A extends Int32Array | Uint8Array | Float32Array>(a: A, H: number, width = 1): A {
  const out = new (a.constructor as new (n: number) => A)(a.length * H);
  for (let t = 0; t < a.length / width; t++) {
    const row = a.subarray(t * width, (t + 1) * width);
    for (let j = 0; j < H; j++) out.set(row, (t * H + j) * width);
  }
  return out;
}

/** The route settings of the sub-tokens: ids and domains per sub-token, sequences H times longer. */
export function subTokenSettings(s: RouteSettings, H: number): RouteSettings {
  return {
    ...s,
    tokenIds: s.tokenIds && repeatPerSubToken(s.tokenIds, H),
    domains: s.domains && repeatPerSubToken(s.domains, H),
    // a sequence of L tokens is L·H sub-tokens, and a segment covers the same tokens as before
    seqLen: s.seqLen === undefined ? undefined : s.seqLen * H,
    segmentLen: s.segmentLen === undefined ? undefined : s.segmentLen * H,
  };
}

export class MultiHeadMoe implements MoeBlock {
  /** W_head [d, d]: x·W_head, then split into H sub-tokens */
  readonly headW: tf.Variable;
  /** W_merge [d, d]: the concatenated sub-token outputs · W_merge */
  readonly mergeW: tf.Variable;
  readonly inner: MoeLayer;

  constructor(
    init: Initializer,
    readonly shape: LayerShape,
    readonly heads: number,
  ) {
    const { d, h } = shape;
    const H = heads;
    if (!Number.isInteger(H) || H < 2 || d % H !== 0) throw new RangeError(`MultiHeadMoe: ${H} heads must be at least 2 and divide d = ${d}`);
    // the paper's Xavier-uniform with gain 1/√2: variance 1/(2d) for a d×d layer
    const std = Math.sqrt(1 / (2 * d));
    this.headW = init.normal([d, d], std, 'mh.head');
    this.inner = new MoeLayer(init, { ...shape, d: d / H, h: Math.max(1, Math.round(h / H)) });
    this.mergeW = init.normal([d, d], std, 'mh.merge');
  }

  get variables(): tf.Variable[] {
    return [this.headW, ...this.inner.variables, this.mergeW];
  }

  /**
   * y [T, d] = concat_j(MoE(sub-token j of x·W_head)) · W_merge; the routing, logits and losses
   * are the sub-tokens'. noiseDraws, where given, must be [T·H·E]. Call inside tidy or a tape.
   */
  forward(x: tf.Tensor2D, s: RouteSettings, path: ExpertPath = 'sparse'): LayerOutput {
    const [T, d] = x.shape;
    const H = this.heads;
    // row-major: sub-token t·H + j is columns j·d/H … (j+1)·d/H − 1 of token t's projection
    const sub = tf.reshape(matMul2d(x, this.headW as tf.Tensor2D), [T * H, d / H]) as tf.Tensor2D;
    const out = this.inner.forward(sub, subTokenSettings(s, H), path);
    const y = matMul2d(tf.reshape(out.y, [T, d]) as tf.Tensor2D, this.mergeW as tf.Tensor2D);
    return { ...out, y };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** The MoE block a run builds: a plain layer for one head (today's model), MH-MoE for more. */
export function moeBlock(init: Initializer, shape: LayerShape, heads: number): MoeBlock {
  return heads > 1 ? new MultiHeadMoe(init, shape, heads) : new MoeLayer(init, shape);
}
