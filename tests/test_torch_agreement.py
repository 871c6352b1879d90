"""Agreement with PyTorch's float64 functions and autograd, wherever PyTorch has the function.

Skipped when PyTorch is not installed (it is not a dependency of actviz). Tolerances from the
catalogue issue: values 1e-12 absolute + 1e-10 relative, derivatives 1e-10 + 1e-8, on a dense grid
that includes every kink (so the derivative convention at kinks is PyTorch's too) and large inputs.
"""

from __future__ import annotations

import numpy as np
import pytest

from actviz.catalog import REGISTRY

torch = pytest.importorskip("torch", reason="PyTorch is not installed (not a dependency of actviz)")
F = torch.nn.functional

TORCH = {
    "identity": lambda x: x * 1.0,
    "sigmoid": lambda x, a: torch.sigmoid(a * x),
    "tanh": torch.tanh,
    "hardsigmoid": F.hardsigmoid,
    "hardtanh": lambda x, min_val, max_val: F.hardtanh(x, min_val, max_val),
    "softsign": F.softsign,
    "arctan": torch.atan,
    "logsigmoid": F.logsigmoid,
    "relu": lambda x, alpha: F.relu(x) if alpha == 0 else F.leaky_relu(x, alpha),
    "leaky_relu": lambda x, alpha: F.leaky_relu(x, alpha),
    "prelu": lambda x, alpha: F.prelu(x, torch.tensor([alpha], dtype=torch.float64)),
    "rrelu": lambda x, lower, upper: F.rrelu(x, lower, upper, training=False),
    "relu6": F.relu6,
    "threshold": lambda x, threshold, value: F.threshold(x, threshold, value),
    "elu": lambda x, alpha: F.elu(x, alpha),
    "selu": F.selu,
    "celu": lambda x, alpha: F.celu(x, alpha),
    # threshold=inf (actviz's default, the mathematical softplus): torch's log(1 + e^βx) overflows at x = 1000,
    # so the stable torch form stands in for it
    "softplus": lambda x, beta, threshold: F.softplus(x, beta, threshold) if threshold != float("inf")
    else torch.logaddexp(beta * x, torch.zeros_like(x)) / beta,
    "gelu": lambda x, approximate: F.gelu(x, approximate=approximate),
    "silu": lambda x, beta: F.silu(x) if beta == 1 else x * torch.sigmoid(beta * x),
    "mish": F.mish,
    "hardswish": F.hardswish,
    "softshrink": lambda x, lambd: F.softshrink(x, lambd),
    "hardshrink": lambda x, lambd: F.hardshrink(x, lambd),
    "tanhshrink": F.tanhshrink,
    "sinusoid": torch.sin,
    "sinc": torch.sinc,
}

PARAMS = {
    "sigmoid": [{}, {"a": 2.5}],
    "hardtanh": [{}, {"min_val": -2.0, "max_val": 0.5}],
    "relu": [{}, {"alpha": 0.1}],
    "leaky_relu": [{}, {"alpha": 0.2}],
    "prelu": [{}, {"alpha": -0.3}],
    "rrelu": [{}, {"lower": 0.1, "upper": 0.5}],
    "threshold": [{}, {"threshold": 0.5, "value": -1.0}],
    "elu": [{}, {"alpha": 2.0}, {"alpha": 0.3}],
    "celu": [{}, {"alpha": 0.5}],
    "softplus": [{}, {"beta": 2.0, "threshold": 10.0}, {"beta": 0.5, "threshold": 3.0}],
    "gelu": [{}, {"approximate": "tanh"}],
    "silu": [{}, {"beta": 2.0}],
    "softshrink": [{}, {"lambd": 1.2}],
    "hardshrink": [{}, {"lambd": 1.2}],
}

CASES = [pytest.param(n, p, id=f"{n}-{p}") for n in TORCH for p in PARAMS.get(n, [{}])]


def grid(act, params):
    x = np.concatenate([np.linspace(-12, 12, 4801), [-1e3, -60.0, 60.0, 1e3], act.kinks_at(**params)])
    return np.unique(x)


@pytest.mark.parametrize("name, params", CASES)
def test_values_and_autograd_derivatives_match_pytorch(name, params):
    act = REGISTRY[name]
    resolved = act.resolve(params)
    x = grid(act, params)
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    yt = TORCH[name](xt, **resolved)
    (grad,) = torch.autograd.grad(yt.sum(), xt)
    np.testing.assert_allclose(act(x, **params), yt.detach().numpy(), rtol=1e-10, atol=1e-12)
    # PyTorch's hardsigmoid backward multiplies by a float32 1/6 (error 5e-9); actviz keeps the exact 1/6
    rtol = 3e-8 if name == "hardsigmoid" else 1e-8
    np.testing.assert_allclose(act.derivative(x, **params), grad.numpy(), rtol=rtol, atol=1e-10)


@pytest.mark.parametrize("name, fn", [("softmax", F.softmax), ("log_softmax", F.log_softmax),
                                      ("softmin", F.softmin)])
def test_vector_activations_match_pytorch(name, fn):
    act = REGISTRY[name]
    rng = np.random.default_rng(1)
    v = np.concatenate([rng.normal(size=(6, 5)) * 4, [[1000.0, 1001.0, 999.0, -5.0, 0.0]]])
    vt = torch.tensor(v, dtype=torch.float64, requires_grad=True)
    yt = fn(vt, dim=-1)
    np.testing.assert_allclose(act(v), yt.detach().numpy(), rtol=1e-10, atol=1e-12)
    diag = np.stack([torch.autograd.grad(yt[:, i].sum(), vt, retain_graph=True)[0][:, i].numpy()
                     for i in range(v.shape[1])], axis=1)
    np.testing.assert_allclose(act.derivative(v), diag, rtol=1e-8, atol=1e-10)
