"""Signal propagation through deep random networks: mean-field theory for any scalar activation.

A network ``hˡ = Wˡ φ(hˡ⁻¹) + bˡ`` with weights ``W ~ N(0, σ_w²/N)`` and biases ``b ~ N(0, σ_b²)`` (the
options are called ``sigma_w2`` and ``sigma_b2``: variances, not standard deviations). In the wide limit a
pre-activation is Gaussian with variance ``qˡ`` (Poole et al. 2016, arXiv:1606.05340; Schoenholz et al.
2017, "Deep information propagation", arXiv:1611.01232). ``Z ~ N(0, 1)`` throughout.

Gaussian expectations
    :func:`gaussian_expectation` ``E g(√q Z)`` for ``g`` built from φ and φ′: composite 16-point
    Gauss–Legendre (the written-out rule of :mod:`actviz.analysis`) on panels at most 1 wide in ``z`` and
    in ``x = √q z``, split at every kink and join of φ (scaled by 1/√q), over ``|z| ≤ 12``, widened while
    the tail is not negligible, summed with :func:`math.fsum` (the same numbers on every CPU). Accurate to
    about 1e-13 for the catalogue; Gauss–Hermite is never used for reference values (it is wrong at
    kinks). A moment that is not finite (``x*exp(x**2)``) raises :class:`ParameterError` naming the
    activation. ``q = 0`` means the limit ``q → 0⁺``: the mean of the one-sided values at 0.
    Where φ jumps (binary_step) φ′ holds a Dirac delta: every moment of φ′ is ``inf``.

Gains (:func:`moments`, :class:`Moments`)
    at q = 1 the moments are the analysis's (:func:`actviz.analysis.normal_moments`: adaptive Gauss–Kronrod
    with an error bound, :mod:`actviz.quadrature`), the same numbers ``actviz table`` shows.
    ``mean`` = E φ(Z), ``second_moment`` = E φ(Z)², ``variance``, ``derivative_second_moment`` = E φ′(Z)²;
    ``gain_forward`` = 1/√E φ², ``gain_backward`` = 1/√E φ′², ``gamma`` = 1/√Var φ: ``None`` where the
    moment is 0 (no gain makes a constant signal unit), ``0.0`` where it is ``inf``.
    :func:`torch_gain`: ``torch.nn.init.calculate_gain``'s value for the catalogue function, or ``None``.

Maps and fixed points
    :func:`length_map` ``L(q) = σ_w² E φ(√q Z)² + σ_b²``; :func:`fixed_point` ``q*`` (the stable fixed point
    the iteration reaches from ``q0``; 0 exactly where σ_b² = 0, φ(0) = 0 and 0 attracts; a length map
    without fixed point raises :class:`ParameterError` naming sigma_w2 and sigma_b2);
    :func:`length_slope` ``dL/dq = σ_w² E[φ φ′(√q Z) Z]/√q``; :func:`chi1` ``χ₁ = σ_w² E φ′(√q Z)²``;
    :func:`correlation_map` ``c ↦ (σ_w² E φ(u₁)φ(u₂) + σ_b²)/q`` with ``u₁ = √q z₁``,
    ``u₂ = √q (c z₁ + √(1−c²) z₂)`` (a 2-D composite rule: outer panels split at the kinks, inner panels
    split at the kinks shifted for each outer node); :func:`correlation_slope` ``χ_c = σ_w² E φ′(u₁)φ′(u₂)``;
    :func:`c_star` the stable fixed point of the correlation map (1 in the ordered phase, χ₁ ≤ 1);
    :func:`point` everything at one (σ_w², σ_b²): :class:`PhasePoint` (q*, χ₁, c*, χ_c, ξ_q, ξ_c, the
    post-activation RMS). Depth scales ``ξ = −1/ln|slope|`` (``inf`` where the slope is 1: the edge of chaos).

Edge of chaos
    :func:`critical_point` ``-> CriticalPoint(sigma_w2, q_star, edge_is_point)`` (unpacks as
    ``sigma_w2, q_star = ...``): χ₁ = 1 at the given σ_b², along the curve parametrised by q,
    ``σ_w²(q) = 1/E φ′(√q Z)²``, ``σ_b²(q) = q − σ_w²(q) E φ(√q Z)²``. For a positively homogeneous φ
    (ReLU, leaky ReLU) ``σ_b²(q) ≡ 0``: the edge is the single point (1/E φ′², 0), flagged with
    ``edge_is_point=True`` whatever σ_b² was asked (``q_star`` is then ``None``: every q is a fixed point).
    :func:`edge_curve` the curve at given q.

Phase diagram
    :func:`phase_grid` ``-> PhaseGrid``: q*, χ₁, ξ_q, c*, ξ_c on a (σ_w², σ_b²) grid, fast: V(q), V′(q),
    D(q) = E φ′² and the Mehler (Hermite) coefficients of the correlation map are tabulated once on a
    log-spaced q grid with the accurate rule; every cell is solved from the tables (cubic interpolation in
    log q, vectorised Newton). Grid values agree with :func:`point` to about 1e-6 (ξ_c of chaotic cells
    of kinked φ: about 1e-3, the Hermite series' truncation); ``q_star`` is ``inf`` where the variance
    diverges (or exceeds :data:`Q_GRID`), and χ₁, ξ, c* are NaN there.

Through depth
    :func:`mean_field` ``-> MeanField``: per layer l = 0..depth, ``q`` (pre-activation variance, ``q[0] = q0``),
    ``post_ms`` = E φ(hˡ)² (post-activation mean square), ``c`` (correlation of two inputs, ``c[0] = c0``,
    each step the correlation map at that layer's q), ``grad_ratio`` = ‖∂L/∂hˡ‖²/‖∂L/∂h^depth‖² =
    Π_{k=l}^{depth−1} χ₁(q_k) (1 at the top). :func:`simulate` ``-> Simulation``: the same quantities
    measured in one finite random network (numpy.random.default_rng(seed)), see its docstring.
    :func:`propagation` both, with ``to_dict()``.

Every result is a frozen dataclass carrying its ``bound`` (see :class:`actviz.lessons.OfActivation`); options
are checked with :mod:`actviz.options` before any work and errors name them (``sigma_w2 0 is out of range``).
Nothing here formats words for people beyond those one-line errors.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from . import notation
from . import numerics as nx
from .errors import ParameterError
from .errors import option as opt
from .options import check_int, check_real, check_seed
from .quadrature import GL16_NODES as _GL_NODES
from .quadrature import GL16_WEIGHTS as _GL_WEIGHTS
from .records import OfActivation, check_elementwise

if TYPE_CHECKING:  # pragma: no cover
    from .spec import Bound

__all__ = [
    "Moments", "moments", "torch_gain", "TORCH_GAINS", "gaussian_expectation",
    "length_map", "length_slope", "fixed_point", "chi1", "correlation_map", "correlation_slope", "c_star",
    "depth_scale", "phase_of", "PhasePoint", "point",
    "CriticalPoint", "critical_point", "critical_points", "edge_curve",
    "PhaseGrid", "phase_grid",
    "MeanField", "mean_field", "Simulation", "simulate", "Propagation", "propagation",
    "check_sigmas", "MAX_SIGMA2", "MAX_DEPTH", "MAX_WIDTH", "MAX_SIM_WORK", "MAX_GRID", "Q_MAX", "Q_GRID", "SIM_BATCH",
]

#: the largest σ_w² and σ_b² accepted
MAX_SIGMA2 = 1e4
#: layers of :func:`mean_field` and :func:`simulate`
MAX_DEPTH = 1000
#: units per layer of :func:`simulate`
MAX_WIDTH = 8192
#: depth × width² of :func:`simulate` (each weight is drawn twice, forward and backward: ~4 s at the limit)
MAX_SIM_WORK = 10**8
#: cells along each axis of :func:`phase_grid`
MAX_GRID = 1000
#: a variance beyond this counts as diverged (the fixed-point search stops there)
Q_MAX = 1e10
#: the top of :func:`phase_grid`'s q table: a cell whose q* lies above shows inf
Q_GRID = 1e4
#: the largest pre-activation variance at which :func:`mean_field` computes the correlation map (the 2-D
#: rule's cost grows with q: ~0.3 s at 1e3); beyond it c is NaN, but for a ReLU-like φ without bias
C_MAP_MAX = 1e3
#: inputs of :func:`simulate`: the two correlated ones and independent others (for the variance estimate)
SIM_BATCH = 8

_SQRT_2PI = math.sqrt(2.0 * math.pi)
_SPAN = 12.0  # half-width in z to begin with: exp(−72) leaves nothing of polynomially growing functions
_MAX_SPAN = 96.0  # widened up to this while the tail is not negligible
_MAX_PANELS = 1 << 14  # per axis: caps the cost at huge q (panels then wider than 1 in x)
_X_WIDTH = 2.0  # the widest panel in x: 16 nodes resolve tanh(x)² there to 1e-16 (poles at ±iπ/2)
_TAIL = 1e-17  # tail estimate relative to the integral that counts as negligible
_ZERO = 1e-300  # one-sided values at 0: φ(±_ZERO)
_exp = np.frompyfunc(math.exp, 1, 1)  # libm's exp, element-wise: the same weights on every CPU


def _gauss_weights(z: np.ndarray) -> np.ndarray:
    return np.asarray(_exp(-0.5 * z * z), dtype=np.float64) / _SQRT_2PI


def _fsum(a: np.ndarray) -> float:
    return math.fsum(np.ravel(a).tolist())


def _label(bound: Bound) -> str:
    return notation.spec_label(bound)


def _jumps(bound: Bound) -> bool:
    """φ jumps somewhere (its φ′ holds a Dirac delta)."""
    return float(bound.continuity()) < 0


# -- the one-dimensional rule --------------------------------------------------------------------------


def _panels(edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and Gauss–Legendre weights on the panels between sorted ``edges`` (last axis)."""
    a, b = edges[..., :-1, None], edges[..., 1:, None]
    half = 0.5 * (b - a)
    nodes = (half * _GL_NODES + 0.5 * (a + b)).reshape(*edges.shape[:-1], -1)
    weights = (half * _GL_WEIGHTS).reshape(*edges.shape[:-1], -1)
    return nodes, weights


