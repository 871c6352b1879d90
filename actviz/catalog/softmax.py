"""Vector-valued activations: they map a vector of logits (last axis) to a vector."""

from __future__ import annotations

from .. import numerics as nx
from ..spec import Activation

ACTIVATIONS = (
    Activation(
        name="softmax",
        label="Softmax",
        family="softmax",
        summary="Turns logits into probabilities: positive, summing to 1.",
        formula=r"f(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}",
        derivative_formula=r"\partial f_i / \partial x_i = f_i\,(1-f_i)",
        fn=lambda x: nx.softmax(x),
        derivative_fn=lambda x: (s := nx.softmax(x)) * (1.0 - s),
        vector=True,
        notes=(
            "The output layer for multi-class classification; pairs with cross-entropy, whose gradient "
            "with respect to the logits is simply p − y.",
            "Computed with the maximum subtracted, so logits like (1000, 1001, 999) are fine.",
        ),
        reference="Bridle, Probabilistic interpretation of feedforward classification network outputs (1990)",
    ),
    Activation(
        name="log_softmax",
        label="Log-softmax",
        family="softmax",
        summary="log of softmax: log-probabilities, computed without forming the probabilities.",
        formula=r"f(x)_i = x_i - \log\sum_j e^{x_j}",
        derivative_formula=r"\partial f_i / \partial x_i = 1 - \mathrm{softmax}(x)_i",
        fn=lambda x: nx.log_softmax(x),
        derivative_fn=lambda x: 1.0 - nx.softmax(x),
        vector=True,
        aliases=("logsoftmax",),
        notes=("Feeds the negative log-likelihood loss; more accurate than log(softmax(x)).",),
        reference="PyTorch torch.nn.LogSoftmax",
    ),
    Activation(
        name="softmin",
        label="Softmin",
        family="softmax",
        summary="softmax(−x): the smallest input gets the largest weight.",
        formula=r"f(x)_i = \frac{e^{-x_i}}{\sum_j e^{-x_j}}",
        derivative_formula=r"\partial f_i / \partial x_i = -f_i\,(1-f_i)",
        fn=lambda x: nx.softmax(-x),
        derivative_fn=lambda x: -(s := nx.softmax(-x)) * (1.0 - s),
        vector=True,
        notes=("Used for soft attention over distances or costs.",),
        reference="PyTorch torch.nn.Softmin",
    ),
)
