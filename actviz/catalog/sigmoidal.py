"""S-shaped squashing functions: bounded, saturating on both sides."""

from __future__ import annotations

import math

import numpy as np

from .. import numerics as nx
from ..spec import DISCONTINUOUS, Param
from .family import member

INF = math.inf
LECUN_SCALE = 1.7159
#: MEGA's Laplace attention function: μ = √(1/2), σ = √(1/(4π)) (Ma et al. 2022; transformers rounds them
#: to 0.707107 and 0.282095, see actviz.frameworks)
LAPLACE_MU = math.sqrt(0.5)
LAPLACE_SIGMA = math.sqrt(1.0 / (4.0 * math.pi))


def _laplace(x, mu, sigma):
    """Φ((x − μ)/σ) as erfc((μ − x)/(σ√2))/2: two roundings before erfc in a small format, not three."""
    return 0.5 * nx.erfc((mu - x) / (sigma * nx.SQRT_2))


def _arctan_prime(x):
    big = np.abs(x) > 1.0
    r = 1.0 / np.where(big, x, 1.0)  # 1/x where |x| > 1, so that x² never overflows
    small = np.where(big, 0.0, x)
    return np.where(big, r * r / (1.0 + r * r), 1.0 / (1.0 + small * small))


def _isru(x, alpha):
    return x / np.hypot(1.0, math.sqrt(alpha) * x)


def _isru_prime(x, alpha):
    r = 1.0 / np.hypot(1.0, math.sqrt(alpha) * x)
    return r * r * r


def _smht_parts(x, a, b, c, d):
    # beyond |x| = 1e300/max(rate) f and f' are at their limits (or overflowed): clipping there keeps
    # every rate·x finite, so no inf − inf appears in the exponents
    x = np.clip(x, -1e300 / max(a, b, c, d, 1.0), 1e300 / max(a, b, c, d, 1.0))
    log_den = np.logaddexp(c * x, -d * x)
    return np.exp(a * x - log_den), np.exp(-b * x - log_den)  # overflow only where f itself does


def _smht(x, a, b, c, d):
    up, down = _smht_parts(x, a, b, c, d)
    # where |(a + b)x| ≤ 1, e^(ax) − e^(−bx) = e^(−bx)·expm1((a + b)x) avoids the cancellation of
    # up − down, and every factor there is O(1) (no 0·∞ for steep rates such as b = 709, c = 37);
    # beyond it up and down differ by a factor e or more, so up − down loses less than a bit
    small = np.abs(x) <= 1.0 / (a + b)
    xs = np.where(small, x, 0.0)
    near = np.exp(-b * xs - np.logaddexp(c * xs, -d * xs)) * np.expm1((a + b) * xs)
    with np.errstate(invalid="ignore"):
        return np.where(small, near, up - down)


def _smht_prime(x, a, b, c, d):
    """f′ = [(a − c)e^((a+c)x) + (a + d)e^((a−d)x) + (b + c)e^((c−b)x) + (b − d)e^(−(b+d)x)]/D², D = e^(cx) + e^(−dx):
    the four terms of (a e^(ax) + b e^(−bx))D − N·D′ multiplied out, so that the two that cancel exactly (b·e^(−bx)e^(−dx)
    against d·e^(−bx)e^(−dx) when b = d) never meet as rounded numbers: f′(−60) is 8.757e−27, where the
    quotient rule's difference gave 0 (and 1.6e−4 relative error at −30). Each term is exp(rate·x − 2 log D)."""
    x = np.clip(x, -1e300 / max(a, b, c, d, 1.0), 1e300 / max(a, b, c, d, 1.0))
    log_den2 = 2.0 * np.logaddexp(c * x, -d * x)
    out = np.zeros_like(x)
    with np.errstate(over="ignore", invalid="ignore"):
        for coef, rate in ((a - c, a + c), (a + d, a - d), (b + c, c - b), (b - d, -(b + d))):
            if coef != 0:
                out = out + coef * np.exp(rate * x - log_den2)
    return np.where(np.isnan(out), INF, out)  # inf − inf: both sides overflow, f′ → +∞ there


def _smht_limits(a, b, c, d):
    right = 0.0 if a < c else (1.0 if a == c else INF)
    left = 0.0 if d > b else (-1.0 if d == b else -INF)
    return left, right


def _smht_derivative_limits(a, b, c, d):
    return (0.0 if d >= b else INF), (0.0 if a <= c else INF)


#: a squashing function flattens out on both sides: f′ → 0 at ±∞ (log-sigmoid and SMHT, unbounded
#: on a side, say otherwise)
_squashing = member("sigmoid", derivative_limits=(0.0, 0.0))

