"""Properties derived from an activation itself, for the parameters given.

Nothing here is written down per activation: every fact is computed from the function, its
analytic derivative and the facts the catalogue declares (limits at ±∞, kinks, continuity).

Range ends (and the ends of f′'s range) are found from candidates:

* the limits at ±∞ (declared; estimated by evaluation far out only where none is declared), which
  are *approached*, unless f is exactly constant on a whole tail (then they are *attained*); a limit
  declared undecided (an expression's that sympy did not settle) stays undecided, and its estimate
  far out enters the sets as evidence only (Properties then calls the range undecided);
* the values at the kinks (attained) and the one-sided limits there (approached, unless f is
  constant on that side of the kink);
* interior extrema, located where f′ changes sign on a multi-scale grid and refined by a
  vectorised zooming search (for f′ itself: where the increments of f′ change sign).

An end is closed only where a finite x attains it: never from float rounding (σ(40) == 1.0).

A *vector* activation (softmax, log_softmax, softmin) is analysed in its 2-logit case: the first
logit x varies and the other is held at 0, so softmax becomes σ(x).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from . import defaults_cache
from . import numerics as nx
from .facts import Limit, Undecided, undecided
from .properties import VECTOR_NOTE, End, Properties

if TYPE_CHECKING:
    from .spec import Bound

__all__ = ["analyse", "fresh_analysis", "cached", "ALGORITHM"]

#: the version of the derivation below: a change that alters any result must increase it (a test
#: compares the shipped cache of the defaults with a fresh analysis and says so)
ALGORITHM = 5
INF = math.inf
TINY = 1e-150  # below this a derivative is underflow noise, not a feature
REL = 1e-9  # relative tolerance when comparing candidate values for the same end

Fn = Callable[[np.ndarray], np.ndarray]
Piece = tuple[float, float, bool, bool]  #: (low, high, low closed, high closed); a point is (v, v, True, True)


# -- analysis -------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def analyse(bound: Bound, /) -> Properties:
    """Derive the :class:`Properties` of a bound activation (memoised).

    The catalogue at its defaults comes from the cache shipped with the package
    (:mod:`actviz.defaults_cache`), and what the offline page shows beyond them (its sliders' grid
    points, the frameworks' variants) from a second one (:mod:`actviz.page_cache`), while the entry
    describes the same function (:func:`cached`).
    """
    hit = cached(bound)
    return hit if hit is not None else fresh_analysis(bound)


def cached(bound: Bound) -> Properties | None:
    """The shipped properties of ``bound``: None unless a cache has an entry for it whose key (exact
    facts, parameters and :data:`ALGORITHM`) and fingerprint (values of f and f′) match. A catalogue
    activation at its defaults is looked up by name in the defaults cache; any other bound but a user's
    expression by its key in the page's cache, which is read only then (never by ``actviz table`` at
    the defaults)."""
    if not bound.non_defaults and bound.name in defaults_cache.load():
        key, record = defaults_cache.load()[bound.name]
        if key != defaults_cache.key(bound, ALGORITHM):
            return None
    elif bound.act.source:  # a user's expression: never shipped
        return None
    else:
        from . import page_cache  # on first use: its file is read only for bounds beyond the defaults

        key = defaults_cache.key(bound, ALGORITHM)
        record = page_cache.entry(key)
        if record is None or record.get("key") != key:
            return None
    if not defaults_cache.matches(record.get("fingerprint", []), fingerprint(bound)):
        return None
    return defaults_cache.from_record(record, bound)


def fingerprint(bound: Bound) -> list[float]:
    """f and f′ of ``bound`` where the cache compares them (:func:`actviz.defaults_cache.fingerprint`)."""
    return defaults_cache.fingerprint(*scalar_functions(bound), tuple(bound.kinks()))


def cache_record(bound: Bound) -> dict[str, Any]:
    """The cache's record of ``bound``, from a fresh analysis (what :mod:`actviz.build` writes)."""
    return {"key": defaults_cache.key(bound, ALGORITHM), "fingerprint": fingerprint(bound),
            **defaults_cache.to_record(fresh_analysis(bound))}


