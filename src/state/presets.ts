// Presets: real MoE systems and routing methods, each only a partial config (the rest is the
// schema's defaults) that becomes a link. Figures of real models are those in DESIGN.md ("Real
// models"); nothing here is a measurement of the real model. Every preset is a toy: d = 16 and
// h = 32 unless it says otherwise, and expert counts are scaled down only where `scaledDown` says.

import { schemaDefaults, type MoeConfig } from './schema';
import type { ViewParams } from './url';

export interface Bilingual {
  en: string;
  'zh-CN': string;
}

export interface RealFigures {
  /** total parameters, as published */
  total?: string;
  /** active parameters per token */
  active?: string;
  /** routed (+ shared) experts per MoE layer */
  experts: string;
  topK: number;
  notes?: string;
}

export interface Preset {
  /** url-safe id: lower case letters, digits and `-` */
  id: string;
  name: string;
  /** what: a real model, a routing method, or a behaviour to show */
  kind: 'model' | 'method' | 'demo';
  /** two short sentences: what it is, and what to watch */
  description: Bilingual;
  /** paper or model card, with its year */
  source: string;
  real?: RealFigures;
  /** what was made smaller to run in the browser (expert counts only; widths are always toy-sized) */
  scaledDown?: string;
  /** the figures are reported, not confirmed by the maker */
  unconfirmed?: boolean;
  config: Partial<MoeConfig>;
  view?: ViewParams;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'switch',
    name: 'Switch Transformer',
    kind: 'model',
    description: {
      en: 'Top-1 routing: each token goes to one expert, weighted by its softmax score. Watch drops once an expert passes its capacity of 1.25× the even share.',
      'zh-CN': 'Top-1 路由：每个词元只去一个专家，权重是它的 softmax 分数。留意某个专家超过 1.25 倍平均份额的容量后出现的丢弃。',
    },
    source: 'Switch Transformers (Fedus, Zoph, Shazeer), 2021',
    real: { total: '1.57T', experts: '2,048', topK: 1, notes: 'Switch-C; aux-loss coefficient 0.01, capacity factor 1.0–1.25' },
    scaledDown: '2,048 experts → 16',
    config: { experts: 16, topK: 1, normalize: 'softmax-topk', capacityFactor: 1.25, balanceCoef: 0.01, zLossCoef: 0 },
  },
  {
    id: 'gshard',
    name: 'GShard',
    kind: 'model',
    description: {
      en: 'Top-2 routing with capacity: every token’s first choice is queued before any second choice. With capacity factor 2, mostly second choices are dropped.',
      'zh-CN': 'Top-2 路由加容量限制：所有词元的第一选择先于任何第二选择排队。容量因子为 2 时，被丢弃的多是第二选择。',
    },
    source: 'GShard (Lepikhin et al.), 2020',
    real: { total: '600B', experts: '2,048', topK: 2 },
    scaledDown: '2,048 experts → 16',
    config: {
      experts: 16,
      topK: 2,
      normalize: 'softmax-topk-renorm',
      capacityFactor: 2,
      dropPolicy: 'slot-major',
      zLossCoef: 0,
    },
  },
  {
    id: 'st-moe',
    name: 'ST-MoE',
    kind: 'method',
    description: {
      en: 'The stable recipe: top-2, training capacity factor 1.25, evaluation at 2.0, and a router z-loss of 0.001. Compare the train and eval drop rates.',
      'zh-CN': '稳定训练的配方：top-2，训练容量因子 1.25，评估时为 2.0，路由 z-loss 系数 0.001。比较训练和评估时的丢弃率。',
    },
    source: 'ST-MoE (Zoph et al.), 2022',
    config: {
      topK: 2,
      normalize: 'softmax-topk',
      capacityFactor: 1.25,
      evalCapacityFactor: 2,
      zLossCoef: 0.001,
      balanceCoef: 0.01,
    },
  },
  {
    id: 'mixtral',
    name: 'Mixtral 8x7B',
    kind: 'model',
    description: {
      en: '8 experts, top-2, the weights a softmax over the two chosen, and no capacity limit: nothing is ever dropped. Watch the load bars drift without drops.',
      'zh-CN': '8 个专家，top-2，权重是对选中两个专家的 softmax，没有容量上限：从不丢弃。观察负载条在没有丢弃时如何漂移。',
    },
    source: 'Mixtral of Experts (Mistral AI), 2024',
    real: { total: '46.7B', active: '12.9B', experts: '8', topK: 2, notes: 'softmax over the chosen two; dropless' },
    config: { experts: 8, topK: 2, normalize: 'topk-softmax', capacityFactor: null, evalCapacityFactor: null },
  },
  {
    id: 'gpt4',
    name: 'GPT-4 (reported)',
    kind: 'model',
    description: {
      en: 'Reported as 16 experts with top-2 routing; OpenAI has not confirmed its architecture. The other settings here are the playground’s defaults.',
      'zh-CN': '据报道有 16 个专家、top-2 路由；OpenAI 未确认其架构。其余设置为本工具的默认值。',
    },
    source: 'press reports, 2023 (unconfirmed)',
    real: { experts: '16 (reported)', topK: 2, notes: 'unconfirmed' },
    unconfirmed: true,
    config: { experts: 16, topK: 2 },
  },
  {
    id: 'deepseekmoe',
    name: 'DeepSeekMoE 16B',
    kind: 'model',
    description: {
      en: 'Fine-grained experts: 32 experts each split in two give 64 small ones, 6 chosen per token, plus 2 shared experts every token uses. Compute per token stays the same.',
      'zh-CN': '细粒度专家：32 个专家各切成两半，得到 64 个小专家，每个词元选 6 个，另有 2 个所有词元都用的共享专家。每个词元的计算量不变。',
    },
    source: 'DeepSeekMoE (Dai et al.), 2024',
    real: { total: '16.4B', active: '2.8B', experts: '64 routed + 2 shared', topK: 6 },
    config: { experts: 32, fineGrain: 2, topK: 3, sharedExperts: 2, normalize: 'softmax-topk' },
  },
  {
    id: 'deepseek-v2',
    name: 'DeepSeek-V2',
    kind: 'model',
    description: {
      en: '160 routed experts and 2 shared, top-6: the expert count of the real model, in miniature width. Watch how thinly 1,536 choices spread over 160 experts.',
      'zh-CN': '160 个路由专家加 2 个共享专家，top-6：专家数与真实模型相同，只是宽度很小。观察 1,536 个选择如何稀疏地分布到 160 个专家上。',
    },
    source: 'DeepSeek-V2 (DeepSeek-AI), 2024',
    real: { total: '236B', active: '21B', experts: '160 routed + 2 shared', topK: 6 },
    config: { experts: 160, topK: 6, sharedExperts: 2, normalize: 'softmax-topk' },
  },
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    kind: 'model',
    description: {
      en: 'Sigmoid scores, a bias per expert that balances the load without a loss (γ = 0.001), 8 groups of which 4 are kept, top-8, one shared expert. Watch the biases even out the load.',
      'zh-CN': 'Sigmoid 分数，每个专家一个偏置，不靠损失也能均衡负载（γ = 0.001），8 个分组保留 4 个，top-8，一个共享专家。观察偏置如何把负载拉平。',
    },
    source: 'DeepSeek-V3 Technical Report (DeepSeek-AI), 2024',
    real: {
      total: '671B',
      active: '37B',
      experts: '256 routed + 1 shared',
      topK: 8,
      notes: 'sigmoid scores, bias-based balancing (γ = 0.001), 8 groups with 4 kept, routed scale 2.5',
    },
    scaledDown: '256 routed experts → 32 (8 groups of 4); top-8 kept',
    config: {
      scheme: 'deepseek',
      experts: 32,
      topK: 8,
      sharedExperts: 1,
      biasRate: 0.001,
      groups: 8,
      topkGroups: 4,
      routedScale: 2.5,
      capacityFactor: null,
      evalCapacityFactor: null,
      balanceCoef: 0,
    },
  },
  {
    id: 'qwen-moe',
    name: 'Qwen1.5-MoE-A2.7B',
    kind: 'model',
    description: {
      en: '60 routed experts, top-4, and 4 shared experts behind a learned sigmoid gate. The weights are softmax scores, not renormalised over the chosen four.',
      'zh-CN': '60 个路由专家，top-4，另有 4 个由可学习 sigmoid 门控制的共享专家。权重是 softmax 分数，不在选中的四个之间重新归一化。',
    },
    source: 'Qwen1.5-MoE (Qwen team), 2024',
    real: { total: '14.3B', active: '2.7B', experts: '60 routed + 4 shared', topK: 4 },
    config: { experts: 60, topK: 4, sharedExperts: 4, sharedGate: true, normalize: 'softmax-topk' },
  },
  {
    id: 'kimi-k2',
    name: 'Kimi K2',
    kind: 'model',
    description: {
      en: '384 routed experts and 1 shared, top-8, with DeepSeek-V3-style sigmoid routing and bias balancing. The expert count is the real one; each expert is tiny.',
      'zh-CN': '384 个路由专家加 1 个共享专家，top-8，采用 DeepSeek-V3 式的 sigmoid 路由和偏置均衡。专家数与真实模型相同，只是每个专家都很小。',
    },
    source: 'Kimi K2 (Moonshot AI), 2025',
    real: { total: '1.04T', active: '32B', experts: '384 routed + 1 shared', topK: 8 },
    config: {
      scheme: 'deepseek',
      experts: 384,
      topK: 8,
      sharedExperts: 1,
      biasRate: 0.001,
      capacityFactor: null,
      evalCapacityFactor: null,
      balanceCoef: 0,
    },
  },
  {
    id: 'dbrx',
    name: 'DBRX',
    kind: 'model',
    description: {
      en: '16 experts with top-4: more, smaller choices per token than Mixtral’s 8 with top-2. Compare how evenly the load spreads.',
      'zh-CN': '16 个专家，top-4：比 Mixtral 的 8 选 2 每个词元选得更多。比较负载分布得有多均匀。',
    },
    source: 'DBRX (Databricks), 2024',
    real: { total: '132B', active: '36B', experts: '16', topK: 4 },
    config: { experts: 16, topK: 4 },
  },
  {
    id: 'grok-1',
    name: 'Grok-1',
    kind: 'model',
    description: {
      en: '8 experts with top-2, the same layout as Mixtral at a much larger size. In the browser the two look alike.',
      'zh-CN': '8 个专家，top-2，与 Mixtral 结构相同但规模大得多。在浏览器里两者看起来一样。',
    },
    source: 'Grok-1 open release (xAI), 2024',
    real: { total: '314B', experts: '8', topK: 2 },
    config: { experts: 8, topK: 2 },
  },
  {
    id: 'olmoe',
    name: 'OLMoE-1B-7B',
    kind: 'model',
    description: {
      en: '64 experts, 8 chosen per token, no shared experts. Watch many small experts share the work.',
      'zh-CN': '64 个专家，每个词元选 8 个，没有共享专家。观察许多小专家如何分担工作。',
    },
    source: 'OLMoE (Muennighoff et al.), 2024',
    real: { total: '6.9B', active: '1.3B', experts: '64', topK: 8 },
    config: { experts: 64, topK: 8 },
  },
  {
    id: 'vmoe-bpr',
    name: 'V-MoE, batch priority',
    kind: 'method',
    description: {
      en: 'When capacity is short, tokens with the most confident first choice are served first instead of the earliest ones. The capacity factor is set low (0.5) so the order matters.',
      'zh-CN': '容量不足时，先服务第一选择最有把握的词元，而不是最早到的词元。容量因子设得很低（0.5），让顺序起作用。',
    },
    source: 'Scaling Vision with Sparse MoE (Riquelme et al.), 2021',
    config: { topK: 2, normalize: 'softmax-topk', dropPolicy: 'bpr', capacityFactor: 0.5 },
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
    config: { scheme: 'expert-choice', capacityFactor: 2, evalCapacityFactor: 2, balanceCoef: 0 },
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
    config: { scheme: 'noisy-topk', experts: 16, topK: 2, routerNoise: 1, normalize: 'topk-softmax' },
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
    config: { scheme: 'soft', balanceCoef: 0 },
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
    config: { topK: 1, normalize: 'softmax-topk', balanceCoef: 0, zLossCoef: 0, lr: 0.05 },
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

export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The preset's full config: the schema's defaults with its overrides. Throws for an unknown id. */
export function presetConfig(id: string): MoeConfig {
  const preset = presetById(id);
  if (!preset) throw new RangeError(`presetConfig: no preset "${id}"`);
  return { ...schemaDefaults(), ...preset.config };
}