def _mesh(scale: float, span: float, breaks: np.ndarray) -> np.ndarray:
    """Panel edges on [−span, span] in z: at most 1 wide in z and 2 in x = scale·z, plus ``breaks``."""
    width = min(1.0, _X_WIDTH / scale) if scale > 0 else 1.0
    n = min(_MAX_PANELS, max(1, math.ceil(2.0 * span / width)))
    edges = np.linspace(-span, span, n + 1)
    inside = breaks[(breaks > -span) & (breaks < span)]
    return nx.sorted_unique(np.concatenate([edges, inside])) if inside.size else edges


def _nodes(bound: Bound, q: float, span: float) -> tuple[np.ndarray, np.ndarray]:
    """z nodes and weights (Gaussian density included) for E g(√q Z), split at φ's kinks and joins."""
    r = math.sqrt(q)
    breaks = np.array(bound.pieces(), dtype=np.float64) / r
    z, w = _panels(_mesh(r, span, breaks))
    return z, w * _gauss_weights(z)


#: what :func:`_integrals` computes: name -> (needs φ, needs φ′)
_KINDS = {"f": (True, False), "f2": (True, False), "var": (True, False), "d2": (False, True),
          "fdz": (True, True), "f2z": (True, False)}


def _integrands(kind: str, f: np.ndarray | None, d: np.ndarray | None, z: np.ndarray) -> np.ndarray:
    if kind == "f" or kind == "var":
        return f  # type: ignore[return-value]
    if kind == "f2":
        return f * f  # type: ignore[operator]
    if kind == "d2":
        return d * d  # type: ignore[operator]
    if kind == "fdz":
        return f * d * z  # type: ignore[operator]
    return f * f * (z * z - 1.0)  # "f2z": E φ²(Z² − 1), dV/dq·2q without φ′ (exact where φ jumps)


def _what(kind: str) -> str:
    return {"f": "E φ(√q Z)", "var": "Var φ(√q Z)", "f2": "E φ(√q Z)²", "d2": "E φ′(√q Z)²",
            "fdz": "E φ(√q Z)φ′(√q Z)Z", "f2z": "E φ(√q Z)²Z²"}[kind]


def _divergent(bound: Bound, kind: str, q: float) -> ParameterError:
    return ParameterError(f"{_label(bound)}: {_what(kind)} is not finite at q = {q:.6g} (the activation grows "
                          "too fast for a Gaussian input, or the moment overflows float64)")


def _evaluate(bound: Bound, q: float, kinds: tuple[str, ...]
              ) -> tuple[tuple[float, ...], np.ndarray, np.ndarray, np.ndarray | None]:
    """E g(√q Z) for each kind of ``g`` (see :data:`_KINDS`), by the kink-aware composite rule; also the
    final nodes, weights and φ there (for q > 0)."""
    jumps = _jumps(bound)
    r = math.sqrt(q)
    want_f = any(_KINDS[k][0] for k in kinds)
    want_d = any(_KINDS[k][1] and not (k == "d2" and jumps) for k in kinds)
    span = _SPAN
    while True:
        z, w = _nodes(bound, q, span)
        tail = math.exp(-0.5 * span * span) / (_SQRT_2PI * span)  # ≈ the mass beyond span, per unit of |g|
        with np.errstate(all="ignore"):
            x = r * z
            f = bound(x) if want_f else None
            d = bound.derivative(x) if want_d else None
            out, converged = [], True
            for kind in kinds:
                if kind == "d2" and jumps:
                    out.append(math.inf)
                    continue
                g = _integrands(kind, f, d, z)
                if kind == "var":
                    g = (g - _fsum(w * g)) ** 2
                terms = w * g
                if not np.all(np.isfinite(terms)):
                    raise _divergent(bound, kind, q)
                value = _fsum(terms)
                size = float(np.sum(np.abs(terms)))
                ends = float(np.max(np.abs(g[[0, -1]]))) * tail
                if ends > _TAIL * size and ends > 1e-300:
                    converged = False
                out.append(value)
        if converged:
            return tuple(_clean(v) for v in out), z, w, f
        if span >= _MAX_SPAN:
            bad = next(k for k in kinds if not (k == "d2" and jumps))
            raise _divergent(bound, bad, q)
        span *= 2.0


def _integrals(bound: Bound, q: float, kinds: tuple[str, ...]) -> tuple[float, ...]:
    """E g(√q Z) for each kind of ``g`` (see :data:`_KINDS`); q = 0: the limit q → 0⁺."""
    if q == 0.0:
        jumps = _jumps(bound)
        return tuple(_at_zero(bound, k, jumps) for k in kinds)
    return _evaluate(bound, q, kinds)[0]


def _clean(v: float) -> float:
    return v if math.isinf(v) else v + 0.0  # no −0.0


def _at_zero(bound: Bound, kind: str, jumps: bool) -> float:
    """The limit q → 0⁺ of E g(√q Z): the mean of g's one-sided values at 0."""
    x = np.array([-_ZERO, _ZERO])
    f, d = bound(x), bound.derivative(x)
    if kind == "f":
        return float(0.5 * (f[0] + f[1]))
    if kind == "f2":
        return float(0.5 * (f[0] ** 2 + f[1] ** 2))
    if kind == "var":
        return float(0.25 * (f[0] - f[1]) ** 2)
    if kind == "d2":
        return math.inf if jumps and f[0] != f[1] else float(0.5 * (d[0] ** 2 + d[1] ** 2))
    return 0.0  # fdz, f2z: E[...Z] and E[Z² − 1] vanish in the limit


def gaussian_expectation(bound: Bound, g: Callable[[np.ndarray, np.ndarray], np.ndarray], q: float = 1.0) -> float:
    """E g(φ(√q Z), φ′(√q Z)) by the kink-aware rule (``g`` takes the arrays φ(x), φ′(x); no divergence
    check beyond finiteness). For one-off expectations; the named functions below are the ones to use."""
    _check_scalar(bound)
    q = check_real(q, "q", 0.0, Q_MAX)
    if q == 0.0:
        x = np.array([-_ZERO, _ZERO])
        return float(0.5 * np.sum(g(bound(x), bound.derivative(x))))
    z, w = _nodes(bound, q, _SPAN)
    x = math.sqrt(q) * z
    with np.errstate(all="ignore"):
        terms = w * g(bound(x), bound.derivative(x))
    if not np.all(np.isfinite(terms)):
        raise ParameterError(f"{_label(bound)}: the expectation is not finite at q = {q:.6g}")
    return _clean(_fsum(terms))


# -- moments and gains --------------------------------------------------------------------------------


def _check_scalar(bound: Bound) -> None:
    check_elementwise(bound, "signal propagation")


