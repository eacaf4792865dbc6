#!/usr/bin/env python3
"""Turn SGLang's expert-distribution records into a MoE Playground trace (per-expert counts).

    python3 sglang_expert_distribution.py expert_distribution_recorder_*.pt --out sglang.jsonl
        [--model NAME] [--rank R] [--keep-empty] [--experts E (old .csv dumps)]

Read against sgl-project/sglang at commit 02295fe5ac5ccff3e8829800d50450351c56fb53,
python/sglang/srt/eplb/expert_distribution.py. A server started with
--expert-distribution-recorder-mode stat|stat_approx|per_pass|per_token records after
POST /start_expert_distribution_record; POST /dump_expert_distribution_record has each rank
torch.save a dict into SGLANG_EXPERT_DISTRIBUTION_RECORDER_DIR:

- stat, stat_approx (_StatAccumulator): rank 0 writes expert_distribution_recorder_{time}.pt =
  {"rank", "logical_count": int tensor [steps, layers, logical experts], summed over the ranks,
  "average_utilization_rate_over_window"}. The steps are the slots of a buffer of forward passes
  (--expert-distribution-recorder-buffer-size; -1 for an unbounded one): a circular buffer that
  wrapped keeps its slots in storage order, and unfilled slots are all zeros.
- per_pass, per_token (_DetailAccumulator): every rank writes
  expert_distribution_recorder_{time}_{rank}.pt = {"records": [{"forward_pass_id", "rank",
  "global_physical_count": [layers, physical experts], ...}], "last_physical_to_logical_map":
  [layers, physical experts]}. Physical experts (replicas under EPLB) are added up into their
  logical expert with that map (the last one: it may have changed while recording). Records of
  one forward pass from several ranks are summed; under plain tensor parallelism every rank sees
  the same tokens, so pass --rank 0 to count them once.
- Older SGLang (python/sglang/srt/managers/expert_distribution.py) wrote a CSV,
  expert_distribution_rank{r}_timestamp{t}.csv, "layer_id,expert_id,count"; it is read as one
  step (E = the largest expert id + 1, or --experts).

Writes counts lines: the header names each layer "layer N" (SGLang's layer index) with its
experts and no k; one {"layer", "step", "counts"} line per layer and step. Layers and steps
that counted nothing are left out unless --keep-empty (dense layers of DeepSeek, unfilled buffer
slots); the step keeps the record's own index. Needs torch to read .pt files (pip install torch);
runs on your machine only: the browser never opens a pickle, and nothing is uploaded.
"""

import argparse
import json
import os
import sys


def _sum_into(total, rows):
    for layer, row in enumerate(rows):
        for expert, value in enumerate(row):
            total[layer][expert] += value


def stat_counts(dump):
    """{step: [layers][experts]} from a stat dump's logical_count [steps][layers][experts]."""
    return {step: [list(row) for row in layers] for step, layers in enumerate(dump["logical_count"])}


def detail_counts(dumps, rank=None):
    """{forward_pass_id: [layers][logical experts]} from per_pass/per_token dumps (one per rank)."""
    steps = {}
    for dump in dumps:
        mapping = dump["last_physical_to_logical_map"]
        experts = 1 + max(max(row) for row in mapping)
        for record in dump["records"]:
            if rank is not None and record.get("rank") != rank:
                continue
            physical = record["global_physical_count"]
            logical = [[0] * experts for _ in physical]
            for layer, row in enumerate(physical):
                for replica, value in enumerate(row):
                    logical[layer][mapping[layer][replica]] += value
            step = record["forward_pass_id"]
            if step in steps:
                _sum_into(steps[step], logical)
            else:
                steps[step] = logical
    return steps


def csv_counts(text, experts=None):
    """{0: [layers][experts]} from the old CSV dump (layer_id,expert_id,count)."""
    cells = []
    for n, line in enumerate(text.splitlines()[1:], start=2):
        if line.strip():
            try:
                layer, expert, count = (int(x) for x in line.split(","))
            except ValueError:
                raise ValueError(f"line {n}: not 'layer_id,expert_id,count': {line!r}") from None
            cells.append((layer, expert, count))
    if not cells:
        raise ValueError("no counts in the CSV")
    width = experts or 1 + max(e for _, e, _ in cells)
    rows = [[0] * width for _ in range(1 + max(layer for layer, _, _ in cells))]
    for layer, expert, count in cells:
        if expert >= width:
            raise ValueError(f"expert {expert} of layer {layer} is not below --experts {width}")
        rows[layer][expert] += count
    return {0: rows}


