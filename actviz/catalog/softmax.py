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


#: every member maps a vector of logits (last axis) to a vector
_vector = member("softmax", vector=True)

ACTIVATIONS = (
    _vector(
        name="softmax",
        fn=lambda x: nx.softmax(x),
        derivative_fn=lambda x: (s := nx.softmax(x)) * (1.0 - s),
        aliases=("softmax2d",),
    ),
    _vector(
        name="log_softmax",
        fn=lambda x: nx.log_softmax(x),
        derivative_fn=lambda x: 1.0 - nx.softmax(x),
        aliases=("logsoftmax",),
    ),
    _vector(
        name="softmin",
        fn=lambda x: nx.softmax(-x),
        derivative_fn=lambda x: -(s := nx.softmax(-x)) * (1.0 - s),
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
        fn=lambda x, tau: nx.softmax(x / tau),
        derivative_fn=lambda x, tau: (s := nx.softmax(x / tau)) * (1.0 - s) / tau,
        params=(Param("tau", 1.0, "temperature τ: small τ makes the samples nearly one-hot", low=0.0,
                      low_open=True, symbol=r"\tau"),),
        aliases=("gumbelsoftmax", "concrete"),
    ),
)