@dataclass(frozen=True)
class Moments(OfActivation):
    """Moments of φ under a standard normal input, and the gains they give."""

    bound: Bound
    mean: float  #: E φ(Z)
    second_moment: float  #: E φ(Z)²
    variance: float  #: Var φ(Z)
    derivative_second_moment: float  #: E φ′(Z)² (inf where φ jumps)

    @property
    def gain_forward(self) -> float | None:
        """1/√E φ(Z)²: the weight scale (times 1/√fan_in) that keeps E h² = 1 from layer to layer."""
        return _gain(self.second_moment)

    @property
    def gain_backward(self) -> float | None:
        """1/√E φ′(Z)²: the scale that keeps the gradient's norm (χ₁ = 1 at q = 1)."""
        return _gain(self.derivative_second_moment)

    @property
    def gamma(self) -> float | None:
        """1/√Var φ(Z): the factor that makes φ(Z) unit variance (normaliser-free networks' γ)."""
        return _gain(self.variance)

    @property
    def torch_gain(self) -> float | None:
        """``torch.nn.init.calculate_gain``'s value for this activation, or None (see :func:`torch_gain`)."""
        return torch_gain(self.bound)

    def to_dict(self) -> dict[str, Any]:
        out = self._record()
        out.update(mean=self.mean, second_moment=self.second_moment, variance=self.variance,
                   derivative_second_moment=_json(self.derivative_second_moment),
                   gain_forward=self.gain_forward, gain_backward=self.gain_backward, gamma=self.gamma,
                   torch_gain=self.torch_gain)
        return out


def _gain(moment: float) -> float | None:
    """1/√moment; None where the moment is 0 or infinite (no gain makes it 1: a constant, or φ′ with a
    Dirac delta where φ jumps)."""
    if moment == 0.0 or math.isinf(moment):
        return None
    return 1.0 / math.sqrt(moment)


def _json(v: float | None) -> float | str | None:
    """A float for JSON: inf and NaN as the strings "inf", "-inf", "nan"."""
    if v is None or math.isfinite(v):
        return v
    return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")


def moments(bound: Bound) -> Moments:
    """E φ(Z), E φ(Z)², Var φ(Z), E φ′(Z)² for Z ~ N(0, 1) (see the module docstring)."""
    _check_scalar(bound)
    p = bound.properties()  # one definition of the moments: the analysis's adaptive quadrature
    mean, var = p.mean_output, p.output_variance
    d2 = math.inf if _jumps(bound) else p.derivative_square_mean
    for v, what in ((mean, "f"), (var, "var"), (d2, "d2")):
        if math.isnan(v):
            raise _divergent(bound, what, 1.0)
    return Moments(bound=bound, mean=mean, second_moment=var + mean * mean, variance=var, derivative_second_moment=d2)


#: PyTorch's ``torch.nn.init.calculate_gain`` (torch/nn/init.py) by catalogue name: a number, or a
#: function of the bound parameters (None where PyTorch's function is another one)
TORCH_GAINS: dict[str, Callable[[dict[str, Any]], float | None]] = {
    "identity": lambda p: 1.0,  # 'linear' (and conv*, conv_transpose*)
    "sigmoid": lambda p: 1.0 if p.get("a", 1.0) == 1.0 else None,
    "tanh": lambda p: 5.0 / 3.0,
    # 'relu' is √2; a ReLU with a negative slope is PyTorch's leaky_relu
    "relu": lambda p: math.sqrt(2.0 / (1.0 + float(p.get("alpha", 0.0)) ** 2)),
    "leaky_relu": lambda p: math.sqrt(2.0 / (1.0 + float(p["alpha"]) ** 2)),
    "selu": lambda p: 3.0 / 4.0,  # "found empirically", pytorch PR #50664
}


def torch_gain(bound: Bound) -> float | None:
    """``torch.nn.init.calculate_gain``'s recommended gain for this activation, with its own parameters
    (leaky_relu's slope is the bound's ``alpha``: PyTorch's default param 0.01 is the torch preset's), or
    ``None`` where PyTorch has none. Matched by the catalogue origin (framework presets included)."""
    rule = TORCH_GAINS.get(bound.act.origin)
    return None if rule is None else rule(dict(bound.params))


# -- options ------------------------------------------------------------------------------------------


def check_sigmas(sigma_w2: Any, sigma_b2: Any) -> tuple[float, float]:
    """σ_w² in (0, MAX_SIGMA2], σ_b² in [0, MAX_SIGMA2]."""
    w = check_real(sigma_w2, "sigma_w2", 0.0, MAX_SIGMA2, open_low=True)
    b = check_real(sigma_b2, "sigma_b2", 0.0, MAX_SIGMA2)
    return w, b


def _check_q(q: Any, name: str = "q") -> float:
    return check_real(q, name, 0.0, Q_MAX)


def _check_c(c: Any, name: str = "c") -> float:
    return check_real(c, name, -1.0, 1.0)


# -- the length map ------------------------------------------------------------------------------------


def length_map(bound: Bound, q: float, sigma_w2: float, sigma_b2: float) -> float:
    """L(q) = σ_w² E φ(√q Z)² + σ_b²: the variance of the next layer's pre-activations."""
    _check_scalar(bound)
    w, b = check_sigmas(sigma_w2, sigma_b2)
    q = _check_q(q)
    return w * _integrals(bound, q, ("f2",))[0] + b


def _slope_at(bound: Bound, q: float, w: float) -> float:
    """dL/dq = σ_w² E[φ φ′(√q Z) Z]/√q (σ_w² E[φ²(Z² − 1)]/(2q) where φ jumps); at 0 the limit for φ(0) = 0."""
    if q == 0.0:
        return w * _integrals(bound, 0.0, ("d2",))[0]
    if _jumps(bound):
        return w * _integrals(bound, q, ("f2z",))[0] / (2.0 * q)
    return w * _integrals(bound, q, ("fdz",))[0] / math.sqrt(q)


def length_slope(bound: Bound, q: float, sigma_w2: float) -> float:
    """dL/dq at q: the factor by which a deviation of q from q* shrinks each layer."""
    _check_scalar(bound)
    w = check_real(sigma_w2, "sigma_w2", 0.0, MAX_SIGMA2, open_low=True)
    return _slope_at(bound, _check_q(q), w)


def chi1(bound: Bound, sigma_w2: float, q: float) -> float:
    """χ₁ = σ_w² E φ′(√q Z)²: the squared gradient norm's growth per layer (1 at the edge of chaos)."""
    _check_scalar(bound)
    w = check_real(sigma_w2, "sigma_w2", 0.0, MAX_SIGMA2, open_low=True)
    return w * _integrals(bound, _check_q(q), ("d2",))[0]


def _brent(f: Callable[[float], float], a: float, b: float, fa: float, fb: float, rtol: float = 4e-16) -> float:
    """A root of f in [a, b] where fa, fb differ in sign (Brent 1973: inverse quadratic interpolation,
    secant and bisection)."""
    if fa == 0.0:
        return a
    if fb == 0.0:
        return b
    c, fc = a, fa
    d = e = b - a
    for _ in range(200):
        if (fb > 0) == (fc > 0):
            c, fc = a, fa
            d = e = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol = 2.0 * rtol * abs(b) + 1e-300
        m = 0.5 * (c - b)
        if abs(m) <= tol or fb == 0.0:
            return b
        if abs(e) >= tol and abs(fa) > abs(fb):
            s = fb / fa
            if a == c:
                p, qq = 2.0 * m * s, 1.0 - s
            else:
                qa, r = fa / fc, fb / fc
                p = s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0))
                qq = (qa - 1.0) * (r - 1.0) * (s - 1.0)
            if p > 0:
                qq = -qq
            p = abs(p)
            if 2.0 * p < min(3.0 * m * qq - abs(tol * qq), abs(e * qq)):
                e, d = d, p / qq
            else:
                d = e = m
        else:
            d = e = m
        a, fa = b, fb
        b += d if abs(d) > tol else (tol if m > 0 else -tol)
        fb = f(b)
    return b


def _diverges(bound: Bound, w: float, b: float) -> ParameterError:
    return ParameterError(
        f"{_label(bound)}: the variance grows without bound at {opt('sigma_w2')} {w:g} and {opt('sigma_b2')} {b:g} "
        f"(the length map has no fixed point below {Q_MAX:g}); use a smaller sigma_w2")


def _fixed_point(bound: Bound, w: float, b: float, q0: float) -> float:
    def g(q: float) -> float:
        return w * _integrals(bound, q, ("f2",))[0] + b - q

    g0 = g(q0)
    if abs(g0) <= 1e-13 * q0:  # q0 is fixed (ReLU at σ_w² = 2, σ_b² = 0: every q is)
        return q0
    if g0 > 0:  # q grows: the smallest root above q0
        lo, glo = q0, g0
        while True:
            hi = min(lo * 4.0, Q_MAX)
            ghi = g(hi)
            if ghi <= 0:
                return _brent(g, lo, hi, glo, ghi)
            if hi >= Q_MAX:
                raise _diverges(bound, w, b)
            lo, glo = hi, ghi
    # q shrinks: the largest root below q0
    hi, ghi = q0, g0
    l0 = b + w * _integrals(bound, 0.0, ("f2",))[0]  # L(0)
    if l0 == 0.0:  # 0 is a fixed point: does the map reach it?
        if w * _integrals(bound, 0.0, ("d2",))[0] <= 1.0 and all(g(q0 * 10.0**-k) < 0 for k in range(1, 13)):
            return 0.0
    while True:
        lo = hi / 8.0 if hi > 1e-12 else hi / 1e6
        if lo <= 0.0 or lo < 1e-300:
            return 0.0 if l0 == 0.0 else _brent(g, 0.0, hi, l0, ghi)
        glo = g(lo)
        if glo >= 0:
            return _brent(g, lo, hi, glo, ghi)
        hi, ghi = lo, glo


