"""Plain-Python stand-ins for a transformers MoE model, enough for hf_router_trace's hooks:
modules with named_modules(), register_forward_hook and register_forward_pre_hook, gates that
return logits rows (an nn.Linear), (experts, weights) (DeepSeek's remote MoEGate) or nothing a
hook sees (a block that multiplies by the gate's weight itself). Used by the tests and by
make_examples.py; no torch.
"""

import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "public", "converters"))


class Rows:
    """A stand-in tensor: rows [N][width] of integers or floats."""

    def __init__(self, rows, integer=False):
        self.rows, self.integer = rows, integer


class _Handle:
    def __init__(self, hooks, hook):
        self.hooks, self.hook = hooks, hook

    def remove(self):
        self.hooks.remove(self.hook)


class FakeModule:
    def __init__(self):
        self._pre_hooks, self._hooks = [], []

    def register_forward_pre_hook(self, hook):
        self._pre_hooks.append(hook)
        return _Handle(self._pre_hooks, hook)

    def register_forward_hook(self, hook):
        self._hooks.append(hook)
        return _Handle(self._hooks, hook)

    def __call__(self, *args):
        for hook in list(self._pre_hooks):
            hook(self, args)
        output = self.forward(*args)
        for hook in list(self._hooks):
            hook(self, args, output)
        return output


def linear(rows, weight, bias=None):
    return [[sum(a * b for a, b in zip(row, w)) + (bias[e] if bias else 0.0)
             for e, w in enumerate(weight)] for row in rows]


class FakeWeight:
    def __init__(self, rows):
        self.rows, self.shape = rows, (len(rows), len(rows[0]))


class LinearGate(FakeModule):
    """nn.Linear(hidden, E): returns the logits rows."""

    def __init__(self, weight, bias=None):
        super().__init__()
        self.weight, self.bias = FakeWeight(weight), bias

    def forward(self, hidden):
        return Rows(linear(hidden.rows, self.weight.rows, self.bias))


class DecidingGate(LinearGate):
    """A gate that decides itself and returns (experts, weights, None), as DeepSeek's MoEGate."""

    def __init__(self, weight, decide):
        super().__init__(weight)
        self.decide = decide

    def forward(self, hidden):
        decided = [self.decide(row) for row in linear(hidden.rows, self.weight.rows)]
        return (Rows([d[0] for d in decided], integer=True), Rows([d[1] for d in decided]), None)


class MoeBlock(FakeModule):
    """A MoE block; with calls_gate=False it multiplies by gate.weight itself, as transformers 5's
    DeepseekV2Moe does, so the gate's own hooks never run."""

    def __init__(self, gate, calls_gate=True):
        super().__init__()
        self.gate, self.calls_gate = gate, calls_gate

    def forward(self, hidden):
        if self.calls_gate:
            self.gate(hidden)
        return hidden


class FakeMoeModel:
    """Layers model.layers.N.<block_name> with gates, plus dense parts the discovery must skip."""

    def __init__(self, gates, block_name="block_sparse_moe", calls_gate=True, hidden=4, seed=7, offset=None):
        self.blocks = [MoeBlock(g, calls_gate) for g in gates]
        self.block_name, self.hidden = block_name, hidden
        self.offset = offset or [0.0] * hidden  # shared by every embedding: skews the load
        self.random = random.Random(seed)
        self.embeddings = {}

    def named_modules(self):
        yield "", self
        for i, block in enumerate(self.blocks):
            yield f"model.layers.{i}.self_attn", FakeModule()
            yield f"model.layers.{i}.{self.block_name}", block
            yield f"model.layers.{i}.{self.block_name}.gate", block.gate
            yield f"model.layers.{i}.{self.block_name}.experts.0.gate_proj", FakeModule()

    def embed(self, token_id):
        if token_id not in self.embeddings:
            self.embeddings[token_id] = [self.random.gauss(0, 1) + o for o in self.offset]
        return self.embeddings[token_id]

    def run(self, ids):
        """Each token's hidden state: its embedding plus half the mean of those before it (so
        context moves the routing), the same input for every layer."""
        rows, total = [], [0.0] * self.hidden
        for t, token_id in enumerate(ids):
            e = self.embed(token_id)
            rows.append([x + 0.5 * s / max(1, t) for x, s in zip(e, total)])
            total = [s + x for s, x in zip(total, e)]
        for block in self.blocks:
            block(Rows(rows))


class PlainAdapter:
    """hf_router_trace's adapter for the stand-ins (TorchAdapter's twin)."""

    def parts(self, output):
        items = output if isinstance(output, (tuple, list)) else [output]
        return [(item.integer, item.rows) for item in items if isinstance(item, Rows)]

    def linear_rows(self, gate, hidden):
        return linear(hidden.rows, gate.weight.rows, getattr(gate, "bias", None))


class FakeConfig:
    def __init__(self, **fields):
        self.__dict__.update(fields)
