"""The shipped cache of the properties the offline page shows beyond the catalogue's defaults.

``explore.html`` (:mod:`actviz.render.page`) shows the facts of every function at each grid point of
each parameter's slider, and ``actviz page`` those of every framework's variant as well: ~440 fresh
analyses, ~1 s. ``_page_cache.json`` holds them, keyed by the exact key of
:func:`actviz.defaults_cache.key` (which includes the parameters), so any bound activation whose key is
there may use its entry: the page's, ``actviz table elu -p alpha=0.5``, ``actviz table gelu --framework
torch``.

The rules are the defaults cache's (read :mod:`actviz.defaults_cache`): an entry is used only while its
key and its fingerprint (f and f′ at the probe points, to 10⁻¹² relative) match, and a record is
:func:`actviz.analysis.cache_record`'s (with the name and the parameters not at their defaults, for
people and for ``python -m actviz.build --check``). The points are not listed by hand: :mod:`actviz.build`
records the bound activations the page's own code analyses while it builds the page of the whole
catalogue, and writes an entry for each that the defaults cache does not hold.

The file is read only when a bound activation outside the defaults cache is analysed (``import actviz``
and ``actviz table`` at the defaults never import this module), and then cheaply: it is split into its
lines, an entry a line, and only the line asked for is parsed (reading and splitting ~1 ms; parsing the
whole file, ~7 ms, would cost more than the analysis or two an ``actviz table -p`` needs).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["CACHE_FILE", "load", "entry", "write"]

CACHE_FILE = Path(__file__).with_name("_page_cache.json")


@lru_cache(maxsize=1)
def load() -> dict[str, str]:
    """key -> the JSON text of its record (parsed by :func:`entry`); empty when the file is missing."""
    try:
        text = CACHE_FILE.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return {}
    out = {}
    for line in text.split("\n"):  # '"key":{record},' between '{"properties":{' and '}}'
        if line.startswith('"'):
            key, _, rest = line.partition(":")
            out[key.strip('"')] = rest.removesuffix(",")
    return out


def entry(key: str) -> dict[str, Any] | None:
    """The record stored under ``key``, or None (none there, or unreadable)."""
    text = load().get(key)
    if text is None:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def write(records: dict[str, dict[str, Any]], path: Path | None = None) -> Path:
    """Write ``records`` (key -> {"name", "params" (those not at their defaults), "key", "fingerprint",
    and :func:`actviz.defaults_cache.to_record`'s fields}) atomically, one a line, in the order given, to
    ``path`` (default :data:`CACHE_FILE`)."""
    path = CACHE_FILE if path is None else path
    compact = {"ensure_ascii": False, "allow_nan": True, "separators": (",", ":")}
    lines = ",\n".join(f"{json.dumps(key)}:{json.dumps(rec, **compact)}" for key, rec in records.items())
    text = '{"properties":{\n' + lines + "\n}}\n"  # an entry a line: read a line at a time, diffs by entry
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    load.cache_clear()
    return path
