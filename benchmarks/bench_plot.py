"""Benchmark: `actviz plot leaky_relu --alpha 0.1 -o x.png` against a blog-post pyplot script.

Both run as fresh processes, alternating A B A B (see harness.py); the goal is a median wall-time
ratio ≤ 1.0: the CLI, with its richer figure (formula, derivative, asymptotes, shading), costs no
more than the 15 lines a user would write by hand.

    python benchmarks/bench_plot.py [--runs N]
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main, write_script  # noqa: E402

BLOG_SCRIPT = '''
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

def leaky_relu(x, alpha=0.1):
    return np.where(x > 0, x, alpha * x)

x = np.linspace(-5, 5, 1000)
plt.figure(figsize=(7, 5))
plt.plot(x, leaky_relu(x), label="Leaky ReLU (alpha=0.1)")
plt.grid(True)
plt.title("Leaky ReLU")
plt.legend()
plt.savefig("blog.png", dpi=150)
'''


def cases(tmp: str) -> list[Case]:
    return [
        Case(
            "actviz plot leaky_relu --alpha 0.1 vs a pyplot script",
            actviz_cmd("plot", "leaky_relu", "--alpha", "0.1", "-o", "x.png"),
            write_script(tmp, "blog.py", BLOG_SCRIPT),
            goal_ratio=1.0,
            runs=15,
        )
    ]


if __name__ == "__main__":
    main(cases)
