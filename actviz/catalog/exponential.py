"""Exponential linear units: identity on the right, a smooth bounded curve on the left."""

from __future__ import annotations

import math

import numpy as np

from ..spec import DISCONTINUOUS, Param
from .family import member

INF = math.inf

# SELU's constants, fixed so that activations keep mean 0 and variance 1 (Klambauer et al. 2017)
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _elu(x, alpha):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def _elu_prime(x, alpha):
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def _isrlu(x, alpha):
    neg = np.minimum(x, 0.0)
    return np.where(x >= 0, x, neg / np.hypot(1.0, math.sqrt(alpha) * neg))


def _isrlu_prime(x, alpha):
    r = 1.0 / np.hypot(1.0, math.sqrt(alpha) * np.minimum(x, 0.0))
    return np.where(x >= 0, 1.0, r * r * r)


def _xielu(x, alpha_p, alpha_n, beta, eps):
    """αp·x² + βx for x > 0; αn·(expm1(min(x, ε)) − x) + βx for x ≤ 0 (ε = 0: the paper's form)."""
    pos = np.maximum(x, 0.0)
    neg = np.minimum(x, 0.0)
    # αn·expm1(·) + (β − αn)·x: no inf − inf at −1.8e308 (αn·(−x) and βx each overflow there, f does not)
    return np.where(x > 0, pos * (alpha_p * pos + beta),
                    alpha_n * np.expm1(np.minimum(neg, eps)) + (beta - alpha_n) * neg)


def _xielu_prime(x, alpha_p, alpha_n, beta, eps):
    """2αp·x + β for x > 0; αn·(eˣ − 1) + β for x < ε; β − αn on [ε, 0] where ε < 0 (min(x, ε) is constant there)."""
    neg = np.minimum(x, 0.0)
    left = np.where(neg < eps, alpha_n * np.expm1(neg) + beta, beta - alpha_n) if eps < 0 else alpha_n * np.expm1(neg) + beta
    return np.where(x > 0, 2.0 * alpha_p * np.maximum(x, 0.0) + beta, left)


def _xielu_formula(alpha_p, alpha_n, beta, eps):
    inner = r"e^{x}-1" if eps == 0 else r"e^{\min(x,\varepsilon)}-1"
    return (r"f(x) = \alpha_p x^2 + \beta x\ \mathrm{if}\ x>0,\ \mathrm{else}\ "
            rf"\alpha_n\,({inner}-x) + \beta x")


def _xielu_derivative_formula(alpha_p, alpha_n, beta, eps):
    tail = r"\alpha_n (e^{x}-1) + \beta"
    if eps != 0:
        tail += r"\ \mathrm{if}\ x<\varepsilon,\ \mathrm{else}\ \beta-\alpha_n"
    return r"f'(x) = 2\alpha_p x + \beta\ \mathrm{if}\ x>0,\ \mathrm{else}\ " + tail


def _xielu_check(alpha_p, alpha_n, beta, eps):
    return None if alpha_n > beta else f"alpha_n must be greater than beta (αn = β + softplus(·)), got {alpha_n} ≤ {beta}"


ALPHA = dict(low=0.0, low_open=True, symbol=r"\alpha")

#: the identity on the right, a curve flattening to a constant on the left: f′ → 0 at −∞ and 1 at +∞
#: (SELU's right slope is its scale λ)
_exp_linear = member("exponential", derivative_limits=(0.0, 1.0))

ACTIVATIONS = (
    _exp_linear(
        name="elu",
        fn=_elu,
        derivative_fn=_elu_prime,
        params=(Param("alpha", 1.0, "the negative saturation value is −α", **ALPHA),),
        limits=lambda alpha: (-alpha, INF),
        kinks=lambda alpha: () if alpha == 1 else (0.0,),
        joins=(0.0,),
        continuity=lambda alpha: 1 if alpha == 1 else 0,
    ),
    _exp_linear(
        name="selu",
        fn=lambda x: SELU_SCALE * _elu(x, SELU_ALPHA),
        derivative_fn=lambda x: SELU_SCALE * _elu_prime(x, SELU_ALPHA),
        limits=(-SELU_SCALE * SELU_ALPHA, INF),
        derivative_limits=(0.0, SELU_SCALE),
        kinks=(0.0,),
        continuity=0,
    ),
    _exp_linear(
        name="celu",
        fn=lambda x, alpha: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0) / alpha)),
        derivative_fn=lambda x, alpha: np.where(x > 0, 1.0, np.exp(np.minimum(x, 0.0) / alpha)),
        params=(Param("alpha", 1.0, "the negative saturation value is −α", **ALPHA),),
        limits=lambda alpha: (-alpha, INF),
        joins=(0.0,),
        continuity=1,
    ),
    _exp_linear(
        name="isrlu",
        fn=_isrlu,
        derivative_fn=_isrlu_prime,
        params=(Param("alpha", 1.0, "the negative saturation value is −1/√α", **ALPHA),),
        limits=lambda alpha: (-1.0 / math.sqrt(alpha), INF),
        joins=(0.0,),
        continuity=2,
    ),
    _exp_linear(
        name="xielu",
        formula=_xielu_formula,
        derivative_formula=_xielu_derivative_formula,
        fn=_xielu,
        derivative_fn=_xielu_prime,
        params=(
            Param("alpha_p", 0.8, "the curvature of the positive side, αp·x² (trainable; initial value 0.8)",
                  low=0.0, low_open=True, symbol=r"\alpha_p"),
            Param("alpha_n", 0.8, "the weight of the negative side (trainable, > β; initial value 0.8)",
                  low=0.0, low_open=True, symbol=r"\alpha_n"),
            Param("beta", 0.5, "the slope at 0, βx on both sides (fixed: 0.5)", low=0.0, low_open=True,
                  symbol=r"\beta"),
            Param("eps", 0.0, "the negative side computes expm1(min(x, ε)): 0 is the paper's form; transformers "
                  "uses −1e−6", high=0.0, symbol=r"\varepsilon"),
        ),
        limits=(INF, INF),
        derivative_limits=lambda alpha_p, alpha_n, beta, eps: (beta - alpha_n, INF),
        kinks=lambda alpha_p, alpha_n, beta, eps: (eps, 0.0) if eps < 0 else (),
        joins=lambda alpha_p, alpha_n, beta, eps: () if eps < 0 else (0.0,),
        continuity=lambda alpha_p, alpha_n, beta, eps: DISCONTINUOUS if eps < 0 else (2 if alpha_n == 2.0 * alpha_p else 1),
        check=_xielu_check,
        aliases=("xielu_paper",),
    ),
)
