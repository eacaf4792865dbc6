// What a first-time visitor reads before unfolding anything: one short sentence per panel (its
// full "what you are seeing" note is folded under it), and the run panel's lines about step 0,
// a setting not built yet, and a faster backend found while paused.

export const en = {
  'lead.flow': 'Each token of the batch, drawn to the experts the router chose for it.',
  'lead.load': 'How many choices each expert got, and how many it kept.',
  'lead.inspector': 'One token’s scores, choices and drops, explained.',
  'lead.loss': 'Loss, accuracy and the router’s own losses, step by step.',
  'lead.heatmap': 'Each expert’s share of the tokens over time: a collapse shows as empty rows.',
  'lead.partition': 'Which expert the router picks at each point of the plane.',
  'lead.special': 'Which experts each kind of text goes to.',
  'lead.teacher': 'Which student experts line up with the hidden teacher’s experts.',
  'lead.cost': 'Parameters and compute of this layer, beside the real model’s.',
  'run.stepZero': 'Step 0: the untrained router on the first batch. Press Play to train.',
  'run.fasterFound': '{backend} measured faster on this device: it is used from the next reset.',
  'run.autoFirst': 'auto: wasm, which runs everywhere; other backends are measured while training is paused.',
  'run.autoMeasured': 'auto: the fastest correct backend measured on this device before.',
  'panel.building': 'Building the model…',
  'panel.notBuilt': 'Drawn once the model is built: press Play or Step.',
  'panel.refused': 'Nothing to draw: these settings are too large to build here (see Train).',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'lead.flow': '批次中的每个词元，连向路由器为它选择的专家。',
  'lead.load': '每个专家收到多少选择，保留了多少。',
  'lead.inspector': '一个词元的分数、选择和丢弃，逐条解释。',
  'lead.loss': '损失、准确率和路由器自身的损失，逐步记录。',
  'lead.heatmap': '每个专家随时间得到的词元份额：坍缩表现为空行。',
  'lead.partition': '路由器在平面上每个点选择哪个专家。',
  'lead.special': '每类文本去往哪些专家。',
  'lead.teacher': '哪些学生专家与隐藏教师的专家对上了。',
  'lead.cost': '这一层的参数量和计算量，与真实模型并列。',
  'run.stepZero': '第 0 步：未训练的路由器处理第一个批次。按“播放”开始训练。',
  'run.fasterFound': '在这台设备上测得 {backend} 更快：从下次重置起使用它。',
  'run.autoFirst': 'auto：先用到处都能运行的 wasm；其他后端在训练暂停时测量。',
  'run.autoMeasured': 'auto：此前在这台设备上测得最快且结果正确的后端。',
  'panel.building': '正在构建模型…',
  'panel.notBuilt': '模型构建后在此绘制：按“播放”或“单步”。',
  'panel.refused': '无可绘制：这些设置太大，无法在此构建（见“训练”）。',
};
