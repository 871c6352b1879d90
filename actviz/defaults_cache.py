"""The shipped cache of the catalogue's properties at the defaults, and when it may be used.

Deriving the properties of all 61 activations takes ~60 ms; ``actviz table`` reads them from
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

    python -m actviz.defaults_cache
"""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .properties import End, Properties
from .spec import Bound

__all__ = ["CACHE_FILE", "key", "fingerprint", "matches", "lookup", "load", "write"]

CACHE_FILE = Path(__file__).with_name("_defaults_cache.json")

_PROBES = np.concatenate([np.linspace(-6.0, 6.0, 13), [1e-3, 1e-2, 30.0, 1e2, 1e3, 1e5, 1e8, 1e12],
                          [-1e-3, -1e-2, -30.0, -1e2, -1e3, -1e5, -1e8, -1e12]])
_STORED = [f.name for f in fields(Properties) if f.name != "bound"]
FINGERPRINT_RTOL = 1e-12  #: fingerprints closer than this (relative) describe the same function


def key(bound: Bound) -> str:
    """A checksum of the exact things the analysis of ``bound`` depends on (see the module's docstring)."""
    from .analysis import ALGORITHM

    facts = (ALGORITHM, bound.name, tuple(bound.params.items()), bound.limits(), bound.derivative_limits(),
             bound.kinks(), bound.continuity())
    blob = repr(facts).encode()
    # 64 bits from two different checksums: it detects a changed definition, which is all it is for
    # (not an adversary); hashlib would load OpenSSL, ~3 ms of every `actviz table`
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}"


def fingerprint(bound: Bound) -> list[float]:
    """f and f′ of ``bound`` at the probe points and beside its kinks."""
    from .analysis import scalar_functions

    kinks = bound.kinks()
    around = [k + s * d * max(1.0, abs(k)) for k in kinks for s in (-1.0, 1.0) for d in (1e-6, 1e-3)]
    x = np.concatenate([_PROBES, np.asarray(kinks, dtype=float), np.asarray(around, dtype=float)])
    f, df = scalar_functions(bound)
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


def lookup(bound: Bound) -> Properties | None:
    """The cached properties of ``bound``, or None (not at its defaults, not cached, or changed)."""
    if bound.non_defaults:
        return None
    entry = load().get(bound.name)
    if entry is None or entry[0] != key(bound) or not matches(entry[1].get("fingerprint", []), fingerprint(bound)):
        return None
    return from_record(entry[1], bound)


def to_record(p: Properties) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _STORED:
        v = getattr(p, name)
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
            v = tuple(None if x is None else float(x) for x in v)
        elif name == "kinks":
            v = tuple(float(x) for x in v)
        elif name in ("extrema", "jumps"):
            v = tuple((float(a), float(b)) for a, b in v)
        elif name in ("zero_gradient_intervals", "range_set", "derivative_set"):
            v = tuple((float(a), float(b), bool(c), bool(d)) for a, b, c, d in v)
        elif name == "turns":
            v = tuple((str(a), float(b), float(c), float(d)) for a, b, c, d in v)
        elif isinstance(v, int) and not isinstance(v, bool):
            v = float(v)
        kw[name] = v
    return Properties(**kw)


def write(path: Path = CACHE_FILE) -> Path:
    """Analyse every catalogue activation at its defaults afresh and write the cache atomically."""
    from .analysis import fresh_analysis
    from .catalog import REGISTRY

    records = {}
    for name in REGISTRY.names():
        bound = REGISTRY[name].bind()
        records[name] = {"key": key(bound), "fingerprint": fingerprint(bound), **to_record(fresh_analysis(bound))}
    compact = {"ensure_ascii": False, "allow_nan": True, "separators": (",", ":")}
    lines = ",\n".join(f"{json.dumps(name)}:{json.dumps(rec, **compact)}" for name, rec in records.items())
    text = '{"properties":{\n' + lines + "\n}}"  # an activation a line: a regenerated file diffs by activation
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
    load.cache_clear()
    return path


if __name__ == "__main__":  # python -m actviz.defaults_cache: regenerate after changing the maths
    print(write())
