"""Exponential linear units: identity on the right, a smooth bounded curve on the left."""

from __future__ import annotations

import math

import numpy as np

from ..spec import Param
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
)
