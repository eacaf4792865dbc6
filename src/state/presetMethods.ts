// Presets of routing methods and teaching setups (batch priority, expert choice, noisy top-k,
// Soft MoE, hash, collapse, text domains). Their type and the rules are in presets.ts.

import type { Preset } from './presets';

export const METHOD_PRESETS: readonly Preset[] = [
  {
    id: 'vmoe-bpr',
    name: 'V-MoE, batch priority',
    kind: 'method',
    description: {
      en: 'When capacity is short, tokens with the most confident first choice are served first instead of the earliest ones. The capacity factor is set low (0.5) so the order matters.',
      'zh-CN': '容量不足时，先服务第一选择最有把握的词元，而不是最早到的词元。容量因子设得很低（0.5），让顺序起作用。',
    },
    source: 'Scaling Vision with Sparse MoE (Riquelme et al.), 2021',
    config: { dataset: 'clusters', topK: 2, normalize: 'softmax-topk', dropPolicy: 'bpr', capacityFactor: 0.5 },
  },
  {
    id: 'expert-choice',
    name: 'Expert choice',
    kind: 'method',
    description: {
      en: 'Experts pick tokens: each takes its best C = T·CF/E tokens, so the load is even by construction and a token may get several experts or none. No balance loss is needed.',
      'zh-CN': '由专家挑选词元：每个专家取最合适的 C = T·CF/E 个词元，负载天然均衡，一个词元可能得到多个专家，也可能一个都没有。不需要均衡损失。',
    },
    source: 'Mixture-of-Experts with Expert Choice Routing (Zhou et al.), 2022',
    config: { dataset: 'clusters', scheme: 'expert-choice', capacityFactor: 2, evalCapacityFactor: 2, balanceCoef: 0 },
  },
  {
    id: 'noisy-topk',
    name: 'Noisy top-k gating',
    kind: 'method',
    description: {
      en: 'The original sparsely-gated MoE: learned noise is added to the router scores before the top-k, which spreads tokens while the router is still undecided.',
      'zh-CN': '最早的稀疏门控 MoE：在取 top-k 之前给路由分数加上可学习的噪声，在路由器尚未定型时把词元分散开。',
    },
    source: 'Outrageously Large Neural Networks (Shazeer et al.), 2017',
    config: { dataset: 'clusters', scheme: 'noisy-topk', experts: 16, topK: 2, routerNoise: 1, normalize: 'topk-softmax' },
  },
  {
    id: 'soft-moe',
    name: 'Soft MoE',
    kind: 'method',
    description: {
      en: 'No discrete choice: each expert’s slot takes a weighted mix of all tokens, and each token a weighted mix of all slots. Nothing is dropped and no balance loss is needed.',
      'zh-CN': '没有离散选择：每个专家的槽位接收所有词元的加权混合，每个词元再取所有槽位的加权混合。不丢弃，也不需要均衡损失。',
    },
    source: 'From Sparse to Soft Mixtures of Experts (Puigcerver et al.), 2023',
    config: { dataset: 'clusters', scheme: 'soft', balanceCoef: 0 },
  },
  {
    id: 'hash',
    name: 'Hash routing',
    kind: 'method',
    description: {
      en: 'A fixed hash of the token id picks the expert: nothing about routing is learned. The baseline that every learned router should beat.',
      'zh-CN': '用词元 id 的固定哈希选择专家：路由完全不学习。任何可学习路由器都应胜过的基线。',
    },
    source: 'Hash Layers for Large Sparse Models (Roller et al.), 2021',
    config: { scheme: 'hash', dataset: 'text', topK: 1, balanceCoef: 0, zLossCoef: 0 },
  },
  {
    id: 'collapse',
    name: 'Router collapse',
    kind: 'demo',
    description: {
      en: 'No balance loss, no z-loss and a high learning rate: a few experts win early and take almost every token. Watch the load bars and the drop rate.',
      'zh-CN': '没有均衡损失和 z-loss，学习率又高：少数专家早早胜出，几乎拿走所有词元。观察负载条和丢弃率。',
    },
    source: 'the failure the Switch and ST-MoE balance losses prevent',
    config: { dataset: 'clusters', topK: 1, normalize: 'softmax-topk', balanceCoef: 0, zLossCoef: 0, lr: 0.05 },
  },
  {
    id: 'text-domains',
    name: 'Text domains',
    kind: 'demo',
    description: {
      en: 'Next-token prediction on a small corpus mixing English, Chinese, code and math. Watch whether experts specialise by domain.',
      'zh-CN': '在混合英文、中文、代码和数学的小语料上预测下一个词元。观察专家是否按领域分工。',
    },
    source: 'this playground’s mixed-domain corpus',
    config: { dataset: 'text', experts: 8, topK: 2 },
  },
];
