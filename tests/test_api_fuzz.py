"""Fuzzing the Python API (issue 7): ``actviz.get(name)(x, **params)``.

* bad names, parameter names and values raise only :class:`~actviz.errors.ActvizError`
  subclasses (UnknownActivationError, ParameterError), never another exception type;
* valid parameters and finite x never raise a RuntimeWarning (warnings are errors here) and give
  a float64 array of x's shape.

The "finite x" property is checked for every finite float64 x and parameters that are 0 or of
magnitude 1e-6 to 1e3; :func:`test_defaults_at_the_ends_of_float64` and
:func:`test_tiny_parameters` add the ends of float64 and extreme parameters.
"""

from __future__ import annotations

import math
import os
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import actviz
from actviz.catalog import REGISTRY
from actviz.errors import ActvizError, ParameterError, UnknownActivationError

NAMES = REGISTRY.names()
ALIASES = [alias for n in NAMES for alias in REGISTRY[n].aliases]
SETTINGS = settings(max_examples=int(os.environ.get("ACTVIZ_FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

weird_values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.text(max_size=12),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "", " ", "0x10", "1_0", "tanh", "none", None, True, False,
                     [], [1.0], (1, 2), {"a": 1}, 1j, np.float32(0.5), np.int64(3), np.array([1.0, 2.0]),
                     np.nan, object()]),
)
param_names = st.one_of(
    st.sampled_from(sorted({p.name for n in NAMES for p in REGISTRY[n].params})), st.text(max_size=10)
)


def _name_variants(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from([name, name.upper(), name.replace("_", "-"), f"  {name} ", name.title()])


names = st.one_of(st.sampled_from(NAMES + ALIASES).flatmap(_name_variants), st.text(max_size=15))


@SETTINGS
@given(name=names)
def test_get_raises_only_unknown_activation_error(name):
    try:
        act = actviz.get(name)
    except UnknownActivationError as exc:
        assert repr(name.strip()) in str(exc) or repr(name) in str(exc)
        assert "actviz list" in str(exc)
    else:
        assert act.name in NAMES


@SETTINGS
@given(name=st.sampled_from(NAMES), params=st.dictionaries(param_names, weird_values, max_size=3),
       x=st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=5))
def test_bad_parameters_raise_only_parameter_error(name, params, x):
    act = REGISTRY[name]
    for call in (act, act.derivative, act.resolve, act.non_defaults):
        try:
            out = call(np.asarray(x), **params) if call in (act, act.derivative) else call(params)
        except ParameterError as exc:
            assert str(exc)  # a message, naming what was wrong
        else:
            if call in (act, act.derivative):
                assert np.shape(out) == (len(x),)


@SETTINGS
@given(name=st.sampled_from(NAMES), data=st.data())
def test_facts_raise_only_actviz_errors(name, data):
    act = REGISTRY[name]
    params = data.draw(st.dictionaries(param_names, weird_values, max_size=2))
    for fact in (act.limits_at, act.derivative_limits_at, act.kinks_at, act.continuity_at):
        try:
            fact(**params)
        except ActvizError:
            pass


def _valid_value(p: actviz.Param) -> st.SearchStrategy:
    if p.is_choice:
        return st.sampled_from(p.choices)
    lo = -1e3 if p.low is None else max(p.low, -1e3)
    hi = 1e3 if p.high is None else min(p.high, 1e3)
    return st.floats(lo, hi, exclude_min=p.low_open and p.low is not None and lo == p.low,
                     exclude_max=p.high_open and p.high is not None and hi == p.high,
                     allow_subnormal=False).filter(lambda v: v == 0 or abs(v) >= 1e-6)


@st.composite
def valid_call(draw):
    act = REGISTRY[draw(st.sampled_from(NAMES))]
    for _ in range(20):  # relations between parameters (lower <= upper, ...) reject some draws
        params = {p.name: draw(_valid_value(p)) for p in act.params if draw(st.booleans())}
        try:
            act.resolve(params)
            break
        except ParameterError:
            continue
    else:
        params = {}
    x = draw(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=8))
    return act, params, np.asarray(x, dtype=np.float64)


@SETTINGS
@given(call=valid_call())
# found by a random hunt: SMHT's e^(−bx)·expm1((a+b)x) near 0 gave 0·∞ for steep rates
@example(call=(REGISTRY["smht"], {"b": 709.0, "c": 37.0}, np.array([1.0, -1.0, 0.999, 1e-8])))
def test_finite_input_never_warns(call):
    act, params, x = call
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # also inside this block, whatever the pytest configuration
        y = act(x, **params)
        dy = act.derivative(x, **params)
    assert y.dtype == np.float64 and dy.dtype == np.float64
    assert y.shape == x.shape and dy.shape == x.shape
    assert not np.isnan(y).any(), (act.name, params, x, y)
    assert not np.isnan(dy).any(), (act.name, params, x, dy)


@SETTINGS
@given(call=valid_call())
def test_scalar_in_scalar_out(call):
    act, params, x = call
    if act.vector:
        return
    value = act(float(x[0]), **params)
    assert np.ndim(value) == 0
    assert value == act(x[:1], **params)[0] or (math.isnan(value) and math.isnan(act(x[:1], **params)[0]))


# -- the ends of float64, at the default parameters -----------------------------------------------

ENDS = np.array([-1.7976931348623157e308, -1e308, -1e200, -1e160, 1e160, 1e200, 1e308, 1.7976931348623157e308])


@pytest.mark.parametrize("name", NAMES)
def test_defaults_at_the_ends_of_float64(name):
    act = REGISTRY[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if act.vector:
            for a in ENDS:
                for b in ENDS:
                    act(np.array([a, b, 0.0]))
                    act.derivative(np.array([a, b, 0.0]))
        else:
            act(ENDS)
            act.derivative(ENDS)


@pytest.mark.parametrize(
    ("name", "params", "x"),
    [
        ("celu", {"alpha": 1e-300}, -1e10),
        ("celu", {"alpha": 2.2250738585072014e-308}, -1e3),
        ("celu", {"alpha": 1e-100}, -1e150),
        ("softplus", {"beta": 1e-300}, -4.0),
        ("elu", {"alpha": 1e-300}, -1e150),
    ],
)
def test_tiny_parameters(name, params, x):
    act = REGISTRY[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isfinite(float(act(x, **params)))
        assert math.isfinite(float(act.derivative(x, **params)))