def fixed_point(bound: Bound, sigma_w2: float, sigma_b2: float, *, q0: float = 1.0) -> float:
    """q*: the fixed point of the length map that iterating it from ``q0`` reaches (q0 = 1: a
    standardised input). Found by bracketing from q0 and Brent's method, to ~1e-15 relative; 0 exactly
    when σ_b² = 0, φ(0) = 0 and the map shrinks q to 0. Raises :class:`ParameterError` when q grows
    without bound (beyond :data:`Q_MAX`)."""
    _check_scalar(bound)
    w, b = check_sigmas(sigma_w2, sigma_b2)
    q0 = check_real(q0, "q0", 0.0, Q_MAX, open_low=True)
    return _fixed_point(bound, w, b, q0)


# -- the correlation map -------------------------------------------------------------------------------


def _pair(bound: Bound, q: float, c: float, derivative: bool) -> float:
    """E φ(u₁)φ(u₂) (or E φ′(u₁)φ′(u₂)) with u₁ = √q z₁, u₂ = √q (c z₁ + √(1−c²) z₂)."""
    fn = bound.derivative if derivative else bound
    s = math.sqrt(max(0.0, 1.0 - c * c))
    if q == 0.0:
        x = np.array([-_ZERO, _ZERO])
        v = fn(x)
        return float(0.5 * (v[0] * v[0] + v[1] * v[1])) if c > 0 else float(v[0] * v[1]) if c < 0 else \
            float(0.25 * (v[0] + v[1]) ** 2)
    if derivative and _jumps(bound):
        return math.inf
    r = math.sqrt(q)
    kinks = np.array(bound.pieces(), dtype=np.float64)
    if s == 0.0:  # u₂ = ±u₁
        z, w = _nodes(bound, q, _SPAN)
        with np.errstate(all="ignore"):
            a = fn(r * z)
            terms = w * a * (a if c > 0 else fn(-r * z))
        if not np.all(np.isfinite(terms)):
            raise _divergent(bound, "f2", q)
        return _clean(_fsum(terms))
    outer_breaks = np.concatenate([kinks / r, kinks / (r * c)]) if c != 0.0 else kinks / r
    z1, w1 = _panels(_mesh(r, _SPAN, outer_breaks))
    w1 = w1 * _gauss_weights(z1)
    width = min(1.0, _X_WIDTH / (r * s))
    n = min(_MAX_PANELS, max(1, math.ceil(2.0 * _SPAN / width)))
    base = np.linspace(-_SPAN, _SPAN, n + 1)
    with np.errstate(all="ignore"):
        f1 = w1 * fn(r * z1)
    # inner rule: the same uniform panels for every outer node (Gaussian weights computed once); the panels
    # holding a kink shifted for that node, (k/√q − c z₁)/s, are taken out again and added back split there
    zb, wb = _panels(base)
    wb = wb * _gauss_weights(zb)
    zb_p, wb_p = zb.reshape(n, 16), wb.reshape(n, 16)
    step = 2.0 * _SPAN / n
    rows: list[np.ndarray] = []
    chunk = max(1, (1 << 20) // ((n + 2 * kinks.size * (kinks.size + 1)) * 16))
    for start in range(0, z1.size, chunk):
        zc = z1[start:start + chunk, None]
        with np.errstate(all="ignore"):
            inner = np.add.reduce(wb * fn(r * (c * zc + s * zb)), axis=1)
            if kinks.size:
                t = (kinks[None, :] / r - c * zc) / s  # (rows, K)
                panel = np.floor((t + _SPAN) / step).astype(np.int64)
                valid = (t > -_SPAN) & (t < _SPAN) & (panel >= 0) & (panel < n)
                panel = np.clip(panel, 0, n - 1)
                for j in range(1, kinks.size):  # a panel holding several kinks is split once
                    valid[:, j] &= ~np.any(panel[:, :j] == panel[:, j:j + 1], axis=1)
                lo = base[panel]
                hi = base[panel + 1]
                cuts = np.clip(t[:, None, :], lo[..., None], hi[..., None])  # (rows, K, K)
                edges = np.sort(np.concatenate([lo[..., None], cuts, hi[..., None]], axis=-1), axis=-1)
                zs, ws = _panels(edges)  # (rows, K, (K+1)·16)
                ws = ws * _gauss_weights(zs)
                split = np.add.reduce(ws * fn(r * (c * zc[..., None] + s * zs)), axis=-1)
                whole = np.add.reduce(wb_p[panel] * fn(r * (c * zc[..., None] + s * zb_p[panel])), axis=-1)
                inner = inner + np.add.reduce(np.where(valid, split - whole, 0.0), axis=1)
        if not np.all(np.isfinite(inner)):
            raise _divergent(bound, "f2", q)
        # each inner sum in numpy's fixed pairwise order (the same on every CPU), the outer sum with fsum
        rows.append(f1[start:start + chunk] * inner)
    terms = np.concatenate(rows)
    if not np.all(np.isfinite(terms)):
        raise _divergent(bound, "f2", q)
    return _clean(_fsum(terms))


def correlation_map(bound: Bound, c: float, sigma_w2: float, sigma_b2: float, q: float | None = None) -> float:
    """c ↦ (σ_w² E φ(u₁)φ(u₂) + σ_b²)/q′ for two inputs of variance q (default q*) and correlation c,
    where q′ = L(q) is their next variance (= q* at the fixed point)."""
    _check_scalar(bound)
    w, b = check_sigmas(sigma_w2, sigma_b2)
    c = _check_c(c)
    q = _fixed_point(bound, w, b, 1.0) if q is None else _check_q(q)
    return _cmap(bound, w, b, q, c)


def _cmap(bound: Bound, w: float, b: float, q: float, c: float) -> float:
    q_next = w * _integrals(bound, q, ("f2",))[0] + b
    if q_next == 0.0:
        return 1.0
    return min(1.0, max(-1.0, (w * _pair(bound, q, c, False) + b) / q_next))


def correlation_slope(bound: Bound, c: float, sigma_w2: float, q: float) -> float:
    """χ_c = σ_w² E φ′(u₁)φ′(u₂) at variance q and correlation c: the slope of the correlation map
    (at c = 1 it is χ₁)."""
    _check_scalar(bound)
    w = check_real(sigma_w2, "sigma_w2", 0.0, MAX_SIGMA2, open_low=True)
    return w * _pair(bound, _check_q(q), _check_c(c), True)


def _c_star(bound: Bound, w: float, b: float, q: float, chi: float) -> float:
    if chi <= 1.0 or q == 0.0:
        return 1.0  # ordered: c = 1 attracts

    def f(c: float) -> float:
        return (w * _pair(bound, q, c, False) + b) / q - c

    f0 = f(0.0)  # (σ_w² (E φ)² + σ_b²)/q ≥ 0
    if f0 <= 0.0:
        return 0.0
    hi = 1.0 - 1e-3
    fhi = f(hi)
    while fhi >= 0.0 and hi < 1.0 - 1e-12:
        hi = 1.0 - (1.0 - hi) / 10.0
        fhi = f(hi)
    if fhi >= 0.0:
        return 1.0
    return _brent(f, 0.0, hi, f0, fhi, rtol=1e-14)


def c_star(bound: Bound, sigma_w2: float, sigma_b2: float) -> float:
    """c*: the stable fixed point of the correlation map at q* (1 where χ₁ ≤ 1, the ordered phase; below 1
    in the chaotic phase, where nearby inputs decorrelate). Brent's method on the 2-D quadrature."""
    _check_scalar(bound)
    w, b = check_sigmas(sigma_w2, sigma_b2)
    q = _fixed_point(bound, w, b, 1.0)
    return _c_star(bound, w, b, q, w * _integrals(bound, q, ("d2",))[0])


def phase_of(chi1: float) -> str:
    """``"ordered"`` (χ₁ < 1: gradients vanish), ``"chaotic"`` (χ₁ > 1: they explode) or ``"critical"``
    (χ₁ = 1 to 1e-9: the edge of chaos)."""
    return "critical" if abs(chi1 - 1.0) <= 1e-9 else "ordered" if chi1 < 1.0 else "chaotic"


def depth_scale(slope: float) -> float:
    """ξ = −1/ln|slope|: layers over which a deviation shrinks by e (inf where |slope| ≥ 1, 0 at slope 0)."""
    a = abs(slope)
    if a >= 1.0 or math.isnan(a):
        return math.inf if a >= 1.0 else math.nan
    return 0.0 if a == 0.0 else -1.0 / math.log(a)


_log = np.frompyfunc(math.log, 1, 1)  # libm's log, element-wise: the same on every CPU


def _depth_scales(slopes: np.ndarray) -> np.ndarray:
    """:func:`depth_scale` element-wise."""
    a = np.abs(np.asarray(slopes, dtype=np.float64))
    out = np.full(a.shape, np.nan)
    inside = (a > 0) & (a < 1)  # False for NaN
    out[inside] = -1.0 / np.asarray(_log(a[inside]), dtype=np.float64)
    out[a >= 1] = np.inf
    out[a == 0] = 0.0
    return out


@dataclass(frozen=True)
class PhasePoint(OfActivation):
    """Everything mean-field theory says about one (σ_w², σ_b²)."""

    bound: Bound
    sigma_w2: float
    sigma_b2: float
    q_star: float  #: the fixed point of the length map reached from q = 1
    chi1: float  #: σ_w² E φ′(√q* Z)²
    c_star: float  #: the stable fixed point of the correlation map
    chi_c: float  #: σ_w² E φ′(u₁)φ′(u₂) at c* (= χ₁ when c* = 1)
    q_slope: float  #: dL/dq at q*
    post_rms: float  #: √E φ(√q* Z)²: the post-activation RMS on the plateau
    post_std: float  #: √Var φ(√q* Z): the post-activation standard deviation on the plateau

    @property
    def xi_q(self) -> float:
        """−1/ln|dL/dq at q*|: the depth scale of the variance's approach to q*."""
        return depth_scale(self.q_slope)

    @property
    def xi_c(self) -> float:
        """−1/ln χ_c: the depth scale of correlations (inf at the edge of chaos)."""
        return depth_scale(self.chi_c)

    @property
    def phase(self) -> str:
        """:func:`phase_of` its χ₁."""
        return phase_of(self.chi1)

    def to_dict(self) -> dict[str, Any]:
        out = self._record()
        out.update(sigma_w2=self.sigma_w2, sigma_b2=self.sigma_b2, q_star=self.q_star, chi1=_json(self.chi1),
                   c_star=self.c_star, chi_c=_json(self.chi_c), xi_q=_json(self.xi_q), xi_c=_json(self.xi_c),
                   post_rms=self.post_rms, post_std=self.post_std, phase=self.phase)
        return out


def point(bound: Bound, sigma_w2: float, sigma_b2: float) -> PhasePoint:
    """q*, χ₁, c*, χ_c, the slopes and the plateau's post-activation RMS at one (σ_w², σ_b²)."""
    _check_scalar(bound)
    w, b = check_sigmas(sigma_w2, sigma_b2)
    q = _fixed_point(bound, w, b, 1.0)
    d2, f2, var = _integrals(bound, q, ("d2", "f2", "var"))
    chi = w * d2
    c = _c_star(bound, w, b, q, chi)
    chi_c = chi if c == 1.0 else w * _pair(bound, q, c, True)
    return PhasePoint(bound=bound, sigma_w2=w, sigma_b2=b, q_star=q, chi1=chi, c_star=c, chi_c=chi_c,
                      q_slope=_slope_at(bound, q, w), post_rms=math.sqrt(f2), post_std=math.sqrt(var))


# -- the edge of chaos -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriticalPoint(OfActivation):
    """The edge of chaos (χ₁ = 1) at one σ_b²: unpacks as ``sigma_w2, q_star = critical_point(...)``.

    ``edge_is_point``: φ is positively homogeneous (ReLU-like), the edge is the single point
    (``sigma_w2``, σ_b² = 0) whatever σ_b² was asked, and ``q_star`` is None (every q is a fixed point there).
    """

    bound: Bound
    sigma_b2: float  #: the σ_b² asked for (0 is the only one on the edge when edge_is_point)
    sigma_w2: float
    q_star: float | None
    edge_is_point: bool = False

    def __iter__(self) -> Iterator[Any]:
        return iter((self.sigma_w2, self.q_star))

    def to_dict(self) -> dict[str, Any]:
        out = self._record()
        out.update(sigma_b2=self.sigma_b2, sigma_w2=self.sigma_w2, q_star=self.q_star, edge_is_point=self.edge_is_point)
        return out


def _edge(bound: Bound, q: float) -> tuple[float, float]:
    f2, d2 = _integrals(bound, q, ("f2", "d2"))
    if d2 == 0.0 or math.isinf(d2):
        return math.nan, math.nan
    sw = 1.0 / d2
    return sw, q - sw * f2


def edge_curve(bound: Bound, q_values: Any) -> tuple[np.ndarray, np.ndarray]:
    """(σ_w², σ_b²) on the edge of chaos at each q: σ_w² = 1/E φ′(√q Z)², σ_b² = q − σ_w² E φ(√q Z)²
    (NaN where E φ′² is 0 or infinite: no edge)."""
    _check_scalar(bound)
    qs = np.atleast_1d(np.asarray(q_values, dtype=np.float64))
    if qs.ndim != 1 or qs.size == 0 or qs.size > 100_000:
        raise ParameterError(f"{opt('q_values')} must be 1 to 100000 variances")
    for v in qs.tolist():
        check_real(v, "q_values", 0.0, Q_MAX, open_low=True)
    pairs = [_edge(bound, v) for v in qs.tolist()]
    return np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])


