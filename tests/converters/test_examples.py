"""The committed converter examples are exactly what make_examples.py makes, and well formed."""

import os
import unittest

from make_examples import EXAMPLES, OUT
from trace_format_check import check_trace


class Examples(unittest.TestCase):
    def test_committed_files_equal_the_generator(self):
        for name, make in EXAMPLES.items():
            with self.subTest(name):
                with open(os.path.join(OUT, name), encoding="utf-8", newline="") as handle:
                    committed = handle.read()
                made = make()
                # a mismatch means the file was edited by hand or the generator changed:
                # run python3 tests/converters/make_examples.py and commit the result
                self.assertTrue(committed == made, f"{name} differs from make_examples.py's output")
                self.assertEqual(check_trace(made.splitlines()), [])
                self.assertIn('"synthetic":true', made.splitlines()[0])


if __name__ == "__main__":
    unittest.main()
