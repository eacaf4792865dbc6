// Names and descriptions of the presets of the model-level routers (the attention router,
// MH-MoE, expert merging, domain-mapped random routing), in both languages. zh must have every
// key of en.

export const en = {
  'preset.yuan-m32.name': 'Yuan 2.0-M32',
  'preset.yuan-m32.description':
    '32 experts, top-2, chosen by an attention router: three maps of the token give q, k and v of length 32, and the logits are softmax(q kᵀ) v, so each expert’s score takes the others into account. Compare its load and loss with a linear router (Router: linear).',
  'preset.yuan-m32.notes': 'softmax over all 32, top-2, renormalised; dropless; the balance coefficient is the lab’s default',
  'preset.mh-moe.name': 'Multi-head MoE',
  'preset.mh-moe.description':
    'Each token is projected and split into 4 sub-tokens of width 8, and each sub-token is routed on its own, so one token reaches up to 8 experts with top-2. A learned projection merges the sub-tokens back.',
  'preset.pangu-domains.name': 'PanGu-Σ domain experts',
  'preset.pangu-domains.description':
    'Domain-mapped random routing: each of the text’s four domains owns two of the eight experts, and a fixed random map of the token id picks one of them. The router learns nothing, so the specialisation matrix is block-diagonal from the first step.',
  'preset.dense-moe.name': 'Dense MoE',
  'preset.dense-moe.description':
    'Top-k with k = E: every token runs through all four experts, weighted by the softmax of the router. The flow shows every path, the cost panel every expert active: the baseline a sparse layer saves against.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'preset.yuan-m32.name': '源 2.0-M32（Yuan 2.0-M32）',
  'preset.yuan-m32.description':
    '32 个专家、top-2，由注意力路由器选择：词元经三个映射得到长度为 32 的 q、k、v，logits 为 softmax(q kᵀ) v，因此每个专家的分数会考虑其他专家。把它的负载和损失与线性路由器（路由器：线性）比较。',
  'preset.yuan-m32.notes': '对全部 32 个专家做 softmax，取 top-2 并重新归一化；不丢弃；均衡系数用实验室的默认值',
  'preset.mh-moe.name': '多头 MoE（MH-MoE）',
  'preset.mh-moe.description':
    '每个词元先投影，再切成 4 个宽度为 8 的子词元，每个子词元各自路由；在 top-2 下，一个词元最多用到 8 个专家。一个可学习的投影把子词元合并回来。',
  'preset.pangu-domains.name': 'PanGu-Σ 领域专家',
  'preset.pangu-domains.description':
    '按领域映射的随机路由：文本的四个领域各拥有八个专家中的两个，词元 id 经过一个固定的随机映射选出其中一个。路由器什么也不学，因此专精矩阵从第一步起就是分块对角的。',
  'preset.dense-moe.name': '稠密 MoE',
  'preset.dense-moe.description':
    'k = E 的 top-k：每个词元都要经过全部四个专家，按路由器的 softmax 加权。流向图画出每一条路径，成本面板显示每个专家都被激活：这是稀疏层用来比较节省量的基线。',
};