def _homogeneous(bound: Bound) -> bool:
    """σ_b²(q) ≡ 0 along the edge: φ positively homogeneous of degree 1 (ReLU, leaky ReLU)."""
    for q in (1e-2, 1.0, 1e2):
        sw, sb = _edge(bound, q)
        if not (math.isfinite(sb) and abs(sb) <= 1e-12 * q):
            return False
    return True


def critical_point(bound: Bound, sigma_b2: float) -> CriticalPoint:
    """The σ_w² of the edge of chaos at ``sigma_b2``, and q* there: the root of σ_b²(q) = sigma_b2 along the
    curve (the smallest q where several, found on a log grid of q from 1e-8 to :data:`Q_GRID` and refined
    by Brent). A ReLU-like φ gives ``edge_is_point=True`` (see :class:`CriticalPoint`); an activation whose
    curve never reaches sigma_b2 raises :class:`ParameterError`."""
    point = critical_points(bound, [sigma_b2])[0]
    if point is None:
        raise ParameterError(f"{_label(bound)} has no edge of chaos at {opt('sigma_b2')} {float(sigma_b2):g} "
                             f"(χ₁ = 1 is reached at no q from 1e-8 to {Q_GRID:g})")
    return point


#: the log grid of q on which the edge of chaos is looked for, 2 per decade (beyond Q_GRID a variance
#: counts as diverged, as on the phase grid)
_EDGE_SCAN = tuple(10.0 ** (k / 2.0) for k in range(-16, 2 * round(math.log10(Q_GRID)) + 1))


def _jump_error(bound: Bound) -> ParameterError:
    return ParameterError(f"{_label(bound)} jumps, so χ₁ is infinite at every σ_w² (φ′ holds a Dirac delta): every "
                          "initialisation is chaotic, there is no edge of chaos and no phase diagram")


def critical_points(bound: Bound, sigma_b2_values: Any) -> list[CriticalPoint | None]:
    """:func:`critical_point` at each σ_b² (None where the activation has no edge there), the curve
    scanned once for all of them."""
    _check_scalar(bound)
    targets = [check_real(v, "sigma_b2", 0.0, MAX_SIGMA2) for v in sigma_b2_values]
    if _jumps(bound):
        raise _jump_error(bound)
    if _homogeneous(bound):
        sw, _ = _edge(bound, 1.0)
        return [CriticalPoint(bound=bound, sigma_b2=t, sigma_w2=sw, q_star=None, edge_is_point=True) for t in targets]
    scanned: dict[float, float] = {}  # q -> σ_b²(q), computed as far as a search goes (large q costs most)
    at_zero = _edge_at_zero(bound)
    return [at_zero if t == 0.0 and at_zero is not None else _critical_at(bound, t, scanned) for t in targets]


def _edge_at_zero(bound: Bound) -> CriticalPoint | None:
    """The edge at σ_b² = 0 where φ(0) = 0: the curve's end as q → 0, σ_w² = 1/E φ′(0±)² (the mean of the
    one-sided slopes' squares) with q* = 0, decided from φ at 0 and not from the sign of σ_b²(q) near 0,
    which is rounding there (tanh: σ_b²(q) ≈ 4q³/3). None where φ(0) ≠ 0 (the scan decides)."""
    if float(bound(np.array([0.0]))[0]) != 0.0:
        return None
    left, right = (float(v) for v in bound.derivative(np.array([-_ZERO, _ZERO])))
    d2 = 0.5 * (left * left + right * right)
    if not (math.isfinite(d2) and d2 > 0.0):
        return None
    return CriticalPoint(bound=bound, sigma_b2=0.0, sigma_w2=1.0 / d2, q_star=0.0)


