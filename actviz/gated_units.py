"""Gated units as functions of two inputs: f(gate, up), as a model's MLP computes them.

Core (numpy only; no words). A gated MLP splits its projection in two, the gate g and the up half u, and
computes ``act(g) · u``; the catalogue's GLU family draws that over g with u held fixed (``value``). Here
the units are the two-input functions themselves, one form for all:

    f(g, u) = post(act(pre(g))) · (clip(u, −limit, limit) + shift)

with ``pre`` an upper clamp of the gate (gpt-oss), ``post`` an upper clamp of act's output (vLLM's
SwigluStepAndMul), ``act`` a catalogue activation. Sources: transformers' ``LlamaMLP`` and the
gated MLPs of Gemma, BitNet, T5 (``act(gate_proj(x)) * up_proj(x)``, ``models/*/modeling_*.py``); gpt-oss's
``GptOssExperts._apply_gate`` (``models/gpt_oss/modeling_gpt_oss.py``) and vLLM's ``SwigluOAIAndMul``;
vLLM's ``SwigluStepAndMul`` (``vllm/model_executor/layers/activation.py``: ``silu(gate).clamp(max=limit) *
up.clamp(-limit, limit)``). :func:`moments` gives E f and Var f under independent N(0, 1) inputs, from the
one-dimensional expectations of each factor (:func:`actviz.quadrature.normal_expectations`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

__all__ = ["Unit", "UNITS", "unit", "moments", "Moments"]


@dataclass(frozen=True)
class Unit:
    """One gated unit: ``act`` (a catalogue spec) on the gate, the clamps, and the up half's shift."""

    name: str
    act: str  #: the gate's activation, a catalogue name
    act_params: tuple[tuple[str, Any], ...] = ()  #: its parameters (GeGLU's tanh form: approximate="tanh")
    gate_limit: float | None = None  #: the gate clamped to ≤ this before act (gpt-oss)
    act_limit: float | None = None  #: act's output clamped to ≤ this (vLLM's SwigluStepAndMul)
    up_limit: float | None = None  #: the up half clamped to [−limit, limit]
    shift: float = 0.0  #: added to the (clamped) up half: gpt-oss's up + 1
    limit_param: bool = False  #: the clamps are one parameter, ``limit``

    def with_limit(self, limit: float) -> Unit:
        """The same unit with every clamp at ``limit`` (for units whose clamps are one parameter)."""
        if not self.limit_param:
            raise ValueError(f"{self.name} has no clamp: it takes no limit")
        if not (isinstance(limit, (int, float)) and math.isfinite(limit) and limit > 0):
            raise ValueError(f"limit={limit!r} is not valid: limit > 0")
        def at(v: float | None) -> float | None:
            return None if v is None else float(limit)

        return replace(self, gate_limit=at(self.gate_limit), act_limit=at(self.act_limit), up_limit=at(self.up_limit))

    @property
    def limits(self) -> tuple[float, ...]:
        return tuple(v for v in (self.gate_limit, self.act_limit, self.up_limit) if v is not None)

    @property
    def spec(self) -> str:
        """The gate's activation as a spec: ``gelu:approximate=tanh``."""
        return self.act + (":" + ",".join(f"{k}={v}" for k, v in self.act_params) if self.act_params else "")

    def _bound(self) -> Any:
        from .catalog import REGISTRY

        return REGISTRY[self.act].bind(dict(self.act_params))

    def gate_part(self, g: Any) -> np.ndarray:
        """post(act(pre(g))): the factor the gate contributes."""
        g = np.asarray(g, dtype=np.float64)
        pre = g if self.gate_limit is None else np.minimum(g, self.gate_limit)
        a = np.asarray(self._bound()(pre), dtype=np.float64)
        return a if self.act_limit is None else np.minimum(a, self.act_limit)

    def up_part(self, u: Any) -> np.ndarray:
        """clip(u, ±limit) + shift: the factor the up half contributes."""
        u = np.asarray(u, dtype=np.float64)
        c = u if self.up_limit is None else np.clip(u, -self.up_limit, self.up_limit)
        return c + self.shift

    def __call__(self, gate: Any, up: Any) -> np.ndarray:
        """f(gate, up), element-wise with numpy broadcasting."""
        with np.errstate(over="ignore", under="ignore"):
            out = self.gate_part(gate) * self.up_part(up)
        return out[()] if np.ndim(out) == 0 else out

    def gate_breaks(self) -> tuple[float, ...]:
        """Where the gate factor changes formula: act's kinks and joins, the clamp of the gate, and the g where
        act reaches its output clamp (found by bisection on the increasing side)."""
        b = self._bound()
        out = [*b.pieces()]
        if self.gate_limit is not None:
            out.append(self.gate_limit)
        if self.act_limit is not None:
            lo, hi = 0.0, max(2.0 * self.act_limit, 1.0)
            while float(b(hi)) < self.act_limit:
                hi *= 2.0
            for _ in range(200):
                mid = (lo + hi) / 2.0
                if mid in (lo, hi):
                    break
                lo, hi = (mid, hi) if float(b(mid)) < self.act_limit else (lo, mid)
            out.append(hi)
        return tuple(sorted(set(out)))


