"""Framework presets against the frameworks themselves: values and autograd derivatives in float64.

Every preset of actviz.frameworks is evaluated on a dense grid that includes its kinks, and compared
with the framework's own function and its own gradient (torch.autograd, jax.grad; Keras 3 on the jax
backend; tf.GradientTape). So the defaults, approximations, switches and conventions at kinks that
``actviz frameworks`` reports are the frameworks' real behaviour. Each framework is skipped when it is
not installed (none is a dependency of actviz); the versions checked are actviz.frameworks.CHECKED.
"""

from __future__ import annotations

import importlib.util
import math
import os

import numpy as np
import pytest

import actviz
from actviz.frameworks import DEFINITIONS, FRAMEWORKS
from actviz.presets import compare, preset

#: the parameters a definition does not have to mention: inputs drawn as parameters, not the framework's
INPUTS = {"value", "output"}


def _have(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def grid(bound):
    kinks = np.array(bound.kinks(), dtype=float)
    x = np.concatenate([np.linspace(-8, 8, 1601), [-40.0, -25.0, 19.999, 20.0, 20.001, 25.0, 40.0], kinks])
    return np.unique(x)


# -- what every framework's functions are, as the frameworks list them ------------------------------------

TORCH_ACTIVATIONS = """threshold relu hardtanh hardswish relu6 elu selu celu leaky_relu prelu rrelu glu gelu
logsigmoid hardshrink tanhshrink softsign softplus softmin softmax softshrink gumbel_softmax log_softmax tanh
sigmoid hardsigmoid silu mish""".split()  # torch.nn.functional's "Non-linear activation functions"


def test_every_framework_name_resolves():
    """The names of torch.nn.functional's activation section (and its in-place spellings), torch.nn's
    activation modules, keras.activations, jax.nn's activations and tf.nn's activation ops all find a
    catalogue function, and every definition's spelling does too."""
    names = TORCH_ACTIVATIONS + [n + "_" for n in ("relu", "elu", "leaky_relu", "hardtanh", "rrelu", "threshold")]
    names += """Threshold ReLU RReLU Hardtanh ReLU6 Sigmoid Hardsigmoid Tanh SiLU Mish Hardswish ELU CELU SELU GLU
    GELU Hardshrink LeakyReLU LogSigmoid Softplus Softshrink PReLU Softsign Tanhshrink Softmin Softmax Softmax2d
    LogSoftmax""".split()
    names += """celu elu exponential gelu glu hard_shrink hard_sigmoid hard_silu hard_swish hard_tanh leaky_relu
    linear log_sigmoid log_softmax mish relu relu6 selu sigmoid silu soft_shrink softmax softplus softsign
    sparse_plus sparse_sigmoid sparsemax squareplus swish tanh tanh_shrink threshold""".split()
    names += """celu elu gelu glu hard_sigmoid hard_silu hard_swish hard_tanh identity leaky_relu log_sigmoid
    log_softmax mish relu relu6 selu sigmoid silu soft_sign softmax softplus sparse_plus sparse_sigmoid squareplus
    swish tanh""".split()
    names += "crelu elu gelu leaky_relu log_softmax relu relu6 selu sigmoid silu softmax softplus softsign swish tanh".split()
    names += "relu_squared sqrelu maxout snake star_relu logcosh hard_elish reglu geglu swiglu".split()
    for name in names:
        assert actviz.get(name) is not None, name
    for fw, defs in DEFINITIONS.items():
        for d in defs.values():  # transformers' keys (gelu_10, relu2, linear) are its own: found through it
            got = actviz.get(d.spelling, framework=fw) if fw == "transformers" else actviz.get(d.spelling)
            assert got.origin == d.name, (fw, d.spelling)


def test_every_definition_accounts_for_every_parameter():
    for fw, defs in DEFINITIONS.items():
        for d in defs.values():
            act = actviz.get(d.name)
            named = set(d.params) | set(d.fixed)
            assert named <= {p.name for p in act.params}, (fw, d.name)
            assert {p.name for p in act.params} - named <= INPUTS, (fw, d.name)


@pytest.mark.skipif(not _have("torch"), reason="PyTorch is not installed")
def test_torch_lists_no_activation_we_lack():
    import torch.nn.functional as F
    import torch.nn.modules.activation as modules

    assert all(hasattr(F, n) for n in TORCH_ACTIVATIONS)
    for name in modules.__all__:
        if name != "MultiheadAttention":  # attention, not an activation
            assert actviz.get(name) is not None, name


@pytest.mark.skipif(not (_have("jax") and _have("keras")), reason="JAX or Keras is not installed")
def test_jax_and_keras_list_no_activation_we_lack():
    keras, jnn = _keras(), _jax()[1]
    not_activations = {"deserialize", "get", "serialize"}
    for name in dir(keras.activations):
        if not name.startswith("_") and name not in not_activations:
            assert actviz.get(name).name in DEFINITIONS["keras"], name
    not_activations = {"dot_product_attention", "get_scaled_dot_general_config", "initializers", "log1mexp",
                       "logmeanexp", "logsumexp", "one_hot", "scaled_dot_general", "scaled_matmul", "standardize"}
    for name in dir(jnn):
        if not name.startswith("_") and name not in not_activations:
            assert actviz.get(name).name in DEFINITIONS["jax"], name


# -- PyTorch ------------------------------------------------------------------------------------------------


def _torch_fn(name, p):
    import torch
    import torch.nn.functional as F

    t = lambda v: torch.tensor(v, dtype=torch.float64)  # noqa: E731
    table = {
        "identity": lambda x: x * 1.0,
        "threshold": lambda x: F.threshold(x, p["threshold"], p["value"]),
        "relu": F.relu, "relu6": F.relu6, "selu": F.selu, "hardswish": F.hardswish, "hardsigmoid": F.hardsigmoid,
        "hardtanh": lambda x: F.hardtanh(x, p["min_val"], p["max_val"]),
        "elu": lambda x: F.elu(x, p["alpha"]), "celu": lambda x: F.celu(x, p["alpha"]),
        "leaky_relu": lambda x: F.leaky_relu(x, p["alpha"]),
        "prelu": lambda x: F.prelu(x, t([p["alpha"]])),
        "rrelu": lambda x: F.rrelu(x, p["lower"], p["upper"], training=False),
        "glu": lambda x: F.glu(torch.stack([torch.full_like(x, p["value"]), x], dim=-1), dim=-1)[..., 0],
        "gelu": lambda x: F.gelu(x, approximate=p["approximate"]),
        "logsigmoid": F.logsigmoid, "tanhshrink": F.tanhshrink, "softsign": F.softsign, "tanh": torch.tanh,
        "hardshrink": lambda x: F.hardshrink(x, p["lambd"]), "softshrink": lambda x: F.softshrink(x, p["lambd"]),
        "softplus": lambda x: F.softplus(x, p["beta"], p["threshold"]),
        "sigmoid": torch.sigmoid, "silu": F.silu, "mish": F.mish,
    }
    return table.get(name)


@pytest.mark.skipif(not _have("torch"), reason="PyTorch is not installed")
@pytest.mark.parametrize("name", sorted(DEFINITIONS["torch"]))
def test_torch_presets_match_torch(name):
    import torch
    import torch.nn.functional as F

    act = preset(name, "torch")
    bound = act.bind()
    if act.vector:
        fn = {"softmax": lambda v: F.softmax(v, dim=-1), "log_softmax": lambda v: F.log_softmax(v, dim=-1),
              "softmin": lambda v: F.softmin(v, dim=-1)}.get(name)
        rng = np.random.default_rng(3)
        v = np.concatenate([rng.normal(size=(6, 4)) * 4, [[1000.0, 1001.0, 999.0, -5.0]]])
        if fn is None:  # gumbel_softmax: the same noise, drawn with the same seed, added to the logits
            tau = bound.params["tau"]
            torch.manual_seed(0)
            want = F.gumbel_softmax(torch.tensor(v), tau=tau).numpy()
            torch.manual_seed(0)
            noise = -torch.empty(v.shape, dtype=torch.float64).exponential_().log().numpy()
            np.testing.assert_allclose(bound(v + noise), want, rtol=1e-12, atol=1e-15)
            return
        vt = torch.tensor(v, requires_grad=True)
        y = fn(vt)
        np.testing.assert_allclose(bound(v), y.detach().numpy(), rtol=1e-12, atol=1e-14)
        diag = np.stack([torch.autograd.grad(y[:, i].sum(), vt, retain_graph=True)[0][:, i].numpy()
                         for i in range(v.shape[1])], axis=1)
        np.testing.assert_allclose(bound.derivative(v), diag, rtol=1e-10, atol=1e-14)
        return
    fn = _torch_fn(name, dict(bound.params))
    x = grid(bound)
    xt = torch.tensor(x, requires_grad=True)
    y = fn(xt)
    (dy,) = torch.autograd.grad(y.sum(), xt)
    np.testing.assert_allclose(bound(x), y.detach().numpy(), rtol=1e-12, atol=1e-14)
    rtol = 3e-8 if name in ("hardsigmoid", "hardswish") else 1e-10  # float32 1/6 in PyTorch's backward
    np.testing.assert_allclose(bound.derivative(x), dy.numpy(), rtol=rtol, atol=1e-14)


# -- JAX and Keras (jax backend) ------------------------------------------------------------------------------


def _jax():
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.nn as jnn
    import jax.numpy as jnp

    return jax, jnn, jnp


def _keras():
    os.environ.setdefault("KERAS_BACKEND", "jax")
    _jax()
    import keras

    if keras.backend.backend() != "jax":
        pytest.skip("Keras is not on the jax backend")
    keras.config.set_floatx("float64")
    return keras


def _jax_fn(name, p, module):
    jax, jnn, jnp = _jax()
    glu = module.glu
    table = {
        "identity": getattr(module, "identity", None) or getattr(module, "linear", None),
        "hardtanh": module.hard_tanh, "hardsigmoid": module.hard_sigmoid, "hardswish": module.hard_silu,
        "logsigmoid": module.log_sigmoid, "softsign": getattr(module, "soft_sign", None) or getattr(module, "softsign", None),
        "glu": lambda x: glu(jnp.stack([jnp.full_like(x, p["value"]), x], axis=-1), axis=-1)[..., 0],
        "leaky_relu": lambda x: module.leaky_relu(x, negative_slope=p["alpha"]),
        "elu": lambda x: module.elu(x, alpha=p["alpha"]), "celu": lambda x: module.celu(x, alpha=p["alpha"]),
        "gelu": lambda x: module.gelu(x, approximate=p["approximate"] == "tanh"),
        "squareplus": lambda x: module.squareplus(x, b=p["b"]),
        "relu": (lambda x: module.relu(x, negative_slope=p["alpha"])) if "alpha" in p else module.relu,
        "hardshrink": lambda x: module.hard_shrink(x, threshold=p["lambd"]) if hasattr(module, "hard_shrink") else None,
        "softshrink": lambda x: module.soft_shrink(x, threshold=p["lambd"]),
        "tanhshrink": getattr(module, "tanh_shrink", None),
        "threshold": lambda x: module.threshold(x, p["threshold"], p["value"]),
    }
    return table.get(name) or getattr(module, name)


def _check_jax_like(name, bound, fn, dtype=np.float64):
    jax, _, jnp = _jax()
    if bound.vector:
        rng = np.random.default_rng(3)
        v = np.concatenate([rng.normal(size=(6, 4)) * 4, [[1000.0, 1001.0, 999.0, -5.0]]])
        want = np.asarray(fn(jnp.asarray(v)))
        np.testing.assert_allclose(bound(v), want, rtol=1e-12, atol=1e-14)
        diag = np.stack([np.asarray(jax.vmap(jax.grad(lambda r, i=i: fn(r)[i]))(jnp.asarray(v)))[:, i]
                         for i in range(v.shape[1])], axis=1)
        np.testing.assert_allclose(bound.derivative(v), diag, rtol=1e-10, atol=1e-14)
        return
    x = grid(bound)
    xj = jnp.asarray(x)
    y = np.asarray(fn(xj))
    dy = np.asarray(jax.vmap(jax.grad(lambda t: fn(t)))(xj))
    assert y.dtype == dtype
    rtol, atol = (1e-12, 1e-14) if dtype == np.float64 else (1e-6, 1e-6)  # float32: 1 − tanh² cancels
    np.testing.assert_allclose(bound(x), y, rtol=rtol, atol=atol)
    # atol 1e-13: jax's own ½x(1 + tanh u) cancels in the left tail of the tanh GELU (its f′ is off by ~3e-14
    # near x = −7.5, where actviz's x·σ(2u) form keeps ~1e-16)
    np.testing.assert_allclose(bound.derivative(x), dy, rtol=max(rtol, 1e-10), atol=max(atol, 1e-13))


@pytest.mark.skipif(not _have("jax"), reason="JAX is not installed")
@pytest.mark.parametrize("name", sorted(DEFINITIONS["jax"]))
def test_jax_presets_match_jax(name):
    bound = preset(name, "jax").bind()
    _check_jax_like(name, bound, _jax_fn(name, dict(bound.params), _jax()[1]))


@pytest.mark.skipif(not (_have("jax") and _have("keras")), reason="JAX or Keras is not installed")
@pytest.mark.parametrize("name", sorted(DEFINITIONS["keras"]))
def test_keras_presets_match_keras(name):
    keras = _keras()
    bound = preset(name, "keras").bind()
    if name == "sparsemax":  # Keras's τ is wrong (see its definition): agreement only where one logit survives
        _, _, jnp = _jax()
        v = np.array([[3.0, 1.0, -3.0], [10.0, 0.0, -2.0], [0.3, 0.0, -0.2]])
        got = np.asarray(keras.activations.sparsemax(jnp.asarray(v)))
        np.testing.assert_allclose(got[:2], bound(v[:2]), rtol=1e-15)
        np.testing.assert_allclose(got[2], [0.4, 0.1, 0.0], rtol=1e-12)  # sums to 0.5: the bug, as reported
        np.testing.assert_allclose(bound(v[2]), [0.6, 0.3, 0.1], rtol=1e-12)
        return
    # keras.activations.tanh returns float32 for float64 input (see its definition's note)
    _check_jax_like(name, bound, _jax_fn(name, dict(bound.params), keras.activations),
                    dtype=np.float32 if name == "tanh" else np.float64)


@pytest.mark.skipif(not (_have("jax") and _have("keras")), reason="JAX or Keras is not installed")
def test_keras_relu_with_a_slope_has_jax_convention():
    keras = _keras()
    bound = preset("relu", "keras").bind(alpha=0.1)
    _check_jax_like("relu", bound, lambda x: keras.activations.relu(x, negative_slope=0.1))


# -- TensorFlow -------------------------------------------------------------------------------------------------


@pytest.mark.skipif(not _have("tensorflow"), reason="TensorFlow is not installed")
@pytest.mark.parametrize("name", sorted(DEFINITIONS["tf"]))
def test_tf_presets_match_tensorflow(name):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    bound = preset(name, "tf").bind()
    p = dict(bound.params)
    if bound.vector:
        fn = getattr(tf.nn, name)
        rng = np.random.default_rng(3)
        v = np.concatenate([rng.normal(size=(6, 4)) * 4, [[1000.0, 1001.0, 999.0, -5.0]]])
        np.testing.assert_allclose(bound(v), fn(tf.constant(v)).numpy(), rtol=1e-12, atol=1e-14)
        return
    fn = {"gelu": lambda x: tf.nn.gelu(x, approximate=p["approximate"] == "tanh"),
          "leaky_relu": lambda x: tf.nn.leaky_relu(x, alpha=p["alpha"]),
          "silu": lambda x: tf.nn.silu(x, beta=p["beta"]),
          "logsigmoid": tf.math.log_sigmoid,  # in tf.math, not tf.nn
          "crelu": lambda x: tf.nn.crelu(x)[..., : x.shape[-1]] if p["output"] == "positive"
          else tf.nn.crelu(x)[..., x.shape[-1]:]}.get(name) or getattr(tf.nn, name)
    x = grid(bound)
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        y = fn(xt)
        total = tf.reduce_sum(y)
    dy = tape.gradient(total, xt).numpy()
    # TF casts GELU's constant 1/√2 through float32 (see the definition's note): off by up to 5e-9 from the
    # exact GELU, and equal to the exact formula with that constant (tests/test_advice_truth.py)
    rtol, atol = (1e-12, 1e-14) if name != "gelu" else (1e-8, 6e-9)
    np.testing.assert_allclose(bound(x), y.numpy(), rtol=rtol, atol=atol)
    if name == "gelu" and p["approximate"] == "none":
        c32 = float(np.float32(1.0 / np.sqrt(2.0)))
        np.testing.assert_allclose(y.numpy(), [0.5 * v * math.erfc(-v * c32) for v in x], rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(bound.derivative(x), dy, rtol=max(rtol, 1e-10), atol=atol)


# -- the disagreements actviz reports (computed from the presets, so checked above) --------------------------


def test_the_issue_disagreements_are_reported():
    found = {c.name: dict(c.disagreements) for c in compare(["leaky_relu", "gelu", "softplus", "hardtanh", "selu"])}
    assert found["leaky_relu"]["default"] == "alpha: 0.01 (torch, jax, transformers); 0.2 (keras, tf)"
    assert found["leaky_relu"]["kink"] == "f′ at x = 0: 0.01 (torch, transformers); 1 (keras, jax); 0.2 (tf)"
    assert found["gelu"]["approximation"] == "approximate: none (torch, keras, tf, transformers); True (jax)"
    assert found["softplus"]["switch"] == "threshold: 20 (torch); inf (keras, jax, tf)"
    assert "2.0e−09" in found["softplus"]["value"]
    assert found["hardtanh"]["kink"] == "f′ at x = −1, 1: 0, 0 (torch); 1, 1 (keras, jax)"
    assert found["selu"]["kink"] == "f′ at x = 0: 1.758 (torch, keras, jax); 1.051 (tf)"
    assert set(FRAMEWORKS) == {"torch", "keras", "jax", "tf", "transformers"}
