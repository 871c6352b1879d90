"""Where an expression has pieces: its kinks and jumps, and its order of continuity.

The *sites* are the zeros of what switches a piece: u in abs(u), sign(u), heaviside(u), relu(u),
√u and u^p (p not a whole number); a − b in max(a, b) and min(a, b); lhs − rhs in every comparison
of a where. Each site is found on a wide grid (sign changes and exact zeros) and bisected to the
float where it switches. At a site, f and its derivatives f′, f″, ... (exact trees) are compared
from the left and from the right: the first order that differs is where continuity ends (a jump of
f: discontinuous; of f′: C⁰, ...); kinks are the sites where f or f′ is not continuous. A site where
every derivative up to :data:`ORDERS` agrees is smooth (the pieces meet as one function).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np

from .. import numerics as nx
from .calculus import derivative
from .grammar import Tree, children, has_x, size
from .limits import evaluator

__all__ = ["switches", "sites", "continuity_at_sites", "ORDERS", "MAX_KINKS"]

ORDERS = 8  #: derivatives compared at a site before the pieces are taken to meet smoothly
MAX_TREE = 4000  #: a derivative tree larger than this is not built (the order found so far stands)
MAX_KINKS = 64  #: sites kept (nearest the origin): abs(sin(x)) has infinitely many
_GRID = nx.sorted_unique(np.concatenate([np.linspace(-100.0, 100.0, 40001), np.geomspace(1e-9, 1e12, 800),
                                  -np.geomspace(1e-9, 1e12, 800), [0.0]]))


def switches(t: Tree) -> list[tuple[Tree, bool]]:
    """The trees whose zeros are the sites of ``t`` (those that depend on x), each with whether it
    comes only from an equality (``where(x == 0, 1, sin(x)/x)``: the same branch on both sides, so
    only the value at the point can break continuity)."""
    out: list[tuple[Tree, bool]] = []

    def add(u: Tree, point: bool = False) -> None:
        if not has_x(u):
            return
        for i, (v, p) in enumerate(out):
            if v == u:
                out[i] = (v, p and point)
                return
        out.append((u, point))

    def walk(n: Tree) -> None:
        op = n[0]
        if op == "call" and n[1] in ("abs", "sign", "heaviside", "relu", "sqrt"):
            add(n[2])
        elif op == "call" and n[1] in ("max", "min"):
            args = n[2:]
            for i in range(len(args)):
                for j in range(i + 1, len(args)):
                    add(("sub", args[i], args[j]))
        elif op == "pow" and n[2][0] == "num" and n[2][1] != round(n[2][1]):
            add(n[1])
        elif op == "cmp":
            add(("sub", n[2], n[3]), point=n[1] in ("==", "!="))
        for c in children(n):
            walk(c)

    walk(t)
    return out


def _zeros(fn: Callable[..., np.ndarray], params: Mapping[str, float]) -> list[float]:
    s = fn(_GRID, **params)
    ok = np.isfinite(s)
    found = list(_GRID[ok & (s == 0.0)])
    sign = np.sign(s)
    idx = np.flatnonzero(ok[:-1] & ok[1:] & (sign[:-1] * sign[1:] < 0))
    if idx.size:
        lo, hi = _GRID[idx].copy(), _GRID[idx + 1].copy()
        slo = sign[idx]
        for _ in range(80):
            mid = 0.5 * (lo + hi)
            sm = np.sign(fn(mid, **params))
            left = sm == slo
            lo = np.where(left, mid, lo)
            hi = np.where(left, hi, mid)
        vlo, vhi = np.abs(fn(lo, **params)), np.abs(fn(hi, **params))
        found += list(np.where(vlo <= vhi, lo, hi))
    return [float(v) + 0.0 for v in found]


def sites(t: Tree, params: Mapping[str, float]) -> dict[float, bool]:
    """The sites of ``t`` for these parameters, sorted (at most :data:`MAX_KINKS`, nearest 0), each
    with whether it is only a point site (see :func:`switches`)."""
    found: dict[float, bool] = {}
    for u, point in switches(t):
        for k in _zeros(evaluator(u), params):
            found[k] = found.get(k, True) and point
    kept = sorted(found, key=abs)[:MAX_KINKS]
    return {k: found[k] for k in sorted(kept)}


_STEPS = np.array([1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-14])


def _continuous(fn: Callable[..., np.ndarray], k: float, params: Mapping[str, float], point: bool) -> bool:
    """Do the values of ``fn`` on the two sides of k close up as the step shrinks (and, with
    ``point``, onto the value at k)? A jump keeps a gap; an infinite slope or a NaN is not continuous."""
    h = _STEPS * max(1.0, abs(k))
    v = fn(np.concatenate([k - h, k + h, [k]]), **params)
    left, right, mid = v[: h.size], v[h.size : 2 * h.size], v[-1]
    if not (np.all(np.isfinite(left)) and np.all(np.isfinite(right))):
        return False
    for side in (left, right):  # growing without bound toward k (∛x′ at 0): not continuous, however symmetric
        if np.all(np.diff(np.abs(side)) > 0) and abs(side[-1]) > 10.0 * max(1.0, abs(side[-3])):
            return False
    scale = max(1.0, float(np.max(np.abs(v[np.isfinite(v)]))))
    gaps = [np.abs(right - left)]
    if point:
        if not math.isfinite(mid):
            return False
        gaps += [np.abs(left - mid), np.abs(right - mid)]
    # closing up: the gap shrinks toward 0 with the step. Taken at the step where it is smallest (rounding
    # may widen the smallest steps' gaps again where a derivative cancels, as sin(x)/x's near 0): there
    # it is at rounding level, or still shrinking from the step before (by half at least: x, √x, ∛x);
    # a gap that levels off is a jump, however small (where(x > 0, x + 1e−9, x))
    return all(_closes(g, scale) for g in gaps)


def _closes(gap: np.ndarray, scale: float) -> bool:
    i = int(np.argmin(gap[1:])) + 1
    return bool(gap[i] <= 1e-13 * scale or (gap[i] <= 0.1 * gap[0] and gap[i] <= 0.5 * gap[i - 1]))


def continuity_at_sites(t: Tree, where: Mapping[float, bool], params: Mapping[str, float]) -> tuple[float, tuple[float, ...]]:
    """(order of continuity, kinks): C^k with k the largest order continuous at every site
    (``math.inf`` if none differs up to :data:`ORDERS`, −1 for a jump), and the sites where f or f′
    is not continuous."""
    if not where:
        return math.inf, ()
    order_at = {k: math.inf for k in where}
    g = t
    for n in range(ORDERS + 1):
        fn = evaluator(g)
        for k, point_only in where.items():
            if order_at[k] != math.inf or (point_only and n > 0):
                continue
            if not _continuous(fn, k, params, point=n == 0):
                order_at[k] = n - 1
        if all(v != math.inf or where[k] for k, v in order_at.items()) or n == ORDERS:
            break
        g = derivative(g)
        if size(g) > MAX_TREE:
            for k, v in order_at.items():
                if v == math.inf and not where[k]:
                    order_at[k] = n  # continuous up to here; higher orders not checked
            break
    order = min(order_at.values())
    kinks = tuple(k for k, v in order_at.items() if v < 1)
    return (float(order) if order != math.inf else math.inf), kinks
