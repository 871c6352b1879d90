"""Benchmark: the precision lens against the table of the same activations (issue 27).

``actviz precision gelu silu softplus --dtype float16,bfloat16`` evaluates every finite float16 and
bfloat16 input (63,487 and 65,279) of three activations in two forms, each operation rounded to the format,
and prints the report; ``actviz table gelu silu softplus`` derives and prints their properties. Goal: the
first costs at most 1.5× the second. Also the float32 sample (34,817 inputs, and the bisection to the
exact overflow and flush points) against the same table.

Fresh processes, alternating A B A B (see harness.py).

    python benchmarks/bench_precision.py [--runs N]      (or benchmarks/run.py for every benchmark)
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main  # noqa: E402

SPECS = ("gelu", "silu", "softplus")


def cases(tmp: str) -> list[Case]:
    return [
        Case("actviz precision gelu silu softplus --dtype float16,bfloat16 vs actviz table gelu silu softplus",
             actviz_cmd("precision", *SPECS, "--dtype", "float16,bfloat16"), actviz_cmd("table", *SPECS),
             goal_ratio=1.5),
        Case("actviz precision gelu silu softplus --dtype float32 vs the same table",
             actviz_cmd("precision", *SPECS, "--dtype", "float32"), actviz_cmd("table", *SPECS), goal_ratio=1.5),
    ]


if __name__ == "__main__":
    main(cases)
