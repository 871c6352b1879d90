"""Bumps and waves: non-monotonic activations that rise and fall."""

from __future__ import annotations

import math

import numpy as np

from ..spec import Param
from .family import BUMP_TAILS, member

PI = math.pi
INF = math.inf
SINC_SERIES = 0.02  # below this |x| the derivative of sinc uses its Taylor series


def _gaussian(x):
    # exp(−x²) is exactly 0 in float64 from |x| = 27.3 on; (e^(−x²/2))², with (x/2)·x ≤ 373, keeps every
    # intermediate inside the smallest format (float8_e4m3 overflows to NaN beyond 448)
    xc = np.clip(x, -27.3, 27.3)
    e = np.exp(-(0.5 * xc) * xc)
    return e * e


def _gaussian_prime(x):
    xc = np.clip(x, -40.0, 40.0)
    return -2.0 * xc * np.exp(-xc * xc)


def _sinc(x):
    """sin(πx)/(πx) as (−1)ⁿ sin(π(x − n))/π/x with n the nearest integer: x − n is exact, so the sine's
    argument is never a large rounded multiple of π (exact zeros at the integers, no πx to overflow)."""
    n = np.rint(x)
    s = np.sin(np.pi * (x - n)) / np.pi
    sign = 1.0 - 2.0 * np.remainder(n, 2.0)
    zero = x == 0
    return np.where(zero, 1.0, sign * s / np.where(zero, 1.0, x))


def _sinc_prime(x):
    # d/dx sin(πx)/(πx) = (cos(πx) − sinc(x))/x; near 0 the series π(−t/3 + t³/30 − t⁵/840 + t⁷/45360), t = πx
    small = np.abs(x) < SINC_SERIES
    huge = np.abs(x) > 1e300
    safe = np.where(small | huge, 1.0, x)
    t = PI * np.where(small, x, 0.0)
    t2 = t * t
    series = PI * t * (-1.0 / 3.0 + t2 * (1.0 / 30.0 + t2 * (-1.0 / 840.0 + t2 / 45360.0)))
    return np.where(small, series, np.where(huge, 0.0, (np.cos(PI * safe) - np.sinc(safe)) / safe))


def _finite(t):
    """t where finite, else 0: αx overflows only where |x| is beyond 1e307, where sin²(αx)/α (at most
    1/α) is lost against x anyway, and sin(inf) would be NaN."""
    return np.where(np.isfinite(t), t, 0.0)


def _snake(x, alpha):
    s = np.sin(_finite(alpha * x))
    return x + s * s / alpha


def _snake_prime(x, alpha):
    return 1.0 + np.sin(_finite(2.0 * alpha * x))


_wave = member("wave")

ACTIVATIONS = (
    _wave(
        name="gaussian",
        fn=_gaussian,
        derivative_fn=_gaussian_prime,
        **BUMP_TAILS,
    ),
    _wave(
        name="sinusoid",
        fn=lambda x: np.sin(x),
        derivative_fn=lambda x: np.cos(x),
        aliases=("sin", "sine"),
    ),
    _wave(
        name="sinc",
        fn=_sinc,
        derivative_fn=_sinc_prime,
        **BUMP_TAILS,
        aliases=("cardinal_sine",),
    ),
    _wave(
        name="gcu",
        fn=lambda x: x * np.cos(x),
        derivative_fn=lambda x: np.cos(x) - x * np.sin(x),
        aliases=("growing_cosine_unit",),
    ),
    _wave(
        name="snake",
        fn=_snake,
        derivative_fn=_snake_prime,
        params=(Param("alpha", 1.0, "frequency of the wiggle (learned per channel in the paper)", low=0.0,
                      low_open=True, symbol=r"\alpha"),),
        limits=(-INF, INF),
        derivative_limits=(None, None),
    ),
)
