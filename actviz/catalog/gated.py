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
    xc = np.clip(x, -1e3, 1e3)  # σ(2u) is exactly 0 or 1 beyond; keeps x³ finite
    return xc, GELU_K * (xc + GELU_C * xc**3)


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


def _gate(x, beta):
    """βx clipped to ±800, where σ is exactly 0 or 1 and σ′ exactly 0: no inf·0 in z·σ′(z)."""
    return np.clip(beta * x, -800.0, 800.0)


def _swish(x, beta):
    return x * nx.sigmoid(_gate(x, beta))


def _swish_prime(x, beta):
    z = _gate(x, beta)
    return nx.sigmoid(z) + z * nx.sigmoid_prime(z)


def _mish(x):
    return x * np.tanh(nx.softplus(x))


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
    return x * np.tanh(np.exp(np.minimum(x, 40.0)))  # tanh(e^40) is exactly 1


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
        label="GELU",
        summary="Gaussian error linear unit x·Φ(x): the input weighted by how likely it is to be kept.",
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
        notes=(
            "The default of BERT and GPT-style Transformers; smooth and non-monotonic near 0 "
            "(minimum ≈ −0.17 at x ≈ −0.75).",
            "Soft saturation on the left only; costlier than ReLU (erf or tanh).",
            "Exact GELU needs erf: actviz uses libm's erf/erfc, so the left tail keeps full relative accuracy.",
        ),
        reference="Hendrycks & Gimpel, Gaussian error linear units (GELUs) (2016)",
    ),
    _gated(
        name="quick_gelu",
        label="Quick GELU",
        summary="x·σ(1.702x): the sigmoid approximation of GELU used by CLIP.",
        formula=r"f(x) = x\,\sigma(1.702\,x)",
        derivative_formula=r"f'(x) = \sigma(1.702x) + 1.702\,x\,\sigma'(1.702x)",
        fn=lambda x: _swish(x, QUICK_GELU),
        derivative_fn=lambda x: _swish_prime(x, QUICK_GELU),
        notes=("Cheaper than exact GELU and within about 0.02 of it.",),
        reference="Hendrycks & Gimpel (2016); used in Radford et al., CLIP (2021)",
    ),
    _gated(
        name="silu",
        label="SiLU / Swish",
        summary="Sigmoid-weighted linear unit x·σ(βx) (Swish); β = 1 is PyTorch's SiLU.",
        formula=r"f(x) = x\,\sigma(\beta x)",
        derivative_formula=r"f'(x) = \sigma(\beta x) + \beta x\,\sigma(\beta x)(1-\sigma(\beta x))",
        fn=_swish,
        derivative_fn=_swish_prime,
        params=(Param("beta", 1.0, "gate sharpness: β → ∞ approaches ReLU", low=0.0, low_open=True,
                      symbol=r"\beta"),),
        aliases=("swish",),
        notes=(
            "Smooth, non-monotonic (minimum ≈ −0.278 at β = 1), unbounded above: often beats ReLU in deep nets.",
            "Soft saturation on the left; costs a sigmoid.",
        ),
        reference="Ramachandran, Zoph & Le, Searching for activation functions (2017); Elfwing et al. (2018)",
    ),
    _gated(
        name="mish",
        label="Mish",
        summary="x·tanh(softplus(x)): a smooth, self-regularised non-monotonic unit.",
        formula=r"f(x) = x\,\tanh(\log(1+e^x))",
        derivative_formula=r"f'(x) = \tanh(s) + x\,\sigma(x)\,(1-\tanh^2(s)),\ \ s = \log(1+e^x)",
        fn=_mish,
        derivative_fn=_mish_prime,
        notes=("Similar to Swish; popular in object detection (the YOLO family). Costlier than ReLU.",),
        reference="Misra, Mish: a self regularized non-monotonic activation function (2019)",
    ),
    _gated(
        name="hardswish",
        label="Hard swish",
        summary="x·relu6(x + 3)/6: a piecewise version of Swish for mobile networks.",
        formula=r"f(x) = x\,\frac{\min(\max(0,\ x+3),\ 6)}{6}",
        derivative_formula=r"f'(x) = 0\ (x \leq -3),\ \ \frac{2x+3}{6}\ (|x| < 3),\ \ 1\ (x \geq 3)",
        fn=lambda x: x * (np.clip(x + 3.0, 0.0, 6.0) / 6.0),
        derivative_fn=lambda x: np.where(x <= -3.0, 0.0, np.where(x < 3.0, x / 3.0 + 0.5, 1.0)),
        kinks=(-3.0, 3.0),
        continuity=0,
        aliases=("hard_swish", "hard_silu"),
        notes=("No exponential: cheap on phones. Dead for x < −3.",),
        reference="Howard et al., Searching for MobileNetV3 (2019)",
    ),
    _gated(
        name="elish",
        label="ELiSH",
        summary="Exponential linear sigmoid squashing: x·σ(x) for x ≥ 0, (eˣ − 1)·σ(x) below.",
        formula=r"f(x) = x\,\sigma(x)\ \mathrm{if}\ x \geq 0,\ \mathrm{else}\ (e^x-1)\,\sigma(x)",
        derivative_formula=r"f'(x) = \sigma + x\sigma'\ (x \geq 0),\ \ e^x\sigma + (e^x-1)\sigma'\ (x<0)",
        fn=_elish,
        derivative_fn=_elish_prime,
        joins=(0.0,),
        continuity=1,
        notes=("Combines ELU's negative part with Swish's positive part.",),
        reference="Basirat & Roth, The quest for the golden activation function (2018)",
    ),
    _gated(
        name="hard_elish",
        label="Hard ELiSH",
        summary="ELiSH with the hard sigmoid max(0, min(1, (x + 1)/2)) as its gate: 0 below −1.",
        formula=r"f(x) = (x\ \mathrm{if}\ x \geq 0,\ \mathrm{else}\ e^x-1)\,\mathrm{clip}(\frac{x+1}{2},0,1)",
        derivative_formula=r"f'(x) = h + x h'\ (x \geq 0),\ \ e^x h + (e^x-1)h'\ (x<0),\ \ h' = \frac{1}{2}\ (|x|<1)",
        fn=_hard_elish,
        derivative_fn=_hard_elish_prime,
        kinks=(-1.0, 1.0),
        continuity=0,
        aliases=("hardelish",),
        notes=(
            "Defined together with ELiSH; exactly 0 (dead) for x ≤ −1, the identity for x ≥ 1.",
            "f′ jumps at ±1, where the hard gate starts and stops rising.",
        ),
        reference="Basirat & Roth, The quest for the golden activation function (2018)",
    ),
    _gated(
        name="lisht",
        label="LiSHT",
        summary="Linearly scaled hyperbolic tangent x·tanh(x): even, never negative.",
        formula=r"f(x) = x\,\tanh(x)",
        derivative_formula=r"f'(x) = \tanh(x) + x\,(1-\tanh^2(x))",
        fn=lambda x: x * np.tanh(x),
        derivative_fn=lambda x: np.tanh(x) + x * nx.sech2(x),
        limits=(INF, INF),
        derivative_limits=(-1.0, 1.0),
        notes=("Symmetric: negative inputs produce large positive outputs; no saturation.",),
        reference="Roy et al., LiSHT: non-parametric linearly scaled hyperbolic tangent activation function (2019)",
    ),
    _gated(
        name="tanhexp",
        label="TanhExp",
        summary="x·tanh(eˣ): close to the identity for x > 0, a small dip below zero.",
        formula=r"f(x) = x\,\tanh(e^x)",
        derivative_formula=r"f'(x) = \tanh(e^x) + x\,e^x\,(1-\tanh^2(e^x))",
        fn=_tanhexp,
        derivative_fn=_tanhexp_prime,
        notes=("Rises faster than the identity just right of zero (f′ peaks at 1.062), identity-like further right; designed for light-weight networks.",),
        reference="Liu & Di, TanhExp: a smooth activation function with high convergence speed (2020)",
    ),
)
