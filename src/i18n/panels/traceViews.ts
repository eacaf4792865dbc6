// Strings of the trace page's charts (src/components/traces: layers × experts, co-activation,
// experts over time, vLLM's balance log, the cluster), in both languages. zh must have every key of en.

export const en = {
  'tv.hint': 'Hover a cell, or focus the chart and use the arrow keys, to read it.',
  'tv.layer': 'layer {layer}',

  'tv.layers.read':
    'Each row is one layer, each column one expert, coloured by the expert’s share of the layer’s choices: white at the even share, red above, blue below, deepest blue for none. The row marked ▶ is the layer the other views show: click a row, or focus the chart, move with ↑ ↓ and press Enter, to show another.',
  'tv.layers.chart': 'Share of the choices per expert: {L} layers (rows) by up to {E} experts (columns). Layer {layer} is shown.',
  'tv.layers.axisLayers': 'layer',
  'tv.layers.axisExperts': 'expert',
  'tv.layers.cell': 'Layer {layer}, expert {e}: {share} of the layer’s choices ({ratio} × the even share).',
  'tv.layers.cellGroup': 'Layer {layer}, experts {from}–{to}: {share} of the layer’s choices.',
  'tv.layers.cellNone': 'Layer {layer} has {E} experts: no expert {e} here.',
  'tv.layers.summary':
    '{L} layers. The least even is layer {worst} (balancedness {bw}; its busiest expert takes {share} of its choices), the most even layer {best} (balancedness {bb}).',
  'tv.layers.mixedE':
    'The layers differ in their number of experts ({list}): each row is coloured against its own even share, and the legend shows the shown layer’s.',
  'tv.layers.inWords': 'Every layer in words',
  'tv.layers.row': 'Layer {layer}{name}: {E} experts; the busiest, {e}, takes {share} of the choices; balancedness {b}; coefficient of variation {cv}.',
  'tv.layers.shown': 'shown',
  'tv.layers.pick': 'Show layer {layer}',
  'tv.layers.fromCounts': 'From the trace’s counts records (tokens per expert per step, without the tokens’ choices).',
  'tv.layers.empty': 'This trace has no expert choices or counts to draw.',

  'tv.co.read':
    'Row i, column j: how often experts i and j are both among a token’s choices, against chance. White is as often as the two experts’ own popularity predicts (1×), red more often, blue less, deepest blue never; the diagonal (grey) is each expert with itself. A red pair works as a team, its outputs summed on the same tokens; on a cluster, a pair on one GPU saves a send.',
  'tv.co.chart': 'Co-activation of layer {layer}’s {E} experts, {E} × {E} cells.',
  'tv.co.cell':
    'Experts {i} and {j}: {count} tokens together, {lift}× what independent choices would give; {pij} of expert {i}’s tokens also chose {j}, and {pji} of expert {j}’s chose {i}.',
  'tv.co.cellSelf': 'Expert {i}: chosen by {count} of the {N} tokens ({share}).',
  'tv.co.busiest': 'The pair serving the most tokens together: experts {i} and {j}, {count} tokens, {lift}× chance.',
  'tv.co.strongest': 'The pair most over-represented against chance: experts {i} and {j}, {lift}× ({count} tokens together).',
  'tv.co.none': 'No token has two experts here (k = 1, or every other choice padded): no two experts share a token.',
  'tv.co.needsTokens':
    'Co-activation needs each token’s choices. This trace has only counts per expert, which cannot say which experts shared a token.',
  'tv.co.never': 'never',
  'tv.co.chance': 'chance (1×)',
  'tv.co.more': '{max}× or more',

  'tv.util.bySteps': 'Each row is an expert, each column the trace’s steps {from}–{to} ({per} a column), coloured by the expert’s share of the column’s choices, as in the lab’s heatmap.',
  'tv.util.byTokens': 'The trace has no steps: each column is {per} consecutive tokens in file order, coloured by each expert’s share of the column’s choices, as in the lab’s heatmap.',
  'tv.util.chart': 'Layer {layer}: each of {E} experts’ share of the choices over {cols} columns.',
  'tv.util.axisStep': 'step',
  'tv.util.axisToken': 'token',
  'tv.util.cellStep': '{experts}, steps {from}–{to}: {share} of the choices ({ratio} × the even share).',
  'tv.util.cellStepOne': '{experts}, step {from}: {share} of the choices ({ratio} × the even share).',
  'tv.util.cellToken': '{experts}, tokens {from}–{to}: {share} of the choices ({ratio} × the even share).',
  'tv.util.cellEmpty': 'No choices from {from} to {to}.',
  'tv.util.summary': 'Over the whole layer the busiest expert, {e}, takes {share} of the choices (even share {ideal}); {idle} of {E} experts took none.',
  'tv.util.empty': 'This layer has no choices to draw over time.',

  'tv.bal.read':
    'At each logged step vLLM records the average and the largest number of tokens an expert-parallel rank processed. Balancedness is average / max: 1 is perfectly even; 0.5 means the busiest rank does twice the average work, and the step waits for it.',
  'tv.bal.balancedness': 'balancedness',
  'tv.bal.avg': 'average tokens',
  'tv.bal.max': 'max tokens',
  'tv.bal.chartB': 'Balancedness over {n} logged steps, {from} to {to}.',
  'tv.bal.chartTokens': 'Average and largest tokens per rank over {n} logged steps.',
  'tv.bal.last': 'Last logged step, {step}: balancedness {b}, {avg} tokens a rank on average, {max} on the busiest.',
  'tv.bal.range': 'Over the log, balancedness ran from {min} (step {minStep}) to {max} (step {maxStep}), {mean} on average.',
  'tv.bal.at': 'Step {step}: balancedness {b}, {avg} tokens on average, {max} on the busiest rank.',
  'tv.bal.hint': 'Hover a chart, or focus it and use ← →, to read a step.',
  'tv.bal.empty': 'This trace has no balance records.',

  'tv.cluster.from':
    'Layer {layer}’s {choices} choices on the cluster of the Cluster settings: the experts placed once, from the whole trace’s load; the balance chart follows the trace’s {steps} steps on that placement.',
  'tv.cluster.fromNoSteps':
    'Layer {layer}’s {choices} choices on the cluster of the Cluster settings: the experts placed once, from the whole trace’s load. The trace has no steps, so there is no balance over time.',
  'tv.cluster.trafficLast': 'The traffic of the trace’s last step, {step} ({T} tokens), as one batch:',
  'tv.cluster.trafficAll': 'The trace has no steps: the traffic of all the layer’s {T} tokens as one batch.',
  'tv.cluster.needsTokens': 'The all-to-all needs each token’s choices; this trace has only counts per expert.',
  'tv.cluster.empty': 'This layer routed nothing, so there is nothing to place.',
  'tv.cluster.noFit': 'Layer {layer}’s {E} experts cannot be placed on this cluster ({detail}). Change the Cluster settings.',
};

