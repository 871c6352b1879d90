"""Exact facts (issue: ranges as true sets, one consistent softplus, formulas that follow the parameters).

The derived sets are checked against an independent dense evaluation: every value f takes on a fine
grid (kinks and their float64 neighbours included) lies in the set, nothing lies in a gap between
two pieces, every closed end and every isolated point is attained, and every interval is filled.
"""

from __future__ import annotations

import json
import math

import mpmath as mp
import numpy as np
import pytest
from references import OTHER_PARAMS

import actviz
from actviz import text
from actviz.catalog import REGISTRY
from actviz.formulas import plain_formula
from actviz.selection import select

SCALAR = [n for n in REGISTRY.names() if not REGISTRY[n].vector]


def render_text(renderable, width):
    import io

    from rich.console import Console

    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()


# -- the sets of the issue's table ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec, which, expected",
    [
        ("binary_step", "range", "{0, 1}"),
        ("threshold", "range", "{0} ∪ (1, ∞)"),
        ("threshold:threshold=2,value=-1", "range", "{−1} ∪ (2, ∞)"),
        ("hardshrink", "range", "(−∞, −0.5) ∪ {0} ∪ (0.5, ∞)"),
        ("relu", "derivative", "{0, 1}"),
        ("leaky_relu", "derivative", "{0.01, 1}"),
        ("relu:alpha=-1", "derivative", "{−1, 1}"),
        ("hardsigmoid", "derivative", "{0, 0.1667}"),
        ("hardtanh", "derivative", "{0, 1}"),
        ("relu6", "derivative", "{0, 1}"),
        ("softshrink", "derivative", "{0, 1}"),
        ("hardshrink", "derivative", "{0, 1}"),
        ("srelu", "derivative", "{0.1, 1}"),
        ("elu:alpha=0.5", "derivative", "(0, 0.5) ∪ {1}"),
        # a value set by convention at a kink is not a slope the function has
        ("elu:alpha=2", "derivative", "(0, 2)"),
        ("elu", "derivative", "(0, 1]"),  # α = 1: differentiable at 0, f′(0) = 1 is a true slope
        ("hardswish", "derivative", "(−0.5, 1.5)"),
        ("identity", "derivative", "{1}"),
        ("sigmoid", "range", "(0, 1)"),
        ("relu", "range", "[0, ∞)"),
        ("leaky_relu", "range", "(−∞, ∞)"),
        ("softplus:threshold=20", "derivative", "(0, 0.999999998) ∪ {1}"),
    ],
)
def test_the_issues_sets(spec, which, expected):
    p = select(spec).properties()
    assert (p.range_text if which == "range" else p.derivative_range_text) == expected


def test_json_gives_the_structure_of_the_set():
    (row,) = json.loads(actviz.table("hardshrink", format="json"))
    assert row["range"] == "(−∞, −0.5) ∪ {0} ∪ (0.5, ∞)"
    assert row["range_set"] == [
        {"min": None, "max": -0.5, "min_closed": False, "max_closed": False},
        {"point": 0.0},
        {"min": 0.5, "max": None, "min_closed": False, "max_closed": False},
    ]
    assert row["range_min"] is None and row["range_max"] is None  # infimum and supremum
    (row,) = json.loads(actviz.table("binary_step", format="json"))
    assert row["range_set"] == [{"point": 0.0}, {"point": 1.0}] and (row["range_min"], row["range_max"]) == (0, 1)
    assert row["derivative_set"] == [{"point": 0.0}]
    (row,) = json.loads(actviz.table("elu", alpha=0.5, format="json"))
    assert row["derivative_set"] == [{"min": 0.0, "max": 0.5, "min_closed": False, "max_closed": False},
                                     {"point": 1.0}]
    assert row["max_derivative"] == 1.0 and row["min_derivative"] == 0.0


def test_every_format_shows_the_exact_set():
    md = actviz.table("binary_step", "threshold", format="markdown")
    assert "| {0, 1} |" in md and "| {0} ∪ (1, ∞) |" in md
    tex = actviz.table("binary_step", "threshold", format="latex")
    assert r"$\{0, 1\}$" in tex and r"$\{0\} \cup (1, \infty)$" in tex
    csv = actviz.table("binary_step", format="csv", columns="name,range,range_set")
    assert csv.splitlines()[1] == 'binary_step,"{0, 1}","[{""point"": 0.0}, {""point"": 1.0}]"'
    rich = actviz.table("hardshrink", format="rich", width=100, columns="name,range,derivative_range")
    assert "(−∞, −0.5) ∪ {0} ∪ (0.5, ∞)" in rich and "{0, 1}" in rich
    from actviz.terminal import info_card

    card = render_text(info_card(actviz.properties("binary_step")), 100)
    assert "{0, 1}" in card.split("Range", 1)[1].splitlines()[0]


