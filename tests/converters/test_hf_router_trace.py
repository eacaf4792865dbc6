"""hf_router_trace.py's pure part, on hand-checked rows and plain-Python stand-in models."""

import json
import math
import os
import subprocess
import sys
import unittest

from fake_moe import (DecidingGate, FakeConfig, FakeMoeModel, LinearGate, MoeBlock, PlainAdapter,
                      Rows)
from trace_format_check import check_trace

import hf_router_core as core
import hf_router_trace as hf

LN = math.log


def logit(p):
    return math.log(p / (1 - p))


class RoutingRules(unittest.TestCase):
    def test_softmax_top_k(self):
        # logits ln 1..4: softmax = [1, 2, 3, 4] / 10; the two largest are expert 3 (0.4), then 2
        # (0.3); renormalised over the two: 0.4 / 0.7 = 4/7, 0.3 / 0.7 = 3/7
        choices, weights = core.route_softmax_top_k([LN(1), LN(2), LN(3), LN(4)], 2, True)
        self.assertEqual(choices, [3, 2])
        self.assertAlmostEqual(weights[0], 4 / 7)
        self.assertAlmostEqual(weights[1], 3 / 7)
        # Qwen-MoE with norm_topk_prob false keeps the softmax values
        _, plain = core.route_softmax_top_k([LN(1), LN(2), LN(3), LN(4)], 2, False)
        self.assertAlmostEqual(plain[0], 0.4)
        self.assertAlmostEqual(plain[1], 0.3)

    def test_ties_go_to_the_lower_expert(self):
        self.assertEqual(core.route_softmax_top_k([1.0, 2.0, 2.0, 0.0], 2, True)[0], [1, 2])

    def test_deepseek_v3(self):
        # E 8 in 4 groups of 2, topk_group 2, k 2, routed_scaling_factor 2.5, norm_topk_prob.
        # sigmoid scores s = [.9 .1 | .6 .5 | .7 .3 | .25 .75]
        # bias           b = [-.5 0 | 0 0  | 0 0   | .3  0  ]
        # s + b            = [.4 .1 | .6 .5 | .7 .3 | .55 .75]
        # group scores (sum of the best two): .5, 1.1, 1.0, 1.3 -> groups 3 and 1 stay
        # candidates e2 .6, e3 .5, e6 .55, e7 .75 -> e7, e2 (e0 has the best plain score but its
        # bias sinks its group; e4's .7 is in a dropped group)
        # weights: plain scores .75, .6 over their sum 1.35, times 2.5: 25/18 and 10/9
        s = [.9, .1, .6, .5, .7, .3, .25, .75]
        bias = [-.5, 0, 0, 0, 0, 0, .3, 0]
        choices, weights = core.route_deepseek_v3([logit(p) for p in s], 2, bias, 4, 2, True, 2.5)
        self.assertEqual(choices, [7, 2])
        self.assertAlmostEqual(weights[0], 25 / 18)
        self.assertAlmostEqual(weights[1], 10 / 9)

    def test_deepseek_v2_group_limited(self):
        # softmax of ln [4 1 3 2] = [.4 .1 .3 .2]; 2 groups of 2, scored by their best: .4, .3;
        # topk_group 1 keeps group 0 -> experts 0, 1 (greedy would take 0, 2); norm_topk_prob off:
        # weights times routed_scaling_factor 2 -> .8, .2
        logits = [LN(4), LN(1), LN(3), LN(2)]
        choices, weights = core.route_deepseek_v2(logits, 2, "group_limited_greedy", 2, 1, False, 2.0)
        self.assertEqual(choices, [0, 1])
        self.assertAlmostEqual(weights[0], 0.8)
        self.assertAlmostEqual(weights[1], 0.2)
        self.assertEqual(core.route_deepseek_v2(logits, 2, "greedy", 2, 1, False, 2.0)[0], [0, 2])

    def test_rule_from_config(self):
        rows = [LN(1), LN(2), LN(3), LN(4)]
        mixtral = core.routing_rule(FakeConfig(model_type="mixtral"), 2)
        self.assertAlmostEqual(mixtral.route(rows)[1][0], 4 / 7)
        qwen = core.routing_rule(FakeConfig(model_type="qwen2_moe", norm_topk_prob=False), 2)
        self.assertAlmostEqual(qwen.route(rows)[1][0], 0.4)
        v3 = core.routing_rule(FakeConfig(model_type="deepseek_v3", n_group=1, topk_group=1,
                                          norm_topk_prob=True, routed_scaling_factor=2.0), 1, [0, 0, 9, 0])
        # the bias alone decides: expert 2; one weight normalised to 1, times 2
        self.assertEqual(v3.route(rows), ([2], [2.0]))

    def test_expert_count_and_k_from_config(self):
        self.assertEqual(core.expert_count(FakeConfig(num_local_experts=8)), 8)
        self.assertEqual(core.expert_count(FakeConfig(num_experts=60)), 60)
        self.assertEqual(core.expert_count(FakeConfig(n_routed_experts=256, num_experts=None)), 256)
        self.assertEqual(core.experts_per_token(FakeConfig(num_experts_per_tok=8)), 8)


