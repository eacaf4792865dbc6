#!/usr/bin/env python3
"""PyTorch baseline for the MoE training step, on one CPU thread.

One sparse MoE layer, token-choice top-k routing with 'topk-softmax' gate weights, capacity
C = ceil(T*k*CF/E) with CF = 1.25 and 'slot-major' dropping, E two-layer ReLU MLP experts,
y = x + sum(gate * expert(x)), loss = MSE(y, target) + 0.01 * load-balance loss (Megatron form,
load counted before dropping), one Adam step. The expert computation is done two ways:

  hf-loop   Hugging Face Mixtral style: a Python loop over the experts, torch.where on the
            routing mask, the expert's MLP on its tokens, index_add_ back weighted by the gate.
  batched   all experts as one torch.bmm over the capacity slots [E, C, d], from a padded
            dispatch index of token ids per expert slot, combined back with index_add_.

Both variants share the parameters and the routing code; before timing, the script checks on
the same weights that they give the same loss (and the same gradients).

Run with Debian's torch (python3-torch), which lives under the system interpreter:
  /usr/bin/python3 bench/torch_moe.py [--T 1024 --E 64 --k 2 --d 16 --h 32 --reps 21] [--grid]
stdout: one JSON array of rows; progress and the check go to stderr.
"""

import argparse
import copy
import datetime
import json
import statistics
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    # exit status 3 means 'no torch here'; bench/torch.ts turns it into a one-line skip note
    print(f'torch_moe.py: no module torch in {sys.executable} (apt-get install python3-torch)', file=sys.stderr)
    sys.exit(3)

