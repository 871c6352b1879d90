"""Identity-like activations: unbounded on both sides, close to a straight line."""

from __future__ import annotations

import math

import numpy as np

from ..spec import Param
from .family import member

INF = math.inf


def _bent_identity(x):
    h = np.hypot(x, 1.0)
    small = np.abs(x) < 1.0  # √(x²+1) − 1 = x²/(√(x²+1) + 1) without cancellation near 0
    bend = np.where(small, np.square(np.where(small, x, 0.0)) / (h + 1.0), h - 1.0)
    return bend / 2.0 + x


def _soft_exponential(x, alpha):
    if alpha == 0:
        return x.copy()
    return np.expm1(alpha * x) / alpha + alpha  # overflows only where the true value does


def _soft_exponential_prime(x, alpha):
    return np.exp(alpha * x)


_linear = member("linear")

ACTIVATIONS = (
    _linear(
        name="identity",
        label="Identity",
        summary="Passes its input through unchanged: the activation of a linear layer.",
        formula=r"f(x) = x",
        derivative_formula=r"f'(x) = 1",
        fn=lambda x: x.copy(),
        derivative_fn=lambda x: np.ones_like(x),
        limits=(-INF, INF),
        derivative_limits=(1.0, 1.0),
        aliases=("linear",),
        notes=(
            "No non-linearity: a stack of linear layers is still one linear map.",
            "Used on regression outputs, where any real value must be reachable.",
        ),
        reference="—",
    ),
    _linear(
        name="bent_identity",
        label="Bent identity",
        summary="Identity bent upwards: slope 1/2 far left, 3/2 far right, smooth everywhere.",
        formula=r"f(x) = \frac{\sqrt{x^2+1}-1}{2} + x",
        derivative_formula=r"f'(x) = \frac{x}{2\sqrt{x^2+1}} + 1",
        fn=_bent_identity,
        derivative_fn=lambda x: x / np.hypot(x, 1.0) / 2.0 + 1.0,
        limits=(-INF, INF),
        derivative_limits=(0.5, 1.5),
        notes=(
            "Never saturates: f′ stays between 1/2 and 3/2, so gradients neither vanish nor explode.",
            "Not zero-centred under N(0, 1) input, and rarely used in practice.",
        ),
        reference="Listed among activation functions since ~2016 (no single paper)",
    ),
    _linear(
        name="soft_exponential",
        label="Soft exponential",
        summary="Interpolates between identity (α = 0) and an exponential (α > 0).",
        formula=lambda alpha: r"f(x) = \frac{e^{\alpha x}-1}{\alpha} + \alpha" if alpha > 0 else r"f(x) = x",
        derivative_formula=lambda alpha: r"f'(x) = e^{\alpha x}" if alpha > 0 else r"f'(x) = 1",
        fn=_soft_exponential,
        derivative_fn=_soft_exponential_prime,
        params=(
            Param("alpha", 0.5, "shape: 0 gives the identity, > 0 an exponential shifted by α",
                  low=0.0, symbol=r"\alpha"),
        ),
        limits=lambda alpha: (-1.0 / alpha + alpha if alpha > 0 else -INF, INF),
        derivative_limits=lambda alpha: (0.0 if alpha > 0 else 1.0, INF if alpha > 0 else 1.0),
        notes=(
            "f(0) = α for α > 0: the curve does not pass through the origin.",
            "The exponential side can explode; the log branch of the paper (α < 0, defined only on a "
            "half-line) is not offered here.",
        ),
        reference="Godfrey & Gashler, A continuum among logarithmic, linear, and exponential functions (2015)",
    ),
    _linear(
        name="exponential",
        label="Exponential",
        summary="eˣ: Keras's exponential activation; positive, and its own derivative.",
        formula=r"f(x) = e^x",
        derivative_formula=r"f'(x) = e^x",
        fn=lambda x: np.exp(x),
        derivative_fn=lambda x: np.exp(x),
        limits=(0.0, INF),
        derivative_limits=(0.0, INF),
        aliases=("exp",),
        notes=(
            "Maps any real to a positive number: used for outputs that must be positive (a rate, a scale).",
            "Explodes on the right (it overflows float64 beyond x ≈ 709.78): rarely a hidden-layer activation.",
        ),
        reference="Keras keras.activations.exponential",
    ),
)