def test_the_cheatsheet_caption_is_the_exact_set():
    fig = actviz.cheatsheet("binary_step", "hardshrink", "threshold", dpi=30)
    texts = [t.get_text() for t in fig.texts]
    assert "range {0, 1}" in texts and "range (−∞, −0.5) ∪ {0} ∪ (0.5, ∞)" in texts and "range {0} ∪ (1, ∞)" in texts


# -- the derived sets against a dense evaluation, at the defaults and other parameters ---------------------------


def _dense(bound, derivative: bool):
    """Values of f (or f′, where it exists) on a dense grid with every kink and its neighbours."""
    kinks = np.array(bound.kinks(), dtype=float)
    base = np.concatenate([np.linspace(-60.0, 60.0, 240001), np.geomspace(60.0, 1e6, 2000),
                           -np.geomspace(60.0, 1e6, 2000)])
    near = [k + s * d * max(1.0, abs(k)) for k in kinks for s in (-1, 1) for d in (1e-12, 1e-9, 1e-6, 1e-3)]
    x = np.unique(np.concatenate([base, kinks, np.array(near, dtype=float)]))
    with np.errstate(all="ignore"):
        values = bound.derivative(x) if derivative else bound(x)
    if derivative and kinks.size:  # at a kink f′ exists only where the slopes on both sides agree with it
        keep = np.ones(x.shape, dtype=bool)
        for k in kinks:
            left, right = bound.derivative(np.nextafter(k, -np.inf)), bound.derivative(np.nextafter(k, np.inf))
            fl, fk, fr = bound(np.nextafter(k, -np.inf)), bound(k), bound(np.nextafter(k, np.inf))
            smooth = abs(left - right) <= 1e-6 * max(1.0, abs(left)) and abs(fl - fr) <= 1e-9 * max(1.0, abs(fk))
            if not smooth:
                keep &= x != k
        x, values = x[keep], values[keep]
    return values[np.isfinite(values)]


def _within(v, lo, hi, lc, hc, tol):
    above = v > lo - tol if lc or not math.isfinite(lo) else v > lo - tol
    below = v < hi + tol if hc or not math.isfinite(hi) else v < hi + tol
    return above & below


def _check_set(pieces, values, what):
    scale = max(1.0, float(np.max(np.abs(values), initial=0.0)))
    tol = 1e-9 * scale
    inside = np.zeros(values.shape, dtype=bool)
    for lo, hi, lc, hc in pieces:
        inside |= _within(values, lo, hi, lc, hc, tol)
    assert inside.all(), f"{what}: {values[~inside][:5]} outside {pieces}"
    for lo, hi, lc, hc in pieces:
        if lo == hi:  # an isolated point is a value taken
            assert np.min(np.abs(values - lo)) <= tol, f"{what}: point {lo} never taken"
            continue
        span = hi - lo
        for end, closed in ((lo, lc), (hi, hc)):  # an interior extremum falls between grid points: ~Δx² f″
            if math.isfinite(end) and closed:
                assert np.min(np.abs(values - end)) <= 1e-6 * scale, f"{what}: closed end {end} not attained"
        if math.isfinite(span):  # filled: every tenth of a bounded interval is hit
            grid = lo + span * (np.arange(10) + 0.5) / 10
            got = values[(values >= lo) & (values <= hi)]
            hits = [np.min(np.abs(got - g)) <= span / 10 for g in grid]
            assert all(hits), f"{what}: interval ({lo}, {hi}) is not filled"
    for (_, hi, _, _hc), (lo2, _, _lc2, _) in zip(pieces, pieces[1:]):  # nothing in the gaps
        gap = values[(values > hi + tol) & (values < lo2 - tol)]
        assert gap.size == 0, f"{what}: values {gap[:3]} in the gap ({hi}, {lo2})"


def _param_sets(name):
    return [{}] + OTHER_PARAMS.get(name, []) + RANDOM_PARAMS.get(name, [])


#: more parameters for the piecewise functions, drawn once from a seeded generator (valid domains)
_rng = np.random.default_rng(20261129)
RANDOM_PARAMS = {
    "relu": [{"alpha": float(a)} for a in _rng.uniform(-2, 2, 3)],
    "leaky_relu": [{"alpha": float(a)} for a in _rng.uniform(-1, 1, 2)],
    "threshold": [{"threshold": float(t), "value": float(v)} for t, v in _rng.uniform(-3, 3, (3, 2))],
    "hardshrink": [{"lambd": float(v)} for v in _rng.uniform(0, 2, 2)],
    "softshrink": [{"lambd": float(v)} for v in _rng.uniform(0, 2, 2)],
    "srelu": [{"t_left": -1.0, "a_left": float(a), "t_right": 2.0, "a_right": float(b)}
              for a, b in _rng.uniform(-1, 2, (3, 2))] + [{"t_left": 0.5, "a_left": 0.3, "t_right": 0.5,
                                                             "a_right": 0.3}],
    "elu": [{"alpha": float(a)} for a in _rng.uniform(0.1, 3, 2)],
    "celu": [{"alpha": float(a)} for a in _rng.uniform(0.1, 3, 2)],
    "hardtanh": [{"min_val": -2.0, "max_val": 0.5}],
    "softplus": [{"beta": 1.0, "threshold": 20.0}, {"beta": 0.5, "threshold": 5.0}],
}


