"""The shipped cache of the catalogue's properties at the defaults, keyed on what they depend on.

Deriving the properties of all 46 activations takes ~60 ms; ``actviz table`` reads them from
``_defaults_cache.json`` in ~3 ms instead. Each entry is keyed on everything its result depends on:

* :data:`actviz.analysis.ALGORITHM`, the version of the derivation;
* the activation's name, parameters and declared facts (limits of f and f′, kinks, continuity);
* the values of f and f′ at probe points spread over the analysis grid's scales and around the kinks.

So an entry is used only while the function it describes is unchanged: editing a comment, moving
code or upgrading numpy keeps it; changing a definition makes just that entry a miss (it is then
derived afresh, correct but slower), and a test says the file needs regenerating:

    python -m actviz.defaults_cache
"""

from __future__ import annotations

import json
import zlib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .properties import End, Properties
from .spec import Bound, Undecided

__all__ = ["CACHE_FILE", "key", "lookup", "load", "write"]

CACHE_FILE = Path(__file__).with_name("_defaults_cache.json")

_PROBES = np.concatenate([np.linspace(-12.0, 12.0, 49), np.geomspace(1e-3, 1e12, 16), -np.geomspace(1e-3, 1e12, 16)])
_STORED = [f.name for f in fields(Properties) if f.name != "bound"]


def key(bound: Bound) -> str:
    """A digest of everything the analysis of ``bound`` depends on (see the module's docstring)."""
    from .analysis import ALGORITHM, scalar_functions

    kinks = bound.kinks()
    facts = (ALGORITHM, bound.name, tuple(bound.params.items()), bound.limits(), bound.derivative_limits(), kinks,
             bound.continuity())
    around = [k + s * d * max(1.0, abs(k)) for k in kinks for s in (-1.0, 1.0) for d in (1e-6, 1e-3)]
    x = np.concatenate([_PROBES, np.asarray(kinks, dtype=float), np.asarray(around, dtype=float)])
    f, df = scalar_functions(bound)
    with np.errstate(all="ignore"):
        values = np.concatenate([f(x), df(x)])
    blob = repr(facts).encode() + np.ascontiguousarray(values, dtype=np.float64).tobytes()
    # 64 bits from two different checksums: it detects a changed definition, which is all it is for
    # (not an adversary); hashlib would load OpenSSL, ~3 ms of every `actviz table`
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}"


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
    if entry is None or entry[0] != key(bound):
        return None
    return from_record(entry[1], bound)


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
        records[name] = {"key": key(bound), **to_record(fresh_analysis(bound))}
    text = json.dumps({"properties": records}, ensure_ascii=False, indent=0, allow_nan=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
    load.cache_clear()
    return path


if __name__ == "__main__":  # python -m actviz.defaults_cache: regenerate after changing the maths
    print(write())
