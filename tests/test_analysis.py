"""Derived properties (actviz.analysis), checked against the issue's expectations and against
independent evaluation (dense grids, mpmath quadrature)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from cache_helpers import close_records

import actviz
from actviz import text
from actviz.catalog import REGISTRY
from actviz.properties import End, Properties

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
        ("binary_step", {}, "{0, 1}"),
        ("sinusoid", {}, "[−1, 1]"),
        ("gcu", {}, "(−∞, ∞)"),
        ("softmax", {}, "(0, 1)"),
        ("log_softmax", {}, "(−∞, 0)"),
        ("relu6", {}, "[0, 6]"),
        ("threshold", {}, "{0} ∪ (1, ∞)"),
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
    with pytest.raises(AttributeError):
        p.name = "x"  # frozen


def test_derivative_extrema():
    assert actviz.get("sigmoid").properties().max_derivative == pytest.approx(0.25, abs=1e-15)
    assert actviz.get("gelu").properties().max_derivative == pytest.approx(1.1289, abs=1e-4)


def test_selu_is_self_normalising():
    p = actviz.get("selu").properties()
    assert abs(p.mean_output) < 1e-6 and abs(p.output_variance - 1.0) < 1e-6


def test_format_number():
    assert text.number(-0.16997) == "−0.1700"
    assert text.number(0.25) == "0.25"
    assert text.number(-2.0) == "−2"
    assert text.number(math.inf) == "∞"
    assert text.ends(End(0.0, True, 0.0), End(math.inf, False)) == "[0, ∞)"


# -- every activation at its defaults, against independent evaluation ----------------------------

from actviz import defaults_cache  # noqa: E402
from actviz.analysis import ALGORITHM, cached, fingerprint, fresh_analysis  # noqa: E402


def _scalar(name):
    """f and f′ of one variable, evaluated directly (2-logit case for vector activations)."""
    act = REGISTRY[name]
    if not act.vector:
        return (lambda x: act(x)), (lambda x: act.derivative(x))
    lift = lambda fn: (lambda x: fn(np.stack([x, np.zeros_like(x)], axis=-1))[..., 0])  # noqa: E731
    return lift(act), lift(act.derivative)


_FAR = np.geomspace(60.0, 1e12, 2001)
DENSE = np.concatenate([-_FAR[::-1], np.linspace(-60.0, 60.0, 1_200_001), _FAR])  # step 1e-4 near 0


@pytest.mark.parametrize("name", ALL)
def test_range_and_derivative_range_against_dense_evaluation(name):
    p = actviz.get(name).properties()
    f, df = _scalar(name)
    with np.errstate(all="ignore"):
        y, dy = f(DENSE), df(DENSE)
    y, dy = y[np.isfinite(y)], dy[np.isfinite(dy)]
    for end, dense, lower in ((p.low, y.min(), True), (p.high, y.max(), False),
                              (p.derivative_low, dy.min(), True), (p.derivative_high, dy.max(), False)):
        if end.bounded:
            # the dense grid never goes beyond the true bound, and comes close to it
            assert (dense >= end.value - 1e-12 * max(1, abs(end.value))) if lower else \
                (dense <= end.value + 1e-12 * max(1, abs(end.value)))
            assert abs(dense - end.value) < 2e-3 * max(1.0, abs(end.value)), (end, dense)
        else:  # unbounded: the dense grid goes far in that direction
            assert (dense < -10) if lower else (dense > 10)
        if end.closed:  # attained: evaluating at the reported point gives the value
            assert end.at is not None
            g = f if end in (p.low, p.high) else df
            assert float(g(np.array([end.at]))[0]) == pytest.approx(end.value, abs=1e-9)


@pytest.mark.parametrize("name", ALL)
def test_output_statistics_against_mpmath_quadrature(name):
    import mpmath as mp

    act = REGISTRY[name]
    p = act.properties()
    f, df = _scalar(name)
    phi = lambda t: mp.exp(-t * t / 2) / mp.sqrt(2 * mp.pi)  # noqa: E731
    pts = sorted({-40.0, 40.0, 0.0, *[k for k in act.kinks_at() if -40 < k < 40]})
    def expect(g):
        with mp.workdps(20):
            return float(mp.quad(lambda t: float(g(np.array([float(t)]))[0]) * phi(t), pts, maxdegree=8))
    mean = expect(f)
    var = expect(lambda x: (f(x) - mean) ** 2)
    dmean = expect(df)
    assert p.mean_output == pytest.approx(mean, abs=1e-7)
    assert p.output_variance == pytest.approx(var, abs=1e-7)
    assert p.mean_derivative == pytest.approx(dmean, abs=1e-7)
    assert p.zero_centred == (abs(mean) < 0.05)


@pytest.mark.parametrize("name", ALL)
def test_shape_properties_against_dense_evaluation(name):
    act = REGISTRY[name]
    p = act.properties()
    f, df = _scalar(name)
    x = np.linspace(-20.0, 20.0, 400_001)
    y, dy = f(x), df(x)
    d = np.diff(y)
    tol = 1e-12 * np.maximum(1.0, np.abs(y[1:]))
    increasing, decreasing = bool(np.all(d >= -tol)), bool(np.all(d <= tol))
    assert p.monotonic == (increasing or decreasing)
    if p.monotonic and p.direction != "constant":
        assert p.direction == ("increasing" if increasing else "decreasing")
    dd = np.diff(dy)
    dtol = 1e-12 * np.maximum(1.0, np.abs(dy[1:]))
    assert p.derivative_monotonic == (bool(np.all(dd >= -dtol)) or bool(np.all(dd <= dtol)))
    xs = x[x >= 0]
    a, b = f(xs), f(-xs)
    odd = bool(np.all(np.abs(a + b) <= 1e-9 * (1 + np.abs(a))))
    even = bool(np.all(np.abs(a - b) <= 1e-9 * (1 + np.abs(a))))
    assert p.symmetry == ("odd" if odd else "even" if even else "none")
    zero = np.array([0.0, -1e-7, 1e-7])
    f0, d0 = f(zero), df(zero)
    identity = abs(f0[0]) < 1e-12 and bool(np.all(np.abs(d0 - 1.0) < 1e-6))
    assert p.identity_near_origin == identity
    assert p.continuity_order == act.continuity_at()


@pytest.mark.parametrize("name", ALL)
def test_saturation_against_the_derivative_far_out(name):
    act = REGISTRY[name]
    p = act.properties()
    _, df = _scalar(name)
    for side, kind in ((-1, p.saturation_left), (1, p.saturation_right)):
        far = side * np.array([50.0, 200.0, 1e3])
        values = np.abs(df(far))
        start = max([10.0, *(abs(k) * 1.01 for k in p.kinks)])  # beyond every kink (gelu_10's is at 10)
        beyond = side * np.linspace(start, 1e3, 1001)
        if kind == "none":
            assert values[-1] > 1e-3 or not np.all(np.diff(values) <= 0)
        else:
            assert values[-1] < 1e-2  # f′ → 0 on that side
            exactly_zero = bool(np.all(df(beyond) == 0.0))
            assert exactly_zero == (kind == "hard")
    assert p.dead_zone == ("hard" in (p.saturation_left, p.saturation_right))
    assert p.saturation == {(False, False): "none", (True, False): "left", (False, True): "right",
                            (True, True): "both"}[(p.saturation_left != "none", p.saturation_right != "none")]


def test_expected_saturation_of_well_known_functions():
    sat = lambda n: (actviz.get(n).properties().saturation_left, actviz.get(n).properties().saturation_right)  # noqa: E731
    assert sat("sigmoid") == ("soft", "soft")
    assert sat("relu") == ("hard", "none")
    assert sat("elu") == ("soft", "none")
    assert sat("leaky_relu") == ("none", "none")
    assert sat("relu6") == ("hard", "hard")
    assert sat("gaussian") == ("soft", "soft")  # e^−x² underflows to 0 far out: still soft


def test_cache_is_current_and_equals_a_fresh_analysis():
    """Every entry is used (it hits), and it equals a fresh analysis up to rounding: a few ulps, which
    another CPU's exp or tanh may give, pass; anything larger says what really changed."""
    regenerate = "run 'python -m actviz.build'"
    stored = defaults_cache.load()
    assert set(stored) == set(ALL), f"the cache lists other activations than the catalogue: {regenerate}"
    for name in ALL:
        bound = REGISTRY[name].bind()
        key, record = stored[name]
        assert key == defaults_cache.key(bound, ALGORITHM), (
            f"{name}: its parameters, declared facts (limits, kinks, continuity) or analysis.ALGORITHM changed "
            f"since the cache was written: {regenerate}")
        assert defaults_cache.matches(record["fingerprint"], fingerprint(bound)), (
            f"{name}: f or f′ changed since the cache was written (its values at the probe points differ by more "
            f"than rounding): {regenerate}")
        hit = cached(bound)
        assert hit is not None
        diffs = close_records(defaults_cache.to_record(hit), defaults_cache.to_record(fresh_analysis(bound)))
        assert not diffs, (f"{name}: the analysis now derives other facts than the cache holds, by more than "
                           f"rounding: {'; '.join(diffs[:4])} — if the derivation changed on purpose, raise "
                           f"analysis.ALGORITHM and {regenerate}")


