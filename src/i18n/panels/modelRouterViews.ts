// Strings the views add for the model-level routers: PanGu-Σ's domain-mapped routing and
// Yuan 2.0-M32's attention router in the token inspector, and expert merging's flat heatmap.
// Both languages; zh must have every key of en.

export const en = {
  'inspector.domainRouting':
    'Domain-mapped routing (PanGu-Σ): the token’s domain, {domain}, owns experts {from}–{to}; inside that group a fixed, seeded map of the token id picks its experts. No router is learned: the scores below inform the views only.',
  'inspector.domainRoutingOne':
    'Domain-mapped routing (PanGu-Σ): the token’s domain, {domain}, owns expert {from}; a fixed, seeded map of the token id picks inside its group. No router is learned: the scores below inform the views only.',
  'inspector.domainRoutingAny':
    'Domain-mapped routing (PanGu-Σ): the token’s domain picks its group of experts, and inside the group a fixed, seeded map of the token id picks its experts. No router is learned: the scores below inform the views only.',
  'inspector.attentionRouter':
    'Attention router (Yuan 2.0-M32): the scores come from logits = softmax(q kᵀ)·v over the E = {E} experts, so each expert’s score takes the others into account.',
  'heatmap.merged':
    'Expert merging: every expert serves every token (each sequence or segment runs one expert merged from all E experts’ weights), so every expert’s load is T and the map is flat. The expert load panel shows the mean merge weights instead.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'inspector.domainRouting':
    '领域映射路由（PanGu-Σ）：这个词元的领域“{domain}”拥有专家 {from}–{to}；在这一组内，由词元 id 的一个固定、带种子的映射选出它的专家。没有要学习的路由器：下面的分数只供展示。',
  'inspector.domainRoutingOne':
    '领域映射路由（PanGu-Σ）：这个词元的领域“{domain}”拥有专家 {from}；组内由词元 id 的一个固定、带种子的映射来选。没有要学习的路由器：下面的分数只供展示。',
  'inspector.domainRoutingAny':
    '领域映射路由（PanGu-Σ）：词元的领域决定它所用的专家组，组内由词元 id 的一个固定、带种子的映射选出它的专家。没有要学习的路由器：下面的分数只供展示。',
  'inspector.attentionRouter':
    '注意力路由器（Yuan 2.0-M32）：分数来自在 E = {E} 个专家上计算的 logits = softmax(q kᵀ)·v，所以每个专家的分数都考虑了其他专家。',
  'heatmap.merged':
    '专家合并：每个专家都服务每个词元（每个序列或片段运行一个由全部 E 个专家的权重合并出的专家），所以每个专家的负载都是 T，热力图是平的。专家负载面板改为显示平均合并权重。',
};