def _critical_at(bound: Bound, target: float, scanned: dict[float, float]) -> CriticalPoint | None:
    def h(q: float) -> float:
        return _edge(bound, q)[1] - target

    prev_q, prev_h = None, None
    for q in _EDGE_SCAN:
        if q not in scanned:
            scanned[q] = _edge(bound, q)[1]
        hq = scanned[q] - target
        if math.isfinite(hq) and (hq == 0.0 or (prev_h is not None and (prev_h < 0) != (hq < 0))):
            root = q if hq == 0.0 else _brent(h, prev_q, q, prev_h, hq)  # type: ignore[arg-type]
            return CriticalPoint(bound=bound, sigma_b2=target, sigma_w2=_edge(bound, root)[0], q_star=root)
        prev_q, prev_h = (q, hq) if math.isfinite(hq) else (None, None)
    return None


# -- the phase diagram ----------------------------------------------------------------------------------

_PER_DECADE = 32  # table points per decade of q
_HERMITE = 40  # Mehler terms of the correlation map on the grid (the rest as one lumped term)


def _hermite_coefficients(z: np.ndarray, w: np.ndarray, f: np.ndarray, n: int) -> np.ndarray:
    """a_k = E[φ h_k(Z)] for the orthonormal Hermite polynomials h_k, k = 0..n−1 (numpy's pairwise sums)."""
    out = np.empty(n)
    wf = w * f
    h_prev, h = np.zeros_like(z), np.ones_like(z)
    for k in range(n):
        out[k] = np.add.reduce(wf * h)
        h_prev, h = h, (z * h - math.sqrt(k) * h_prev) / math.sqrt(k + 1.0)
    return out


@dataclass(frozen=True)
class PhaseGrid(OfActivation):
    """Mean-field quantities on a grid: ``[i, j]`` is ``sigma_w2[i]``, ``sigma_b2[j]`` (plot with
    ``pcolormesh(sigma_w2, sigma_b2, field.T)``)."""

    bound: Bound
    sigma_w2: np.ndarray = field(repr=False)  #: axis, shape (n,)
    sigma_b2: np.ndarray = field(repr=False)  #: axis, shape (m,)
    q_star: np.ndarray = field(repr=False)  #: (n, m); inf where the variance diverges
    chi1: np.ndarray = field(repr=False)  #: (n, m)
    xi_q: np.ndarray = field(repr=False)  #: (n, m)
    c_star: np.ndarray = field(repr=False)  #: (n, m)
    xi_c: np.ndarray = field(repr=False)  #: (n, m); inf on the edge of chaos


def _axis(values: Any, name: str, low: float, open_low: bool) -> np.ndarray:
    arr = np.atleast_1d(np.asarray(values, dtype=object))
    if arr.ndim != 1 or not 1 <= arr.size <= MAX_GRID:
        raise ParameterError(f"{opt(name)} must be 1 to {MAX_GRID} values in a row")
    return np.array([check_real(v, name, low, MAX_SIGMA2, open_low=open_low) for v in arr.tolist()])


def _lagrange(u: np.ndarray, table: np.ndarray, u0: float, du: float) -> tuple[np.ndarray, np.ndarray]:
    """The cubic through the 4 table points around each u (uniform grid u0 + k du), and its derivative in u:
    ``table`` (K,) or (K, P) -> (..., ) or (..., P)."""
    k_max = table.shape[0]
    t = (u - u0) / du
    k = np.clip(np.floor(t).astype(np.int64) - 1, 0, k_max - 4)
    s = t - k  # in [1, 2] inside the table
    s0, s1, s2, s3 = s, s - 1.0, s - 2.0, s - 3.0
    lw = [-s1 * s2 * s3 / 6.0, s0 * s2 * s3 / 2.0, -s0 * s1 * s3 / 2.0, s0 * s1 * s2 / 6.0]
    dw = [-(s2 * s3 + s1 * s3 + s1 * s2) / 6.0, (s2 * s3 + s0 * s3 + s0 * s2) / 2.0,
          -(s1 * s3 + s0 * s3 + s0 * s1) / 2.0, (s1 * s2 + s0 * s2 + s0 * s1) / 6.0]
    extra = (None,) * (table.ndim - 1)
    val = sum(lw[i][(..., *extra)] * table[k + i] for i in range(4))
    der = sum(dw[i][(..., *extra)] * table[k + i] for i in range(4)) / du
    return val, der  # type: ignore[return-value]