def test_exact_facts_are_exact_without_the_cache():
    """Pieces that are linear give exact one-sided limits on every CPU: hardswish's f′ runs over
    (−0.5, 1.5) exactly (a BLAS dot product once gave −0.4999999999999999 on AVX-512 machines)."""
    p = fresh_analysis(actviz.get("hardswish").bind())
    assert p.derivative_set == ((-0.5, 1.5, False, False),)
    assert fresh_analysis(actviz.get("hardshrink").bind()).range_set[0][1] == -0.5
    identity = fresh_analysis(actviz.get("identity").bind())  # Var Z = 1, to within its stated bound
    assert abs(identity.output_variance - 1.0) <= identity.moment_errors[1] <= 1e-13


def test_cache_key_follows_the_maths_not_the_source():
    """An entry is keyed on the function's values, facts and the algorithm's version: a different
    function under the same name misses it, the same function (another object) hits it."""
    import dataclasses

    relu = REGISTRY["relu"]
    twin = dataclasses.replace(relu)  # the same maths, another object
    assert defaults_cache.key(twin.bind(), ALGORITHM) == defaults_cache.key(relu.bind(), ALGORITHM)
    assert cached(twin.bind()) is not None
    shifted = dataclasses.replace(relu, fn=lambda x, alpha: relu.fn(x, alpha) + 1e-12)
    assert defaults_cache.key(shifted.bind(), ALGORITHM) == defaults_cache.key(relu.bind(), ALGORITHM)  # the same declared facts
    assert cached(shifted.bind()) is None  # but other values: the fingerprint differs
    slope = dataclasses.replace(relu, derivative_fn=lambda x, alpha: relu.derivative_fn(x, alpha) * (1 + 1e-11))
    assert cached(slope.bind()) is None
    kinked = dataclasses.replace(relu, kinks=(0.0, 1.0))
    assert cached(kinked.bind()) is None
    assert cached(relu.bind(alpha=0.5)) is None  # neither the defaults nor a point of the page (actviz.page_cache)