export const zh: Record<keyof typeof en, string> = {
  'tv.hint': '把鼠标移到格子上，或聚焦图表后用方向键，读出该格。',
  'tv.layer': '第 {layer} 层',

  'tv.layers.read':
    '每行是一层，每列是一个专家，颜色表示该专家在这一层选择中的占比：白色为平均份额，红色高于平均，蓝色低于平均，最深的蓝色为零。标有 ▶ 的行是其他视图所显示的层：点击一行，或聚焦图表后用 ↑ ↓ 移动并按 Enter，即可改为显示该层。',
  'tv.layers.chart': '每个专家的选择占比：{L} 层（行）× 至多 {E} 个专家（列）。当前显示第 {layer} 层。',
  'tv.layers.axisLayers': '层',
  'tv.layers.axisExperts': '专家',
  'tv.layers.cell': '第 {layer} 层，专家 {e}：占该层选择的 {share}（平均份额的 {ratio} 倍）。',
  'tv.layers.cellGroup': '第 {layer} 层，专家 {from}–{to}：占该层选择的 {share}。',
  'tv.layers.cellNone': '第 {layer} 层只有 {E} 个专家：这里没有专家 {e}。',
  'tv.layers.summary':
    '共 {L} 层。最不均衡的是第 {worst} 层（均衡度 {bw}；最忙的专家占其选择的 {share}），最均衡的是第 {best} 层（均衡度 {bb}）。',
  'tv.layers.mixedE': '各层的专家数不同（{list}）：每行按本层自己的平均份额着色，图例对应当前显示的层。',
  'tv.layers.inWords': '用文字列出每一层',
  'tv.layers.row': '第 {layer} 层{name}：{E} 个专家；最忙的专家 {e} 占选择的 {share}；均衡度 {b}；变异系数 {cv}。',
  'tv.layers.shown': '当前显示',
  'tv.layers.pick': '显示第 {layer} 层',
  'tv.layers.fromCounts': '来自轨迹中的计数记录（每步每个专家的词元数，没有各词元的选择）。',
  'tv.layers.empty': '这份轨迹没有可绘制的专家选择或计数。',

  'tv.co.read':
    '第 i 行第 j 列：专家 i 和 j 同时出现在一个词元的选择中的频率，与随机情况相比。白色表示与两个专家各自的热门程度所预期的一样（1 倍），红色表示更常见，蓝色表示更少，最深的蓝色表示从未同时出现；对角线（灰色）是专家与自身。红色的一对像一个团队：它们的输出在同样的词元上相加；在集群上，把这一对放在同一块 GPU 上可以省去一次发送。',
  'tv.co.chart': '第 {layer} 层 {E} 个专家的共同激活，{E} × {E} 个格子。',
  'tv.co.cell':
    '专家 {i} 和 {j}：共同服务 {count} 个词元，是独立选择所预期的 {lift} 倍；专家 {i} 的词元中有 {pij} 也选了 {j}，专家 {j} 的词元中有 {pji} 也选了 {i}。',
  'tv.co.cellSelf': '专家 {i}：被 {N} 个词元中的 {count} 个选中（{share}）。',
  'tv.co.busiest': '共同服务词元最多的一对：专家 {i} 和 {j}，{count} 个词元，是随机情况的 {lift} 倍。',
  'tv.co.strongest': '相对随机情况最突出的一对：专家 {i} 和 {j}，{lift} 倍（共同服务 {count} 个词元）。',
  'tv.co.none': '这里没有词元选中两个专家（k = 1，或其余选择都是填充）：没有两个专家共享词元。',
  'tv.co.needsTokens': '共同激活需要每个词元的选择。这份轨迹只有每个专家的计数，无法说明哪些专家共享了同一个词元。',
  'tv.co.never': '从不',
  'tv.co.chance': '随机（1 倍）',
  'tv.co.more': '{max} 倍及以上',

  'tv.util.bySteps': '每行是一个专家，每列是轨迹的第 {from}–{to} 步（每列 {per} 步），颜色表示该专家在这一列选择中的占比，与实验室的热力图相同。',
  'tv.util.byTokens': '这份轨迹没有步数：每列是按文件顺序的 {per} 个连续词元，颜色表示各专家在这一列选择中的占比，与实验室的热力图相同。',
  'tv.util.chart': '第 {layer} 层：{E} 个专家各自的选择占比，共 {cols} 列。',
  'tv.util.axisStep': '步',
  'tv.util.axisToken': '词元',
  'tv.util.cellStep': '{experts}，第 {from}–{to} 步：占选择的 {share}（平均份额的 {ratio} 倍）。',
  'tv.util.cellStepOne': '{experts}，第 {from} 步：占选择的 {share}（平均份额的 {ratio} 倍）。',
  'tv.util.cellToken': '{experts}，词元 {from}–{to}：占选择的 {share}（平均份额的 {ratio} 倍）。',
  'tv.util.cellEmpty': '从 {from} 到 {to} 没有选择。',
  'tv.util.summary': '在整层上，最忙的专家 {e} 占选择的 {share}（平均份额 {ideal}）；{E} 个专家中有 {idle} 个没有被选中。',
  'tv.util.empty': '这一层没有可按时间绘制的选择。',

  'tv.bal.read':
    'vLLM 在每个记录的步骤记下专家并行各个 rank 处理的平均词元数和最大词元数。均衡度是平均 / 最大：1 表示完全均匀；0.5 表示最忙的 rank 做了平均两倍的工作，这一步要等它完成。',
  'tv.bal.balancedness': '均衡度',
  'tv.bal.avg': '平均词元数',
  'tv.bal.max': '最大词元数',
  'tv.bal.chartB': '{n} 个记录步骤（{from} 到 {to}）上的均衡度。',
  'tv.bal.chartTokens': '{n} 个记录步骤上每个 rank 的平均与最大词元数。',
  'tv.bal.last': '最后记录的第 {step} 步：均衡度 {b}，每个 rank 平均 {avg} 个词元，最忙的 {max} 个。',
  'tv.bal.range': '整个日志中，均衡度从 {min}（第 {minStep} 步）到 {max}（第 {maxStep} 步），平均 {mean}。',
  'tv.bal.at': '第 {step} 步：均衡度 {b}，平均 {avg} 个词元，最忙的 rank {max} 个。',
  'tv.bal.hint': '把鼠标移到图上，或聚焦图表后用 ← →，读出某一步。',
  'tv.bal.empty': '这份轨迹没有均衡记录。',

  'tv.cluster.from':
    '第 {layer} 层的 {choices} 个选择放在集群设置所描述的集群上：专家依据整份轨迹的负载放置一次；均衡度图在这一放置下沿轨迹的 {steps} 个步骤变化。',
  'tv.cluster.fromNoSteps':
    '第 {layer} 层的 {choices} 个选择放在集群设置所描述的集群上：专家依据整份轨迹的负载放置一次。轨迹没有步数，所以没有随时间的均衡。',
  'tv.cluster.trafficLast': '轨迹最后一步（第 {step} 步，{T} 个词元）作为一个批次的通信：',
  'tv.cluster.trafficAll': '轨迹没有步数：把这一层全部 {T} 个词元作为一个批次的通信。',
  'tv.cluster.needsTokens': '全对全通信需要每个词元的选择；这份轨迹只有每个专家的计数。',
  'tv.cluster.empty': '这一层没有路由任何词元，没有可放置的内容。',
  'tv.cluster.noFit': '第 {layer} 层的 {E} 个专家无法放在这个集群上（{detail}）。请修改集群设置。',
};
