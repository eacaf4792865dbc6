"""A small checker of MoE Playground's trace format, version 1 (docs: TRACE_FORMAT, the project's
agreed spec), standard library only: the converters' tests hold every line they write to it.

check_trace(lines) returns a list of problems ("line N: field: what"), empty when the trace
is well formed. It is the spec's rules, not the app's parser: the two should agree.
"""

import json
import math

OPTIONAL_TOKEN_FIELDS = ("weights", "logits", "text", "domain", "doc", "step")


def _is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def _is_finite(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _check_header(header, problems):
    if not isinstance(header, dict):
        return problems.append("line 1: the header is not an object")
    if header.get("format") != "moe-playground-trace":
        problems.append("line 1: format: not 'moe-playground-trace'")
    if not _is_int(header.get("version")) or header["version"] != 1:
        problems.append("line 1: version: not 1")
    layers = header.get("layers")
    if not isinstance(layers, list) or not layers:
        return problems.append("line 1: layers: missing or empty")
    for i, layer in enumerate(layers):
        where = f"line 1: layers[{i}]"
        if not isinstance(layer, dict) or not isinstance(layer.get("name"), str):
            problems.append(f"{where}.name: not a string")
            continue
        if not _is_int(layer.get("experts")) or layer["experts"] < 1:
            problems.append(f"{where}.experts: not an integer >= 1")
        if "k" in layer and (not _is_int(layer["k"]) or not 1 <= layer["k"] <= layer.get("experts", 0)):
            problems.append(f"{where}.k: not an integer in 1..experts")
    if "synthetic" in header and not isinstance(header["synthetic"], bool):
        problems.append("line 1: synthetic: not a boolean")
    for field in ("model", "description"):
        if field in header and not isinstance(header[field], str):
            problems.append(f"line 1: {field}: not a string")
    for field in ("domains", "documents"):
        if field in header and not (isinstance(header[field], list)
                                    and all(isinstance(x, str) for x in header[field])):
            problems.append(f"line 1: {field}: not a list of strings")


def _check_token(n, line, header, problems):
    layers = header["layers"]
    choices = line.get("choices")
    if not isinstance(choices, list) or len(choices) != len(layers):
        return problems.append(f"line {n}: choices: not one array per layer")
    for i, (row, layer) in enumerate(zip(choices, layers)):
        k, e = layer.get("k"), layer["experts"]
        if k is None:
            problems.append(f"line {n}: choices: layer {i} has no k in the header")
        elif not isinstance(row, list) or len(row) != k:
            problems.append(f"line {n}: choices[{i}]: not {k} entries")
        elif not all(_is_int(c) and -1 <= c < e for c in row):
            problems.append(f"line {n}: choices[{i}]: an expert outside 0..{e - 1} (or -1)")
        elif len({c for c in row if c != -1}) != len([c for c in row if c != -1]):
            problems.append(f"line {n}: choices[{i}]: an expert twice")
    weights = line.get("weights")
    if weights is not None:
        if not isinstance(weights, list) or len(weights) != len(choices) or any(
                not isinstance(w, list) or len(w) != len(c) or not all(map(_is_finite, w))
                for w, c in zip(weights, choices)):
            problems.append(f"line {n}: weights: not finite numbers shaped like choices")
    logits = line.get("logits")
    if logits is not None:
        if not isinstance(logits, list) or len(logits) != len(layers) or any(
                not isinstance(row, list) or len(row) != layer["experts"] or not all(map(_is_finite, row))
                for row, layer in zip(logits, layers)):
            problems.append(f"line {n}: logits: not E finite numbers per layer")
    if "text" in line and not isinstance(line["text"], str):
        problems.append(f"line {n}: text: not a string")
    for field, names in (("domain", "domains"), ("doc", "documents")):
        if field in line:
            value, named = line[field], header.get(names)
            if not _is_int(value) or value < 0 or (named is not None and value >= len(named)):
                problems.append(f"line {n}: {field}: not an index into {names}")
    if "step" in line and not _is_int(line["step"]):
        problems.append(f"line {n}: step: not an integer")


def _check_counts(n, line, header, problems):
    layers = header["layers"]
    layer = line.get("layer")
    if not _is_int(layer) or not 0 <= layer < len(layers):
        return problems.append(f"line {n}: layer: not an index into the header's layers")
    if not _is_int(line.get("step")):
        problems.append(f"line {n}: step: not an integer")
    counts = line.get("counts")
    if not isinstance(counts, list) or len(counts) != layers[layer]["experts"] or not all(
            _is_finite(c) and c >= 0 for c in counts):
        problems.append(f"line {n}: counts: not E finite non-negative numbers")


def check_trace(lines):
    problems = []
    numbered = [(i + 1, text) for i, text in enumerate(lines) if text.strip()]
    if not numbered:
        return ["the file is empty"]
    parsed = []
    for n, text in numbered:
        try:
            parsed.append((n, json.loads(text)))
        except ValueError as err:
            problems.append(f"line {n}: not JSON ({err})")
    if problems:
        return problems
    (_, header), body = parsed[0], parsed[1:]
    _check_header(header, problems)
    if problems:
        return problems
    kinds = {"counts" if "counts" in line else "token" for _, line in body if isinstance(line, dict)}
    if len(kinds) > 1:
        problems.append("token lines and counts lines in one file")
    present = {}
    for n, line in body:
        if not isinstance(line, dict):
            problems.append(f"line {n}: not an object")
        elif "counts" in line:
            _check_counts(n, line, header, problems)
        else:
            _check_token(n, line, header, problems)
            for field in OPTIONAL_TOKEN_FIELDS:
                present.setdefault(field, set()).add(field in line)
    for field, seen in present.items():
        if len(seen) > 1:
            problems.append(f"{field}: on some token lines and missing on others")
    return problems