def test_properties_are_immutable():
    p = actviz.get("elu").properties(alpha=2.0)
    with pytest.raises(TypeError):
        p.params["alpha"] = 99  # type: ignore[index]
    with pytest.raises(dataclasses_frozen()):
        p.low = None  # type: ignore[misc]
    assert actviz.get("elu").properties(alpha=2.0).params["alpha"] == 2.0
    d = p.to_dict()
    d["params"]["alpha"] = 99  # a copy
    assert p.params["alpha"] == 2.0


def dataclasses_frozen():
    import dataclasses

    return dataclasses.FrozenInstanceError


@pytest.mark.parametrize(
    "name, params, expected",
    [
        ("silu", {"beta": 0.01}, "[−27.85, ∞)"),  # minimum at x ≈ −128: found from the parameters' scale
        ("elu", {"alpha": 0.01}, "(−0.01, ∞)"),
        ("srelu", {"t_left": -100.0, "a_left": 0.0, "t_right": 80.0, "a_right": 0.0}, "[−100, 80]"),
        ("hardtanh", {"min_val": 5.0, "max_val": 7.0}, "[5, 7]"),
        ("sigmoid", {"a": 1e4}, "(0, 1)"),
        ("smht", {"a": 0.7, "b": 1.2, "c": 0.9, "d": 0.4}, "(−∞, 0.6161]"),
        ("relu", {"alpha": -1.0}, "[0, ∞)"),
    ],
)
def test_ranges_for_other_parameters(name, params, expected):
    assert actviz.get(name).properties(**params).range_text == expected