class GateOutputs(unittest.TestCase):
    def test_each_shape(self):
        logits, idx, w = [[0.1, 0.2, 0.3]], [[2, 1]], [[0.6, 0.4]]
        read = core.read_gate_output
        self.assertEqual(read([(False, logits)], 3, 2), (logits, None, None))  # nn.Linear
        self.assertEqual(read([(True, idx), (False, w)], 3, 2), (None, idx, w))  # MoEGate
        self.assertEqual(read([(False, logits), (False, w), (True, idx)], 3, 2), (logits, idx, w))  # v5
        self.assertEqual(read([(False, w), (True, idx)], 3, 2), (None, idx, w))  # DeepSeek's Gate


class GateDiscovery(unittest.TestCase):
    def test_finds_gates_in_layer_order(self):
        gate = LinearGate([[0.0]] * 8)
        named = [(f"model.layers.{i}.mlp.gate", gate) for i in (10, 2, 1)] + [
            ("model.layers.0.mlp.gate_proj", gate),
            ("model.layers.1.mlp.shared_expert_gate", gate),
            ("model.layers.3.mlp.gate", LinearGate([[0.0]] * 14336)),  # a dense MLP's gate
            ("model.layers.4.block_sparse_moe.gate", gate)]
        names = [n for n, _ in core.find_gate_layers(named, 8)]
        self.assertEqual(names, ["model.layers.1.mlp.gate", "model.layers.2.mlp.gate",
                                 "model.layers.4.block_sparse_moe.gate", "model.layers.10.mlp.gate"])
        with self.assertRaises(ValueError):
            core.find_gate_layers([("model.layers.0.mlp.gate_proj", gate)], 8)


class Texts(unittest.TestCase):
    def test_domains_and_documents(self):
        a = "intro\n# domain: poetry\nroses\n# domain: code\nx = 1\n"
        self.assertEqual(hf.split_domains(a), [(None, "intro\n"), ("poetry", "roses\n"), ("code", "x = 1\n")])
        words = lambda text: [len(w) for w in text.split()]  # a 'tokenizer': one id per word
        sequences, domains, documents = hf.plan_sequences(
            [("a.txt", a), ("dir/b.txt", "# domain: code\nif a b c\n")], words, 6, 2)
        self.assertEqual(domains, ["(unlabelled)", "poetry", "code"])
        self.assertEqual(documents, ["a.txt", "b.txt"])
        # 6 tokens in all: intro, roses, 'x = 1' (in windows of 2), then only 'if' of b.txt
        self.assertEqual(sequences, [([5], 0, 0), ([5], 1, 0), ([1, 1], 2, 0), ([1], 2, 0), ([2], 2, 1)])


def record(model, config, adapter=None, keep_logits=True):
    """The converter's lines for the stand-in model on two sequences."""
    experts, k = core.expert_count(config), core.experts_per_token(config)
    modules = dict(model.named_modules())
    gates = core.find_gate_layers(modules.items(), experts)
    layers = [(n, g, modules.get(n.rsplit(".", 1)[0])) for n, g in gates]
    rules = [core.routing_rule(config, k) for _ in gates]
    recorder = hf.GateRecorder(layers, experts, k, rules, adapter or PlainAdapter(), keep_logits)
    recorder.attach()
    header = core.header_line("fake", [{"name": n, "experts": experts, "k": k} for n, _ in gates],
                              "test", ["a", "b"])
    texts = lambda ids: [f"▁t{i}" for i in ids]
    lines = [header] + list(hf.token_lines(recorder, [([1, 2, 3], 0, None), ([4, 1], 1, None)],
                                           model.run, texts))
    recorder.detach()
    return lines


