// Strings of the views of sequences (a batch of B sequences of L tokens, routedWith.seqLen > 1):
// the token inspector's place in its sequence, the heatmap's load per sequence, the routing
// flow's grouping, and the notes for routers that look across the whole batch or the whole sequence. Both languages.
// zh must have every key of en.

export const en = {
  'seqv.position': 'Sequence {b} of {B}, position {p} of {L} (both counted from 0).',
  'seqv.text': 'Its sequence',
  'seqv.textLabel': 'The text of sequence {b}, this token marked',
  'seqv.textSampled': 'The snapshot carries one token in {stride} of the batch, so the sequence’s text is left out.',
  'seqv.acrossBatch':
    'This router looks across the whole batch, not one sequence at a time: where a token goes depends on the other sequences too.',
  'seqv.acrossSequence':
    'This router merges one expert per sequence from the whole sequence, later tokens included: a token’s expert depends on its own sequence, not on the other sequences.',
  'seqv.heatmap.view': 'Show',
  'seqv.heatmap.bySteps': 'over steps',
  'seqv.heatmap.bySequence': 'per sequence',
  'seqv.heatmap.chart':
    'Utilisation per sequence at step {step}: sequences (rows) × experts (columns), coloured by each expert’s share of the sequence’s kept choices',
  'seqv.heatmap.axisSequences': 'sequences',
  'seqv.heatmap.axisExpert': 'expert',
  'seqv.heatmap.sequence': 'Sequence {b}',
  'seqv.heatmap.sequences': 'Sequences {from}–{to}',
  'seqv.heatmap.cell': '{rows}, expert {e}: {share} of the kept choices ({ratio}× the even share).',
  'seqv.heatmap.hint': 'Point at a cell, or focus the chart and use the arrow keys, to read one sequence’s share on one expert.',
  'seqv.heatmap.summary':
    'Step {step}, {B} sequences of {L} tokens: a sequence’s busiest expert keeps {mean} of its choices on average (at most {max}, sequence {at}); across the whole batch the busiest keeps {batch} (ideal {ideal}).',
  'seqv.heatmap.why':
    'A batch can look even while each sequence crowds onto a few experts: seq_aux_loss balances every sequence on its own, aux_loss only the batch as a whole.',
  'seqv.heatmap.sampled': 'Counted from the tokens and slots the snapshot carries, a sample of the batch.',
  'seqv.heatmap.empty': 'No kept choices in this batch to count per sequence.',
  'seqv.flow.grouped': 'Tokens grouped by sequence: {B} sequences of {L}, marked under the strip.',
  'seqv.flow.ungrouped': 'The sample carries at most one token per sequence (one in {stride}), so the strip is not grouped by sequence.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'seqv.position': '序列 {b}（共 {B} 个），位置 {p}（共 {L} 个；均从 0 数起）。',
  'seqv.text': '所在序列',
  'seqv.textLabel': '序列 {b} 的文本，标出了这个词元',
  'seqv.textSampled': '快照只带着批次中每 {stride} 个词元里的一个，所以不显示该序列的文本。',
  'seqv.acrossBatch': '此路由器看整批词元，而不是逐个序列：一个词元去哪个专家也取决于其他序列。',
  'seqv.acrossSequence': '此路由器按整个序列（包括后面的词元）为每个序列合并出一个专家：一个词元的专家取决于它自己的序列，而不取决于其他序列。',
  'seqv.heatmap.view': '显示',
  'seqv.heatmap.bySteps': '按步',
  'seqv.heatmap.bySequence': '按序列',
  'seqv.heatmap.chart': '第 {step} 步每个序列的利用率：序列（行）× 专家（列），颜色表示各专家在该序列保留选择中所占的份额',
  'seqv.heatmap.axisSequences': '序列',
  'seqv.heatmap.axisExpert': '专家',
  'seqv.heatmap.sequence': '序列 {b}',
  'seqv.heatmap.sequences': '序列 {from}–{to}',
  'seqv.heatmap.cell': '{rows}，专家 {e}：占保留选择的 {share}（均匀份额的 {ratio} 倍）。',
  'seqv.heatmap.hint': '指向一个单元格，或聚焦图表后用方向键，查看某个序列在某个专家上的份额。',
  'seqv.heatmap.summary':
    '第 {step} 步，{B} 个序列、每个 {L} 个词元：一个序列里最忙的专家平均保留该序列 {mean} 的选择（最多 {max}，序列 {at}）；就整批而言，最忙的专家保留 {batch}（理想 {ideal}）。',
  'seqv.heatmap.why':
    '整批看起来均匀时，每个序列仍可能挤在少数几个专家上：seq_aux_loss 对每个序列分别做均衡，aux_loss 只看整批。',
  'seqv.heatmap.sampled': '按快照带着的词元和槽位计数，这只是批次的一个抽样。',
  'seqv.heatmap.empty': '这一批没有保留的选择，无法按序列计数。',
  'seqv.flow.grouped': '词元按序列分组：{B} 个序列，每个 {L} 个词元，分组标在词元条下方。',
  'seqv.flow.ungrouped': '抽样中每个序列至多一个词元（每 {stride} 个取一个），所以词元条不按序列分组。',
};
