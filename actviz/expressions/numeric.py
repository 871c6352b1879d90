"""Expression trees as vectorised float64 functions, in stable forms, with an honest safety net.

:func:`evaluator` compiles a tree into ``fn(x, **params)``:

* known unstable patterns are rewritten first (:func:`stable`): log(1 + eᵘ) -> softplus(u) (logaddexp),
  1/(1 + e⁻ᵘ) -> σ(u), 1 − σ(u) -> σ(−u), 1 − tanh²(u) -> sech²(u), eᵘ − 1 -> expm1(u),
  log(1 + u) -> log1p(u), √(u² + c) -> hypot(u, √c); σ, softplus, erf come from :mod:`actviz.numerics`;
* numpy runs with its warnings off (an untaken branch of a where may divide by zero), and every NaN
  at a finite x is looked at again: in 40-digit arithmetic (mpmath) where an intermediate over- or
  underflowed (eˣ·e⁻ˣ at x = 800 is 1), beyond |x| = 10⁵ as the limit at that side (x·eˣ·sech²(eˣ) at
  x = 10³⁰⁰ is 0), else from its two neighbours where the value is a removable gap (sin(x)/x at 0). A NaN that survives is a true 'not a real number' (log of a negative number);
  :func:`domain_problem` reports it. Overflow of the true value gives ±inf.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import numerics as nx

if TYPE_CHECKING:
    from .grammar import Tree

__all__ = ["evaluator", "stable", "scalar", "mp_value", "domain_problem", "as_written", "rewritten"]

Raw = Callable[[np.ndarray, Mapping[str, float]], Any]
ONE: Tree = ("num", 1.0)


# -- stable rewrites -------------------------------------------------------------------------------------


def _plus_one(t: Tree) -> Tree | None:
    """v when t is 1 + v or v + 1."""
    if t[0] == "add":
        if t[1] == ONE:
            return t[2]
        if t[2] == ONE:
            return t[1]
    return None


def _is_call(t: Tree, name: str) -> bool:
    return t[0] == "call" and t[1] == name


def _neg(t: Tree) -> Tree:
    return t[1] if t[0] == "neg" else ("num", -t[1]) if t[0] == "num" else ("neg", t)


def stable(t: Tree) -> Tree:
    """The same function written in stable forms (internal calls _sech2, _hypot and _logaddexp included)."""
    op = t[0]
    if op in ("num", "x", "par", "const"):
        return t
    if op == "call":
        t = ("call", t[1], *(stable(a) for a in t[2:]))
    elif op == "cmp":
        t = ("cmp", t[1], stable(t[2]), stable(t[3]))
    else:
        t = (op, *(stable(a) for a in t[1:]))
    if _is_call(t, "log"):
        u = t[2]
        if u[0] == "add" and _is_call(u[1], "exp") and _is_call(u[2], "exp"):  # log(eᵃ + eᵇ): no overflow
            return ("call", "_logaddexp", u[1][2], u[2][2])
        v = _plus_one(u)
        if v is not None and _is_call(v, "exp"):
            return ("call", "softplus", v[2])
        if v is not None:
            return ("call", "log1p", v)
        if _is_call(u, "sigmoid"):
            return ("neg", ("call", "softplus", _neg(u[2])))
        if _is_call(u, "exp"):
            return u[2]
    if _is_call(t, "log1p") and _is_call(t[2], "exp"):
        return ("call", "softplus", t[2][2])
    if op == "div" and t[1] == ONE:
        v = _plus_one(t[2])
        if v is not None and _is_call(v, "exp"):
            return ("call", "sigmoid", _neg(v[2]))
    if op == "div" and _is_call(t[1], "exp"):
        v = _plus_one(t[2])
        if v is not None and v == t[1]:
            return ("call", "sigmoid", t[1][2])
        d = t[2]  # eᵘ/(1 + eᵘ)² = σ(u)σ(−u)
        if d[0] == "pow" and d[2] == ("num", 2.0) and _plus_one(d[1]) == t[1]:
            u = t[1][2]
            return ("mul", ("call", "sigmoid", u), ("call", "sigmoid", _neg(u)))
    if op == "sub" and t[1] == ONE:
        b = t[2]
        if _is_call(b, "sigmoid"):
            return ("call", "sigmoid", _neg(b[2]))
        if b[0] == "pow" and b[2] == ("num", 2.0) and _is_call(b[1], "tanh"):
            return ("call", "_sech2", b[1][2])
    if op == "sub" and t[2] == ONE and _is_call(t[1], "exp"):
        return ("call", "expm1", t[1][2])
    if op in ("add", "sub"):  # u + √(u² + k²), √(u² + k²) − u: no cancellation where they nearly cancel
        a, b = t[1], t[2]
        if op == "add" and _is_call(b, "_hypot") and b[2] == a:
            return ("call", "_hypot_plus", a, b[3])
        if op == "add" and _is_call(a, "_hypot") and a[2] == b:
            return ("call", "_hypot_plus", b, a[3])
        if op == "sub" and _is_call(a, "_hypot") and a[2] == b:
            return ("call", "_hypot_plus", ("neg", b), a[3])
    if _is_call(t, "sqrt") and t[2][0] == "add":
        a, b = t[2][1], t[2][2]
        for sq, c in ((a, b), (b, a)):
            if sq[0] == "pow" and sq[2] == ("num", 2.0) and c[0] == "num" and c[1] >= 0:
                return ("call", "_hypot", sq[1], ("num", math.sqrt(c[1])))
    return t


# -- numpy -------------------------------------------------------------------------------------------


def _hypot_plus(u: Any, k: Any) -> Any:
    """u + √(u² + k²), as k²/(√(u² + k²) − u) where u < 0 (no cancellation)."""
    h = np.hypot(u, k)
    return np.where(u < 0, (k * k) / (h - u), u + h)


def _heaviside(u: Any) -> Any:
    return np.where(np.greater_equal(u, 0), 1.0, 0.0)


_UNARY: dict[str, Callable[[Any], Any]] = {
    "exp": np.exp, "log": np.log, "log1p": np.log1p, "expm1": np.expm1, "sqrt": np.sqrt, "abs": np.abs,
    "sign": np.sign, "sin": np.sin, "cos": np.cos, "tan": np.tan, "sinh": np.sinh, "cosh": np.cosh,
    "tanh": np.tanh, "arctan": np.arctan, "arcsinh": np.arcsinh, "erf": nx.erf, "erfc": nx.erfc,
    "sigmoid": nx.sigmoid, "softplus": nx.softplus, "relu": lambda u: np.maximum(u, 0.0),
    "heaviside": _heaviside, "_sech2": nx.sech2,
}
_BINARY = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide}
_COMPARE = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal, "==": np.equal,
            "!=": np.not_equal}
_CONSTANTS = {"pi": math.pi, "e": math.e}


def _build(t: Tree) -> Raw:
    op = t[0]
    if op == "num":
        v = t[1]
        return lambda x, p: v
    if op == "x":
        return lambda x, p: x
    if op == "par":
        name = t[1]
        return lambda x, p: p[name]
    if op == "const":
        c = _CONSTANTS[t[1]]
        return lambda x, p: c
    if op == "neg":
        a = _build(t[1])
        return lambda x, p: np.negative(a(x, p))
    if op in _BINARY:
        fn, a, b = _BINARY[op], _build(t[1]), _build(t[2])
        return lambda x, p: fn(a(x, p), b(x, p))
    if op == "pow":
        a = _build(t[1])
        if t[2] == ("num", 2.0):
            return lambda x, p: np.square(a(x, p))
        b = _build(t[2])
        return lambda x, p: np.power(a(x, p), b(x, p))
    if op == "cmp":
        fn, a, b = _COMPARE[t[1]], _build(t[2]), _build(t[3])
        return lambda x, p: fn(a(x, p), b(x, p))
    if op in ("and", "or"):
        fn, a, b = (np.logical_and if op == "and" else np.logical_or), _build(t[1]), _build(t[2])
        return lambda x, p: fn(a(x, p), b(x, p))
    if op == "not":
        a = _build(t[1])
        return lambda x, p: np.logical_not(a(x, p))
    if op == "where":
        c, a, b = _build(t[1]), _build(t[2]), _build(t[3])
        return lambda x, p: np.where(c(x, p), a(x, p), b(x, p))
    name, args = t[1], [_build(a) for a in t[2:]]
    if name in ("max", "min"):
        fn = np.maximum if name == "max" else np.minimum

        def extreme(x: np.ndarray, p: Mapping[str, float]) -> Any:
            out = args[0](x, p)
            for g in args[1:]:
                out = fn(out, g(x, p))
            return out

        return extreme
    if name == "_hypot":
        a, b = args
        return lambda x, p: np.hypot(a(x, p), b(x, p))
    if name == "_logaddexp":
        a, b = args
        return lambda x, p: np.logaddexp(a(x, p), b(x, p))
    if name == "_hypot_plus":
        a, b = args
        return lambda x, p: _hypot_plus(a(x, p), b(x, p))
    fn1, a = _UNARY[name], args[0]
    return lambda x, p: fn1(a(x, p))


def as_written(t: Tree) -> Raw:
    """``raw(x, params)``: the tree evaluated as it is written, operation by operation (no stable rewrites,
    no safety net): the "naive" form of :mod:`actviz.dtypes`."""
    return _build(t)


def rewritten(t: Tree) -> Raw:
    """``raw(x, params)``: the tree after its stable rewrites (:func:`stable`), without the safety net."""
    return _build(stable(t))


def scalar(t: Tree, params: Mapping[str, float]) -> float | None:
    """The value of a tree without x (None where it is not a real number)."""
    with np.errstate(all="ignore"):
        v = float(np.asarray(_build(stable(t))(np.zeros(1), params), dtype=np.float64).reshape(-1)[0])
    return None if math.isnan(v) else v


#: ``far_limit(tree, side, params)``: the limit at side·∞ where it is a number, else None
FarLimit = Callable[["Tree", float, tuple], "float | None"]


@lru_cache(maxsize=512)
def evaluator(t: Tree, far_limit: FarLimit | None = None) -> Callable[..., np.ndarray]:
    """``fn(x, **params)``: the tree as a vectorised float64 function (see the module's docstring).
    ``far_limit`` fills a NaN beyond |x| = :data:`FAR` (``actviz.expressions.limits.far_limit``, given
    by the caller: the limits are computed above this module)."""
    raw = _build(stable(t))

    def fn(x: Any, **params: float) -> np.ndarray:
        arr = np.asarray(x, dtype=np.float64)
        flat = arr.reshape(-1)
        with np.errstate(all="ignore"):
            y = np.asarray(raw(flat, params), dtype=np.float64) + np.zeros(flat.shape)
            bad = np.isnan(y) & np.isfinite(flat)
            if bad.any():
                y = _repair(t, raw, flat, y, bad, params, far_limit)
        return (y + 0.0).reshape(arr.shape)

    return fn


MP_LIMIT = 4000  # points re-evaluated in mpmath per call, at most
FAR = 1e5  #: beyond this |x|, a NaN (∞·0 of saturated parts) is the limit at that side, where known


def _repair(t: Tree, raw: Raw, x: np.ndarray, y: np.ndarray, bad: np.ndarray, p: Mapping[str, float],
            far_limit: FarLimit | None) -> np.ndarray:
    y = y.copy()
    far = bad & (np.abs(x) > FAR)
    if far.any() and far_limit is not None:
        for side in (-1.0, 1.0):
            here = far & (np.sign(x) == side)
            if here.any():
                value = far_limit(t, side, tuple(sorted(p.items())))
                if value is not None:
                    y[here] = value
    idx = np.flatnonzero(np.isnan(y) & np.isfinite(x) & (np.abs(x) <= FAR))
    if idx.size <= MP_LIMIT:
        for i in idx:
            y[i] = mp_value(t, float(x[i]), p)
    left = np.flatnonzero(np.isnan(y) & np.isfinite(x))
    for rel in (1e-7, 1e-5):
        if left.size == 0:
            break
        xs = x[left]
        h = rel * np.maximum(1.0, np.abs(xs))
        near, wide = _mean_around(raw, xs, h, p), _mean_around(raw, xs, 2.0 * h, p)
        ok = np.isfinite(near)
        # Richardson: (4A(h) − A(2h))/3 cancels the s² term (sin(x)/x at 0: 1, not 0.9999999999999983)
        best = np.where(np.isfinite(wide), (4.0 * near - wide) / 3.0, near)
        y[left[ok]] = best[ok]
        left = left[~ok]
    return y


def _mean_around(raw: Raw, xs: np.ndarray, step: np.ndarray, p: Mapping[str, float]) -> np.ndarray:
    """(f(x − s) + f(x + s))/2 = f(x) + f″s²/2 + O(s⁴)."""
    lo = np.asarray(raw(xs - step, p), dtype=np.float64) + np.zeros(xs.shape)
    hi = np.asarray(raw(xs + step, p), dtype=np.float64) + np.zeros(xs.shape)
    return 0.5 * (lo + hi)


# -- 40 digits (mpmath) -------------------------------------------------------------------------------


def mp_value(t: Tree, x: float, params: Mapping[str, float], dps: int = 40) -> float:
    """The tree at ``x`` in ``dps``-digit arithmetic, as a float (NaN where it is not a real number)."""
    import mpmath

    with mpmath.workdps(dps):
        try:
            v = _mp(mpmath, t, mpmath.mpf(x), params)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError, MemoryError):
            return math.nan
        if isinstance(v, bool) or not isinstance(v, mpmath.mpf) or mpmath.isnan(v):
            return math.nan
        return float(v)


def _mp(mp: Any, t: Tree, x: Any, p: Mapping[str, float]) -> Any:
    op = t[0]
    if op == "num":
        return mp.mpf(t[1])
    if op == "x":
        return x
    if op == "par":
        return mp.mpf(p[t[1]])
    if op == "const":
        return mp.pi if t[1] == "pi" else mp.e
    if op == "cmp":
        a, b = _mp(mp, t[2], x, p), _mp(mp, t[3], x, p)
        return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b, "!=": a != b}[t[1]]
    if op == "and":
        return _mp(mp, t[1], x, p) and _mp(mp, t[2], x, p)
    if op == "or":
        return _mp(mp, t[1], x, p) or _mp(mp, t[2], x, p)
    if op == "not":
        return not _mp(mp, t[1], x, p)
    if op == "where":
        return _mp(mp, t[2], x, p) if _mp(mp, t[1], x, p) else _mp(mp, t[3], x, p)
    if op == "neg":
        return -_mp(mp, t[1], x, p)
    if op in ("add", "sub", "mul", "div", "pow"):
        a, b = _mp(mp, t[1], x, p), _mp(mp, t[2], x, p)
        if op == "add":
            return a + b
        if op == "sub":
            return a - b
        if op == "mul":
            return a * b
        if op == "div":
            return a / b
        if a < 0 and b != mp.floor(b):
            raise ValueError("not real")
        return mp.power(a, b)
    name, args = t[1], [_mp(mp, a, x, p) for a in t[2:]]
    if name == "max":
        return max(args)
    if name == "min":
        return min(args)
    u = args[0]
    if name in ("log", "sqrt") and u < 0:
        raise ValueError("not real")
    if name == "log1p" and u < -1:
        raise ValueError("not real")
    table = {
        "exp": mp.exp, "log": mp.log, "log1p": lambda v: mp.log(1 + v), "expm1": mp.expm1, "sqrt": mp.sqrt,
        "abs": abs, "sign": mp.sign, "sin": mp.sin, "cos": mp.cos, "tan": mp.tan, "sinh": mp.sinh,
        "cosh": mp.cosh, "tanh": mp.tanh, "arctan": mp.atan, "arcsinh": mp.asinh, "erf": mp.erf,
        "erfc": mp.erfc, "sigmoid": lambda v: 1 / (1 + mp.exp(-v)), "softplus": lambda v: mp.log(1 + mp.exp(v)),
        "relu": lambda v: max(v, mp.mpf(0)), "heaviside": lambda v: mp.mpf(1 if v >= 0 else 0),
    }
    return table[name](u)


# -- the domain --------------------------------------------------------------------------------------

_PROBES = nx.sorted_unique(np.concatenate([np.linspace(-20.0, 20.0, 161), np.geomspace(1e-6, 1e300, 61),
                                    -np.geomspace(1e-6, 1e300, 61), [0.0]]))


DOMAIN = 1e4  #: |x| up to which a NaN means 'not a real number' (beyond, sin(eˣ) is merely not computable)


#: where poles are looked for: |x| up to this (a denominator's zero farther out is beyond any window)
POLE_REACH = 1e15
_POLE_GRID = nx.sorted_unique(np.concatenate([np.linspace(-50.0, 50.0, 20001), np.geomspace(1e-9, POLE_REACH, 4001),
                                              -np.geomspace(1e-9, POLE_REACH, 4001), [0.0]]))


def _denominators(t: Tree) -> list[Tree]:
    """The subtrees whose zeros may be poles: a divisor, the cosine under a tangent, a logarithm's
    argument, the base of a negative constant power."""
    out: list[Tree] = []
    op = t[0]
    if op == "div":
        out.append(t[2])
    elif op == "pow" and t[2][0] == "num" and t[2][1] < 0:
        out.append(t[1])
    elif op == "call" and t[1] == "tan":
        out.append(("call", "cos", t[2]))
    elif op == "call" and t[1] == "log":
        out.append(t[2])
    if op == "cmp":
        kids: tuple = (t[2], t[3])
    elif op == "call":
        kids = t[2:]
    elif op in ("num", "x", "par", "const"):
        kids = ()
    else:
        kids = t[1:]
    for k in kids:
        out += _denominators(k)
    return out


def pole(t: Tree, fn: Callable[..., np.ndarray], params: Mapping[str, float]) -> float | None:
    """The x nearest 0 (|x| ≤ :data:`POLE_REACH`) where f grows without bound: a zero of a denominator
    (a sign change of it between two grid points, found by bisection, or an exact zero) beside which |f|
    keeps growing as x closes in (tan x at π/2, 1/(x − 3) at 3; not (x² − 1)/(x − 1) at 1, nor sin(x)/x
    at 0). A float never lands on tan's poles, so the values there are only large: this finds them."""
    found: list[float] = []
    for d in _denominators(t):
        raw = _build(stable(d))
        with np.errstate(all="ignore"):
            v = np.asarray(raw(_POLE_GRID, params), dtype=np.float64) + np.zeros(_POLE_GRID.shape)
        sign = np.sign(v)
        idx = np.flatnonzero((sign[:-1] * sign[1:] < 0) & np.isfinite(v[:-1]) & np.isfinite(v[1:]))
        roots = list(_POLE_GRID[np.flatnonzero(v == 0)])
        for i in idx[np.argsort(np.abs(_POLE_GRID[idx]))][:200]:  # the sign changes nearest 0 first
            a, b = float(_POLE_GRID[i]), float(_POLE_GRID[i + 1])
            va = float(v[i])
            for _ in range(80):
                m = 0.5 * (a + b)
                if m in (a, b):
                    break
                with np.errstate(all="ignore"):
                    vm = float(np.asarray(raw(np.array([m]), params)).reshape(-1)[0])
                if vm == 0 or not math.isfinite(vm):
                    a = b = m
                    break
                if (vm > 0) == (va > 0):
                    a, va = m, vm
                else:
                    b = m
            roots.append(0.5 * (a + b))
        for r in sorted(roots, key=abs):
            if _grows_at(fn, r, params):
                found.append(float(r))
                break
    return min(found, key=abs) if found else None


def _grows_at(fn: Callable[..., np.ndarray], r: float, params: Mapping[str, float]) -> bool:
    """|f| beside r grows steadily as x closes in (by 10× or more over four decades of distance)."""
    steps = np.array([1e-4, 1e-5, 1e-6, 1e-7, 1e-8]) * max(1.0, abs(r))
    with np.errstate(all="ignore"):
        for side in (-1.0, 1.0):
            y = np.abs(np.asarray(fn(r + side * steps, **params), dtype=np.float64))
            if np.all(np.isfinite(y[:-1])) and np.all(np.diff(y) > 0) and (not np.isfinite(y[-1]) or y[-1] > 10.0 * y[0]):
                return True
    return False


def domain_problem(fn: Callable[..., np.ndarray], params: Mapping[str, float]) -> tuple[float, str] | None:
    """(x, why) for a probe x (|x| ≤ :data:`DOMAIN`) where ``fn`` is not a real number ("nan") or
    has a pole ("pole": infinite at x but finite just beside it, as 1/x at 0; an overflow such as
    e^(e^x) stays infinite beyond), or None."""
    y = fn(_PROBES, **params)
    near = np.abs(_PROBES) <= DOMAIN
    nan = np.flatnonzero(np.isnan(y) & near)
    if nan.size:
        return float(_PROBES[nan[np.argmin(np.abs(_PROBES[nan]))]]), "nan"
    inf = np.flatnonzero(np.isinf(y) & near)
    if inf.size:
        xs = _PROBES[inf]
        h = 1e-6 * np.maximum(1.0, np.abs(xs))
        beside = np.isfinite(fn(xs - h, **params)) & np.isfinite(fn(xs + h, **params))
        if beside.any():
            return float(xs[beside][np.argmin(np.abs(xs[beside]))]), "pole"
    return None
