// Strings of one panel, in both languages. zh must have every key of en (a type error otherwise).

export const en = {
  'heatmap.heading': 'Expert utilisation over time',
  'heatmap.note':
    'One row per expert, one column per training step (or a bucket of steps when there are more steps than pixels). The colour is the expert’s share of the kept choices at that step: white is the ideal even share 1/E, red is more than its share, blue less, and the deepest blue is an expert that kept nothing (dead). Router collapse shows as one red row above a block of blue. With many experts, each row holds a few neighbouring experts, averaged.',
  'heatmap.expert': 'expert {e}',
  'heatmap.experts': 'experts {from}–{to}',
  'heatmap.step': 'step',
  'heatmap.axisExperts': 'expert',
  'heatmap.legend': 'share of kept choices',
  'heatmap.ideal': 'ideal 1/E = {share}',
  'heatmap.dead': 'none',
  'heatmap.over': '≥ {share}',
  'heatmap.summary':
    'Step {step}: the busiest expert, {e}, keeps {share} of the choices (ideal {ideal}); {dead} of {E} experts kept nothing.',
  'heatmap.perExpert': 'Share per expert at step {step}: {list}.',
  'heatmap.collapse': 'Collapse: expert {e} takes {share} of the kept choices.',
  'heatmap.even': 'Every expert kept exactly its even share at every step shown, so every cell has the ideal colour.',
  'heatmap.cell': '{experts}, steps {from}–{to}: {share} of the kept choices ({ratio}× the ideal)',
  'heatmap.cellOne': '{experts}, step {from}: {share} of the kept choices ({ratio}× the ideal)',
  'heatmap.chart': 'Expert utilisation heatmap',
  'heatmap.hint': 'Hover or tap the heatmap to read a cell.',
  'heatmap.empty': 'No steps yet: press Play or Step.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'heatmap.heading': '专家利用率随时间变化',
  'heatmap.note':
    '每行是一个专家，每列是一个训练步（训练步多于像素时为一组相邻的步）。颜色表示该专家在这一步所保留选择中所占的份额：白色是理想的均匀份额 1/E，红色表示高于该份额，蓝色表示低于该份额，最深的蓝色表示这个专家一个选择都没有保留（“死”专家）。路由塌缩表现为一行红色加上大片蓝色。专家很多时，每行是几个相邻专家的平均。',
  'heatmap.expert': '专家 {e}',
  'heatmap.experts': '专家 {from}–{to}',
  'heatmap.step': '步',
  'heatmap.axisExperts': '专家',
  'heatmap.legend': '保留选择的份额',
  'heatmap.ideal': '理想 1/E = {share}',
  'heatmap.dead': '无',
  'heatmap.over': '≥ {share}',
  'heatmap.summary': '第 {step} 步：最忙的专家 {e} 占保留选择的 {share}（理想为 {ideal}）；{E} 个专家中有 {dead} 个一个选择都没有保留。',
  'heatmap.perExpert': '第 {step} 步各专家的份额：{list}。',
  'heatmap.collapse': '路由塌缩：专家 {e} 占了 {share} 的保留选择。',
  'heatmap.even': '所示的每一步中，每个专家保留的都恰好是平均份额，所以每个格子都是理想颜色。',
  'heatmap.cell': '{experts}，第 {from}–{to} 步：占保留选择的 {share}（理想值的 {ratio} 倍）',
  'heatmap.cellOne': '{experts}，第 {from} 步：占保留选择的 {share}（理想值的 {ratio} 倍）',
  'heatmap.chart': '专家利用率热力图',
  'heatmap.hint': '将指针悬停或轻点热力图以读取单元格。',
  'heatmap.empty': '还没有训练步：请按“播放”或“单步”。',
} as const;
