"""Activations at work: small networks trained for real (numpy only).

The reference notes teach three things about what an activation does during training; each is
computed here, nothing is tuned or faked:

* :func:`train` — non-linearity makes depth useful (notes 000 and 003), and dead units (note 002):
  a fully connected network per activation, trained by full-batch gradient descent or Adam on a
  two-dimensional data set (:func:`make_dataset`), with exact back-propagation through the
  catalogue's f′. A linear activation leaves a linear classifier whatever the depth; a ReLU unit
  whose f′ is 0 for every sample gets no gradient and never learns again.
* :func:`zigzag` — outputs that are not zero-centred (notes 001 and 002): a neuron's weight
  gradients are xᵢ·∂L/∂f, so when its inputs xᵢ all have one sign (a sigmoid layer's outputs) every
  update moves all its weights the same way, and an optimum that needs one weight up and the other
  down is reached by a zig-zag.

Nothing here prints, plots or parses command lines; bad input raises :class:`ActvizError` with
neutral wording (options named through :func:`actviz.errors.option`).
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
from .lessons import INITS, OfActivation, auto_init, check_elementwise
from .options import check_choice, check_int, check_real, check_seed

if TYPE_CHECKING:
    from .spec import Bound

__all__ = [
    "DATASETS", "OPTIMIZERS", "DEFAULT_LR", "ADAM", "TARGET_ACCURACY", "MAX_HIDDEN_LAYERS", "MAX_HIDDEN_WIDTH",
    "MAX_STEPS", "MIN_SAMPLES", "MAX_SAMPLES", "MAX_NOISE", "MAX_LR", "MAX_BIAS", "MAX_WORK",
    "Dataset", "make_dataset", "TrainResult", "train", "check_train_options", "parse_hidden",
    "ZIGZAG_START", "ZIGZAG_OPTIMUM", "ZIGZAG_TOLERANCE", "ZIGZAG_LR", "ZigzagResult", "zigzag",
    "check_zigzag_options",
]

# -- data sets ------------------------------------------------------------------------------------

#: the two-dimensional data sets, each about [−1, 1]², half of the samples in each class
DATASETS = ("xor", "circles", "moons", "spiral", "linear")
MIN_SAMPLES = 4
MAX_SAMPLES = 10_000
MAX_NOISE = 1.0


@dataclass(frozen=True)
class Dataset:
    """Points ``x`` (samples × 2) with labels ``y`` (1.0 or 0.0; the first half of the samples are
    class 1). ``noise`` is the standard deviation of the Gaussian noise added to the coordinates."""

    name: str
    samples: int
    noise: float
    seed: int
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)


def make_dataset(data: str = "circles", *, samples: int = 200, noise: float = 0.05, seed: int = 0) -> Dataset:
    """``samples`` points of the data set ``data``, drawn from ``numpy.random.default_rng(seed)``.

    * ``xor``: uniform in the square, at least 0.05 away from both axes; class 1 where x₁x₂ > 0.
    * ``circles``: class 1 uniform in radius within 0.5 of the centre, class 0 on the ring of radii
      0.7 to 1 (TensorFlow Playground's "circle").
    * ``moons``: two interleaving half circles (scikit-learn's ``make_moons``), scaled by 2/3 and
      centred.
    * ``spiral``: two interleaved spiral arms of 1.75 turns, radius growing from 0 to 1.
    * ``linear``: uniform in the square; class 1 where x₁ + x₂ > 0.

    The noise is added to the coordinates after the labels are fixed, so with noise some points
    lie on the other side of the ideal boundary.
    """
    check_choice(data, "data", DATASETS, "a data set")
    samples = check_int(samples, "samples", MIN_SAMPLES, MAX_SAMPLES)
    noise = check_real(noise, "noise", 0.0, MAX_NOISE)
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    ones = (samples + 1) // 2
    y = np.zeros(samples)
    y[:ones] = 1.0
    if data == "circles":
        radius = np.concatenate([rng.uniform(0.0, 0.5, ones), rng.uniform(0.7, 1.0, samples - ones)])
        angle = rng.uniform(0.0, 2.0 * math.pi, samples)
        x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    elif data == "xor":
        x = rng.uniform(0.05, 1.0, (samples, 2))
        quadrant = rng.integers(0, 2, samples)  # class 1: (+, +) or (−, −); class 0: (+, −) or (−, +)
        signs = np.where(quadrant[:, None] == 1, 1.0, -1.0) * np.where(y[:, None] == 1.0, [1.0, 1.0], [1.0, -1.0])
        x *= signs
    elif data == "moons":
        t = rng.uniform(0.0, math.pi, samples)
        upper = np.stack([np.cos(t), np.sin(t)], axis=1)
        lower = np.stack([1.0 - np.cos(t), 0.5 - np.sin(t)], axis=1)
        x = (np.where(y[:, None] == 1.0, upper, lower) - [0.5, 0.25]) * (2.0 / 3.0)
    elif data == "spiral":
        r = rng.uniform(0.0, 1.0, samples)
        angle = 1.75 * 2.0 * math.pi * r + math.pi * y
        x = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    else:  # linear
        x = rng.uniform(-1.0, 1.0, (samples, 2))
        y = (x[:, 0] + x[:, 1] > 0.0).astype(np.float64)
    x = x + noise * rng.standard_normal((samples, 2))
    return Dataset(name=data, samples=samples, noise=noise, seed=seed, x=x, y=y)


# -- training small networks ----------------------------------------------------------------------

OPTIMIZERS = ("adam", "gd")
#: the learning rate when none is given: PyTorch's Adam default, and a plain gradient-descent step
DEFAULT_LR = {"adam": 0.01, "gd": 0.5}
#: Adam's β₁, β₂ and ε (PyTorch's defaults)
ADAM = (0.9, 0.999, 1e-8)
#: accuracy at which ``steps_to_95`` counts a network as having learned the data
TARGET_ACCURACY = 0.95
MAX_HIDDEN_LAYERS = 10
MAX_HIDDEN_WIDTH = 256
MAX_STEPS = 100_000
MAX_LR = 100.0
MAX_BIAS = 100.0
#: steps × samples × weights of one network: about a minute of numpy (the default is 6.7 million)
MAX_WORK = 10**10


def parse_hidden(hidden: Any) -> tuple[int, ...]:
    """The hidden layers' widths from ``(16, 16)`` or the text ``"16,16"``."""
    valid = (f"give 1 to {MAX_HIDDEN_LAYERS} widths from 1 to {MAX_HIDDEN_WIDTH}, comma-separated, "
             f"e.g. 16,16")
    if isinstance(hidden, str):
        parts = [p.strip() for p in hidden.split(",")]
        try:
            widths = [int(p) for p in parts]
        except ValueError:
            raise ParameterError(f"{opt('hidden')} {hidden!r} is not a list of widths: {valid}") from None
    elif isinstance(hidden, (int, np.integer)) and not isinstance(hidden, bool):
        widths = [int(hidden)]
    elif isinstance(hidden, Sequence) and all(
            isinstance(w, (int, np.integer)) and not isinstance(w, bool) for w in hidden):
        widths = [int(w) for w in hidden]
    else:
        raise ParameterError(f"{opt('hidden')} {hidden!r} is not a list of widths: {valid}")
    if not 1 <= len(widths) <= MAX_HIDDEN_LAYERS or not all(1 <= w <= MAX_HIDDEN_WIDTH for w in widths):
        shown = ",".join(str(w) for w in widths)
        raise ParameterError(f"{opt('hidden')} {shown!r} is out of range: {valid}")
    return tuple(widths)


def _sizes(hidden: Sequence[int]) -> list[int]:
    return [2, *hidden, 1]


def _weights(hidden: Sequence[int]) -> int:
    sizes = _sizes(hidden)
    return sum(i * o + o for i, o in zip(sizes[:-1], sizes[1:]))


def check_train_options(*, data: str = "circles", hidden: Any = (16, 16), steps: int = 1000, lr: float | None = None,
                        seed: int = 0, optimizer: str = "adam", init: str = "auto", bias_init: float = 0.0,
                        noise: float = 0.05, samples: int = 200) -> tuple[int, ...]:
    """Validate every option of :func:`train` (before any work is done); returns the hidden widths."""
    check_choice(data, "data", DATASETS, "a data set")
    widths = parse_hidden(hidden)
    steps = check_int(steps, "steps", 1, MAX_STEPS)
    check_seed(seed)
    check_choice(optimizer, "optimizer", OPTIMIZERS)
    check_choice(init, "init", INITS)
    if lr is not None:
        check_real(lr, "lr", 0.0, MAX_LR, open_low=True)
    check_real(bias_init, "bias_init", -MAX_BIAS, MAX_BIAS)
    check_real(noise, "noise", 0.0, MAX_NOISE)
    samples = check_int(samples, "samples", MIN_SAMPLES, MAX_SAMPLES)
    work = steps * samples * _weights(widths)
    if work > MAX_WORK:
        raise ParameterError(
            f"{opt('steps')} {steps} × {opt('samples')} {samples} × {_weights(widths):,} weights is "
            f"{work:,} multiply-adds per network, more than the limit of {MAX_WORK:,}: use fewer steps, "
            f"samples or hidden units"
        )
    return widths


def _finite(v: float) -> float | None:
    return float(v) if math.isfinite(v) else None


@dataclass(frozen=True)
class TrainResult(OfActivation):
    """One network trained on one data set: the histories over steps and the final parameters.

    ``loss``, ``accuracy`` and ``dead`` hold ``steps + 1`` values: entry t is measured on the whole
    training set with the parameters after t updates (entry 0: at initialisation). The loss is the
    mean binary cross-entropy of the sigmoid output; the prediction is class 1 where the output's
    logit is > 0. A hidden unit is *dead* when its f′ is exactly 0 for every sample: no gradient
    reaches its weights and bias, so no update can revive it; ``dead`` is the fraction of all hidden
    units that are dead. After a divergence (a non-finite loss, at step ``diverged_at``) the
    histories hold NaN.
    """

    bound: Bound  #: the activation, with its parameters
    init: str  # "xavier" or "he", after resolving "auto"
    optimizer: str
    lr: float
    hidden: tuple[int, ...]
    steps: int
    bias_init: float
    data: Dataset = field(repr=False)
    loss_history: np.ndarray = field(repr=False)
    accuracy_history: np.ndarray = field(repr=False)
    dead_history: np.ndarray = field(repr=False)
    dead_per_layer: tuple[float, ...]  # at the end, input side first
    zero_outputs: float  # at the end: the share of hidden outputs (samples × units) exactly 0
    weights: tuple[tuple[np.ndarray, np.ndarray], ...] = field(repr=False)  # (W, b) per layer, final
    diverged_at: int | None = None

    @property
    def seed(self) -> int:
        return self.data.seed

    @property
    def loss(self) -> float:
        """The final training loss (NaN after a divergence)."""
        return float(self.loss_history[-1])

    @property
    def accuracy(self) -> float:
        """The final training accuracy (NaN after a divergence)."""
        return float(self.accuracy_history[-1])

    @property
    def dead_fraction(self) -> float:
        """The final fraction of dead hidden units."""
        return float(self.dead_history[-1])

    @property
    def steps_to_95(self) -> int | None:
        """The first step at which the training accuracy reached 95 % (``None``: never)."""
        hit = np.flatnonzero(self.accuracy_history >= TARGET_ACCURACY)
        return int(hit[0]) if hit.size else None

    def logits(self, points: Any) -> np.ndarray:
        """The network's output logit at ``points`` (n × 2), with the final parameters."""
        h = np.asarray(points, dtype=np.float64)
        with np.errstate(all="ignore"):
            for w, b in self.weights[:-1]:
                h = self.bound(h @ w + b)
            w, b = self.weights[-1]
            return (h @ w).ravel() + b[0]

    def probability(self, points: Any) -> np.ndarray:
        """The predicted probability of class 1 at ``points`` (n × 2): σ(logit)."""
        return nx.sigmoid(self.logits(points))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: name, params (only if any), init, data, loss, accuracy, dead_fraction,
        steps_to_95 (null when never), zero_outputs, dead_per_layer, diverged_at (null unless the
        loss overflowed; then the numbers measured after it are null)."""
        out = self._record()
        out.update(
            init=self.init,
            data=self.data.name,
            loss=_finite(self.loss),
            accuracy=_finite(self.accuracy),
            dead_fraction=_finite(self.dead_fraction),
            steps_to_95=self.steps_to_95,
            zero_outputs=_finite(self.zero_outputs),
            dead_per_layer=[_finite(v) for v in self.dead_per_layer],
            diverged_at=self.diverged_at,
        )
        return out


def _init_std(init: str, fan_in: int, fan_out: int, output: bool) -> float:
    """He: 2/fan_in; Xavier: 2/(fan_in + fan_out), as ``gradient``'s square layers (1/width, 2/width).
    The output unit (a logit) always gets Xavier."""
    if init == "he" and not output:
        return math.sqrt(2.0 / fan_in)
    return math.sqrt(2.0 / (fan_in + fan_out))


def _fit(bound: Bound, data: Dataset, hidden: tuple[int, ...], directions: list[np.ndarray], *, steps: int,
         lr: float, optimizer: str, init: str, bias_init: float) -> TrainResult:
    """Train one network. All parameters live in one flat vector (``theta``, with a view per
    weight matrix and bias), so that an optimiser step is a handful of numpy operations."""
    sizes = _sizes(hidden)
    layers = len(hidden)
    n_params = _weights(hidden)
    theta = np.empty(n_params)
    grad = np.empty(n_params)
    ws, bs, gws, gbs = [], [], [], []
    k = 0
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        output = i == layers
        ws.append(theta[k:k + fan_in * fan_out].reshape(fan_in, fan_out))
        gws.append(grad[k:k + fan_in * fan_out].reshape(fan_in, fan_out))
        k += fan_in * fan_out
        bs.append(theta[k:k + fan_out])
        gbs.append(grad[k:k + fan_out])
        k += fan_out
        np.multiply(directions[i], _init_std(init, fan_in, fan_out, output), out=ws[i])
        bs[i][...] = 0.0 if output else bias_init

    x, y = data.x, data.y
    n = y.size
    positive = y == 1.0
    sign = 2.0 * y - 1.0  # +1 for class 1, −1 for class 0
    scale = -sign / n  # ∂(mean loss)/∂logit = −sign·σ(−sign·logit)/n
    units = sum(hidden)
    loss_h = np.full(steps + 1, np.nan)
    acc_h = np.full(steps + 1, np.nan)
    dead_h = np.full(steps + 1, np.nan)
    beta1, beta2, eps = ADAM
    m = np.zeros(n_params) if optimizer == "adam" else None
    v = np.zeros(n_params) if optimizer == "adam" else None
    tmp = np.empty(n_params)
    f, fprime = bound, bound.derivative
    add, any_ = np.add.reduce, np.logical_or.reduce  # the reductions without numpy's wrappers
    diverged = None
    outs: list[np.ndarray] = []
    slopes: list[np.ndarray] = []
    with np.errstate(all="ignore"):  # a diverging network is detected from its loss below
        for t in range(steps + 1):
            h = x
            outs = [x]
            slopes = []
            alive = 0
            for i in range(layers):
                z = h @ ws[i]
                z += bs[i]
                h = f(z)
                d = fprime(z)
                alive += np.count_nonzero(any_(d, axis=0))
                outs.append(h)
                slopes.append(d)
            logit = (h @ ws[layers]).ravel()
            logit += bs[layers]
            margin = logit * -sign  # the loss is log(1 + e^margin)
            per_sample = np.logaddexp(0.0, margin)
            loss = add(per_sample) / n
            if not math.isfinite(loss):
                diverged = t
                break
            loss_h[t] = loss
            acc_h[t] = np.count_nonzero((logit > 0.0) == positive) / n
            dead_h[t] = 1.0 - alive / units
            if t == steps:
                break
            # backward: δ at the logit, then through every hidden layer with its f′
            delta = np.exp(margin - per_sample)  # σ(margin)
            delta *= scale
            gbs[layers][0] = add(delta)
            np.matmul(h.T, delta[:, None], out=gws[layers])
            g = delta[:, None] * ws[layers].T
            for i in range(layers - 1, -1, -1):
                g *= slopes[i]
                np.matmul(outs[i].T, g, out=gws[i])
                add(g, axis=0, out=gbs[i])
                if i:
                    g = g @ ws[i].T
            if optimizer == "adam":  # PyTorch's Adam, bias-corrected
                m *= beta1
                np.multiply(grad, 1.0 - beta1, out=tmp)
                m += tmp
                v *= beta2
                np.multiply(grad, grad, out=tmp)
                tmp *= 1.0 - beta2
                v += tmp
                np.sqrt(v, out=tmp)
                tmp /= math.sqrt(1.0 - beta2 ** (t + 1))
                tmp += eps
                np.divide(m, tmp, out=tmp)
                tmp *= lr / (1.0 - beta1 ** (t + 1))
            else:
                np.multiply(grad, lr, out=tmp)
            theta -= tmp

    if diverged is None:
        per_layer = tuple(float(1.0 - np.count_nonzero(d.any(axis=0)) / d.shape[1]) for d in slopes)
        zero = float(sum(np.count_nonzero(h == 0.0) for h in outs[1:]) / (n * units))
    else:
        per_layer = tuple(math.nan for _ in hidden)
        zero = math.nan
    return TrainResult(
        bound=bound,
        init=init,
        optimizer=optimizer,
        lr=lr,
        hidden=hidden,
        steps=steps,
        bias_init=bias_init,
        data=data,
        loss_history=loss_h,
        accuracy_history=acc_h,
        dead_history=dead_h,
        dead_per_layer=per_layer,
        zero_outputs=zero,
        weights=tuple((w.copy(), b.copy()) for w, b in zip(ws, bs)),
        diverged_at=diverged,
    )


def train(
    bounds: Sequence[Bound],
    *,
    data: str = "circles",
    hidden: Any = (16, 16),
    steps: int = 1000,
    lr: float | None = None,
    seed: int = 0,
    optimizer: str = "adam",
    init: str = "auto",
    bias_init: float = 0.0,
    noise: float = 0.05,
    samples: int = 200,
) -> list[TrainResult]:
    """Train one network per activation on the same data, from the same weight directions.

    Network: 2 inputs → ``hidden`` layers with the activation → 1 output logit, a sigmoid output
    and the binary cross-entropy loss. Weights are N(0, s²) with He (s² = 2/fan_in) or Xavier
    (s² = 2/(fan_in + fan_out)) scale as ``init`` (``auto``: :func:`actviz.lessons.auto_init`);
    the output layer gets Xavier. Hidden biases start at ``bias_init``, the output's at 0.
    Full-batch training: every step uses all samples. ``optimizer`` ``adam`` (β₁ = 0.9,
    β₂ = 0.999, ε = 10⁻⁸) or ``gd`` (plain gradient descent, w ← w − lr·∂L/∂w); ``lr`` defaults to
    :data:`DEFAULT_LR`.

    The data come from ``numpy.random.default_rng(seed)`` (:func:`make_dataset`), the weight
    directions from ``default_rng([seed, 1])``, so every activation sees the same data and the same
    network up to the initialisation's scale, and a network's numbers do not depend on which other
    activations are trained with it.
    """
    widths = check_train_options(data=data, hidden=hidden, steps=steps, lr=lr, seed=seed, optimizer=optimizer,
                                 init=init, bias_init=bias_init, noise=noise, samples=samples)
    for b in bounds:
        check_elementwise(b, "training a network")
    dataset = make_dataset(data, samples=samples, noise=noise, seed=seed)
    rate = DEFAULT_LR[optimizer] if lr is None else float(lr)
    rng = np.random.default_rng([seed, 1])  # the weights' own stream, independent of the data's
    sizes = _sizes(widths)
    directions = [rng.standard_normal((i, o)) for i, o in zip(sizes[:-1], sizes[1:])]
    return [
        _fit(b, dataset, widths, directions, steps=steps, lr=rate, optimizer=optimizer,
             init=auto_init(b) if init == "auto" else init, bias_init=float(bias_init))
        for b in bounds
    ]


# -- zig-zag updates from inputs that are not zero-centred ----------------------------------------

#: where the neuron's two weights start, and the optimum (one weight must go up, the other down)
ZIGZAG_START = (0.0, 0.0)
ZIGZAG_OPTIMUM = (1.0, -1.0)
#: converged: within this fraction of the starting distance from the optimum
ZIGZAG_TOLERANCE = 0.01
#: the step size of each single-sample update
ZIGZAG_LR = 0.5
_DIVERGED = 1e6  #: farther than this × the starting distance from the optimum: diverged


@dataclass(frozen=True)
class ZigzagResult(OfActivation):
    """A neuron ŷ = w₁x₁ + w₂x₂ trained one sample at a time on inputs x = f(u) from a layer of
    activation f.

    ``path`` holds the weights after each update, the start first (``len(path) − 1`` updates were
    made: up to convergence, divergence or ``max_steps``). ``steps`` is the number of updates
    after which w first came within :data:`ZIGZAG_TOLERANCE` of the starting distance from the
    optimum (``None``: not within ``max_steps``, or diverged).
    """

    bound: Bound  #: the activation of the layer feeding the neuron, with its parameters
    lr: float
    max_steps: int
    samples: int
    seed: int
    start: tuple[float, float]
    optimum: tuple[float, float]
    inputs: np.ndarray = field(repr=False)  # samples × 2: x = f(u)
    path: np.ndarray = field(repr=False)  # (updates + 1) × 2
    steps: int | None = None
    diverged_at: int | None = None

    @property
    def updates(self) -> np.ndarray:
        """Δw of every update made ((len(path) − 1) × 2); NaN after a divergence to ±∞."""
        with np.errstate(invalid="ignore"):
            return np.diff(self.path, axis=0)

    def _share(self, same: bool) -> float:
        signs = np.sign(self.updates)  # signs, not products: a product of two huge steps overflows
        agree = signs[:, 0] * signs[:, 1]
        return float(np.count_nonzero(agree == (1.0 if same else -1.0)) / len(agree)) if len(agree) else math.nan

    @property
    def same_sign_share(self) -> float:
        """The share of updates in which both weights moved the same way (both up or both down)."""
        return self._share(True)

    @property
    def opposite_sign_share(self) -> float:
        """The share of updates in which one weight went up and the other down; the rest moved
        at most one weight (an input exactly 0, as a ReLU gives)."""
        return self._share(False)

    @property
    def input_mean(self) -> tuple[float, float]:
        """The mean of the inputs x₁, x₂ over the data (0 for zero-centred outputs)."""
        with np.errstate(over="ignore", invalid="ignore"):
            m = self.inputs.mean(axis=0)
        return float(m[0]), float(m[1])

    @property
    def final_distance(self) -> float:
        """‖w − w*‖ after the last update, as a fraction of the starting distance."""
        start = np.hypot(*(np.subtract(self.start, self.optimum)))
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.hypot(*(self.path[-1] - self.optimum)) / start)

    def loss(self, w1: Any, w2: Any) -> np.ndarray:
        """The mean squared error ½·mean((w·x − w*·x)²) over the data at weights (w1, w2) (arrays
        broadcast), from the inputs' second moments."""
        with np.errstate(over="ignore", invalid="ignore"):  # inputs near float64's top give inf
            c = self.inputs.T @ self.inputs / len(self.inputs)
            e1 = np.asarray(w1, dtype=np.float64) - self.optimum[0]
            e2 = np.asarray(w2, dtype=np.float64) - self.optimum[1]
            return 0.5 * (c[0, 0] * e1 * e1 + 2.0 * c[0, 1] * e1 * e2 + c[1, 1] * e2 * e2)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: name, params (only if any), same_sign_share, opposite_sign_share, steps (null
        when it did not converge), updates, input_mean, final_distance, diverged_at."""
        out = self._record()
        out.update(
            same_sign_share=_finite(self.same_sign_share),
            opposite_sign_share=_finite(self.opposite_sign_share),
            steps=self.steps,
            updates=len(self.path) - 1,
            input_mean=[_finite(v) for v in self.input_mean],
            final_distance=_finite(self.final_distance),
            diverged_at=self.diverged_at,
        )
        return out


def check_zigzag_options(*, steps: int = 2000, lr: float = ZIGZAG_LR, seed: int = 0, samples: int = 100) -> None:
    """Validate every option of :func:`zigzag` (before any work is done)."""
    check_int(steps, "steps", 1, MAX_STEPS)
    check_real(lr, "lr", 0.0, MAX_LR, open_low=True)
    check_seed(seed)
    check_int(samples, "samples", 2, MAX_SAMPLES)


def zigzag(bound: Bound, *, steps: int = 2000, lr: float = ZIGZAG_LR, seed: int = 0,
           samples: int = 100) -> ZigzagResult:
    """Train the neuron ŷ = w·x, x = f(u), toward w* = :data:`ZIGZAG_OPTIMUM` from
    :data:`ZIGZAG_START`, by gradient descent on one sample at a time.

    The previous layer's pre-activations u are ``samples`` standard-normal pairs (drawn from
    ``numpy.random.default_rng(seed)``, the same for every activation), its outputs x = f(u) are
    the neuron's inputs, and the targets y = w*·x make w* the exact optimum of the squared error
    L = ½(w·x − y)². One update per step, on the samples in a random order, reshuffled every pass:
    Δw = −lr·(w·x − y)·x, so Δw₁ and Δw₂ have the signs of x₁ and x₂ times one common factor —
    equal signs whenever both inputs are positive, as a sigmoid's outputs always are.
    """
    check_elementwise(bound, "the zig-zag lesson")
    check_zigzag_options(steps=steps, lr=lr, seed=seed, samples=samples)
    rng = np.random.default_rng(seed)
    u = rng.standard_normal((samples, 2))
    with np.errstate(over="ignore", invalid="ignore"):
        x = bound(u)
    if not np.all(np.isfinite(x)):
        raise ActvizError(f"{notation.spec_label(bound)} gives non-finite outputs for standard-normal inputs; "
                          "use smaller parameters")
    order = np.concatenate([rng.permutation(samples) for _ in range(-(-steps // samples))])[:steps]
    x1s, x2s = x[order, 0].tolist(), x[order, 1].tolist()  # the samples in the order they are used
    o1, o2 = ZIGZAG_OPTIMUM
    w1, w2 = ZIGZAG_START
    start = math.hypot(w1 - o1, w2 - o2)
    done, far = (ZIGZAG_TOLERANCE * start) ** 2, (_DIVERGED * start) ** 2
    path = [(w1, w2)]
    converged = diverged = None
    for t in range(steps):  # one sample per step: the loop is over steps, each a few float operations
        a, b = x1s[t], x2s[t]
        step = -lr * ((w1 - o1) * a + (w2 - o2) * b)  # −lr·(w·x − y), y = w*·x
        w1 += step * a
        w2 += step * b
        path.append((w1, w2))
        dist = (w1 - o1) * (w1 - o1) + (w2 - o2) * (w2 - o2)  # not **: a float power raises on overflow
        if dist <= done:
            converged = t + 1
            break
        if not dist <= far:  # also NaN
            diverged = t + 1
            break
    return ZigzagResult(
        bound=bound,
        lr=float(lr),
        max_steps=steps,
        samples=samples,
        seed=seed,
        start=ZIGZAG_START,
        optimum=ZIGZAG_OPTIMUM,
        inputs=x,
        path=np.array(path),
        steps=converged,
        diverged_at=diverged,
    )
