"""Self-gated units x·g(x): smooth, non-monotonic near zero, ReLU-like far out."""

from __future__ import annotations

import math

import numpy as np

from .. import numerics as nx
from ..spec import Param
from .family import RECTIFIER_TAILS, member

INF = math.inf
GELU_K = math.sqrt(2.0 / math.pi)
GELU_C = 0.044715
QUICK_GELU = 1.702


#: the tanh approximation and its derivative, u = √(2/π)(x + 0.044715x³)
GELU_TANH_FORMULA = r"f(x) = \frac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right)\right)"
GELU_TANH_DERIVATIVE = (r"f'(x) = \frac{1 + \tanh(u)}{2} + \frac{x}{2}(1 - \tanh^2(u))\,\sqrt{2/\pi}\,"
                        r"(1 + 0.134145\,x^2),\ \ u = \sqrt{2/\pi}\,(x + 0.044715\,x^3)")


def _gelu_tanh_u(x):
    # σ(2u) is exactly 0 or 1 (σ′ exactly 0) beyond |x| = 30 in float64; x(1 + c·x²) keeps every
    # intermediate small (x³ overflows float8_e4m3 beyond x = 7.6)
    xc = np.clip(x, -30.0, 30.0)
    return xc, GELU_K * xc * (1.0 + GELU_C * (xc * xc))


def _gelu(x, approximate):
    if approximate == "tanh":  # ½x(1 + tanh u) = x·σ(2u): no cancellation in the left tail
        _, u = _gelu_tanh_u(x)
        return x * nx.sigmoid(2.0 * u)
    return x * nx.norm_cdf(x)


def _gelu_prime(x, approximate):
    if approximate == "tanh":  # ½ sech²(u) = 2σ′(2u)
        xc, u = _gelu_tanh_u(x)
        return nx.sigmoid(2.0 * u) + 2.0 * xc * nx.sigmoid_prime(2.0 * u) * GELU_K * (1.0 + 3.0 * GELU_C * xc**2)
    return nx.norm_cdf(x) + x * nx.norm_pdf(x)


#: transformers' gelu_10 clips GELU to [−10, 10] (ClippedGELUActivation, Shen et al. 2020, Q8BERT-style quantisation)
CLIP_GELU = 10.0


def _gelu_reaching(level):
    """The x > 0 where x·Φ(x) = level (GELU increases there): bisection in float64, to the last bit."""
    lo, hi = 0.0, max(2.0 * level, 1.0)
    while True:
        mid = (lo + hi) / 2.0
        if mid in (lo, hi):
            return hi
        if float(_gelu(np.float64(mid), "none")) >= level:
            hi = mid
        else:
            lo = mid


def _clipped_gelu(x, min_val, max_val):
    return np.clip(_gelu(x, "none"), min_val, max_val)


def _clipped_gelu_prime(x, min_val, max_val):
    """GELU′ where GELU ≤ max_val (the clip passes the gradient at the tie, as torch.clip does), else 0."""
    return np.where(_gelu(x, "none") <= max_val, _gelu_prime(x, "none"), 0.0)


def _gate(x, beta):
    """βx clipped to ±800, where σ is exactly 0 or 1 and σ′ exactly 0: no inf·0 in z·σ′(z)."""
    return np.clip(beta * x, -800.0, 800.0)


#: below this βx, x·σ(βx) is computed as (x·e^(βx/2))·e^(βx/2)/(1 + e^(βx)): e^(βx) alone falls below the
#: smallest normal number of a small format (float16: βx < −9.7) long before x·σ(βx) does, and loses its
#: digits there (actviz.dtypes); each half stays normal while the product is (three roundings in all)
SWISH_LOG_TAIL = -8.0


def _swish(x, beta):
    z = _gate(x, beta)
    raw = beta * x  # not clipped: beyond −800 the tail must still shrink with βx (to 0), not stop at e^−800
    tail = raw < SWISH_LOG_TAIL
    half = np.exp(np.where(tail, raw, 0.0) / 2.0)
    far = (np.where(tail, x, 0.0) * half) * half / (1.0 + half * half)
    return np.where(tail, far, x * nx.sigmoid(z))


def _swish_prime(x, beta):
    z = _gate(x, beta)
    return nx.sigmoid(z) + z * nx.sigmoid_prime(z)


def _mish(x):
    """x·tanh(softplus(x)); below x = −8 as (x·e^(x/2))·e^(x/2)·h(u)·g(s), u = eˣ, s = log1p(u) = u·h(u),
    tanh s = s·g(s), with their series (u < 3.4e−4: h to u⁴, g to s⁴ are exact in float64), so that no
    factor falls below a small format's normal range before the product does (see _swish)."""
    tail = x < SWISH_LOG_TAIL
    xt = np.where(tail, x, 0.0)
    half = np.exp(xt / 2.0)
    u = half * half
    h = 1.0 - u * (0.5 - u * (1.0 / 3.0 - u * (0.25 - u * 0.2)))
    s = u * h
    s2 = s * s
    g = 1.0 - s2 * (1.0 / 3.0 - s2 * (2.0 / 15.0))
    far = (xt * half) * half * (h * g)
    return np.where(tail, far, x * np.tanh(nx.softplus(x)))


def _mish_prime(x):
    sp = nx.softplus(x)
    return np.tanh(sp) + x * nx.sech2(sp) * nx.sigmoid(x)


def _elish(x):
    neg = np.minimum(x, 0.0)
    return np.where(x >= 0, x, np.expm1(neg)) * nx.sigmoid(x)


