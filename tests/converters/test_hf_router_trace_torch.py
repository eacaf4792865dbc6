"""hf_router_trace.py's torch side (TorchAdapter, real forward hooks, convert()) on tiny torch
models shaped like the four gate styles, where torch is installed; no transformers, no download.
Each layer hands its input on unchanged, so every gate sees the embeddings and the test can work
out the expected routing itself."""

import argparse
import contextlib
import io
import json
import os
import tempfile
import unittest

import fake_moe  # noqa: F401  (puts public/converters on the path)
from fake_moe import FakeConfig
from trace_format_check import check_trace

import hf_router_core as core
import hf_router_trace as hf

try:
    import torch
    from torch import nn
except ImportError:
    torch = None

H, V = 6, 50


def tiny_model(config, block_name, make_block):
    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.self_attn = nn.Identity()
            setattr(self, block_name, make_block())

    class Tiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.config = config
            self.model = nn.Module()
            self.model.embed_tokens = nn.Embedding(V, H)
            self.model.layers = nn.ModuleList([Layer() for _ in range(3)])
            self.device = torch.device("cpu")

        def forward(self, input_ids, use_cache=False):
            hidden = self.model.embed_tokens(input_ids)
            for layer in self.model.layers:
                getattr(layer, block_name)(hidden)
            return hidden

    torch.manual_seed(3)
    return Tiny()


def blocks(E, k):
    class LinearGateBlock(nn.Module):  # Mixtral / Qwen-MoE in transformers 4
        def __init__(self):
            super().__init__()
            self.gate = nn.Linear(H, E, bias=False)

        def forward(self, hidden):
            self.gate(hidden.view(-1, H))
            return hidden

    class UncalledGateBlock(LinearGateBlock):  # transformers 5's DeepseekV2Moe
        def forward(self, hidden):
            nn.functional.linear(hidden.float(), self.gate.weight.float())
            return hidden

    class MoEGate(nn.Module):  # DeepSeek's remote code: (indices, weights, aux loss)
        def __init__(self):
            super().__init__()
            self.weight = nn.Parameter(torch.randn(E, H))

        def forward(self, hidden):
            scores = nn.functional.linear(hidden.view(-1, H), self.weight).softmax(dim=-1)
            weight, idx = torch.topk(scores, k, dim=-1)
            return idx, weight / weight.sum(dim=-1, keepdim=True), None

    class MoEGateBlock(nn.Module):
        def __init__(self):
            super().__init__()
            self.gate = MoEGate()

        def forward(self, hidden):
            self.gate(hidden)
            return hidden

    class V3Router(nn.Module):  # transformers 5's DeepseekV3TopkRouter: logits only
        def __init__(self):
            super().__init__()
            self.weight = nn.Parameter(torch.randn(E, H))
            self.register_buffer("e_score_correction_bias", torch.linspace(-0.3, 0.3, E))

        def forward(self, hidden):
            return nn.functional.linear(hidden.view(-1, H).float(), self.weight.float())

    class V3Block(MoEGateBlock):
        def __init__(self):
            nn.Module.__init__(self)
            self.gate = V3Router()

    return {"linear": LinearGateBlock, "uncalled": UncalledGateBlock, "moegate": MoEGateBlock, "v3": V3Block}


class Tokenizer:
    def __call__(self, text):
        return {"input_ids": [1] + [sum(map(ord, w)) % V for w in text.split()]}

    def convert_ids_to_tokens(self, ids):
        return [f"▁w{i}" for i in ids]


CASES = {
    "linear": (FakeConfig(model_type="mixtral", num_local_experts=4, num_experts_per_tok=2), "block_sparse_moe"),
    "uncalled": (FakeConfig(model_type="deepseek_v2", n_routed_experts=4, num_experts_per_tok=2,
                            topk_method="greedy", norm_topk_prob=False, routed_scaling_factor=1.5), "mlp"),
    "moegate": (FakeConfig(model_type="qwen2_moe", num_experts=4, num_experts_per_tok=2, norm_topk_prob=True), "mlp"),
    "v3": (FakeConfig(model_type="deepseek_v3", n_routed_experts=8, num_experts_per_tok=2, n_group=2,
                      topk_group=1, norm_topk_prob=True, routed_scaling_factor=2.5), "mlp"),
}


@unittest.skipIf(torch is None, "torch is not installed")
class TorchModels(unittest.TestCase):
    def convert(self, kind, files):
        config, block_name = CASES[kind]
        E, k = core.expert_count(config), core.experts_per_token(config)
        model = tiny_model(config, block_name, blocks(E, k)[kind])
        with tempfile.TemporaryDirectory() as tmp:
            args = argparse.Namespace(model="tiny", out=os.path.join(tmp, "t.jsonl"), max_tokens=64,
                                      window=5, no_logits=False)
            with contextlib.redirect_stderr(io.StringIO()):
                hf.convert(torch, model, Tokenizer(), args, files)
            with open(args.out, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        self.assertFalse(any(m._forward_hooks or m._forward_pre_hooks for m in model.modules()))
        return model, config, lines

    def test_each_gate_style_routes_as_its_rule(self):
        files = [("a.txt", "# domain: prose\nthe cat sat on the mat\n# domain: code\nx = y + 1\n"),
                 ("b.txt", "more words here")]
        for kind in CASES:
            with self.subTest(kind):
                model, config, lines = self.convert(kind, files)
                self.assertEqual(check_trace(lines), [])
                header = json.loads(lines[0])
                self.assertEqual(header["domains"], ["prose", "code", "(unlabelled)"])
                self.assertEqual(header["documents"], ["a.txt", "b.txt"])
                self.assertEqual(len(header["layers"]), 3)
                ids = [i for text in ("the cat sat on the mat", "x = y + 1", "more words here")
                       for i in Tokenizer()(text)["input_ids"]]
                self.assertEqual(len(lines) - 1, len(ids))
                embed = model.model.embed_tokens.weight.detach()
                for layer_index, layer in enumerate(model.model.layers):
                    gate = getattr(layer, CASES[kind][1]).gate
                    bias = getattr(gate, "e_score_correction_bias", None)
                    rule = core.routing_rule(config, core.experts_per_token(config),
                                             bias.tolist() if bias is not None else None)
                    logits = (embed[ids] @ gate.weight.detach().T).tolist()
                    for t, line in enumerate(lines[1:]):
                        choices, weights = rule.route(logits[t])
                        written = json.loads(line)
                        self.assertEqual(written["choices"][layer_index], choices)
                        for w, expected in zip(written["weights"][layer_index], weights):
                            self.assertAlmostEqual(w, expected, places=4)
                        self.assertAlmostEqual(written["logits"][layer_index][0], logits[t][0], places=3)


if __name__ == "__main__":
    unittest.main()