CF100 = 125  # capacity factor 1.25, in hundredths so that C is exact
BALANCE_COEF = 0.01
LR = 1e-3
WARMUP = 5


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def capacity(T, k, E):
    """C = ceil(T*k*CF/E) in integers (Megatron's get_capacity)."""
    return -(-(T * k * CF100) // (100 * E))


class MoE(torch.nn.Module):
    def __init__(self, d, h, E, k):
        super().__init__()
        self.E, self.k = E, k
        self.router = torch.nn.Parameter(torch.randn(d, E) / d**0.5)
        self.w1 = torch.nn.Parameter(torch.randn(E, d, h) / d**0.5)
        self.b1 = torch.nn.Parameter(torch.zeros(E, h))
        self.w2 = torch.nn.Parameter(torch.randn(E, h, d) / h**0.5)
        self.b2 = torch.nn.Parameter(torch.zeros(E, d))

    def route(self, x):
        """Token-choice top-k with topk-softmax gates and slot-major capacity.

        Returns gates [T,k] (differentiable), experts [T,k], pos [k,T] (position of the
        assignment in its expert's queue), keep [k,T] (pos < C), C and the balance loss.
        """
        T, E, k = x.shape[0], self.E, self.k
        logits = x @ self.router  # [T,E]
        probs = logits.softmax(-1)
        top_logits, experts = logits.topk(k, dim=-1)  # [T,k]
        gates = top_logits.softmax(-1)  # softmax over the k chosen logits
        # slot-major queue: every token's first choice before any second choice, tokens in order
        flat = experts.t().reshape(-1)  # [k*T], index s*T + t
        # position in the expert's queue = rank among the same expert's assignments in that order
        # (a stable sort; the same as Megatron's cumsum over the one-hot routing map, 4x cheaper)
        sorted_e, order = torch.sort(flat, stable=True)
        load = torch.bincount(flat, minlength=E)  # before dropping
        starts = load.cumsum(0) - load
        pos = torch.empty_like(flat)
        pos[order] = torch.arange(k * T) - starts[sorted_e]
        pos = pos.view(k, T)
        C = capacity(T, k, E)
        keep = pos < C
        load = load.to(x.dtype)
        balance = E * ((load / (T * k)) * probs.mean(0)).sum()
        return gates, experts, pos, keep, C, balance

    def forward_hf_loop(self, x):
        T, E = x.shape[0], self.E
        gates, experts, _pos, keep, _C, balance = self.route(x)
        # [E,k,T] as in Mixtral, with the dropped assignments masked out
        expert_mask = F.one_hot(experts, E).permute(2, 1, 0) * keep[None].to(torch.long)
        out = torch.zeros_like(x)
        w1, b1, w2, b2 = self.w1.unbind(0), self.b1.unbind(0), self.w2.unbind(0), self.b2.unbind(0)
        expert_hit = (expert_mask.sum(dim=(-1, -2)) > 0).nonzero().squeeze(-1).tolist()
        for e in expert_hit:
            slot, tok = torch.where(expert_mask[e])
            xs = x[tok]
            # addmm with the bias, as nn.Linear does
            ys = torch.addmm(b2[e], torch.relu(torch.addmm(b1[e], xs, w1[e])), w2[e])
            out.index_add_(0, tok, ys * gates[tok, slot, None])
        return x + out, balance

    def forward_batched(self, x):
        T, d = x.shape
        E, k = self.E, self.k
        gates, experts, pos, keep, C, balance = self.route(x)
        # dispatch: token id for each of the E*C expert slots; empty slots point at row T (zeros)
        slot = (experts.t() * C + pos).reshape(-1)  # [k*T]
        kept = keep.reshape(-1)
        slot_k = slot[kept]
        tok_k = torch.arange(T).repeat(k)[kept]
        tok = torch.full((E * C,), T, dtype=torch.long)
        tok[slot_k] = tok_k
        gate_slots = torch.zeros(E * C, dtype=x.dtype).scatter(0, slot_k, gates.t().reshape(-1)[kept])
        xs = torch.cat([x, x.new_zeros(1, d)])[tok].view(E, C, d)
        hid = torch.relu(torch.baddbmm(self.b1[:, None], xs, self.w1))
        ys = torch.baddbmm(self.b2[:, None], hid, self.w2).view(E * C, d)
        out = x.new_zeros(T + 1, d).index_add_(0, tok, ys * gate_slots[:, None])
        return x + out[:T], balance


def loss_of(model, variant, x, target):
    y, balance = model.forward_hf_loop(x) if variant == 'hf-loop' else model.forward_batched(x)
    return F.mse_loss(y, target) + BALANCE_COEF * balance


VARIANTS = ('hf-loop', 'batched')


def bench(T, E, k, d, h, reps, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(T, d, generator=g)
    target = torch.randn(T, d, generator=g)
    torch.manual_seed(seed)
    base = MoE(d, h, E, k)
    # nonzero biases, so that padding slots in 'batched' would show if they leaked
    with torch.no_grad():
        base.b1.normal_(0, 0.1)
        base.b2.normal_(0, 0.1)

    # correctness: same weights, same loss and gradients
    models = {v: copy.deepcopy(base) for v in VARIANTS}
    losses, grads = {}, {}
    for v in VARIANTS:
        loss = loss_of(models[v], v, x, target)
        loss.backward()
        losses[v] = loss.item()
        grads[v] = [p.grad.clone() for p in models[v].parameters()]
        models[v].zero_grad(set_to_none=True)
    with torch.no_grad():
        dropped = int((~base.route(x)[3]).sum())
    diff = abs(losses['hf-loop'] - losses['batched'])
    gdiff = max((a - b).abs().max().item() for a, b in zip(grads['hf-loop'], grads['batched']))
    log(f'T={T} E={E} k={k} d={d} h={h} C={capacity(T, k, E)} dropped {dropped}/{T * k}: loss hf-loop {losses["hf-loop"]:.7f} '
        f'batched {losses["batched"]:.7f} |diff| {diff:.2e}, max |grad diff| {gdiff:.2e}')
    assert diff < 1e-5, f'loss differs between variants by {diff}'
    assert gdiff < 1e-4, f'gradients differ between variants by {gdiff}'

    opts = {v: torch.optim.Adam(models[v].parameters(), lr=LR) for v in VARIANTS}

    def step(v):
        loss = loss_of(models[v], v, x, target)
        loss.backward()
        opts[v].step()
        opts[v].zero_grad(set_to_none=True)

    for _ in range(WARMUP):
        for v in VARIANTS:
            step(v)
    times = {v: [] for v in VARIANTS}
    # interleaved round by round, so that a slow patch of the machine hits both alike
    for _ in range(reps):
        for v in VARIANTS:
            t0 = time.perf_counter()
            step(v)
            times[v].append((time.perf_counter() - t0) * 1e3)
    ms = {v: statistics.median(times[v]) for v in VARIANTS}
    log(f'  hf-loop {ms["hf-loop"]:.3f} ms, batched {ms["batched"]:.3f} ms (median of {reps})')
    return ms


def blas_library():
    """The BLAS this process loaded: Debian's torch uses whatever libblas.so.3 points at."""
    try:
        import os
        with open('/proc/self/maps') as f:
            libs = {line.split()[-1] for line in f if 'blas' in line.lower() and line.split()[-1].startswith('/')}
        return ', '.join(sorted(os.path.realpath(p) for p in libs)) or 'none found'
    except OSError:
        return 'unknown'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--T', type=int, default=1024)
    ap.add_argument('--E', type=int, default=64)
    ap.add_argument('--k', type=int, default=2)
    ap.add_argument('--d', type=int, default=16)
    ap.add_argument('--h', type=int, default=32)
    ap.add_argument('--reps', type=int, default=21, help='timed steps per variant (median), after 5 warm-up steps')
    ap.add_argument('--grid', action='store_true', help='T in {256,1024,4096} x E in {8,64} x k in {1,2}')
    a = ap.parse_args()
    if not 1 <= a.k <= a.E:
        ap.error('need 1 <= k <= E')

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    backend = f'pytorch {torch.__version__} cpu {torch.get_num_threads()} thread'
    configs = ([(T, E, k) for T in (256, 1024, 4096) for E in (8, 64) for k in (1, 2)]
               if a.grid else [(a.T, a.E, a.k)])
    log(f'{backend}; BLAS: {blas_library()}')
    rows = []
    t_start = time.perf_counter()
    for T, E, k in configs:
        ms = bench(T, E, k, a.d, a.h, a.reps)
        date = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')
        for v in VARIANTS:
            rows.append({'name': 'torch-moe-step', 'backend': backend, 'variant': v, 'T': T, 'E': E, 'k': k,
                         'd': a.d, 'h': a.h, 'ms': round(ms[v], 3), 'date': date})
    log(f'total {time.perf_counter() - t_start:.1f} s')
    json.dump(rows, sys.stdout, indent=2)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
