"""Rectifiers: piecewise-linear units built around max(0, x)."""

from __future__ import annotations

import math

import numpy as np

from ..spec import DISCONTINUOUS, SMOOTH, Param
from .family import member

INF = math.inf


def _leaky(x, alpha):
    return np.where(x > 0, x, alpha * x) + 0.0  # + 0.0 turns −0.0 into 0.0


def _leaky_prime(x, alpha):
    return np.where(x > 0, 1.0, alpha)  # at 0 the left slope, as PyTorch's backward


def _leaky_formula(slope: str):
    """The formula of max(0, x) + s·min(0, x) as it reads for the slope s (symbol ``slope``)."""

    def formula(s: float) -> str:
        if s == 0:
            return r"f(x) = \max(0,x)"
        if s == 1:
            return r"f(x) = x"
        return rf"f(x) = \max(0,x) + {slope}\,\min(0,x)"

    def derivative(s: float) -> str:
        if s == 1:
            return r"f'(x) = 1"
        return rf"f'(x) = 1\ \mathrm{{if}}\ x>0,\ \mathrm{{else}}\ {'0' if s == 0 else slope}"

    return formula, derivative


_ALPHA_FORMULA, _ALPHA_DERIVATIVE = _leaky_formula(r"\alpha")
_RRELU_FORMULA, _RRELU_DERIVATIVE = _leaky_formula(r"\frac{l+u}{2}")


def _srelu_pieces(t_left, a_left, t_right, a_right, derivative: bool) -> str:
    """SReLU's pieces as they read for these parameters: a slope of 1 is the identity, a slope of 0
    a constant, a side equal to its neighbour merges with it, and a straight line is one formula."""

    def side(a, sym):
        if derivative:
            return "1" if a == 1 else ("0" if a == 0 else f"a_{sym}")
        return "x" if a == 1 else (f"t_{sym}" if a == 0 else f"t_{sym} + a_{sym}(x-t_{sym})")

    left, right, middle = side(a_left, "l"), side(a_right, "r"), "1" if derivative else "x"
    head = "f'(x) = " if derivative else "f(x) = "
    if t_left == t_right:
        if a_left == a_right:
            return head + left
        return head + rf"{left}\ (x \leq t_l),\ \ {right}\ (x > t_r)"
    if left == middle == right:
        return head + middle
    if left == middle:
        return head + rf"{middle}\ (x < t_r),\ \ {right}\ (x \geq t_r)"
    if right == middle:
        return head + rf"{left}\ (x \leq t_l),\ \ {middle}\ (x > t_l)"
    return head + rf"{left}\ (x \leq t_l),\ \ {middle},\ \ {right}\ (x \geq t_r)"


def _srelu_kinks(t_left, a_left, t_right, a_right):
    """Where the slope changes: t_l unless a_l = 1, t_r unless a_r = 1; one point where t_l = t_r,
    none there when the slopes on both sides agree (a straight line)."""
    if t_left == t_right:
        return () if a_left == a_right else (t_left,)
    return tuple(t for t, a in ((t_left, a_left), (t_right, a_right)) if a != 1)


def _tail(slope, sign):
    """lim of slope·x as x → sign·∞."""
    return 0.0 if slope == 0 else math.copysign(INF, slope * sign)


def _leaky_facts(default: float, help_text: str):
    """The parameter and declared facts shared by relu, leaky_relu and prelu."""
    return dict(
        formula=lambda alpha: _ALPHA_FORMULA(alpha),
        derivative_formula=lambda alpha: _ALPHA_DERIVATIVE(alpha),
        fn=_leaky,
        derivative_fn=_leaky_prime,
        params=(Param("alpha", default, help_text, symbol=r"\alpha"),),
        limits=lambda alpha: (_tail(alpha, -1), INF),
        derivative_limits=lambda alpha: (alpha, 1.0),
        kinks=lambda alpha: () if alpha == 1 else (0.0,),
        continuity=lambda alpha: SMOOTH if alpha == 1 else 0,
    )


def _srelu(x, t_left, a_left, t_right, a_right):
    inner = np.where(x <= t_left, t_left + a_left * (x - t_left), x)
    return np.where(x >= t_right, t_right + a_right * (x - t_right), inner)


def _srelu_prime(x, t_left, a_left, t_right, a_right):
    return np.where(x >= t_right, a_right, np.where(x <= t_left, a_left, 1.0))


