"""The pure part of hf_router_trace.py: routing rules, gate discovery and trace lines.

Standard library only, on plain lists and plain objects, so that MoE Playground's tests run it
without torch or transformers, and so that its examples are made by exactly this code. Keep this
file next to hf_router_trace.py (the app serves both under converters/).

Output: MoE Playground's router trace format, version 1 (a header line, then one JSON line per
token). Every row of routing decisions is ordered highest weight first, ties to the lower expert,
as the playground's own routers order their slots.
"""

import json
import math
import re

# A gate is the module that scores the experts: Mixtral (transformers 4.x) names it
# model.layers.N.block_sparse_moe.gate; Qwen2-MoE, Qwen3-MoE, OLMoE, DeepSeek-V2/V3 and
# transformers 5's Mixtral name it model.layers.N.mlp.gate. The trailing $ keeps out the dense
# MLP's mlp.gate_proj and Qwen2-MoE's mlp.shared_expert_gate.
GATE_NAME = re.compile(r"^(?:.*\.)?layers\.(\d+)\.(?:block_sparse_moe|mlp)\.gate$")


def expert_count(config):
    """E from a transformers config (DeepSeek: n_routed_experts, Mixtral: num_local_experts,
    Qwen-MoE and OLMoE: num_experts); None when the config names none."""
    for field in ("n_routed_experts", "num_local_experts", "num_experts"):
        value = getattr(config, field, None)
        if isinstance(value, int) and value > 0:
            return value
    return None


def experts_per_token(config):
    value = getattr(config, "num_experts_per_tok", None)
    return value if isinstance(value, int) and value > 0 else None


def _out_width(module):
    """Experts a gate scores, read from its weight where it has one ([E, hidden]), else None."""
    width = getattr(module, "out_features", None)
    if isinstance(width, int):
        return width
    shape = getattr(getattr(module, "weight", None), "shape", None)
    return int(shape[0]) if shape is not None and len(shape) == 2 else None


def find_gate_layers(named_modules, experts):
    """[(name, module)] of the MoE gates, by layer number (10 after 9), from named_modules().

    A module named like a gate whose weight scores a number of outputs other than E is not a
    router (some dense MLPs name their gating projection mlp.gate) and is left out."""
    found = []
    for name, module in named_modules:
        match = GATE_NAME.match(name)
        if match is None:
            continue
        width = _out_width(module)
        if width is not None and width != experts:
            continue
        found.append((int(match.group(1)), name, module))
    if not found:
        raise ValueError(
            "no MoE gate found: looked for modules named ...layers.N.block_sparse_moe.gate or "
            f"...layers.N.mlp.gate scoring {experts} experts"
        )
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return [(name, module) for _, name, module in found]


# ---- routing rules: a row of E router logits -> (k experts, k weights) ----


def softmax(row):
    top = max(row)
    exps = [math.exp(x - top) for x in row]
    total = sum(exps)
    return [e / total for e in exps]


def sigmoid(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def top_k(scores, k):
    """Indices of the k largest scores, largest first, ties to the lower index."""
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]


def by_weight(choices, weights):
    """The slots reordered highest weight first, ties to the lower expert."""
    pairs = sorted(zip(choices, weights), key=lambda p: (-p[1], p[0]))
    return [int(c) for c, _ in pairs], [float(w) for _, w in pairs]


def route_softmax_top_k(logits, k, renormalise):
    """Mixtral (renormalise always), Qwen2/3-MoE and OLMoE (renormalise = config.norm_topk_prob):
    softmax over all E, the k largest, weights the softmax values (divided by their sum)."""
    probs = softmax(logits)
    chosen = top_k(probs, k)
    weights = [probs[i] for i in chosen]
    if renormalise:
        total = sum(weights)
        weights = [w / total for w in weights]
    return chosen, weights