def fresh_analysis(bound: Bound) -> Properties:
    """The analysis without any cache."""
    act, resolved = bound.act, dict(bound.params)
    f, df = scalar_functions(bound)
    kinks = tuple(float(k) for k in bound.kinks())  # a vector activation's: those of its 2-logit case
    pieces = bound.pieces()  # kinks and joins: f is analytic between them
    grid = _grid(kinks, {**resolved, **_constants(act.source)}, pieces)
    with np.errstate(all="ignore"):
        fx, dx = f(grid), df(grid)
        lim = _declared(bound.limits(), f, grid, fx, pieces)
        dlim = _declared(bound.derivative_limits(), df, grid, dx, pieces)
        dscale = _scale(grid, dx)
        crit, crit_max = _critical_points(df, grid, dx, kinks, dscale)
        fscale = _f_scale(f, grid, fx, kinks)
        sides = [_sides(f, df, k, pieces) for k in kinks]
        # an undecided limit enters the sets as its estimate: evidence, which Properties never shows as a fact
        image, low, high = _image(f, grid, fx, _evidence(lim), kinks, crit, [True] * len(kinks), pieces)
        dcrit = _local_extrema(df, grid, dx, kinks, dscale)
        # f′(k) is a value of the derivative only where f is differentiable at k; elsewhere it is a
        # convention (relu′(0) = 0, elu′(0) = α) and must not make a slope look attained
        smooth_at = [_differentiable(side) for side in sides]
        slopes_at = [side.d[0] if smooth else None for side, smooth in zip(sides, smooth_at)]
        dimage, dlow, dhigh = _image(df, grid, dx, _evidence(dlim), kinks, dcrit, smooth_at, pieces, slopes_at)
        sat_left = _saturation(dlim[0], grid, dx, -1, pieces, lim[0])
        sat_right = _saturation(dlim[1], grid, dx, 1, pieces, lim[1])
        monotonic, direction = _monotonic(fx, crit, sides, dx)
        dmono, _ = _monotonic(dx, ())
        moments = normal_moments(f, df, (*pieces, *crit, *dcrit), continuous=float(bound.continuity()) >= 0)
        identity = _identity_near_origin(f, df, kinks, pieces)
        symmetry = _symmetry(f, grid)
        extrema = tuple((float(x), float(f(np.array([x]))[0])) for x in crit)
        jumps = _jumps(kinks, sides)
        # a class below C∞ happens somewhere: with no kink or join within reach (softplus switching at
        # t/β = 1e306) f is analytic wherever it can be evaluated
        continuity = _continuity(float(bound.continuity()) if pieces else INF, sides)
        zero = _zero_gradient(df, grid, dx, pieces, dscale)
        turns = _turns(f, df, kinks, extrema, crit_max, fscale, dscale, pieces) if not monotonic else ()
    return Properties(
        bound=bound,
        low=low,
        high=high,
        range_set=image,
        derivative_set=dimage,
        derivative_low=dlow,
        derivative_high=dhigh,
        limits=lim,  # type: ignore[arg-type]
        derivative_limits=dlim,  # type: ignore[arg-type]
        kinks=kinks,
        monotonic=monotonic,
        direction=direction,
        derivative_monotonic=dmono,
        identity_near_origin=identity,
        symmetry=symmetry,
        continuity_order=continuity,
        saturation_left=sat_left,
        saturation_right=sat_right,
        dead_zone="hard" in (sat_left, sat_right),
        mean_output=moments.mean,
        output_variance=moments.variance,
        mean_derivative=moments.mean_derivative,
        moment_errors=moments.errors,
        normalising_rate=moments.rate,
        derivative_square_mean=moments.derivative_square,
        note=VECTOR_NOTE if act.vector else "",
        extrema=extrema,
        jumps=jumps,
        f_scale=fscale,
        zero_gradient_intervals=zero,
        turns=turns,
    )


def scalar_functions(bound: Bound) -> tuple[Fn, Fn]:
    """f and f′ as functions of one float64 array (2-logit case for vector activations)."""
    act, p = bound.act, dict(bound.params)
    if not act.vector:
        return (lambda x: act.fn(x, **p)), (lambda x: act.derivative_fn(x, **p))

    def lift(fn: Callable[..., np.ndarray]) -> Fn:
        return lambda x: fn(np.stack([x, np.zeros_like(x)], axis=-1), **p)[..., 0]

    return lift(act.fn), lift(act.derivative_fn)


_NUMBER = re.compile(r"(?<![\w.])(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)")


def _constants(source: str) -> dict[str, float]:
    """An expression's numeric literals, as scales for the grid (x*sigmoid(1e6*x) has its minimum near
    x = −1.3e−6; a parameter would have said so, a literal must too)."""
    return {f"_c{i}": float(m) for i, m in enumerate(_NUMBER.findall(source)) if float(m) not in (0.0, 1.0)}


def _grid(kinks: tuple[float, ...], p: dict[str, Any], pieces: tuple[float, ...] = ()) -> np.ndarray:
    """A sorted multi-scale grid: dense near 0, geometric far out, fine around every kink.

    Its scales come from the numeric parameters (a slope a puts features near 1/a and a threshold
    t near t), so that e.g. SiLU with β = 0.01 (minimum near x = −128) is still resolved.
    """
    scales = [1.0]
    for v in p.values():
        if isinstance(v, float) and v != 0 and math.isfinite(v):
            scales += [abs(v), 1.0 / abs(v)]
    scales += [abs(k) for k in kinks if k != 0]
    lo = max(min(scales) * 1e-3, 1e-300)  # a rate of 1e12 puts features near 1e−12
    hi = min(max(scales) * 1e4, 1e300)  # SiLU with β = 1e−15 has its minimum at x = −1.3e15
    decades = math.log10(hi) - math.log10(lo)  # hi/lo may pass 1.8e308 (soft_exponential with α = 2e292)
    n = max(2, int(decades * 40))  # geometric by Python's float powers, not numpy's SIMD paths (same on every CPU)
    start = math.log10(lo)
    geo = np.array([10.0 ** (start + decades * i / (n - 1)) for i in range(n)])
    inner = np.linspace(-12.0, 12.0, 2401)
    offsets = np.array([1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 1e-4, 1e-5, 1e-6])
    with np.errstate(over="ignore"):  # a kink near the largest float: its outer neighbours overflow
        around = [k + s * offsets * max(1.0, abs(k)) for k in kinks for s in (-1.0, 1.0)]
    # every piece sampled inside, however narrow or far out (hardtanh on [10⁶, 10⁶ + 1], on [0, 10⁻⁶])
    bounds = sorted({float(b) for b in (*kinks, *pieces) if math.isfinite(b)})
    within = [a + (b - a) * q for a, b in zip(bounds, bounds[1:]) for q in (0.125, 0.25, 0.5, 0.75, 0.875)]
    grid = np.concatenate([inner, geo, -geo, np.array(kinks, dtype=float), *around, np.array(within, dtype=float)])
    return nx.sorted_unique(grid[np.isfinite(grid)])


def _declared(values: tuple[Limit, Limit], g: Fn, x: np.ndarray, gx: np.ndarray,
              pieces: tuple[float, ...]) -> tuple[Limit, Limit]:
    """The declared limits of g at −∞, +∞ as the analysis uses them: a number stays; None (not declared)
    is estimated far out; an undecided one stays undecided, with that estimate as its evidence, unless g
    is exactly constant on the whole outermost piece (then that constant is its limit, attained)."""
    out: list[Limit] = []
    for v, side in zip(values, (-1, 1)):
        if v is None:
            out.append(_limit(g, side))
        elif undecided(v):
            tail = _tail_constant(x, gx, side, pieces)
            out.append(float(gx[tail]) if tail is not None else Undecided(_limit(g, side)))
        else:
            out.append(float(v))
    return out[0], out[1]


