import { en as lossChart } from './panels/lossChart';
import { en as heatmap } from './panels/heatmap';
import { en as flow } from './panels/flow';
import { en as partition } from './panels/partition';
import { en as special } from './panels/special';
import { en as inspector } from './panels/inspector';
import { en as inspectorRouters } from './panels/inspectorRouters';
import { en as cost } from './panels/cost';
import { en as routerModels } from './panels/routerModels';
import { en as controls } from './panels/controls';
import { en as share } from './panels/share';
import { en as settings } from './panels/settings';
import { en as guard } from './panels/guard';
import { en as firstLook } from './panels/firstLook';
import { en as notices } from './panels/notices';
import { en as presets } from './panels/presets';
import { en as presetsModelLevel } from './panels/presetsModelLevel';
import { en as tour } from './panels/tour';
import { en as routers } from './panels/routers';
import { en as sweep } from './panels/sweep';
import { en as compare } from './panels/compare';
import { en as clusterSettings } from './panels/clusterSettings';
import { en as sequenceSettings } from './panels/sequenceSettings';
import { en as sequenceViews } from './panels/sequenceViews';
import { en as subTokens } from './panels/subTokens';
import { en as mergeViews } from './panels/merge';
import { en as modelRouterViews } from './panels/modelRouterViews';
import { en as domainNames } from './panels/domainNames';
import { en as clusterPanels } from './panels/clusterPanels';
import { en as flags } from './panels/flags';
import { en as cluster } from './panels/cluster';
import { en as tracePage } from './panels/tracePage';
import { en as traceViews } from './panels/traceViews';
import { en as traceProblems } from './panels/traceProblems';
import { en as ownText } from './panels/ownText';

const base = {
  'app.title': 'MoE Playground',
  'app.tagline': 'A sparse Mixture-of-Experts router, computed live in your browser.',
  'lang.switch': '中文',
  'load.heading': 'Expert load',
  'load.kept': 'kept',
  'load.dropped': 'dropped',
  'load.capacity': 'capacity',
  'load.ideal': 'ideal',
  'load.expert': 'expert',
  'warn.k1renorm':
    'With k = 1 this normalisation gives every token the weight 1, so the router learns nothing from the task loss. Switch uses softmax → top-k for this reason.',
  'warn.cfBelow1': 'A capacity factor below 1 must drop tokens even when the load is perfectly even.',
  'warn.notCausal':
    'This router looks across the whole batch: a token’s result depends on the other tokens in it.',
  'train.play': 'Play',
  'train.pause': 'Pause',
  'train.step': 'Step',
  'train.reset': 'Reset',
  'train.backend': 'Backend: {backend}',
  'train.speed': '{rate} steps/s',
  'train.problem': 'Training paused: {why}',
  'train.noWorker': 'This browser cannot run Web Workers, so the model cannot train here.',
  'panel.whatYouSee': 'What you are seeing',
  'run.heading': 'Train',
  'run.speed': 'Speed',
  'run.speed.slow': 'slow motion (2 steps/s)',
  'run.speed.medium': 'steady (12 steps/s)',
  'run.speed.fast': 'as fast as it goes',
  'run.building': 'Building the model (backend: {backend})…',
  'run.stepAt': 'step {step}',
  'app.help': 'Keys',
  'app.share': 'Share',
  'app.compare': 'Compare A/B',
  'app.compare.title': 'Train these settings beside a copy you change: two runs on one seed, step by step',
  'app.sweep': 'Sweep',
  'app.sweep.title': 'Train a grid of settings off the main thread and compare held-out results (the ST-MoE table and others)',
  'app.toLab': '← Back to the lab',
  'app.theme': 'Theme',
  'theme.system': 'system',
  'theme.light': 'light',
  'theme.dark': 'dark',
  'theme.contrast': 'high contrast',
  'app.skip': 'Skip to the views',
  'app.embedLink': 'Open the full playground',
  'load.trained.note':
    'The batch the model just trained on. Each bar is one expert: the full bar counts every choice sent to it, the solid part the choices it kept. The dashed line is the capacity, the dotted line the ideal even share T·k/E. Red marks a dead expert (no tokens) or an overloaded one.',
  'app.inspectorPick': 'Click or tap a token in the routing flow to see why it went where it did.',
} as const;

/** Every English message: the base strings and each panel's own. */
export const en = {
  ...base,
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
};

export type MessageKey = keyof typeof en;