@pytest.mark.parametrize("name, params", [pytest.param(n, p, id=f"{n}-{p}") for n in SCALAR for p in _param_sets(n)])
def test_derived_sets_match_a_dense_evaluation(name, params):
    bound = REGISTRY[name].bind(params)
    p = bound.properties()
    _check_set(p.range_set, _dense(bound, False), f"{name}{params} range")
    _check_set(p.derivative_set, _dense(bound, True), f"{name}{params} f′")
    # the infimum and supremum are the set's ends
    assert p.low.value == p.range_set[0][0] and p.high.value == p.range_set[-1][1]
    assert p.derivative_low.value == p.derivative_set[0][0] and p.derivative_high.value == p.derivative_set[-1][1]


# -- softplus: one function, described consistently -----------------------------------------------------------


def test_default_softplus_is_the_mathematical_one():
    p = actviz.properties("softplus")
    assert p.continuity == "C∞" and p.direction == "increasing" and p.max_jump == 0 and p.kinks == ()
    x = np.concatenate([np.linspace(-1e6, 1e6, 200001), np.linspace(-40, 40, 8001)])
    sp = actviz.get("softplus")
    sigma = np.where(x >= 0, 1.0 / (1.0 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1.0 + np.exp(-np.abs(x))))
    np.testing.assert_allclose(sp.derivative(x), sigma, rtol=1e-15, atol=0)
    assert np.all(np.diff(sp(np.linspace(-50, 50, 100001))) >= 0)


@pytest.mark.parametrize("beta, threshold", [(1.0, 20.0), (0.5, 5.0), (2.0, 10.0)])
def test_softplus_with_the_switch_is_described_as_implemented(beta, threshold):
    b = actviz.get("softplus").bind(beta=beta, threshold=threshold)
    p = b.properties()
    k = threshold / beta
    at, after = float(b(k)), float(b(np.nextafter(k, np.inf)))
    assert at > after  # the switch drops f: it is not monotonic, whatever the size of the drop
    assert p.monotonic is False and p.continuity == "discontinuous" and p.kinks == (k,)
    assert p.range_text == "(0, ∞)"
    assert p.jumps[0][1] == pytest.approx(at - after, rel=1e-6)


# -- formulas, titles and notes follow the parameters ---------------------------------------------------------


@pytest.mark.parametrize(
    "spec, formula, derivative",
    [
        ("relu", "f(x) = max(0,x)", "f′(x) = 1 if x>0, else 0"),
        ("leaky_relu", "f(x) = max(0,x) + α min(0,x)", "f′(x) = 1 if x>0, else α"),
        ("relu:alpha=0.1", "f(x) = max(0,x) + α min(0,x)", "f′(x) = 1 if x>0, else α"),
        ("prelu:alpha=1", "f(x) = x", "f′(x) = 1"),
        ("rrelu:lower=0,upper=0", "f(x) = max(0,x)", "f′(x) = 1 if x>0, else 0"),
        ("gelu:approximate=tanh", "f(x) = (x/2)(1 + tanh(√(2/π)(x + 0.044715 x³)))",
         "f′(x) = (1 + tanh(u))/2 + (x/2)(1 − tanh²(u)) √(2/π)(1 + 0.134145 x²),  u = √(2/π)(x + 0.044715 x³)"),
        ("gelu", "f(x) = x Φ(x) = (x/2)(1 + erf(x/√2))", "f′(x) = Φ(x) + x φ(x)"),
        ("softplus", "f(x) = (1/β)log(1+e^(β x))", "f′(x) = σ(β x)"),
        ("softplus:threshold=20", "f(x) = x if β x > t, else (1/β)log(1+e^(β x))", "f′(x) = 1 if β x > t, else σ(β x)"),
        ("soft_exponential:alpha=0", "f(x) = x", "f′(x) = 1"),
        ("hardshrink:lambd=0", "f(x) = x", "f′(x) = 1"),
        ("softshrink:lambd=0", "f(x) = x", "f′(x) = 1"),
        ("srelu:t_left=0,a_left=0.3,t_right=0,a_right=0.3", "f(x) = t_l + a_l(x−t_l)", "f′(x) = a_l"),
        ("srelu:a_left=0,a_right=1", "f(x) = t_l (x ≤ t_l),  x (x > t_l)", "f′(x) = 0 (x ≤ t_l),  1 (x > t_l)"),
        ("bent_identity", "f(x) = (√(x²+1)−1)/2 + x", "f′(x) = x/(2√(x²+1)) + 1"),
    ],
)
def test_formulas_follow_the_parameters(spec, formula, derivative):
    b = select(spec)
    assert plain_formula(b.formula) == formula
    assert plain_formula(b.derivative_formula) == derivative