def _evidence(values: tuple[Limit, Limit]) -> tuple[float | None, float | None]:
    """The limits with an undecided one replaced by its estimate."""
    return tuple(v.estimate if isinstance(v, Undecided) else v for v in values)  # type: ignore[return-value]


def _limit(g: Fn, side: int) -> float | None:
    """lim g at side·∞ estimated far out, where no limit is declared: value, ±inf, or None."""
    xs = side * np.array([1e3, 1e4, 1e5, 1e6, 1e8, 1e10, 1e12])
    v = g(xs)
    if not np.all(np.isfinite(v[-3:])):
        return float(v[-1]) if np.all(v[-3:] == v[-1]) and math.isinf(v[-1]) else None
    tail = v[-4:]
    if np.all(np.abs(tail - tail[-1]) <= 1e-9 * max(1.0, abs(tail[-1]))):
        return float(tail[-1])
    a = np.abs(v[-4:])
    if np.all(np.diff(a) > 0) and a[-1] > 1e3 * max(1.0, a[0]) and np.all(np.sign(v[-4:]) == np.sign(v[-1])):
        return math.copysign(INF, v[-1])
    return None


def _scale(x: np.ndarray, gx: np.ndarray) -> float:
    """The size of g near the origin (|x| ≤ 12): the yardstick for 'negligible'."""
    finite = np.abs(gx[np.isfinite(gx) & (np.abs(x) <= 12.0)])
    return float(finite.max()) if finite.size else 1.0


def _kink_between(a: np.ndarray, b: np.ndarray, kinks: tuple[float, ...]) -> np.ndarray:
    """True where a kink lies in [a, b] (a pair straddling a kink is not a smooth interval)."""
    bad = np.zeros(a.shape, dtype=bool)
    for k in kinks:
        bad |= (a <= k) & (k <= b)
    return bad