def test_flat_maximum_of_the_derivative_is_found():
    # σ′(a·x)·a for a small slope is nearly flat near 0: its maximum a/4 must still be found
    assert actviz.get("sigmoid").properties(a=0.01).max_derivative == pytest.approx(0.0025, rel=1e-12)
    assert actviz.get("isru").properties(alpha=1e-4).derivative_range_text == "(0, 1]"


def test_vector_activations_are_analysed_in_the_two_logit_case():
    soft, sig = actviz.get("softmax").properties(), actviz.get("sigmoid").properties()
    assert soft.range_text == sig.range_text and soft.max_derivative == pytest.approx(sig.max_derivative)
    assert soft.note and "2 logits" in soft.note
    assert actviz.get("softmin").properties().direction == "decreasing"


def test_bad_parameters_raise():
    with pytest.raises(actviz.ParameterError):
        actviz.get("elu").properties(alpha=-1.0)
    with pytest.raises(actviz.ParameterError):
        actviz.get("elu").properties(alhpa=1.0)


# -- jumps, zero-gradient intervals, why f is not monotonic ---------------------------------------


def _spread_at(f, k):
    """max − min of f one float64 step left of k, at k and one step right: the jump, independently."""
    xs = np.array([np.nextafter(k, -np.inf), k, np.nextafter(k, np.inf)])
    v = f(xs)
    return float(v.max() - v.min())


@pytest.mark.parametrize("beta, threshold", [(1.0, 20.0), (2.0, 5.0), (0.5, 10.0)])
def test_softplus_jump_is_the_threshold_switch(beta, threshold):
    p = actviz.get("softplus").properties(beta=beta, threshold=threshold)
    exact = math.log1p(math.exp(-threshold)) / beta  # softplus(t)/β − t/β
    ((x, size),) = p.jumps
    assert x == threshold / beta
    assert size == pytest.approx(exact, rel=1e-3) and p.max_jump == size
    assert p.continuity == "discontinuous"  # the json key is unchanged
    assert p.material_jump == (exact > 1e-6 * p.f_scale)


def test_default_softplus_jump_is_reported_as_negligible():
    p = actviz.get("softplus").properties(threshold=20.0)
    assert not p.material_jump
    assert text.smoothness(p) == "discontinuous: jump 2.1e−09 at x = 20 (negligible)"
    big = actviz.get("softplus").properties(beta=2.0, threshold=5.0)
    assert big.material_jump and text.smoothness(big) == "discontinuous: jump 0.003358 at x = 2.5"


@pytest.mark.parametrize("name", ALL)
def test_jumps_against_float64_neighbours(name):
    act = REGISTRY[name]
    p = act.properties()
    f, _ = _scalar(name)
    if p.continuity_order >= 0:
        assert p.jumps == () and p.max_jump == 0
    found = dict(p.jumps)
    for k in (() if act.vector else act.kinks_at()):
        spread = _spread_at(f, k)
        if k in found:
            assert found[k] == pytest.approx(spread, rel=1e-3, abs=1e-12)
        else:  # continuous there: the neighbours differ by rounding and slope·ulp only
            assert spread < 1e-12 * max(1.0, abs(float(f(np.array([k]))[0])))


