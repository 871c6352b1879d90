"""Smooth rectifiers: soft versions of max(0, x)."""

from __future__ import annotations

import math

import numpy as np

from .. import numerics as nx
from ..spec import DISCONTINUOUS, SMOOTH, Activation, Param

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


def _squareplus(x, b):
    h = np.hypot(x, math.sqrt(b))
    neg = np.minimum(x, 0.0)  # b/(h − x) avoids the cancellation of x + h for x ≪ 0
    return np.where(x >= 0, x / 2.0 + h / 2.0, b / (2.0 * (np.hypot(neg, math.sqrt(b)) - neg)))


def _squareplus_prime(x, b):
    h = np.hypot(x, math.sqrt(b))
    neg = np.minimum(x, 0.0)
    hn = np.hypot(neg, math.sqrt(b))
    return np.where(x >= 0, (1.0 + x / h) / 2.0, (b / 2.0 / hn) / (hn - neg))


ACTIVATIONS = (
    Activation(
        name="softplus",
        label="Softplus",
        family="softplus",
        summary="log(1 + e^(βx))/β: a smooth ReLU whose derivative is the sigmoid.",
        formula=_softplus_formula,
        derivative_formula=_softplus_derivative_formula,
        fn=_softplus,
        derivative_fn=_softplus_prime,
        params=(
            Param("beta", 1.0, "sharpness: larger β is closer to ReLU", low=0.0, low_open=True, symbol=r"\beta"),
            Param("threshold", INF, "PyTorch's switch to the identity where βx > threshold (F.softplus uses "
                  "20); inf: off, the mathematical softplus", low=0.0, low_open=True, symbol="t", off=True),
        ),
        limits=(0.0, INF),
        derivative_limits=(0.0, 1.0),
        kinks=lambda beta, threshold: (threshold / beta,) if threshold != INF else (),
        continuity=lambda beta, threshold: DISCONTINUOUS if threshold != INF else SMOOTH,
        notes=(
            "The antiderivative of the sigmoid; smooth and always positive.",
            "Soft saturation on the left; costlier than ReLU.",
            "C∞ and increasing, with softplus′ = σ(βx) exactly. PyTorch's F.softplus switches to the identity "
            "where βx > 20 (threshold = 20 here): that leaves a jump down of log(1 + e^(−t))/β at x = t/β, "
            "so the function as implemented is discontinuous and, by that small drop, not monotonic.",
        ),
        reference="Dugas et al., Incorporating second-order functional knowledge for better option pricing (2001)",
    ),
    Activation(
        name="squareplus",
        label="Squareplus",
        family="softplus",
        summary="(x + √(x² + b))/2: a softplus-like curve with only a square root.",
        formula=r"f(x) = \frac{x + \sqrt{x^2+b}}{2}",
        derivative_formula=r"f'(x) = \frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2+b}}\right)",
        fn=_squareplus,
        derivative_fn=_squareplus_prime,
        params=(Param("b", 4.0, "curvature near 0: b → 0 gives ReLU", low=0.0, low_open=True, symbol="b"),),
        limits=(0.0, INF),
        derivative_limits=(0.0, 1.0),
        notes=("Cheaper than softplus (no exp or log); f(0) = √b/2.",),
        reference="Barron, Squareplus: a softplus-like algebraic rectifier (2021)",
    ),
)
