#!/usr/bin/env python3
"""Record a Hugging Face MoE model's router decisions on your text, as a MoE Playground trace.

    python3 hf_router_trace.py --model mistralai/Mixtral-8x7B-v0.1 --text my.txt --out trace.jsonl
        [--text more.txt ...] [--max-tokens 2048] [--window 1024] [--device cpu|cuda|auto]
        [--dtype auto|bfloat16|float16|float32] [--no-logits] [--trust-remote-code]

Needs torch and transformers (pip install torch transformers; --device auto also accelerate),
and hf_router_core.py in the same folder. Everything runs on your machine: the text, the model
and the trace stay there; open the trace in MoE Playground's trace page, which reads it in your
browser without uploading it.

A forward hook on each MoE layer's gate (Mixtral: model.layers.N.block_sparse_moe.gate;
Qwen2-MoE, Qwen3-MoE, OLMoE, DeepSeek-V2/V3, transformers 5's Mixtral: model.layers.N.mlp.gate)
reads what the gate returns: router logits (an nn.Linear gate), to which the model family's rule
is applied (hf_router_core.routing_rule), or the gate's own (experts, weights) where it returns
them (DeepSeek's remote-code MoEGate, transformers 5 routers). Where a MoE block scores its
experts with its gate's weight without calling the gate, the block's input times that weight
gives the logits. (Mixtral and Qwen-MoE also return router logits with
model(..., output_router_logits=True); the hooks do the same for every family.)

Lines "# domain: name" in a text file start a domain (e.g. "# domain: code"); each domain's
text runs as its own sequences of at most --window tokens. Several --text files become the
trace's documents.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from hf_router_core import (  # noqa: E402  (the folder is put on the path just above)
    by_weight, expert_count, experts_per_token, find_gate_layers, header_line, read_gate_output,
    routing_rule, token_line,
)

UNLABELLED = "(unlabelled)"


def split_domains(text):
    """[(domain name | None, text)] in order: a line '# domain: name' starts a domain."""
    segments, name, lines = [], None, []
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.lower().startswith("# domain:"):
            segments.append((name, "".join(lines)))
            name, lines = stripped[len("# domain:"):].strip() or UNLABELLED, []
        else:
            lines.append(line)
    segments.append((name, "".join(lines)))
    return [(n, t) for n, t in segments if t.strip()]


def plan_sequences(files, tokenize, max_tokens, window):
    """(sequences [(ids, domain index | None, doc index | None)], domains, documents).

    files: [(name, text)]; tokenize: text -> token ids. Stops at max_tokens in all."""
    split = [(name, split_domains(text)) for name, text in files]
    labelled = any(d is not None for _, segments in split for d, _ in segments)
    domains, sequences, total = [], [], 0
    for doc, (_, segments) in enumerate(split):
        for domain, text in segments:
            index = None
            if labelled:
                domain = domain or UNLABELLED
                if domain not in domains:
                    domains.append(domain)
                index = domains.index(domain)
            ids = list(tokenize(text))[:max(0, max_tokens - total)]
            total += len(ids)
            for start in range(0, len(ids), window):
                sequences.append((ids[start:start + window], index, doc if len(files) > 1 else None))
    documents = [os.path.basename(name) for name, _ in files] if len(files) > 1 else []
    return sequences, domains, documents


class GateRecorder:
    """Forward hooks on each gate (and its MoE block) that keep each token's routing per layer.

    adapter turns what the model hands the hooks into plain lists: parts(output) ->
    [(is_integer, rows)], and linear_rows(gate, hidden) -> the gate's logits rows computed from
    its weight (None where it has none)."""

    def __init__(self, layers, experts, k, rules, adapter, keep_logits=True):
        self.layers = layers  # [(name, gate, block | None)]
        self.experts, self.k, self.rules, self.adapter = experts, k, rules, adapter
        self.keep_logits = keep_logits
        self.rows = [[] for _ in layers]  # per layer: [(choices, weights, logits | None)]
        self._gate_ran = [False] * len(layers)
        self._block_input = [None] * len(layers)
        self._handles = []

    def attach(self):
        for i, (_, gate, block) in enumerate(self.layers):
            self._handles.append(gate.register_forward_hook(self._on_gate(i)))
            if block is not None:
                self._handles.append(block.register_forward_pre_hook(self._on_block_start(i)))
                self._handles.append(block.register_forward_hook(self._on_block_end(i)))

    def detach(self):
        for handle in self._handles:
            handle.remove()
        self._handles = []

    def _keep(self, layer, logits, experts, weights):
        if experts is not None and weights is not None:
            # the gate decided itself: its own choices, bit for bit
            decided = [by_weight(c, w) for c, w in zip(experts, weights)]
        elif logits is not None:
            decided = [self.rules[layer].route(row) for row in logits]
        else:
            raise RuntimeError(f"{self.layers[layer][0]}: the gate gave neither logits nor experts and weights")
        for t, (choices, w) in enumerate(decided):
            kept = logits[t] if (logits is not None and self.keep_logits) else None
            self.rows[layer].append((choices, w, kept))

    def _on_gate(self, layer):
        def hook(module, args, output):
            self._gate_ran[layer] = True
            logits, experts, weights = read_gate_output(self.adapter.parts(output), self.experts, self.k)
            if logits is None and args:
                logits = self.adapter.linear_rows(module, args[0])
            self._keep(layer, logits, experts, weights)
        return hook

    def _on_block_start(self, layer):
        def hook(module, args):
            self._gate_ran[layer] = False
            self._block_input[layer] = args[0] if args else None
        return hook

    def _on_block_end(self, layer):
        def hook(module, args, output):
            hidden, self._block_input[layer] = self._block_input[layer], None
            if self._gate_ran[layer] or hidden is None:
                return
            gate = self.layers[layer][1]
            self._keep(layer, self.adapter.linear_rows(gate, hidden), None, None)
        return hook

    def take(self, tokens):
        """Each layer's rows for the last sequence of `tokens` tokens; the recorder empties."""
        for (name, _, _), rows in zip(self.layers, self.rows):
            if len(rows) != tokens:
                raise RuntimeError(f"{name} routed {len(rows)} tokens for a sequence of {tokens}")
        taken, self.rows = self.rows, [[] for _ in self.layers]
        return taken


