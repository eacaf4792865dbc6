// Strings of the placement and traffic panels around the cluster views (their headings, notes and
// status lines), in both languages. zh must have every key of en.

export const en = {
  'placement.heading': 'Experts on GPUs',
  'lead.placement': 'Where each expert runs on the cluster, and how evenly the GPUs work.',
  'placement.note':
    'The router’s load per expert becomes load per GPU once experts are placed on a cluster (the Cluster settings). Contiguous placement puts experts in order, round-robin deals them out; neither copies an expert. DeepSeek’s EPLB places from the load averaged over the last steps: it packs expert groups onto nodes, gives the hottest experts replicas, and packs the replicas onto GPUs, again every few steps as the load moves (SmartMoE and EPLB rebalance the same way). Replicas share their expert’s tokens evenly, as EPLB assumes. EPLB places afresh from the load each time rather than keeping experts where they were, so most slots change expert at a re-placement (the weights a real cluster would have to move), and its packing can put two copies of one expert on one GPU; both are what DeepSeek’s code does. Balancedness is the mean GPU load over the busiest GPU’s: the busiest GPU sets the pace of an expert-parallel step. With a small batch each expert’s load jumps from step to step around its average, so even a placement that balances the average leaves a step’s balancedness below 1; more tokens per step (T) narrow the jumps and let EPLB pull ahead of contiguous.',
  'placement.status.eplb': 'EPLB placed the experts at step {step} {from}; next at step {next}.',
  'placement.status.eplbOnce': 'EPLB placed the experts once, at step {step}, {from}.',
  'placement.from.one': 'from that step’s load',
  'placement.from.many': 'from the load of the last {window} steps',
  'placement.status.moved': 'At step {step}, {n} slots took an expert their GPU did not hold: its weights had to move.',
  'placement.status.contiguous': 'Contiguous placement: expert e on GPU ⌊e·G/E⌋, one copy each, never moved.',
  'placement.status.round-robin': 'Round-robin placement: expert e on GPU e mod G, one copy each, never moved.',
  'placement.status.shape': '{E} experts on {nodes} × {per} GPUs, {slots} slots ({replicas} for replicas).',
  'placement.howEplb': 'How EPLB placed them at step {step}, in three steps',
  'placement.newerEplb': 'EPLB has placed them again since, at step {step}: show that one',
  'placement.title.contiguous': 'Contiguous',
  'placement.title.round-robin': 'Round-robin',
  'placement.title.eplb': 'EPLB (DeepSeek)',
  'traffic.heading': 'All-to-all traffic',
  'lead.traffic': 'Which GPUs this step’s tokens travel between, and the bytes a real model would move.',
  'traffic.note':
    'Tokens start spread evenly over the GPUs (data parallel). Each kept choice travels to a GPU holding its expert: the token’s own GPU if it has a replica, else one on its node, else the least loaded; a token goes once to each GPU it needs. To another node it goes once, to the GPU of its own rank there, which forwards it over the node’s links to the other GPUs it needs there (DeepEP’s dispatch), so cross-node sends lie on the diagonals of the off-node blocks, and the token sends counted (forwards included) can outnumber the kept choices. Results come back the same way to be combined. Bytes are counted at the real model’s hidden size and bytes per value (the Cluster settings; DeepSeek-V3 dispatches in FP8 and combines in BF16), for one MoE layer and this step’s batch. Dropped choices travel nowhere.',
  'traffic.summary':
    'Step {step}: {T} tokens, each sent to {gpus} GPUs on {nodes} nodes on average. {total} leave their GPU ({cross} across nodes), for one MoE layer at hidden size {hidden}, {out} B a value out and {back} B back.',
  'traffic.soft': 'Soft MoE sends no tokens to chosen experts: every expert slot is a mix of all the batch’s tokens, so its all-to-all moves the whole batch to every slot.',
  'traffic.limitLabel': 'Device limit ({kept} of {groups} groups)',
  'traffic.limitReach':
    'With the limit a token reaches {gpus} GPUs on {nodes} nodes on average, and {total} leave their GPU; with every group open, {gpusOpen} GPUs on {nodesOpen} nodes and {totalOpen}.',
  'traffic.limitCompare': 'What the limit costs in loss: train with and without it side by side (A/B)',
  'cost.traffic':
    'All-to-all per step for this routing at the real model’s size (hidden {hidden}, one MoE layer, {T} tokens): {total} leave their GPU, {cross} of it across nodes; {perToken} per token.',
};

