"""Benchmark: `actviz gallery -o gal` (every activation, PNG at 150 dpi, index.html and index.md)
against PyTorch's documentation script for its activation images (22 PNGs).

The baseline follows docs/source/scripts/build_activation_images.py of the PyTorch repository step
by step: import torch and pyplot, one module instance per activation (22, LeakyReLU with slope
0.1), each drawn with ``torch.arange(-7, 7, 0.01)`` on one pyplot figure (``clf``, dashed grid,
the module's repr as title, axis labels, limits ±7, ``savefig`` at the default 100 dpi). One
change: the original skips images that already exist, so this copy writes into a fresh folder on
every run (otherwise every run after the first would draw nothing).

It needs torch: the interpreter in $ACTVIZ_TORCH_PYTHON, or this one if it has torch (e.g.
``python -m venv /tmp/torch && /tmp/torch/bin/pip install torch matplotlib``). Without torch the
baseline is the same script with numpy in place of the torch modules, which is faster than the
real one (no torch import): compare the per-image times then, and say so.

Goal (issue 29; 0.75 in issue 18, before the phone figures and explore.html): the whole gallery (a house
and a phone figure per activation, index.html, index.md, explore.html) in at most 0.6x the time of the
PyTorch script, with both cores busy only with it. Peak memory:
the harness reports the largest single process; ``--tree`` also samples the whole process tree
(the CLI and its forked workers) and reports its peak PSS. The gallery needs both cores, so on a
machine other jobs share the ratio depends on their load: ``--quiet SECONDS`` alternates the two
for up to SECONDS and keeps only the pairs during which other processes used under 5 % of the CPU
(from /proc/stat, minus the children's own CPU time).

    python benchmarks/bench_gallery.py [--runs N] [--tree] [--quiet SECONDS]
    (or benchmarks/run.py for every benchmark)
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main, write_script  # noqa: E402

PYTORCH_DOCS_SCRIPT = r'''
"""PyTorch's docs/source/scripts/build_activation_images.py, step by step (fresh output folder)."""
import shutil
from pathlib import Path

import matplotlib
import torch
from matplotlib import pyplot as plt

matplotlib.use("Agg")

ACTIVATION_IMAGE_PATH = Path.cwd() / "activation_images"
shutil.rmtree(ACTIVATION_IMAGE_PATH, ignore_errors=True)  # the one change: always draw every image
if not ACTIVATION_IMAGE_PATH.exists():
    ACTIVATION_IMAGE_PATH.mkdir()

functions = [
    torch.nn.ELU(), torch.nn.Hardshrink(), torch.nn.Hardtanh(), torch.nn.Hardsigmoid(), torch.nn.Hardswish(),
    torch.nn.LeakyReLU(negative_slope=0.1), torch.nn.LogSigmoid(), torch.nn.PReLU(), torch.nn.ReLU(),
    torch.nn.ReLU6(), torch.nn.RReLU(), torch.nn.SELU(), torch.nn.SiLU(), torch.nn.Mish(), torch.nn.CELU(),
    torch.nn.GELU(), torch.nn.Sigmoid(), torch.nn.Softplus(), torch.nn.Softshrink(), torch.nn.Softsign(),
    torch.nn.Tanh(), torch.nn.Tanhshrink(),
]


def plot_function(function, **args):
    xrange = torch.arange(-7.0, 7.0, 0.01)  # beyond 6 for ReLU6
    plt.plot(xrange.numpy(), function(xrange).detach().numpy(), **args)


for function in functions:
    function_name = function._get_name()
    plot_path = ACTIVATION_IMAGE_PATH / f"{function_name}.png"
    if not plot_path.exists():
        plt.clf()
        plt.grid(color="k", alpha=0.2, linestyle="--")
        plot_function(function)
        plt.title(function)
        plt.xlabel("Input")
        plt.ylabel("Output")
        plt.xlim([-7, 7])
        plt.ylim([-7, 7])
        plt.savefig(plot_path)
        print(f"Saved activation image for {function_name} at {plot_path}")
'''

#: the same script where torch is missing: numpy stand-ins with the modules' names and reprs
NUMPY_STAND_INS = r'''
import numpy as np


