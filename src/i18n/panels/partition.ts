// Strings of one panel, in both languages. zh must have every key of en (a type error otherwise).

export const en = {
  'partition.heading': 'How the router splits the plane',
  'partition.note':
    'Every spot of the input plane is coloured by the expert the router would send it to first, and the colour is stronger where the router is more certain. The dark line is the model’s decision boundary: where its predicted class changes. On top sit the batch’s points, shaped by their class; a red ring marks a point that lost a choice to capacity, a red cross one that lost every choice and passed through the residual only. Below, one small map per expert shows its gate probability over the plane.',
  'partition.map': 'Partition of the plane by top-1 expert',
  'partition.summary': 'Share of the plane per expert: {shares}.',
  'partition.points': '{T} points, {some} with a dropped choice, {all} with every choice dropped.',
  'partition.sample': 'Drawn: {n} of the batch’s {T} points (one in {stride}).',
  'partition.expertShare': 'expert {e} {share}',
  'partition.legend.boundary': 'decision boundary',
  'partition.legend.someDropped': 'a choice dropped',
  'partition.legend.allDropped': 'every choice dropped',
  'partition.legend.confidence': 'paler: router less sure',
  'partition.multiples': 'Gate probability of each expert',
  'partition.multiple': 'Expert {e}: gate probability over the plane, up to {max}',
  'partition.noGrid': 'The partition map appears once the first grid has been computed.',
  'partition.keys': 'Arrow keys move between points, Enter opens one in the inspector.',
  'partition.cursor': 'Point #{t} at ({x}, {y}), class {c}, predicted {p}{drop}.',
  'partition.cursor.some': ', a choice dropped',
  'partition.cursor.all': ', every choice dropped',
  'partition.class': 'class {c}',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'partition.heading': '路由器如何划分平面',
  'partition.note':
    '输入平面上的每一处都按路由器会优先送往的专家着色，路由器越确定，颜色越深。深色线是模型的决策边界，即预测类别发生变化的地方。上面叠加的是本批次的数据点，形状表示类别；红圈表示该点有一个选择因容量不足被丢弃，红叉表示它所有的选择都被丢弃，只经过了残差连接。下方为每个专家各画一张小图，显示它在整个平面上的门控概率。',
  'partition.map': '按首选专家划分的平面',
  'partition.summary': '各专家占平面的比例：{shares}。',
  'partition.points': '{T} 个数据点，其中 {some} 个有选择被丢弃，{all} 个所有选择都被丢弃。',
  'partition.sample': '画出批次 {T} 个数据点中的 {n} 个（每 {stride} 个取一个）。',
  'partition.expertShare': '专家 {e} {share}',
  'partition.legend.boundary': '决策边界',
  'partition.legend.someDropped': '有选择被丢弃',
  'partition.legend.allDropped': '所有选择都被丢弃',
  'partition.legend.confidence': '颜色越浅：路由器越不确定',
  'partition.multiples': '每个专家的门控概率',
  'partition.multiple': '专家 {e}：在平面上的门控概率，最高 {max}',
  'partition.noGrid': '第一次计算出网格后，这里会显示划分图。',
  'partition.keys': '用方向键在数据点之间移动，按 Enter 在检查器中打开。',
  'partition.cursor': '数据点 #{t}，位于 ({x}, {y})，类别 {c}，预测 {p}{drop}。',
  'partition.cursor.some': '，有选择被丢弃',
  'partition.cursor.all': '，所有选择都被丢弃',
  'partition.class': '类别 {c}',
};
