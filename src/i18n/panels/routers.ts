// Strings of the balanced-assignment routers (BASE, Sinkhorn) and of DeepSeek's V2 options, in
// both languages: their settings, options and why a setting does not apply with them.

export const en = {
  'set.scoreFunction': 'Router scores',
  'set.groupScore': 'Group score',
  'set.normalizeWeights': 'Normalise the chosen weights',
  'set.hint.scoreFunction':
    'DeepSeek-V3 scores each expert with a sigmoid of its logit; DeepSeek-V2, V2-Lite and DeepSeekMoE take a softmax over all experts.',
  'set.hint.groupScore':
    'How a group is ranked when a token may use only some groups: V3 sums its two best scores; V2 takes its best one (its groups are devices, and the kept groups are the M devices a token may reach).',
  'set.hint.normalizeWeights':
    'On (V3): the chosen scores are divided by their sum, then multiplied by the routed scaling factor. Off (V2): the chosen scores are multiplied by the scaling factor as they are.',
  'opt.scheme.sinkhorn': 'Sinkhorn (S-BASE, Megatron)',
  'opt.scheme.base': 'BASE layers (balanced assignment)',
  'opt.scoreFunction.sigmoid': 'sigmoid (V3)',
  'opt.scoreFunction.softmax': 'softmax (V2, DeepSeekMoE)',
  'opt.groupScore.top2-sum': 'sum of its best two (V3)',
  'opt.groupScore.max': 'its best expert (V2, devices)',
  'why.balancedAssignment':
    'Fixed at 0: this router balances the load in its choice of experts, and Megatron-LM refuses an auxiliary loss with it.',
  'why.allGroupsKept': 'Not used while every group is kept: no group is ranked.',
  'why.oneExpert': 'Fixed at 1: BASE layers send each token to exactly one expert.',
  'why.exactShares':
    'Not used: in training BASE layers give every expert exactly T/E tokens and drop none; at evaluation each token goes to its best expert, without a limit.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'set.scoreFunction': '路由分数',
  'set.groupScore': '组的分数',
  'set.normalizeWeights': '对选中的权重归一化',
  'set.hint.scoreFunction': 'DeepSeek-V3 用每个 logit 的 sigmoid 给专家打分；DeepSeek-V2、V2-Lite 和 DeepSeekMoE 对所有专家取 softmax。',
  'set.hint.groupScore':
    '当一个词元只能使用部分组时，组如何排序：V3 取组内最好的两个分数之和；V2 取组内最好的一个（它的组就是设备，保留的组就是一个词元最多能到达的 M 台设备）。',
  'set.hint.normalizeWeights': '开启（V3）：选中的分数先除以它们的和，再乘以路由缩放因子。关闭（V2）：选中的分数直接乘以缩放因子。',
  'opt.scheme.sinkhorn': 'Sinkhorn（S-BASE，Megatron）',
  'opt.scheme.base': 'BASE 层（均衡分配）',
  'opt.scoreFunction.sigmoid': 'sigmoid（V3）',
  'opt.scoreFunction.softmax': 'softmax（V2、DeepSeekMoE）',
  'opt.groupScore.top2-sum': '组内最好两个之和（V3）',
  'opt.groupScore.max': '组内最好的专家（V2，设备）',
  'why.balancedAssignment': '固定为 0：此路由器在选择专家时就均衡了负载，Megatron-LM 也不允许它与辅助损失同用。',
  'why.allGroupsKept': '所有组都保留时不使用：没有组需要排序。',
  'why.oneExpert': '固定为 1：BASE 层把每个词元恰好送往一个专家。',
  'why.exactShares': '不使用：训练时 BASE 层让每个专家恰好分到 T/E 个词元，不丢弃任何词元；评估时每个词元去往它最好的专家，没有上限。',
};
