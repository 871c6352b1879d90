"""Expectations under a standard normal input, E h(Z) for Z ~ N(0, 1), with an error bound.

One definition for the whole package: :mod:`actviz.analysis` (the moments every table and card shows)
and :mod:`actviz.propagation` (gains) integrate with :func:`normal_expectations`.

The rule is adaptive Gauss–Kronrod (the 10-point Gauss rule inside the 21-point Kronrod rule, nodes and
weights computed once with mpmath at 60 digits and written out below: Golub–Welsch would need LAPACK,
whose kernels depend on the CPU). It starts from panels at most 1 wide on [−12, 12] split at the break
points the caller knows (kinks and joins, where a function or its slope changes its formula; its peaks;
extrema spaced by its oscillation), and halves every panel whose estimated error |K21 − G10| is more
than its share (by width) of the tolerance, until the sum of those estimates is below 10⁻¹³ of ∫|h|φ.
A feature narrower than a panel and away from every break point can hide between the nodes: the break
points are what make it seen.

The span widens (24, 48, … up to 192) while the tail beyond it, estimated from the largest |h| on the
outermost panels as if h grew at most exponentially, is not negligible; a tail still not negligible at
192 means the expectation diverges (or is beyond float64): its value is NaN, its bound ∞. So is an h that
is not finite at some node (it overflows).

The bound stated for each expectation is the sum of the panels' |K21 − G10| (each at least 50 ulps of
the panel's ∫|h|φ, the rounding of its sum) and the tail estimate: an estimate in the usual sense of
adaptive quadrature (it is a true bound where each panel's G10 error dominates its K21 error, as for any
h smooth on its panels), not an interval proof.

Deterministic on every CPU: the density is libm's exp node by node, each panel's sum is a fixed
sequence of IEEE additions (no SIMD reduction order, no BLAS), and the totals are ``math.fsum``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["normal_expectations", "Expectations", "RTOL", "SPAN", "MAX_SPAN", "MAX_PANELS", "NODES", "KRONROD",
           "GAUSS", "GL16_NODES", "GL16_WEIGHTS"]

#: the target: the sum of the panels' error estimates below this times ∫|h|φ
RTOL = 1e-13
SPAN = 12.0  #: the half-width in z to begin with
MAX_SPAN = 192.0  #: widened up to this while the tail is not negligible
MAX_PANELS = 1 << 15  #: the refinement stops here (the bound then says how good the result is)
_NOISE = 50.0 * 2.0**-52  #: a panel's rounding, relative to its ∫|h|φ

#: the 21-point Kronrod rule on [−1, 1], the non-negative half (node, Kronrod weight, weight of the node
#: in the 10-point Gauss rule or 0): the roots of P₁₀ and of the Stieltjes polynomial E₁₁, weights exact
#: to degree 31, from mpmath at 60 digits rounded to float64 (tests/test_quadrature.py recomputes them)
_K21_HALF = (
    (0.0, 0.1494455540029169, 0.0),
    (0.14887433898163122, 0.14773910490133849, 0.29552422471475287),
    (0.2943928627014602, 0.14277593857706009, 0.0),
    (0.4333953941292472, 0.13470921731147334, 0.26926671930999635),
    (0.5627571346686047, 0.12349197626206584, 0.0),
    (0.6794095682990244, 0.10938715880229764, 0.21908636251598204),
    (0.7808177265864169, 0.0931254545836976, 0.0),
    (0.8650633666889845, 0.07503967481091996, 0.1494513491505806),
    (0.9301574913557082, 0.054755896574351995, 0.0),
    (0.9739065285171717, 0.032558162307964725, 0.06667134430868814),
    (0.9956571630258081, 0.011694638867371874, 0.0),
)
_ROWS = tuple(reversed(_K21_HALF[1:])) + _K21_HALF
_SIGN = (-1.0,) * 10 + (1.0,) * 11
NODES = np.array([s * r[0] for s, r in zip(_SIGN, _ROWS)])
KRONROD = tuple(r[1] for r in _ROWS)
GAUSS = tuple(r[2] for r in _ROWS)
_KRONROD = np.array(KRONROD)

#: the 16-point Gauss–Legendre rule on [−1, 1], the positive half: nodes and weights from mpmath at 40
#: digits, rounded to float64 (the fixed composite rule of :mod:`actviz.propagation`'s maps at any q)
_GL_HALF = ((0.09501250983763744, 0.1894506104550685), (0.2816035507792589, 0.18260341504492358),
            (0.45801677765722737, 0.16915651939500254), (0.6178762444026438, 0.14959598881657674),
            (0.755404408355003, 0.12462897125553388), (0.8656312023878318, 0.09515851168249279),
            (0.9445750230732326, 0.062253523938647894), (0.9894009349916499, 0.027152459411754096))
GL16_NODES = np.array([-t for t, _ in reversed(_GL_HALF)] + [t for t, _ in _GL_HALF])
GL16_WEIGHTS = np.array([w for _, w in reversed(_GL_HALF)] + [w for _, w in _GL_HALF])

_SQRT_2PI = math.sqrt(2.0 * math.pi)
_exp = np.frompyfunc(math.exp, 1, 1)  # libm's exp node by node: the same weights on every CPU


@dataclass(frozen=True)
class Expectations:
    """E h_i(Z) for each row i of h, the bound on each one's absolute error, and the panels used."""

    values: tuple[float, ...]
    errors: tuple[float, ...]
    edges: np.ndarray  #: the final panel edges (a later pass on a similar h can start from them)


