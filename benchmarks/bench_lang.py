"""Benchmark: Chinese against English, the same figure or table (`--lang zh` vs `--lang en`).

What Chinese adds: registering the bundled font with matplotlib (two ~130 KiB TrueType files, once
per process), the font fallback for each text, and the message catalogue (loaded by every command,
in English too). Goal: a Chinese figure within 15 % of the English one, a Chinese table within 10 %.

    python benchmarks/bench_lang.py [--runs N]
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main  # noqa: E402


def cases(tmp: str) -> list[Case]:
    return [
        Case("actviz plot relu --lang zh vs --lang en",
             actviz_cmd("plot", "relu", "--lang", "zh", "-o", "zh.png"),
             actviz_cmd("plot", "relu", "--lang", "en", "-o", "en.png"), goal_ratio=1.15, runs=15),
        Case("actviz cheatsheet --lang zh vs --lang en",
             actviz_cmd("cheatsheet", "--lang", "zh", "-o", "zh_sheet.png"),
             actviz_cmd("cheatsheet", "--lang", "en", "-o", "en_sheet.png"), goal_ratio=1.15, runs=9),
        Case("actviz table --lang zh vs --lang en",
             actviz_cmd("table", "--lang", "zh"), actviz_cmd("table", "--lang", "en"), goal_ratio=1.10, runs=15),
    ]


if __name__ == "__main__":
    main(cases)
