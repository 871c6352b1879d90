"""S-shaped squashing functions: bounded, saturating on both sides."""

from __future__ import annotations

import math

import numpy as np

from .. import numerics as nx
from ..spec import DISCONTINUOUS, Param
from .family import member

INF = math.inf
LECUN_SCALE = 1.7159


def _arctan_prime(x):
    big = np.abs(x) > 1.0
    r = 1.0 / np.where(big, x, 1.0)  # 1/x where |x| > 1, so that x² never overflows
    small = np.where(big, 0.0, x)
    return np.where(big, r * r / (1.0 + r * r), 1.0 / (1.0 + small * small))


def _isru(x, alpha):
    return x / np.hypot(1.0, math.sqrt(alpha) * x)


def _isru_prime(x, alpha):
    r = 1.0 / np.hypot(1.0, math.sqrt(alpha) * x)
    return r * r * r


def _smht_parts(x, a, b, c, d):
    # beyond |x| = 1e300/max(rate) f and f' are at their limits (or overflowed): clipping there keeps
    # every rate·x finite, so no inf − inf appears in the exponents
    x = np.clip(x, -1e300 / max(a, b, c, d, 1.0), 1e300 / max(a, b, c, d, 1.0))
    log_den = np.logaddexp(c * x, -d * x)
    return np.exp(a * x - log_den), np.exp(-b * x - log_den)  # overflow only where f itself does


def _smht(x, a, b, c, d):
    up, down = _smht_parts(x, a, b, c, d)
    # where |(a + b)x| ≤ 1, e^(ax) − e^(−bx) = e^(−bx)·expm1((a + b)x) avoids the cancellation of
    # up − down, and every factor there is O(1) (no 0·∞ for steep rates such as b = 709, c = 37);
    # beyond it up and down differ by a factor e or more, so up − down loses less than a bit
    small = np.abs(x) <= 1.0 / (a + b)
    xs = np.where(small, x, 0.0)
    near = np.exp(-b * xs - np.logaddexp(c * xs, -d * xs)) * np.expm1((a + b) * xs)
    with np.errstate(invalid="ignore"):
        return np.where(small, near, up - down)


def _smht_prime(x, a, b, c, d):
    # f' = (a e^{ax} + b e^{-bx})/D − f·D'/D, with D'/D = c·w − d·(1 − w), w = σ((c + d)x) ∈ [0, 1]
    up, down = _smht_parts(x, a, b, c, d)
    w = nx.sigmoid(np.clip((c + d) * x, -800.0, 800.0))
    with np.errstate(invalid="ignore"):
        out = a * up + b * down - (up - down) * (c * w - d * (1.0 - w))
    return np.where(np.isnan(out), INF, out)  # inf − inf: both sides overflow, f′ → +∞ there


def _smht_limits(a, b, c, d):
    right = 0.0 if a < c else (1.0 if a == c else INF)
    left = 0.0 if d > b else (-1.0 if d == b else -INF)
    return left, right


def _smht_derivative_limits(a, b, c, d):
    return (0.0 if d >= b else INF), (0.0 if a <= c else INF)


#: a squashing function flattens out on both sides: f′ → 0 at ±∞ (log-sigmoid and SMHT, unbounded
#: on a side, say otherwise)
_squashing = member("sigmoid", derivative_limits=(0.0, 0.0))