def _elish_prime(x):
    neg = np.minimum(x, 0.0)
    s, ds = nx.sigmoid(x), nx.sigmoid_prime(x)
    return np.where(x >= 0, s + x * ds, np.exp(neg) * s + np.expm1(neg) * ds)


def _tanhexp(x):
    """x·tanh(eˣ); below x = −8 as (x·e^(x/2))·e^(x/2)·(1 − u²/3 + 2u⁴/15), u = eˣ (tanh u = u·(1 − u²/3 + ...)):
    eˣ alone falls below a small format's normal range long before x·eˣ does (see _swish)."""
    tail = x < SWISH_LOG_TAIL
    xt = np.where(tail, x, 0.0)
    half = np.exp(xt / 2.0)
    u2 = (half * half) ** 2
    far = (xt * half) * half * (1.0 - u2 * (1.0 / 3.0 - u2 * (2.0 / 15.0)))
    return np.where(tail, far, x * np.tanh(np.exp(np.minimum(x, 4.0))))  # tanh(e^x) = 1 from 3.7; e^4 fits float8


def _tanhexp_prime(x):
    e = np.exp(np.minimum(x, 40.0))
    return np.tanh(e) + x * (e * nx.sech2(e))  # e·sech²(e) is exactly 0 for large e


def _hard_gate(x):
    """The hard sigmoid of hard ELiSH, max(0, min(1, (x + 1)/2)), and its slope (1/2 inside)."""
    return np.clip((x + 1.0) / 2.0, 0.0, 1.0), np.where((x > -1.0) & (x < 1.0), 0.5, 0.0)


def _hard_elish(x):
    h, _ = _hard_gate(x)
    return np.where(x >= 0, x, np.expm1(np.minimum(x, 0.0))) * h + 0.0  # + 0.0: no −0 where h = 0


def _hard_elish_prime(x):
    h, dh = _hard_gate(x)
    neg = np.minimum(x, 0.0)
    return np.where(x >= 0, h + x * dh, np.exp(neg) * h + np.expm1(neg) * dh)


#: x·g(x) with a gate g going from 0 (left) to 1 (right): f → 0 and f′ → 0 at −∞, f ~ x at +∞, ReLU's
#: tails; LiSHT's gate tanh goes from −1 to 1 and says so
_gated = member("gated", **RECTIFIER_TAILS)

ACTIVATIONS = (
    _gated(
        name="gelu",
        formula=lambda approximate: GELU_TANH_FORMULA if approximate == "tanh" else
        r"f(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}(x/\sqrt{2})\right)",
        derivative_formula=lambda approximate: GELU_TANH_DERIVATIVE if approximate == "tanh" else
        r"f'(x) = \Phi(x) + x\,\varphi(x)",
        fn=_gelu,
        derivative_fn=_gelu_prime,
        params=(
            Param("approximate", "none", "'none' for the exact erf form, 'tanh' for the tanh approximation",
                  choices=("none", "tanh")),
        ),
    ),
    _gated(
        name="quick_gelu",
        fn=lambda x: _swish(x, QUICK_GELU),
        derivative_fn=lambda x: _swish_prime(x, QUICK_GELU),
    ),
    _gated(
        name="silu",
        fn=_swish,
        derivative_fn=_swish_prime,
        params=(Param("beta", 1.0, "gate sharpness: β → ∞ approaches ReLU", low=0.0, low_open=True,
                      symbol=r"\beta"),),
        aliases=("swish",),
    ),
    _gated(
        name="mish",
        fn=_mish,
        derivative_fn=_mish_prime,
    ),
    _gated(
        name="hardswish",
        fn=lambda x: x * (np.clip(x + 3.0, 0.0, 6.0) / 6.0),
        derivative_fn=lambda x: np.where(x <= -3.0, 0.0, np.where(x < 3.0, x / 3.0 + 0.5, 1.0)),
        kinks=(-3.0, 3.0),
        continuity=0,
        aliases=("hard_swish", "hard_silu"),
    ),
    _gated(
        name="elish",
        fn=_elish,
        derivative_fn=_elish_prime,
        joins=(0.0,),
        continuity=1,
    ),
    _gated(
        name="hard_elish",
        fn=_hard_elish,
        derivative_fn=_hard_elish_prime,
        kinks=(-1.0, 1.0),
        continuity=0,
        aliases=("hardelish",),
    ),
    _gated(
        name="lisht",
        fn=lambda x: x * np.tanh(x),
        derivative_fn=lambda x: np.tanh(x) + x * nx.sech2(x),
        limits=(INF, INF),
        derivative_limits=(-1.0, 1.0),
    ),
    _gated(
        name="tanhexp",
        fn=_tanhexp,
        derivative_fn=_tanhexp_prime,
    ),
    _gated(
        name="clipped_gelu",
        fn=_clipped_gelu,
        derivative_fn=_clipped_gelu_prime,
        params=(
            Param("min_val", -CLIP_GELU, "the lower clip; below GELU's minimum (−0.17), so it never acts",
                  high=-0.17, symbol="a"),
            Param("max_val", CLIP_GELU, "the upper clip: f = max_val from the x where GELU reaches it", low=0.0,
                  low_open=True, symbol="b"),
        ),
        limits=lambda min_val, max_val: (0.0, max_val),
        derivative_limits=(0.0, 0.0),
        kinks=lambda min_val, max_val: (_gelu_reaching(max_val),),
        continuity=0,
        aliases=("gelu_clipped",),
    ),
)