def kind_of(dump):
    if isinstance(dump, dict) and "logical_count" in dump:
        return "stat"
    if isinstance(dump, dict) and "records" in dump and "last_physical_to_logical_map" in dump:
        return "detail"
    keys = sorted(dump) if isinstance(dump, dict) else type(dump).__name__
    raise ValueError(f"not an SGLang expert-distribution dump (found {keys})")


def counts_of(dumps, rank=None):
    """{step: [layers][experts]} from dumps of one kind; stat dumps' steps follow one another."""
    kinds = {kind_of(d) for d in dumps}
    if len(kinds) > 1:
        raise ValueError("stat dumps and per-pass dumps mixed: convert them separately")
    if kinds == {"detail"}:
        return detail_counts(dumps, rank)
    steps = {}
    for dump in dumps:
        offset = len(steps)
        for step, rows in stat_counts(dump).items():
            steps[offset + step] = rows
    return steps


def trace_lines(steps, model, description, keep_empty=False, synthetic=False):
    """The header and the counts lines (synthetic only for MoE Playground's own example)."""
    if not steps:
        raise ValueError("the records hold no steps")
    ordered = sorted(steps)
    layers, experts = len(steps[ordered[0]]), len(steps[ordered[0]][0])
    for step in ordered:
        if len(steps[step]) != layers or any(len(row) != experts for row in steps[step]):
            raise ValueError(f"step {step} is not {layers} layers x {experts} experts")
        if any(v < 0 for row in steps[step] for v in row):
            raise ValueError(f"step {step} has a negative count")
    kept = [l for l in range(layers) if keep_empty or any(any(steps[s][l]) for s in ordered)]
    if not kept:
        raise ValueError("every count is zero")
    header = {"format": "moe-playground-trace", "version": 1, "model": model, "synthetic": synthetic,
              "description": description,
              "layers": [{"name": f"layer {l}", "experts": experts} for l in kept]}
    yield json.dumps(header, ensure_ascii=False, separators=(",", ":"))
    for step in ordered:
        if not keep_empty and not any(any(steps[step][l]) for l in kept):
            continue
        for index, layer in enumerate(kept):
            yield json.dumps({"layer": index, "step": int(step), "counts": list(steps[step][layer])},
                             separators=(",", ":"), allow_nan=False)


def plain(value, torch):
    """Tensors to lists, recursively."""
    if isinstance(value, torch.Tensor):
        return value.tolist()
    if isinstance(value, dict):
        return {k: plain(v, torch) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v, torch) for v in value]
    return value


def load_dump(path):
    try:
        import torch
    except ImportError:
        sys.exit(f"reading {path} needs torch (pip install torch): SGLang wrote it with torch.save")
    try:  # weights_only: tensors, dicts, lists and numbers only, no code from the file
        raw = torch.load(path, map_location="cpu", weights_only=True)
    except TypeError:  # a torch older than 1.13
        raw = torch.load(path, map_location="cpu")
    return plain(raw, torch)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("records", nargs="+", help="SGLang's .pt dumps (or an old .csv)")
    parser.add_argument("--out", required=True, help="the trace to write (.jsonl)")
    parser.add_argument("--model", default="", help="the model the server ran (the record does not say)")
    parser.add_argument("--rank", type=int, default=None, help="per-pass dumps: only this rank's records")
    parser.add_argument("--experts", type=int, default=None, help="old CSV dumps: experts per layer")
    parser.add_argument("--keep-empty", action="store_true", help="keep layers and steps that counted nothing")
    args = parser.parse_args(argv)

    names = ", ".join(os.path.basename(p) for p in args.records)
    try:
        if all(p.endswith(".csv") for p in args.records):
            steps = {}
            for p in args.records:  # one CSV per rank, each one step of the same layers: summed
                with open(p, encoding="utf-8") as handle:
                    rows = csv_counts(handle.read(), args.experts)[0]
                if 0 in steps:
                    if len(rows) != len(steps[0]) or len(rows[0]) != len(steps[0][0]):
                        raise ValueError(f"{p}: not the shape of the first CSV (use --experts)")
                    _sum_into(steps[0], rows)
                else:
                    steps[0] = rows
            source = "an old SGLang CSV dump"
        else:
            dumps = [load_dump(p) for p in args.records]
            steps = counts_of(dumps, args.rank)
            source = ("SGLang logical_count (stat mode)" if kind_of(dumps[0]) == "stat"
                      else "SGLang per-pass records, physical experts added into logical ones")
        description = f"{source} from {names}, converted by MoE Playground's sglang_expert_distribution.py"
        lines = list(trace_lines(steps, args.model or "SGLang server", description, args.keep_empty))
    except (ValueError, KeyError, IndexError, TypeError) as err:
        sys.exit(f"{names}: {err!r}" if isinstance(err, KeyError) else f"{names}: {err}")
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(line + "\n")
    print(f"wrote {len(lines) - 1} counts lines to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
