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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from . import notation
from . import numerics as nx
from .errors import ActvizError, ParameterError
from .errors import option as opt
from .options import check_choice, check_int, check_seed, check_target, check_temperature
from .records import OfActivation, check_elementwise

if TYPE_CHECKING:
    from .spec import Bound

__all__ = [
    "INITS", "RECTIFIER_FAMILIES", "MAX_LAYERS", "MAX_WIDTH", "MAX_WEIGHTS", "BATCH",
    "GradientFlow", "auto_init", "gradient_flow", "gradient_verdict", "VANISHES_BELOW", "EXPLODES_ABOVE",
    "SoftmaxExample", "softmax_example",
    "LossGradients", "loss_gradients", "probability_domain", "LOSS_Z", "SUMMARY_Z",
    "check_gradient_options", "check_temperature", "check_target",
    "check_elementwise",
]

# -- shared ---------------------------------------------------------------------------------------


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


#: first/last below this: the gradient vanishes; above EXPLODES_ABOVE: it explodes; between: passed on
VANISHES_BELOW = 0.1
EXPLODES_ABOVE = 10.0


def gradient_verdict(log10_ratio: float | None) -> str:
    """What a first/last ratio (given by its log10; ``None``: zero gradient) says about the gradient:
    ``"vanishes"`` below :data:`VANISHES_BELOW`, ``"explodes"`` above :data:`EXPLODES_ABOVE`,
    ``"passed on"`` (roughly preserved) in between, ``"zero"`` when none reaches the last layer."""
    if log10_ratio is None:
        return "zero"
    if log10_ratio < math.log10(VANISHES_BELOW):
        return "vanishes"
    if log10_ratio > math.log10(EXPLODES_ABOVE):
        return "explodes"
    return "passed on"


def forward_gain(bound: Bound) -> float:
    """The gradient lesson's ``init="auto"``: the activation's own forward gain 1/√E f(Z)², Z ~ N(0, 1)
    (:func:`actviz.propagation.moments`), so one function gets one initialisation whatever it is
    called (``silu`` and ``x*sigmoid(x)`` alike); 1 (Xavier's scale) where the moment is 0 or not finite."""
    from .propagation import moments

    try:
        g = moments(bound).gain_forward
    except ActvizError:
        return 1.0
    return g if g is not None and g > 0.0 and math.isfinite(g) else 1.0


def auto_init(act: Bound) -> str:
    """The initialisation ``--init auto`` picks: He (Kaiming) for the rectifier-like families
    (relu, exponential, softplus, gated), whose unit passes about half of its input's variance on;
    Xavier (Glorot) for everything else (squashing, linear, shrink, wave). SELU gets Xavier, which
    for square layers is the LeCun-normal initialisation SELU was designed for."""
    if act.name in _AUTO_OVERRIDES:
        return _AUTO_OVERRIDES[act.name]
    return "he" if act.family in RECTIFIER_FAMILIES else "xavier"


@dataclass(frozen=True)
class GradientFlow(OfActivation):
    """The result of one forward and backward pass through a random deep MLP.

    ``log10_norms[i]`` is log₁₀ of the Frobenius norm (over the batch) of ∂L/∂zᵢ, the gradient at
    the pre-activations of layer i+1 (= the gradient of that layer's biases), input side first;
    ``-inf`` where the gradient is exactly zero. The backward pass starts from a unit gradient
    ∂L/∂h_N = 1/√(batch·width) everywhere (Frobenius norm 1), i.e. L = Σ outputs / √(batch·width).
    Norms are carried as logarithms, so hundreds of sigmoid layers do not underflow to 0.
    """

    bound: Bound  #: the activation, with its parameters
    init: str  # "gain" (what "auto" resolves to: the activation's forward gain), "xavier" or "he"
    layers: int
    width: int
    seed: int
    log10_norms: np.ndarray = field(repr=False)
    gain: float = 1.0  #: the weights' std is gain/√width (Xavier 1, He √2, auto: the forward gain)

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

    @property
    def verdict(self) -> str:
        """``"vanishes"``, ``"passed on"``, ``"explodes"`` or ``"zero"``: see :func:`gradient_verdict`."""
        return gradient_verdict(self.log10_ratio)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: name, params (only if any), init, gradient, log10_gradient, ratio, verdict."""
        out = self._record()
        out["init"] = self.init
        out["gain"] = self.gain
        out["gradient"] = [float(v) for v in self.norms]
        out["log10_gradient"] = [None if v == -math.inf else float(v) for v in self.log10_norms]
        out["ratio"] = self.ratio
        out["verdict"] = self.verdict
        return out


def check_gradient_options(layers: int, width: int, seed: int, init: str) -> None:
    """Validate the MLP's size, seed and initialisation (before any work is done)."""
    check_int(layers, "layers", 1, MAX_LAYERS)
    check_int(width, "width", 1, MAX_WIDTH)
    check_seed(seed)
    if layers * width * width > MAX_WEIGHTS:
        raise ParameterError(
            f"{opt('layers')} {layers} with {opt('width')} {width} needs {layers * width * width:,} weights; the "
            f"limit is {MAX_WEIGHTS:,} (layers × width²): use fewer layers or a narrower width"
        )
    check_choice(init, "init", INITS)


