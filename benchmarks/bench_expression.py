"""Benchmark: `actviz plot "x*tanh(softplus(x))"` (mish written by hand) against `actviz plot mish`.

Both run as fresh processes, alternating A B A B (see harness.py); the goal is a median wall-time
ratio ≤ 1.7: parsing, differentiating and deriving the facts of an expression costs little next to
the figure. A second case times an expression whose limit needs sympy (softsign by hand), so the
cost of loading sympy is on record.

    python benchmarks/bench_expression.py [--runs N]
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main  # noqa: E402


def cases(tmp: str) -> list[Case]:
    return [
        Case(
            'actviz plot "x*tanh(softplus(x))" vs actviz plot mish',
            actviz_cmd("plot", "x*tanh(softplus(x))", "-o", "expr.png"),
            actviz_cmd("plot", "mish", "-o", "mish.png"),
            goal_ratio=1.7,
            runs=15,
        ),
        Case(
            'actviz plot "x/(1+abs(x))" (limits by sympy) vs actviz plot softsign',
            actviz_cmd("plot", "x/(1+abs(x))", "-o", "expr2.png"),
            actviz_cmd("plot", "softsign", "-o", "softsign.png"),
            goal_ratio=2.5,
            runs=9,
        ),
    ]


if __name__ == "__main__":
    main(cases)
