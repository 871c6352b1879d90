"""Comparing the records of the shipped caches (actviz.defaults_cache, actviz.page_cache) with a fresh
analysis, shared by the tests of both."""

from __future__ import annotations

import math
import re


def close_records(a, b, path=""):
    """Where two cached records differ by more than rounding (4 ulps), as a list of paths; [] when equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: fields {sorted(a)} against {sorted(b)}"]
        return [d for k in a for d in close_records(a[k], b[k], f"{path}.{k}" if path else k)]
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items against {len(b)}"]
        return [d for i, (u, v) in enumerate(zip(a, b)) for d in close_records(u, v, f"{path}[{i}]")]
    if isinstance(a, float) and isinstance(b, float) and not isinstance(a, bool):
        if a == b or (math.isnan(a) and math.isnan(b)):
            return []
        if math.isfinite(a) and math.isfinite(b) and abs(a - b) <= 4 * math.ulp(max(abs(a), abs(b))):
            return []
        # where an extremum is attained is known to ~√ε only (f is flat there): 10⁻⁸ of its size
        where = re.fullmatch(r"(low|high|derivative_low|derivative_high)\[2\]|extrema\[\d+\]\[0\]|turns\[\d+\]\[1\]", path)
        if where and math.isfinite(a) and math.isfinite(b) and abs(a - b) <= 1e-8 * max(1.0, abs(a)):
            return []
    elif a == b:
        return []
    return [f"{path}: cached {a!r}, fresh {b!r}"]
