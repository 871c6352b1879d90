"""Benchmark: `actviz plot leaky_relu --alpha 0.1 -o x.png` against a blog-post pyplot script.

Both run as fresh processes, alternating A B A B (see harness.py); the goal is a median wall-time
ratio ≤ 1.0: the CLI, with its richer figure (formula, derivative, asymptotes, shading), costs no
more than the 15 lines a user would write by hand.

    python benchmarks/bench_plot.py [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import actviz_cmd, compare, report  # noqa: E402

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


def installed_like() -> None:
    """Run the children as an installed package runs: with bytecode caches.

    An editable checkout under PYTHONDONTWRITEBYTECODE=1 recompiles every actviz module on each
    run (~15 ms); a user's install has them compiled. The baseline is a single script either way.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.setdefault("MPLBACKEND", "Agg")
    package = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "actviz")
    compileall.compile_dir(package, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "blog.py")
        with open(script, "w") as fh:
            fh.write(BLOG_SCRIPT)
        env_cwd = tmp
        installed_like()
        result = compare(
            "actviz plot leaky_relu --alpha 0.1",
            actviz_cmd("plot", "leaky_relu", "--alpha", "0.1", "-o", "x.png"),
            [sys.executable, script],
            runs=args.runs,
            cwd=env_cwd,
        )
    print(report(result, goal_ratio=1.0))


if __name__ == "__main__":
    main()
