"""Vector-valued activations: they map a vector of logits (last axis) to a vector."""

from __future__ import annotations

import numpy as np

from .. import numerics as nx
from ..spec import Param
from .family import member


def _sparsemax_prime(x):
    """The diagonal of sparsemax's Jacobian diag(s) − s sᵀ/|S|: s_i (1 − 1/|S|), S the support."""
    s = (nx.sparsemax(x) > 0).astype(np.float64)
    return s * (1.0 - 1.0 / np.sum(s, axis=-1, keepdims=True))


def _p_times_q(x, scale=1.0):
    """softmax′'s diagonal p(1 − p), with 1 − p summed from the other entries (see numerics.softmax_parts)."""
    p, q, _ = nx.softmax_parts(x, scale=scale)
    return p * q


#: every member maps a vector of logits (last axis) to a vector
_vector = member("softmax", vector=True)

ACTIVATIONS = (
    _vector(
        name="softmax",
        fn=lambda x: nx.softmax(x),
        derivative_fn=lambda x: _p_times_q(x),
        aliases=("softmax2d",),
    ),
    _vector(
        name="log_softmax",
        fn=lambda x: nx.log_softmax(x),
        derivative_fn=lambda x: nx.softmax_parts(x)[1],
        aliases=("logsoftmax",),
    ),
    _vector(
        name="softmin",
        fn=lambda x: nx.softmax(-x),
        derivative_fn=lambda x: -_p_times_q(-x),
    ),
    _vector(
        name="sparsemax",
        fn=lambda x: nx.sparsemax(x),
        derivative_fn=_sparsemax_prime,
        kinks=(-1.0, 1.0),
        continuity=0,
    ),
    _vector(
        name="gumbel_softmax",
        fn=lambda x, tau: nx.softmax_parts(x, scale=tau)[0],
        derivative_fn=lambda x, tau: _p_times_q(x, tau) / tau,
        params=(Param("tau", 1.0, "temperature τ: small τ makes the samples nearly one-hot", low=0.0,
                      low_open=True, symbol=r"\tau"),),
        aliases=("gumbelsoftmax", "concrete"),
    ),
)