def test_the_formula_drawn_and_printed_is_the_one_for_the_parameters():
    tanh_gelu = select("gelu:approximate=tanh")
    fig = actviz.plot(tanh_gelu, points=20, dpi=30)
    texts = [t.get_text() for t in fig.texts]
    assert text.formula_math(tanh_gelu, display=True) in texts and not any("erf" in t for t in texts)
    poster = actviz.cheatsheet("gelu:approximate=tanh", "relu", dpi=30)
    poster_texts = [t.get_text() for t in poster.texts]
    assert "$f(x) = \\max(0,x)$" in poster_texts and any("tanh" in t and "0.044715" in t for t in poster_texts)
    md = actviz.table("gelu", approximate="tanh", format="markdown")
    assert "0.044715" in md and "erf" not in md
    assert "0.044715" in actviz.table("gelu", approximate="tanh", format="latex")
    card = actviz.table("relu", format="csv", columns="name,formula")
    assert card.splitlines()[1] == 'relu,"f(x) = \\max(0,x)"'


def test_symbols_map_to_parameter_names():
    from actviz.terminal import info_card

    card = " ".join(render_text(info_card(actviz.properties("threshold")), 120).split())
    assert "threshold t 1 1" in card and "value v 0 0" in card
    md = actviz.table("threshold", "srelu", format="markdown")
    assert "threshold: t = threshold, v = value" in md and "t_l = t_left" in md
    assert "% Symbols in the formulas: threshold: $t$ = threshold, $v$ = value." in actviz.table("threshold", format="latex")
    rich = actviz.table("hardtanh", format="rich", width=120, columns="name,formula")
    assert "hardtanh: m₋ = min_val, m₊ = max_val" in " ".join(rich.split())


def test_continuity_is_derived_for_the_parameters():
    line = actviz.properties("srelu", t_left=0.5, a_left=0.3, t_right=0.5, a_right=0.3)
    assert line.continuity == "C∞" and line.kinks == () and line.derivative_range_text == "{0.3}"
    assert actviz.properties("srelu").continuity == "C⁰"
    assert actviz.properties("relu", alpha=1.0).continuity == "C∞"
    assert actviz.properties("elu").continuity == "C¹" and actviz.properties("elu", alpha=2.0).continuity == "C⁰"
    assert actviz.properties("threshold", threshold=1.0, value=1.0).continuity == "C⁰"
    assert actviz.properties("squared_relu").continuity == "C¹"


# -- notes say only what is true, every number in them checked ---------------------------------------------------


def _note(name, piece):
    matches = [n for n in REGISTRY[name].notes + (REGISTRY[name].summary,) if piece in n]
    assert matches, f"{name}: no note says {piece!r}"
    return matches[0]


