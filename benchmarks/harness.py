"""Side-by-side timing of two commands: alternating A B A B, median wall time, peak memory.

Each run is a fresh process (what a user waits for); peak memory is the child's own maximum
resident set size, read with os.wait4, so runs do not contaminate each other.

A benchmark module defines ``cases(tmp) -> list[Case]`` (writing any baseline script into the
scratch folder ``tmp``) and ends with ``if __name__ == "__main__": main(cases)``;
``benchmarks/run.py`` runs the cases of every module and prints one table.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class Case:
    name: str
    a: list[str]  # the command being measured
    b: list[str]  # the baseline
    goal_ratio: float
    goal_peak_mib: float | None = None
    runs: int = 9
    warmup: int = 1
    images: tuple[int, int] | None = None  # images made by a and by b: per-image times are reported


@dataclass
class Result:
    case: Case
    median_a: float  # seconds
    median_b: float
    peak_a_mib: float
    peak_b_mib: float
    runs: int

    @property
    def name(self) -> str:
        return self.case.name

    @property
    def ratio(self) -> float:
        return self.median_a / self.median_b

    @property
    def ok(self) -> bool:
        goal_peak = self.case.goal_peak_mib
        return self.ratio <= self.case.goal_ratio and (goal_peak is None or self.peak_a_mib <= goal_peak)


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


def measure(case: Case, cwd: str, runs: int | None = None) -> Result:
    """Time ``case.a`` against ``case.b``, alternating, after untimed warm-up rounds of each."""
    runs = runs or case.runs
    for _ in range(case.warmup):
        run_once(case.a, cwd)
        run_once(case.b, cwd)
    ta, tb, ma, mb = [], [], [], []
    for _ in range(runs):
        for cmd, times, peaks in ((case.a, ta, ma), (case.b, tb, mb)):
            t, m = run_once(cmd, cwd)
            times.append(t)
            peaks.append(m)
    return Result(case, statistics.median(ta), statistics.median(tb), max(ma), max(mb), runs)


def actviz_cmd(*args: str) -> list[str]:
    """The installed ``actviz`` console script, run with the current interpreter's environment."""
    exe = os.path.join(os.path.dirname(sys.executable), "actviz")
    return [exe, *args] if os.path.exists(exe) else [sys.executable, "-m", "actviz", *args]


def write_script(tmp: str, name: str, text: str) -> list[str]:
    """Write a baseline script into ``tmp`` and return the command that runs it."""
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return [sys.executable, path]


def installed_like() -> None:
    """Run the children as an installed package runs: with bytecode caches.

    This sandbox sets PYTHONDONTWRITEBYTECODE=1, under which an editable checkout recompiles every
    actviz module on each run (~15 ms); a user's install has them compiled.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.setdefault("MPLBACKEND", "Agg")
    compileall.compile_dir(os.path.join(ROOT, "actviz"), quiet=1)


def machine() -> str:
    """One line naming the machine and the versions the numbers came from."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import matplotlib
    import numpy
    import typer

    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, numpy {numpy.__version__}, "
        f"matplotlib {matplotlib.__version__}, typer {typer.__version__}"
    )


def per_image(result: Result) -> str:
    """``63 ms vs 177 ms per image`` when the case says how many images each command makes."""
    if result.case.images is None:
        return ""
    na, nb = result.case.images
    return f"{result.median_a * 1000 / na:.0f} ms vs {result.median_b * 1000 / nb:.0f} ms per image"


def line(result: Result) -> str:
    case = result.case
    peak = f"peak {result.peak_a_mib:.0f} MiB" + (f" (goal ≤ {case.goal_peak_mib:.0f})" if case.goal_peak_mib else "")
    images = f" ({per_image(result)})" if case.images else ""
    return (
        f"{case.name}: {result.median_a * 1000:.0f} ms vs {result.median_b * 1000:.0f} ms baseline{images}, "
        f"ratio {result.ratio:.2f} (goal ≤ {case.goal_ratio}), {peak}, {result.runs} alternating runs "
        f"-> {'OK' if result.ok else 'MISSED'}"
    )


def table(results: list[Result]) -> str:
    """A markdown table, ready for README's Performance section."""
    rows = [
        "| benchmark | actviz | baseline | ratio | goal | peak memory | |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        goal = f"≤ {r.case.goal_ratio}" + (f", ≤ {r.case.goal_peak_mib:.0f} MiB" if r.case.goal_peak_mib else "")
        rows.append(
            f"| {r.name} | {r.median_a * 1000:.0f} ms | {r.median_b * 1000:.0f} ms | {r.ratio:.2f} | {goal} "
            f"| {r.peak_a_mib:.0f} MiB | {'met' if r.ok else 'missed'} |"
        )
    return "\n".join(rows)


def run_all(factories: list[Callable[[str], list[Case]]], runs: int | None = None) -> list[Result]:
    installed_like()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for factory in factories:
            for case in factory(tmp):
                result = measure(case, tmp, runs)
                print(line(result), flush=True)
                results.append(result)
    return results


def main(*factories: Callable[[str], list[Case]]) -> list[Result]:
    parser = argparse.ArgumentParser(description="Run side-by-side benchmarks (alternating A B A B).")
    parser.add_argument("--runs", type=int, default=None, help="alternating runs of each command")
    args = parser.parse_args()
    print(machine(), flush=True)
    results = run_all(list(factories), args.runs)
    print()
    print(table(results))
    return results

