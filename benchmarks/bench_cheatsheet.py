"""Benchmark: `actviz cheatsheet -o cs.png` (the whole catalogue) against a naive pyplot grid.

The baseline is what a hand-written script does: ``plt.subplots(rows, 6, figsize=(18, 3 * rows))``,
one curve, a title and one mathtext label per panel, ``tight_layout()``, ``savefig`` at 100 dpi.
Fresh processes, alternating A B A B (see harness.py). Goals (issue 29): with as many panels as the
catalogue has activations (66: 11 rows of 6), median wall-time ratio ≤ 0.35 and peak memory (the
child's max RSS) ≤ 250 MiB. Issue 11's case stays as a check for regressions: the 46 functions it
measured against the 6 x 6 grid (36 panels), 0.55 then.

    python benchmarks/bench_cheatsheet.py [--runs N]      (or benchmarks/run.py for every benchmark)
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main, write_script  # noqa: E402

NAIVE_GRID = r'''
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

x = np.linspace(-5, 5, 1000)
fns = {
    "relu": (lambda x: np.maximum(0, x), r"$\max(0,x)$"),
    "sigmoid": (lambda x: 1 / (1 + np.exp(-x)), r"$\frac{1}{1+e^{-x}}$"),
    "tanh": (np.tanh, r"$\tanh(x)$"),
    "elu": (lambda x: np.where(x > 0, x, np.exp(x) - 1), r"$x\ \mathrm{if}\ x>0,\ \mathrm{else}\ e^x-1$"),
    "softplus": (lambda x: np.log1p(np.exp(x)), r"$\log(1+e^x)$"),
    "silu": (lambda x: x / (1 + np.exp(-x)), r"$x\,\sigma(x)$"),
}
fig, axes = plt.subplots(ROWS, 6, figsize=(18, 3 * ROWS))
for i, ax in enumerate(axes.flat):
    name, (fn, label) = list(fns.items())[i % len(fns)]
    ax.plot(x, fn(x))
    ax.set_title(f"{name} #{i}")
    ax.text(0.05, 0.9, label, transform=ax.transAxes)
    ax.grid(True)
fig.tight_layout()
fig.savefig("naive.png", dpi=100)
'''


#: the catalogue before issue 13 added 15 functions: the poster issue 11 measured at 0.55 (no regression)
CATALOGUE_46 = ("identity bent_identity soft_exponential binary_step sigmoid tanh hardsigmoid hardtanh softsign "
                "arctan isru logsigmoid lecun_tanh smht relu leaky_relu prelu rrelu relu6 threshold srelu "
                "squared_relu elu selu celu isrlu softplus squareplus gelu quick_gelu silu mish hardswish elish "
                "lisht tanhexp softshrink hardshrink tanhshrink gaussian sinusoid sinc gcu softmax log_softmax "
                "softmin").split()


def naive_grid(rows: int) -> str:
    """The naive script with ``rows`` rows of 6 panels."""
    return NAIVE_GRID.replace("ROWS", str(rows))


def cases(tmp: str) -> list[Case]:
    import actviz

    n = len(actviz.names())
    rows = -(-n // 6)
    naive = write_script(tmp, "naive.py", naive_grid(6))
    as_many = write_script(tmp, "naive_all.py", naive_grid(rows))
    return [
        Case(
            f"actviz cheatsheet (the whole catalogue, {n} panels) vs a naive {rows}x6 pyplot grid ({rows * 6} panels)",
            actviz_cmd("cheatsheet", "-o", "cs.png"),
            as_many,
            goal_ratio=0.35,
            goal_peak_mib=250,
            runs=9,
        ),
        Case(
            "actviz cheatsheet of the 46 functions issue 11 measured (0.55 then) vs the naive grid",
            actviz_cmd("cheatsheet", *CATALOGUE_46, "-o", "cs46.png"),
            naive,
            goal_ratio=0.55,
            goal_peak_mib=250,
            runs=9,
        ),
    ]


if __name__ == "__main__":
    main(cases)
