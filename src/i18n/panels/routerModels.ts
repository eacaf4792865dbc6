// Strings of the model-level routers this file's keys name: Yuan 2.0-M32's attention router in
// the cost panel, dense MoE (k = E), and PanGu-Σ's domain-mapped random routing. zh must have
// every key of en (a type error otherwise).

export const en = {
  'cost.attentionRouter':
    'Attention router (Yuan 2.0-M32): q, k and v of length E per token, then an E × E attention among the experts: {macs} multiply-adds per token, {share} of this layer’s forward FLOPs, and {square} floats of [T, E, E] attention each step (T·E²: it grows with the square of the experts).',
  'cost.denseMoe':
    'Dense MoE: k = E, so every one of the {E} experts runs for every token; the gate still weighs them, but nothing is sparse.',
  'teach.domainRandom':
    'Domain-mapped random routing (PanGu-Σ’s Random Routed Experts): each text domain owns its own contiguous group of the experts, and a fixed random map of the token id picks its k experts inside its domain’s group. Nothing is learned, so each domain’s experts could be taken out as a model of their own.',
  'teach.denseMoe':
    'Dense MoE: with k = E every expert runs for every token. The gate still weighs the experts, but the layer costs as much as all of them together: nothing is sparse.',
  'why.domainRandom': 'No effect: domain-mapped routing does not learn; its map fixes each expert’s load.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'cost.attentionRouter':
    '注意力路由器（Yuan 2.0-M32）：每个词元先得到长度为 E 的 q、k、v，再在专家之间做 E × E 的注意力：每个词元 {macs} 次乘加，占本层前向 FLOPs 的 {share}，每步 [T, E, E] 的注意力有 {square} 个浮点数（T·E²：随专家数的平方增长）。',
  'cost.denseMoe': '稠密 MoE：k = E，{E} 个专家对每个词元都要运行；门控仍给它们加权，但没有任何稀疏。',
  'teach.domainRandom':
    '按领域映射的随机路由（PanGu-Σ 的随机路由专家）：每个文本领域拥有一组连续的专家，词元 id 经过一个固定的随机映射，在其所属领域的专家组内选出 k 个专家。路由不学习，因此每个领域的专家可以单独取出，作为一个独立的模型。',
  'teach.denseMoe': '稠密 MoE：k = E 时每个专家都要处理每个词元。门控仍给专家加权，但这一层的计算量等于所有专家之和，没有任何稀疏。',
  'why.domainRandom': '无效：按领域映射的路由不学习，它的映射决定了每个专家的负载。',
};
