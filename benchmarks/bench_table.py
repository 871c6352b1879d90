"""Benchmark: `actviz table --format markdown` (all activations) against bare imports.

The baseline is `python -c "import numpy, typer, rich.table"`: the libraries the command cannot
avoid. Both run as fresh processes, alternating A B A B (see harness.py); the goal is a median
wall-time ratio ≤ 1.5, i.e. deriving and formatting every property of all 61 activations costs
less than half the unavoidable import time. `actviz table` (rich), `info` and `list` are timed
against the same baseline for information.

    python benchmarks/bench_table.py [--runs N]
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main  # noqa: E402

BASELINE = [sys.executable, "-c", "import numpy, typer, rich.table"]


def cases(tmp: str) -> list[Case]:
    return [
        Case(f"actviz {' '.join(args)} vs bare imports", actviz_cmd(*args), BASELINE, goal_ratio=1.5, runs=15, warmup=2)
        for args in (("table", "--format", "markdown"), ("table",), ("info", "gelu"), ("list",))
    ]


if __name__ == "__main__":
    main(cases)
