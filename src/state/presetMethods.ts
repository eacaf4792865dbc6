// Presets of routing methods and teaching setups (batch priority, expert choice, noisy top-k,
// Soft MoE, hash, collapse, text domains). Their type and the rules are in presets.ts.

import type { Preset } from './presetTypes';

export const METHOD_PRESETS: readonly Preset[] = [
  {
    id: 'vmoe-bpr',
    kind: 'method',
    source: 'Scaling Vision with Sparse MoE (Riquelme et al.), 2021',
    config: { dataset: 'clusters', topK: 2, normalize: 'softmax-topk', dropPolicy: 'bpr', capacityFactor: 0.5 },
  },
  {
    id: 'expert-choice',
    kind: 'method',
    source: 'Mixture-of-Experts with Expert Choice Routing (Zhou et al.), 2022',
    config: { dataset: 'clusters', scheme: 'expert-choice', capacityFactor: 2, evalCapacityFactor: 2, balanceCoef: 0 },
  },
  {
    id: 'noisy-topk',
    kind: 'method',
    source: 'Outrageously Large Neural Networks (Shazeer et al.), 2017',
    config: { dataset: 'clusters', scheme: 'noisy-topk', experts: 16, topK: 2, routerNoise: 1, normalize: 'topk-softmax' },
  },
  {
    id: 'soft-moe',
    kind: 'method',
    source: 'From Sparse to Soft Mixtures of Experts (Puigcerver et al.), 2023',
    config: { dataset: 'clusters', scheme: 'soft', balanceCoef: 0 },
  },
  {
    id: 'smear',
    kind: 'method',
    source: 'Soft Merging of Experts with Adaptive Routing (Muqeeth, Liu, Raffel), 2023',
    // one expert per sequence of 16 characters, merged from all 8; no capacity, no balance loss
    config: { dataset: 'text', scheme: 'smear', experts: 8, seqLen: 16, capacityFactor: null, evalCapacityFactor: null, balanceCoef: 0 },
  },
  {
    id: 'lory',
    kind: 'method',
    source: 'Lory: Fully Differentiable Mixture-of-Experts for Autoregressive Language Model Pre-training (Zhong et al.), 2024',
    // sequences of 16, segments of 4, each merged by the previous segment's routing
    config: { dataset: 'text', scheme: 'lory', experts: 8, seqLen: 16, segmentLen: 4, capacityFactor: null, evalCapacityFactor: null, balanceCoef: 0 },
  },
  {
    id: 'base-layers',
    kind: 'method',
    source: 'BASE Layers: Simplifying Training of Large, Sparse Models (Lewis et al.), 2021',
    // one expert per token, T/E tokens per expert in training; nothing to balance with a loss
    config: { dataset: 'teacher', scheme: 'base', experts: 8, topK: 1, fineGrain: 1, balanceCoef: 0 },
  },
  {
    id: 's-base',
    kind: 'method',
    source: 'Unified Scaling Laws for Routed Language Models (Clark et al.), 2022; Megatron-LM',
    // S-BASE: top-1 by Sinkhorn-balanced scores; Megatron refuses an auxiliary loss with it
    config: { dataset: 'teacher', scheme: 'sinkhorn', experts: 8, topK: 1, balanceCoef: 0, capacityFactor: 1.25, evalCapacityFactor: 2 },
  },
  {
    id: 'hash',
    kind: 'method',
    source: 'Hash Layers for Large Sparse Models (Roller et al.), 2021',
    config: { scheme: 'hash', dataset: 'text', topK: 1, balanceCoef: 0, zLossCoef: 0 },
  },
  {
    id: 'collapse',
    kind: 'demo',
    source: 'the failure the Switch and ST-MoE balance losses prevent',
    config: { dataset: 'clusters', topK: 1, normalize: 'softmax-topk', balanceCoef: 0, zLossCoef: 0, lr: 0.05 },
  },
  {
    id: 'text-domains',
    kind: 'demo',
    source: 'this playground’s mixed-domain text',
    config: { dataset: 'text', experts: 8, topK: 2 },
  },
  {
    id: 'mh-moe',
    kind: 'method',
    source: 'Multi-Head Mixture-of-Experts (Wu, Huang, Wang, Wei), 2024',
    // four sub-tokens of width 8 per token, each routed on its own
    config: { dataset: 'text', experts: 8, topK: 2, heads: 4, d: 32 },
  },
  {
    id: 'pangu-domains',
    kind: 'method',
    source: 'PanGu-Σ: Towards Trillion Parameter Language Model with Sparse Heterogeneous Computing (Ren et al.), 2023: Random Routed Experts',
    // four text domains, two experts each; a fixed map of the token id picks one of its domain's two.
    // Dropless: the domains' shares are uneven and the map cannot steer around a full expert, so a
    // capacity would only drop tokens that the preset is not about
    config: { dataset: 'text', experts: 8, topK: 1, scheme: 'domain-random', capacityFactor: null, evalCapacityFactor: null },
  },
  {
    id: 'dense-moe',
    kind: 'method',
    source: 'A Survey on Mixture of Experts (Cai et al.), 2024, fig. 2(a)',
    // k = E: every expert runs for every token, weighted by the softmax over all four
    config: { dataset: 'clusters', experts: 4, topK: 4, normalize: 'softmax-topk' },
  },
];
