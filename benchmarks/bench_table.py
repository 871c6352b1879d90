"""Benchmark: `actviz table --format markdown` (all activations) against bare imports.

The baseline is `python -c "import numpy, typer, rich.table"`: the libraries the command cannot
avoid. Both run as fresh processes, alternating A B A B (see harness.py); the goal is a median
wall-time ratio ≤ 1.5, i.e. deriving and formatting every property of all 46 activations costs
less than half the unavoidable import time. Also times `actviz table` (rich) and `actviz info`.

    python benchmarks/bench_table.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import actviz_cmd, compare, report  # noqa: E402

BASELINE = [sys.executable, "-c", "import numpy, typer, rich.table"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="alternating runs of each command")
    args = parser.parse_args()
    # An installed package has its bytecode cached; this sandbox sets PYTHONDONTWRITEBYTECODE, which
    # would make every run recompile the actviz sources. Let the warm-up runs write __pycache__.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    cases = [
        ("actviz table --format markdown", actviz_cmd("table", "--format", "markdown"), 1.5),
        ("actviz table (rich)", actviz_cmd("table"), 1.5),
        ("actviz info gelu", actviz_cmd("info", "gelu"), 1.5),
        ("actviz list", actviz_cmd("list"), 1.5),
    ]
    for name, cmd, goal in cases:
        print(report(compare(name, cmd, BASELINE, runs=args.runs, warmup=2), goal), flush=True)


if __name__ == "__main__":
    main()
