"""The maths behind the lessons of the reference notes, computed for real (numpy only).

* :func:`gradient_flow` — vanishing gradients through depth: a random deep MLP, one forward pass,
  one backward pass, the gradient norm reaching each layer.
* :func:`softmax_example` — the notes' worked example (3, 1, −3) → (0.88, 0.12, 0.00), with a
  temperature, computed stably.
* :func:`loss_gradients` — why cross-entropy pairs with sigmoid: ∂L/∂z for MSE and for
  cross-entropy at one output unit a = f(z).

Nothing here prints, plots or parses command lines; bad input raises :class:`ActvizError`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .catalog import REGISTRY
from .errors import ActvizError, ParameterError
from .spec import Activation, Value

__all__ = [
    "INITS", "RECTIFIER_FAMILIES", "MAX_LAYERS", "MAX_WIDTH", "MAX_WEIGHTS", "BATCH",
    "GradientFlow", "auto_init", "gradient_flow",
    "SoftmaxExample", "softmax_example",
    "LossGradients", "loss_gradients", "LOSS_Z", "SUMMARY_Z",
    "check_gradient_options", "check_temperature", "check_target",
    "spec_label", "check_elementwise",
]

# -- shared ---------------------------------------------------------------------------------------


def spec_label(act: Activation, params: Mapping[str, Any] | None = None) -> str:
    """``name`` or ``name (key=value, ...)`` with only the non-default parameters."""
    extra = act.non_defaults(params)
    if not extra:
        return act.name
    shown = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in extra.items())
    return f"{act.name} ({shown})"


def check_elementwise(act: Activation, lesson: str) -> None:
    """Refuse a vector-valued activation (softmax family) for a per-unit lesson."""
    if act.vector:
        raise ActvizError(
            f"{act.name} is vector-valued (each output depends on the whole layer, its Jacobian is not "
            f"diagonal), so {lesson} needs an element-wise activation; see 'actviz softmax' for {act.name}"
        )


# -- gradient through depth -----------------------------------------------------------------------

INITS = ("auto", "xavier", "he")
#: families whose members pass the positive side on and damp the negative side: He initialisation
RECTIFIER_FAMILIES = frozenset({"relu", "exponential", "softplus", "gated"})
#: SELU is designed for LeCun-normal weights, std 1/√fan_in, which is Xavier for square layers
_AUTO_OVERRIDES = {"selu": "xavier"}
MAX_LAYERS = 1000
MAX_WIDTH = 1024
MAX_WEIGHTS = 2**24  # layers × width² (the weights are kept for the backward pass: 128 MB float64)
BATCH = 64  # inputs per forward pass


def auto_init(act: Activation) -> str:
    """The initialisation ``--init auto`` picks: He (Kaiming) for the rectifier-like families
    (relu, exponential, softplus, gated), whose unit passes about half of its input's variance on;
    Xavier (Glorot) for everything else (squashing, linear, shrink, wave). SELU gets Xavier, which
    for square layers is the LeCun-normal initialisation SELU was designed for."""
    if act.name in _AUTO_OVERRIDES:
        return _AUTO_OVERRIDES[act.name]
    return "he" if act.family in RECTIFIER_FAMILIES else "xavier"


@dataclass(frozen=True)
class GradientFlow:
    """The result of one forward and backward pass through a random deep MLP.

    ``log10_norms[i]`` is log₁₀ of the Frobenius norm (over the batch) of ∂L/∂zᵢ, the gradient at
    the pre-activations of layer i+1 (= the gradient of that layer's biases), input side first;
    ``-inf`` where the gradient is exactly zero. The backward pass starts from a unit gradient
    ∂L/∂h_N = 1/√(batch·width) everywhere (Frobenius norm 1), i.e. L = Σ outputs / √(batch·width).
    Norms are carried as logarithms, so hundreds of sigmoid layers do not underflow to 0.
    """

    name: str
    label: str
    params: dict[str, Value]  # non-default parameters only
    init: str  # "xavier" or "he", after resolving "auto"
    layers: int
    width: int
    seed: int
    log10_norms: np.ndarray = field(repr=False)

    @property
    def norms(self) -> np.ndarray:
        """The gradient norms per layer (may underflow to 0.0 where log10_norms < −323)."""
        return np.power(10.0, self.log10_norms)

    @property
    def log10_ratio(self) -> float | None:
        """log₁₀(first / last); ``None`` when the last layer's gradient is already zero."""
        first, last = self.log10_norms[0], self.log10_norms[-1]
        if last == -math.inf:
            return None
        return float(first - last)

    @property
    def ratio(self) -> float | None:
        """first-layer norm / last-layer norm (< 1: the gradient shrinks on its way to the input)."""
        lr = self.log10_ratio
        return None if lr is None else float(10.0**lr)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: name, params (only if any), init, gradient, log10_gradient, ratio."""
        out: dict[str, Any] = {"name": self.name}
        if self.params:
            out["params"] = dict(self.params)
        out["init"] = self.init
        out["gradient"] = [float(v) for v in self.norms]
        out["log10_gradient"] = [None if v == -math.inf else float(v) for v in self.log10_norms]
        out["ratio"] = self.ratio
        return out


def _check_int(value: Any, option: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ParameterError(f"{option} {value!r} is not an integer: {option} must be from {low} to {high}")
    if not low <= value <= high:
        raise ParameterError(f"{option} {value} is out of range: {option} must be from {low} to {high}")
    return int(value)


def check_gradient_options(layers: int, width: int, seed: int, init: str) -> None:
    """Validate the MLP's size, seed and initialisation (before any work is done)."""
    _check_int(layers, "--layers", 1, MAX_LAYERS)
    _check_int(width, "--width", 1, MAX_WIDTH)
    _check_int(seed, "--seed", 0, 2**63 - 1)
    if layers * width * width > MAX_WEIGHTS:
        raise ParameterError(
            f"--layers {layers} with --width {width} needs {layers * width * width:,} weights; the limit is "
            f"{MAX_WEIGHTS:,} (layers × width²): use fewer layers or a narrower width"
        )
    if init not in INITS:
        raise ParameterError(f"--init {init!r} is not valid: use one of {', '.join(INITS)}")


def gradient_flow(
    act: Activation | str,
    params: Mapping[str, Any] | None = None,
    *,
    layers: int = 20,
    width: int = 64,
    seed: int = 0,
    init: str = "auto",
    batch: int = BATCH,
) -> GradientFlow:
    """Back-propagate through a random ``layers``-deep, ``width``-wide MLP with activation ``act``.

    Layer l computes zₗ = hₗ₋₁ Wₗ, hₗ = f(zₗ) (no biases), from h₀ a standard-normal batch of
    ``batch`` inputs. Wₗ is drawn from N(0, s²) with s² = 2/(fan_in + fan_out) = 1/width for Xavier
    and s² = 2/fan_in = 2/width for He. The backward pass applies exactly the chain rule the notes
    describe: δₗ = gₗ ⊙ f′(zₗ) (one f′ factor per layer), gₗ₋₁ = δₗ Wₗᵀ.

    The inputs and the weight directions come from one ``numpy.random.Generator(seed)`` in a fixed
    order, so every activation sees the same network (up to the initialisation's scale) and the same
    seed gives the same numbers.
    """
    act = REGISTRY[act] if isinstance(act, str) else act
    check_elementwise(act, "the gradient lesson")
    resolved = act.resolve(params)
    check_gradient_options(layers, width, seed, init)
    _check_int(batch, "batch", 1, 4096)
    chosen = auto_init(act) if init == "auto" else init
    std = math.sqrt((1.0 if chosen == "xavier" else 2.0) / width)

    rng = np.random.default_rng(seed)
    h = rng.standard_normal((batch, width))
    weights = [rng.standard_normal((width, width)) * std for _ in range(layers)]

    slopes = []  # f'(z_l) per layer
    with np.errstate(over="ignore", invalid="ignore"):
        for depth, w in enumerate(weights, start=1):
            z = h @ w
            h = act(z, **resolved)
            if not (np.all(np.isfinite(z)) and np.all(np.isfinite(h))):
                raise ActvizError(
                    f"{spec_label(act, params)}: the forward pass overflows float64 at layer {depth} of {layers} "
                    f"(the activations explode with {chosen} initialisation); try fewer --layers or --init xavier"
                )
            slopes.append(act.derivative(z, **resolved))

    log10_norms = np.full(layers, -math.inf)
    g = np.full((batch, width), 1.0 / math.sqrt(batch * width))  # unit gradient at the output
    scale = 0.0  # log10 of the factor g has been divided by
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(layers - 1, -1, -1):
            delta = g * slopes[i]
            norm = float(np.linalg.norm(delta))
            if not math.isfinite(norm):
                raise ActvizError(
                    f"{spec_label(act, params)}: the backward pass overflows float64 at layer {i + 1} of {layers}"
                )
            if norm == 0.0:
                break  # exactly zero here, and therefore at every layer below
            log10_norms[i] = scale + math.log10(norm)
            scale = log10_norms[i]
            g = (delta / norm) @ weights[i].T

    return GradientFlow(
        name=act.name,
        label=spec_label(act, params),
        params=act.non_defaults(params),
        init=chosen,
        layers=layers,
        width=width,
        seed=seed,
        log10_norms=log10_norms,
    )


# -- softmax --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SoftmaxExample:
    """softmax(z / T) laid out as the notes do: each logit, its exponential, its probability.

    ``exp_shifted`` is exp(z/T − m) with m = max(z/T) (``shift``): subtracting the maximum leaves the
    probabilities unchanged and keeps the exponentials in [0, 1], so logits like (1000, 1001, 999)
    work. The notes' raw exponentials are exp_shifted · e^m.
    """

    logits: np.ndarray
    temperature: float
    scaled: np.ndarray  # z / T
    shift: float  # m = max(z / T)
    exp_shifted: np.ndarray  # exp(z / T − m)
    probabilities: np.ndarray  # softmax(z / T), from the catalogue

    def to_dict(self) -> dict[str, Any]:
        return {
            "temperature": self.temperature,
            "shift": self.shift,
            "logits": [float(v) for v in self.logits],
            "exp_shifted": [float(v) for v in self.exp_shifted],
            "probabilities": [float(v) for v in self.probabilities],
        }


def check_temperature(temperature: Any) -> float:
    """A finite temperature > 0, or :class:`ParameterError`."""
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.integer, np.floating)):
        raise ParameterError(f"--temperature {temperature!r} is not a number: it must be > 0 and finite")
    t = float(temperature)
    if not (math.isfinite(t) and t > 0.0):
        raise ParameterError(f"--temperature {temperature!r} is not valid: it must be > 0 and finite")
    return t


