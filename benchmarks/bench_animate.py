"""Benchmark: `actviz animate elu --param alpha=0.1:2:40` (a 640 × 400 GIF of 40 frames) against the
matplotlib script a user would write: FuncAnimation redrawing the figure for every frame and PillowWriter
quantising each frame on its own.

Both run as fresh processes, alternating A B A B (see harness.py); the goal is a median wall-time ratio
≤ 0.5 (issue 28). actviz draws the static parts once and blits the moving ones, and shares one palette
across the frames. The script also prints both files' sizes (goal: actviz's GIF ≤ 60 KiB).

    python benchmarks/bench_animate.py [--runs N]
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main, write_script  # noqa: E402

FUNCANIMATION_SCRIPT = '''
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.animation import FuncAnimation, PillowWriter

def elu(x, alpha):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))

def elu_prime(x, alpha):
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0)))

x = np.linspace(-5, 5, 600)
alphas = np.linspace(0.1, 2, 40)
fig, ax = plt.subplots(figsize=(6.4, 4), dpi=100)
f, = ax.plot([], [], lw=2, label="f(x)")
df, = ax.plot([], [], "--", label="f'(x)")
ax.set_xlim(-5, 5)
ax.set_ylim(-2.5, 5.5)
ax.grid(True)
ax.legend(loc="upper left")

def update(i):
    a = alphas[i]
    f.set_data(x, elu(x, a))
    df.set_data(x, elu_prime(x, a))
    ax.set_title(f"ELU (alpha = {a:.3f})")
    return f, df

FuncAnimation(fig, update, frames=len(alphas)).save("mpl.gif", writer=PillowWriter(fps=12))
'''


def cases(tmp: str) -> list[Case]:
    return [
        Case(
            "actviz animate elu --param alpha=0.1:2:40 (640 × 400 GIF) vs FuncAnimation + PillowWriter",
            actviz_cmd("animate", "elu", "--param", "alpha=0.1:2:40", "--size", "6.4x4", "--dpi", "100",
                       "-o", "actviz.gif"),
            write_script(tmp, "funcanimation.py", FUNCANIMATION_SCRIPT),
            goal_ratio=0.5,
            runs=7,
        )
    ]


def sizes() -> str:
    """Run each once and return both GIFs' sizes: ``actviz 56.8 KiB vs FuncAnimation + PillowWriter 235 KiB``."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        case = cases(tmp)[0]
        for cmd in (case.a, case.b):
            subprocess.run(cmd, cwd=tmp, check=True, capture_output=True)
        a, b = (os.path.getsize(os.path.join(tmp, name)) / 1024 for name in ("actviz.gif", "mpl.gif"))
    return f"GIF size: actviz {a:.1f} KiB vs FuncAnimation + PillowWriter {b:.1f} KiB (goal: actviz ≤ 60 KiB)"


if __name__ == "__main__":
    main(cases)
    print(sizes())
