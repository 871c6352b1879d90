"""Relative accuracy 1e−12 across the whole float range (issue 23, tails and overflow): every scalar catalogue
function at its defaults and at other parameters, at random points of every decade from 1e−300 to 1e300 of
both signs, against the textbook formula in mpmath (tests/references.py) at a precision that grows until
two evaluations agree; the softmax family's values and Jacobian diagonals at far logits; SMHT's derivative;
expressions that overflow inside and removable singularities."""

from __future__ import annotations

import math
import warnings

import mpmath as mp
import numpy as np
import pytest
from references import OTHER_PARAMS, REFERENCES

import actviz
from actviz.selection import select

RTOL = 1e-12
TINY = 1e-300  #: below this the truth is compared absolutely (subnormal results have fewer digits)


def _decades(seed: int, per: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mantissa = 1.0 + 9.0 * rng.random((601, per))
    x = (mantissa * 10.0 ** np.arange(-300, 301)[:, None]).ravel()
    return np.concatenate([x, -x, [0.0]])


def _reference(fn, x: float, params: dict, got: float) -> float:
    """fn at x in mpmath, the precision raised until two precisions agree (cancellation), and beyond while
    the value is 0 and actviz's is not (all the digits may have cancelled)."""
    dps, last = 40, None
    while dps <= 2000:
        with mp.workdps(dps):
            try:
                value = fn(mp.mpf(x), **params)
            except (OverflowError, ZeroDivisionError, MemoryError):  # tanh(e^(1e300)) in mpmath: not here
                return math.nan
            value = mp.mpf(value)
            agree = last is not None and (value == last or abs(value - last) <= abs(value) * mp.mpf(10) ** -30)
            if agree and (value != 0 or got == 0 or dps > 1000):  # a 0 may be all digits cancelling
                return float(value)
            last = value
        dps *= 3
    return float(last)


def _check(spec: str, fn, params: dict, xs: np.ndarray) -> list:
    bound = select(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = bound(xs)
    bad = []
    for x, g in zip(xs, got):
        ref = _reference(fn, float(x), params, float(g))
        if math.isnan(ref):
            continue
        if math.isinf(ref) or abs(ref) > 1.7e308:
            ok = g == (math.inf if ref > 0 else -math.inf) or abs(g) > 1e307
        elif abs(ref) < TINY:
            ok = abs(g - ref) <= TINY * 1e-12 + 1e-320
        else:
            ok = abs(g - ref) <= RTOL * abs(ref)
        if not ok:
            bad.append((float(x), float(g), ref))
    return bad


#: tanh(e^x) is 1 to 10⁻¹⁰⁰⁰⁰ beyond x = 50, where mpmath would build e^x in full
LIGHTER = {"tanhexp": lambda x: x * mp.tanh(mp.exp(x)) if x < 50 else x}


def _cases():
    for name in REFERENCES:
        act = actviz.get(name)
        yield name, {p.name: p.default for p in act.params}
        for other in OTHER_PARAMS.get(name, []):
            yield name, {**{p.name: p.default for p in act.params}, **other}


CASES = list(_cases())


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_every_decade_against_mpmath(name, params):
    numbers = {k: (mp.mpf(v) if isinstance(v, float) and math.isfinite(v) else v) for k, v in params.items()}
    if name == "softplus":  # the reference compares β·x with the threshold: keep inf as inf
        numbers["threshold"] = params["threshold"]
    spec = name + "".join(f"{':' if i == 0 else ','}{k}={v}" for i, (k, v) in enumerate(params.items()))
    bad = _check(spec, LIGHTER.get(name, REFERENCES[name]), numbers, _decades(len(spec)))
    assert bad[:5] == [], f"{len(bad)} points off"


@pytest.fixture(autouse=True)
def _mpmath_precision_restored():
    """Tests here raise mpmath's working precision (60, 700 digits); later tests get theirs back."""
    dps = mp.mp.dps
    yield
    mp.mp.dps = dps


def test_softmax_family_at_far_logits():
    mp.mp.dps = 60
    for x1 in (38.0, 50.0, 700.0, -745.0, 1e5):
        e = mp.exp(-abs(mp.mpf(x1)))
        p_small = e / (1 + e)  # the smaller of the two probabilities of (x1, 0)
        got = actviz.get("softmax")(np.array([x1, 0.0]))
        small = got[1] if x1 > 0 else got[0]
        assert small == pytest.approx(float(p_small), rel=1e-14, abs=1e-320)
        d = actviz.get("softmax").derivative(np.array([x1, 0.0]))
        assert d[0] == pytest.approx(float(p_small * (1 - p_small)), rel=1e-14, abs=1e-320)
        ls = actviz.get("log_softmax")(np.array([x1, 0.0]))
        top = ls[0] if x1 > 0 else ls[1]
        assert top == pytest.approx(float(-mp.log1p(e)), rel=1e-14, abs=1e-320)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = actviz.get("gumbel_softmax")(np.array([1e308, 0.0]), tau=0.1)
    assert g.tolist() == [1.0, 0.0]


def test_smht_derivative_in_both_tails():
    mp.mp.dps = 700

    def exact(x, a, b, c, d):
        n, den = mp.exp(a * x) - mp.exp(-b * x), mp.exp(c * x) + mp.exp(-d * x)
        return (a * mp.exp(a * x) + b * mp.exp(-b * x)) / den - n * (c * mp.exp(c * x) - d * mp.exp(-d * x)) / den**2

    for params in [(1, 0.5, 0.5, 0.5), (2, 1, 0.3, 0.7), (0.5, 2, 1, 0.1), (1, 1, 1, 1)]:
        xs = np.linspace(-700, 700, 29)
        got = actviz.get("smht").derivative(xs, **dict(zip("abcd", params)))
        for x, g in zip(xs, got):
            ref = float(exact(mp.mpf(x), *(mp.mpf(p) for p in params)))
            if abs(ref) > TINY:
                assert g == pytest.approx(ref, rel=1e-12), (params, x)


def test_expressions_that_overflow_inside_or_have_a_removable_gap():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert select("log(exp(x) + exp(-x))")(np.array([800.0, -800.0])).tolist() == [800.0, 800.0]
        assert select("sin(x)/x")(0.0) == 1.0
        assert select("(exp(x) - 1)/x")(0.0) == pytest.approx(1.0, rel=1e-15)
        assert select("log(exp(x) + exp(-x))").limits() == (math.inf, math.inf)