ACTIVATIONS = (
    _squashing(
        name="binary_step",
        fn=lambda x: np.where(x >= 0, 1.0, 0.0),
        derivative_fn=lambda x: np.zeros_like(x),
        limits=(0.0, 1.0),
        kinks=(0.0,),
        continuity=DISCONTINUOUS,
        aliases=("heaviside", "step"),
    ),
    _squashing(
        name="sigmoid",
        fn=lambda x, a: nx.sigmoid(a * x),
        derivative_fn=lambda x, a: a * nx.sigmoid_prime(a * x),
        params=(Param("a", 1.0, "slope: larger a makes a steeper step", low=0.0, low_open=True, symbol="a"),),
        limits=(0.0, 1.0),
        aliases=("logistic", "sigmoid_function"),
    ),
    _squashing(
        name="tanh",
        fn=lambda x: np.tanh(x),
        derivative_fn=lambda x: nx.sech2(x),
        limits=(-1.0, 1.0),
        aliases=("hyperbolic_tangent",),
    ),
    _squashing(
        name="hardsigmoid",
        fn=lambda x: np.clip((x + 3.0) / 6.0, 0.0, 1.0),  # not x/6 + 1/2, which cancels near x = −3
        derivative_fn=lambda x: np.where((x > -3.0) & (x < 3.0), 1.0 / 6.0, 0.0),
        limits=(0.0, 1.0),
        kinks=(-3.0, 3.0),
        continuity=0,
        aliases=("hard_sigmoid",),
    ),
    _squashing(
        name="sparse_sigmoid",
        fn=lambda x: np.clip((x + 1.0) / 2.0, 0.0, 1.0),
        derivative_fn=lambda x: np.where((x > -1.0) & (x < 1.0), 0.5, 0.0),
        limits=(0.0, 1.0),
        kinks=(-1.0, 1.0),
        continuity=0,
    ),
    _squashing(
        name="hardtanh",
        fn=lambda x, min_val, max_val: np.clip(x, min_val, max_val),
        derivative_fn=lambda x, min_val, max_val: np.where((x > min_val) & (x < max_val), 1.0, 0.0),
        params=(
            Param("min_val", -1.0, "lower clipping value m₋", symbol=r"m_{-}"),
            Param("max_val", 1.0, "upper clipping value m₊", symbol=r"m_{+}"),
        ),
        check=lambda min_val, max_val: (
            None if min_val < max_val else f"min_val must be below max_val (got {min_val:g} ≥ {max_val:g})"
        ),
        limits=lambda min_val, max_val: (min_val, max_val),
        kinks=lambda min_val, max_val: (min_val, max_val),
        continuity=0,
        aliases=("hard_tanh",),
    ),
    _squashing(
        name="softsign",
        fn=lambda x: x / (1.0 + np.abs(x)),
        derivative_fn=lambda x: (r := 1.0 / (1.0 + np.abs(x))) * r,
        limits=(-1.0, 1.0),
        joins=(0.0,),
        continuity=1,
        aliases=("soft_sign",),
    ),
    _squashing(
        name="arctan",
        fn=lambda x: np.arctan(x),
        derivative_fn=_arctan_prime,
        limits=(-math.pi / 2, math.pi / 2),
        aliases=("atan", "inverse_tangent"),
    ),
    _squashing(
        name="isru",
        fn=_isru,
        derivative_fn=_isru_prime,
        params=(Param("alpha", 1.0, "controls the range ±1/√α", low=0.0, low_open=True, symbol=r"\alpha"),),
        limits=lambda alpha: (-1.0 / math.sqrt(alpha), 1.0 / math.sqrt(alpha)),
        aliases=("inverse_square_root_unit",),
    ),
    _squashing(
        name="logsigmoid",
        fn=lambda x: nx.log_sigmoid(x),
        derivative_fn=lambda x: nx.sigmoid(-x),
        limits=(-INF, 0.0),
        derivative_limits=(1.0, 0.0),
        aliases=("log_sigmoid",),
    ),
    _squashing(
        name="lecun_tanh",
        fn=lambda x: LECUN_SCALE * np.tanh(x / 1.5),  # not 2x/3: 2x overflows float8_e4m3 beyond 224
        derivative_fn=lambda x: LECUN_SCALE * 2.0 / 3.0 * nx.sech2(2.0 * x / 3.0),
        limits=(-LECUN_SCALE, LECUN_SCALE),
        aliases=("scaled_tanh",),
    ),
    _squashing(
        name="smht",
        fn=_smht,
        derivative_fn=_smht_prime,
        params=(
            Param("a", 1.0, "rate of the rising exponential in the numerator", low=0.0, low_open=True, symbol="a"),
            Param("b", 0.5, "rate of the falling exponential in the numerator", low=0.0, low_open=True, symbol="b"),
            Param("c", 0.5, "rate of the rising exponential in the denominator", low=0.0, low_open=True, symbol="c"),
            Param("d", 0.5, "rate of the falling exponential in the denominator", low=0.0, low_open=True, symbol="d"),
        ),
        limits=_smht_limits,
        derivative_limits=_smht_derivative_limits,
        aliases=("soboleva", "soboleva_modified_tanh"),
    ),
    _squashing(
        name="laplace",
        fn=_laplace,
        derivative_fn=lambda x, mu, sigma: nx.norm_pdf((x - mu) / sigma) / sigma,
        params=(
            Param("mu", LAPLACE_MU, "the centre, where f = 1/2 (MEGA: √(1/2))", symbol=r"\mu"),
            Param("sigma", LAPLACE_SIGMA, "the width (MEGA: √(1/(4π)))", low=0.0, low_open=True, symbol=r"\sigma"),
        ),
        limits=(0.0, 1.0),
        aliases=("laplace_attention",),
    ),
)