def _checks():
    def gelu_min():
        p = actviz.properties("gelu")
        assert round(p.low.value, 2) == -0.17 and round(p.low.at, 2) == -0.75

    def quick_gelu_gap():
        x = np.linspace(-10, 10, 200001)
        gap = np.max(np.abs(actviz.get("quick_gelu")(x) - actviz.get("gelu")(x)))
        assert 0.015 < gap < 0.025

    def silu_min():
        assert round(actviz.properties("silu").low.value, 3) == -0.278

    def bent_slopes():
        assert actviz.properties("bent_identity").derivative_range_text == "(0.5, 1.5)"

    def sigmoid_slope():
        for a in (1.0, 2.5):
            assert actviz.properties("sigmoid", a=a).max_derivative == pytest.approx(a / 4, rel=1e-12)

    def lecun():
        p = actviz.properties("lecun_tanh")
        assert round(p.output_variance, 3) == 0.750
        assert float(actviz.get("lecun_tanh")(1.0)) == pytest.approx(1.0, abs=1e-4)
        assert float(actviz.get("lecun_tanh").derivative(0.0)) == pytest.approx(1.14, abs=5e-3)

    def step_limit():
        sig = actviz.get("sigmoid")
        assert float(sig(0.0, a=1e6)) == 0.5 and float(actviz.get("binary_step")(0.0)) == 1.0
        assert float(sig(1e-3, a=1e6)) == 1.0 and float(sig(-1e-3, a=1e6)) == 0.0

    def relu6_dead():
        assert actviz.properties("relu6").zero_gradient_text == "(−∞, 0] ∪ [6, ∞)"

    def hardswish_dead():
        assert actviz.properties("hardswish").zero_gradient_text.startswith("(−∞, −3]")

    def soft_exp_origin():
        assert float(actviz.get("soft_exponential")(0.0, alpha=0.5)) == 0.5

    def softplus_switch():
        p = actviz.properties("softplus", threshold=20.0)
        assert p.kinks == (20.0,) and not p.monotonic and p.jumps[0][1] == pytest.approx(math.log1p(math.exp(-20)))

    def relu_slope():
        assert actviz.properties("relu").derivative_range_text == "{0, 1}"

    def threshold_relu():
        x = np.linspace(-3, 3, 61)
        np.testing.assert_array_equal(actviz.get("threshold")(x, threshold=0.0, value=0.0), actviz.get("relu")(x))

    def selu_moments():
        p = actviz.properties("selu")
        assert abs(p.mean_output) < 1e-6 and abs(p.output_variance - 1) < 1e-6

    def isrlu_range():
        assert actviz.properties("isrlu", alpha=4.0).range_text == "(−0.5, ∞)"

    def rrelu_mean():
        assert actviz.properties("rrelu").derivative_range_text == "{0.2292, 1}"

    def tanhshrink_origin():
        assert float(actviz.get("tanhshrink").derivative(0.0)) == 0.0

    def squareplus_origin():
        assert float(actviz.get("squareplus")(0.0)) == 1.0

    def celu_c1():
        assert actviz.properties("celu", alpha=2.0).continuity == "C¹"

    def bent_centre():
        assert not actviz.properties("bent_identity").zero_centred

    def soft_exp_domain():
        with pytest.raises(actviz.ParameterError, match="alpha"):
            actviz.get("soft_exponential").bind(alpha=-0.5)

    def hardsigmoid_dead():
        assert actviz.properties("hardsigmoid").zero_gradient_text == "(−∞, −3] ∪ [3, ∞)"

    def arctan_tail():
        x = np.array([1e4, -1e4])
        np.testing.assert_allclose(x * x * actviz.get("arctan").derivative(x), 1.0, rtol=1e-7)

    def smht_claims():
        x = np.linspace(-5, 5, 101)
        np.testing.assert_allclose(actviz.get("smht")(x, a=0.7, b=0.7, c=0.7, d=0.7), np.tanh(0.7 * x), rtol=1e-12)
        p = actviz.properties("smht")
        assert p.range_min == -1.0 and p.range_max is None

    def squared_dead():
        assert actviz.properties("squared_relu").zero_gradient_text == "(−∞, 0]"

    def tanhexp_peak():
        assert round(actviz.properties("tanhexp").max_derivative, 3) == 1.062

    def sinc_tails():
        p = actviz.properties("sinc")
        assert p.derivative_limits == (0.0, 0.0) and p.saturation == "both" and p.range_max == 1.0

    def softmax_big():
        np.testing.assert_allclose(actviz.get("softmax")(np.array([1000.0, 1001.0, 999.0])),
                                   [0.2447, 0.6652, 0.0900], atol=1e-4)

    return {
        ("gelu", "minimum ≈ −0.17 at x ≈ −0.75"): gelu_min,
        ("quick_gelu", "within about 0.02"): quick_gelu_gap,
        ("silu", "minimum ≈ −0.278"): silu_min,
        ("bent_identity", "between 1/2 and 3/2"): bent_slopes,
        ("bent_identity", "slope 1/2 far left, 3/2 far right"): bent_slopes,
        ("sigmoid", "σ′ ≤ a/4"): sigmoid_slope,
        ("lecun_tanh", "Var f(Z) = 0.750"): lecun,
        ("lecun_tanh", "f(±1) = ±1 and the slope at 0 is about 1.14"): lecun,
        ("binary_step", "σ(a·0) = ½ while H(0) = 1"): step_limit,
        ("relu6", "dead below 0 and above 6"): relu6_dead,
        ("relu6", "min(max(0, x), 6)"): relu6_dead,
        ("hardswish", "Dead for x < −3"): hardswish_dead,
        ("soft_exponential", "f(0) = α for α > 0"): soft_exp_origin,
        ("softplus", "where βx > 20"): softplus_switch,
        ("relu", "f′ = 1 for x > 0"): relu_slope,
        ("threshold", "threshold = value = 0 gives ReLU"): threshold_relu,
        ("threshold", "threshold = 1, value = 0"): threshold_relu,
        ("selu", "mean 0 and variance 1"): selu_moments,
        ("isrlu", "x/√(1 + αx²)"): isrlu_range,
        ("rrelu", "(lower + upper)/2"): rrelu_mean,
        ("tanhshrink", "f′(0) = 0"): tanhshrink_origin,
        ("squareplus", "f(0) = √b/2"): squareplus_origin,
        ("celu", "f′ is continuous at 0 for any α"): celu_c1,
        ("bent_identity", "Not zero-centred under N(0, 1) input"): bent_centre,
        ("soft_exponential", "α < 0"): soft_exp_domain,
        ("hardsigmoid", "f′ is exactly 0 for |x| ≥ 3"): hardsigmoid_dead,
        ("arctan", "f′ ~ 1/x²"): arctan_tail,
        ("smht", "a = b = c = d gives tanh(a·x)"): smht_claims,
        ("squared_relu", "Dead for x < 0"): squared_dead,
        ("tanhexp", "f′ peaks at 1.062"): tanhexp_peak,
        ("sinc", "f′ → 0 on both sides"): sinc_tails,
        ("softmax", "(1000, 1001, 999)"): softmax_big,
    }