class _Module:
    def __init__(self, name, fn, **kw):
        self.name, self.fn, self.kw = name, fn, kw

    def _get_name(self):
        return self.name

    def __repr__(self):
        return f"{self.name}({', '.join(f'{k}={v}' for k, v in self.kw.items())})"

    def __call__(self, x):
        return _Array(self.fn(np.asarray(x)))


class _Array(np.ndarray):
    def __new__(cls, a):
        return np.asarray(a).view(cls)

    def numpy(self):
        return np.asarray(self)

    def detach(self):
        return self


def _sig(x):
    return 0.5 * (1 + np.tanh(x / 2))


def _softplus(x):
    return np.logaddexp(0, x)


class torch:
    @staticmethod
    def arange(a, b, s):
        return _Array(np.arange(a, b, s))

    class nn:
        pass


from math import erf as _erf
_verf = np.vectorize(_erf)
for _name, _fn, _kw in [
    ("ELU", lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))), {"alpha": 1.0}),
    ("Hardshrink", lambda x: np.where(np.abs(x) > 0.5, x, 0.0), {"lambd": 0.5}),
    ("Hardtanh", lambda x: np.clip(x, -1, 1), {"min_val": -1.0, "max_val": 1.0}),
    ("Hardsigmoid", lambda x: np.clip(x / 6 + 0.5, 0, 1), {}),
    ("Hardswish", lambda x: x * np.clip(x + 3, 0, 6) / 6, {}),
    ("LeakyReLU", lambda x: np.where(x > 0, x, 0.1 * x), {"negative_slope": 0.1}),
    ("LogSigmoid", lambda x: -_softplus(-x), {}),
    ("PReLU", lambda x: np.where(x > 0, x, 0.25 * x), {"num_parameters": 1}),
    ("ReLU", lambda x: np.maximum(x, 0), {}),
    ("ReLU6", lambda x: np.clip(x, 0, 6), {}),
    ("RReLU", lambda x: np.where(x > 0, x, (1 / 8 + 1 / 3) / 2 * x), {"lower": 0.125, "upper": 0.3333}),
    ("SELU", lambda x: 1.0507 * np.where(x > 0, x, 1.67326 * np.expm1(np.minimum(x, 0))), {}),
    ("SiLU", lambda x: x * _sig(x), {}),
    ("Mish", lambda x: x * np.tanh(_softplus(x)), {}),
    ("CELU", lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))), {"alpha": 1.0}),
    ("GELU", lambda x: 0.5 * x * (1 + _verf(x / np.sqrt(2))), {"approximate": "none"}),
    ("Sigmoid", _sig, {}),
    ("Softplus", _softplus, {"beta": 1.0, "threshold": 20.0}),
    ("Softshrink", lambda x: np.sign(x) * np.maximum(np.abs(x) - 0.5, 0), {"lambd": 0.5}),
    ("Softsign", lambda x: x / (1 + np.abs(x)), {}),
    ("Tanh", np.tanh, {}),
    ("Tanhshrink", lambda x: x - np.tanh(x), {}),
]:
    setattr(torch.nn, _name, (lambda n, f, k: (lambda **_: _Module(n, f, **k)))(_name, _fn, _kw))
