// Strings of expert merging's views (SMEAR, Lory): the token inspector's merge weights and the
// load bars' mean merge weights, in both languages. zh must have every key of en.

export const en = {
  'teach.mergePerToken':
    'With sequence length L = 1 every token is its own sequence, so each token gets its own merged expert. Raise L (under Data) to merge per sequence, as SMEAR and Lory do.',
  'warn.notCausalSequence':
    'SMEAR merges with the average of the whole sequence, later tokens included: a token’s expert depends on the tokens after it, so it cannot generate one token at a time (Lory merges by the previous segment instead).',
  'preset.smear.name': 'SMEAR (expert merging)',
  'preset.smear.description':
    'Each sequence of 16 characters gets one expert merged from all 8, its weights averaged by the router’s softmax of the sequence’s mean. Nothing is picked, so the router learns from the task loss alone, without a balance loss.',
  'preset.lory.name': 'Lory (causal expert merging)',
  'preset.lory.description':
    'Like SMEAR, but per segment of 4 characters, each merged with the routing of the segment before it, so an expert never depends on later text. Open a token in the inspector to see which segment its weights came from.',
  'traffic.merged':
    'Expert merging sends no tokens to experts: each sequence or segment builds its own expert from all experts’ weights, so with the experts spread over GPUs the weights travel, not the tokens.',
  'merge.title': 'Merged expert',
  'merge.sequence': 'Token {t} is in sequence {g} (tokens {a}–{b}): its expert is merged from all {E} experts with these weights, the same for every token of the sequence.',
  'merge.segment':
    'Token {t} is in segment {s} of sequence {q} (tokens {a}–{b}): its expert is merged from all {E} experts with these weights, the same for every token of the segment.',
  'merge.fromPrevious': 'Lory: these weights came from the previous segment ({p}, tokens {a}–{b}), so a segment’s expert depends only on earlier tokens.',
  'merge.fromOwn': 'Lory: the first segment of its sequence has no previous one, so it is merged with its own weights, which do not train the router.',
  'merge.fromSlots': 'The batch is too large to carry every group’s weights: these are the token’s top slots.',
  'merge.expert': 'expert {e}',
  'load.merged': 'Mean merge weight per expert: every token uses every expert’s weights, so there are no token counts to show.',
  'cost.mergedNote':
    'Expert merging: each sequence (SMEAR) or segment (Lory) builds one expert from all {E} experts’ weights, so all parameters are active; each token then runs that one expert. The merge’s multiply-adds are shared by the group’s tokens.',
};

export const zh: Record<keyof typeof en, string> = {
  'teach.mergePerToken': '序列长度 L = 1 时每个词元自成一个序列，于是每个词元都有自己的合并专家。在“数据”中把 L 调大，才能像 SMEAR 和 Lory 那样按序列合并。',
  'warn.notCausalSequence': 'SMEAR 用整个序列（包括后面的词元）的平均来合并：一个词元的专家取决于它之后的词元，所以不能逐个词元生成（Lory 改用前一个片段来合并）。',
  'preset.smear.name': 'SMEAR（专家合并）',
  'preset.smear.description':
    '每个 16 个字符的序列得到一个由全部 8 个专家合并而成的专家：合并专家的每个权重，是各专家权重按路由器对序列平均表示的 softmax 加权平均。不做选择，所以路由器只从任务损失中学习，不用负载均衡损失。',
  'preset.lory.name': 'Lory（因果的专家合并）',
  'preset.lory.description':
    '和 SMEAR 一样，但按 4 个字符的片段合并，每个片段用前一个片段的路由，因此专家从不依赖后面的文本。在检查器中打开一个词元，可以看到它的权重来自哪个片段。',
  'traffic.merged': '专家合并不把词元发给专家：每个序列或片段用全部专家的权重构建自己的专家，所以专家分布在多个 GPU 上时，传输的是权重而不是词元。',
  'merge.title': '合并后的专家',
  'merge.sequence': '词元 {t} 属于序列 {g}（词元 {a}–{b}）：它的专家由全部 {E} 个专家按这些权重合并而成，序列中每个词元都相同。',
  'merge.segment': '词元 {t} 属于序列 {q} 的片段 {s}（词元 {a}–{b}）：它的专家由全部 {E} 个专家按这些权重合并而成，片段中每个词元都相同。',
  'merge.fromPrevious': 'Lory：这些权重来自前一个片段（{p}，词元 {a}–{b}），所以一个片段的专家只取决于更早的词元。',
  'merge.fromOwn': 'Lory：序列的第一个片段没有前一个片段，所以用它自己的权重合并，这些权重不训练路由器。',
  'merge.fromSlots': '批次太大，无法携带每组的权重：这里是该词元权重最大的几个槽位。',
  'merge.expert': '专家 {e}',
  'load.merged': '每个专家的平均合并权重：每个词元都用到每个专家的权重，所以没有词元计数可显示。',
  'cost.mergedNote': '专家合并：每个序列（SMEAR）或片段（Lory）用全部 {E} 个专家的权重合并出一个专家，因此全部参数都是激活的；每个词元再运行这一个专家。合并的乘加由组内词元分摊。',
};