def _checks_transformers():
    """Issue 26's functions: their notes' numbers, against independent computations."""

    def laplace_matches_squared_relu():
        # at x = √(1/2): f = 1/2 = max(0, x)², and f′ = 1/(σ√(2π)) = √2 = 2x, with MEGA's exact μ and σ
        x = mp.sqrt(mp.mpf(1) / 2)
        f, df = actviz.get("laplace"), actviz.get("laplace").derivative
        assert float(f(float(x))) == pytest.approx(float(x * x), rel=1e-15)
        assert float(df(float(x))) == pytest.approx(float(2 * x), rel=1e-14)

    def xielu_implementation():
        hf = actviz.get("xielu", framework="transformers")
        eps = float(mp.mpf(-9.98377799987793e-07))
        assert dict(hf.fixed)["eps"] == eps and abs(eps - -1e-6) < 2e-9  # bfloat16(−1e−6)
        assert float(hf.derivative(eps / 2)) == pytest.approx(-0.3, abs=1e-3)  # β − αn on [ε, 0]
        assert float(hf(0.0)) == pytest.approx(-8e-7, rel=1e-3) and float(hf(1e-12)) > 0  # the jump at 0
        assert actviz.properties("xielu").continuity == "C¹"

    def sqrtsoftplus_tails():
        f = actviz.get("sqrtsoftplus")
        assert float(f(-50.0)) == pytest.approx(math.exp(-25.0), rel=1e-12)
        assert float(f.derivative(1e8)) == pytest.approx(0.5e-4, rel=1e-6)  # 1/(2√x)
        assert actviz.properties("sqrtsoftplus").derivative_limits == (0.0, 0.0)

    def gelu_10():
        f = actviz.get("gelu_10", framework="transformers")
        assert float(f(9.99)) == pytest.approx(9.99) and float(f(10.5)) == 10.0 and float(f(-1e3)) == 0.0
        assert float(f.derivative(9.99)) == pytest.approx(1.0, abs=1e-12) and float(f.derivative(10.01)) == 0.0

    def xielu_slopes():
        p = actviz.properties("xielu")
        assert p.derivative_limits == (0.5 - 0.8, math.inf) and float(actviz.get("xielu").derivative(0.0)) == 0.5
        assert not p.monotonic and p.limits == (math.inf, math.inf)

    def swigluoai_issue_values():
        # the issue's values, and the form against 40-digit mpmath: (min(up, 7) + 1)·g·σ(1.702g), g = min(gate, 7)
        def ref(gate, up):
            g = min(mp.mpf(gate), 7)
            return (min(max(mp.mpf(up), -7), 7) + 1) * g / (1 + mp.exp(-mp.mpf("1.702") * g))

        f = actviz.get("swigluoai")
        for gate, up, want in ((8.0, 8.0, 55.9996250264), (1.0, 0.5, 1.2686936489)):
            assert float(f(gate, value=up)) == pytest.approx(float(ref(gate, up)), rel=1e-14)
            assert float(f(gate, value=up)) == pytest.approx(want, abs=1e-10)

    return {
        ("swigluoai", "enters as up + 1"): swigluoai_issue_values,
        ("xielu", "through β at 0"): xielu_slopes,
        ("laplace", "near x = √(1/2)"): laplace_matches_squared_relu,
        ("xielu", "ε = −1e−6 (a bfloat16 buffer, −9.98e−7)"): xielu_implementation,
        ("sqrtsoftplus", "f ~ e^(x/2) far left"): sqrtsoftplus_tails,
        ("clipped_gelu", "clipped to [−10, 10]: equal to GELU up to x = 10"): gelu_10,
    }


CHECKS = {**_checks(), **_checks_transformers()}


@pytest.mark.parametrize("name, piece", list(CHECKS))
def test_every_numeric_claim_in_the_notes_holds(name, piece):
    _note(name, piece)
    CHECKS[(name, piece)]()


def test_no_note_has_an_unchecked_number():
    """A note with a number needs a check above: new claims come with their test."""
    import re

    for name in REGISTRY.names():
        act = REGISTRY[name]
        for note in act.notes:
            if re.search(r"\d", note):
                assert any(n == name and piece in note for n, piece in CHECKS), f"{name}: unchecked {note!r}"


def test_the_vanishing_gradient_advice_says_what_the_gradient_lesson_measures():
    """f′ ≤ 0.25 shrinks the gradient at least 4-fold per layer through f′ alone; a layer with weights
    shrinks it less (the lesson measures it), so the advice must not claim 4-fold per layer."""
    from actviz.advice import advice

    sentence = next(a for a in advice(actviz.properties("sigmoid")) if "fold" in a)
    assert "its own factor in the chain rule shrinks the gradient at least 4-fold" in sentence
    (flow,) = actviz.gradient("sigmoid", layers=20, init="he")
    per_layer = 10 ** (-flow.log10_ratio / 19)  # first/last over 19 steps
    assert 1.0 < per_layer < 4.0  # the weights make up part of σ′'s factor