def softmax_example(logits: Sequence[float] | np.ndarray, temperature: float = 1.0) -> SoftmaxExample:
    """Probabilities softmax(z/T) for the logits z with the catalogue's softmax.

    T > 1 flattens the distribution towards uniform, T < 1 sharpens it towards the arg-max.
    """
    t = check_temperature(temperature)
    z = np.asarray(logits, dtype=np.float64)
    if z.ndim != 1 or z.size == 0:
        raise ParameterError("softmax needs at least one logit, e.g. 'actviz softmax 3 1 -3'")
    bad = z[~np.isfinite(z)]
    if bad.size:
        raise ParameterError(f"logit {float(bad[0])!r} is not a finite number")
    with np.errstate(over="ignore"):
        scaled = z / t
    if not np.all(np.isfinite(scaled)):
        raise ParameterError(
            f"--temperature {t:g} is too small for these logits: z/T overflows float64; use a larger temperature"
        )
    shift = float(np.max(scaled))
    with np.errstate(over="ignore"):  # z − m below −1.8e308 rounds to −inf, whose exp is the exact 0
        probabilities = REGISTRY["softmax"](scaled)
        exp_shifted = np.exp(scaled - shift)
    return SoftmaxExample(
        logits=z,
        temperature=t,
        scaled=scaled,
        shift=shift,
        exp_shifted=exp_shifted,
        probabilities=probabilities,
    )


