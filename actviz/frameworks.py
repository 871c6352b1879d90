"""What each framework calls its activations, and how its definitions differ from actviz's.

Data only (numpy for the few conventions that need their own maths); no framework is ever imported.
Every fact here was read off the framework itself, by running it in float64 (values, and the
derivative by its own autograd, at and away from the kinks): ``tests/test_framework_agreement.py``
checks them wherever the frameworks are installed. :data:`CHECKED` names the versions they were
checked against. :mod:`actviz.presets` builds the framework's :class:`~actviz.spec.Activation`
from a :class:`Definition`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

__all__ = ["Framework", "Definition", "FRAMEWORKS", "DEFINITIONS", "KEYS", "CHECKED", "NEAREST", "definitions_of",
           "every_definition"]

#: the versions the definitions below were checked against (float64, CPU), by running them
CHECKED = MappingProxyType({
    "torch": "2.13.0",
    "jax": "0.10.2 (jaxlib 0.10.2)",
    "keras": "3.15.1 (jax backend, jax 0.10.2)",
    "tf": "2.21.0 (tensorflow-cpu)",
    "transformers": "5.25.0 (on torch 2.13.0)",
})


@dataclass(frozen=True)
class Framework:
    key: str  #: what --framework takes
    title: str  #: how titles name it: "PyTorch"
    module: str  #: where its activations live: "torch.nn.functional"
    note: str = ""


FRAMEWORKS = MappingProxyType({
    "torch": Framework("torch", "PyTorch", "torch.nn.functional"),
    "keras": Framework("keras", "Keras", "keras.activations",
                       "Keras 3 computes with its backend's functions: on the jax backend its conventions at kinks "
                       "are JAX's (checked there), on the torch backend PyTorch's."),
    "jax": Framework("jax", "JAX", "jax.nn"),
    "tf": Framework("tf", "TensorFlow", "tf.nn"),
    "transformers": Framework("transformers", "transformers", "transformers.activations",
                              "Hugging Face transformers: a config's hidden_act names a key of ACT2CLS "
                              "(src/transformers/activations.py), run on PyTorch."),
})


@dataclass(frozen=True)
class Definition:
    """One framework's definition of one catalogue activation.

    ``params``: actviz parameter -> (the framework's name for it, its default there), for the
    parameters the framework exposes; a ``None`` default means the framework requires a value (actviz
    keeps its own default). ``fixed``: actviz parameters the framework does not have, with the value
    its definition implies (jax's softplus has no β and no switch: beta=1, threshold=inf). ``role``
    classifies a parameter whose difference is not a plain default ("approximation", "switch").
    ``derivative``/``fn``: the framework's own f′ (its convention at the kinks, ``kink`` in words) or f.
    """

    framework: str
    name: str  #: actviz's canonical name
    spelling: str  #: the framework's name for it ("hard_silu")
    params: Mapping[str, tuple[str, Any]] = field(default_factory=dict)
    fixed: Mapping[str, Any] = field(default_factory=dict)
    role: Mapping[str, str] = field(default_factory=dict)
    shown: Mapping[tuple[str, Any], str] = field(default_factory=dict)  #: how the framework writes a value
    derivative: Callable[..., np.ndarray] | None = None
    fn: Callable[..., np.ndarray] | None = None
    kink: str = ""  #: the framework's convention at the kinks, where it differs from actviz's
    differs: str = ""  #: a difference in value that actviz does not reproduce (a framework's bug or inaccuracy)
    note: str = ""
    qualified: str = ""  #: the full name where it is not module.spelling
    text_name: str = ""  #: the name its texts are kept under where it is not ``name`` (a second key of one function)

    @property
    def where(self) -> str:
        """``keras.activations.hard_silu``."""
        return self.qualified or f"{FRAMEWORKS[self.framework].module}.{self.spelling}"

    @property
    def key(self) -> str:
        """The name its texts are kept under (``fw.<framework>.<key>.note``): the catalogue name, or for a
        framework key that is a second name of one function (transformers' gelu_new) that key."""
        return self.text_name or self.name


# -- conventions at kinks and numerical quirks, as measured --------------------------------------------------


def _right_slope_leaky(x, alpha):
    """JAX's leaky_relu, where(x >= 0, x, αx): f′(0) = 1, the right slope (PyTorch: α)."""
    return np.where(x >= 0, 1.0, alpha)


def _keras_relu_prime(x, alpha):
    """keras.activations.relu(x, negative_slope=α): with α ≠ 0 it is JAX's leaky_relu, f′(0) = 1."""
    return np.where(x > 0, 1.0, 0.0) if alpha == 0 else _right_slope_leaky(x, alpha)


def _inner_hardtanh_prime(x, min_val, max_val):
    """JAX's hard_tanh, where(x > 1, 1, where(x < −1, −1, x)): f′ = 1 at ±1, the inner slope (PyTorch: 0)."""
    return np.where((x >= min_val) & (x <= max_val), 1.0, 0.0)


def _mean_sparse_sigmoid_prime(x):
    """JAX's sparse_sigmoid, 0.5·clip(x + 1, 0, 2): its clip splits the gradient at a tie, f′(±1) = 0.25."""
    inside = (x > -1.0) & (x < 1.0)
    return np.where(inside, 0.5, np.where(np.abs(x) == 1.0, 0.25, 0.0))


SELU_SCALE = 1.0507009873554804934193349852946


def _tf_selu_prime(x):
    """TensorFlow's SeluGrad: scale where the output is ≥ 0, so f′(0) = scale, the right slope (PyTorch and
    JAX: scale·α, the left one)."""
    from .catalog.exponential import ACTIVATIONS

    selu = next(a for a in ACTIVATIONS if a.name == "selu")
    return np.where(x == 0, SELU_SCALE, selu.derivative_fn(x))


def _float32(alpha: float) -> float:
    return float(np.float32(alpha))


def _tf_leaky(x, alpha):
    """tf.nn.leaky_relu keeps α in a float32 attribute: slope 0.20000000298... in float64."""
    return np.where(x > 0, x, _float32(alpha) * x) + 0.0


def _tf_leaky_prime(x, alpha):
    return np.where(x > 0, 1.0, _float32(alpha))


#: transformers' FastGELUActivation writes √(2/π) as 0.7978845608 (√(2/π) = 0.79788456080286535...)
HF_FAST_GELU_K = 0.7978845608


def _hf_fast_gelu(x):
    """transformers' gelu_fast: ½x(1 + tanh(0.7978845608·x(1 + 0.044715x²))), as x·σ(2u) (no cancellation)."""
    from . import numerics as nx

    xc = np.clip(x, -30.0, 30.0)
    return x * nx.sigmoid(2.0 * HF_FAST_GELU_K * xc * (1.0 + 0.044715 * (xc * xc)))


def _hf_fast_gelu_prime(x):
    from . import numerics as nx

    xc = np.clip(x, -30.0, 30.0)
    u = HF_FAST_GELU_K * xc * (1.0 + 0.044715 * (xc * xc))
    return nx.sigmoid(2.0 * u) + 2.0 * xc * nx.sigmoid_prime(2.0 * u) * HF_FAST_GELU_K * (1.0 + 3.0 * 0.044715 * xc * xc)


#: transformers' XIELUActivation keeps its parameters in bfloat16 (dtype=torch.bfloat16 by default): αp and αn
#: start at softplus(log(expm1(0.8))) and β + softplus(log(expm1(0.8 − β))) computed there, 0.80078125 both
#: (205/256), not 0.8; ε = −1e−6 is stored as the bfloat16 −9.98377799987793e−7
HF_XIELU_ALPHA = 0.80078125
HF_XIELU_EPS = -9.98377799987793e-07

# -- the definitions ---------------------------------------------------------------------------------------

_APPROX = {"approximate": "approximation"}
_SWITCH = {"threshold": "switch"}
_BOOL_APPROX = {("approximate", "tanh"): "True", ("approximate", "none"): "False"}
_REQUIRED = "required in {fw} (no default); actviz keeps its own"


def _d(framework: str, name: str, spelling: str | None = None, **kw: Any) -> Definition:
    return Definition(framework, name, spelling or name, **kw)


_TORCH = [
    _d("torch", "identity", "Identity", qualified="torch.nn.Identity"),
    _d("torch", "threshold", params={"threshold": ("threshold", None), "value": ("value", None)},
       note="threshold and value are required in PyTorch; actviz's defaults (1, 0) are shown"),
    _d("torch", "relu", fixed={"alpha": 0.0}),
    _d("torch", "hardtanh", params={"min_val": ("min_val", -1.0), "max_val": ("max_val", 1.0)}),
    _d("torch", "hardswish"),
    _d("torch", "relu6"),
    _d("torch", "elu", params={"alpha": ("alpha", 1.0)}),
    _d("torch", "selu"),
    _d("torch", "celu", params={"alpha": ("alpha", 1.0)}),
    _d("torch", "leaky_relu", params={"alpha": ("negative_slope", 0.01)}),
    _d("torch", "prelu", params={"alpha": ("weight", 0.25)},
       note="F.prelu takes the slope as a weight tensor; torch.nn.PReLU initialises it to 0.25"),
    _d("torch", "rrelu", params={"lower": ("lower", 1.0 / 8.0), "upper": ("upper", 1.0 / 3.0)},
       note="in evaluation mode (training=False): slope (lower + upper)/2"),
    _d("torch", "glu", note="F.glu(x, dim) splits x in halves (a, b): a·σ(b)"),
    _d("torch", "gelu", params={"approximate": ("approximate", "none")}, role=_APPROX),
    _d("torch", "logsigmoid"),
    _d("torch", "hardshrink", params={"lambd": ("lambd", 0.5)}),
    _d("torch", "tanhshrink"),
    _d("torch", "softsign"),
    _d("torch", "softplus", params={"beta": ("beta", 1.0), "threshold": ("threshold", 20.0)}, role=_SWITCH,
       note="switches to the identity where βx > threshold (20): a jump of log(1 + e^−20) ≈ 2.1e−9 at x = 20"),
    _d("torch", "softmin"),
    _d("torch", "softmax"),
    _d("torch", "softshrink", params={"lambd": ("lambd", 0.5)}),
    _d("torch", "gumbel_softmax", params={"tau": ("tau", 1.0)},
       note="adds fresh Gumbel noise at every call; drawn here without it"),
    _d("torch", "log_softmax"),
    _d("torch", "tanh"),
    _d("torch", "sigmoid", fixed={"a": 1.0}),
    _d("torch", "hardsigmoid"),
    _d("torch", "silu", fixed={"beta": 1.0}),
    _d("torch", "mish"),
]

_JAX = [
    _d("jax", "celu", params={"alpha": ("alpha", 1.0)}),
    _d("jax", "elu", params={"alpha": ("alpha", 1.0)}),
    _d("jax", "gelu", params={"approximate": ("approximate", "tanh")}, role=_APPROX, shown=_BOOL_APPROX,
       note="approximate=True by default: the tanh approximation, not the exact erf form"),
    _d("jax", "glu", note="jax.nn.glu(x, axis) splits x in halves (a, b): a·σ(b)"),
    _d("jax", "hardsigmoid", "hard_sigmoid"),
    _d("jax", "hardswish", "hard_silu", note="also jax.nn.hard_swish"),
    _d("jax", "hardtanh", "hard_tanh", fixed={"min_val": -1.0, "max_val": 1.0},
       derivative=_inner_hardtanh_prime, kink="f′(±1) = 1, the inner slope"),
    _d("jax", "identity"),
    _d("jax", "leaky_relu", params={"alpha": ("negative_slope", 0.01)},
       derivative=_right_slope_leaky, kink="f′(0) = 1, the right slope"),
    _d("jax", "logsigmoid", "log_sigmoid"),
    _d("jax", "log_softmax"),
    _d("jax", "mish"),
    _d("jax", "relu", fixed={"alpha": 0.0}),
    _d("jax", "relu6"),
    _d("jax", "selu"),
    _d("jax", "sigmoid", fixed={"a": 1.0}),
    _d("jax", "silu", fixed={"beta": 1.0}, note="also jax.nn.swish"),
    _d("jax", "softsign", "soft_sign"),
    _d("jax", "softmax"),
    _d("jax", "softplus", fixed={"beta": 1.0, "threshold": math.inf}, note="logaddexp(x, 0): no switch"),
    _d("jax", "sparse_plus"),
    _d("jax", "sparse_sigmoid", derivative=_mean_sparse_sigmoid_prime,
       kink="f′(±1) = 0.25, the mean of the two slopes"),
    _d("jax", "squareplus", params={"b": ("b", 4.0)}),
    _d("jax", "tanh"),
]

_KERAS = [
    _d("keras", "celu", params={"alpha": ("alpha", 1.0)}),
    _d("keras", "elu", params={"alpha": ("alpha", 1.0)}),
    _d("keras", "exponential"),
    _d("keras", "gelu", params={"approximate": ("approximate", "none")}, role=_APPROX, shown=_BOOL_APPROX),
    _d("keras", "glu", note="keras.activations.glu(x, axis) splits x in halves (a, b): a·σ(b)"),
    _d("keras", "hardshrink", "hard_shrink", params={"lambd": ("threshold", 0.5)}),
    _d("keras", "hardsigmoid", "hard_sigmoid"),
    _d("keras", "hardswish", "hard_silu", note="also keras.activations.hard_swish"),
    _d("keras", "hardtanh", "hard_tanh", fixed={"min_val": -1.0, "max_val": 1.0},
       derivative=_inner_hardtanh_prime, kink="f′(±1) = 1, the inner slope (jax backend)"),
    _d("keras", "leaky_relu", params={"alpha": ("negative_slope", 0.2)},
       derivative=_right_slope_leaky, kink="f′(0) = 1, the right slope (jax backend)",
       note="keras.layers.LeakyReLU uses another default, negative_slope=0.3"),
    _d("keras", "identity", "linear"),
    _d("keras", "logsigmoid", "log_sigmoid"),
    _d("keras", "log_softmax"),
    _d("keras", "mish"),
    _d("keras", "relu", params={"alpha": ("negative_slope", 0.0)}, derivative=_keras_relu_prime,
       kink="with negative_slope ≠ 0, f′(0) = 1, the right slope (jax backend)",
       note="also takes max_value and threshold (not offered here)"),
    _d("keras", "relu6"),
    _d("keras", "selu"),
    _d("keras", "sigmoid", fixed={"a": 1.0}),
    _d("keras", "silu", fixed={"beta": 1.0}, note="also keras.activations.swish"),
    _d("keras", "softshrink", "soft_shrink", params={"lambd": ("threshold", 0.5)}),
    _d("keras", "softmax"),
    _d("keras", "softplus", fixed={"beta": 1.0, "threshold": math.inf}),
    _d("keras", "softsign"),
    _d("keras", "sparse_plus"),
    _d("keras", "sparse_sigmoid", derivative=_mean_sparse_sigmoid_prime,
       kink="f′(±1) = 0.25, the mean of the two slopes (jax backend)"),
    _d("keras", "sparsemax",
       differs="computes τ from the sum of all the partial sums of the support, not the last: with two or more "
               "logits in the support its outputs do not sum to 1 ((0.3, 0, −0.2) gives (0.4, 0.1, 0), not "
               "(0.6, 0.3, 0.1)); not reproduced"),
    _d("keras", "squareplus", params={"b": ("b", 4.0)}),
    _d("keras", "tanh", differs="keras.activations.tanh returns float32 for a float64 input (jax backend: "
                                "result_type(float64, float) is float32), good to ~1e−7 only; not reproduced"),
    _d("keras", "tanhshrink", "tanh_shrink"),
    _d("keras", "threshold", params={"threshold": ("threshold", None), "value": ("default_value", None)},
       note="threshold and default_value are required in Keras; actviz's defaults (1, 0) are shown"),
]

_TF = [
    _d("tf", "crelu", note="tf.nn.crelu(x, axis) concatenates relu(x) and relu(−x) along axis"),
    _d("tf", "elu", fixed={"alpha": 1.0}),
    _d("tf", "gelu", params={"approximate": ("approximate", "none")}, role=_APPROX, shown=_BOOL_APPROX,
       differs="computes 0.5·x·erfc(−x·c) with the constant c = 1/√2 cast through float32 (0.7071067690849304; "
               "erfc itself is accurate): its exact GELU is off by up to 5e−9 (0.84134474193 at x = 1, not "
               "0.84134474607), by up to 2e−5 relative in the far left tail; not reproduced"),
    _d("tf", "leaky_relu", params={"alpha": ("alpha", 0.2)}, fn=_tf_leaky, derivative=_tf_leaky_prime,
       note="α is kept as a float32: the slope 0.2 is 0.20000000298023224 even in float64"),
    _d("tf", "log_softmax"),
    _d("tf", "logsigmoid", "log_sigmoid", qualified="tf.math.log_sigmoid", note="in tf.math, not tf.nn"),
    _d("tf", "relu", fixed={"alpha": 0.0}),
    _d("tf", "relu6"),
    _d("tf", "selu", derivative=_tf_selu_prime, kink="f′(0) = scale ≈ 1.0507, the right slope"),
    _d("tf", "sigmoid", fixed={"a": 1.0}),
    _d("tf", "silu", params={"beta": ("beta", 1.0)}, note="also tf.nn.swish"),
    _d("tf", "softmax"),
    _d("tf", "softplus", fixed={"beta": 1.0, "threshold": math.inf}),
    _d("tf", "softsign"),
    _d("tf", "tanh"),
]

# transformers: every key of ACT2CLS in src/transformers/activations.py (huggingface/transformers), read there
# and run (float64, CPU) in tests/test_framework_agreement.py. Several keys are one catalogue function: the first
# key of each function is its definition in the table of `actviz frameworks`; the others are KEYS only.
_TANH = {"approximate": "tanh"}
_ERF = {"approximate": "none"}


def _hf(key: str, name: str, cls: str, **kw: Any) -> Definition:
    return Definition("transformers", name, key, qualified=f'ACT2FN["{key}"] ({cls})', **kw)


def _hf2(key: str, name: str, cls: str, **kw: Any) -> Definition:
    """A second key of a function some earlier key already defines (its texts kept under the key)."""
    return _hf(key, name, cls, text_name=key, **kw)


_HF = [
    _hf("gelu", "gelu", "GELUActivation", fixed=_ERF,
        note="nn.functional.gelu, the exact erf form; so is gelu_python (erf written in Python). gelu_new, "
             "gelu_pytorch_tanh, gelu_python_tanh, gelu_accurate and gelu_fast are the tanh approximation"),
    _hf2("gelu_python", "gelu", "GELUActivation(use_gelu_python=True)", fixed=_ERF,
         note="x·0.5·(1 + erf(x/√2)) written in Python: the exact GELU, like gelu"),
    _hf2("gelu_new", "gelu", "NewGELUActivation", fixed=_TANH,
         note="the tanh approximation written in Python, as in Google's BERT and OpenAI GPT: not the exact GELU"),
    _hf2("gelu_pytorch_tanh", "gelu", "GELUTanh", fixed=_TANH,
         note="nn.functional.gelu(x, approximate='tanh'): the tanh approximation, not the exact GELU"),
    _hf2("gelu_python_tanh", "gelu", "GELUTanh(use_gelu_tanh_python=True)", fixed=_TANH,
         note="the tanh approximation written in Python: the same function as gelu_new"),
    _hf2("gelu_accurate", "gelu", "AccurateGELUActivation", fixed=_TANH,
         note="despite its name, the tanh approximation (√(2/π) precomputed): the same function as gelu_new"),
    _hf2("gelu_fast", "gelu", "FastGELUActivation", fixed=_TANH, fn=lambda x, approximate: _hf_fast_gelu(x),
         derivative=lambda x, approximate: _hf_fast_gelu_prime(x),
         note="the tanh approximation with √(2/π) written as 0.7978845608: it differs from gelu_new by less than 1e−12"),
    _hf("gelu_10", "clipped_gelu", "ClippedGELUActivation(min=-10, max=10)", fixed={"min_val": -10.0, "max_val": 10.0},
        note="the exact GELU clipped to [−10, 10]"),
    _hf("hardswish", "hardswish", "nn.Hardswish"),
    _hf("laplace", "laplace", "LaplaceActivation", params={"mu": ("mu", 0.707107), "sigma": ("sigma", 0.282095)},
        note="μ = 0.707107 and σ = 0.282095, MEGA's √(1/2) and √(1/(4π)) rounded to 6 decimals"),
    _hf("leaky_relu", "leaky_relu", "nn.LeakyReLU", params={"alpha": ("negative_slope", 0.01)}),
    _hf("linear", "identity", "LinearActivation"),
    _hf("mish", "mish", "MishActivation"),
    _hf("quick_gelu", "quick_gelu", "QuickGELUActivation"),
    _hf("relu", "relu", "nn.ReLU", fixed={"alpha": 0.0}),
    _hf("relu2", "squared_relu", "ReLUSquaredActivation"),
    _hf("relu6", "relu6", "nn.ReLU6"),
    _hf("sigmoid", "sigmoid", "nn.Sigmoid", fixed={"a": 1.0}),
    _hf("silu", "silu", "SiLUActivation", fixed={"beta": 1.0}, note="also swish (nn.SiLU): the same function"),
    _hf2("swish", "silu", "nn.SiLU", fixed={"beta": 1.0}, note="nn.SiLU: the same function as silu"),
    _hf("sqrtsoftplus", "sqrtsoftplus", "SqrtSoftplusActivation", fixed={"threshold": 20.0},
        note="nn.functional.softplus(x).sqrt(): softplus's switch to x where x > 20 leaves a jump of about 2.3e−10"),
    _hf("tanh", "tanh", "nn.Tanh"),
    _hf("prelu", "prelu", "nn.PReLU", params={"alpha": ("weight", 0.25)},
        note="a learned slope, one for all channels, initialised to 0.25"),
    _hf("xielu", "xielu", "XIELUActivation", params={"alpha_p": ("alpha_p", HF_XIELU_ALPHA),
                                                      "alpha_n": ("alpha_n", HF_XIELU_ALPHA), "beta": ("beta", 0.5)},
        fixed={"eps": HF_XIELU_EPS},
        note="αp and αn are trainable, initialised to 0.8 through bfloat16 parameters: 0.80078125; it computes "
             "expm1(min(x, eps)) with eps = −1e−6 stored in bfloat16 (−9.98e−7), so on [eps, 0] its slope is "
             "β − αn ≈ −0.3 and f(0) = αn·expm1(eps) ≈ −8e−7, a jump at 0 that the paper's form (eps = 0) does not have"),
]

#: framework -> actviz canonical name -> its definition there
DEFINITIONS: Mapping[str, Mapping[str, Definition]] = MappingProxyType({
    fw: MappingProxyType({d.name: d for d in defs if not d.text_name})
    for fw, defs in (("torch", _TORCH), ("keras", _KERAS), ("jax", _JAX), ("tf", _TF), ("transformers", _HF))
})

#: framework -> the framework's own keys -> the definition each selects, where a framework names its
#: functions by string keys rather than by catalogue name (transformers' ACT2CLS: "gelu_new" is the tanh GELU)
KEYS: Mapping[str, Mapping[str, Definition]] = MappingProxyType({
    "transformers": MappingProxyType({d.spelling: d for d in _HF}),
})


def every_definition() -> list[Definition]:
    """Every definition: those of :data:`DEFINITIONS`, then the second keys of :data:`KEYS`."""
    out = [d for defs in DEFINITIONS.values() for d in defs.values()]
    return out + [d for keys in KEYS.values() for d in keys.values() if d.text_name]

#: a function a framework may lack -> the functions to suggest instead, nearest first
NEAREST: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "softmin": ("softmax",), "gumbel_softmax": ("softmax",), "sparsemax": ("softmax",),
    "log_softmax": ("softmax",), "prelu": ("leaky_relu",), "rrelu": ("leaky_relu",), "relu6": ("relu",),
    "threshold": ("relu",), "srelu": ("leaky_relu",), "squared_relu": ("relu",), "star_relu": ("relu",),
    "maxout": ("relu",), "crelu": ("relu",), "hardtanh": ("tanh",), "hardsigmoid": ("sigmoid",),
    "sparse_sigmoid": ("hardsigmoid", "sigmoid"), "sparse_plus": ("softplus",), "squareplus": ("softplus",),
    "logcosh": ("softplus",), "celu": ("elu",), "selu": ("elu",), "isrlu": ("elu",),
    "quick_gelu": ("gelu",), "geglu": ("gelu",), "reglu": ("relu",), "swiglu": ("silu",), "glu": ("sigmoid",),
    "hardswish": ("silu",), "elish": ("silu",), "hard_elish": ("hardswish", "silu"), "mish": ("silu",),
    "tanhexp": ("mish", "silu"), "lisht": ("tanh",), "tanhshrink": ("tanh",), "softshrink": ("relu",),
    "hardshrink": ("relu",), "logsigmoid": ("softplus", "sigmoid"), "softsign": ("tanh",),
    "lecun_tanh": ("tanh",), "smht": ("tanh",), "arctan": ("tanh",), "isru": ("softsign", "tanh"),
    "binary_step": ("sigmoid",), "exponential": ("elu", "softplus"), "soft_exponential": ("exponential", "identity"),
    "bent_identity": ("identity", "softplus"), "gcu": ("silu",), "snake": ("identity",),
    "laplace": ("sigmoid",), "sqrtsoftplus": ("softplus",), "xielu": ("elu",), "clipped_gelu": ("gelu",),
})


def definitions_of(name: str) -> dict[str, Definition | None]:
    """framework -> its definition of the catalogue activation ``name`` (None where it has none)."""
    return {fw: DEFINITIONS[fw].get(name) for fw in FRAMEWORKS}