# -- expressions whose floats mislead: the sets follow the mathematics ------------------------------------
# Expected values worked out by hand: σ(10¹⁰x) and erf(10⁸x) never reach their limits; a function
# whose inf equals its sup is constant (the value attained); √|x| is continuous at 0 with an infinite
# slope there; ∛x likewise (C⁰, not C∞, though its slopes agree); max(0, x)² is flat left of 0 (a
# true zero of f′ ending at the join), σ(10¹⁰x)′ is nowhere exactly 0 (its zeros are underflow).
EXPRESSION_FACTS = [
    ("sigmoid(1e10*x)", "(0, 1)", None, (), math.inf),
    ("erf(1e8*x)", "(−1, 1)", None, (), math.inf),
    ("cos(x)**2 + sin(x)**2", "{1}", None, None, math.inf),
    ("abs(x)**0.5", "[0, ∞)", "(−∞, 0) ∪ (0, ∞)", (), 0.0),
    ("sign(x)*abs(x)**(1/3)", "(−∞, ∞)", "(0, ∞)", (), 0.0),
    ("max(0, x)**2", "[0, ∞)", "[0, ∞)", ((-math.inf, 0.0, False, True),), 1.0),
    ("where(x > 0, x, expm1(x))", "(−1, ∞)", "(0, 1]", (), 1.0),
]


@pytest.mark.parametrize("spec, range_text, derivative_text, zero, continuity", EXPRESSION_FACTS)
def test_expression_facts_follow_the_mathematics_not_the_floats(spec, range_text, derivative_text, zero, continuity):
    p = actviz.properties(spec)
    assert p.range_text == range_text
    if derivative_text is not None:
        assert text.pieces(p.derivative_set) == derivative_text
    if zero is not None:
        assert p.zero_gradient_intervals == zero
    assert p.continuity_order == continuity


def test_a_constant_piece_is_a_point_not_an_empty_interval():
    for spec in ("cos(x)**2 + sin(x)**2", "where(x > 1, 2, x)"):
        for lo, hi, lc, hc in actviz.properties(spec).range_set:
            assert lo < hi or (lc and hc), (spec, lo, hi)


def test_infinite_inputs_are_the_limits_of_the_catalogue_function_too():
    # sigmoid with a = 1e10, the catalogue's: the same sets as the expression above
    assert actviz.properties("sigmoid", a=1e10).range_text == "(0, 1)"


# -- the notes of the functions added with the frameworks (issue 13) ------------------------------------------


