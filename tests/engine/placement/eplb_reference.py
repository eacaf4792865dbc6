"""Writes eplbFixtures.json: DeepSeek EPLB's own outputs (eplb_upstream.py, a verbatim copy of
eplb.py at commit d52c72d5b2f2fb4c41afbf8eb21366820239913d) for random tie-free loads, which
eplb.test.ts holds src/engine/placement/eplb.ts to. Only needed to regenerate the JSON:

    /usr/bin/python3 tests/engine/placement/eplb_reference.py   # Debian's python3-torch (1.13)

Tie-free: within a layer no two experts have the same float32 load, no two groups the same sum,
and no two experts the same load per replica at any replica count they pass through, so EPLB's
unstable torch.sort and torch.max have only one answer (up to replicas of one expert).
"""

import json
import os
import random

import numpy as np
import torch

from eplb_upstream import rebalance_experts

COMMIT = "d52c72d5b2f2fb4c41afbf8eb21366820239913d"
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20250324)


def loads(layers, experts, kind):
    """Token counts per expert, as a serving cluster would log them (6 significant digits)."""
    def one():
        if kind == "uniform":
            return rng.uniform(1, 1000)
        return 100 * rng.lognormvariate(0, 1.5)
    return [float(f"{one():.6g}") for _ in range(layers * experts)]


def tie_free(weight, experts, groups, logcnt):
    w = np.asarray(weight, dtype=np.float32).reshape(-1, experts)
    for l in range(w.shape[0]):
        if len(set(w[l].tolist())) != experts:
            return False
        # torch's float32 group sums may differ from eplb.ts's (float64, rounded once) by a few
        # ulps: keep the sums well apart so that no comparison hangs on those ulps
        sums = sorted(torch.tensor(w[l]).view(groups, -1).sum(-1).tolist())
        if any(b - a <= 1e-5 * b for a, b in zip(sums, sums[1:])):
            return False
        per_replica = {}
        for e in range(experts):
            for c in range(1, int(logcnt[l][e]) + 2):
                v = float(np.float32(w[l][e] / np.float32(c)))
                if per_replica.setdefault(v, e) != e:
                    return False
    return True


def case(layers, experts, replicas, groups, nodes, gpus, kind):
    while True:
        weight = loads(layers, experts, kind)
        phy2log, log2phy, logcnt = rebalance_experts(
            torch.tensor(weight, dtype=torch.float64).view(layers, experts), replicas, groups, nodes, gpus)
        if tie_free(weight, experts, groups if groups % nodes == 0 else 1, logcnt.tolist()):
            break
    return {
        "layers": layers, "experts": experts, "replicas": replicas, "groups": groups, "nodes": nodes, "gpus": gpus,
        "hierarchical": groups % nodes == 0, "loads": kind, "weight": weight,
        "phy2log": phy2log.flatten().tolist(), "logcnt": logcnt.flatten().tolist(),
        "maxReplicas": log2phy.shape[-1], "log2phy": log2phy.flatten().tolist(),
    }


def small_shape():
    """Small E, G, nodes; about half the draws have groups that do not divide over the nodes."""
    while True:
        experts = rng.choice([8, 12, 16, 24, 32, 48, 64])
        groups = rng.choice([g for g in (1, 2, 3, 4, 6, 8, 16) if experts % g == 0])
        nodes = rng.randint(1, 4)
        hierarchical = groups % nodes == 0
        gpus = rng.choice([g for g in (2, 4, 6, 8, 12, 16) if not hierarchical or g % nodes == 0])
        replicas = gpus * (-(-experts // gpus) + rng.randint(0, 3))
        if replicas >= experts:
            return experts, replicas, groups, nodes, gpus


def main():
    cases = []
    # DeepSeek-V3's inference layout, hierarchical (8 groups over 4 nodes), and global over 3 nodes
    for kind in ("lognormal", "uniform"):
        cases.append(case(2, 256, 288, 8, 4, 32, kind))
    cases.append(case(1, 256, 288, 8, 3, 32, "lognormal"))
    cases.append(case(1, 256, 320, 8, 8, 64, "lognormal"))
    while len(cases) < 40:
        experts, replicas, groups, nodes, gpus = small_shape()
        cases.append(case(rng.randint(1, 3), experts, replicas, groups, nodes, gpus, rng.choice(["lognormal", "uniform"])))
    out = {
        "source": f"github.com/deepseek-ai/EPLB eplb.py at {COMMIT}, torch {torch.__version__}",
        "cases": cases,
    }
    path = os.path.join(HERE, "eplbFixtures.json")
    with open(path, "w") as f:
        f.write('{"source": ' + json.dumps(out["source"]) + ',\n"cases": [\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    hier = sum(c["hierarchical"] for c in cases)
    print(f"wrote {path}: {len(cases)} cases ({hier} hierarchical), {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