def _density(z: np.ndarray) -> np.ndarray:
    return np.asarray(_exp(-0.5 * z * z), dtype=np.float64) / _SQRT_2PI


def _weighted(t: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """Σ_j weights[j]·t[..., j], as one fixed sequence of additions (the same rounding on every CPU)."""
    acc = np.zeros(t.shape[:-1])
    for j, wj in enumerate(weights):
        if wj:
            acc = acc + wj * t[..., j]
    return acc


def _rule(h: Callable[[np.ndarray], np.ndarray], a: np.ndarray, b: np.ndarray, rows: int
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """On each panel [a, b]: the Kronrod sum, the Gauss sum and the Kronrod sum of |h|φ (rows × panels),
    and the largest |h| and |h|φ on each panel."""
    half = 0.5 * (b - a)
    z = (0.5 * (a + b))[:, None] + half[:, None] * NODES
    with np.errstate(all="ignore"):
        hz = np.asarray(h(z.ravel()), dtype=np.float64).reshape(rows, *z.shape)
        t = hz * _density(z.ravel()).reshape(z.shape)
        terms = t * (half[:, None] * _KRONROD)  # each term rounded once: their sum is math.fsum's
        k = _weighted(t, KRONROD) * half
        g = _weighted(t, GAUSS) * half
        s = _weighted(np.abs(t), KRONROD) * half
        top = np.max(np.abs(hz), axis=-1)
        tops = np.max(np.abs(t), axis=-1)
    return k, g, s, top, tops, terms


def _mesh(lo: float, hi: float, breaks: np.ndarray) -> np.ndarray:
    """Edges on [lo, hi]: at most 1 apart, plus the break points inside."""
    edges = np.linspace(lo, hi, max(1, math.ceil(hi - lo)) + 1)
    inside = breaks[(breaks > lo) & (breaks < hi)]
    return np.unique(np.concatenate([edges, inside]))


def _fsum_rows(v: np.ndarray) -> np.ndarray:
    return np.array([math.fsum(row) for row in v.tolist()])


def normal_expectations(h: Callable[[np.ndarray], np.ndarray], rows: int, breaks: Sequence[float] | np.ndarray = (),
                        *, rtol: float = RTOL, max_panels: int = MAX_PANELS) -> Expectations:
    """∫ h_i(z) φ(z) dz for i < ``rows``, with φ the standard normal density.

    ``h`` takes a 1-D array of z and returns ``rows`` × len(z) values (a row per integrand); ``breaks``
    are points where h is not smooth or has a narrow feature (see the module's docstring)."""
    brk = np.asarray([b for b in np.ravel(np.asarray(breaks, dtype=np.float64)) if math.isfinite(b)])
    span = SPAN
    edges = _mesh(-span, span, brk)
    pa, pb = edges[:-1], edges[1:]  # panels waiting to be evaluated
    acc_a = np.empty(0)
    acc_b = np.empty(0)
    acc_e = np.empty((rows, 0))
    acc_s = np.empty((rows, 0))
    acc_t = np.empty((rows, 0, len(NODES)))
    peak = np.zeros(rows)  # the largest |h|φ seen: h's rounding is relative to it where h cancels
    dead = np.zeros(rows, dtype=bool)  # an integrand that was not finite somewhere
    ends = np.zeros((rows, 2))  # the largest |h| on the outermost panel at each side
    while True:
        k, g, s, top, tops, terms = _rule(h, pa, pb, rows)
        bad = ~(np.isfinite(k).all(axis=1) & np.isfinite(g).all(axis=1) & np.isfinite(s).all(axis=1))
        dead |= bad
        k, g, s = (np.where(dead[:, None], 0.0, v) for v in (k, g, s))
        terms = np.where(dead[:, None, None], 0.0, terms)
        err = np.maximum(np.abs(k - g), _NOISE * s)
        for side, at in ((0, pa == -span), (1, pb == span)):
            if at.any():
                ends[:, side] = np.where(dead, 0.0, top[:, at].max(axis=1))
        peak = np.maximum(peak, np.where(dead, 0.0, tops.max(axis=1)))
        acc_a, acc_b = np.concatenate([acc_a, pa]), np.concatenate([acc_b, pb])
        acc_e, acc_s, acc_t = (np.concatenate([x, y], axis=1) for x, y in ((acc_e, err), (acc_s, s), (acc_t, terms)))
        size = _fsum_rows(acc_s)
        tol = rtol * size
        width = acc_b - acc_a
        share = tol[:, None] * (width / (2.0 * span))
        mid = 0.5 * (acc_a + acc_b)
        splittable = width > 8.0 * np.spacing(np.maximum(np.abs(acc_a), np.abs(acc_b)))
        noise = np.maximum(_NOISE * acc_s, _NOISE * peak[:, None] * width)
        split = ((acc_e > share) & (acc_e > noise) & ~dead[:, None]).any(axis=0) & splittable
        if split.any() and len(acc_a) + int(split.sum()) <= max_panels:
            pa = np.concatenate([acc_a[split], mid[split]])
            pb = np.concatenate([mid[split], acc_b[split]])
            keep = ~split
            acc_a, acc_b, acc_e, acc_s = acc_a[keep], acc_b[keep], acc_e[:, keep], acc_s[:, keep]
            acc_t = acc_t[:, keep]
            continue
        # converged on [−span, span] (or out of panels): the tail beyond, as if h grew at most exponentially
        tail = 2.0 * ends.sum(axis=1) * math.exp(-0.5 * span * span) / (_SQRT_2PI * span)
        if np.any((tail > np.maximum(tol, 1e-300)) & ~dead) and span < MAX_SPAN and len(acc_a) < max_panels:
            new = 2.0 * span
            left, right = _mesh(-new, -span, brk), _mesh(span, new, brk)
            pa = np.concatenate([left[:-1], right[:-1]])
            pb = np.concatenate([left[1:], right[1:]])
            span = new
            continue
        values = _fsum_rows(acc_t.reshape(rows, -1))
        errors = _fsum_rows(acc_e) + tail
        diverged = dead | (tail > np.maximum(tol, 1e-300)) & (span >= MAX_SPAN)
        values = np.where(diverged, math.nan, values)
        errors = np.where(diverged, math.inf, errors)
        order = np.argsort(acc_a, kind="stable")
        final = np.append(acc_a[order], acc_b[order][-1:])
        return Expectations(tuple(float(v) for v in values), tuple(float(e) for e in errors), final)
