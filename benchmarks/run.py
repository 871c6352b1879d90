"""Run every side-by-side benchmark and print one table of ratios and peak memory next to each goal.

    python benchmarks/run.py [--runs N]

Each benchmark alternates the actviz command and its baseline (A B A B) in fresh processes; see
harness.py. The markdown table at the end is what README's Performance section shows.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_animate  # noqa: E402
import bench_cheatsheet  # noqa: E402
import bench_expression  # noqa: E402
import bench_gallery  # noqa: E402
import bench_lang  # noqa: E402
import bench_phase  # noqa: E402
import bench_plot  # noqa: E402
import bench_precision  # noqa: E402
import bench_table  # noqa: E402
import bench_terminal  # noqa: E402
import bench_train  # noqa: E402
from harness import main  # noqa: E402

if __name__ == "__main__":
    main(bench_plot.cases, bench_cheatsheet.cases, bench_gallery.cases, bench_table.cases, bench_expression.cases,
         bench_terminal.cases, bench_train.cases, bench_lang.cases,
         bench_phase.cases, bench_precision.cases, bench_animate.cases)
