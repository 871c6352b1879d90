"""Smooth rectifiers: soft versions of max(0, x)."""

from __future__ import annotations

import math

import numpy as np

from .. import numerics as nx
from ..spec import DISCONTINUOUS, SMOOTH, Param
from .family import RECTIFIER_TAILS, member

INF = math.inf


def _softplus(x, beta, threshold):
    """log(1 + e^(βx))/β, stable for any x; PyTorch's switch to x above βx > threshold when it is on."""
    z = beta * x
    smooth = nx.softplus(z) / beta
    return smooth if threshold == INF else np.where(z > threshold, x, smooth)


def _softplus_prime(x, beta, threshold):
    """σ(βx) exactly (the seed identity softplus′ = σ); 1 above the switch when it is on."""
    z = beta * x
    return nx.sigmoid(z) if threshold == INF else np.where(z > threshold, 1.0, nx.sigmoid(z))


def _softplus_formula(beta, threshold):
    smooth = r"\frac{1}{\beta}\log(1+e^{\beta x})"
    if threshold == INF:
        return "f(x) = " + smooth
    return r"f(x) = x\ \mathrm{if}\ \beta x > t,\ \mathrm{else}\ " + smooth


def _softplus_derivative_formula(beta, threshold):
    if threshold == INF:
        return r"f'(x) = \sigma(\beta x)"
    return r"f'(x) = 1\ \mathrm{if}\ \beta x > t,\ \mathrm{else}\ \sigma(\beta x)"


def _log1p_ratio(u):
    """log1p(u)/u for 0 ≤ u < 3.4e−4, its series to u⁴ (the next term, u⁵/6, is below float64's rounding)."""
    return 1.0 - u * (0.5 - u * (1.0 / 3.0 - u * (0.25 - u * 0.2)))


def _sqrtsoftplus(x, threshold):
    """√softplus(x); below x = −8 as e^(x/2)·√(log1p(u)/u), u = eˣ, log1p(u)/u = 1 − u/2 + u²/3 − u³/4 + u⁴/5 − ...
    (u < 3.4e−4: to u⁴ is exact in float64): softplus(x) itself falls below a small format's normal range
    (float16: x < −9.7) long before its root does (see actviz.catalog.gated._swish)."""
    far = x < -8.0
    xt = np.where(far, x, 0.0)
    half = np.exp(xt / 2.0)
    u = half * half
    tail = half * np.sqrt(_log1p_ratio(u))
    near = np.sqrt(_softplus(np.where(far, 0.0, x), 1.0, threshold))
    return np.where(far, tail, near)


def _sqrtsoftplus_prime(x, threshold):
    """σ(x)/(2√softplus(x)); below x = −8 as e^(x/2)/(2(1 + u)·√(log1p(u)/u)), u = eˣ; 1/(2√x) above the switch."""
    far = x < -8.0
    xt = np.where(far, x, 0.0)
    half = np.exp(xt / 2.0)
    u = half * half
    tail = half / (2.0 * (1.0 + u) * np.sqrt(_log1p_ratio(u)))
    xs = np.where(far, 0.0, x)
    near = _softplus_prime(xs, 1.0, threshold) / (2.0 * np.sqrt(_softplus(xs, 1.0, threshold)))
    return np.where(far, tail, near)


def _sqrtsoftplus_formula(threshold):
    if threshold == INF:
        return r"f(x) = \sqrt{\log(1+e^{x})}"
    return r"f(x) = \sqrt{x}\ \mathrm{if}\ x > t,\ \mathrm{else}\ \sqrt{\log(1+e^{x})}"


def _sqrtsoftplus_derivative_formula(threshold):
    smooth = r"\frac{\sigma(x)}{2\sqrt{\log(1+e^{x})}}"
    if threshold == INF:
        return "f'(x) = " + smooth
    return r"f'(x) = \frac{1}{2\sqrt{x}}\ \mathrm{if}\ x > t,\ \mathrm{else}\ " + smooth


