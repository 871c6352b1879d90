"""Side-by-side timing of two commands: alternating A B A B, median wall time, peak memory.

Each run is a fresh process (what a user waits for); peak memory is the child's own maximum
resident set size, read with os.wait4, so runs do not contaminate each other.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass
class Result:
    name: str
    median_a: float  # seconds, the command being measured
    median_b: float  # seconds, the baseline
    peak_a_mib: float
    peak_b_mib: float
    runs: int

    @property
    def ratio(self) -> float:
        return self.median_a / self.median_b


def run_once(cmd: list[str], cwd: str | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run of ``cmd``; raises if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.strip()}")
    return elapsed, usage.ru_maxrss / 1024.0  # ru_maxrss is in KiB on Linux


def compare(name: str, a: list[str], b: list[str], runs: int = 7, warmup: int = 1, cwd: str | None = None) -> Result:
    """Time ``a`` against ``b``, alternating, after ``warmup`` untimed rounds of each."""
    for _ in range(warmup):
        run_once(a, cwd)
        run_once(b, cwd)
    ta, tb, ma, mb = [], [], [], []
    for _ in range(runs):
        t, m = run_once(a, cwd)
        ta.append(t)
        ma.append(m)
        t, m = run_once(b, cwd)
        tb.append(t)
        mb.append(m)
    return Result(name, statistics.median(ta), statistics.median(tb), max(ma), max(mb), runs)


def actviz_cmd(*args: str) -> list[str]:
    """The installed ``actviz`` console script, run with the current interpreter's environment."""
    exe = os.path.join(os.path.dirname(sys.executable), "actviz")
    return [exe, *args] if os.path.exists(exe) else [sys.executable, "-m", "actviz", *args]


def report(result: Result, goal_ratio: float, goal_peak_mib: float | None = None) -> str:
    ok = result.ratio <= goal_ratio and (goal_peak_mib is None or result.peak_a_mib <= goal_peak_mib)
    peak = f", peak {result.peak_a_mib:.0f} MiB" + (f" (goal ≤ {goal_peak_mib:.0f})" if goal_peak_mib else "")
    return (
        f"{result.name}: {result.median_a * 1000:.0f} ms vs {result.median_b * 1000:.0f} ms baseline, "
        f"ratio {result.ratio:.2f} (goal ≤ {goal_ratio}){peak} over {result.runs} alternating runs "
        f"-> {'OK' if ok else 'MISSED'}"
    )