ACTIVATIONS = (
    _squashing(
        name="binary_step",
        label="Binary step",
        summary="Heaviside step: 0 for negative input, 1 from zero on; the perceptron's activation.",
        formula=r"f(x) = 1\ \mathrm{if}\ x \geq 0,\ \mathrm{else}\ 0",
        derivative_formula=r"f'(x) = 0\ \ (x \neq 0)",
        fn=lambda x: np.where(x >= 0, 1.0, 0.0),
        derivative_fn=lambda x: np.zeros_like(x),
        limits=(0.0, 1.0),
        kinks=(0.0,),
        continuity=DISCONTINUOUS,
        aliases=("heaviside", "step"),
        notes=(
            "Its derivative is zero wherever it exists: gradient descent cannot train it.",
            "σ(a·x) tends to it as the slope a grows, for every x ≠ 0; at 0, σ(a·0) = ½ while H(0) = 1 here.",
        ),
        reference="Rosenblatt, The perceptron (1958)",
    ),
    _squashing(
        name="sigmoid",
        label="Sigmoid",
        summary="The logistic function: squashes any input into (0, 1).",
        formula=r"f(x) = \sigma(ax) = \frac{1}{1+e^{-ax}}",
        derivative_formula=r"f'(x) = a\,\sigma(ax)\,(1-\sigma(ax))",
        fn=lambda x, a: nx.sigmoid(a * x),
        derivative_fn=lambda x, a: a * nx.sigmoid_prime(a * x),
        params=(Param("a", 1.0, "slope: larger a makes a steeper step", low=0.0, low_open=True, symbol="a"),),
        limits=(0.0, 1.0),
        aliases=("logistic", "sigmoid_function"),
        notes=(
            "Saturates on both sides: σ′ ≤ a/4, so gradients shrink layer after layer (vanishing gradient).",
            "Not zero-centred: every output is positive, so a neuron's weight updates share one sign "
            "and training zig-zags.",
            "exp is relatively costly. Still the right output for a binary probability.",
        ),
        reference="Rumelhart, Hinton & Williams, Learning representations by back-propagating errors (1986)",
    ),
    _squashing(
        name="tanh",
        label="Tanh",
        summary="Hyperbolic tangent: a zero-centred sigmoid with range (−1, 1).",
        formula=r"f(x) = \tanh(x) = 2\sigma(2x) - 1",
        derivative_formula=r"f'(x) = 1 - \tanh^2(x)",
        fn=lambda x: np.tanh(x),
        derivative_fn=lambda x: nx.sech2(x),
        limits=(-1.0, 1.0),
        aliases=("hyperbolic_tangent",),
        notes=(
            "Zero-centred, which helps optimisation compared with sigmoid.",
            "Still saturates on both sides, so deep stacks suffer vanishing gradients.",
            "A good default for small recurrent or shallow networks.",
        ),
        reference="LeCun et al., Efficient BackProp (1998)",
    ),
    _squashing(
        name="hardsigmoid",
        label="Hard sigmoid",
        summary="Piecewise-linear sigmoid: x/6 + 1/2 clipped to [0, 1] (PyTorch's definition).",
        formula=r"f(x) = \min(\max(0,\ x/6 + 1/2),\ 1)",
        derivative_formula=r"f'(x) = 1/6\ \mathrm{if}\ |x| < 3,\ \mathrm{else}\ 0",
        fn=lambda x: np.clip(x / 6.0 + 0.5, 0.0, 1.0),
        derivative_fn=lambda x: np.where((x > -3.0) & (x < 3.0), 1.0 / 6.0, 0.0),
        limits=(0.0, 1.0),
        kinks=(-3.0, 3.0),
        continuity=0,
        aliases=("hard_sigmoid",),
        notes=(
            "Cheap: no exponential, good for mobile networks.",
            "Hard saturation: f′ is exactly 0 for |x| ≥ 3, so those units pass no gradient.",
        ),
        reference="Howard et al., Searching for MobileNetV3 (2019)",
    ),
    _squashing(
        name="sparse_sigmoid",
        label="Sparse sigmoid",
        summary="(x + 1)/2 clipped to [0, 1]: the sigmoid of sparsemax, and the derivative of sparse plus.",
        formula=r"f(x) = \min(\max(0,\ (x+1)/2),\ 1)",
        derivative_formula=r"f'(x) = 1/2\ \mathrm{if}\ |x| < 1,\ \mathrm{else}\ 0",
        fn=lambda x: np.clip((x + 1.0) / 2.0, 0.0, 1.0),
        derivative_fn=lambda x: np.where((x > -1.0) & (x < 1.0), 0.5, 0.0),
        limits=(0.0, 1.0),
        kinks=(-1.0, 1.0),
        continuity=0,
        notes=(
            "Sparsemax of the two logits (x, 0), as the sigmoid is their softmax: exactly 0 or 1 outside "
            "[−1, 1], so the probability can be exactly zero.",
            "Hard saturation on both sides, like the hard sigmoid but twice as steep.",
        ),
        reference="Martins & Astudillo, From softmax to sparsemax (2016); JAX jax.nn.sparse_sigmoid",
    ),
    _squashing(
        name="hardtanh",
        label="Hard tanh",
        summary="Identity clipped to [min_val, max_val].",
        formula=r"f(x) = \min(\max(x,\ m_{-}),\ m_{+})",
        derivative_formula=r"f'(x) = 1\ \mathrm{if}\ m_{-} < x < m_{+},\ \mathrm{else}\ 0",
        fn=lambda x, min_val, max_val: np.clip(x, min_val, max_val),
        derivative_fn=lambda x, min_val, max_val: np.where((x > min_val) & (x < max_val), 1.0, 0.0),
        params=(
            Param("min_val", -1.0, "lower clipping value m₋", symbol=r"m_{-}"),
            Param("max_val", 1.0, "upper clipping value m₊", symbol=r"m_{+}"),
        ),
        check=lambda min_val, max_val: (
            None if min_val < max_val else f"min_val must be below max_val (got {min_val:g} ≥ {max_val:g})"
        ),
        limits=lambda min_val, max_val: (min_val, max_val),
        kinks=lambda min_val, max_val: (min_val, max_val),
        continuity=0,
        aliases=("hard_tanh",),
        notes=(
            "Cheap and zero-centred at the defaults.",
            "Hard saturation outside [min_val, max_val]: no gradient flows there.",
        ),
        reference="Collobert, Large scale machine learning (PhD thesis, 2004)",
    ),
    _squashing(
        name="softsign",
        label="Softsign",
        summary="x/(1 + |x|): like tanh, but approaches ±1 polynomially rather than exponentially.",
        formula=r"f(x) = \frac{x}{1+|x|}",
        derivative_formula=r"f'(x) = \frac{1}{(1+|x|)^2}",
        fn=lambda x: x / (1.0 + np.abs(x)),
        derivative_fn=lambda x: (r := 1.0 / (1.0 + np.abs(x))) * r,
        limits=(-1.0, 1.0),
        joins=(0.0,),
        continuity=1,
        aliases=("soft_sign",),
        notes=(
            "Saturates more slowly than tanh, so gradients vanish later.",
            "Zero-centred; cheap (no exponential).",
        ),
        reference="Bergstra et al., Quadratic polynomials learn better image features (2009)",
    ),
    _squashing(
        name="arctan",
        label="Arctan",
        summary="Inverse tangent: a zero-centred sigmoid with range (−π/2, π/2).",
        formula=r"f(x) = \arctan(x)",
        derivative_formula=r"f'(x) = \frac{1}{1+x^2}",
        fn=lambda x: np.arctan(x),
        derivative_fn=_arctan_prime,
        limits=(-math.pi / 2, math.pi / 2),
        aliases=("atan", "inverse_tangent"),
        notes=(
            "Zero-centred; saturates polynomially (f′ ~ 1/x²), slower than tanh.",
        ),
        reference="Classic squashing function; see Goodfellow, Bengio & Courville, Deep Learning (2016)",
    ),
    _squashing(
        name="isru",
        label="ISRU",
        summary="Inverse square root unit x/√(1 + αx²): a cheap tanh-like curve with range ±1/√α.",
        formula=r"f(x) = \frac{x}{\sqrt{1+\alpha x^2}}",
        derivative_formula=r"f'(x) = \left(\frac{1}{\sqrt{1+\alpha x^2}}\right)^3",
        fn=_isru,
        derivative_fn=_isru_prime,
        params=(Param("alpha", 1.0, "controls the range ±1/√α", low=0.0, low_open=True, symbol=r"\alpha"),),
        limits=lambda alpha: (-1.0 / math.sqrt(alpha), 1.0 / math.sqrt(alpha)),
        aliases=("inverse_square_root_unit",),
        notes=("Cheaper than tanh (no exponential); zero-centred; saturates on both sides.",),
        reference="Carlile et al., Improving deep learning by inverse square root linear units (2017)",
    ),
    _squashing(
        name="logsigmoid",
        label="Log-sigmoid",
        summary="log σ(x) = −softplus(−x): the log-probability of a sigmoid output.",
        formula=r"f(x) = \log\,\sigma(x) = -\log(1+e^{-x})",
        derivative_formula=r"f'(x) = 1 - \sigma(x)",
        fn=lambda x: nx.log_sigmoid(x),
        derivative_fn=lambda x: nx.sigmoid(-x),
        limits=(-INF, 0.0),
        derivative_limits=(1.0, 0.0),
        aliases=("log_sigmoid",),
        notes=(
            "Used inside losses (binary cross-entropy) rather than as a hidden activation.",
            "Saturates on the right only; unbounded below.",
        ),
        reference="PyTorch torch.nn.LogSigmoid",
    ),
    _squashing(
        name="lecun_tanh",
        label="LeCun tanh",
        summary="1.7159·tanh(2x/3): scaled so that f(±1) = ±1 and the slope at 0 is about 1.14.",
        formula=r"f(x) = 1.7159\,\tanh(2x/3)",
        derivative_formula=r"f'(x) = 1.1439\,(1 - \tanh^2(2x/3))",
        fn=lambda x: LECUN_SCALE * np.tanh(2.0 * x / 3.0),
        derivative_fn=lambda x: LECUN_SCALE * 2.0 / 3.0 * nx.sech2(2.0 * x / 3.0),
        limits=(-LECUN_SCALE, LECUN_SCALE),
        aliases=("scaled_tanh",),
        notes=(
            "Zero-centred; the recommended sigmoid of Efficient BackProp; saturates on both sides.",
            "It does not keep unit variance by itself: under N(0, 1) input Var f(Z) = 0.750; LeCun pairs it "
            "with normalised inputs and 1/√fan_in weights.",
        ),
        reference="LeCun et al., Efficient BackProp (1998)",
    ),
    _squashing(
        name="smht",
        label="SMHT",
        summary="Soboleva modified hyperbolic tangent: tanh with separate rates for each exponential.",
        formula=r"f(x) = \frac{e^{ax} - e^{-bx}}{e^{cx} + e^{-dx}}",
        derivative_formula=r"f'(x) = \frac{a e^{ax} + b e^{-bx}}{e^{cx}+e^{-dx}} - f(x)\,\frac{c e^{cx} - d e^{-dx}}{e^{cx}+e^{-dx}}",
        fn=_smht,
        derivative_fn=_smht_prime,
        params=(
            Param("a", 1.0, "rate of the rising exponential in the numerator", low=0.0, low_open=True, symbol="a"),
            Param("b", 0.5, "rate of the falling exponential in the numerator", low=0.0, low_open=True, symbol="b"),
            Param("c", 0.5, "rate of the rising exponential in the denominator", low=0.0, low_open=True, symbol="c"),
            Param("d", 0.5, "rate of the falling exponential in the denominator", low=0.0, low_open=True, symbol="d"),
        ),
        limits=_smht_limits,
        derivative_limits=_smht_derivative_limits,
        aliases=("soboleva", "soboleva_modified_tanh"),
        notes=(
            "a = b = c = d gives tanh(a·x); the defaults (a = 1, b = c = d = 0.5) have no standard and "
            "were chosen to show an asymmetric curve: bounded below by −1, unbounded above.",
            "Right tail: bounded when a ≤ c; left tail: bounded when b ≤ d.",
        ),
        reference="Soboleva modified hyperbolic tangent; see Wikipedia, Activation function",
    ),
)
