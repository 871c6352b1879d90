"""Every activation of the catalogue, checked against independent evidence.

Parametrised over the whole registry: high-precision references (mpmath), finite differences,
declared limits, kinks and continuity, stability at extremes, mathtext formulas, parameters.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from references import OTHER_PARAMS, REFERENCES

import actviz
from actviz.catalog import FAMILIES, REGISTRY
from actviz.errors import ParameterError
from actviz.spec import DISCONTINUOUS

ALL = REGISTRY.names()
SCALAR = [n for n in ALL if not REGISTRY[n].vector]
VECTOR = [n for n in ALL if REGISTRY[n].vector]
SPOTS = [-5.0, -1.3, -0.2, 0.4, 2.5, 7.0]


def param_sets(name):
    """Defaults first, then the non-default sets of references.OTHER_PARAMS."""
    return [{}] + OTHER_PARAMS.get(name, [])


def cases(names):
    return [pytest.param(n, p, id=f"{n}-{p}" if p else n) for n in names for p in param_sets(n)]


def test_catalogue_size_and_required_names():
    required = """identity binary_step sigmoid tanh hardsigmoid hardtanh softsign arctan isru logsigmoid
    lecun_tanh smht bent_identity gaussian sinusoid sinc relu leaky_relu prelu rrelu relu6 threshold elu
    selu celu isrlu srelu softplus squareplus gelu quick_gelu silu mish hardswish elish lisht
    soft_exponential softshrink hardshrink tanhshrink softmax log_softmax softmin""".split()
    assert len(ALL) >= 45
    assert set(required) <= set(ALL)
    assert set(REGISTRY.families()) == set(FAMILIES)


def test_every_scalar_activation_has_an_independent_reference():
    assert set(REFERENCES) == set(SCALAR)


@pytest.mark.parametrize("name, params", cases(SCALAR))
def test_values_and_derivatives_match_mpmath(name, params):
    act = REGISTRY[name]
    resolved = act.resolve(params)
    ref = REFERENCES[name]
    mp_params = {k: (mp.mpf(v) if isinstance(v, float) else v) for k, v in resolved.items()}
    x = np.array(SPOTS)
    got, dgot = act(x, **params), act.derivative(x, **params)
    kinks = act.kinks_at(**params)
    for xi, yi, dyi in zip(SPOTS, got, dgot):
        want = ref(mp.mpf(xi), **mp_params)
        assert yi == pytest.approx(float(want), rel=1e-12, abs=1e-13), f"f({xi})"
        if xi in kinks:  # f′ at a kink is a convention (swigluoai's clamp at 7): checked with the frameworks
            continue
        dwant = mp.diff(lambda t: ref(t, **mp_params), mp.mpf(xi))
        assert dyi == pytest.approx(float(dwant), rel=1e-10, abs=1e-12), f"f'({xi})"


def _away_from_kinks(x, kinks, gap=1e-3):
    keep = np.ones_like(x, dtype=bool)
    for k in kinks:
        keep &= np.abs(x - k) > gap
    return x[keep]


@pytest.mark.parametrize("name, params", cases(SCALAR))
def test_derivative_matches_finite_differences(name, params):
    act = REGISTRY[name]
    x = _away_from_kinks(np.linspace(-8.0, 8.0, 1601), act.kinks_at(**params))
    h = 1e-6
    fd = (act(x + h, **params) - act(x - h, **params)) / (2 * h)
    np.testing.assert_allclose(act.derivative(x, **params), fd, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_derivative_is_the_jacobian_diagonal(name):
    act = REGISTRY[name]
    rng = np.random.default_rng(0)
    v = rng.normal(size=(4, 5)) * 3
    h = 1e-6
    fd = np.empty_like(v)
    for i in range(v.shape[-1]):
        e = np.zeros(v.shape[-1])
        e[i] = h
        fd[:, i] = (act(v + e)[:, i] - act(v - e)[:, i]) / (2 * h)
    np.testing.assert_allclose(act.derivative(v), fd, rtol=1e-6, atol=1e-8)


FAR = 1e10


@pytest.mark.parametrize("name, params", cases(SCALAR))
def test_declared_limits_match_evaluation_far_out(name, params):
    act = REGISTRY[name]
    for lims, fn in ((act.limits_at(**params), act), (act.derivative_limits_at(**params), act.derivative)):
        for side, limit in zip((-1.0, 1.0), lims):
            value = float(fn(side * FAR, **params))
            if limit is None:  # no limit: the function keeps oscillating
                far = fn(side * np.linspace(1e3, 1e3 + 20, 2001), **params)
                assert np.ptp(far) > 0.5
            elif math.isinf(limit):  # beyond 1e6 at 1e10, or (√softplus: √x) still growing without bound
                farther = math.copysign(1.0, limit) * float(fn(side * FAR * 1e8, **params))
                assert math.copysign(1.0, limit) * value > 1e6 or (value > 1e4 and farther > 1e3 * value)
            elif abs(value - limit) > 1e-6:  # a slow approach (√softplus′ = 1/(2√x)): still closing in
                assert abs(float(fn(side * FAR * 1e8, **params)) - limit) < 1e-3 * abs(value - limit) < 1e-8


def _jump(fn, k, params, eps=1e-9):
    return abs(float(fn(k + eps, **params)) - float(fn(k - eps, **params)))


@pytest.mark.parametrize("name, params", cases(SCALAR))
def test_declared_continuity_matches_evaluation(name, params):
    act = REGISTRY[name]
    kinks = act.kinks_at(**params)
    order = act.continuity_at(**params)
    if order == DISCONTINUOUS:
        assert any(_jump(act, k, params) > 0 for k in kinks)
        return
    for k in kinks:  # f is continuous everywhere
        assert _jump(act, k, params) < 1e-6
    if order == 0:  # ... and f' jumps at some declared kink
        assert kinks and any(_jump(act.derivative, k, params) > 1e-3 for k in kinks)
    else:  # f' continuous: no declared kink, and no jump of f' on a fine grid
        assert kinks == ()
        d = act.derivative(np.linspace(-8, 8, 160001), **params)
        assert np.all(np.abs(np.diff(d)) < 1e-2 * (1.0 + np.abs(d[:-1])))


EXTREMES = np.array([-1.7976931348623157e308, -1e308, -1e300, -1e6, -1e3, -50.0, -1.0, -1e-300, 0.0, 1e-300, 1.0, 50.0, 1e3, 1e6, 1e300, 1e308, 1.7976931348623157e308])


@pytest.mark.parametrize("name, params", cases(SCALAR))
def test_stable_at_extremes(name, params):
    """No warning (they are errors here), no NaN, and inf only where the true limit is infinite."""
    act = REGISTRY[name]
    for fn, lims in ((act, act.limits_at(**params)), (act.derivative, act.derivative_limits_at(**params))):
        y = fn(EXTREMES, **params)
        assert y.shape == EXTREMES.shape and y.dtype == np.float64
        assert not np.isnan(y).any()
        for xi, yi in zip(EXTREMES, y):
            if np.isinf(yi):
                limit = lims[int(xi > 0)]
                assert abs(xi) >= 1e3 and limit is not None and math.isinf(limit), (xi, yi)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_activations_are_stable(name):
    act = REGISTRY[name]
    big = np.array([1000.0, 1001.0, 999.0])
    np.testing.assert_allclose(act(big), act(big - 1000.0), rtol=1e-15, atol=1e-15)
    assert np.isfinite(act(np.array([-1e300, 0.0, 1e300]))).all()
    ends = np.array([-1.7976931348623157e308, 1.7976931348623157e308, 0.0])
    assert not np.isnan(act(ends)).any() and not np.isnan(act.derivative(ends)).any()
    assert np.isfinite(act.derivative(big)).all()


@pytest.mark.parametrize("name", ALL)
def test_shapes_are_preserved(name):
    act = REGISTRY[name]
    x = np.linspace(-3, 3, 24).reshape(2, 3, 4)
    assert act(x).shape == x.shape and act.derivative(x).shape == x.shape
    assert np.ndim(act(0.5)) == 0 and isinstance(act(0.5), np.floating)
    assert act([0.1, 0.2]).dtype == np.float64


@pytest.mark.parametrize("name", ALL)
def test_formulas_render_in_mathtext(name):
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    act = REGISTRY[name]
    for text in (act.formula, act.derivative_formula):
        parser.parse(f"${text}$")
    for p in act.params:
        if p.symbol:
            parser.parse(f"${p.symbol}$")


@pytest.mark.parametrize("name", ALL)
def test_every_activation_is_documented(name):
    act = REGISTRY[name]
    assert act.label and act.summary and act.notes and act.reference
    assert act.family in FAMILIES
    for p in act.params:
        assert p.help and p.default == act.param(p.name).validate(p.default)


PARAMETRISED = [n for n in ALL if REGISTRY[n].params]


@pytest.mark.parametrize("name", PARAMETRISED)
def test_bad_parameters_are_rejected_with_the_valid_ones_named(name):
    act = REGISTRY[name]
    with pytest.raises(ParameterError, match="valid parameters: " + act.params[0].name):
        act(0.0, no_such_param=1.0)
    for p in act.params:
        bad_values = ["not-a-choice", 1.0] if p.is_choice else [math.nan, -math.inf, "abc", True]
        if not p.is_choice and not p.off:
            bad_values.append(math.inf)
        if p.low is not None:
            bad_values.append(p.low - 1.0)
        for bad in bad_values:
            with pytest.raises(ParameterError, match=p.name):
                act(0.0, **{p.name: bad})


def test_parameter_relations_are_checked():
    with pytest.raises(ParameterError, match="lower must not exceed upper"):
        actviz.get("rrelu")(0.0, lower=0.5, upper=0.1)
    with pytest.raises(ParameterError, match="min_val must be below max_val"):
        actviz.get("hardtanh")(0.0, min_val=1.0, max_val=1.0)
    with pytest.raises(ParameterError, match="t_left must not exceed t_right"):
        actviz.get("srelu")(0.0, t_left=2.0)


# -- any parameters, not just the defaults ---------------------------------------------------------

from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def param_strategy(act):
    fields = {}
    for p in act.params:
        if p.is_choice:
            fields[p.name] = st.sampled_from(p.choices)
        else:
            lo = (-5.0 if p.high is None else p.high - 5.0) if p.low is None else p.low + 0.05
            values = st.floats(min_value=lo, max_value=lo + 5.0 if p.high is None or p.low is not None else p.high)
            fields[p.name] = values if p.low is None or p.low_open else st.just(p.low) | values
    return st.fixed_dictionaries(fields)


@pytest.mark.parametrize("name", [n for n in SCALAR if REGISTRY[n].params])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_any_valid_parameters_keep_derivatives_limits_and_stability(name, data):
    act = REGISTRY[name]
    params = data.draw(param_strategy(act))
    assume(act.check is None or act.check(**params) is None)
    x = _away_from_kinks(np.linspace(-6.0, 6.0, 241), act.kinks_at(**params), gap=1e-3)
    h = 1e-6
    fd = (act(x + h, **params) - act(x - h, **params)) / (2 * h)
    np.testing.assert_allclose(act.derivative(x, **params), fd, rtol=1e-5, atol=1e-5)
    y = act(EXTREMES, **params)
    assert not np.isnan(y).any()
    for side, limit in zip((-1.0, 1.0), act.limits_at(**params)):
        if limit is not None and math.isfinite(limit):
            # by 1e10 or, where a tiny parameter makes f turn late (maxout with a slope of 1e-38), by 1e300
            far = [float(act(side * x, **params)) for x in (FAR, 1e300)]
            assert any(v == pytest.approx(limit, abs=1e-6) for v in far), (params, limit, far)


def test_maxout_with_a_tiny_slope_still_has_its_limit():
    """max(−1, −1.2e−38·x) overtakes the constant only beyond x ≈ 1e38: the limit at +∞ is −1 all the same
    (found by a random hunt, which evaluated it at 1e10)."""
    act = REGISTRY["maxout"]
    params = {"w1": 0.0, "b1": -1.0, "w2": -1.1754943508222875e-38, "b2": 0.0}
    assert act.limits_at(**params) == (math.inf, -1.0)
    assert float(act(1e300, **params)) == -1.0 and float(act(-1e300, **params)) > 1e200


# -- relative accuracy near zeros and in tails (where absolute tolerances would hide cancellation) --

NEAR_ZERO = [-1e-9, -1e-5, -1e-3, 1e-12, 1e-7, 1e-4, 0.02]


@pytest.mark.parametrize("name, params, xs", [
    ("tanhshrink", {}, NEAR_ZERO + [0.049, 0.051, -0.3]),
    ("bent_identity", {}, NEAR_ZERO + [-0.999, 1.001]),
    ("smht", {}, NEAR_ZERO + [-1.0, 1.0, -1.01]),
    ("smht", {"a": 0.7, "b": 1.3, "c": 0.4, "d": 0.9}, NEAR_ZERO),
    ("gelu", {"approximate": "tanh"}, [-5.0, -6.5, -8.0, -12.0, -20.0]),
    ("gelu", {}, [-5.0, -8.0, -12.0, -20.0, -30.0]),
    ("silu", {}, [-20.0, -40.0, 1e-9]),
    ("softsign", {}, NEAR_ZERO),
    ("elu", {}, [-1e-9, -1e-5]),
])
def test_relative_accuracy_where_cancellation_threatens(name, params, xs):
    act = REGISTRY[name]
    ref = REFERENCES[name]
    got = act(np.array(xs), **params)
    with mp.workdps(400):  # the references' own 1 + erf, 1 + tanh cancel in the tails: more digits
        mp_params = {k: (mp.mpf(v) if isinstance(v, float) else v) for k, v in act.resolve(params).items()}
        for xi, yi in zip(xs, got):
            want = float(ref(mp.mpf(xi), **mp_params))
            assert yi == pytest.approx(want, rel=1e-12, abs=1e-300), f"{name}({xi})"


@pytest.mark.parametrize("params", [{"b": 709.0, "c": 37.0}, {"a": 300.0, "b": 500.0, "c": 2.0, "d": 900.0},
                                    {"a": 1e-3, "b": 1e-3}, {"b": 1e6, "c": 1.0, "d": 1.0},
                                    {"b": 1e10, "c": 1.0, "d": 1.0}, {"b": 1e17, "c": 1.0, "d": 1.0}])
def test_smht_with_steep_or_gentle_rates_against_mpmath(params):
    """Near 0 SMHT is e^(−bx)·expm1((a+b)x)/D where |(a+b)x| ≤ 1: steep rates once gave 0·∞ = NaN, and a
    form in logs lost digits when b ≫ a (b = 1e17 gave 1.0 for 0.6457 at x = 0.3)."""
    bound = actviz.get("smht").bind(**params)
    a, b, c, d = (bound.params[k] for k in "abcd")
    xs = np.array([-1.0, -0.999, -0.3, -1e-8, -1e-12, 0.0, 1e-12, 1e-8, 0.3, 0.5, 0.7, 0.999, 1.0])
    with mp.workdps(60):
        want = [float((mp.e ** (a * mp.mpf(x)) - mp.e ** (-b * mp.mpf(x))) / (mp.e ** (c * mp.mpf(x)) + mp.e ** (-d * mp.mpf(x))))
                for x in xs]
    got = bound(xs)
    for x, g, w in zip(xs, got, want):
        if math.isinf(w):
            assert g == w, (x, g)
        else:
            assert g == pytest.approx(w, rel=1e-12, abs=1e-300), (x, g, w)