'''


def torch_python() -> str | None:
    """An interpreter that has torch: $ACTVIZ_TORCH_PYTHON, or this one."""
    explicit = os.environ.get("ACTVIZ_TORCH_PYTHON")
    if explicit:
        return explicit
    return sys.executable if importlib.util.find_spec("torch") is not None else None


def baseline(tmp: str) -> tuple[list[str], str]:
    """The baseline command and its description."""
    python = torch_python()
    if python is not None:
        cmd = write_script(tmp, "build_activation_images.py", PYTORCH_DOCS_SCRIPT)
        return [python, cmd[1]], "PyTorch's docs script (22 images)"
    script = PYTORCH_DOCS_SCRIPT.replace("import torch\n", NUMPY_STAND_INS)
    return write_script(tmp, "build_activation_images_numpy.py", script), \
        "PyTorch's docs script with numpy stand-ins, no torch here (22 images): compare per image"


def cases(tmp: str) -> list[Case]:
    cmd, what = baseline(tmp)
    n = len(_names())
    return [
        Case(
            f"actviz gallery ({n} house and {n} phone figures, index.html, explore.html) vs {what}",
            actviz_cmd("gallery", "-o", "gal"),
            cmd,
            goal_ratio=0.6,
            runs=7,
            images=(2 * n, 22),
        )
    ]


def _names() -> list[str]:
    import actviz

    return actviz.names()


def tree_peak(cmd: list[str], cwd: str, interval: float = 0.01) -> tuple[float, float]:
    """Wall seconds and the peak summed PSS (MiB) of ``cmd`` and all its descendants, sampled."""

    def tree(pid: int) -> list[int]:
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            try:
                with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as fh:
                    todo += [int(c) for c in fh.read().split()]
            except OSError:
                pass
        return out

    def pss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
                return next(int(line.split()[1]) for line in fh if line.startswith("Pss:"))
        except (OSError, StopIteration):
            return 0

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(pss(p) for p in tree(proc.pid)))
        time.sleep(interval)
    return time.perf_counter() - start, peak / 1024


def _jiffies() -> tuple[int, int]:
    """CPU time of the whole machine: (busy, total), in clock ticks."""
    with open("/proc/stat", encoding="ascii") as fh:
        v = [int(x) for x in fh.readline().split()[1:]]
    return sum(v[:3]) + sum(v[5:8]), sum(v)


def _timed(cmd: list[str], cwd: str) -> tuple[float, float]:
    """Wall seconds of ``cmd`` and the share of the machine's CPU that other processes used meanwhile."""
    busy0, total0 = _jiffies()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    busy1, total1 = _jiffies()
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed")
    ours = (usage.ru_utime + usage.ru_stime) * os.sysconf("SC_CLK_TCK")
    return wall, max(0.0, busy1 - busy0 - ours) / max(1, total1 - total0)


def quiet_pairs(seconds: float, wanted: int = 9) -> None:
    """Alternate the two commands; report the medians of the pairs run on an otherwise idle machine."""
    import statistics
    import tempfile

    from harness import installed_like

    installed_like()
    with tempfile.TemporaryDirectory() as scratch:
        base, what = baseline(scratch)
        gallery = actviz_cmd("gallery", "-o", "gal")
        _timed(gallery, scratch), _timed(base, scratch)  # warm-up
        kept: list[tuple[float, float]] = []
        deadline = time.time() + seconds
        while time.time() < deadline and len(kept) < wanted:
            (ta, oa), (tb, ob) = _timed(gallery, scratch), _timed(base, scratch)
            quiet = oa < 0.05 and ob < 0.05
            print(f"actviz gallery {ta:.2f} s (others {oa:.0%}), {what}: {tb:.2f} s (others {ob:.0%})"
                  + (" kept" if quiet else ""), flush=True)
            if quiet:
                kept.append((ta, tb))
            else:
                time.sleep(5)
    if kept:
        a, b = statistics.median(k[0] for k in kept), statistics.median(k[1] for k in kept)
        n = len(_names())
        print(f"{len(kept)} quiet pairs: {a * 1000:.0f} ms vs {b * 1000:.0f} ms ({a * 1000 / n:.0f} ms vs "
              f"{b * 1000 / 22:.0f} ms per image), ratio {a / b:.2f} (goal ≤ 0.75)")
    else:
        print("no quiet pair: the machine was busy the whole time")


if __name__ == "__main__":
    if "--quiet" in sys.argv:
        quiet_pairs(float(sys.argv[sys.argv.index("--quiet") + 1]))
        sys.exit(0)
    if "--tree" in sys.argv:
        sys.argv.remove("--tree")
        import tempfile

        from harness import installed_like

        installed_like()
        with tempfile.TemporaryDirectory() as scratch:
            base, what = baseline(scratch)
            for label, command in (("actviz gallery", actviz_cmd("gallery", "-o", "gal")), (what, base)):
                seconds, mib = tree_peak(command, scratch)
                print(f"{label}: {seconds:.2f} s, peak PSS of the process tree {mib:.0f} MiB")
            shutil.rmtree(os.path.join(scratch, "gal"), ignore_errors=True)
    main(cases)