def _squared_relu(x):
    r = np.maximum(x, 0.0)
    return r * r


def _scaled_square(x, scale):
    """s·max(0, x)² as (s·r)·r: r² alone overflows a small format (float16 beyond 256) before s scales it."""
    r = np.maximum(x, 0.0)
    return (scale * r) * r


def _maxout(x, w1, b1, w2, b2):
    return np.maximum(w1 * x + b1, w2 * x + b2) + 0.0


def _maxout_prime(x, w1, b1, w2, b2):
    return np.where(w1 * x + b1 >= w2 * x + b2, w1, w2)  # at the kink: the first piece's slope


def _maxout_kinks(w1, b1, w2, b2):
    return () if w1 == w2 else ((b2 - b1) / (w1 - w2),)


def _maxout_limits(w1, b1, w2, b2):
    """Far left the piece with the smaller slope is the larger one, far right the larger slope."""
    (lo_w, lo_b), (hi_w, hi_b) = sorted(((w1, b1), (w2, b2)))
    if w1 == w2:
        lo_b = hi_b = max(b1, b2)
    left = lo_b if lo_w == 0 else math.copysign(INF, -lo_w)
    right = hi_b if hi_w == 0 else math.copysign(INF, hi_w)
    return left, right


def _crelu(x, output):
    return np.maximum(x if output == "positive" else -x, 0.0) + 0.0


def _crelu_prime(x, output):
    return np.where(x > 0, 1.0, 0.0) if output == "positive" else np.where(x < 0, -1.0, 0.0)


# the paper's values: 2/√5 = 1/√Var(relu(Z)²) and −1/√5 = −E[relu(Z)²]·scale for Z ~ N(0, 1), rounded
STAR_SCALE = 0.8944
STAR_BIAS = -0.4472


_rectifier = member("relu")

