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
        label="Softmax",
        summary="Turns logits into probabilities: positive, summing to 1.",
        formula=r"f(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}",
        derivative_formula=r"\partial f_i / \partial x_i = f_i\,(1-f_i)",
        fn=lambda x: nx.softmax(x),
        derivative_fn=lambda x: (s := nx.softmax(x)) * (1.0 - s),
        aliases=("softmax2d",),
        notes=(
            "The output layer for multi-class classification; pairs with cross-entropy, whose gradient "
            "with respect to the logits is simply p − y.",
            "Computed with the maximum subtracted, so logits like (1000, 1001, 999) are fine.",
        ),
        reference="Bridle, Probabilistic interpretation of feedforward classification network outputs (1990)",
    ),
    _vector(
        name="log_softmax",
        label="Log-softmax",
        summary="log of softmax: log-probabilities, computed without forming the probabilities.",
        formula=r"f(x)_i = x_i - \log\sum_j e^{x_j}",
        derivative_formula=r"\partial f_i / \partial x_i = 1 - \mathrm{softmax}(x)_i",
        fn=lambda x: nx.log_softmax(x),
        derivative_fn=lambda x: 1.0 - nx.softmax(x),
        aliases=("logsoftmax",),
        notes=("Feeds the negative log-likelihood loss; more accurate than log(softmax(x)).",),
        reference="PyTorch torch.nn.LogSoftmax",
    ),
    _vector(
        name="softmin",
        label="Softmin",
        summary="softmax(−x): the smallest input gets the largest weight.",
        formula=r"f(x)_i = \frac{e^{-x_i}}{\sum_j e^{-x_j}}",
        derivative_formula=r"\partial f_i / \partial x_i = -f_i\,(1-f_i)",
        fn=lambda x: nx.softmax(-x),
        derivative_fn=lambda x: -(s := nx.softmax(-x)) * (1.0 - s),
        notes=("Used for soft attention over distances or costs.",),
        reference="PyTorch torch.nn.Softmin",
    ),
    _vector(
        name="sparsemax",
        label="Sparsemax",
        summary="The Euclidean projection of the logits onto the probability simplex: sparse probabilities.",
        formula=r"f(x)_i = \max(0,\ x_i - \tau(x)),\ \ \sum_i f(x)_i = 1",
        derivative_formula=r"\partial f_i / \partial x_i = s_i\,(1 - 1/|S|),\ \ s_i = [f_i > 0]",
        fn=lambda x: nx.sparsemax(x),
        derivative_fn=_sparsemax_prime,
        kinks=(-1.0, 1.0),
        continuity=0,
        notes=(
            "Like softmax it returns probabilities, but small logits get exactly 0: a sparse attention or "
            "output layer, with a Jacobian that is cheap to apply.",
            "For two logits (x, 0) it is the sparse sigmoid, (x + 1)/2 clipped to [0, 1].",
        ),
        reference="Martins & Astudillo, From softmax to sparsemax (2016)",
    ),
    _vector(
        name="gumbel_softmax",
        label="Gumbel-softmax",
        summary="softmax((x + g)/τ) with random Gumbel noise g; drawn without the noise, softmax(x/τ).",
        formula=r"f(x)_i = \frac{e^{x_i/\tau}}{\sum_j e^{x_j/\tau}}\ \ (\mathrm{noise}\ g = 0)",
        derivative_formula=r"\partial f_i / \partial x_i = f_i\,(1-f_i)/\tau",
        fn=lambda x, tau: nx.softmax(x / tau),
        derivative_fn=lambda x, tau: (s := nx.softmax(x / tau)) * (1.0 - s) / tau,
        params=(Param("tau", 1.0, "temperature τ: small τ makes the samples nearly one-hot", low=0.0,
                      low_open=True, symbol=r"\tau"),),
        aliases=("gumbelsoftmax", "concrete"),
        notes=(
            "A differentiable stand-in for sampling a category: PyTorch's F.gumbel_softmax adds fresh Gumbel noise "
            "g to the logits at every call. actviz draws it without the noise, the tempered softmax (as RReLU "
            "is drawn in evaluation mode); act(x + g, tau=τ) is one sample.",
            "τ → 0 approaches a one-hot sample, large τ the uniform distribution.",
        ),
        reference="Jang, Gu & Poole, Categorical reparameterization with Gumbel-softmax (2017)",
    ),
)
