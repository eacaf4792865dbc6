// What the router network adds to the step budget (budget.ts) beyond the linear router's d·E
// weights and T·d·E multiply-adds, which budget.ts counts for every run. Yuan 2.0-M32's attention
// router (router.ts) maps each token to q, k, v of length E (3·d·E weights and multiply-adds) and
// builds an [E, E] matrix per token: q kᵀ and the attention·v product (2·E² multiply-adds), and
// the [T, E, E] scores, their softmax and the product, with as many gradients in the backward
// pass. At E = 512 that is 262,144 floats per token: T = 256 holds 0.25 GiB per buffer.

import type { MoeConfig } from './config';

export interface RouterBudget {
  /** weights beyond the linear router's d·E */
  params: number;
  /** dense multiply-adds beyond the linear router's T·d·E */
  dense: number;
  /** float32 units a forward pass holds, and a forward and backward pass */
  floats: [number, number];
}

const NONE: RouterBudget = { params: 0, dense: 0, floats: [0, 0] };

/** The attention router's [T, E, E] buffers: scores, softmax, product (forward), and their gradients. */
export const ATTENTION_BUFFERS: [number, number] = [3, 7];

export function routerBudget(c: Pick<MoeConfig, 'routerKind'>, T: number, E: number, d: number): RouterBudget {
  if (c.routerKind !== 'attention') return NONE;
  const square = T * E * E;
  return {
    params: 2 * d * E,
    // q kᵀ and attention·v run as broadcast elementwise kernels, not matmuls: counted as dense
    // multiply-adds here and as written floats through `floats`
    dense: T * (2 * d * E + 2 * E * E),
    // q, k, v and their gradients are [T, 3E] beside the squares
    floats: [ATTENTION_BUFFERS[0] * square + 3 * T * E, ATTENTION_BUFFERS[1] * square + 6 * T * E],
  };
}
