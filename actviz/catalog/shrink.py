"""Shrinkage functions: pull small inputs to zero (sparse coding, denoising)."""

from __future__ import annotations

import math

import numpy as np

from ..spec import DISCONTINUOUS, SMOOTH, Param
from .family import member

INF = math.inf

LAMBD = dict(low=0.0, symbol=r"\lambda")


def _tanhshrink(x):
    """x − tanh x; below |x| = 2 as x·g/(1 + g) from Lambert's continued fraction tanh x = x/(1 + g),
    g = x²/(3 + x²/(5 + x²/(7 + ...))), which has no subtraction to cancel (x − tanh x loses
    log₂(3/x²) bits near 0, all of a 16-bit format's); 13 levels are exact to float64 for |x| < 2."""
    small = np.abs(x) < 2.0
    t = np.where(small, x, 0.0)
    t2 = t * t
    g = t2 / 27.0
    for k in range(25, 1, -2):
        g = t2 / (k + g)
    return np.where(small, t * (g / (1.0 + g)), x - np.tanh(x))


def _inside(x, lambd):
    """The closed band [−λ, λ] where PyTorch sets f and f′ to 0; empty for λ = 0 (the identity)."""
    return (x >= -lambd) & (x <= lambd) & (lambd > 0)

#: shrinkage changes small inputs only: far out f is x shifted by at most λ, so f ~ x and f′ → 1 on both sides
_shrink = member("shrink", limits=(-INF, INF), derivative_limits=(1.0, 1.0))

ACTIVATIONS = (
    _shrink(
        name="softshrink",
        formula=lambda lambd: r"f(x) = x - \lambda\ (x>\lambda),\ \ x + \lambda\ (x<-\lambda),\ \ 0" if lambd > 0
        else r"f(x) = x",
        derivative_formula=lambda lambd: r"f'(x) = 0\ \mathrm{if}\ |x| \leq \lambda,\ \mathrm{else}\ 1" if lambd > 0
        else r"f'(x) = 1",
        fn=lambda x, lambd: np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0.0)),
        derivative_fn=lambda x, lambd: np.where(_inside(x, lambd), 0.0, 1.0),
        params=(Param("lambd", 0.5, "half-width of the zero band", **LAMBD),),
        kinks=lambda lambd: (-lambd, lambd) if lambd > 0 else (),
        continuity=lambda lambd: 0 if lambd > 0 else SMOOTH,
        aliases=("soft_shrink", "soft_threshold"),
    ),
    _shrink(
        name="hardshrink",
        formula=lambda lambd: r"f(x) = x\ \mathrm{if}\ |x| > \lambda,\ \mathrm{else}\ 0" if lambd > 0 else r"f(x) = x",
        derivative_formula=lambda lambd: r"f'(x) = 1\ \mathrm{if}\ |x| > \lambda,\ \mathrm{else}\ 0" if lambd > 0
        else r"f'(x) = 1",
        fn=lambda x, lambd: np.where(_inside(x, lambd), 0.0, x),
        derivative_fn=lambda x, lambd: np.where(_inside(x, lambd), 0.0, 1.0),
        params=(Param("lambd", 0.5, "half-width of the zero band", **LAMBD),),
        kinks=lambda lambd: (-lambd, lambd) if lambd > 0 else (),
        continuity=lambda lambd: DISCONTINUOUS if lambd > 0 else SMOOTH,
        aliases=("hard_shrink", "hard_threshold"),
    ),
    _shrink(
        name="tanhshrink",
        aliases=("tanh_shrink",),
        fn=_tanhshrink,
        derivative_fn=lambda x: np.tanh(x) ** 2,
    ),
)
