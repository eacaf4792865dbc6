import type { MessageKey } from './en';
import { zh as lossChart } from './panels/lossChart';
import { zh as heatmap } from './panels/heatmap';
import { zh as flow } from './panels/flow';
import { zh as partition } from './panels/partition';
import { zh as special } from './panels/special';
import { zh as inspector } from './panels/inspector';
import { zh as inspectorRouters } from './panels/inspectorRouters';
import { zh as cost } from './panels/cost';
import { zh as routerModels } from './panels/routerModels';
import { zh as controls } from './panels/controls';
import { zh as share } from './panels/share';
import { zh as settings } from './panels/settings';
import { zh as guard } from './panels/guard';
import { zh as firstLook } from './panels/firstLook';
import { zh as notices } from './panels/notices';
import { zh as presets } from './panels/presets';
import { zh as presetsModelLevel } from './panels/presetsModelLevel';
import { zh as tour } from './panels/tour';
import { zh as routers } from './panels/routers';
import { zh as sweep } from './panels/sweep';
import { zh as compare } from './panels/compare';
import { zh as clusterSettings } from './panels/clusterSettings';
import { zh as sequenceSettings } from './panels/sequenceSettings';
import { zh as sequenceViews } from './panels/sequenceViews';
import { zh as subTokens } from './panels/subTokens';
import { zh as mergeViews } from './panels/merge';
import { zh as modelRouterViews } from './panels/modelRouterViews';
import { zh as domainNames } from './panels/domainNames';
import { zh as clusterPanels } from './panels/clusterPanels';
import { zh as flags } from './panels/flags';
import { zh as cluster } from './panels/cluster';
import { zh as tracePage } from './panels/tracePage';
import { zh as traceViews } from './panels/traceViews';
import { zh as traceProblems } from './panels/traceProblems';
import { zh as ownText } from './panels/ownText';

export const zhCN: Record<MessageKey, string> = {
  ...lossChart,
  ...heatmap,
  ...flow,
  ...partition,
  ...special,
  ...inspector,
  ...inspectorRouters,
  ...cost,
  ...routerModels,
  ...controls,
  ...share,
  ...flags,
  ...settings,
  ...guard,
  ...firstLook,
  ...notices,
  ...presets,
  ...presetsModelLevel,
  ...tour,
  ...routers,
  ...sweep,
  ...compare,
  ...clusterSettings,
  ...sequenceSettings,
  ...sequenceViews,
  ...subTokens,
  ...mergeViews,
  ...modelRouterViews,
  ...domainNames,
  ...clusterPanels,
  ...cluster,
  ...tracePage,
  ...traceViews,
  ...traceProblems,
  ...ownText,

  'app.title': 'MoE 演练场',
  'app.tagline': '一个稀疏混合专家（MoE）路由器，在浏览器中实时计算。',
  'lang.switch': 'English',
  'load.heading': '专家负载',
  'load.kept': '保留',
  'load.dropped': '丢弃',
  'load.capacity': '容量',
  'load.ideal': '理想',
  'load.expert': '专家',
  'warn.k1renorm':
    'k = 1 时，这种归一化让每个词元的权重都是 1，路由器无法从任务损失中学习。Switch 因此使用 softmax → top-k。',
  'warn.cfBelow1': '容量因子小于 1 时，即使负载完全均匀也必然丢弃词元。',
  'warn.notCausal': '此路由器会查看整批词元：一个词元的结果取决于同批的其他词元。',
  'train.play': '播放',
  'train.pause': '暂停',
  'train.step': '单步',
  'train.reset': '重置',
  'train.backend': '后端：{backend}',
  'train.speed': '每秒 {rate} 步',
  'train.problem': '训练已暂停：{why}',
  'train.noWorker': '此浏览器无法运行 Web Worker，因此无法在这里训练模型。',
  'panel.whatYouSee': '这里显示的是什么',
  'run.heading': '训练',
  'run.speed': '速度',
  'run.speed.slow': '慢动作（每秒 2 步）',
  'run.speed.medium': '平稳（每秒 12 步）',
  'run.speed.fast': '全速',
  'run.building': '正在构建模型（后端：{backend}）…',
  'run.stepAt': '第 {step} 步',
  'app.help': '快捷键',
  'app.share': '分享',
  'app.compare': 'A/B 对比',
  'app.compare.title': '把当前设置和一份你可修改的副本并排训练：同一种子上的两次运行，逐步同步',
  'app.sweep': '参数扫描',
  'app.sweep.title': '在后台训练一组设置的网格，并比较留出集结果（ST-MoE 表格等）',
  'app.toLab': '← 返回实验室',
  'app.theme': '主题',
  'theme.system': '跟随系统',
  'theme.light': '浅色',
  'theme.dark': '深色',
  'theme.contrast': '高对比度',
  'app.skip': '跳到图表',
  'app.embedLink': '打开完整的演练场',
  'load.trained.note':
    '这是模型刚刚训练过的批次。每根柱子代表一个专家：整根柱子是发往它的全部选择，实心部分是它保留下来的选择。虚线是容量，点线是理想的平均份额 T·k/E。红色标记的是“死”专家（没有词元）或超载的专家。',
  'app.inspectorPick': '在路由流中点击一个词元，查看它为什么被送到那里。',
};
