// Strings of the time and memory guard (engine/model/budget.ts estimates, StepGuard shows them),
// in both languages. zh must have every key of en (a type error otherwise). The settings named in
// guard.refuse use the settings panel's labels (set.tokens, set.experts, …), not copies here.

export const en = {
  'guard.slow': 'About {s} s a step here: this setting is heavy for the browser. Press Play or Step to build it.',
  'guard.refuse':
    'This model would need about {need} of memory, more than the {cap} the browser can give. Lower {settings} and it will build.',
  'guard.progress': 'Building the model and running the first step: {s} s so far, about {eta} s expected',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'guard.slow': '在这里每一步大约需要 {s} 秒：这个设置对浏览器来说很重。按“播放”或“单步”来构建它。',
  'guard.refuse': '这个模型大约需要 {need} 内存，超过了浏览器能提供的 {cap}。调低这些设置即可构建：{settings}。',
  'guard.progress': '正在构建模型并运行第一步：已用 {s} 秒，预计约 {eta} 秒',
};
