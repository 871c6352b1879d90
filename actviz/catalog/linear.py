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
        fn=lambda x: x.copy(),
        derivative_fn=lambda x: np.ones_like(x),
        limits=(-INF, INF),
        derivative_limits=(1.0, 1.0),
        aliases=("linear",),
    ),
    _linear(
        name="bent_identity",
        fn=_bent_identity,
        derivative_fn=lambda x: x / np.hypot(x, 1.0) / 2.0 + 1.0,
        limits=(-INF, INF),
        derivative_limits=(0.5, 1.5),
    ),
    _linear(
        name="soft_exponential",
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
    ),
    _linear(
        name="exponential",
        fn=lambda x: np.exp(x),
        derivative_fn=lambda x: np.exp(x),
        limits=(0.0, INF),
        derivative_limits=(0.0, INF),
        aliases=("exp",),
    ),
)
