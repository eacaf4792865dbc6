// Strings of one panel, in both languages. zh must have every key of en (a type error otherwise).

export const en = {
  'special.heading': 'Which experts each domain uses',
  'special.note':
    'Each row is one kind of text (English, Chinese, code, arithmetic), each column one expert. A cell shows what share of that domain’s kept choices went to that expert, over recent steps; it is coloured only where the share is above the even share 1/E, and darker the more the domain concentrates on that expert. The line beside each row names the experts a domain leans on, so you can read off, for example, that code goes mostly to two experts. Nobody tells the router about domains: any such specialisation is learned.',
  'special.line': '{domain} → experts {list}',
  'special.lineOne': '{domain} → expert {list}',
  'special.even': '{domain} → spread evenly (largest: expert {e}, {share})',
  'special.empty': '{domain}: no tokens yet',
  'special.cell': '{domain}, expert {e}: {share} ({ratio}× the even share)',
  'special.legend': 'shaded above the even share 1/E = {even}; darkest when a domain uses one expert only',
  'special.expert': 'expert',
  'special.matrix': 'Share of each domain’s tokens per expert',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'special.heading': '每个领域使用哪些专家',
  'special.note':
    '每一行是一类文本（英文、中文、代码、算术），每一列是一个专家。单元格表示近几步中该领域被保留的选择有多大比例送到了这个专家；只有比例高于均匀份额 1/E 时才着色，领域越集中于该专家，颜色越深。每行旁边的一句话列出该领域主要依赖的专家，例如可以看出代码主要交给了两个专家。没有人告诉路由器领域信息：这样的专业分工完全是学出来的。',
  'special.line': '{domain} → 专家 {list}',
  'special.lineOne': '{domain} → 专家 {list}',
  'special.even': '{domain} → 分布均匀（最多的是专家 {e}，{share}）',
  'special.empty': '{domain}：还没有词元',
  'special.cell': '{domain}，专家 {e}：{share}（均匀份额的 {ratio} 倍）',
  'special.legend': '高于均匀份额 1/E = {even} 时着色；某领域只用一个专家时颜色最深',
  'special.expert': '专家',
  'special.matrix': '每个领域的词元在各专家间的比例',
};