# -- MSE vs cross-entropy -------------------------------------------------------------------------

LOSS_Z = np.linspace(-8.0, 8.0, 801)  #: the default grid of pre-activations z
SUMMARY_Z = (-5.0, 0.0, 5.0)  #: where the command quotes the two gradients
MAX_LOSS_VALUE = 1e100  #: larger outputs or gradients are refused: they cannot be drawn


@dataclass(frozen=True)
class LossGradients:
    """∂L/∂z at one output unit a = f(z) with target y, for two losses.

    * MSE, L = ½(a − y)²: ∂L/∂z = (a − y)·f′(z).
    * cross-entropy, L = −y ln a − (1 − y) ln(1 − a): ∂L/∂z = (a − y)·f′(z)/(a(1 − a)), which is
      exactly a − y for sigmoid (σ′ = σ(1 − σ)); defined only where 0 < a < 1, NaN elsewhere.
    """

    name: str
    label: str
    params: dict[str, Value]
    target: float
    z: np.ndarray
    a: np.ndarray
    mse: np.ndarray
    cross_entropy: np.ndarray  # NaN where 0 < a < 1 fails

    @property
    def defined(self) -> np.ndarray:
        """Where the cross-entropy gradient exists (0 < f(z) < 1)."""
        return ~np.isnan(self.cross_entropy)

    def domain_note(self) -> str | None:
        """A sentence saying where cross-entropy is undefined, or ``None`` if it is defined everywhere."""
        ok = self.defined
        if ok.all():
            return None
        zs = self.z[ok]
        where = f"z from {zs.min():g} to {zs.max():g}"
        if np.count_nonzero(ok) != (np.flatnonzero(ok)[-1] - np.flatnonzero(ok)[0] + 1):
            where = f"part of the range (between z = {zs.min():g} and {zs.max():g})"
        return (
            f"cross-entropy needs a probability, 0 < f(z) < 1; {self.label} gives one only for {where}, "
            f"so its curve is drawn only there"
        )


