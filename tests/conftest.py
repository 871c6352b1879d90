"""Shared fixtures and helpers for the actviz test suite."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

# The property-based tests (hypothesis) draw the same examples on every run, so that a CI run is
# reproducible and a red one can be replayed. Hunting for new failures is a separate, deliberate
# run with fresh random examples: ACTVIZ_FUZZ_RANDOM=1 ACTVIZ_FUZZ_EXAMPLES=2000 pytest tests/ -k fuzz
from hypothesis import settings  # noqa: E402

settings.register_profile("reproducible", derandomize=True, print_blob=True)
settings.register_profile("hunt", derandomize=False, print_blob=True)
settings.load_profile("hunt" if os.environ.get("ACTVIZ_FUZZ_RANDOM") else "reproducible")

# sympy decides some limits of expressions within a time budget (1 s a limit, 2 s an expression);
# a loaded CI machine must not turn a fact sympy decides into an estimate, so the tests give it
# ample time. The budget itself is tested with a child that never ends (test_expressions).
import actviz.expressions as _expressions  # noqa: E402

_expressions.SYMPY_SECONDS = 15.0
_expressions.SYMPY_BUDGET = 30.0
