// Strings of one panel, in both languages. zh must have every key of en (a type error otherwise).

export const en = {
  'tour.start': 'Take the tour',
  'tour.label': 'Guided tour',
  'tour.position': 'Stop {n} of {total}',
  'tour.back': 'Back',
  'tour.next': 'Next',
  'tour.finish': 'Finish',
  'tour.leave': 'Leave the tour',
  'tour.training': 'Training…',
  'tour.keys': '→ / PageDown next, ← / PageUp back, Esc leaves and gives back your own settings.',
  'tour.switch.title': 'One expert per token, and a capacity',
  'tour.switch.text':
    'Switch Transformer sends every token to one expert. Each bar in the expert load is one expert; the dashed line is its capacity, 1.25 times the even share. A bar above the line keeps only what fits: the rest of its tokens are dropped.',
  'tour.drops.title': 'Dropped tokens take the residual lane',
  'tour.drops.text':
    'The same model with the capacity cut to 0.75 of the even share. In the routing flow, tokens that an expert could not keep go down the residual lane: they skip the experts and pass through unchanged. Capacity buys speed and costs quality.',
  'tour.collapse.title': 'The balance loss, and collapse without it',
  'tour.collapse.text':
    'With no balance loss and a high learning rate, the experts that win early take almost every token. In the utilisation heatmap one or two rows turn red and the rest blue. A small balance loss (α = 0.01) keeps the load even: set α back to see it.',
  'tour.top2.title': 'Top-2 and the gate weights',
  'tour.top2.text':
    'Mixtral gives each token two experts and mixes their outputs by the softmax over the two scores. The token inspector shows one token’s scores, the two experts it chose and the weight of each.',
  'tour.deepseekmoe.title': 'Shared and fine-grained experts',
  'tour.deepseekmoe.text':
    'DeepSeekMoE splits each expert into smaller ones, so a token picks more of them, and adds shared experts that every token goes through. In the routing flow the shared experts take every token; the routed ones share out the rest.',
  'tour.bias.title': 'Balance without a loss: DeepSeek-V3’s bias',
  'tour.bias.text':
    'DeepSeek-V3 has no balance loss. Each expert gets a bias that is added only when experts are picked: raised when the expert is underloaded, lowered when it is overloaded. The heatmap stays even without any loss pulling on the router.',
  'tour.teacher.title': 'What the experts learned',
  'tour.teacher.text':
    'The default task: a hidden teacher MoE labels fresh inputs. Each row of this matrix is one teacher expert, each column one student expert. A dark cell is a student expert that took over a teacher expert’s inputs, and can learn its function.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'tour.start': '开始导览',
  'tour.label': '导览',
  'tour.position': '第 {n} 站，共 {total} 站',
  'tour.back': '上一站',
  'tour.next': '下一站',
  'tour.finish': '完成',
  'tour.leave': '退出导览',
  'tour.training': '训练中……',
  'tour.keys': '→ / PageDown 下一站，← / PageUp 上一站，Esc 退出并恢复你原来的设置。',
  'tour.switch.title': '每个词元一个专家，以及容量',
  'tour.switch.text':
    'Switch Transformer 把每个词元只送给一个专家。专家负载图中每根柱子是一个专家；虚线是它的容量，即平均份额的 1.25 倍。超过虚线的柱子只保留放得下的部分，其余词元被丢弃。',
  'tour.drops.title': '被丢弃的词元走残差通道',
  'tour.drops.text':
    '同一个模型，容量降到平均份额的 0.75 倍。在路由流图中，专家放不下的词元走残差通道：跳过专家，原样通过。容量换来速度，代价是质量。',
  'tour.collapse.title': '均衡损失，以及没有它时的坍缩',
  'tour.collapse.text':
    '没有均衡损失、学习率又高时，早期占优的专家会拿走几乎所有词元。利用率热力图中一两行变红，其余变蓝。一个小的均衡损失（α = 0.01）就能让负载保持均匀：把 α 调回去看看。',
  'tour.top2.title': 'Top-2 与门控权重',
  'tour.top2.text': 'Mixtral 给每个词元两个专家，并按两者分数的 softmax 混合它们的输出。词元检查器显示一个词元的分数、它选中的两个专家以及各自的权重。',
  'tour.deepseekmoe.title': '共享专家与细粒度专家',
  'tour.deepseekmoe.text':
    'DeepSeekMoE 把每个专家拆成更小的几个，让一个词元选更多专家，并加入每个词元都会经过的共享专家。在路由流图中，共享专家接收所有词元，路由专家分担其余部分。',
  'tour.bias.title': '不用损失的均衡：DeepSeek-V3 的偏置',
  'tour.bias.text':
    'DeepSeek-V3 没有均衡损失。每个专家有一个只在挑选专家时才加上的偏置：负载不足时调高，过载时调低。即使没有任何损失拉动路由器，热力图也保持均匀。',
  'tour.teacher.title': '专家学到了什么',
  'tour.teacher.text':
    '默认任务：一个隐藏的教师 MoE 为新输入打标签。这个矩阵每一行是一个教师专家，每一列是一个学生专家。深色单元格表示某个学生专家接管了某个教师专家的输入，能学会它的函数。',
};