#: the units real models use, by name
UNITS: Mapping[str, Unit] = {
    "swiglu": Unit("swiglu", "silu"),  # LLaMA, Mistral, Qwen: act(gate_proj) * up_proj with silu
    "geglu": Unit("geglu", "gelu"),  # the exact GELU gate (Shazeer 2020)
    "geglu_tanh": Unit("geglu_tanh", "gelu", (("approximate", "tanh"),)),  # Gemma 1–3 (gelu_pytorch_tanh), T5 v1.1 (gelu_new)
    "reglu": Unit("reglu", "relu"),
    "relu2_glu": Unit("relu2_glu", "squared_relu"),  # BitNet: act(gate_proj) * up_proj with relu2
    "swigluoai": Unit("swigluoai", "quick_gelu", gate_limit=7.0, up_limit=7.0, shift=1.0, limit_param=True),
    "swiglu_limit": Unit("swiglu_limit", "silu", act_limit=7.0, up_limit=7.0, limit_param=True),
}
#: other spellings
ALIASES = {"swiglu_oai": "swigluoai", "gpt_oss": "swigluoai", "swiglustep": "swiglu_limit", "swiglu_step": "swiglu_limit",
           "bitnet": "relu2_glu", "squared_relu_glu": "relu2_glu", "gelu_tanh_glu": "geglu_tanh"}


def unit(name: str, limit: float | None = None) -> Unit:
    """The unit called ``name`` (or an alias), with its clamps at ``limit`` where given; an unknown name is
    a KeyError listing the valid ones."""
    key = name.strip().lower().replace("-", "_")
    key = ALIASES.get(key, key)
    if key not in UNITS:
        raise KeyError(key)
    u = UNITS[key]
    return u if limit is None else u.with_limit(limit)


@dataclass(frozen=True)
class Moments:
    """E f and Var f for independent gate, up ~ N(0, 1), with the quadrature's error bounds."""

    mean: float
    variance: float
    mean_error: float
    variance_error: float


def moments(u: Unit) -> Moments:
    """E f(G, U) and Var f(G, U) for independent G, U ~ N(0, 1): f = A(G)·B(U), so E f = E A·E B and
    E f² = E A²·E B² (each factor's expectations by :func:`~actviz.quadrature.normal_expectations`)."""
    from .quadrature import normal_expectations

    def rows(part: Any) -> Any:
        def h(z: np.ndarray) -> np.ndarray:
            with np.errstate(over="ignore", under="ignore"):
                v = part(z)
            return np.vstack([v, v * v])

        return h

    ea = normal_expectations(rows(u.gate_part), 2, u.gate_breaks())
    ups = () if u.up_limit is None else (-u.up_limit, u.up_limit)
    eb = normal_expectations(rows(u.up_part), 2, ups)
    (a1, a2), (b1, b2) = ea.values, eb.values
    (da1, da2), (db1, db2) = ea.errors, eb.errors
    mean = a1 * b1
    second = a2 * b2
    var = second - mean * mean
    mean_err = abs(a1) * db1 + abs(b1) * da1
    var_err = abs(a2) * db2 + abs(b2) * da2 + 2 * abs(mean) * mean_err
    return Moments(mean, var, mean_err, var_err)
