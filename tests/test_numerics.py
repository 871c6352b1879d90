"""The stable primitives, and the identities the reference notes teach."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import actviz
from actviz import numerics as nx

X = np.linspace(-30, 30, 6001)
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def test_erf_and_erfc_match_mpmath_including_the_far_tail():
    xs = [-6.0, -2.5, -0.3, 0.0, 1e-8, 0.7, 3.0, 6.0, 27.0]
    for x in xs:
        assert nx.erf(np.array([x]))[0] == pytest.approx(float(mp.erf(x)), rel=1e-15, abs=1e-300)
        assert nx.erfc(np.array([x]))[0] == pytest.approx(float(mp.erfc(x)), rel=1e-14, abs=1e-300)
    # Φ keeps relative accuracy deep in the left tail, where 1 + erf(x) would be 0
    assert nx.norm_cdf(np.array([-30.0]))[0] == pytest.approx(float(mp.ncdf(-30)), rel=1e-13)


def test_sigmoid_primitives_are_exact_in_both_tails():
    for x in (-745.0, -700.0, -40.0, 0.0, 40.0, 700.0):
        assert nx.sigmoid(np.array([x]))[0] == pytest.approx(float(1 / (1 + mp.exp(-x))), rel=1e-15)
        assert nx.sigmoid_prime(np.array([x]))[0] == pytest.approx(
            float(mp.exp(-abs(mp.mpf(x))) / (1 + mp.exp(-abs(mp.mpf(x)))) ** 2), rel=1e-14, abs=1e-320)
    assert nx.sech2(np.array([400.0]))[0] == 0.0


@given(st.lists(finite, min_size=1, max_size=8))
def test_softmax_is_a_probability_vector_for_any_logits(logits):
    p = nx.softmax(np.array(logits))
    assert np.all(p >= 0) and math.isclose(p.sum(), 1.0, rel_tol=1e-12)
    np.testing.assert_allclose(np.exp(nx.log_softmax(np.array(logits))), p, rtol=1e-12, atol=1e-300)


# -- identities of the reference notes ---------------------------------------------------------------


def test_tanh_is_a_rescaled_sigmoid():
    sigmoid, tanh = actviz.get("sigmoid"), actviz.get("tanh")
    np.testing.assert_allclose(tanh(X), 2 * sigmoid(2 * X) - 1, atol=1e-15)


def test_softplus_derivative_is_the_sigmoid():
    np.testing.assert_allclose(actviz.get("softplus").derivative(X), actviz.get("sigmoid")(X), atol=1e-15)


def test_sigmoid_and_tanh_derivatives_from_their_values():
    s, t = actviz.get("sigmoid"), actviz.get("tanh")
    np.testing.assert_allclose(s.derivative(X), s(X) * (1 - s(X)), rtol=0, atol=2e-16)
    np.testing.assert_allclose(t.derivative(X), 1 - t(X) ** 2, atol=1e-15)


def test_sigmoid_derivative_peaks_at_a_quarter_at_zero():
    d = actviz.get("sigmoid").derivative(np.linspace(-10, 10, 200001))
    assert d.max() == 0.25 and np.argmax(d) == 100000


def test_elu_tends_to_minus_alpha():
    for alpha in (0.5, 1.0, 2.0):
        assert actviz.get("elu")(-50.0, alpha=alpha) == pytest.approx(-alpha, abs=1e-15)


def test_relu_with_alpha_is_leaky_relu():
    np.testing.assert_array_equal(actviz.get("relu")(X, alpha=0.1), actviz.get("leaky_relu")(X, alpha=0.1))


def test_the_notes_softmax_example():
    p = actviz.get("softmax")([3.0, 1.0, -3.0])
    np.testing.assert_allclose(p, [0.879, 0.119, 0.002], atol=5e-4)
    np.testing.assert_allclose(actviz.get("softmax")([1000.0, 1001.0, 999.0]),
                               actviz.get("softmax")([0.0, 1.0, -1.0]), rtol=1e-15)


def test_softplus_is_the_antiderivative_of_sigmoid():
    # ∫_{-30}^{x} σ = softplus(x) − softplus(−30), by the trapezoid rule on a fine grid
    x = np.linspace(-30, 5, 350001)
    s = actviz.get("sigmoid")(x)
    integral = np.sum((s[1:] + s[:-1]) / 2 * np.diff(x))
    sp = actviz.get("softplus")
    assert integral == pytest.approx(sp(5.0) - sp(-30.0), rel=1e-9)


# -- infinite inputs ------------------------------------------------------------------------------------
# A mask of -inf before an activation is ordinary in practice; PyTorch and JAX answer relu(-inf) = 0.
# The answer at ±inf must be what f approaches far out: checked against f at ±1e300 (and f′ alike),
# computed by the formula itself, not from the declared limits the code returns at ±inf.


@pytest.mark.parametrize("name", [n for n in actviz.names() if not actviz.get(n).vector])
def test_infinite_inputs_give_the_limit_far_out(name):
    act = actviz.get(name)
    for fn, limits in ((act, act.limits_at()), (act.derivative, act.derivative_limits_at())):
        at_inf = fn(np.array([-np.inf, np.inf]))
        far = fn(np.array([-1e300, 1e300]))
        for got, ref, limit in zip(at_inf, far, limits):
            if limit is None:  # no limit (sinusoid, gcu; snake's f′): NaN, not an arbitrary number
                assert np.isnan(got)
            elif abs(ref) > 1e100:  # growing without bound: the limit is ±inf with its sign
                assert got == math.copysign(np.inf, ref)
            else:
                assert got == pytest.approx(ref, abs=1e-12)
        assert np.array_equal(fn(np.inf), at_inf[1], equal_nan=True)  # a scalar too


def test_infinite_inputs_of_an_expression():
    act = actviz.define("xsig", "x*sigmoid(x)")
    assert act(-np.inf) == 0.0 and act(np.inf) == np.inf
    assert act.derivative(np.array([-np.inf, np.inf])).tolist() == [0.0, 1.0]


def test_sorted_unique_is_numpys_unique():
    rng = np.random.default_rng(0)
    for values in (rng.integers(-5, 5, 200).astype(float), np.array([]), np.array([3.0]), np.array([-0.0, 0.0, 1.0])):
        np.testing.assert_array_equal(nx.sorted_unique(values), np.unique(values))


def test_runs_of_a_mask():
    assert nx.runs(np.array([False, True, True, False, True])) == [(1, 3), (4, 5)]
    assert nx.runs(np.array([True, True])) == [(0, 2)]
    assert nx.runs(np.array([False, False])) == [] == nx.runs(np.zeros(0, dtype=bool))
    assert all(isinstance(i, int) for run in nx.runs(np.array([True, False, True])) for i in run)