@pytest.mark.parametrize("name", ALL)
def test_zero_gradient_intervals_against_dense_evaluation(name):
    act = REGISTRY[name]
    p = act.properties()
    _, df = _scalar(name)
    # where f′ underflows to 0 in float64 it is not a zero-gradient interval: Laplace's φ((x − μ)/σ) with
    # σ = 0.28 does below x ≈ −10
    w = 9.0 if name == "laplace" else 20.0
    x = np.unique(np.concatenate([np.linspace(-w, w, 400_001), [k for k in p.kinks if abs(k) <= w]]))
    zero = df(x) == 0.0
    zero &= np.r_[False, zero[:-1]] | np.r_[zero[1:], False]  # on an interval: not an isolated zero such as gaussian′(0)
    inside = np.zeros_like(zero)
    for lo, hi, lc, hc in p.zero_gradient_intervals:
        inside |= ((x > lo) | (lc & (x == lo))) & ((x < hi) | (hc & (x == hi)))
        for end, closed in ((lo, lc), (hi, hc)):
            if math.isfinite(end):
                assert (float(df(np.array([end]))[0]) == 0.0) == closed
    assert np.array_equal(zero, inside), x[zero != inside][:5]
    unbounded = [i for i in p.zero_gradient_intervals if not (math.isfinite(i[0]) and math.isfinite(i[1]))]
    assert p.dead_zone == bool(unbounded)
    assert p.zero_gradient == tuple(i for i in p.zero_gradient_intervals if i not in unbounded)


@pytest.mark.parametrize(
    "name, params, text, bounded",
    [
        ("relu", {}, "(−∞, 0]", False),
        ("relu6", {}, "(−∞, 0] ∪ [6, ∞)", False),
        ("threshold", {"value": 2.0}, "(−∞, 1]", False),
        ("threshold", {"threshold": -3.0, "value": 0.0}, "(−∞, −3]", False),
        ("hardshrink", {}, "[−0.5, 0.5]", True),
        ("softshrink", {"lambd": 2.0}, "[−2, 2]", True),
        ("binary_step", {}, "(−∞, ∞)", False),
        ("leaky_relu", {}, "none", False),
    ],
)
def test_zero_gradient_for_other_parameters(name, params, text, bounded):
    p = actviz.get(name).properties(**params)
    assert p.zero_gradient_text == text
    assert bool(p.zero_gradient) == bounded
    assert p.to_dict()["zero_gradient"] == text


def test_why_not_monotonic_is_derived():
    ((kind, x, a, b),) = actviz.get("threshold").properties(value=2.0).turns
    assert (kind, x, a, b) == ("jump", 1.0, 2.0, pytest.approx(1.0))  # down from v = 2 to t = 1
    ((kind, x, a, b),) = actviz.get("leaky_relu").properties(alpha=-0.5).turns
    assert (kind, x, a, b) == ("corner minimum", 0.0, pytest.approx(-0.5), pytest.approx(1.0))
    ((kind, x, v, _),) = actviz.get("silu").properties().turns
    assert kind == "minimum" and x == pytest.approx(-1.2785, abs=1e-4) and v == pytest.approx(-0.2785, abs=1e-4)
    assert actviz.get("sinc").properties().turns[0][:2] == ("maximum", 0.0)
    for name in ALL:  # a monotonic f has no turns; a non-monotonic one has at least one explanation
        p = REGISTRY[name].properties()
        assert bool(p.turns) == (not p.monotonic), name


def test_monotonic_direction_and_closed_ends_in_the_record():
    assert actviz.get("softmin").properties().to_dict()["monotonic_direction"] == "decreasing"
    assert actviz.get("relu").properties().to_dict()["monotonic_direction"] == "increasing"
    assert actviz.get("gelu").properties().to_dict()["monotonic_direction"] == "none"
    d = actviz.get("relu").properties().to_dict()
    assert d["range_min_closed"] is True and d["range_max_closed"] is None  # [0, ∞)
    d = actviz.get("gaussian").properties().to_dict()
    assert d["range_min_closed"] is False and d["range_max_closed"] is True  # (0, 1]