export const zh: Record<keyof typeof en, string> = {
  'placement.heading': '专家在 GPU 上的放置',
  'lead.placement': '每个专家在集群的哪块 GPU 上运行，以及各 GPU 的负载有多均衡。',
  'placement.note':
    '专家一旦放到集群上（见"集群"设置），路由器给每个专家的负载就变成每块 GPU 的负载。连续放置按顺序放专家，轮转放置依次分发；两者都不复制专家。DeepSeek 的 EPLB 按最近若干步的平均负载放置：先把专家组分配到节点，再给最热的专家加副本，最后把副本分配到 GPU 上；随着负载变化，每隔若干步重新放置一次（SmartMoE 和 EPLB 都这样做动态再均衡）。副本平均分担其专家的词元，这与 EPLB 的假设一致。EPLB 每次都根据负载重新放置，而不是让专家尽量留在原处，所以一次重新放置会让大多数槽位换专家（真实集群要为此搬动权重）；它的装箱也可能把同一专家的两个副本放在同一块 GPU 上。这两点都与 DeepSeek 的代码一致。均衡度是 GPU 平均负载与最忙 GPU 负载之比：专家并行的一步要等最忙的 GPU 完成。批次较小时，每个专家的负载每一步都会围绕其平均值大幅波动，因此即使放置方案平衡了平均负载，单步的均衡度仍低于 1；每步词元数（T）越多，波动越小，EPLB 相对连续放置的优势就越明显。',
  'placement.status.eplb': 'EPLB 在第 {step} 步{from}放置了专家；下一次在第 {next} 步。',
  'placement.status.eplbOnce': 'EPLB 只在第 {step} 步{from}放置了一次专家。',
  'placement.from.one': '依据该步的负载',
  'placement.from.many': '依据最近 {window} 步的负载',
  'placement.status.moved': '第 {step} 步有 {n} 个槽位放入了其 GPU 原本没有的专家：这些权重需要搬运。',
  'placement.status.contiguous': '连续放置：专家 e 在 GPU ⌊e·G/E⌋ 上，每个专家一份，从不移动。',
  'placement.status.round-robin': '轮转放置：专家 e 在 GPU e mod G 上，每个专家一份，从不移动。',
  'placement.status.shape': '{E} 个专家放在 {nodes} × {per} 块 GPU 上，共 {slots} 个槽位（其中 {replicas} 个放副本）。',
  'placement.howEplb': 'EPLB 在第 {step} 步如何分三步放置它们',
  'placement.newerEplb': 'EPLB 之后在第 {step} 步又放置了一次：显示那一次',
  'placement.title.contiguous': '连续放置',
  'placement.title.round-robin': '轮转放置',
  'placement.title.eplb': 'EPLB（DeepSeek）',
  'traffic.heading': 'All-to-all 通信',
  'lead.traffic': '这一步的词元在哪些 GPU 之间传输，以及真实模型要搬运多少字节。',
  'traffic.note':
    '词元开始时平均分布在各 GPU 上（数据并行）。每个保留的选择都要送到持有该专家的 GPU：若词元所在 GPU 有副本就留在本地，否则送到本节点上的副本，再否则送到负载最低的副本；一个词元对它需要的每块 GPU 只发送一次。发往其他节点时只跨节点发送一次，送到该节点上与它同序号的 GPU，再由它经节点内链路转发给该节点上其他需要的 GPU（DeepEP 的分发方式），所以跨节点发送位于非本节点块的对角线上，计入转发后的发送次数可能多于保留的选择数。结果按原路返回再合并。字节数按真实模型的隐藏维度和每个值的字节数计算（见"集群"设置；DeepSeek-V3 以 FP8 分发、以 BF16 合并），针对一个 MoE 层和这一步的批次。被丢弃的选择不传输。',
  'traffic.summary':
    '第 {step} 步：{T} 个词元，平均每个发往 {nodes} 个节点上的 {gpus} 块 GPU。离开所在 GPU 的数据为 {total}（其中跨节点 {cross}），按一个 MoE 层、隐藏维度 {hidden}、发出每值 {out} 字节、返回每值 {back} 字节计算。',
  'traffic.soft': 'Soft MoE 不把词元发给选中的专家：每个专家槽位都是整批词元的混合，所以它的 all-to-all 要把整批数据送到每个槽位。',
  'traffic.limitLabel': '设备限制（{groups} 组中保留 {kept} 组）',
  'traffic.limitReach': '有限制时，一个词元平均到达 {nodes} 个节点上的 {gpus} 块 GPU，离开所在 GPU 的数据为 {total}；所有组都开放时，为 {nodesOpen} 个节点上的 {gpusOpen} 块 GPU，数据为 {totalOpen}。',
  'traffic.limitCompare': '限制在损失上的代价：并排训练有限制和无限制两种设置（A/B）',
  'cost.traffic':
    '按真实模型规模（隐藏维度 {hidden}、一个 MoE 层、{T} 个词元），这种路由每步的 all-to-all：离开所在 GPU 的数据为 {total}，其中跨节点 {cross}；每个词元 {perToken}。',
};
