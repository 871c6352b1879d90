"""Moments under N(0, 1) against mpmath: every catalogue function at its defaults and at far parameters
(narrow features: sigmoid a = 1000; nearly flat ones: softplus β = 10⁻³), and a corpus of expressions
(narrow peaks, fast oscillations, kinks far from 0). The reference integrates the same float64 f with
mpmath.quad at 30 digits, split at break points chosen here from the function's known scales, so it
checks the quadrature (its break points, refinement and stated bound), not f."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

import actviz
from actviz.analysis import scalar_functions
from actviz.quadrature import GAUSS, KRONROD, NODES, normal_expectations
from actviz.selection import select

mp.mp.dps = 30

#: (spec, the scales (x positions) where its features are, for the reference's break points)
FAR = [
    ("sigmoid:a=1000", [1e-3]), ("sigmoid:a=0.001", []), ("softplus:beta=0.001", []), ("softplus:beta=300", [1 / 300]),
    ("silu:beta=100", [1e-2]), ("silu:beta=0.05", [20.0]), ("elu:alpha=1000", []), ("celu:alpha=0.002", [0.002]),
    ("isru:alpha=1000", []), ("snake:alpha=40", [math.pi / 40]), ("softshrink:lambd=7", [7.0]),
    ("hardshrink:lambd=3", [3.0]), ("hardtanh:min_val=2,max_val=2.001", [2.0, 2.001]),
    ("threshold:threshold=-3,value=5", [3.0]), ("smht:a=2,b=0.02", []), ("squareplus:b=1e-6", [1e-3]),
    ("srelu:t_left=-5,t_right=8", [5.0, 8.0]), ("isrlu:alpha=500", [0.05]), ("swiglu:beta=300", [1 / 300]),
    ("soft_exponential:alpha=5", []), ("leaky_relu:alpha=-2", []),
]

#: expressions: (text, its feature scales, where its narrow features are, its period)
CORPUS = [
    ("exp(-x**2/1e-4)", [1e-2], (), 0.0), ("exp(-(x - 2.5)**2/1e-4)", [1e-2], (2.5,), 0.0),
    ("abs(x - 7)", [], (), 0.0), ("max(x - 4, 0)", [], (), 0.0), ("relu(x + 5) - relu(x - 6)", [], (), 0.0),
    ("tanh(500*(x - 1))", [2e-3], (1.0,), 0.0), ("x/(1 + 1e4*x**2)", [1e-2], (), 0.0), ("where(x < 1, exp(x), 0)", [], (), 0.0),
    ("sin(x)**2 + 0.01*abs(x + 3)", [], (), 0.0), ("x/(1 + exp(-1000*x))", [1e-3], (), 0.0),
]


def _breaks(bound, scales, centres=(), period=0.0):
    pts = {0.0, *[float(k) for k in bound.pieces() if abs(k) < 60]}
    centres = list(pts) + list(centres)
    for s in scales:
        for c in centres:
            pts |= {c + m * s for m in (-30, -10, -3, -1, 1, 3, 10, 30)}
    if period:  # an oscillation: a break every half period where the density matters
        pts |= {float(v) for v in np.arange(-8.0, 8.0, period / 2)}
    pts |= {-12.0, -8.0, -5.0, -3.0, -1.5, 1.5, 3.0, 5.0, 8.0, 12.0}
    return [-40.0, *sorted(pts), 40.0]  # beyond |z| = 40 the density is below 1e−347


def _reference(bound, scales, centres=(), period=0.0):
    f, df = scalar_functions(bound)
    points = _breaks(bound, scales, centres, period)

    def e(g):
        return mp.quad(lambda z: g(float(z)) * mp.npdf(z), points)

    def one(fn):
        def at(x):
            with np.errstate(all="ignore"):
                return float(fn(np.array([x]))[0])
        return at

    fs, ds = one(f), one(df)
    mean = e(fs)
    return float(mean), float(e(lambda x: (fs(x) - float(mean)) ** 2)), float(e(ds))


def _check(bound, scales, centres=(), period=0.0):
    p = actviz.analysis.fresh_analysis(bound)
    ref = _reference(bound, scales, centres, period)
    got = (p.mean_output, p.output_variance, p.mean_derivative)
    for name, g, r, err in zip(("E f", "Var f", "E f′"), got, ref, p.moment_errors):
        assert err < 1e-9 * max(1.0, abs(r)), (bound, name, err)  # the bound is small, and it holds:
        assert abs(g - r) <= err + 1e-15 * max(1.0, abs(r)), (bound, name, g, r, err)


@pytest.mark.parametrize("name", [n for n in actviz.names() if not actviz.get(n).vector])
def test_catalogue_defaults_against_mpmath(name):
    _check(actviz.get(name).bind(), [])


@pytest.mark.parametrize("spec,scales", FAR, ids=[s for s, _ in FAR])
def test_far_parameters_against_mpmath(spec, scales):
    _check(select(spec), scales)


@pytest.mark.parametrize("text,scales,centres,period", CORPUS, ids=[c[0] for c in CORPUS])
def test_expressions_against_mpmath(text, scales, centres, period):
    _check(select(text), scales, centres, period)


def _gauss_cos(alpha, omega):
    """E[exp(−αZ²)·cos(ωZ)] = exp(−ω²/(2(1 + 2α)))/√(1 + 2α), at 30 digits."""
    return mp.exp(-mp.mpf(omega) ** 2 / (2 * (1 + 2 * mp.mpf(alpha)))) / mp.sqrt(1 + 2 * mp.mpf(alpha))


#: fast oscillations, whose mpmath quadrature would take minutes: closed forms from _gauss_cos instead
OSCILLATING = {
    "sin(100*x)": (0, (1 - _gauss_cos(0, 200)) / 2, 100 * _gauss_cos(0, 100)),
    "sin(1000*x) + 0.5*x": (0, (1 - _gauss_cos(0, 2000)) / 2 + mp.mpf(1) / 4, 1000 * _gauss_cos(0, 1000) + mp.mpf(1) / 2),
    "cos(30*x)*exp(-x**2)": (_gauss_cos(1, 30), (_gauss_cos(2, 0) + _gauss_cos(2, 60)) / 2 - _gauss_cos(1, 30) ** 2, 0),
    "cos(40*x)": (_gauss_cos(0, 40), (1 + _gauss_cos(0, 80)) / 2 - _gauss_cos(0, 40) ** 2, 0),
}


@pytest.mark.parametrize("text", sorted(OSCILLATING))
def test_fast_oscillations_against_closed_forms(text):
    p = select(text).properties()
    for g, r, err in zip((p.mean_output, p.output_variance, p.mean_derivative), OSCILLATING[text], p.moment_errors):
        r = float(r)
        assert err < 1e-9 and abs(g - r) <= err + 1e-15, (text, g, r, err)


def test_the_issue_cases():
    """The three of issue 23: 0.054, 0.00819 and 0.533 before."""
    assert select("sigmoid:a=1000").properties().mean_derivative == pytest.approx(0.3989416241699518, rel=1e-13)
    assert select("exp(-x**2/1e-4)").properties().mean_output == pytest.approx(1 / math.sqrt(20001), rel=1e-13)
    assert select("sin(100*x)").properties().output_variance == pytest.approx(0.5 * (1 - math.exp(-2e4)), rel=1e-13)


def test_kronrod_rule_is_exact_to_degree_31():
    """The written-out G10/K21 nodes and weights, against exact ∫ xᵏ over [−1, 1] in 40-digit arithmetic."""
    mp.mp.dps = 40
    try:
        for k in range(32):
            exact = mp.mpf(2) / (k + 1) if k % 2 == 0 else 0
            kron = mp.fsum(mp.mpf(w) * mp.mpf(x) ** k for w, x in zip(KRONROD, NODES))
            assert abs(kron - exact) < 1e-15, k
            if k < 20:
                gauss = mp.fsum(mp.mpf(w) * mp.mpf(x) ** k for w, x in zip(GAUSS, NODES) if w)
                assert abs(gauss - exact) < 1e-15, k
        assert sum(1 for w in GAUSS if w) == 10
        assert all(abs(mp.legendre(10, x)) < 1e-15 for w, x in zip(GAUSS, NODES) if w)
    finally:
        mp.mp.dps = 30


def test_divergent_and_overflowing_moments_are_nan_with_an_infinite_bound():
    r = normal_expectations(lambda z: np.exp(0.5 * z * z)[None, :], 1)
    assert math.isnan(r.values[0]) and r.errors[0] == math.inf
    p = select("x*exp(x**2)").properties()
    assert math.isnan(p.mean_output) and p.moment_errors[0] == math.inf


def test_the_rule_is_the_same_on_every_call():
    """Deterministic: the same panels and the same bits (no SIMD reduction order, no LAPACK)."""
    h = lambda z: np.stack([np.tanh(40 * z), np.sin(50 * z) ** 2])  # noqa: E731
    a, b = normal_expectations(h, 2, [0.0]), normal_expectations(h, 2, [0.0])
    assert a.values == b.values and a.errors == b.errors and np.array_equal(a.edges, b.edges)