def gradient_flow(
    bound: Bound,
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
    check_elementwise(bound, "the gradient lesson")
    check_gradient_options(layers, width, seed, init)
    check_int(batch, "batch", 1, 4096)
    chosen = "gain" if init == "auto" else init
    gain = forward_gain(bound) if chosen == "gain" else (1.0 if chosen == "xavier" else math.sqrt(2.0))
    std = gain / math.sqrt(width)

    rng = np.random.default_rng(seed)
    h = rng.standard_normal((batch, width))
    weights = [rng.standard_normal((width, width)) * std for _ in range(layers)]

    slopes = []  # f'(z_l) per layer
    with np.errstate(over="ignore", invalid="ignore"):
        for depth, w in enumerate(weights, start=1):
            z = h @ w
            h = bound(z)
            if not (np.all(np.isfinite(z)) and np.all(np.isfinite(h))):
                raise ActvizError(
                    f"{notation.spec_label(bound)}: the forward pass overflows float64 at layer {depth} of {layers} "
                    f"(the activations explode with {chosen} initialisation); try fewer {opt('layers')} or {opt('init')} xavier"
                )
            slopes.append(bound.derivative(z))

    log10_norms = np.full(layers, -math.inf)
    g = np.full((batch, width), 1.0 / math.sqrt(batch * width))  # unit gradient at the output
    scale = 0.0  # log10 of the factor g has been divided by
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(layers - 1, -1, -1):
            delta = g * slopes[i]
            norm = float(np.linalg.norm(delta))
            if not math.isfinite(norm):
                raise ActvizError(
                    f"{notation.spec_label(bound)}: the backward pass overflows float64 at layer {i + 1} of {layers}"
                )
            if norm == 0.0:
                break  # exactly zero here, and therefore at every layer below
            log10_norms[i] = scale + math.log10(norm)
            scale = log10_norms[i]
            g = (delta / norm) @ weights[i].T

    return GradientFlow(bound=bound, init=chosen, layers=layers, width=width, seed=seed, log10_norms=log10_norms,
                        gain=gain)


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
            f"{opt('temperature')} {t:g} is too small for these logits: z/T overflows float64; use a larger temperature"
        )
    shift = float(np.max(scaled))
    with np.errstate(over="ignore"):  # z − m below −1.8e308 rounds to −inf, whose exp is the exact 0
        probabilities = nx.softmax(scaled)
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
_DOMAIN_POINTS = 1601  #: grid on which the probability domain 0 < f(z) < 1 is located before refining


def _is_probability(bound: Bound, z: np.ndarray) -> np.ndarray:
    """Where 0 < f(z) < 1. Sigmoid is a probability for every z, also where σ(az) rounds to 0 or 1."""
    if bound.name == "sigmoid":
        return np.ones(np.shape(z), dtype=bool)
    with np.errstate(all="ignore"):
        a = bound(z)
    return (a > 0.0) & (a < 1.0)


def _refine(bound: Bound, inside: float, outside: float) -> float:
    """Bisect between a z where 0 < f(z) < 1 and one where it fails, to float64 resolution."""
    for _ in range(200):
        mid = 0.5 * (inside + outside)
        if mid in (inside, outside):
            break
        if _is_probability(bound, np.array([mid]))[0]:
            inside = mid
        else:
            outside = mid
    return inside