def token_lines(recorder, sequences, run, token_texts):
    """The trace's token lines: run(ids) runs the model on one sequence."""
    with_logits = None
    for ids, domain, doc in sequences:
        run(ids)
        per_layer = recorder.take(len(ids))
        texts = token_texts(ids)
        for t in range(len(ids)):
            rows = [layer[t] for layer in per_layer]
            has_logits = all(r[2] is not None for r in rows)
            with_logits = has_logits if with_logits is None else with_logits
            if has_logits != with_logits:
                raise RuntimeError("some layers gave logits and others did not")
            yield token_line([r[0] for r in rows], [r[1] for r in rows],
                             [r[2] for r in rows] if has_logits else None, texts[t], domain, doc)


class TorchAdapter:
    def __init__(self, torch):
        self.torch = torch

    def parts(self, output):
        items = output if isinstance(output, (tuple, list)) else [output]
        found = []
        for item in items:
            if isinstance(item, self.torch.Tensor) and item.dim() >= 1 and item.numel() > 0:
                rows = item.detach().reshape(-1, item.shape[-1])
                integer = not rows.is_floating_point()
                found.append((integer, (rows.long() if integer else rows.float()).cpu().tolist()))
        return found

    def linear_rows(self, gate, hidden):
        weight = getattr(gate, "weight", None)
        if weight is None or not isinstance(hidden, self.torch.Tensor):
            return None
        x = hidden.detach().reshape(-1, hidden.shape[-1]).float()
        bias = getattr(gate, "bias", None)
        bias = bias.float() if isinstance(bias, self.torch.Tensor) else None
        return self.torch.nn.functional.linear(x, weight.float(), bias).cpu().tolist()

    def vector(self, tensor):
        return tensor.detach().float().cpu().tolist() if isinstance(tensor, self.torch.Tensor) else None