class Recording(unittest.TestCase):
    config = FakeConfig(model_type="mixtral", num_local_experts=3, num_experts_per_tok=2)

    def test_one_token_by_hand(self):
        # gate weight rows [1 0], [0 1], [1 1]; hidden [ln 3, ln 2] -> logits [ln 3, ln 2, ln 6]
        # softmax [3 2 6] / 11 -> experts 2, 0 -> renormalised 6/9, 3/9
        block = MoeBlock(LinearGate([[1, 0], [0, 1], [1, 1]]))
        rule = core.routing_rule(self.config, 2)
        recorder = hf.GateRecorder([("g", block.gate, block)], 3, 2, [rule], PlainAdapter())
        recorder.attach()
        block(Rows([[LN(3), LN(2)]]))
        [[(choices, weights, logits)]] = recorder.take(1)
        self.assertEqual(choices, [2, 0])
        self.assertAlmostEqual(weights[0], 2 / 3)
        self.assertAlmostEqual(weights[1], 1 / 3)
        self.assertAlmostEqual(logits[2], LN(6))
        with self.assertRaises(RuntimeError):  # nothing ran since
            recorder.take(1)

    def gates(self, kind):
        weights = [[[0.5, -1, 0.2, 0], [0, 1, -0.3, 0.4], [-0.2, 0.1, 1, -1]],
                   [[1, 0, 0, 1], [0, -1, 1, 0], [0.3, 0.3, 0.3, 0.3]]]
        rule = core.routing_rule(self.config, 2)
        return [DecidingGate(w, rule.route) if kind == "deciding" else LinearGate(w) for w in weights]

    def test_every_gate_style_gives_the_same_trace(self):
        linear = record(FakeMoeModel(self.gates("linear")), self.config)
        deciding = record(FakeMoeModel(self.gates("deciding"), "mlp"), self.config)
        uncalled = record(FakeMoeModel(self.gates("linear"), calls_gate=False), self.config)
        self.assertEqual(len(linear), 1 + 5)
        self.assertEqual(check_trace(linear), [])
        self.assertEqual(linear[1:], uncalled[1:])
        self.assertEqual(linear[1:], deciding[1:])  # the MoEGate's logits come from its weight
        first = json.loads(linear[1])
        self.assertEqual(first["text"], "▁t1")
        self.assertEqual(first["domain"], 0)
        self.assertEqual(len(first["logits"][0]), 3)

    def test_without_logits(self):
        lines = record(FakeMoeModel(self.gates("linear")), self.config, keep_logits=False)
        self.assertEqual(check_trace(lines), [])
        self.assertNotIn("logits", json.loads(lines[1]))

    def test_imports_with_the_standard_library_only(self):
        # in a fresh interpreter: another test module may have imported torch into this one
        probe = ("import sys; sys.path.insert(0, sys.argv[1]); import hf_router_trace, "
                 "sglang_expert_distribution; print(sorted({'torch', 'transformers'} & set(sys.modules)))")
        folder = os.path.dirname(core.__file__)
        result = subprocess.run([sys.executable, "-B", "-c", probe, folder], capture_output=True, text=True)
        self.assertEqual(result.stdout.strip(), "[]", result.stderr)


class Checker(unittest.TestCase):
    def test_catches_bad_lines(self):
        header = core.header_line("m", [{"name": "l0", "experts": 4, "k": 2}], "d")
        ok = core.token_line([[1, 0]], [[0.6, 0.4]], text="a")
        self.assertEqual(check_trace([header, ok]), [])
        self.assertTrue(check_trace([header, core.token_line([[1, 4]], [[0.6, 0.4]], text="a")]))
        self.assertTrue(check_trace([header, core.token_line([[1, 1]], [[0.6, 0.4]], text="a")]))
        self.assertTrue(check_trace([header, ok, core.token_line([[1, 0]], [[0.6, 0.4]])]))
        self.assertTrue(check_trace([header, ok, '{"layer":0,"step":0,"counts":[1,2,3,4]}']))
        with self.assertRaises(ValueError):  # NaN never reaches a file
            core.token_line([[1, 0]], [[float("nan"), 0.4]])


if __name__ == "__main__":
    unittest.main()
