"""The same answers on every CPU: actviz run under other OpenBLAS kernels and numpy SIMD paths.

OpenBLAS picks its kernel by CPU (``OPENBLAS_CORETYPE`` forces one) and numpy its SIMD loops
(``NPY_DISABLE_CPU_FEATURES`` turns them off), so one machine can stand in for others. Each setting
runs tests/cpu_outputs.py in a subprocess; every text output (rich tables, markdown, latex, cards,
lesson reports, terminal plots) must be byte for byte the one of the plain run, json and csv numbers
equal to 1e−12 relative, and the shipped cache must hit for every activation. A setting this CPU
cannot run is skipped with its reason (pytest's -ra lists it).
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).with_name("cpu_outputs.py")
NUMBER = re.compile(r"-?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|Infinity|NaN)")


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    line = next((ln for ln in text.splitlines() if ln.startswith("flags")), "")
    return set(line.split(":", 1)[-1].split())


def _numpy_dispatch() -> list[str]:
    """The SIMD targets numpy dispatches to at run time (numpy ≥ 2 and 1.x spell the module differently)."""
    try:
        from numpy._core import _multiarray_umath as umath
    except ImportError:  # pragma: no cover - numpy 1.x
        from numpy.core import _multiarray_umath as umath  # type: ignore[no-redef]
    return list(getattr(umath, "__cpu_dispatch__", []))


def _settings() -> list[tuple[str, dict[str, str], str | None]]:
    """(id, environment, reason to skip or None)."""
    flags = _cpu_flags()
    out = []
    for core, needs in (("Haswell", "avx2"), ("SkylakeX", "avx512f"), ("Sandybridge", "avx"), ("Nehalem", "sse4_2")):
        reason = None if needs in flags else f"this CPU has no {needs}, which OpenBLAS's {core} kernel needs"
        out.append((f"OPENBLAS_CORETYPE={core}", {"OPENBLAS_CORETYPE": core}, reason))
    dispatch = _numpy_dispatch()
    no512 = [d for d in dispatch if "512" in d or d in ("X86_V4",)]
    for name, off in (("no AVX-512", no512), ("baseline SIMD only", dispatch)):
        reason = None if off else f"numpy {np.__version__} dispatches to no such SIMD targets here"
        out.append((f"numpy {name}", {"NPY_DISABLE_CPU_FEATURES": " ".join(off)}, reason))
    return out


def _run(env: dict[str, str]) -> dict[str, str]:
    full = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES")}
    full.update(env)
    done = subprocess.run([sys.executable, str(SCRIPT)], env=full, capture_output=True, timeout=600, check=False)
    assert done.returncode == 0, f"{env}: {done.stderr.decode(errors='replace')[-2000:]}"
    return json.loads(done.stdout)


@lru_cache(maxsize=1)
def _reference() -> dict[str, str]:
    return _run({})


def _numbers_agree(name: str, a: str, b: str) -> list[str]:
    if NUMBER.sub("#", a) != NUMBER.sub("#", b):
        return [f"{name}: the text differs, not only numbers"]
    bad = []
    for u, v in zip(NUMBER.findall(a), NUMBER.findall(b)):
        if u == v:
            continue
        x, y = float(u.replace("Infinity", "inf")), float(v.replace("Infinity", "inf"))
        if not (math.isfinite(x) and math.isfinite(y)) or abs(x - y) > 1e-12 * max(abs(x), abs(y)) + 1e-300:
            bad.append(f"{name}: {u} against {v}")
    return bad


@pytest.mark.parametrize("setting", _settings(), ids=lambda s: s[0])
def test_outputs_are_the_same_under_another_cpu_setting(setting):
    label, env, skip = setting
    if skip:
        pytest.skip(skip)
    ref, got = _reference(), _run(env)
    assert got.keys() == ref.keys()
    assert got["cache misses"] == "", f"{label}: the shipped cache misses {got['cache misses']}"
    problems = []
    for name in ref:
        if ref[name] == got[name]:
            continue
        if "json" in name or "csv" in name:
            problems += _numbers_agree(name, ref[name], got[name])
        else:
            problems.append(f"{name}: the text differs (it must be byte for byte the same)")
    assert not problems, f"{label}:\n" + "\n".join(problems[:20])


def test_the_corpus_runs_every_command_it_names():
    """A command of the corpus that failed would compare its error message with itself."""
    bad = {name: out.splitlines()[0] for name, out in _reference().items() if out.startswith("exit ") and not out.startswith("exit 0")}
    assert not bad
    assert _reference()["cache misses"] == ""
