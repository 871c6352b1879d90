"""Parameters: domains in words, validation, parsing, resolution."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import actviz
from actviz.errors import ParameterError
from actviz.spec import Param


def test_domain_text():
    assert Param("alpha", 1.0, "h", low=0.0, low_open=True).domain == "alpha > 0"
    assert Param("lambd", 0.5, "h", low=0.0).domain == "lambd ≥ 0"
    assert Param("p", 0.5, "h", low=0.0, high=1.0, high_open=True).domain == "0 ≤ p < 1"
    assert Param("t", 0.0, "h").domain == "t: any finite number"
    assert Param("approximate", "none", "h", choices=("none", "tanh")).domain == "one of 'none', 'tanh'"


def test_parse_and_validate():
    p = Param("alpha", 1.0, "h", low=0.0, low_open=True)
    assert p.parse(" 2.5 ") == 2.5 and p.validate(3) == 3.0
    with pytest.raises(ParameterError, match=r"alpha='x' is not a number: alpha > 0"):
        p.parse("x")
    with pytest.raises(ParameterError, match=r"alpha=0.0 is out of range: alpha > 0"):
        p.parse("0")
    with pytest.raises(ParameterError, match="out of range"):
        p.validate(math.nan)


def test_resolve_fills_defaults_and_reports_non_defaults():
    elu = actviz.get("elu")
    assert elu.resolve() == {"alpha": 1.0}
    assert elu.resolve({"alpha": 2}) == {"alpha": 2.0}
    assert elu.non_defaults({"alpha": 1.0}) == {} and elu.non_defaults({"alpha": 2.0}) == {"alpha": 2.0}


def test_unknown_parameter_names_the_valid_ones():
    with pytest.raises(ParameterError, match=r"elu has no parameter 'alhpa'; valid parameters: alpha \(alpha > 0\)"):
        actviz.get("elu")(0.0, alhpa=1)
    with pytest.raises(ParameterError, match="it takes no parameters"):
        actviz.get("tanh")(0.0, alpha=1)


def test_choice_parameter():
    gelu = actviz.get("gelu")
    assert gelu(1.0, approximate="tanh") != gelu(1.0)
    with pytest.raises(ParameterError, match="approximate='erf' is not valid: approximate must be one of 'none', 'tanh'"):
        gelu(1.0, approximate="erf")


@given(alpha=st.floats(min_value=1e-3, max_value=1e3), x=st.floats(min_value=-1e4, max_value=1e4))
def test_elu_for_any_alpha_and_input(alpha, x):
    elu = actviz.get("elu")
    y = float(elu(x, alpha=alpha))
    assert -alpha <= y <= max(x, 0.0) + 1e-12
    assert 0.0 <= float(elu.derivative(x, alpha=alpha)) <= max(1.0, alpha)


@given(lower=st.floats(0, 10), width=st.floats(0, 10), x=st.floats(-1e6, 1e6))
def test_rrelu_uses_the_mean_slope(lower, width, x):
    upper = lower + width
    y = actviz.get("rrelu")(np.array([x]), lower=lower, upper=upper)[0]
    assert y == (x if x > 0 else (lower + upper) / 2 * x) + 0.0
