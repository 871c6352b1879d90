"""The shipped cache of the catalogue's properties at the defaults, and when it may be used.

Deriving the properties of all 66 activations takes ~60 ms; ``actviz table`` reads them from
``_defaults_cache.json`` in ~3 ms instead. An entry is used only while the function it describes is
unchanged, which is checked two ways, both the same on every CPU:

* its **key**, a checksum of what is exact: :data:`actviz.analysis.ALGORITHM` (the version of the
  derivation), the activation's name, parameters and declared facts (limits of f and f′, kinks,
  continuity) — never float values computed by numpy's ufuncs, whose last digit depends on the
  SIMD path a CPU takes;
* its **fingerprint**, f and f′ at probe points spread over the analysis grid's scales and around
  the kinks, stored with the entry and compared to 10⁻¹² relative: rounding (a few ulps from
  another CPU's exp or tanh) passes, a changed definition does not.

Editing a comment, moving code or upgrading numpy keeps an entry; changing a definition makes just
that entry a miss (derived afresh, correct but slower), and a test says the file needs regenerating:

    python -m actviz.build

This module only stores and compares: :func:`actviz.analysis.analyse` decides when an entry is used,
and :mod:`actviz.build` writes the file (the arrows point one way: build → analysis → this). A second
cache, :mod:`actviz.page_cache`, holds what the offline page shows beyond the defaults, by these rules.
"""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .facts import Undecided
from .properties import End, Properties

if TYPE_CHECKING:
    from collections.abc import Callable

    from .spec import Bound

__all__ = ["CACHE_FILE", "key", "fingerprint", "matches", "entry", "load", "to_record", "from_record", "write"]

CACHE_FILE = Path(__file__).with_name("_defaults_cache.json")

_PROBES = np.concatenate([np.linspace(-6.0, 6.0, 13), [1e-3, 1e-2, 30.0, 1e2, 1e3, 1e5, 1e8, 1e12],
                          [-1e-3, -1e-2, -30.0, -1e2, -1e3, -1e5, -1e8, -1e12]])
_STORED = [f.name for f in fields(Properties) if f.name != "bound"]
FINGERPRINT_RTOL = 1e-12  #: fingerprints closer than this (relative) describe the same function


def key(bound: Bound, algorithm: int) -> str:
    """A checksum of the exact things the analysis of ``bound`` depends on (see the module's docstring)."""
    facts = (algorithm, bound.name, tuple(bound.params.items()), bound.limits(), bound.derivative_limits(),
             bound.kinks(), bound.continuity())
    blob = repr(facts).encode()
    # 64 bits from two different checksums: it detects a changed definition, which is all it is for
    # (not an adversary); hashlib would load OpenSSL, ~3 ms of every `actviz table`
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}"


def fingerprint(f: Callable[[np.ndarray], np.ndarray], df: Callable[[np.ndarray], np.ndarray],
                kinks: tuple[float, ...]) -> list[float]:
    """f and f′ at the probe points and beside the kinks."""
    around = [k + s * d * max(1.0, abs(k)) for k in kinks for s in (-1.0, 1.0) for d in (1e-6, 1e-3)]
    x = np.concatenate([_PROBES, np.asarray(kinks, dtype=float), np.asarray(around, dtype=float)])
    with np.errstate(all="ignore"):
        return np.concatenate([f(x), df(x)]).tolist()


def matches(a: list[float], b: list[float]) -> bool:
    """Two fingerprints describe the same function: equal lengths, the same infinities and NaNs, and
    finite values within :data:`FINGERPRINT_RTOL` of each other (or both below 10⁻³⁰⁰, underflow)."""
    if len(a) != len(b):
        return False
    for u, v in zip(a, b):
        if u == v or (math.isnan(u) and math.isnan(v)):
            continue
        if not (math.isfinite(u) and math.isfinite(v)):
            return False
        if abs(u - v) > FINGERPRINT_RTOL * max(abs(u), abs(v)) + 1e-300:
            return False
    return True


@lru_cache(maxsize=1)
def load() -> dict[str, tuple[str, dict[str, Any]]]:
    """name -> (key, record) from :data:`CACHE_FILE`; empty when it is missing or unreadable."""
    try:
        data = json.loads(CACHE_FILE.read_text(encoding="utf-8"))
        return {name: (rec["key"], rec) for name, rec in data["properties"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def entry(name: str) -> tuple[str, dict[str, Any]] | None:
    """(key, record) stored for the catalogue activation ``name``, or None."""
    return load().get(name)


def _limit_record(v: Any) -> Any:
    """A limit for JSON: a number, None (none exists), or ``{"undecided": estimate}``."""
    return {"undecided": v.estimate} if isinstance(v, Undecided) else v


def _limit_value(v: Any) -> Any:
    if isinstance(v, dict):
        estimate = v["undecided"]
        return Undecided(None if estimate is None else float(estimate))
    return None if v is None else float(v)


def to_record(p: Properties) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _STORED:
        v = getattr(p, name)
        if name in ("limits", "derivative_limits"):
            v = [_limit_record(x) for x in v]
        out[name] = [v.value, v.closed, v.at] if isinstance(v, End) else v
    return out


def from_record(rec: dict[str, Any], bound: Bound) -> Properties:
    """The Properties of ``bound`` stored in ``rec`` (JSON gives lists where tuples were)."""
    kw: dict[str, Any] = {"bound": bound}
    for name in _STORED:
        v = rec[name]
        if name in ("low", "high", "derivative_low", "derivative_high"):
            v = End(float(v[0]), bool(v[1]), None if v[2] is None else float(v[2]))
        elif name in ("limits", "derivative_limits"):
            v = tuple(_limit_value(x) for x in v)
        elif name == "kinks":
            v = tuple(float(x) for x in v)
        elif name in ("extrema", "jumps"):
            v = tuple((float(a), float(b)) for a, b in v)
        elif name in ("zero_gradient_intervals", "range_set", "derivative_set"):
            v = tuple((float(a), float(b), bool(c), bool(d)) for a, b, c, d in v)
        elif name == "moment_errors":
            v = tuple(float(x) for x in v)
        elif name == "turns":
            v = tuple((str(a), float(b), float(c), float(d)) for a, b, c, d in v)
        elif isinstance(v, int) and not isinstance(v, bool):
            v = float(v)
        kw[name] = v
    return Properties(**kw)


def write(records: dict[str, dict[str, Any]], path: Path = CACHE_FILE) -> Path:
    """Write ``records`` (name -> {"key", "fingerprint", and :func:`to_record`'s fields}) atomically."""
    compact = {"ensure_ascii": False, "allow_nan": True, "separators": (",", ":")}
    lines = ",\n".join(f"{json.dumps(name)}:{json.dumps(rec, **compact)}" for name, rec in records.items())
    text = '{"properties":{\n' + lines + "\n}}\n"  # an activation a line: a regenerated file diffs by activation
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    load.cache_clear()
    return path
