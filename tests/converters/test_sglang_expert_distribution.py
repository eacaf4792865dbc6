"""sglang_expert_distribution.py on hand-made records shaped as SGLang dumps them."""

import contextlib
import io
import json
import os
import tempfile
import unittest

import fake_moe  # noqa: F401  (puts public/converters on the path)
from trace_format_check import check_trace

import sglang_expert_distribution as sg

try:
    import torch
except ImportError:
    torch = None
    print("note: torch is not installed here; the tests that read real torch.save records are skipped")


def convert(args):
    """The script's main, its closing note to stderr kept out of the test run's output."""
    with contextlib.redirect_stderr(io.StringIO()):
        sg.main(args)


def lines_of(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read().splitlines()


# per_pass dumps of two ranks: 2 layers, 4 physical experts holding 3 logical ones
# layer 0 maps replicas [0 1 2 0] (replica 3 is a second copy of expert 0), layer 1 [2 1 0 1]
MAP = [[0, 1, 2, 0], [2, 1, 0, 1]]
RANK0 = {"records": [{"forward_pass_id": 5, "rank": 0, "global_physical_count": [[1, 2, 3, 4], [0, 0, 0, 0]]},
                     {"forward_pass_id": 6, "rank": 0, "global_physical_count": [[0, 0, 0, 0], [2, 0, 0, 3]]}],
         "last_physical_to_logical_map": MAP}
RANK1 = {"records": [{"forward_pass_id": 5, "rank": 1, "global_physical_count": [[1, 0, 0, 1], [1, 1, 1, 1]]}],
         "last_physical_to_logical_map": MAP}


class Counts(unittest.TestCase):
    def test_stat_dump(self):
        dump = {"rank": 0, "logical_count": [[[1, 0], [2, 3]], [[0, 0], [0, 0]]]}
        self.assertEqual(sg.counts_of([dump]), {0: [[1, 0], [2, 3]], 1: [[0, 0], [0, 0]]})
        # two stat dumps: the second's steps follow the first's
        self.assertEqual(sorted(sg.counts_of([dump, dump])), [0, 1, 2, 3])

    def test_per_pass_dumps_map_replicas_and_sum_ranks(self):
        # pass 5, rank 0, layer 0: e0 = 1 + 4 (replica 3), e1 = 2, e2 = 3 -> [5 2 3]
        #         rank 1, layer 0: e0 = 1 + 1 -> [2 0 0]; layer 1: replicas 0..3 -> e2, e1, e0, e1 -> [1 2 1]
        #   summed: layer 0 [7 2 3], layer 1 [1 2 1]
        # pass 6, rank 0, layer 1: replica 0 (2) -> e2, replica 3 (3) -> e1 -> [0 3 2]
        steps = sg.counts_of([RANK0, RANK1])
        self.assertEqual(steps, {5: [[7, 2, 3], [1, 2, 1]], 6: [[0, 0, 0], [0, 3, 2]]})
        self.assertEqual(sg.counts_of([RANK0, RANK1], rank=0)[5], [[5, 2, 3], [0, 0, 0]])

    def test_old_csv(self):
        text = "layer_id,expert_id,count\n0,2,5\n1,0,1\n0,0,3\n"
        self.assertEqual(sg.csv_counts(text), {0: [[3, 0, 5], [1, 0, 0]]})
        self.assertEqual(sg.csv_counts(text, experts=4), {0: [[3, 0, 5, 0], [1, 0, 0, 0]]})
        with self.assertRaises(ValueError):
            sg.csv_counts("layer_id,expert_id,count\n0,two,5\n")

    def test_refuses_what_is_not_a_dump(self):
        with self.assertRaises(ValueError):
            sg.counts_of([{"weights": []}])
        with self.assertRaises(ValueError):
            sg.counts_of([{"logical_count": [[[1]]]}, RANK0])


class Lines(unittest.TestCase):
    def test_counts_lines(self):
        steps = {0: [[0, 0], [0, 0], [0, 0]], 3: [[0, 0], [4, 1], [0, 2]], 4: [[0, 0], [0, 0], [1, 0]]}
        lines = list(sg.trace_lines(steps, "m", "d"))
        self.assertEqual(check_trace(lines), [])
        header = json.loads(lines[0])
        # layer 0 never counted anything and step 0 is an unfilled slot: both left out
        self.assertEqual(header["layers"], [{"name": "layer 1", "experts": 2}, {"name": "layer 2", "experts": 2}])
        self.assertEqual([json.loads(l) for l in lines[1:]], [
            {"layer": 0, "step": 3, "counts": [4, 1]}, {"layer": 1, "step": 3, "counts": [0, 2]},
            {"layer": 0, "step": 4, "counts": [0, 0]}, {"layer": 1, "step": 4, "counts": [1, 0]}])
        everything = list(sg.trace_lines(steps, "m", "d", keep_empty=True))
        self.assertEqual(check_trace(everything), [])
        self.assertEqual(len(everything), 1 + 3 * 3)
        with self.assertRaises(ValueError):
            list(sg.trace_lines({0: [[0, 0]]}, "m", "d"))

    def test_csv_end_to_end(self):
        with tempfile.TemporaryDirectory() as tmp:
            for r in (0, 1):
                with open(os.path.join(tmp, f"r{r}.csv"), "w") as f:
                    f.write("layer_id,expert_id,count\n0,1,2\n0,3,1\n")
            out = os.path.join(tmp, "t.jsonl")
            convert([os.path.join(tmp, "r0.csv"), os.path.join(tmp, "r1.csv"), "--out", out])
            lines = lines_of(out)
            self.assertEqual(check_trace(lines), [])
            self.assertEqual(json.loads(lines[1])["counts"], [0, 4, 0, 2])


@unittest.skipIf(torch is None, "torch is not installed")
class TorchRecords(unittest.TestCase):
    def test_stat_record(self):
        with tempfile.TemporaryDirectory() as tmp:
            path, out = os.path.join(tmp, "expert_distribution_recorder_1.pt"), os.path.join(tmp, "t.jsonl")
            count = torch.zeros((3, 2, 4), dtype=torch.int32)  # 3 buffered steps, 2 layers, 4 experts
            count[0, 1] = torch.tensor([5, 0, 2, 1], dtype=torch.int32)
            count[2, 1] = torch.tensor([0, 3, 3, 0], dtype=torch.int32)
            torch.save({"rank": 0, "logical_count": count, "average_utilization_rate_over_window": None}, path)
            convert([path, "--out", out, "--model", "tiny"])
            lines = lines_of(out)
            self.assertEqual(check_trace(lines), [])
            self.assertEqual(json.loads(lines[0])["layers"], [{"name": "layer 1", "experts": 4}])
            self.assertEqual([json.loads(l) for l in lines[1:]], [
                {"layer": 0, "step": 0, "counts": [5, 0, 2, 1]}, {"layer": 0, "step": 2, "counts": [0, 3, 3, 0]}])

    def test_per_pass_records(self):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for r, dump in enumerate((RANK0, RANK1)):
                paths.append(os.path.join(tmp, f"expert_distribution_recorder_1_{r}.pt"))
                torch.save({"records": [dict(rec, global_physical_count=torch.tensor(rec["global_physical_count"]))
                                        for rec in dump["records"]],
                            "last_physical_to_logical_map": torch.tensor(MAP)}, paths[-1])
            out = os.path.join(tmp, "t.jsonl")
            convert(paths + ["--out", out])
            lines = lines_of(out)
            self.assertEqual(check_trace(lines), [])
            self.assertEqual(json.loads(lines[1]), {"layer": 0, "step": 5, "counts": [7, 2, 3]})


if __name__ == "__main__":
    unittest.main()