def _new_checks():
    def reglu_zero():
        x = np.linspace(-5, 0, 51)
        assert np.all(actviz.get("reglu")(x) == 0) and np.all(actviz.get("reglu")(x, value=-3.0) == 0)

    def swiglu_silu():
        x = np.linspace(-6, 6, 121)
        np.testing.assert_allclose(actviz.get("swiglu")(x), actviz.get("silu")(x), rtol=1e-15)

    def sparsemax_halves():
        x = np.linspace(-3, 3, 121)
        pairs = np.stack([x, np.zeros_like(x)], axis=-1)
        np.testing.assert_array_equal(actviz.get("sparsemax")(pairs)[:, 0], actviz.get("sparse_sigmoid")(x))
        np.testing.assert_array_equal(actviz.get("sparse_sigmoid")(x), np.clip((x + 1) / 2, 0, 1))

    def sparse_sigmoid_ends():
        x = np.concatenate([np.linspace(-9, -1, 50), np.linspace(1, 9, 50)])
        assert set(actviz.get("sparse_sigmoid")(x)) == {0.0, 1.0}

    def maxout_pieces():
        m, x = actviz.get("maxout"), np.linspace(-4, 4, 81)
        np.testing.assert_array_equal(m(x, w1=1.0, w2=0.0), actviz.get("relu")(x))
        np.testing.assert_allclose(m(x, w1=1.0, w2=0.1), actviz.get("leaky_relu")(x, alpha=0.1), rtol=1e-15)
        np.testing.assert_array_equal(m(x, w1=1.0, w2=-1.0), np.abs(x))

    def maxout_defaults():
        assert actviz.get("maxout").defaults == {"w1": 1.0, "b1": 0.0, "w2": -0.5, "b2": 0.0}

    def exp_overflow():
        assert np.isfinite(actviz.get("exponential")(709.78)) and np.isinf(actviz.get("exponential")(709.79))

    def sparse_plus_facts():
        p = actviz.properties("sparse_plus")
        assert p.continuity == "C¹" and p.zero_gradient_text == "(−∞, −1]"
        x = np.linspace(1, 50, 99)
        np.testing.assert_array_equal(actviz.get("sparse_plus")(x), x)

    def hard_elish_ends():
        he, x = actviz.get("hard_elish"), np.linspace(1, 40, 79)
        np.testing.assert_array_equal(he(x), x)
        assert np.all(he(np.linspace(-40, -1, 79)) == 0)
        assert set(actviz.properties("hard_elish").kinks) == {-1.0, 1.0}

    def snake_monotonic():
        p = actviz.properties("snake", alpha=0.7)
        assert p.monotonic and p.min_derivative == 0.0

    def star_moments():
        p = actviz.properties("star_relu")
        assert abs(p.mean_output) < 1e-12 and abs(p.output_variance - 1) < 1e-4
        assert round(2 / np.sqrt(5), 4) == 0.8944 and round(-1 / np.sqrt(5), 4) == -0.4472

    def logcosh_ends():
        lc = actviz.get("logcosh")
        np.testing.assert_allclose(lc(np.array([1e-4])), [0.5e-8], rtol=1e-8)
        np.testing.assert_allclose(lc(np.array([-30.0, 30.0])), 30 - np.log(2), rtol=1e-15)

    def gumbel_limits():
        g = actviz.get("gumbel_softmax")
        np.testing.assert_allclose(g(np.array([1.0, 0.0]), tau=0.01), [1.0, 0.0], atol=1e-40)
        np.testing.assert_allclose(g(np.array([1.0, 0.0, -1.0]), tau=1e6), 1 / 3, rtol=1e-5)

    def sparsemax_sparse():
        out = actviz.get("sparsemax")(np.array([[3.0, 1.0, -3.0], [0.3, 0.0, -0.2], [2.0, 1.5, -1.0]]))
        np.testing.assert_allclose(out.sum(axis=-1), 1.0, rtol=1e-15)
        np.testing.assert_allclose(out, [[1, 0, 0], [0.6, 0.3, 0.1], [0.75, 0.25, 0]], rtol=1e-15)

    return {
        ("sparsemax", "small logits get exactly 0"): sparsemax_sparse,
        ("reglu", "exactly 0 for b ≤ 0"): reglu_zero,
        ("swiglu", "SiLU (β = 1)"): swiglu_silu,
        ("sparsemax", "(x + 1)/2 clipped to [0, 1]"): sparsemax_halves,
        ("sparse_sigmoid", "exactly 0 or 1 outside [−1, 1]"): sparse_sigmoid_ends,
        ("sparse_sigmoid", "Sparsemax of the two logits (x, 0)"): sparsemax_halves,
        ("maxout", "(x, 0) is ReLU, (x, αx) leaky ReLU, (x, −x) |x|"): maxout_pieces,
        ("maxout", "k = 2 pieces; the defaults (x and −x/2)"): maxout_defaults,
        ("exponential", "beyond x ≈ 709.78"): exp_overflow,
        ("sparse_plus", "f′ = 0 exactly for x ≤ −1"): sparse_plus_facts,
        ("hard_elish", "exactly 0 (dead) for x ≤ −1, the identity for x ≥ 1"): hard_elish_ends,
        ("hard_elish", "f′ jumps at ±1"): hard_elish_ends,
        ("snake", "f′ = 1 + sin(2αx) ≥ 0"): snake_monotonic,
        ("star_relu", "0.8944 and −0.4472"): star_moments,
        ("logcosh", "≈ x²/2 near 0 and ≈ |x| − log 2 far out"): logcosh_ends,
        ("gumbel_softmax", "τ → 0 approaches a one-hot sample"): gumbel_limits,
    }


CHECKS.update(_new_checks())


@pytest.mark.parametrize("name, piece", list(_new_checks()))
def test_the_new_notes_hold(name, piece):
    _note(name, piece)
    CHECKS[(name, piece)]()


@pytest.mark.parametrize(("spec", "expected"), [
    # two slopes, however small one of them is, are two values (they once merged into one)
    ("maxout:w1=0,b1=-1,w2=-1.1754943508222875e-38,b2=0", ((-1.1754943508222875e-38,) * 2 + (True, True),
                                                             (0.0, 0.0, True, True))),
    ("leaky_relu:alpha=1e-300", ((1e-300, 1e-300, True, True), (1.0, 1.0, True, True))),
])
def test_tiny_but_distinct_values_stay_distinct(spec, expected):
    assert select(spec).properties().derivative_set == expected


@pytest.mark.parametrize("threshold", [1e300, 1e308, 1.7e308])
def test_softplus_switching_near_the_largest_float(threshold):
    """The switch to x at t/β near the largest float: f′ = 1 is still taken beyond it (a random hunt found
    the extrapolation at the kink overflowing into a range of {0, 1e+308} ∪ (∞, ∞))."""
    p = select(f"softplus:threshold={threshold}").properties()
    assert p.range_text == "(0, ∞)" and p.derivative_range_text == "(0, 1]"