def phase_grid(bound: Bound, sigma_w2_values: Any, sigma_b2_values: Any) -> PhaseGrid:
    """q*, χ₁, ξ_q, c* and ξ_c on the grid ``sigma_w2_values`` × ``sigma_b2_values`` (see the module
    docstring: tables in q computed once, every cell solved from them, vectorised)."""
    _check_scalar(bound)
    sw = _axis(sigma_w2_values, "sigma_w2_values", 0.0, True)
    sb = _axis(sigma_b2_values, "sigma_b2_values", 0.0, False)
    jumps = _jumps(bound)
    if jumps:
        raise _jump_error(bound)
    # the q table: u = ln q on a uniform grid through q = 1, from below the smallest positive σ_b² (q* ≥ σ_b²)
    # up to where the largest map falls below the diagonal (or Q_MAX)
    du = math.log(10.0) / _PER_DECADE
    positive = sb[sb > 0]
    q_low = min(1e-6, 0.25 * float(positive.min())) if positive.size else 1e-6
    k_low = math.floor(math.log(q_low) / du) - 2
    rows: list[tuple[float, ...]] = []
    coef: list[np.ndarray] = []
    w_max, b_max = float(sw.max()), float(sb.max())

    def entry(q: float) -> None:
        (f2, d2, slope), z, w, f = _evaluate(bound, q, ("f2", "d2", "f2z" if jumps else "fdz"))
        rows.append((f2, d2, slope / (2.0 * q) if jumps else slope / math.sqrt(q)))
        coef.append(_hermite_coefficients(z, w, f, _HERMITE))  # type: ignore[arg-type]

    k = k_low
    beyond = 0
    while True:
        q = math.exp(k * du)
        try:
            entry(q)
        except ParameterError:
            if k <= 0:
                raise
            break
        k += 1
        if q > Q_GRID:
            break
        if k > 3 and w_max * rows[-1][0] + b_max < q:
            beyond += 1
            if beyond >= 3:
                break
    table = np.array(rows)  # (K, 3): V, D, V′
    herm = np.array(coef) ** 2  # (K, H): A_n = a_n²
    u_grid = (k_low + np.arange(len(rows))) * du
    q_grid = np.exp(u_grid)
    W, B = sw[:, None], sb[None, :]
    shape = (sw.size, sb.size)
    # bracket the root of G(q) = w V(q) + b − q reached from q0 = 1 (table index −k_low)
    G = W[..., None] * table[:, 0] + B[..., None] - q_grid  # (n, m, K)
    k0 = -k_low
    g0 = G[..., k0]
    up = g0 > 0
    above = G[..., k0:] <= 0
    first = np.argmax(above, axis=-1) + k0  # first index ≥ k0 with G ≤ 0
    found_up = above.any(axis=-1)
    below = G[..., : k0 + 1] >= 0
    last = k0 - np.argmax(below[..., ::-1], axis=-1)  # last index ≤ k0 with G ≥ 0
    found_down = below.any(axis=-1)
    lo_idx = np.where(up, first - 1, last)
    lo_idx = np.clip(lo_idx, 0, len(rows) - 2)
    fixed0 = np.abs(g0) <= 1e-13
    f0 = float(_integrals(bound, 0.0, ("f2",))[0])
    d0 = float(_integrals(bound, 0.0, ("d2",))[0])
    # Newton in u on the cubic interpolant, from the linear interpolation root
    ga = np.take_along_axis(G, lo_idx[..., None], -1)[..., 0]
    gb = np.take_along_axis(G, lo_idx[..., None] + 1, -1)[..., 0]
    with np.errstate(all="ignore"):
        frac = np.where(ga != gb, ga / (ga - gb), 0.0)
        u = u_grid[lo_idx] + np.clip(frac, 0.0, 1.0) * du
        for _ in range(8):
            v, dv = _lagrange(u, table[:, 0], u_grid[0], du)
            eu = np.exp(u)
            step = (W * v + B - eu) / (W * dv - eu)
            u = np.clip(u - np.where(np.isfinite(step), step, 0.0), u_grid[lo_idx], u_grid[lo_idx] + du)
    q_star = np.exp(u)
    q_star = np.where(fixed0, 1.0, q_star)
    zero = ~up & ~found_down & ~fixed0
    q_star = np.where(zero & (B == 0) & (f0 == 0.0), 0.0, q_star)
    diverged = up & ~found_up & ~fixed0
    q_star = np.where(diverged, np.inf, q_star)
    # cells whose root lies below the table (σ_b² = 0 with φ(0) ≠ 0, rare): solve them one by one
    for i, j in zip(*np.nonzero(zero & ~((B == 0) & (f0 == 0.0)))):
        q_star[i, j] = _fixed_point(bound, float(sw[i]), float(sb[j]), 1.0)
    finite = np.isfinite(q_star) & (q_star > 0)
    uq = np.log(np.where(finite, q_star, 1.0))
    D, _ = _lagrange(uq, table[:, 1], u_grid[0], du)
    Vp, _ = _lagrange(uq, table[:, 2], u_grid[0], du)
    chi = np.where(finite, W * D, np.where(q_star == 0.0, W * d0, np.nan))
    slope = np.where(finite, W * Vp, np.where(q_star == 0.0, W * d0, np.nan))
    # c*: 1 where χ₁ ≤ 1; the chaotic cells from the Mehler series P(c) = Σ A_n cⁿ + R c^H, R = V − Σ A_n
    c_star = np.where(np.isnan(chi), np.nan, 1.0)
    chi_c = chi.copy()
    chaotic = finite & (chi > 1.0)
    if chaotic.any() and not jumps:
        A, _ = _lagrange(uq[chaotic], herm, u_grid[0], du)  # (P, H)
        V, _ = _lagrange(uq[chaotic], table[:, 0], u_grid[0], du)
        R = np.maximum(V - A.sum(axis=-1), 0.0)
        wq, bq, qq = np.broadcast_to(W, shape)[chaotic], np.broadcast_to(B, shape)[chaotic], q_star[chaotic]
        n = np.arange(_HERMITE)

        def series(c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            powers = c[:, None] ** n
            p = (A * powers).sum(-1) + R * c**_HERMITE
            dp = (A[:, 1:] * n[1:] * powers[:, :-1]).sum(-1) + _HERMITE * R * c ** (_HERMITE - 1)
            return p, dp

        c = np.zeros(qq.size)
        for _ in range(60):
            p, dp = series(c)
            fval = (wq * p + bq) / qq - c
            fder = wq * dp / qq - 1.0
            with np.errstate(all="ignore"):
                nxt = np.clip(c - fval / fder, 0.0, 1.0)
            nxt = np.where(np.isfinite(nxt), nxt, c)
            if np.all(np.abs(nxt - c) <= 1e-14):
                c = nxt
                break
            c = nxt
        _, dp = series(c)
        c_star[chaotic] = c
        chi_c[chaotic] = wq * dp / qq
    xi_c = _depth_scales(chi_c)
    xi_q = _depth_scales(slope)
    return PhaseGrid(bound=bound, sigma_w2=sw, sigma_b2=sb, q_star=q_star, chi1=chi, xi_q=xi_q,
                     c_star=c_star, xi_c=xi_c)


# -- through depth ---------------------------------------------------------------------------------------


def _check_depth_options(depth: Any, q0: Any, c0: Any) -> tuple[int, float, float]:
    d = check_int(depth, "depth", 1, MAX_DEPTH, "layers")
    q = check_real(q0, "q0", 0.0, Q_MAX, open_low=True)
    c = _check_c(c0, "c0")
    return d, q, c


def _layers_dict(n: int, **columns: np.ndarray | None) -> list[dict[str, Any]]:
    rows = []
    for layer in range(n):
        row: dict[str, Any] = {"layer": layer}
        for key, col in columns.items():
            if col is not None:
                row[key] = _json(float(col[layer]))
        rows.append(row)
    return rows


@dataclass(frozen=True)
class MeanField(OfActivation):
    """Mean-field propagation through ``depth`` layers; arrays of length depth + 1, index l = layer
    (0: the input pre-activations, of variance q0 and correlation c0).

    ``q[l]``: pre-activation variance; ``post_ms[l]`` = E φ(√q_l Z)²; ``c[l]``: the correlation of two inputs;
    ``grad_ratio[l]`` = Π_{k=l}^{depth−1} χ₁(q_k) = E‖∂L/∂hˡ‖²/E‖∂L/∂h^depth‖² (1 at l = depth). A variance
    beyond :data:`Q_MAX` is ``inf`` from there on, and the other columns NaN.
    """

    bound: Bound
    sigma_w2: float
    sigma_b2: float
    q0: float
    c0: float
    q: np.ndarray = field(repr=False)
    post_ms: np.ndarray = field(repr=False)
    c: np.ndarray = field(repr=False)
    grad_ratio: np.ndarray = field(repr=False)
    q_star: float | None  #: the fixed point reached from q0 (None: the variance diverges)
    chi1: float | None  #: χ₁ at q*
    #: dL/dq at q* (above 1 the fixed point is unstable: a finite network drifts away from it; None: no q*)
    q_slope: float | None = None

    @property
    def stable(self) -> bool | None:
        """Whether q* attracts (|dL/dq| ≤ 1 there); None without q*."""
        return None if self.q_slope is None else abs(self.q_slope) <= 1.0 + 1e-9

    @property
    def depth(self) -> int:
        return int(self.q.size - 1)

    @property
    def post_rms(self) -> float | None:
        """√E φ(√q* Z)²: the post-activation RMS on the plateau (None: no plateau)."""
        if self.q_star is None:
            return None
        return math.sqrt(_integrals(self.bound, self.q_star, ("f2",))[0])

    def to_dict(self) -> dict[str, Any]:
        out = self._record()
        out.update(sigma_w2=self.sigma_w2, sigma_b2=self.sigma_b2, q0=self.q0, c0=self.c0, q_star=self.q_star,
                   q_star_stable=self.stable, chi1=_json(self.chi1), post_rms=self.post_rms)
        out["layers"] = _layers_dict(self.q.size, q=self.q, post_ms=self.post_ms, c=self.c, grad_ratio=self.grad_ratio)
        return out


def mean_field(bound: Bound, sigma_w2: float, sigma_b2: float, depth: int, q0: float = 1.0,
               c0: float = 0.5) -> MeanField:
    """The mean-field recursions layer by layer (see :class:`MeanField`): q_{l+1} = L(q_l),
    c_{l+1} = (σ_w² E φ(u₁)φ(u₂)|_{q_l, c_l} + σ_b²)/q_{l+1}, χ₁(q_l) for the gradient."""
    _check_scalar(bound)
    w, b = check_sigmas(sigma_w2, sigma_b2)
    depth, q0, c0 = _check_depth_options(depth, q0, c0)
    n = depth + 1
    q = np.full(n, np.inf)
    post = np.full(n, np.nan)
    c = np.full(n, np.nan)
    chis = np.full(n, np.nan)
    q[0], c[0] = q0, c0
    # a positively homogeneous φ (ReLU-like) has a correlation map independent of q: taken at q = 1; others'
    # is computed up to C_MAP_MAX (the 2-D rule's cost grows like q), beyond it c is NaN (not computed)
    homogeneous = _homogeneous(bound)
    for layer in range(n):
        if not q[layer] <= Q_MAX:
            break
        f2, d2 = _integrals(bound, float(q[layer]), ("f2", "d2"))
        post[layer], chis[layer] = f2, w * d2
        if layer + 1 < n:
            q[layer + 1] = w * f2 + b
            if q[layer + 1] <= Q_MAX and math.isfinite(c[layer]):
                at = 1.0 if homogeneous and b == 0.0 else float(q[layer])
                if at <= C_MAP_MAX:
                    c[layer + 1] = _cmap(bound, w, b, at, float(c[layer]))  # at q = 1: the same by scaling
    grad = np.full(n, np.nan)
    grad[-1] = 1.0
    for layer in range(n - 2, -1, -1):
        grad[layer] = grad[layer + 1] * chis[layer]
    try:
        qs: float | None = _fixed_point(bound, w, b, q0)
    except ParameterError:
        qs = None
    ch = None if qs is None else w * _integrals(bound, qs, ("d2",))[0]
    slope = None if qs is None else _slope_at(bound, qs, w)
    return MeanField(bound=bound, sigma_w2=w, sigma_b2=b, q0=q0, c0=c0, q=q, post_ms=post, c=c, grad_ratio=grad,
                     q_star=qs, chi1=ch, q_slope=slope)


@dataclass(frozen=True)
class Simulation(OfActivation):
    """The quantities of :class:`MeanField` measured in one random network of finite ``width``.

    ``q[l]``: the mean of (hˡ)² over units and the ``batch`` inputs; ``post_ms[l]``: the same of φ(hˡ)²;
    ``c[l]``: the correlation ⟨h_a, h_b⟩/(‖h_a‖‖h_b‖) of the two inputs made with correlation c0;
    ``grad_ratio[l]`` = Σ‖∂L/∂hˡ‖²/Σ‖∂L/∂h^depth‖² (sums over the batch), backpropagating
    L = Σ_inputs g·h^depth with g a random standard normal vector per input (independent of the network).
    """

    bound: Bound
    sigma_w2: float
    sigma_b2: float
    q0: float
    c0: float
    width: int
    seed: int
    batch: int
    q: np.ndarray = field(repr=False)
    post_ms: np.ndarray = field(repr=False)
    c: np.ndarray = field(repr=False)
    grad_ratio: np.ndarray = field(repr=False)

    @property
    def depth(self) -> int:
        return int(self.q.size - 1)

    def to_dict(self) -> dict[str, Any]:
        out = self._record()
        out.update(sigma_w2=self.sigma_w2, sigma_b2=self.sigma_b2, q0=self.q0, c0=self.c0, width=self.width,
                   seed=self.seed, batch=self.batch)
        out["layers"] = _layers_dict(self.q.size, q=self.q, post_ms=self.post_ms, c=self.c,
                                     grad_ratio=self.grad_ratio)
        return out


def check_simulation_options(depth: Any, width: Any, seed: Any) -> tuple[int, int, int]:
    """depth 1..MAX_DEPTH, width 1..MAX_WIDTH, depth × width² ≤ MAX_SIM_WORK, seed (before any work)."""
    d = check_int(depth, "depth", 1, MAX_DEPTH, "layers")
    n = check_int(width, "width", 1, MAX_WIDTH, "units")
    s = check_seed(seed)
    if d * n * n > MAX_SIM_WORK:
        raise ParameterError(f"{opt('depth')} {d} with {opt('width')} {n} needs {d * n * n:,} weights; the limit is "
                             f"{MAX_SIM_WORK:,} (depth × width²): use fewer layers or a narrower width")
    return d, n, s


def simulate(bound: Bound, sigma_w2: float, sigma_b2: float, depth: int, width: int, seed: int = 0,
             q0: float = 1.0, c0: float = 0.5, batch: int = SIM_BATCH) -> Simulation:
    """One random network, forward and backward (see :class:`Simulation`).

    Inputs: ``batch`` pre-activation vectors h⁰ of ``width`` units, each rescaled to mean square exactly q0;
    the first two are given correlation exactly c0. Layer l draws Wˡ (width × width, N(0, σ_w²/width)) and bˡ
    (N(0, σ_b²)) from its own generator, spawned from ``numpy.random.SeedSequence(seed)``, so the backward pass
    draws Wˡ again instead of keeping every layer's weights (memory: two width × width matrices). The same
    seed gives the same numbers on the same machine (matmul may round differently on another CPU).
    One network fluctuates around the mean field: by ~√(2/width) per layer where q* attracts (average the
    plateau), and as a random walk of log q (variance ≈ 5·depth/width, Hanin & Nica 2019) where every q is
    fixed (ReLU at σ_w² = 2, σ_b² = 0).
    """
    _check_scalar(bound)
    w, b = check_sigmas(sigma_w2, sigma_b2)
    depth, width, seed = check_simulation_options(depth, width, seed)
    _, q0, c0 = _check_depth_options(depth, q0, c0)
    batch = check_int(batch, "batch", 2, 64, "inputs")
    root = np.random.SeedSequence(seed)
    input_seq, grad_seq, *layer_seqs = root.spawn(depth + 2)
    rng = np.random.default_rng(input_seq)
    x = rng.standard_normal((batch, width))
    # exact input statistics: x₀, x₁ orthonormalised, then mixed to correlation c0; all at mean square q0
    x[0] /= np.linalg.norm(x[0]) or 1.0
    x[1] -= (x[1] @ x[0]) * x[0]
    x[1] /= np.linalg.norm(x[1]) or 1.0
    x[1] = c0 * x[0] + math.sqrt(max(0.0, 1.0 - c0 * c0)) * x[1]
    for i in range(2, batch):
        x[i] /= np.linalg.norm(x[i]) or 1.0
    h = x * math.sqrt(q0 * width)
    sd_w, sd_b = math.sqrt(w / width), math.sqrt(b)

    def layer_params(layer: int) -> tuple[np.ndarray, np.ndarray]:
        g = np.random.default_rng(layer_seqs[layer])
        return g.standard_normal((width, width)) * sd_w, g.standard_normal(width) * sd_b

    n = depth + 1
    q, post, c = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    slopes = []
    a = h  # φ(hˡ⁻¹), replaced at each layer before it is used
    with np.errstate(all="ignore"):
        for layer in range(n):
            if layer > 0:
                weights, bias = layer_params(layer - 1)
                h = a @ weights.T + bias
            if not np.all(np.isfinite(h)):
                raise ParameterError(f"{_label(bound)}: the forward pass overflows float64 at layer {layer} of {depth} "
                                     f"(the variance explodes); use a smaller {opt('sigma_w2')} or fewer {opt('depth')}")
            q[layer] = float(np.mean(h * h))
            a = bound(h)
            post[layer] = float(np.mean(a * a))
            na, nb = np.linalg.norm(h[0]), np.linalg.norm(h[1])
            c[layer] = float(h[0] @ h[1] / (na * nb)) if na > 0 and nb > 0 else np.nan
            slopes.append(bound.derivative(h))
        g = np.random.default_rng(grad_seq).standard_normal((batch, width))
        grad = np.full(n, np.nan)
        grad[-1] = 1.0
        delta = g / math.sqrt(float(np.sum(g * g)))
        log_ratio = 0.0  # log of Σ‖δˡ‖²/Σ‖δ^depth‖²; δ is renormalised each layer so nothing under- or overflows
        for layer in range(depth - 1, -1, -1):
            weights, _ = layer_params(layer)
            delta = slopes[layer] * (delta @ weights)
            norm2 = float(np.sum(delta * delta))
            if norm2 == 0.0:
                grad[: layer + 1] = 0.0
                break
            if not math.isfinite(norm2):
                break
            log_ratio += math.log(norm2)
            grad[layer] = math.exp(min(log_ratio, 709.0)) if log_ratio < 709.0 else math.inf
            delta = delta / math.sqrt(norm2)
    return Simulation(bound=bound, sigma_w2=w, sigma_b2=b, q0=q0, c0=c0, width=width, seed=seed, batch=batch, q=q,
                      post_ms=post, c=c, grad_ratio=grad)


@dataclass(frozen=True)
class Propagation(OfActivation):
    """Mean field and (optionally) one finite network side by side: ``to_dict`` gives name, params, q_star,
    chi1, post_rms and layers [{layer, q, sim_q, post_ms, sim_post_ms, c, sim_c, grad_ratio, sim_grad_ratio}]."""

    bound: Bound
    mean_field: MeanField
    simulation: Simulation | None = None

    def to_dict(self) -> dict[str, Any]:
        mf, sim = self.mean_field, self.simulation
        out = self._record()
        out.update(sigma_w2=mf.sigma_w2, sigma_b2=mf.sigma_b2, q0=mf.q0, c0=mf.c0, q_star=mf.q_star,
                   q_star_stable=mf.stable, chi1=_json(mf.chi1), post_rms=mf.post_rms)
        if sim is not None:
            out.update(width=sim.width, seed=sim.seed)
        out["layers"] = _layers_dict(
            mf.q.size, q=mf.q, sim_q=None if sim is None else sim.q, post_ms=mf.post_ms,
            sim_post_ms=None if sim is None else sim.post_ms, c=mf.c, sim_c=None if sim is None else sim.c,
            grad_ratio=mf.grad_ratio, sim_grad_ratio=None if sim is None else sim.grad_ratio)
        return out


def propagation(bound: Bound, sigma_w2: float, sigma_b2: float, depth: int, *, q0: float = 1.0, c0: float = 0.5,
                width: int | None = None, seed: int = 0) -> Propagation:
    """:func:`mean_field`, and :func:`simulate` when ``width`` is given (options checked before any work).
    An activation that jumps is refused: its φ′ holds a Dirac delta, the gradient is not defined."""
    _check_scalar(bound)
    if _jumps(bound):
        raise _jump_error(bound)
    check_sigmas(sigma_w2, sigma_b2)
    _check_depth_options(depth, q0, c0)
    if width is not None:
        check_simulation_options(depth, width, seed)
    mf = mean_field(bound, sigma_w2, sigma_b2, depth, q0, c0)
    sim = None if width is None else simulate(bound, sigma_w2, sigma_b2, depth, width, seed, q0, c0)
    return Propagation(bound=bound, mean_field=mf, simulation=sim)
