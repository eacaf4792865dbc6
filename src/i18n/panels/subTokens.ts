// Strings of MH-MoE's sub-tokens in the views (inspector, flow, load bars), in both languages.
// zh must have every key of en.

export const en = {
  'subtoken.heading': 'Sub-tokens (MH-MoE)',
  'subtoken.place': 'Sub-token {j} of {H} of token #{t}: MH-MoE projects each token and splits it into {H} sub-tokens, each routed to experts on its own, then merges their outputs back into the token.',
  'subtoken.item': 'sub-token {j} of {H}',
  'subtoken.itemThis': 'sub-token {j} of {H} (this one)',
  'subtoken.listColon': ':',
  'subtoken.summary': '{rows} sub-tokens ({T} tokens × {H}), {choices} choices: {kept} kept, {dropped} dropped → residual ({rate})',
  'subtoken.summaryDropless': '{rows} sub-tokens ({T} tokens × {H}), {choices} choices, all kept (dropless)',
  'subtoken.list': 'Sub-token list (first {n} of {T})',
  'subtoken.open': 'Open sub-token {j} of {H}',
  'subtoken.noExpert': 'no expert',
  'subtoken.dropped': 'dropped',
  'subtoken.load': 'The load counts sub-tokens: T·H = {rows} of them ({H} per token of the {T} tokens).',
  'subtoken.flow': 'Each line is a sub-token: {rows} sub-tokens, {H} per token of the {T} tokens; a sample keeps a token’s sub-tokens together.',
  'subtoken.ofToken': 'sub-token {j} of {H} of token #{t}',
  'subtoken.tokenText': 'sub-token {j} of {H} of token {t} “{text}”',
  'subtoken.tokenPoint': 'sub-token {j} of {H} of token {t}, class {c}',
  'subtoken.costProjections': 'MH-MoE projections W_head, W_merge',
  'subtoken.costWidth': '2·d² = 2·{d}²; the router and the experts see {H} sub-tokens of width d/H = {w} per token',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'subtoken.heading': '子词元（MH-MoE）',
  'subtoken.place': '第 {j} 个子词元（共 {H} 个），属于词元 #{t}：MH-MoE 把每个词元投影后分成 {H} 个子词元，各自独立路由到专家，再把它们的输出合并回这个词元。',
  'subtoken.item': '第 {j} 个子词元（共 {H} 个）',
  'subtoken.itemThis': '第 {j} 个子词元（共 {H} 个）（当前）',
  'subtoken.listColon': '：',
  'subtoken.summary': '{rows} 个子词元（{T} 个词元 × {H}），{choices} 个选择：保留 {kept} 个，丢弃 {dropped} 个 → 残差（{rate}）',
  'subtoken.summaryDropless': '{rows} 个子词元（{T} 个词元 × {H}），{choices} 个选择，全部保留（无丢弃）',
  'subtoken.list': '子词元列表（共 {T} 个，显示前 {n} 个）',
  'subtoken.open': '打开第 {j} 个子词元（共 {H} 个）',
  'subtoken.noExpert': '无专家',
  'subtoken.dropped': '已丢弃',
  'subtoken.load': '负载按子词元计数：共 T·H = {rows} 个（{T} 个词元，每个 {H} 个）。',
  'subtoken.flow': '每条线是一个子词元：共 {rows} 个子词元，{T} 个词元每个 {H} 个；抽样时同一词元的子词元保持在一起。',
  'subtoken.ofToken': '词元 #{t} 的第 {j} 个子词元（共 {H} 个）',
  'subtoken.tokenText': '词元 {t}“{text}”的第 {j} 个子词元（共 {H} 个）',
  'subtoken.tokenPoint': '词元 {t} 的第 {j} 个子词元（共 {H} 个），类别 {c}',
  'subtoken.costProjections': 'MH-MoE 投影 W_head、W_merge',
  'subtoken.costWidth': '2·d² = 2·{d}²；路由器和专家看到的是每个词元的 {H} 个子词元，宽 d/H = {w}',
};
