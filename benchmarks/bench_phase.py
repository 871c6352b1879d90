"""Benchmark: the phase diagram of tanh (q*, χ₁ on a 100 × 100 (σ_w², σ_b²) grid) against a numpy script.

The baseline is the script a reader of Poole et al. (2016) would write: Gauss–Hermite with 100 nodes
(``numpy.polynomial.hermite_e.hermegauss``), the length map iterated 100 times on the whole grid at once
(vectorised; the usual recipe, though near the edge of chaos, where q creeps to 0 like 1/depth, 100 steps
are far from the fixed point: iterating until every cell settles to 1e-10 takes the full 1000-step cap and
~7 s), χ₁ from the same nodes, then ``pcolormesh`` of χ₁ with the contour χ₁ = 1, saved as a PNG at 150 dpi.

actviz's side is ``actviz.propagation.phase_grid`` (the accurate kink-aware tables, every cell solved
from them, also c*, ξ_q and ξ_c) and the same plotting. The cases:

1. the numbers only: ``phase_grid`` vs the baseline's numeric part (goal ≤ 1.0);
2. the numbers and the same figure vs the whole baseline script (goal ≤ 1.0);
3. the command itself, ``actviz phase tanh -o phase.png`` (also the edge of chaos at four σ_b², PyTorch's
   gain marked, the ξ_c contours and the house figure), vs the whole baseline script (issue 25's goal ≤ 1.0);
4. ``actviz gain gelu`` against ``actviz table gelu`` (goal ≤ 1.0).

Fresh processes, alternating A B A B (see harness.py).

    python benchmarks/bench_phase.py [--runs N]      (or benchmarks/run.py for every benchmark)
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main, write_script  # noqa: E402

GRID = '''
import numpy as np
sw = np.linspace(0.05, 4.0, 100)
sb = np.linspace(0.0, 1.0, 100)
'''

BASELINE_NUMBERS = GRID + '''
from numpy.polynomial.hermite_e import hermegauss

z, w = hermegauss(100)
w = w / np.sqrt(2 * np.pi)
W, B = np.meshgrid(sw, sb, indexing="ij")
q = np.ones_like(W)
for _ in range(100):
    q = W * (np.tanh(np.sqrt(q)[..., None] * z) ** 2 @ w) + B
chi1 = W * ((1.0 / np.cosh(np.sqrt(q)[..., None] * z) ** 4) @ w)
'''

ACTVIZ_NUMBERS = GRID + '''
import actviz
from actviz.propagation import phase_grid

grid = phase_grid(actviz.get("tanh").bind(), sw, sb)
q, chi1 = grid.q_star, grid.chi1
'''

FIGURE = '''
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 4.5))
mesh = ax.pcolormesh(sw, sb, chi1.T, shading="auto", cmap="viridis")
ax.contour(sw, sb, chi1.T, levels=[1.0], colors="white")
fig.colorbar(mesh, ax=ax, label="chi_1")
ax.set_xlabel("sigma_w^2")
ax.set_ylabel("sigma_b^2")
ax.set_title("tanh: order to chaos")
fig.savefig("phase.png", dpi=150)
'''


def cases(tmp: str) -> list[Case]:
    return [
        Case("phase_grid tanh 100x100 (numbers) vs numpy Gauss-Hermite fixed-point iteration",
             write_script(tmp, "phase_actviz_numbers.py", ACTVIZ_NUMBERS),
             write_script(tmp, "phase_baseline_numbers.py", BASELINE_NUMBERS), goal_ratio=1.0),
        Case("phase_grid tanh 100x100 + figure vs the whole numpy + pyplot script",
             write_script(tmp, "phase_actviz_figure.py", ACTVIZ_NUMBERS + FIGURE),
             write_script(tmp, "phase_baseline_figure.py", BASELINE_NUMBERS + FIGURE), goal_ratio=1.0),
        Case("actviz phase tanh -o phase.png (the command: grid, edge, marks, house figure) vs the whole script",
             actviz_cmd("phase", "tanh", "-o", os.path.join(tmp, "phase_cmd.png")),
             write_script(tmp, "phase_baseline_whole.py", BASELINE_NUMBERS + FIGURE), goal_ratio=1.0),
        Case("actviz gain gelu vs actviz table gelu (issue 25: gain of one activation as fast as table of it)",
             actviz_cmd("gain", "gelu"), actviz_cmd("table", "gelu"), goal_ratio=1.0),
    ]


if __name__ == "__main__":
    main(cases)