def check_target(target: Any) -> float:
    if isinstance(target, bool) or not isinstance(target, (int, float, np.integer, np.floating)):
        raise ParameterError(f"--target {target!r} is not a number: it must be in [0, 1]")
    y = float(target)
    if not (math.isfinite(y) and 0.0 <= y <= 1.0):
        raise ParameterError(f"--target {target!r} is out of range: it must be in [0, 1]")
    return y


def loss_gradients(
    act: Activation | str,
    params: Mapping[str, Any] | None = None,
    *,
    target: float = 1.0,
    z: Sequence[float] | np.ndarray | None = None,
) -> LossGradients:
    """∂L/∂z for MSE and for cross-entropy at a = f(z), target y, over ``z`` (default :data:`LOSS_Z`)."""
    act = REGISTRY[act] if isinstance(act, str) else act
    check_elementwise(act, "the loss lesson")
    resolved = act.resolve(params)
    y = check_target(target)
    zz = LOSS_Z if z is None else np.asarray(z, dtype=np.float64)
    with np.errstate(all="ignore"):  # checked just below: only the values count
        a = act(zz, **resolved)
        slope = act.derivative(zz, **resolved)
        mse = (a - y) * slope
    if not (np.all(np.abs(a) <= MAX_LOSS_VALUE) and np.all(np.abs(mse) <= MAX_LOSS_VALUE)):
        raise ParameterError(
            f"{spec_label(act, params)}: f(z) or its gradient overflows (beyond ±{MAX_LOSS_VALUE:g}) for z in "
            f"[{zz.min():g}, {zz.max():g}]; use smaller parameters"
        )
    inside = (a > 0.0) & (a < 1.0)
    if act.name == "sigmoid":
        ce = a - y  # σ′ = σ(1 − σ) cancels exactly; no 0/0 where σ rounds to 0 or 1
    else:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            ce = np.where(inside, (a - y) * slope / np.where(inside, a * (1.0 - a), 1.0), np.nan)
        ce = np.where(np.isfinite(ce), ce, np.nan)
    if not np.any(~np.isnan(ce)):
        raise ActvizError(
            f"cross-entropy needs outputs that are probabilities, 0 < f(z) < 1, but "
            f"{spec_label(act, params)} never gives one for z in [{zz.min():g}, {zz.max():g}]; "
            f"try sigmoid or hardsigmoid"
        )
    return LossGradients(
        name=act.name,
        label=spec_label(act, params),
        params=act.non_defaults(params),
        target=y,
        z=zz,
        a=a,
        mse=mse,
        cross_entropy=ce,
    )