def load(model_name, device, dtype, trust_remote_code):
    try:
        import torch
        import transformers
    except ImportError as err:
        sys.exit(f"hf_router_trace.py needs torch and transformers (pip install torch transformers): {err}")
    kwargs = {"trust_remote_code": trust_remote_code}
    # transformers 4.56 renamed torch_dtype to dtype; an older one would pass dtype on to the config
    major_minor = tuple(int(p) for p in transformers.__version__.split(".")[:2] if p.isdigit())
    kwargs["dtype" if major_minor >= (4, 56) else "torch_dtype"] = "auto" if dtype == "auto" else getattr(torch, dtype)
    if device == "auto":
        kwargs["device_map"] = "auto"
    tokenizer = transformers.AutoTokenizer.from_pretrained(model_name, trust_remote_code=trust_remote_code)
    model = transformers.AutoModelForCausalLM.from_pretrained(model_name, **kwargs)
    if device != "auto":
        model.to(device)
    model.eval()
    return torch, model, tokenizer


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="Hugging Face model id or local folder")
    parser.add_argument("--text", required=True, action="append", help="a UTF-8 text file (repeatable)")
    parser.add_argument("--out", required=True, help="the trace to write (.jsonl)")
    parser.add_argument("--max-tokens", type=int, default=2048, help="tokens in all (default 2048)")
    parser.add_argument("--window", type=int, default=1024, help="tokens per forward pass (default 1024)")
    parser.add_argument("--device", default="cpu", help="cpu, cuda, cuda:1, mps, or auto (accelerate)")
    parser.add_argument("--dtype", default="auto", choices=["auto", "bfloat16", "float16", "float32"])
    parser.add_argument("--no-logits", action="store_true", help="leave the E router logits out")
    parser.add_argument("--trust-remote-code", action="store_true", help="run the model repo's own code")
    args = parser.parse_args(argv)

    files = []
    for path in args.text:
        with open(path, encoding="utf-8") as handle:
            files.append((path, handle.read()))
    torch, model, tokenizer = load(args.model, args.device, args.dtype, args.trust_remote_code)
    convert(torch, model, tokenizer, args, files)


def convert(torch, model, tokenizer, args, files):
    """Runs the loaded model on the files' text and writes the trace to args.out."""
    config = model.config
    if expert_count(config) is None:
        config = getattr(config, "text_config", config)  # multimodal wrappers
    experts, k = expert_count(config), experts_per_token(config)
    if experts is None or k is None:
        sys.exit("the model's config names no expert count (n_routed_experts, num_local_experts, "
                 "num_experts) or no num_experts_per_tok: is it a MoE model?")
    modules = dict(model.named_modules())
    try:
        gates = find_gate_layers(modules.items(), experts)
    except ValueError as err:
        sys.exit(f"{args.model}: {err}")
    adapter = TorchAdapter(torch)
    layers = [(name, gate, modules.get(name.rsplit(".", 1)[0])) for name, gate in gates]
    rules = [routing_rule(config, k, adapter.vector(getattr(gate, "e_score_correction_bias", None)))
             for _, gate in gates]
    recorder = GateRecorder(layers, experts, k, rules, adapter, keep_logits=not args.no_logits)
    sequences, domains, documents = plan_sequences(
        files, lambda text: tokenizer(text)["input_ids"], args.max_tokens, args.window)

    def run(ids):
        with torch.inference_mode():
            model(input_ids=torch.tensor([ids], device=model.device), use_cache=False)

    description = (f"router decisions of {args.model} on {', '.join(os.path.basename(p) for p, _ in files)}, "
                   f"recorded by MoE Playground's hf_router_trace.py (rule: {rules[0].name})")
    header = header_line(args.model, [{"name": n, "experts": experts, "k": k} for n, _ in gates],
                         description, domains, documents)
    recorder.attach()
    written = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(header + "\n")
        for line in token_lines(recorder, sequences, run, tokenizer.convert_ids_to_tokens):
            out.write(line + "\n")
            written += 1
            if written % 256 == 0:
                print(f"{written} tokens", file=sys.stderr)
    recorder.detach()
    print(f"wrote {written} tokens x {len(gates)} layers to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
