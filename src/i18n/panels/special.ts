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
  'special.legend': 'shaded above the even share 1/E = {even}; darkest when a row’s tokens all go to one expert',
  'special.expert': 'expert',
  'special.matrix': 'Share of each domain’s tokens per expert',
  'special.teacher.heading': 'Which student experts each teacher expert’s tokens go to',
  'special.teacher.note':
    'The teacher task (Teacher MoE, unlimited data): a hidden teacher MoE (8 experts by default; Teacher experts) labels fresh Gaussian inputs (16 numbers each by default; Input dimensions) at every step. Its router picks one teacher expert per input (each takes an equal share of them), that expert, a small random network, gives the class scores, and the label is drawn from them, so even a perfect student cannot be right every time. Each row here is one teacher expert, each column one student expert: a cell shows what share of that teacher expert’s kept choices went to that student expert, over recent steps, coloured where it is above the even share 1/E. A student expert that takes most of one teacher expert’s tokens lines up with it, and can learn its function; a token that is dropped, or sent to an expert that learned another teacher expert’s function, costs loss. Nobody tells the student’s router about the teacher’s experts: any agreement is learned.',
  'special.teacher.matrix': 'Share of each teacher expert’s tokens that each student expert takes',
  'special.teacher.row': 'teacher {e}',
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
  'special.legend': '高于均匀份额 1/E = {even} 时着色；某一行的词元全部去往同一个专家时颜色最深',
  'special.expert': '专家',
  'special.matrix': '每个领域的词元在各专家间的比例',
  'special.teacher.heading': '每个教师专家的词元去往哪些学生专家',
  'special.teacher.note':
    '教师任务（教师 MoE，数据无限）：一个隐藏的教师 MoE（默认 8 个专家，见“教师专家数”）每一步为新抽取的高斯输入（默认每个 16 个数，见“输入维数”）打标签。它的路由器为每个输入挑选一个教师专家（各专家所占份额相等），该专家是一个随机的小网络，给出各类别的分数，标签从这些分数中抽样，因此即使完美的学生也不可能每次都对。这里每一行是一个教师专家，每一列是一个学生专家：单元格表示近几步中该教师专家被保留的选择有多大比例送到了这个学生专家，高于均匀份额 1/E 时着色。一个学生专家若拿到某个教师专家的大部分词元，就与它对上了，能学会它的函数；被丢弃的词元，或被送到学了另一个教师专家函数的专家的词元，都会增加损失。没有人告诉学生的路由器教师有哪些专家：任何对应关系都是学出来的。',
  'special.teacher.matrix': '每个教师专家的词元被各学生专家拿走的比例',
  'special.teacher.row': '教师 {e}',
};
