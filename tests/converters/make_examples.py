#!/usr/bin/env python3
"""Makes the trace page's two converter examples, byte for byte, with the standard library only:

    python3 tests/converters/make_examples.py

- public/examples/traces/huggingface.jsonl: hf_router_trace.py's own recorder and lines, run on
  a fake Mixtral-shaped model (4 layers of 8 experts, top-2, gates with seeded weights) over the
  short text below in three domains, tokenised by a toy BPE-like splitter ("▁The", "▁recip", "e").
- public/examples/traces/sglang.jsonl: sglang_expert_distribution.py's counts and lines, from a
  stat-mode record (logical_count [20 steps, 4 layers, 16 experts]) built here with a skewed load
  whose hottest expert drifts, instead of one read with torch.

Both say "synthetic": true. test_examples.py checks the committed files equal this output.
"""

import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from fake_moe import FakeConfig, FakeMoeModel, LinearGate, PlainAdapter  # noqa: E402

import hf_router_core as core  # noqa: E402  (fake_moe put public/converters on the path)
import hf_router_trace as hf  # noqa: E402
import sglang_expert_distribution as sg  # noqa: E402

OUT = os.path.join(HERE, "..", "..", "public", "examples", "traces")
DESCRIPTION = ("synthetic: made by MoE Playground's converter from a fake Mixtral-shaped model, "
               "not recorded from a real model")

TEXT = """# domain: story
The lighthouse keeper counted the ships that passed each night. When the fog came in from the
north, she lit the second lamp and wrote the names of the boats in a small green book. Nobody
had asked her to keep the book, but after forty years it was the only record of the harbour.
One winter a ship came in without a name painted on its side. She waited all night for someone
to come ashore and tell her what to write, and in the morning she drew a small lamp instead.
# domain: code
def count_ships(log, night):
    passed = [entry for entry in log if entry.night == night]
    return len(passed)

for night in range(7):
    print(night, count_ships(log, night))

def busiest(log):
    nights = {entry.night for entry in log}
    return max(nights, key=lambda night: count_ships(log, night))
# domain: recipe
Soak the beans overnight, then drain them and cover with fresh water. Simmer for an hour with
a bay leaf and two cloves of garlic. Season with salt only at the end, when the beans are soft.
Fry an onion slowly in olive oil until it is golden, stir it into the pot with a spoonful of the
cooking water, and serve the beans warm with bread.
"""


class ToyTokenizer:
    """Words as SentencePiece-like pieces: '▁' marks a word's start, long words split every 5
    letters, punctuation and line ends are pieces of their own; ids in order of first sight."""

    def __init__(self):
        self.pieces, self.ids = ["<s>"], {"<s>": 0}

    def _id(self, piece):
        if piece not in self.ids:
            self.ids[piece] = len(self.pieces)
            self.pieces.append(piece)
        return self.ids[piece]

    def __call__(self, text):
        ids = [0]  # the sequence's <s>, routed like any token
        for chunk in re.findall(r"\S+|\n", text):
            if chunk == "\n":
                ids.append(self._id("<0x0A>"))
                continue
            pieces = []
            for part in re.findall(r"\w+|[^\w\s]", chunk):
                pieces.extend(part[i:i + 5] for i in range(0, len(part), 5))
            # only the piece that starts a space-separated chunk carries the '▁'
            ids.extend(self._id(("▁" if i == 0 else "") + p) for i, p in enumerate(pieces))
        return ids

    def texts(self, ids):
        return [self.pieces[i] for i in ids]


def huggingface_example():
    rng = random.Random(18)
    hidden, experts, k, layers = 16, 8, 2, 4
    gates = [LinearGate([[rng.gauss(0, 0.6) for _ in range(hidden)] for _ in range(experts)])
             for _ in range(layers)]
    offset = [rng.gauss(0, 0.8) for _ in range(hidden)]
    model = FakeMoeModel(gates, hidden=hidden, seed=1818, offset=offset)
    config = FakeConfig(model_type="mixtral", num_local_experts=experts, num_experts_per_tok=k)
    modules = dict(model.named_modules())
    found = core.find_gate_layers(modules.items(), experts)
    recorder = hf.GateRecorder([(n, g, modules[n.rsplit(".", 1)[0]]) for n, g in found], experts, k,
                               [core.routing_rule(config, k) for _ in found], PlainAdapter())
    tokenizer = ToyTokenizer()
    sequences, domains, _ = hf.plan_sequences([("example.txt", TEXT)], tokenizer, 2048, 1024)
    recorder.attach()
    header = core.header_line("fake Mixtral-shaped model (4 layers x 8 experts, top-2)",
                              [{"name": n, "experts": experts, "k": k} for n, _ in found],
                              DESCRIPTION, domains, synthetic=True)
    lines = [header] + list(hf.token_lines(recorder, sequences, model.run, tokenizer.texts))
    return "\n".join(lines) + "\n"


def sglang_example():
    rng = random.Random(1818)
    steps, layers, experts, k = 20, 4, 16, 8
    logical_count = []
    for step in range(steps):
        tokens = rng.randint(200, 600)  # a forward pass's batch
        rows = []
        for layer in range(layers):
            hot = (3 * layer + step // 5) % experts  # the hottest expert moves every 5 steps
            weights = [1.0 / (1 + ((e - hot) % experts)) ** 1.2 for e in range(experts)]
            row = [0] * experts
            for e in rng.choices(range(experts), weights=weights, k=tokens * k):
                row[e] += 1
            rows.append(row)
        logical_count.append(rows)
    record = {"rank": 0, "logical_count": logical_count, "average_utilization_rate_over_window": None}
    description = ("synthetic: made by MoE Playground's converter from a made-up SGLang stat record "
                   "(logical_count [20 steps, 4 layers, 16 experts], 8 experts per token), "
                   "not recorded from a real server")
    lines = sg.trace_lines(sg.counts_of([record]), "fake SGLang server (synthetic)", description,
                           synthetic=True)
    return "\n".join(lines) + "\n"


EXAMPLES = {"huggingface.jsonl": huggingface_example, "sglang.jsonl": sglang_example}

if __name__ == "__main__":
    for name, make in EXAMPLES.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as out:
            out.write(make())
        print(f"wrote {os.path.normpath(os.path.join(OUT, name))}")
