// Strings of the settings for sequences, the balance-loss variants and the model-level routers
// (the attention router, MH-MoE's heads, Lory's segments), in both languages.
// zh must have every key of en.

export const en = {
  'set.seqLen': 'Sequence length L',
  'set.balanceType': 'Balance loss over',
  'set.globalWindow': 'Global window G (steps)',
  'set.deviceBalanceCoef': 'Device balance loss α₂',
  'set.routerKind': 'Router network',
  'set.heads': 'Heads H (MH-MoE)',
  'set.segmentLen': 'Segment length S (Lory)',
  'set.hint.seqLen':
    'Tokens per sequence: each batch is T/L sequences of L consecutive tokens (runs of text, or L consecutive examples). 1 makes every token its own sequence. Expert choice, Soft MoE and the balanced routers still look across the whole batch.',
  'set.hint.balanceType':
    'Which token counts the balance loss uses (Megatron-LM’s load-balancing types): the whole micro-batch (aux_loss), each sequence on its own, averaged (seq_aux_loss, DeepSeek-V2/V3), or the counts of the last G steps (global_aux_loss).',
  'set.hint.globalWindow':
    'Steps whose token counts the global balance loss averages. Megatron averages the micro-batches of one global batch; the lab takes one micro-batch a step, so it averages the last G steps.',
  'set.hint.deviceBalanceCoef':
    'DeepSeek-V2’s device-level balance loss: the expert groups stand for devices, and the loss pushes each device’s total load (not each expert’s) towards its share. 0 turns it off; DeepSeek-V2 used 0.05.',
  'set.hint.routerKind':
    'How the router’s logits are made: one linear map of the token, or Yuan 2.0-M32’s attention router, where three maps give q, k and v of length E and the logits are softmax(q kᵀ) v, an E × E attention among the experts (its cost grows with T·E²).',
  'set.hint.heads':
    'MH-MoE: each token is projected and split into H sub-tokens of width d/H, each routed on its own to experts of width d/H, then merged back by a learned projection. H must divide d.',
  'set.hint.segmentLen':
    'Lory: the tokens of a segment share one merged expert, weighted by the router’s view of the previous segment (causal). S divides L.',
  'opt.balanceType.aux': 'the micro-batch (aux_loss)',
  'opt.balanceType.seq': 'each sequence (seq_aux_loss)',
  'opt.balanceType.global': 'the last G steps (global_aux_loss)',
  'opt.routerKind.linear': 'linear',
  'opt.routerKind.attention': 'attention (Yuan 2.0-M32)',
  'why.globalOnly': 'Only used when the balance loss is over the last G steps (global_aux_loss).',
  'why.oneGroup': 'The expert groups stand for devices: set more than one group.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'set.seqLen': '序列长度 L',
  'set.balanceType': '均衡损失的统计范围',
  'set.globalWindow': '全局窗口 G（步）',
  'set.deviceBalanceCoef': '设备级均衡损失 α₂',
  'set.routerKind': '路由网络',
  'set.heads': '头数 H（MH-MoE）',
  'set.segmentLen': '片段长度 S（Lory）',
  'set.hint.seqLen':
    '每个序列的词元数：每批是 T/L 个序列，每个序列是 L 个连续词元（一段连续文本，或 L 个连续样本）。取 1 时每个词元自成一个序列。专家选择、Soft MoE 和均衡分配路由器仍然看整批。',
  'set.hint.balanceType':
    '均衡损失使用哪些词元计数（Megatron-LM 的负载均衡类型）：整个微批次（aux_loss）、每个序列各自计算再取平均（seq_aux_loss，DeepSeek-V2/V3），或最近 G 步的计数（global_aux_loss）。',
  'set.hint.globalWindow':
    '全局均衡损失平均的步数。Megatron 平均一个全局批次里的各个微批次；本实验室每步只取一个微批次，所以平均最近 G 步。',
  'set.hint.deviceBalanceCoef':
    'DeepSeek-V2 的设备级均衡损失：专家组代表设备，这个损失让每台设备的总负载（而不是每个专家的负载）接近其份额。取 0 关闭；DeepSeek-V2 用 0.05。',
  'set.hint.routerKind':
    '路由 logits 的算法：词元的一个线性映射，或源 2.0-M32（Yuan 2.0-M32）的注意力路由器：三个映射给出长度为 E 的 q、k、v，logits 为 softmax(q kᵀ) v，即专家之间的 E × E 注意力（开销随 T·E² 增长）。',
  'set.hint.heads':
    'MH-MoE：每个词元先投影，再切成 H 个宽度为 d/H 的子词元，各自独立路由到宽度为 d/H 的专家，最后由一个可学习的投影合并回来。H 必须整除 d。',
  'set.hint.segmentLen': 'Lory：同一片段的词元共用一个合并专家，权重来自路由器对上一片段的判断（因果）。S 整除 L。',
  'opt.balanceType.aux': '整个微批次（aux_loss）',
  'opt.balanceType.seq': '每个序列（seq_aux_loss）',
  'opt.balanceType.global': '最近 G 步（global_aux_loss）',
  'opt.routerKind.linear': '线性',
  'opt.routerKind.attention': '注意力（源 2.0-M32）',
  'why.globalOnly': '仅在均衡损失统计最近 G 步（global_aux_loss）时使用。',
  'why.oneGroup': '专家组代表设备：请设置不止一个组。',
};
