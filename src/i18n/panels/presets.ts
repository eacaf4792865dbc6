// The text of the presets (src/state/presetSystems.ts, presetMethods.ts) and the slide decks
// (src/state/deck.ts), keyed by id, in both languages: preset.<id>.name, .description (two short
// sentences: what it is, and what to watch), .scaledDown (what was made smaller to run in the
// browser; only where something was) and .notes (beside the real figures); deck.<id>.title and
// deck.<id>.<n>, the caption of slide n (from 1). zh must have every key of en.

export const en = {
  'preset.switch.name': 'Switch Transformer',
  'preset.switch.description':
    'Top-1 routing: each token goes to one expert, weighted by its softmax score. Watch drops once an expert passes its capacity of 1.25× the even share.',
  'preset.switch.scaledDown': '2,048 experts → 16',
  'preset.switch.notes': 'Switch-C; aux-loss coefficient 0.01, capacity factor 1.0–1.25',
  'preset.gshard.name': 'GShard',
  'preset.gshard.description':
    'Top-2 routing with capacity: every token’s first choice is queued before any second choice. With capacity factor 2, mostly second choices are dropped.',
  'preset.gshard.scaledDown': '2,048 experts → 16',
  'preset.st-moe.name': 'ST-MoE',
  'preset.st-moe.description':
    'The stable recipe: top-2, training capacity factor 1.25, evaluation at 2.0, and a router z-loss of 0.001. Compare the train and eval drop rates.',
  'preset.mixtral.name': 'Mixtral 8x7B',
  'preset.mixtral.description':
    '8 experts, top-2, the weights a softmax over the two chosen, and no capacity limit: nothing is ever dropped. Watch the load bars drift without drops.',
  'preset.mixtral.notes': 'softmax over the chosen two; dropless',
  'preset.gpt4.name': 'GPT-4 (reported)',
  'preset.gpt4.source': 'press reports, 2023 (unconfirmed)',
  'preset.gpt4.description':
    'Reported as 16 experts with top-2 routing; OpenAI has not confirmed its architecture. The other settings here are the playground’s defaults.',
  'preset.gpt4.notes': 'unconfirmed',
  'preset.deepseekmoe.name': 'DeepSeekMoE 16B',
  'preset.deepseekmoe.description':
    'Fine-grained experts: 32 experts each split in two give 64 small ones, 6 chosen per token, plus 2 shared experts every token uses. Compute per token stays the same.',
  'preset.deepseekmoe.notes': 'softmax scores, greedy top-6 (64 fine-grained experts), weights not renormalised, balance factor 0.001; dropless here',
  'preset.deepseek-v2.name': 'DeepSeek-V2',
  'preset.deepseek-v2.description':
    'Device-limited routing: the 160 experts sit on 8 devices, and a token’s 6 experts must come from the 3 devices holding its best-scoring expert. Softmax scores, not renormalised, times 16. Open the token inspector to see the devices a token was limited to.',
  'preset.deepseek-v2.notes':
    'group_limited_greedy: 8 groups (devices), 3 kept, a group scored by its best expert; softmax scores, weights × 16, not renormalised; expert-level balance loss 0.003; not modelled here: the device-level and communication balance losses, and dropping per device (capacity factor 1.0 of a device’s budget in training): dropless here',
  'preset.deepseek-v2-lite.name': 'DeepSeek-V2-Lite',
  'preset.deepseek-v2-lite.description':
    '64 routed experts and 2 shared, top-6, routed greedily: no device limit, softmax scores used as they are. The same gate as DeepSeekMoE 16B.',
  'preset.deepseek-v2-lite.notes': 'greedy top-6 of softmax scores, not renormalised; balance factor 0.001; dropless here',
  'preset.deepseek-v3.name': 'DeepSeek-V3',
  'preset.deepseek-v3.description':
    'Sigmoid scores, a bias per expert that balances the load without a loss (γ = 0.001), 8 groups of which 4 are kept, top-8, one shared expert. Watch the biases even out the load.',
  'preset.deepseek-v3.scaledDown': '256 routed experts → 32 (8 groups of 4); top-8 kept',
  'preset.deepseek-v3.notes': 'sigmoid scores, bias-based balancing (γ = 0.001), 8 groups with 4 kept, routed scale 2.5',
  'preset.qwen-moe.name': 'Qwen1.5-MoE-A2.7B',
  'preset.qwen-moe.description':
    '60 routed experts, top-4, and 4 shared experts behind a learned sigmoid gate. The weights are softmax scores, not renormalised over the chosen four.',
  'preset.kimi-k2.name': 'Kimi K2',
  'preset.kimi-k2.description':
    '384 routed experts and 1 shared, top-8, with DeepSeek-V3-style sigmoid routing and bias balancing. The expert count is the real one; each expert is tiny.',
  'preset.dbrx.name': 'DBRX',
  'preset.dbrx.description':
    '16 experts with top-4: more, smaller choices per token than Mixtral’s 8 with top-2. Compare how evenly the load spreads.',
  'preset.grok-1.name': 'Grok-1',
  'preset.grok-1.description':
    '8 experts with top-2, the same layout as Mixtral at a much larger size. In the browser the two look alike.',
  'preset.olmoe.name': 'OLMoE-1B-7B',
  'preset.olmoe.description':
    '64 experts, 8 chosen per token, no shared experts. Watch many small experts share the work.',
  'preset.vmoe-bpr.name': 'V-MoE, batch priority',
  'preset.vmoe-bpr.description':
    'When capacity is short, tokens with the most confident first choice are served first instead of the earliest ones. The capacity factor is set low (0.5) so the order matters.',
  'preset.expert-choice.name': 'Expert choice',
  'preset.expert-choice.description':
    'Experts pick tokens: each takes its best C = T·CF/E tokens, so the load is even by construction and a token may get several experts or none. No balance loss is needed.',
  'preset.noisy-topk.name': 'Noisy top-k gating',
  'preset.noisy-topk.description':
    'The original sparsely-gated MoE: learned noise is added to the router scores before the top-k, which spreads tokens while the router is still undecided.',
  'preset.soft-moe.name': 'Soft MoE',
  'preset.soft-moe.description':
    'No discrete choice: each expert’s slot takes a weighted mix of all tokens, and each token a weighted mix of all slots. Nothing is dropped and no balance loss is needed.',
  'preset.base-layers.name': 'BASE layers',
  'preset.base-layers.description':
    'Balanced assignment: in training every expert takes exactly T/E tokens, chosen to maximise the batch’s total score, so some tokens miss their best expert. The token inspector shows the prices behind it; at evaluation each token takes its best.',
  'preset.base-layers.notes': 'solved exactly here (fairseq uses an approximate auction); the expert adds σ(score)·f(x) to the residual, where fairseq mixes σ·f(x) + (1 − σ)·x',
  'preset.s-base.name': 'S-BASE (Sinkhorn)',
  'preset.s-base.description':
    'Sinkhorn balancing: the router scores are rescaled until every expert’s column and every token’s row sum evenly, and each token takes its best balanced score. No balance loss; at evaluation the plain scores decide.',
  'preset.s-base.notes': 'Megatron-LM’s moe_router_load_balancing_type = sinkhorn, top-1',
  'preset.hash.name': 'Hash routing',
  'preset.hash.description':
    'A fixed hash of the token id picks the expert: nothing about routing is learned. Roller et al. found it as good as learned routers on language. Compare its load and loss with the text domains preset.',
  'preset.collapse.name': 'Router collapse',
  'preset.collapse.source': 'the failure the Switch and ST-MoE balance losses prevent',
  'preset.collapse.description':
    'No balance loss, no z-loss and a high learning rate: a few experts win early and take almost every token. Watch the load bars and the drop rate.',
  'preset.text-domains.name': 'Text domains',
  'preset.text-domains.source': 'this playground’s mixed-domain text',
  'preset.text-domains.description':
    'Next-character prediction on text mixing English, Chinese, code and arithmetic, written fresh at every step by small grammars. Watch whether experts specialise by domain.',
  'deck.moe-in-5.title': 'MoE in 5 slides',
  'deck.moe-in-5.1':
    '1. A router sends each token to one expert. Each expert has a capacity; tokens beyond it are dropped and keep only their residual.',
  'deck.moe-in-5.2':
    '2. Without a balance loss, a few experts win early and take almost everything: router collapse.',
  'deck.moe-in-5.3':
    '3. Top-2 and no capacity limit (Mixtral): nothing is dropped, and the balance loss keeps the load even.',
  'deck.moe-in-5.4':
    '4. DeepSeek-V3: a shared expert for every token, and a bias per expert that balances the load without any loss.',
  'deck.moe-in-5.5':
    '5. On real text, do experts specialise? Watch which experts the English, Chinese, code and math tokens go to.',
  'deck.routers.title': 'Five routers compared',
  'deck.routers.1':
    '1. Hash routing learns nothing: the baseline.',
  'deck.routers.2':
    '2. Noisy top-k (2017): learned noise spreads tokens while the router is undecided.',
  'deck.routers.3':
    '3. Switch: top-1, a capacity factor, and a balance loss.',
  'deck.routers.4':
    '4. Expert choice: experts pick tokens, so the load is even by construction.',
  'deck.routers.5':
    '5. Soft MoE: every token reaches every expert, mixed; nothing is dropped.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'preset.switch.name': 'Switch Transformer',
  'preset.switch.description':
    'Top-1 路由：每个词元只去一个专家，权重是它的 softmax 分数。留意某个专家超过 1.25 倍平均份额的容量后出现的丢弃。',
  'preset.switch.scaledDown': '2,048 个专家 → 16 个',
  'preset.switch.notes': 'Switch-C；辅助损失系数 0.01，容量因子 1.0–1.25',
  'preset.gshard.name': 'GShard',
  'preset.gshard.description':
    'Top-2 路由加容量限制：所有词元的第一选择先于任何第二选择排队。容量因子为 2 时，被丢弃的多是第二选择。',
  'preset.gshard.scaledDown': '2,048 个专家 → 16 个',
  'preset.st-moe.name': 'ST-MoE',
  'preset.st-moe.description':
    '稳定训练的配方：top-2，训练容量因子 1.25，评估时为 2.0，路由 z-loss 系数 0.001。比较训练和评估时的丢弃率。',
  'preset.mixtral.name': 'Mixtral 8x7B',
  'preset.mixtral.description':
    '8 个专家，top-2，权重是对选中两个专家的 softmax，没有容量上限：从不丢弃。观察负载条在没有丢弃时如何漂移。',
  'preset.mixtral.notes': '对选中的两个专家做 softmax；不丢弃',
  'preset.gpt4.name': 'GPT-4（据报道）',
  'preset.gpt4.source': '媒体报道，2023 年（未经证实）',
  'preset.gpt4.description':
    '据报道有 16 个专家、top-2 路由；OpenAI 未确认其架构。其余设置为本工具的默认值。',
  'preset.gpt4.notes': '未经证实',
  'preset.deepseekmoe.name': 'DeepSeekMoE 16B',
  'preset.deepseekmoe.description':
    '细粒度专家：32 个专家各切成两半，得到 64 个小专家，每个词元选 6 个，另有 2 个所有词元都用的共享专家。每个词元的计算量不变。',
  'preset.deepseekmoe.notes': 'softmax 分数，贪心 top-6（64 个细粒度专家），权重不重新归一化，均衡系数 0.001；这里不丢弃',
  'preset.deepseek-v2.name': 'DeepSeek-V2',
  'preset.deepseek-v2.description':
    '设备受限路由：160 个专家分布在 8 台设备上，一个词元的 6 个专家只能来自分数最高的 3 台设备。Softmax 分数不重新归一化，再乘以 16。打开词元检查器，可以看到一个词元被限定在哪些设备上。',
  'preset.deepseek-v2.notes':
    'group_limited_greedy：8 组（设备）保留 3 组，组的分数取组内最好的专家；softmax 分数，权重 × 16，不重新归一化；专家级均衡损失 0.003；这里没有模拟设备级和通信均衡损失，也没有按设备丢弃（训练时按设备预算的容量因子 1.0）：这里不丢弃',
  'preset.deepseek-v2-lite.name': 'DeepSeek-V2-Lite',
  'preset.deepseek-v2-lite.description': '64 个路由专家加 2 个共享专家，top-6，贪心路由：没有设备限制，softmax 分数直接作为权重。与 DeepSeekMoE 16B 的门控相同。',
  'preset.deepseek-v2-lite.notes': 'softmax 分数贪心取 top-6，不重新归一化；均衡系数 0.001；这里不丢弃',
  'preset.deepseek-v3.name': 'DeepSeek-V3',
  'preset.deepseek-v3.description':
    'Sigmoid 分数，每个专家一个偏置，不靠损失也能均衡负载（γ = 0.001），8 个分组保留 4 个，top-8，一个共享专家。观察偏置如何把负载拉平。',
  'preset.deepseek-v3.scaledDown': '256 个路由专家 → 32 个（8 组，每组 4 个）；保留 top-8',
  'preset.deepseek-v3.notes': 'sigmoid 分数，基于偏置的负载均衡（γ = 0.001），8 组保留 4 组，路由缩放 2.5',
  'preset.qwen-moe.name': 'Qwen1.5-MoE-A2.7B',
  'preset.qwen-moe.description':
    '60 个路由专家，top-4，另有 4 个由可学习 sigmoid 门控制的共享专家。权重是 softmax 分数，不在选中的四个之间重新归一化。',
  'preset.kimi-k2.name': 'Kimi K2',
  'preset.kimi-k2.description':
    '384 个路由专家加 1 个共享专家，top-8，采用 DeepSeek-V3 式的 sigmoid 路由和偏置均衡。专家数与真实模型相同，只是每个专家都很小。',
  'preset.dbrx.name': 'DBRX',
  'preset.dbrx.description':
    '16 个专家，top-4：比 Mixtral 的 8 选 2 每个词元选得更多。比较负载分布得有多均匀。',
  'preset.grok-1.name': 'Grok-1',
  'preset.grok-1.description':
    '8 个专家，top-2，与 Mixtral 结构相同但规模大得多。在浏览器里两者看起来一样。',
  'preset.olmoe.name': 'OLMoE-1B-7B',
  'preset.olmoe.description':
    '64 个专家，每个词元选 8 个，没有共享专家。观察许多小专家如何分担工作。',
  'preset.vmoe-bpr.name': 'V-MoE，批内优先级',
  'preset.vmoe-bpr.description':
    '容量不足时，先服务第一选择最有把握的词元，而不是最早到的词元。容量因子设得很低（0.5），让顺序起作用。',
  'preset.expert-choice.name': '专家选择',
  'preset.expert-choice.description':
    '由专家挑选词元：每个专家取最合适的 C = T·CF/E 个词元，负载天然均衡，一个词元可能得到多个专家，也可能一个都没有。不需要均衡损失。',
  'preset.noisy-topk.name': '带噪声的 top-k 门控',
  'preset.noisy-topk.description':
    '最早的稀疏门控 MoE：在取 top-k 之前给路由分数加上可学习的噪声，在路由器尚未定型时把词元分散开。',
  'preset.soft-moe.name': 'Soft MoE',
  'preset.soft-moe.description':
    '没有离散选择：每个专家的槽位接收所有词元的加权混合，每个词元再取所有槽位的加权混合。不丢弃，也不需要均衡损失。',
  'preset.base-layers.name': 'BASE 层',
  'preset.base-layers.description':
    '均衡分配：训练时每个专家恰好分到 T/E 个词元，使整批的总分数最大，因此有些词元得不到它最好的专家。词元检查器会显示造成这一结果的价格；评估时每个词元去往它最好的专家。',
  'preset.base-layers.notes': '这里精确求解（fairseq 用近似拍卖算法）；专家把 σ(分数)·f(x) 加到残差上，而 fairseq 混合 σ·f(x) + (1 − σ)·x',
  'preset.s-base.name': 'S-BASE（Sinkhorn）',
  'preset.s-base.description':
    'Sinkhorn 均衡：反复缩放路由分数，直到每个专家的列和每个词元的行都均匀，每个词元再取均衡后分数最高的专家。没有均衡损失；评估时由原始分数决定。',
  'preset.s-base.notes': 'Megatron-LM 的 moe_router_load_balancing_type = sinkhorn，top-1',
  'preset.hash.name': '哈希路由',
  'preset.hash.description':
    '用词元 id 的固定哈希选择专家：路由完全不学习。Roller 等人发现它在语言任务上不逊于可学习的路由器。把它的负载和损失与“文本领域”预设对比。',
  'preset.collapse.name': '路由坍塌',
  'preset.collapse.source': 'Switch 与 ST-MoE 的均衡损失所要防止的失效',
  'preset.collapse.description':
    '没有均衡损失和 z-loss，学习率又高：少数专家早早胜出，几乎拿走所有词元。观察负载条和丢弃率。',
  'preset.text-domains.name': '文本领域',
  'preset.text-domains.source': '本实验场的多领域文本',
  'preset.text-domains.description':
    '在混合英文、中文、代码和算术的文本上预测下一个字符，这些文本由小型语法每一步新写出。观察专家是否按领域分工。',
  'deck.moe-in-5.title': '五页看懂 MoE',
  'deck.moe-in-5.1':
    '1. 路由器把每个词元送到一个专家。每个专家有容量上限，超出的词元被丢弃，只保留残差。',
  'deck.moe-in-5.2':
    '2. 没有均衡损失时，少数专家早早胜出并拿走几乎所有词元：路由坍塌。',
  'deck.moe-in-5.3':
    '3. Top-2 且没有容量上限（Mixtral）：没有丢弃，由均衡损失保持负载均匀。',
  'deck.moe-in-5.4':
    '4. DeepSeek-V3：一个所有词元共用的共享专家，加上每个专家一个偏置，不用损失也能均衡负载。',
  'deck.moe-in-5.5':
    '5. 在真实文本上，专家会分工吗？观察英文、中文、代码和数学的词元分别去了哪些专家。',
  'deck.routers.title': '五种路由器对比',
  'deck.routers.1':
    '1. 哈希路由什么也不学：这是基线。',
  'deck.routers.2':
    '2. 带噪声的 top-k（2017）：在路由器尚未定型时，用可学习的噪声把词元分散开。',
  'deck.routers.3':
    '3. Switch：top-1、容量因子和均衡损失。',
  'deck.routers.4':
    '4. 专家选择：由专家挑选词元，负载天然均衡。',
  'deck.routers.5':
    '5. Soft MoE：每个词元以加权混合的方式到达每个专家，没有丢弃。',
};