def _critical_points(df: Fn, x: np.ndarray, dx: np.ndarray, kinks: tuple[float, ...],
                     scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Interior points where f′ changes sign, refined by a vectorised zooming search, and for each
    whether it is a maximum (f′ goes from + to −)."""
    # negligible against the slopes around it (±20 grid points), not against the largest slope anywhere:
    # SMHT with a = c = 1e12 has f′ ≈ 5e11 at 0 and −0.4 a little to the left, where its minimum is
    size = np.where(np.isfinite(dx), np.abs(dx), 0.0)
    window = np.lib.stride_tricks.sliding_window_view(np.pad(size, 20, mode="edge"), 41).max(axis=1)
    significant = np.isfinite(dx) & (np.abs(dx) > np.maximum(TINY, 1e-12 * np.minimum(window, scale)))
    idx = np.flatnonzero(significant)
    if idx.size < 2:
        return np.empty(0), np.empty(0, dtype=bool)
    s = np.sign(dx[idx])
    change = np.flatnonzero(s[:-1] != s[1:])
    lo, hi = x[idx[change]], x[idx[change + 1]]
    keep = ~_kink_between(lo, hi, kinks)
    lo, hi, is_max = lo[keep], hi[keep], s[change][keep] > 0
    if lo.size == 0:
        return np.empty(0), np.empty(0, dtype=bool)
    return _zoom_root(df, lo, hi), is_max


def _local_extrema(g: Fn, x: np.ndarray, gx: np.ndarray, kinks: tuple[float, ...], scale: float) -> np.ndarray:
    """Interior local extrema of g (here f′): where its increments change sign on the grid.

    Increments below a tolerance are ignored, so a flat top (σ′ near 0 for a small slope) is
    bracketed from the last clear rise to the first clear fall; each bracket is refined by
    a zooming search, and its best grid point is kept as well (exact at a cusp such as
    softsign′(0) or tanh²(0)). Every point returned is a finite x, so g there is attained.
    """
    fin = np.isfinite(gx)
    xs, gs = x[fin], gx[fin]
    d = np.diff(gs)
    idx = np.flatnonzero(np.abs(d) > max(TINY, 1e-13 * scale))
    if idx.size < 2:
        return np.empty(0)
    s = np.sign(d[idx])
    change = np.flatnonzero(s[:-1] != s[1:])
    if change.size == 0:
        return np.empty(0)
    left, right = idx[change], idx[change + 1] + 1  # bracket [xs[left], xs[right]]
    out = []
    for want_max in (True, False):
        sel = (s[change] > 0) if want_max else (s[change] < 0)
        lo_i, hi_i = left[sel], right[sel]
        if lo_i.size == 0:
            continue
        sign = -1.0 if want_max else 1.0
        smooth = ~_kink_between(xs[lo_i], xs[hi_i], kinks)  # at a jump the one-sided limits decide
        if np.any(smooth):
            out.append(_zoom_min(lambda t, sign=sign: sign * g(t), xs[lo_i[smooth]], xs[hi_i[smooth]]))
        best = [i + int(np.argmin(sign * gs[i : j + 1])) for i, j in zip(lo_i, hi_i)]
        out.append(xs[np.array(best)])
    return np.concatenate(out)


_ZOOM = np.linspace(0.0, 1.0, 17)


def _zoom_min(h: Fn, lo: np.ndarray, hi: np.ndarray, steps: int = 10) -> np.ndarray:
    """Minima of h on brackets [lo, hi], all at once: sample 17 points, keep the two intervals
    around the best one, repeat. Each step shrinks a bracket 8-fold (10 steps: 10⁹-fold)."""
    for _ in range(steps):
        pts = lo[:, None] + (hi - lo)[:, None] * _ZOOM
        j = np.argmin(h(pts.ravel()).reshape(pts.shape), axis=1)
        rows = np.arange(len(lo))
        lo, hi = pts[rows, np.maximum(j - 1, 0)], pts[rows, np.minimum(j + 1, len(_ZOOM) - 1)]
    return 0.5 * (lo + hi)


def _zoom_root(h: Fn, lo: np.ndarray, hi: np.ndarray, steps: int = 10) -> np.ndarray:
    """Sign changes of h on brackets [lo, hi], all at once: sample 17 points, keep the first
    interval where the sign differs from the left end, repeat (16-fold per step; an exact zero
    ends the search there)."""
    s0 = np.sign(h(lo))
    for _ in range(steps):
        pts = lo[:, None] + (hi - lo)[:, None] * _ZOOM
        sv = np.sign(h(pts.ravel()).reshape(pts.shape))
        rows = np.arange(len(lo))
        zero = sv == 0
        j = np.argmax((sv != s0[:, None]) & ~np.isnan(sv), axis=1)
        j = np.where(j == 0, len(_ZOOM) - 1, j)  # no change seen (rounding): keep the right end
        exact = zero[rows, j]
        lo = np.where(exact, pts[rows, j], pts[rows, j - 1])
        hi = pts[rows, j]
    return 0.5 * (lo + hi)


def _tail_constant(x: np.ndarray, gx: np.ndarray, side: int, pieces: tuple[float, ...]) -> int | None:
    """Is g exactly constant on a whole tail (not merely rounded or underflowed to a constant)?

    Between its kinks and joins (``pieces``) an activation is analytic, so it is constant on a whole
    piece or on no part of one: a run of equal values at the end of the grid counts only if it fills
    the outermost piece, else it is rounding (σ(10¹⁰x) → 1) or underflow (e^−x² → 0).
    Returns the grid index of the innermost point of the constant tail, or None.
    """
    seq = gx if side < 0 else gx[::-1]
    v = seq[0]
    if not math.isfinite(v):
        return None
    differs = np.flatnonzero(seq != v)
    run = len(seq) if differs.size == 0 else int(differs[0])
    if run < 3:
        return None
    if pieces:
        piece = int(np.count_nonzero(x < min(pieces))) if side < 0 else int(np.count_nonzero(x > max(pieces)))
    else:
        piece = len(seq)
    if run < piece:
        return None
    if run == len(seq):  # constant everywhere: attained anywhere, say mid-grid (near 0)
        return len(seq) // 2
    return run - 1 if side < 0 else len(seq) - run


_STEPS = np.array([1.0, 2.0, 3.0, 1024.0])  #: one-sided samples at k ± h·steps


# The two extrapolations below are written out in Python floats, in a fixed order: a numpy dot
# product goes through BLAS, whose kernel (chosen by CPU) may fuse or reorder them, which turned
# hardswish's exact −0.5 into −0.4999999999999999 on AVX-512 machines.
def _extrapolate(v0: float, v1: float, v2: float) -> float:
    """g(0) of the quadratic through g(h), g(2h), g(3h): 3·g(h) − 3·g(2h) + g(3h)."""
    return (3.0 * v0 - 3.0 * v1) + v2


def _slope0(v0: float, v1: float, v2: float) -> float:
    """h·g′(0) of the same quadratic: −2.5·g(h) + 4·g(2h) − 1.5·g(3h)."""
    return (4.0 * v1 - 2.5 * v0) - 1.5 * v2


def _step(k: float, pieces: tuple[float, ...] = ()) -> float:
    """h ≈ 10⁻⁶ max(1, |k|), a power of two: k ± h, 2h, 3h are exact and the integer weights of
    _extrapolate give linear pieces exactly (hardshrink's −0.5, not −0.5000000000000002). Never more
    than 1/4096 of the distance to the nearest other piece boundary, so that k ± 1024h stays inside
    k's own pieces however narrow they are (hardtanh on [0, 10⁻⁶], on [10⁶, 10⁶ + 1]): the pieces'
    own boundaries decide what is sampled, not a fixed spacing."""
    h = 2.0 ** round(math.log2(1e-6 * max(1.0, abs(k))))
    room = min((abs(b - k) for b in pieces if b != k and math.isfinite(b)), default=INF)
    if room < 4096.0 * h:
        q = room / 4096.0  # may underflow (a kink at −1e−320 beside 0): the smallest float step then
        h = 2.0 ** math.floor(math.log2(q)) if q > 0 else 5e-324
    return h


def _one_sided(g: Fn, k: float, side: int, pieces: tuple[float, ...] = ()) -> tuple[float, bool]:
    """lim g(x) as x → k from ``side``, and whether g is constant there (so it is attained).

    Quadratic extrapolation of g at k ± h, 2h, 3h (h ≈ 10⁻⁶ max(1, |k|)): exact for pieces of degree
    2, an error of order h³ g‴ (~10⁻¹⁸) otherwise, so jumps of 10⁻⁹ stand out from curvature. h shrinks where another piece boundary is near."""
    h = _step(k, pieces)
    v = g(k + side * h * _STEPS)
    if v[0] == v[1] == v[2] == v[3]:
        return float(v[0]), True
    at_k = float(g(np.array([k]))[0])
    top = float(np.max(np.abs(v[:3])))  # near the largest float, 3·1e308 would overflow: extrapolate in
    scale = 2.0 ** (math.ceil(math.log2(top)) - 2) if math.isfinite(top) and top > 1e300 else 1.0  # a power of 2: exact
    size = top if math.isfinite(top) else 1.0  # the samples' own scale
    limit = _snap(_extrapolate(*(float(u) / scale for u in v[:3])) * scale, at_k, size)
    if limit == at_k:
        return limit, False
    return _closer(g, k, side, h, limit, at_k, size), False


_CLOSER = 2.0 ** (-10.0 * np.arange(1, 4))  #: steps h·2⁻¹⁰, h·2⁻²⁰, h·2⁻³⁰ toward a kink
_SETTLED = 1e-13  #: differences below this share of the values are rounding


def _closer(g: Fn, k: float, side: int, h: float, limit: float, at_k: float, size: float = 1.0) -> float:
    """A jump claimed at k, checked closer: g at k ± h·2⁻¹⁰ⁱ. Values that settle on g(k) (√|x| at 0,
    whose slope is infinite there and defeats the extrapolation) mean no jump; values that keep
    moving the same way without settling (1/√|x|, log|x|) mean the limit is ±∞; values that settle
    elsewhere confirm the jump (``limit``)."""
    xs = k + side * h * _CLOSER
    if np.any(xs == k):
        return limit
    u = np.concatenate((g(np.array([k + side * h])), g(xs)))
    if not np.all(np.isfinite(u)):
        return float(u[-1]) if np.isinf(u[-1]) else limit
    d = np.diff(u)
    settled = np.abs(d) <= _SETTLED * np.maximum(1.0, np.abs(u[1:]))
    if settled[-1]:  # measured against the values' own scale: a jump of 1e−10 where f is 1e−10 is a jump
        return at_k if not _differs(float(u[-1]), at_k, 1e-9, size) else limit
    if abs(d[2]) < abs(d[1]) < abs(d[0]):  # settling geometrically: Aitken's extrapolation of u
        denom = d[2] - d[1]
        settle = float(u[-1] - d[2] * d[2] / denom) if denom != 0 else float(u[-1])
        return at_k if abs(settle - at_k) <= 1e-6 * abs(float(u[0]) - at_k) else limit
    if np.all(d > 0) or np.all(d < 0):  # moving one way, not settling: unbounded near k
        return math.copysign(INF, float(d[-1]))
    return limit


def _snap(limit: float, at_k: float, size: float = 1.0) -> float:
    """A one-sided limit that equals the value at the kink up to rounding (10⁻¹² of its size) is that
    value: the extrapolation's last-digit noise (relu at 0: −2·10⁻²²) must not split a range."""
    if math.isfinite(limit) and math.isfinite(at_k) and not _differs(limit, at_k, 1e-12, size):
        return at_k
    return limit


@dataclass(frozen=True)
class _Sides:
    """f and its first two derivatives on both sides of a kink k, and f(k), f′(k) there."""

    f: tuple[float, float, float]  #: f(k−), f(k), f(k+)
    d: tuple[float, float, float]  #: f′(k−), f′(k), f′(k+)
    dd: tuple[float, float]  #: f″(k−), f″(k+), from f′ on each side


def _sides(f: Fn, df: Fn, k: float, pieces: tuple[float, ...] = ()) -> _Sides:
    h = _step(k, pieces)
    fl, _ = _one_sided(f, k, -1, pieces)
    fr, _ = _one_sided(f, k, 1, pieces)
    dd = []
    ds = []
    at = np.array([k])
    dk = float(df(at)[0])
    for side in (-1, 1):
        v = df(k + side * h * _STEPS[:3])
        ds.append(_one_sided(df, k, side, pieces)[0])
        dd.append(side * _slope0(*(float(u) for u in v)) / h)
    return _Sides((fl, float(f(at)[0]), fr), (ds[0], dk, ds[1]), (dd[0], dd[1]))


def _differs(a: float, b: float, rel: float, scale: float = 1.0) -> bool:
    """a and b differ by more than ``rel`` of their size, or of ``scale`` where that is larger (the size of
    the values around them; 1 by default), or one is not finite and they are not equal."""
    if not (math.isfinite(a) and math.isfinite(b)):
        return a != b
    return abs(a - b) > rel * max(scale, abs(a), abs(b))


def _f_jumps(side: _Sides) -> bool:
    fl, fk, fr = side.f
    # against the values' own size, not 1: hardshrink with λ = 1e−12 jumps by 1e−12, all of f's size there
    return _differs(fl, fk, 1e-12, 0.0) or _differs(fr, fk, 1e-12, 0.0)


def _differentiable(side: _Sides) -> bool:
    """f is continuous at the kink and its one-sided slopes agree: f′(k) is a true derivative."""
    return not _f_jumps(side) and not _differs(side.d[0], side.d[2], 1e-10)


def _continuity(declared: float, sides: Sequence[_Sides]) -> float:
    """The order of continuity for these parameters, from what happens at the kinks: a jump of f
    (discontinuous), of f′ (C⁰) or of f″ (C¹), measured from the one-sided limits; where none is
    visible the declared class stands (C² and up cannot be told apart numerically), and a declared
    C⁰ or C¹ whose kinks all vanish for these parameters is C∞."""
    if not sides:
        return declared
    if any(_f_jumps(sd) for sd in sides):
        evidence = -1.0
    elif any(_differs(sd.d[0], sd.d[2], 1e-10) or not math.isfinite(sd.d[0] + sd.d[2]) for sd in sides):
        evidence = 0.0  # slopes that differ, or an infinite one (∛x at 0): continuous, not differentiable
    elif any(_differs(sd.dd[0], sd.dd[1], 1e-5) for sd in sides):
        evidence = 1.0
    else:
        return declared if declared >= 2 else INF
    return evidence


def _image(g: Fn, x: np.ndarray, gx: np.ndarray, lim: tuple, kinks: tuple[float, ...], crit: np.ndarray,
           at_kinks: Sequence[bool], pieces: tuple[float, ...],
           kink_values: Sequence[float | None] = ()) -> tuple[tuple[Piece, ...], End, End]:
    """The exact image of g, its infimum and its supremum.

    Between consecutive kinks g is continuous, so each open piece maps onto one interval, whose ends
    are the piece's candidates (limits at ±∞ or one-sided limits at its kinks, approached unless g is
    constant there; interior extrema, attained). g's value at a kink joins the image where
    ``at_kinks`` says it is a value g takes (f always; f′ only where f is differentiable); ``kink_values``
    gives that value where it is not g(k) (f′ where f is differentiable is the slopes' common limit, not
    the sum of conventions: relu(x) − relu(−x) has f′ = 1 at 0, not relu′(0) + relu′(0) = 0). The
    pieces and points are merged into maximal intervals and isolated points.
    """
    edges = [-INF, *kinks, INF]
    every: list[tuple[float, bool, float | None]] = []
    parts: list[Piece] = []
    for j in range(len(edges) - 1):
        a, b = edges[j], edges[j + 1]
        inside = (x > a) & (x < b)
        cands: list[tuple[float, bool, float | None]] = []
        for side, edge in ((-1, a), (1, b)):
            if math.isinf(edge):
                cands += _tail_candidates(x, gx, lim[0 if side < 0 else 1], side, inside, pieces)
            else:
                v, flat = _one_sided(g, edge, -side, pieces)
                if math.isfinite(v):
                    cands.append((v, flat, edge - side * _step(edge, pieces) if flat else None))
                elif math.isinf(v):  # unbounded beside the kink (f′ of √|x| at 0)
                    cands.append((v, False, None))
        inner = crit[(crit > a) & (crit < b)] if crit.size else crit
        if inner.size:
            cands += [(float(v), True, float(xc)) for xc, v in zip(inner, g(inner)) if math.isfinite(v)]
        if not cands:  # nothing known (should not happen for a real activation): the grid's values
            fin = inside & np.isfinite(gx)
            if not fin.any():
                continue
            cands = [(float(gx[fin].min()), True, None), (float(gx[fin].max()), True, None)]
        lo, hi = _pick(cands, lowest=True), _pick(cands, lowest=False)
        if lo.value == hi.value and math.isfinite(lo.value):  # inf = sup: g is constant on the piece
            parts.append((lo.value, lo.value, True, True))
            cands = [(lo.value, True, lo.at if lo.at is not None else hi.at)]
        else:
            parts.append((lo.value, hi.value, lo.closed, hi.closed))
        every += cands
    for i, (k, use) in enumerate(zip(kinks, at_kinks)):
        given = kink_values[i] if i < len(kink_values) else None
        kv = float(g(np.array([k]))[0]) if given is None else given
        if use and math.isfinite(kv):
            parts.append((kv, kv, True, True))
            every.append((kv, True, k))
    return merge_pieces(parts), _pick(every, lowest=True), _pick(every, lowest=False)


def _tail_candidates(x: np.ndarray, gx: np.ndarray, value: float | None, side: int,
                     piece: np.ndarray, pieces: tuple[float, ...]) -> list[tuple[float, bool, float | None]]:
    """What the tail at side·∞ adds to its piece: its limit (approached, or attained where g is
    exactly constant on the tail); without a limit, ±∞ if g keeps growing far out (else the piece's
    extrema bound it)."""
    if value is None:
        inner = np.abs(x) <= 12.0
        inner_max = float(np.max(np.abs(gx[inner & np.isfinite(gx)]), initial=0.0))
        far = gx[(side * x > 12.0) & piece]
        far = far[np.isfinite(far)]
        out: list[tuple[float, bool, float | None]] = []
        if far.size and far.max() > 100.0 * (1.0 + inner_max):
            out.append((INF, False, None))
        if far.size and far.min() < -100.0 * (1.0 + inner_max):
            out.append((-INF, False, None))
        return out
    tail = _tail_constant(x, gx, side, pieces) if math.isfinite(value) else None
    if tail is not None:
        return [(float(gx[tail]), True, float(x[tail]))]
    return [(value, False, None)]


MERGE_REL = 1e-12  #: ends closer than this (relative) are one value when pieces are merged


def merge_pieces(parts: Sequence[Piece]) -> tuple[Piece, ...]:
    """Intervals and points (``(low, high, low_closed, high_closed)``, a point ``(v, v, True, True)``)
    merged into maximal disjoint pieces, in increasing order. Two pieces join where they overlap or
    meet at a value one of them contains. Ends within a relative 10⁻¹² of each other are first made
    one value (a point's value where there is one: it is exact, f(k))."""
    parts = [p for p in parts if not (p[0] == p[1] and math.isinf(p[0]))]  # an overflow is no value f takes
    ends = sorted({v for p in parts for v in p[:2] if math.isfinite(v)})
    exact = {p[0] for p in parts if p[0] == p[1]}
    canon: dict[float, float] = {}
    cluster: list[float] = []
    for v in ends + [math.nan]:
        if cluster and (math.isnan(v) or _differs(v, cluster[0], MERGE_REL, 0.0)):  # relative to the values
            rep = next((c for c in cluster if c in exact), cluster[0])
            for c in cluster:  # two exact values stay two unless they agree to 10⁻¹² of their size:
                # f′ = −1.2e−38 on one piece and 0 on the next are two values, not one
                same = c not in exact or abs(c - rep) <= MERGE_REL * max(abs(c), abs(rep))
                canon[c] = rep if same else c
            cluster = []
        cluster.append(v)
    norm = [(canon.get(lo, lo), canon.get(hi, hi), lc, hc) for lo, hi, lc, hc in parts]
    order = sorted(norm, key=lambda p: (p[0], not p[2]))
    out: list[list[Any]] = []
    for lo, hi, lc, hc in order:
        if out:
            cur = out[-1]
            if lo < cur[1] or (lo == cur[1] and (lc or cur[3])):
                if hi == cur[1]:
                    cur[3] = cur[3] or hc
                elif hi > cur[1]:
                    cur[1], cur[3] = hi, hc
                if lo == cur[0]:
                    cur[2] = cur[2] or lc
                continue
        out.append([lo, hi, lc, hc])
    return tuple((float(a), float(b), bool(c and math.isfinite(a)), bool(d and math.isfinite(b))) for a, b, c, d in out)


def _pick(cands: list[tuple[float, bool, float | None]], lowest: bool) -> End:
    sign = 1.0 if lowest else -1.0
    best = min(sign * v for v, _, _ in cands) * sign
    if math.isinf(best):
        return End(best, False)
    tol = REL * abs(best)  # relative: ISRU with α = 1e25 has ends ±3.2e−13, and 0 attains neither
    attained = [(v, at) for v, ok, at in cands if ok and abs(v - best) <= tol]
    if attained:  # the attaining point nearest the origin
        v, at = min(attained, key=lambda t: (INF if t[1] is None else abs(t[1])))
        return End(float(v), True, None if at is None else float(at))
    return End(float(best), False)


def _saturation(dlim: Limit, x: np.ndarray, dx: np.ndarray, side: int, pieces: tuple[float, ...],
                lim: Limit = 0.0) -> str:
    """f′ → 0 towards a finite f ("soft"; "hard" where f′ is exactly 0 out there); f′ → 0 while f grows
    without bound (√softplus, like √x) is not saturation."""
    if undecided(dlim):
        return "undecided"
    if dlim is None or dlim != 0:
        return "none"
    if not undecided(lim) and lim is not None and math.isinf(lim):
        return "none"
    return "soft" if _tail_constant(x, dx, side, pieces) is None else "hard"


def _monotonic(gx: np.ndarray, crit: Any, sides: Sequence[_Sides] = (), dx: np.ndarray | None = None) -> tuple[bool, str]:
    """Monotonic on the grid, with no interior extremum, and no jump against the direction at a kink
    (softplus with PyTorch's switch drops by 2·10⁻⁹ at x = 20: not monotonic). Constant only where f′
    is 0 too: values that rounding makes equal (softplus with β = 1e−30 is log 2/β + x/2 + …, and x/2
    vanishes beside 6.9e29) are decided by the sign of f′ (``dx``)."""
    g = gx[np.isfinite(gx)]
    d = np.diff(g)
    tol = 1e-12 * np.maximum(1.0, np.maximum(np.abs(g[:-1]), np.abs(g[1:])))
    up = bool(np.all(d >= -tol))
    down = bool(np.all(d <= tol))
    if len(crit):
        up = down = False
    for side in sides:
        fl, fk, fr = side.f
        steps = [(a, b) for a, b in ((fl, fk), (fk, fr)) if math.isfinite(a) and math.isfinite(b)]
        up = up and all(not (b < a and _differs(a, b, 1e-12)) for a, b in steps)
        down = down and all(not (b > a and _differs(a, b, 1e-12)) for a, b in steps)
    if dx is not None:  # the sign of f′ where values alone cannot tell (equal floats, slow slopes)
        # any slope of either sign at two grid points or more (maxout's 1e−150 is a slope: f grows)
        finite = dx[np.isfinite(dx)]
        pos, neg = int(np.sum(finite > 0)) >= 2, int(np.sum(finite < 0)) >= 2
        if pos and neg:
            return False, "none"
        if up and down and (pos or neg):
            up, down = pos, neg
        elif (up and neg) or (down and pos):
            return False, "none"
    if up and down:
        return True, "constant"
    if up:
        return True, "increasing"
    if down:
        return True, "decreasing"
    return False, "none"


def _f_scale(f: Fn, x: np.ndarray, fx: np.ndarray, kinks: tuple[float, ...]) -> float:
    """max |f| for |x| ≤ 12 and at the kinks (at least TINY): how big f is where it matters."""
    vals = np.abs(np.concatenate([fx[np.abs(x) <= 12.0], f(np.array(kinks, dtype=float))]))
    vals = vals[np.isfinite(vals)]
    return max(float(vals.max(initial=0.0)), TINY)


def _jumps(kinks: tuple[float, ...], sides: Sequence[_Sides]) -> tuple[tuple[float, float], ...]:
    """(k, size) for every kink where f jumps: the spread of f(k−), f(k), f(k+), kept where it is
    clearly more than rounding (1e−12 of the local values)."""
    out = []
    for k, side in zip(kinks, sides):
        vals = [v for v in side.f if math.isfinite(v)]
        if len(vals) < 2 or not _f_jumps(side):
            continue
        out.append((float(k), float(max(vals) - min(vals))))
    return tuple(out)


def _zero_gradient(df: Fn, x: np.ndarray, dx: np.ndarray, pieces: tuple[float, ...],
                   scale: float) -> tuple[tuple[float, float, bool, bool], ...]:
    """Maximal intervals of positive length where f′ is exactly 0.

    Runs of exact zeros on the grid (two points or more), each end at ±∞ or at the kink or join
    between the last zero and the next non-zero grid point (closed where f′ there is 0). Between
    those (``pieces``) an activation is analytic, so f′ vanishes on a whole piece or on no interval
    of it: a run that ends between two grid points with no kink or join there is rounding or underflow (e^−x² far out,
    1 − tanh², σ′(10¹⁰x)), not an exact zero; so is a run beside which f′ is not clearly non-zero
    (above 1e−10 of the size of f′).
    """
    fin = np.isfinite(dx)
    xs, zero = x[fin], dx[fin] == 0.0
    vals = dx[fin]
    out = []
    n = len(xs)
    for i, stop in nx.runs(zero):
        j = stop - 1
        if j > i and all(abs(vals[m]) > 1e-10 * scale for m in (i - 1, j + 1) if 0 <= m < n):
            lo = (-INF, False) if i == 0 else _zero_end(df, xs[i], xs[i - 1], pieces)
            hi = (INF, False) if j == n - 1 else _zero_end(df, xs[j], xs[j + 1], pieces)
            if lo is not None and hi is not None:
                out.append((float(lo[0]), float(hi[0]), bool(lo[1]), bool(hi[1])))
    return tuple(out)


def _zero_end(df: Fn, inside: float, outside: float, pieces: tuple[float, ...]) -> tuple[float, bool] | None:
    """Where a run of f′ = 0 ends between ``inside`` (f′ = 0) and ``outside`` (f′ ≠ 0), and whether
    that end belongs to it: the kink or join in between; None where there is none (see _zero_gradient)."""
    a, b = min(inside, outside), max(inside, outside)
    for k in pieces:
        if a <= k <= b:
            return float(k), float(df(np.array([k]))[0]) == 0.0
    return None


def _turns(f: Fn, df: Fn, kinks: tuple[float, ...], extrema: tuple[tuple[float, float], ...],
           is_max: np.ndarray, fscale: float, dscale: float,
           pieces: tuple[float, ...] = ()) -> tuple[tuple[str, float, float, float], ...]:
    """Where a non-monotonic f turns: the interior extrema nearest 0 (at most 3), corners where
    slopes of opposite sign meet, and jumps against the slope beside them."""
    out: list[tuple[str, float, float, float]] = []
    order = sorted(range(len(extrema)), key=lambda i: abs(extrema[i][0]))[:3]
    for i in order:
        x, v = extrema[i]
        out.append(("maximum" if is_max[i] else "minimum", x, v, v))
    dtol = max(TINY, 1e-9 * dscale)
    for k in kinks:
        dl, _ = _one_sided(df, k, -1, pieces)
        dr, _ = _one_sided(df, k, 1, pieces)
        slopes = [d for d in (dl, dr) if math.isfinite(d) and abs(d) > dtol]
        if abs(dl) > dtol and abs(dr) > dtol and math.copysign(1.0, dl) != math.copysign(1.0, dr):
            out.append(("corner minimum" if dl < 0 else "corner maximum", float(k), dl, dr))
        fl, _ = _one_sided(f, k, -1, pieces)
        fr, _ = _one_sided(f, k, 1, pieces)
        jump = fr - fl
        if abs(jump) > 1e-12 * max(1.0, abs(fl), abs(fr)) and any(math.copysign(1.0, d) != math.copysign(1.0, jump)
                                                                  for d in slopes):
            out.append(("jump", float(k), fl, fr))
    return tuple(out)


def _identity_near_origin(f: Fn, df: Fn, kinks: tuple[float, ...], pieces: tuple[float, ...] = ()) -> bool:
    """f(0) = 0, f continuous at 0 (where(x > 0, x + 1, x) jumps there: no identity), f′(0) = 1 and f′
    continuous at 0, on 0's own pieces."""
    f0 = float(f(np.array([0.0]))[0])
    if abs(f0) > 1e-12:  # f′(0) itself may be a convention (relu(x) − relu(−x)): its one-sided limits decide
        return False
    if any(abs(_one_sided(f, 0.0, side, pieces)[0]) > 1e-12 for side in (-1, 1)):
        return False
    left, _ = _one_sided(df, 0.0, -1, pieces)
    right, _ = _one_sided(df, 0.0, 1, pieces)
    return abs(left - 1.0) < 1e-6 and abs(right - 1.0) < 1e-6


def _symmetry(f: Fn, x: np.ndarray) -> str:
    xs = x[(x >= 0) & (x <= 1e3)]
    a, b = f(xs), f(-xs)
    ok = np.isfinite(a) & np.isfinite(b)
    a, b = a[ok], b[ok]
    tol = 1e-9 * (1.0 + np.abs(a))
    if np.all(np.abs(b + a) <= tol):
        return "odd"
    if np.all(np.abs(b - a) <= tol):
        return "even"
    return "none"


# -- statistics under standard normal input ------------------------------------------------------


@dataclass(frozen=True)
class NormalMoments:
    """E f(Z), Var f(Z), E f′(Z) for Z ~ N(0, 1), each with a bound on its absolute error, and the rate of
    the mean–variance map at (0, 1) (see :func:`normal_moments`)."""

    mean: float
    variance: float
    mean_derivative: float
    errors: tuple[float, float, float]
    rate: float
    derivative_square: float  #: E f′(Z)² (the backward gain's moment; f′ without the Dirac deltas of jumps)


def normal_moments(f: Fn, df: Fn, breaks: Sequence[float], *, continuous: bool = True) -> NormalMoments:
    """The moments of f under N(0, 1) input by :func:`actviz.quadrature.normal_expectations`, with
    ``breaks`` (kinks, joins, extrema of f and of f′) as break points.

    The variance is E (f − m)² about the mean m found first (on the panels the first pass refined), so no
    digits cancel. ``rate`` is the spectral norm of the Jacobian of Klambauer et al.'s (2017) map of a
    layer's mean and variance (μ, ν) ↦ (E f(Y), Var f(Y)), Y ~ N(0, ν) (weights summing to 0, squares to 1),
    at (0, 1): [[0, a], [0, c]] with a = ½ E[Z f′(Z)], c = E[Z f(Z) f′(Z)] − 2 E f(Z)·a. Where E f(Z) = 0
    and Var f(Z) = 1, (0, 1) is a fixed point, and it attracts where the rate is below 1 (SELU: 0.7877).
    NaN where f jumps (its f′ holds a Dirac delta) or a moment is not finite."""
    from .quadrature import normal_expectations

    def first(z: np.ndarray) -> np.ndarray:
        fz, dz = f(z), df(z)
        return np.stack([fz, dz, z * dz, z * fz * dz, dz * dz])

    one = normal_expectations(first, 5, breaks)
    mean, dmean, zd, zfd, d2 = one.values
    if math.isfinite(mean):
        two = normal_expectations(lambda z: (f(z) - mean)[None, :] ** 2, 1, one.edges)
        e = one.errors[0]
        var, var_err = two.values[0], two.errors[0] + (e * e if e < 1e150 else math.inf)  # no OverflowError
    else:
        var, var_err = math.nan, math.inf
    a = 0.5 * zd
    rate = math.hypot(a, zfd - 2.0 * mean * a) if continuous else math.nan
    errors = (one.errors[0], var_err, one.errors[1])
    values = [_clean(v, e) for v, e in zip((mean, var, dmean), errors)]
    return NormalMoments(values[0], values[1], values[2], errors, rate if math.isfinite(rate) else math.nan,
                         _clean(d2, one.errors[4]))


def _clean(v: float, bound: float) -> float:
    """0 where the value is within its error bound of 0 (an odd f's mean); no −0.0."""
    return 0.0 if abs(v) <= bound else v + 0.0
