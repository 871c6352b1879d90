"""Gated linear units: a layer's input split in two halves (a, b), the output a ⊗ g(b).

A GLU is a function of two numbers, the value a and the gate b. To draw it as a curve, actviz
holds the value half fixed at ``value`` (v, default 1) and varies the gate x: f(x) = v·g(x). The
figures say so (the x-axis is the gate, the title shows v). ``F.glu(torch.cat([a, b], -1))`` is
``act(b, value=a)`` element by element.
"""

from __future__ import annotations

import math

import numpy as np

from .. import numerics as nx
from ..spec import SMOOTH, Param
from .family import member
from .gated import _gelu, _gelu_prime, _swish, _swish_prime

INF = math.inf

#: what the x-axis of a GLU's figure is
GATE_AXIS = "x: the gate half b; the value half a is held at v"


def _value_param() -> Param:
    return Param("value", 1.0, "the value half a, held fixed while the gate x varies (output a·g(x))", symbol="v")


def _grow(v: float) -> float:
    """lim v·x as x → +∞."""
    return 0.0 if v == 0 else math.copysign(INF, v)


def _gated_formula(gate: str, prime: str):
    """The formula and derivative of v·g(x), written without v when v = 1."""

    def formula(value, **_):
        return "f(x) = " + (gate if value == 1 else rf"v\,{gate}")

    def derivative(value, **_):
        return "f'(x) = " + (prime if value == 1 else rf"v\,\left({prime}\right)")

    return formula, derivative


_GLU_F, _GLU_D = _gated_formula(r"\sigma(x)", r"\sigma(x)\,(1-\sigma(x))")
_REGLU_F, _REGLU_D = _gated_formula(r"\max(0,x)", r"1\ \mathrm{if}\ x>0,\ \mathrm{else}\ 0")
_GEGLU_F, _GEGLU_D = _gated_formula(r"x\,\Phi(x)", r"\Phi(x) + x\,\varphi(x)")
_SWIGLU_F, _SWIGLU_D = _gated_formula(r"x\,\sigma(\beta x)", r"\sigma(\beta x) + \beta x\,\sigma'(\beta x)")

#: gpt-oss's clamped SwiGLU (transformers, models/gpt_oss/modeling_gpt_oss.py, GptOssExperts._apply_gate; vLLM's
#: "swigluoai"): gate clamped to ≤ limit, up to [−limit, limit], then (up + 1)·gate·σ(α·gate)
SWIGLU_OAI_ALPHA = 1.702
SWIGLU_OAI_LIMIT = 7.0


def _swigluoai(x, value, alpha, limit):
    g = np.minimum(x, limit)
    return (np.clip(value, -limit, limit) + 1.0) * _swish(g, alpha)


def _swigluoai_prime(x, value, alpha, limit):
    """∂/∂gate: (up + 1)·(σ(αg) + αg·σ′(αg)) below the clamp, 0 above it (torch.clamp passes the gradient at
    the tie, gate = limit)."""
    return np.where(x <= limit, (np.clip(value, -limit, limit) + 1.0) * _swish_prime(np.minimum(x, limit), alpha), 0.0)


def _swigluoai_limits(value, alpha, limit):
    return 0.0, (min(max(value, -limit), limit) + 1.0) * float(_swish(np.float64(limit), alpha))


_glu = member("glu", axis=GATE_AXIS)

#: v·g(x) with a gate g that has ReLU's tails (ReLU, GELU, Swish): f → 0 at −∞ and ~ v·x at +∞
_RECTIFIER_GATE = dict(limits=lambda value, **_: (0.0, _grow(value)),
                       derivative_limits=lambda value, **_: (0.0, value))

ACTIVATIONS = (
    _glu(
        name="glu",
        formula=_GLU_F,
        derivative_formula=_GLU_D,
        fn=lambda x, value: value * nx.sigmoid(x),
        derivative_fn=lambda x, value: value * nx.sigmoid_prime(x),
        params=(_value_param(),),
        limits=lambda value: (0.0, value),
        derivative_limits=(0.0, 0.0),
        aliases=("gated_linear_unit",),
    ),
    _glu(
        name="reglu",
        formula=_REGLU_F,
        derivative_formula=_REGLU_D,
        fn=lambda x, value: value * np.maximum(x, 0.0) + 0.0,
        derivative_fn=lambda x, value: np.where(x > 0, value, 0.0),
        params=(_value_param(),),
        **_RECTIFIER_GATE,
        kinks=lambda value: () if value == 0 else (0.0,),
        continuity=lambda value: SMOOTH if value == 0 else 0,
    ),
    _glu(
        name="geglu",
        formula=_GEGLU_F,
        derivative_formula=_GEGLU_D,
        fn=lambda x, value: value * _gelu(x, "none"),
        derivative_fn=lambda x, value: value * _gelu_prime(x, "none"),
        params=(_value_param(),),
        **_RECTIFIER_GATE,
    ),
    _glu(
        name="swiglu",
        formula=_SWIGLU_F,
        derivative_formula=_SWIGLU_D,
        fn=lambda x, value, beta: value * _swish(x, beta),
        derivative_fn=lambda x, value, beta: value * _swish_prime(x, beta),
        params=(_value_param(),
                Param("beta", 1.0, "sharpness of the Swish gate (1: SiLU)", low=0.0, low_open=True, symbol=r"\beta")),
        **_RECTIFIER_GATE,
    ),
    _glu(
        name="swigluoai",
        fn=_swigluoai,
        derivative_fn=_swigluoai_prime,
        params=(
            Param("value", 0.0, "the up half, held fixed while the gate x varies; clamped to ±limit, then + 1 "
                  "(0: the gate alone)", symbol="v"),
            Param("alpha", SWIGLU_OAI_ALPHA, "sharpness of the gate's sigmoid (gpt-oss: 1.702)", low=0.0,
                  low_open=True, symbol=r"\alpha"),
            Param("limit", SWIGLU_OAI_LIMIT, "the clamp: gate ≤ limit, |up| ≤ limit (gpt-oss: 7)", low=0.0,
                  low_open=True, symbol="L"),
        ),
        limits=_swigluoai_limits,
        derivative_limits=(0.0, 0.0),
        kinks=lambda value, alpha, limit: () if min(max(value, -limit), limit) == -1.0 else (limit,),
        continuity=lambda value, alpha, limit: SMOOTH if min(max(value, -limit), limit) == -1.0 else 0,
        aliases=("swiglu_oai", "gpt_oss_swiglu"),
    ),
)
