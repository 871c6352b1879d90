"""Kinks, joins and jumps where the definition puts them, at any width and offset (issue 23): piecewise
functions with narrow or far pieces, and sums whose corners cancel, against their closed forms.
Hypothesis draws the widths and offsets over many decades."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actviz.selection import select

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _points(p) -> set[float]:
    """The derivative set as points, or None where it holds an interval."""
    out = set()
    for piece in p.derivative_set:
        lo, hi = piece[0], piece[1]
        if lo != hi:
            return None
        out.add(float(lo))
    return out


@SETTINGS
@given(width_exp=st.integers(-12, 6), offset_exp=st.integers(-12, 12), sign=st.sampled_from([-1.0, 1.0]),
       mantissa=st.floats(1.0, 9.0))
def test_hardtanh_at_any_width_and_offset(width_exp, offset_exp, sign, mantissa):
    """hardtanh on [m, M] is C⁰ with f′ ∈ {0, 1} and range [m, M], however narrow [m, M] and far from 0."""
    low = sign * mantissa * 10.0 ** offset_exp
    width = 10.0 ** width_exp
    high = low + width
    if not high - low > 1e-9 * max(1.0, abs(low)):  # the floats cannot hold a narrower piece out there
        return
    p = select(f"hardtanh:min_val={low!r},max_val={high!r}").properties()
    assert _points(p) == {0.0, 1.0}, (low, high, p.derivative_set)
    assert p.continuity_order == 0, (low, high)
    assert (p.range_min, p.range_max) == (low, high)


@SETTINGS
@given(lambd_exp=st.integers(-12, 8), mantissa=st.floats(1.0, 9.0))
def test_shrinkage_at_any_threshold(lambd_exp, mantissa):
    lambd = mantissa * 10.0 ** lambd_exp
    soft = select(f"softshrink:lambd={lambd!r}").properties()
    assert soft.continuity_order == 0 and _points(soft) == {0.0, 1.0}, lambd
    hard = select(f"hardshrink:lambd={lambd!r}").properties()
    assert hard.continuity_order == -1 and _points(hard) == {0.0, 1.0}, lambd


@pytest.mark.parametrize("expression,slope", [
    ("relu(x) - relu(-x)", 1.0), ("abs(x)*sign(x)", 1.0), ("min(x, 0) + max(x, 0)", 1.0),
    ("max(x, 2*x) + min(x, 2*x)", 3.0), ("max(x, 0) - max(-x, 0) + x", 2.0), ("abs(x) - abs(-x) + 5*x", 5.0),
    ("where(x > 1, x, x)", 1.0), ("max(x - 3, 0) + min(x - 3, 0)", 1.0),
])
def test_corners_that_cancel_are_no_kinks(expression, slope):
    """Sums that are linear: f′ is one value, f is C∞, no kink; the identity where it is x."""
    p = select(expression).properties()
    assert _points(p) == {slope}, p.derivative_set
    assert p.continuity_order == math.inf
    assert p.identity_near_origin == (slope == 1.0 and expression not in ("max(x - 3, 0) + min(x - 3, 0)",)) or \
        p.identity_near_origin == (slope == 1.0)


def test_a_jump_is_not_the_identity():
    p = select("where(x > 0, x + 1, x)").properties()
    assert p.continuity_order == -1 and not p.identity_near_origin
    p = select("where(x > 0, x + 1e-9, x)").properties()
    assert p.continuity_order == -1 and not p.identity_near_origin


def test_true_corners_stay_corners():
    assert _points(select("abs(x)").properties()) == {-1.0, 1.0}
    assert _points(select("max(x, 0.25*x)").properties()) == {0.25, 1.0}
    p = select("relu").properties()
    assert _points(p) == {0.0, 1.0} and p.continuity_order == 0


@pytest.mark.parametrize("spec,direction", [
    ("softplus:beta=1e-30", "increasing"), ("softplus:beta=1e30", "increasing"), ("sigmoid:a=1e-30", "increasing"),
    ("elu:alpha=1e-300", "increasing"), ("x*1e-300", "increasing"), ("-x*1e-300 + 5", "decreasing"),
])
def test_monotonic_from_the_mathematics_not_from_equal_floats(spec, direction):
    """f′ > 0 everywhere means increasing even where rounding makes neighbouring values equal."""
    p = select(spec).properties()
    assert (p.monotonic, p.direction) == (True, direction), (spec, p.direction)