def probability_domain(bound: Bound, lo: float, hi: float) -> tuple[tuple[float, float], ...]:
    """The intervals of [lo, hi] where 0 < f(z) < 1, ends refined by bisection on f(z) = 0 and f(z) = 1.

    Found on a grid of :data:`_DOMAIN_POINTS` points (an interval narrower than its step can be
    missed); an end equal to ``lo`` or ``hi`` means the interval reaches the edge of the range.
    """
    grid = np.linspace(lo, hi, _DOMAIN_POINTS)
    ok = _is_probability(bound, grid)
    out = []
    n = grid.size
    for i, stop in nx.runs(ok):
        j = stop - 1
        start = float(grid[0]) if i == 0 else _refine(bound, float(grid[i]), float(grid[i - 1]))
        end = float(grid[-1]) if j == n - 1 else _refine(bound, float(grid[j]), float(grid[j + 1]))
        out.append((start, end))
    return tuple(out)


@dataclass(frozen=True)
class LossGradients(OfActivation):
    """∂L/∂z at one output unit a = f(z) with target y, for two losses.

    * MSE, L = ½(a − y)²: ∂L/∂z = (a − y)·f′(z).
    * cross-entropy, L = −y ln a − (1 − y) ln(1 − a): ∂L/∂z = (a − y)·f′(z)/(a(1 − a)), defined only
      where 0 < a < 1 (NaN elsewhere). For sigmoid with slope k, f(z) = σ(kz), f′ = k·a(1 − a) cancels
      exactly: ∂L/∂z = k·(a − y), computed in that form (no 0/0 where σ rounds to 0 or 1).

    ``domain`` holds the intervals of ``window`` (the plotted range, which always contains
    :data:`LOSS_Z`) where 0 < f(z) < 1, with ends refined by bisection.
    """

    bound: Bound  #: the output activation, with its parameters
    target: float
    z: np.ndarray
    a: np.ndarray
    mse: np.ndarray
    cross_entropy: np.ndarray  # NaN where 0 < a < 1 fails
    window: tuple[float, float] = (float(LOSS_Z[0]), float(LOSS_Z[-1]))
    domain: tuple[tuple[float, float], ...] = ()

    @property
    def defined(self) -> np.ndarray:
        """Where the cross-entropy gradient exists (0 < f(z) < 1)."""
        return ~np.isnan(self.cross_entropy)


def loss_gradients(
    bound: Bound,
    *,
    target: float = 1.0,
    z: Sequence[float] | np.ndarray | None = None,
) -> LossGradients:
    """∂L/∂z for MSE and for cross-entropy at a = f(z), target y, over ``z`` (default :data:`LOSS_Z`).

    Whether cross-entropy is defined somewhere (0 < f(z) < 1) is judged on the plotted range
    (:data:`LOSS_Z`'s, widened to hold ``z``), not on the given points: a few summary points where
    it is undefined are fine, their cross-entropy gradient is NaN.
    """
    check_elementwise(bound, "the loss lesson")
    y = check_target(target)
    zz = LOSS_Z if z is None else np.asarray(z, dtype=np.float64)
    with np.errstate(all="ignore"):  # checked just below: only the values count
        a = bound(zz)
        slope = bound.derivative(zz)
        mse = (a - y) * slope + 0.0  # + 0.0: (0 − y)·0 is −0, shown as "−0"; +0 is the same number
    if not (np.all(np.abs(a) <= MAX_LOSS_VALUE) and np.all(np.abs(mse) <= MAX_LOSS_VALUE)):
        raise ParameterError(
            f"{notation.spec_label(bound)}: f(z) or its gradient overflows (beyond ±{notation.number(MAX_LOSS_VALUE)}) for z in "
            f"{notation.interval(float(zz.min()), float(zz.max()), True, True)}; use smaller parameters"
        )
    window = (min(float(LOSS_Z[0]), float(zz.min())), max(float(LOSS_Z[-1]), float(zz.max())))
    domain = probability_domain(bound, *window)
    if not domain:
        raise ActvizError(
            f"cross-entropy needs outputs that are probabilities, 0 < f(z) < 1, but "
            f"{notation.spec_label(bound)} never gives one for z in {notation.interval(window[0], window[1], True, True)}; "
            f"try sigmoid or hardsigmoid"
        )
    if bound.name == "sigmoid":
        # f = σ(kz), f′ = k·σ(kz)(1 − σ(kz)): the factor a(1 − a) cancels exactly
        ce = bound.params["a"] * (a - y) + 0.0
    else:
        inside = (a > 0.0) & (a < 1.0)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            ce = np.where(inside, (a - y) * slope / np.where(inside, a * (1.0 - a), 1.0), np.nan) + 0.0
        ce = np.where(np.isfinite(ce), ce, np.nan)
    return LossGradients(
        bound=bound,
        target=y,
        z=zz,
        a=a,
        mse=mse,
        cross_entropy=ce,
        window=window,
        domain=domain,
    )