ACTIVATIONS = (
    _rectifier(
        name="relu",
        **_leaky_facts(0.0, "slope for negative inputs (0: plain ReLU)"),
        aliases=("rectifier", "rectified_linear_unit"),
    ),
    _rectifier(
        name="leaky_relu",
        **_leaky_facts(0.01, "slope for negative inputs"),
        aliases=("lrelu", "leakyrelu"),
    ),
    _rectifier(
        name="prelu",
        **_leaky_facts(0.25, "negative slope; learned during training (initial value)"),
    ),
    _rectifier(
        name="rrelu",
        formula=lambda lower, upper: _RRELU_FORMULA((lower + upper) / 2.0),
        derivative_formula=lambda lower, upper: _RRELU_DERIVATIVE((lower + upper) / 2.0),
        fn=lambda x, lower, upper: _leaky(x, (lower + upper) / 2.0),
        derivative_fn=lambda x, lower, upper: _leaky_prime(x, (lower + upper) / 2.0),
        params=(
            Param("lower", 1.0 / 8.0, "lower bound of the random negative slope", low=0.0, symbol="l"),
            Param("upper", 1.0 / 3.0, "upper bound of the random negative slope", low=0.0, symbol="u"),
        ),
        check=lambda lower, upper: (
            None if lower <= upper else f"lower must not exceed upper (got {lower:g} > {upper:g})"
        ),
        limits=lambda lower, upper: (_tail((lower + upper) / 2.0, -1), INF),
        derivative_limits=lambda lower, upper: ((lower + upper) / 2.0, 1.0),
        kinks=lambda lower, upper: () if lower + upper == 2 else (0.0,),
        continuity=lambda lower, upper: SMOOTH if lower + upper == 2 else 0,
    ),
    _rectifier(
        name="relu6",
        fn=lambda x: np.clip(x, 0.0, 6.0),
        derivative_fn=lambda x: np.where((x > 0) & (x < 6), 1.0, 0.0),
        limits=(0.0, 6.0),
        derivative_limits=(0.0, 0.0),
        kinks=(0.0, 6.0),
        continuity=0,
    ),
    _rectifier(
        name="threshold",
        fn=lambda x, threshold, value: np.where(x > threshold, x, value),
        derivative_fn=lambda x, threshold, value: np.where(x > threshold, 1.0, 0.0),
        params=(
            Param("threshold", 1.0, "inputs at or below it are replaced", symbol="t"),
            Param("value", 0.0, "the replacement value", symbol="v"),
        ),
        limits=lambda threshold, value: (value, INF),
        derivative_limits=(0.0, 1.0),
        kinks=lambda threshold, value: (threshold,),
        continuity=lambda threshold, value: 0 if value == threshold else DISCONTINUOUS,
    ),
    _rectifier(
        name="srelu",
        formula=lambda **p: _srelu_pieces(**p, derivative=False),
        derivative_formula=lambda **p: _srelu_pieces(**p, derivative=True),
        fn=_srelu,
        derivative_fn=_srelu_prime,
        params=(
            Param("t_left", -1.0, "left threshold", symbol="t_l"),
            Param("a_left", 0.1, "slope left of t_left", symbol="a_l"),
            Param("t_right", 1.0, "right threshold", symbol="t_r"),
            Param("a_right", 0.1, "slope right of t_right", symbol="a_r"),
        ),
        check=lambda t_left, a_left, t_right, a_right: (
            None if t_left <= t_right else f"t_left must not exceed t_right (got {t_left:g} > {t_right:g})"
        ),
        limits=lambda t_left, a_left, t_right, a_right: (
            t_left if a_left == 0 else _tail(a_left, -1),
            t_right if a_right == 0 else _tail(a_right, 1),
        ),
        derivative_limits=lambda t_left, a_left, t_right, a_right: (a_left, a_right),
        kinks=_srelu_kinks,
        continuity=lambda t_left, a_left, t_right, a_right: 0 if _srelu_kinks(t_left, a_left, t_right, a_right) else SMOOTH,
    ),
    _rectifier(
        name="squared_relu",
        fn=_squared_relu,
        derivative_fn=lambda x: 2.0 * np.maximum(x, 0.0),
        limits=(0.0, INF),
        derivative_limits=(0.0, INF),
        joins=(0.0,),
        continuity=1,
        aliases=("relu_squared", "relu2", "sqrelu"),
    ),
    _rectifier(
        name="star_relu",
        fn=lambda x, scale, bias: (_scaled_square(x, scale) if scale != 0 else np.zeros_like(x)) + bias,
        derivative_fn=lambda x, scale, bias: 2.0 * scale * np.maximum(x, 0.0),
        params=(
            Param("scale", STAR_SCALE, "s, learned; default 2/√5 rounded (unit variance)", symbol="s"),
            Param("bias", STAR_BIAS, "b, learned; default −1/√5 rounded (zero mean)", symbol="b"),
        ),
        limits=lambda scale, bias: (bias, bias if scale == 0 else math.copysign(INF, scale)),
        derivative_limits=lambda scale, bias: (0.0, 0.0 if scale == 0 else math.copysign(INF, scale)),
        joins=(0.0,),
        continuity=lambda scale, bias: 1 if scale != 0 else SMOOTH,
        aliases=("starrelu",),
    ),
    _rectifier(
        name="maxout",
        fn=_maxout,
        derivative_fn=_maxout_prime,
        params=(
            Param("w1", 1.0, "slope of the first piece", symbol="w_1"),
            Param("b1", 0.0, "intercept of the first piece", symbol="b_1"),
            Param("w2", -0.5, "slope of the second piece", symbol="w_2"),
            Param("b2", 0.0, "intercept of the second piece", symbol="b_2"),
        ),
        limits=_maxout_limits,
        derivative_limits=lambda w1, b1, w2, b2: (min(w1, w2), max(w1, w2)),
        kinks=_maxout_kinks,
        continuity=lambda w1, b1, w2, b2: 0 if w1 != w2 else SMOOTH,
    ),
    _rectifier(
        name="crelu",
        formula=lambda output: r"f(x) = \max(0,x)" if output == "positive" else r"f(x) = \max(0,-x)",
        derivative_formula=lambda output: (r"f'(x) = 1\ \mathrm{if}\ x>0,\ \mathrm{else}\ 0" if output == "positive"
                                           else r"f'(x) = -1\ \mathrm{if}\ x<0,\ \mathrm{else}\ 0"),
        fn=_crelu,
        derivative_fn=_crelu_prime,
        params=(Param("output", "positive", "which half of the concatenated output: 'positive' relu(x), "
                      "'negative' relu(−x)", choices=("positive", "negative")),),
        limits=lambda output: (0.0, INF) if output == "positive" else (INF, 0.0),
        derivative_limits=lambda output: (0.0, 1.0) if output == "positive" else (-1.0, 0.0),
        kinks=(0.0,),
        continuity=0,
        axis="x; the output is one half of CReLU's pair (relu(x), relu(−x)), chosen with output=",
    ),
)
