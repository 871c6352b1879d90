"""The initialisation lines `actviz gain` prints, run in the real frameworks where they are installed
(issue 25): each draws weights whose std × √fan_in is the forward gain; and PyTorch's own
calculate_gain is what actviz says it is. Skipped where a framework is absent (not a dependency)."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

import actviz
from actviz.propagation import torch_gain

FAN_IN, FAN_OUT = 1500, 700  # not square: a fan_in/fan_out mix-up would show


def _std(weights) -> float:
    return float(np.asarray(weights).std()) * math.sqrt(FAN_IN)


@pytest.mark.parametrize("spec", ["relu", "tanh", "gelu", "x*tanh(x)"])
def test_torch_line_draws_the_forward_gain(spec):
    torch = pytest.importorskip("torch", reason="PyTorch is not installed")
    record = actviz.gain(spec)[0]
    torch.manual_seed(0)
    layer = torch.nn.Linear(FAN_IN, FAN_OUT)
    with torch.no_grad():
        exec(actviz.init_lines(record)["torch"], {"torch": torch, "layer": layer})
    assert _std(layer.weight.detach().numpy()) == pytest.approx(record.gain_forward, rel=0.01)


@pytest.mark.parametrize("spec", ["relu", "tanh", "selu"])
def test_jax_and_keras_lines_draw_the_forward_gain(spec):
    jax = pytest.importorskip("jax", reason="JAX is not installed")
    record = actviz.gain(spec)[0]
    init = eval(actviz.init_lines(record)["jax"], {"jax": jax})  # noqa: S307 - our own line
    assert _std(init(jax.random.PRNGKey(0), (FAN_IN, FAN_OUT))) == pytest.approx(record.gain_forward, rel=0.01)
    os.environ.setdefault("KERAS_BACKEND", "jax")
    keras = pytest.importorskip("keras", reason="Keras is not installed")
    init = eval(actviz.init_lines(record)["keras"], {"keras": keras})  # noqa: S307
    assert _std(init((FAN_IN, FAN_OUT))) == pytest.approx(record.gain_forward, rel=0.01)


@pytest.mark.parametrize(("spec", "nonlinearity", "param"), [
    ("identity", "linear", None), ("sigmoid", "sigmoid", None), ("tanh", "tanh", None), ("relu", "relu", None),
    ("leaky_relu", "leaky_relu", 0.01), ("leaky_relu:alpha=0.2", "leaky_relu", 0.2), ("selu", "selu", None),
])
def test_torch_gains_are_pytorchs(spec, nonlinearity, param):
    torch = pytest.importorskip("torch", reason="PyTorch is not installed")
    bound = actviz.bind(spec)
    assert torch_gain(bound) == pytest.approx(torch.nn.init.calculate_gain(nonlinearity, param), rel=1e-12)