def _keep_groups(scores, n_group, topk_group, group_score):
    """scores with every expert outside the topk_group best groups set to -inf."""
    size = len(scores) // n_group
    group_scores = [group_score(scores[g * size:(g + 1) * size]) for g in range(n_group)]
    kept = set(top_k(group_scores, topk_group))
    return [s if i // size in kept else -math.inf for i, s in enumerate(scores)]


def route_deepseek_v2(logits, k, topk_method, n_group, topk_group, norm_topk_prob, scale):
    """DeepSeek-V2's MoEGate: softmax; 'greedy' top-k, or 'group_limited_greedy' (groups scored
    by their best expert, the topk_group best kept); weights divided by their sum when
    norm_topk_prob and k > 1, else multiplied by routed_scaling_factor."""
    probs = softmax(logits)
    scores = probs
    if topk_method == "group_limited_greedy" and n_group and n_group > 1:
        scores = _keep_groups(probs, n_group, topk_group, max)
    chosen = top_k(scores, k)
    weights = [probs[i] for i in chosen]
    if k > 1 and norm_topk_prob:
        total = sum(weights) + 1e-20
        weights = [w / total for w in weights]
    else:
        weights = [w * scale for w in weights]
    return by_weight(chosen, weights)


def route_deepseek_v3(logits, k, bias, n_group, topk_group, norm_topk_prob, scale):
    """DeepSeek-V3 (inference/model.py Gate, deepseek-ai/DeepSeek-V3 at 9b4e978): sigmoid scores;
    the score correction bias is added for choosing only; groups scored by the sum of their two
    best biased scores, the topk_group best kept (the rest -inf); the k largest biased scores win;
    weights are the unbiased sigmoid scores of the winners, divided by their sum (norm_topk_prob),
    times routed_scaling_factor."""
    scores = [sigmoid(x) for x in logits]
    biased = [s + b for s, b in zip(scores, bias)] if bias is not None else list(scores)
    if n_group and n_group > 1:
        biased = _keep_groups(biased, n_group, topk_group,
                              lambda group: sum(sorted(group, reverse=True)[:2]))
    chosen = top_k(biased, k)
    weights = [scores[i] for i in chosen]
    if norm_topk_prob:
        total = sum(weights) + 1e-20
        weights = [w / total for w in weights]
    return by_weight(chosen, [w * scale for w in weights])


class RoutingRule:
    """How one model family turns a gate's logits into its k experts and their weights."""

    def __init__(self, name, route):
        self.name = name
        self.route = route  # logits row -> (choices, weights)


def routing_rule(config, k, bias=None):
    """The rule for config.model_type; bias is DeepSeek-V3's e_score_correction_bias of the layer."""
    kind = getattr(config, "model_type", "") or ""
    norm = bool(getattr(config, "norm_topk_prob", False))
    scale = float(getattr(config, "routed_scaling_factor", 1.0) or 1.0)
    n_group = getattr(config, "n_group", None) or 1
    topk_group = getattr(config, "topk_group", None) or n_group
    if kind == "mixtral":
        return RoutingRule("softmax top-k, renormalised", lambda r: route_softmax_top_k(r, k, True))
    if kind == "deepseek_v3" or getattr(config, "topk_method", None) == "noaux_tc":
        return RoutingRule(
            "DeepSeek-V3: sigmoid, bias for choosing, group-limited top-k, scaled",
            lambda r: route_deepseek_v3(r, k, bias, n_group, topk_group, norm, scale))
    if kind == "deepseek_v2":
        method = getattr(config, "topk_method", "greedy")
        return RoutingRule(
            f"DeepSeek-V2: softmax, {method}",
            lambda r: route_deepseek_v2(r, k, method, n_group, topk_group, norm, scale))
    # Qwen2-MoE, Qwen3-MoE, OLMoE, and any other softmax router
    label = "softmax top-k" + (", renormalised" if norm else "")
    return RoutingRule(label, lambda r: route_softmax_top_k(r, k, norm))


def read_gate_output(parts, experts, k):
    """(logits rows | None, expert rows | None, weight rows | None) from a gate's outputs.

    parts: [(is_integer, rows)] for each tensor the gate returned, rows [N][width]. A plain
    nn.Linear gate returns logits [N, E]; DeepSeek's remote-code MoEGate returns (indices,
    weights, aux loss); transformers 5 routers return (logits, weights, indices); DeepSeek's own
    inference Gate returns (weights, indices). Integers of width k are the experts, floats of
    width E the logits, floats of width k the weights."""
    logits = experts_rows = weights = None
    for is_integer, rows in parts:
        width = len(rows[0]) if rows else -1
        if is_integer and width == k and experts_rows is None:
            experts_rows = rows
        elif not is_integer and width == experts and logits is None:
            logits = rows
        elif not is_integer and width == k and weights is None:
            weights = rows
    return logits, experts_rows, weights


# ---- the trace's lines ----


def _rounded(x, digits):
    return float(f"{x:.{digits}g}")


def header_line(model, layers, description, domains=None, documents=None, synthetic=False):
    """layers: [{"name", "experts", "k"}] (k left out for counts-only traces)."""
    header = {"format": "moe-playground-trace", "version": 1, "model": model,
              "synthetic": synthetic, "description": description, "layers": layers}
    if domains:
        header["domains"] = list(domains)
    if documents:
        header["documents"] = list(documents)
    return json.dumps(header, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def token_line(choices, weights, logits=None, text=None, domain=None, doc=None, step=None):
    """One token: per layer its k experts, weights (6 significant digits) and E logits (5)."""
    line = {"choices": [[int(c) for c in row] for row in choices],
            "weights": [[_rounded(w, 6) for w in row] for row in weights]}
    if logits is not None:
        line["logits"] = [[_rounded(x, 5) for x in row] for row in logits]
    if text is not None:
        line["text"] = text
    if domain is not None:
        line["domain"] = domain
    if doc is not None:
        line["doc"] = doc
    if step is not None:
        line["step"] = step
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