def _squareplus(x, b):
    h = np.hypot(x, math.sqrt(b))
    neg = np.minimum(x, 0.0)  # b/(2(h − x)) avoids the cancellation of x + h for x ≪ 0; written with
    # halves, (b/4)/(h/2 − x/2), so that no intermediate passes a small format's largest value (float16)
    return np.where(x >= 0, x / 2.0 + h / 2.0, (b / 4.0) / (np.hypot(neg, math.sqrt(b)) / 2.0 - neg / 2.0))


def _squareplus_prime(x, b):
    h = np.hypot(x, math.sqrt(b))
    neg = np.minimum(x, 0.0)
    hn = np.hypot(neg, math.sqrt(b))
    return np.where(x >= 0, (1.0 + x / h) / 2.0, (b / 2.0 / hn) / (hn - neg))


def _sparse_plus(x):
    m = np.clip(x, -1.0, 1.0)  # (x + 1)²/4 on the clipped input: no overflow outside [−1, 1]
    return np.where(x <= -1.0, 0.0, np.where(x < 1.0, (m + 1.0) ** 2 / 4.0, x))


def _sparse_plus_prime(x):
    return np.clip((x + 1.0) / 2.0, 0.0, 1.0)


LOG2 = math.log(2.0)


def _logcosh(x):
    a = np.abs(x)
    small = a < 1.0  # log1p(2 sinh²(x/2)) = log cosh x, without the cancellation of |x| − log 2 + ...
    h = np.sinh(np.where(small, x, 0.0) / 2.0)
    e = np.exp(-a)  # e^(−2|x|) as (e^−|x|)²: 2|x| overflows float8_e4m3 beyond 224
    return np.where(small, np.log1p(2.0 * h * h), a + np.log1p(e * e) - LOG2)


#: soft versions of max(0, x) keep its tails (log-cosh, a smooth |x|, says otherwise)
_smooth = member("softplus", **RECTIFIER_TAILS)

ACTIVATIONS = (
    _smooth(
        name="softplus",
        formula=_softplus_formula,
        derivative_formula=_softplus_derivative_formula,
        fn=_softplus,
        derivative_fn=_softplus_prime,
        params=(
            Param("beta", 1.0, "sharpness: larger β is closer to ReLU", low=0.0, low_open=True, symbol=r"\beta"),
            Param("threshold", INF, "PyTorch's switch to the identity where βx > threshold (F.softplus uses "
                  "20); inf: off, the mathematical softplus", low=0.0, low_open=True, symbol="t", off=True),
        ),
        kinks=lambda beta, threshold: (threshold / beta,) if threshold != INF else (),
        continuity=lambda beta, threshold: DISCONTINUOUS if threshold != INF else SMOOTH,
    ),
    _smooth(
        name="squareplus",
        fn=_squareplus,
        derivative_fn=_squareplus_prime,
        params=(Param("b", 4.0, "curvature near 0: b → 0 gives ReLU", low=0.0, low_open=True, symbol="b"),),
    ),
    _smooth(
        name="sparse_plus",
        fn=_sparse_plus,
        derivative_fn=_sparse_plus_prime,
        joins=(-1.0, 1.0),
        continuity=1,
        aliases=("sparseplus",),
    ),
    _smooth(
        name="logcosh",
        fn=_logcosh,
        derivative_fn=lambda x: np.tanh(x),
        limits=(INF, INF),
        derivative_limits=(-1.0, 1.0),
        aliases=("log_cosh",),
    ),
    _smooth(
        name="sqrtsoftplus",
        formula=_sqrtsoftplus_formula,
        derivative_formula=_sqrtsoftplus_derivative_formula,
        fn=_sqrtsoftplus,
        derivative_fn=_sqrtsoftplus_prime,
        params=(
            Param("threshold", INF, "PyTorch's switch of softplus to the identity where x > threshold (F.softplus "
                  "uses 20); inf: off, the mathematical √softplus", low=0.0, low_open=True, symbol="t", off=True),
        ),
        derivative_limits=(0.0, 0.0),
        kinks=lambda threshold: (threshold,) if threshold != INF else (),
        continuity=lambda threshold: DISCONTINUOUS if threshold != INF else SMOOTH,
        aliases=("sqrt_softplus",),
    ),
)
