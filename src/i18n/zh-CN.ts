import type { MessageKey } from './en';
import { zh as lossChart } from './panels/lossChart';
import { zh as heatmap } from './panels/heatmap';
import { zh as flow } from './panels/flow';
import { zh as partition } from './panels/partition';
import { zh as special } from './panels/special';
import { zh as inspector } from './panels/inspector';
import { zh as cost } from './panels/cost';
import { zh as controls } from './panels/controls';
import { zh as share } from './panels/share';

export const zhCN: Record<MessageKey, string> = {
  ...lossChart,
  ...heatmap,
  ...flow,
  ...partition,
  ...special,
  ...inspector,
  ...cost,
  ...controls,
  ...share,

  'app.title': 'MoE 演练场',
  'app.tagline': '一个稀疏混合专家（MoE）路由器，在浏览器中实时计算。',
  'lang.switch': 'English',
  'demo.heading': '路由演示',
  'demo.note':
    '一批词元的随机路由分数由真实的引擎分配给各个专家。改变专家数、top-k、容量因子或路由器，观察每个专家的负载和被丢弃的词元如何变化。',
  'control.T': '词元数 T',
  'control.E': '专家数 E',
  'control.k': 'Top-k',
  'control.cf': '容量因子',
  'control.dropless': '不丢弃',
  'control.scheme': '路由器',
  'control.normalize': '门控权重',
  'control.dropPolicy': '丢弃顺序',
  'control.seed': '随机种子',
  'control.k.disabled': '此路由器不使用',
  'hint.T': '这一批中要路由的词元数量。',
  'hint.E': '该层中路由专家的数量。',
  'hint.k': '每个词元被发送到的专家数量。',
  'hint.cf': '每个专家的容量 = ceil(T·k·CF / E)。超出容量的选择被丢弃，词元保留残差。',
  'hint.dropPolicy': '专家已满时，哪些选择保留位置。',
  'hint.normalize': '被选中专家的分数如何变成门控权重。',
  'hint.seed': '相同的种子给出相同的分数。',
  'scheme.token-choice': '词元选择（top-k）',
  'scheme.expert-choice': '专家选择',
  'scheme.deepseek': 'DeepSeek-V3（sigmoid + 偏置）',
  'scheme.noisy-topk': '带噪 top-k（Shazeer 2017）',
  'scheme.hash': '哈希（不学习）',
  'scheme.soft': 'Soft MoE',
  'normalize.softmax-topk': 'softmax → top-k（Switch）',
  'normalize.topk-softmax': 'top-k → softmax',
  'normalize.softmax-topk-renorm': 'softmax → top-k → 重新归一化（Mixtral）',
  'drop.position': '按位置（先到的词元优先）',
  'drop.slot-major': '按槽位（第一选择优先）',
  'drop.probs': '按权重（大者优先）',
  'drop.bpr': '批优先路由（V-MoE）',
  'load.heading': '专家负载',
  'load.note':
    '每根柱子代表一个专家：整根柱子是发给它的全部选择，实心部分是它保留的选择。虚线是容量，点线是理想的平均份额 T·k/E。',
  'load.kept': '保留',
  'load.dropped': '丢弃',
  'load.capacity': '容量',
  'load.ideal': '理想',
  'load.expert': '专家',
  'load.summary': '{choices} 个选择中丢弃 {dropped} 个（{rate}）；每个专家容量 {capacity}',
  'load.summary.dropless': '{choices} 个选择，无丢弃（不丢弃模式）',
  'load.balance': '负载均衡损失',
  'load.na': '不适用（结构上已均衡）',
  'warn.k1renorm':
    'k = 1 时，这种归一化让每个词元的权重都是 1，路由器无法从任务损失中学习。Switch 因此使用 softmax → top-k。',
  'warn.cfBelow1': '容量因子小于 1 时，即使负载完全均匀也必然丢弃词元。',
  'warn.notCausal': '此路由器会查看整批词元：一个词元的结果取决于同批的其他词元。',
  'train.heading': '实时训练',
  'train.note':
    '一个真实的 MoE 层（8 个专家、top-2、容量因子 1.25）在 Web Worker 中用 TensorFlow.js 训练“clusters”点数据（六个簇、三个类别）。按“播放”，观察损失下降、各专家负载随路由器学习而趋于稳定。',
  'train.play': '播放',
  'train.pause': '暂停',
  'train.step': '单步',
  'train.reset': '重置',
  'train.idle': '尚未开始：按“播放”或“单步”。模型在首次使用时加载。',
  'train.backend': '后端：{backend}',
  'train.speed': '每秒 {rate} 步',
  'train.problem': '训练已暂停：{why}',
  'train.noWorker': '此浏览器无法运行 Web Worker，因此无法在这里训练模型。',
  'train.stepLabel': '步数',
  'train.loss': '任务损失',
  'train.accuracy': '准确率',
  'train.dropRate': '丢弃',
  'train.entropy': '路由熵',
  'error.title': '这些设置无法路由',
};
