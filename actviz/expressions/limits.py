"""Limits of expression trees at ±∞: exact rules first, then sympy within a time bound.

Most activations are decided by rules on the tree, without any computer algebra (fast, so a figure
of an expression costs about what a catalogue figure costs). Each subexpression is classified as
x → s·∞ (s = ±1):

* ``Fin(c, rate)``: tends to c, at a known *rate*: EXACT (eventually equal to c), EXP (|g − c| ≤ e^(−εx)
  eventually, e.g. σ(x) at +∞) or ANY;
* ``Inf(sign, lin, fast, poly)``: tends to sign·∞, with what is known of its growth: at least ε|x|
  (``lin``), at least e^(ε|x|) (``fast``), at most a power of |x| (``poly``);
* ``BOUNDED`` (stays bounded, may oscillate) or ``UNKNOWN``.

These classes multiply and add soundly (0·∞ is decided only when an exponentially small factor meets
a polynomially large one: x·σ(x) → 0 at −∞). What the rules cannot decide goes to sympy's limit
(Gruntz's algorithm), bounded in time. A limit has three states: a number (±inf included); None,
no limit exists (sympy finds only an interval of accumulation points, and the values far out keep
oscillating); :data:`~actviz.spec.UNDECIDED`, neither was shown (sympy ran out of time, failed, found
an interval the values far out do not bear out, or is missing). Undecided is never a fact: the
analysis states it as undecided, with what evaluation far out suggests as evidence.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..facts import UNDECIDED, Limit, Undecided
from . import numeric
from .grammar import Tree, has_x

__all__ = ["limit", "rule_limit", "symbolic_limit", "to_sympy", "bounded", "keeps_oscillating", "SYMPY_SECONDS",
           "SYMPY_BUDGET"]

EXACT, EXP, ANY = 0, 1, 2
SYMPY_SECONDS = 1.0  #: the most one symbolic limit may take
SYMPY_BUDGET = 2.0  #: the most the four limits (f and f′ at ±∞) of one expression may take together


@dataclass(frozen=True)
class Fin:
    value: float
    rate: int = ANY


@dataclass(frozen=True)
class Inf:
    sign: float
    lin: bool = False
    fast: bool = False
    poly: bool = False


BOUNDED = "bounded"
UNKNOWN = "unknown"
Lim = Any  # Fin | Inf | BOUNDED | UNKNOWN
_CONSTANTS = {"pi": math.pi, "e": math.e}


def _fin(value: float, rate: int) -> Lim:
    return Fin(value, rate) if math.isfinite(value) else UNKNOWN


def _neg(a: Lim) -> Lim:
    if isinstance(a, Fin):
        return Fin(-a.value, a.rate)
    if isinstance(a, Inf):
        return Inf(-a.sign, a.lin, a.fast, a.poly)
    return a


def _add(a: Lim, b: Lim) -> Lim:
    if UNKNOWN in (a, b):
        return UNKNOWN
    if isinstance(a, Inf) and isinstance(b, Inf):
        if a.sign != b.sign:
            return UNKNOWN
        return Inf(a.sign, a.lin or b.lin, a.fast or b.fast, a.poly and b.poly)
    if isinstance(a, Inf) or isinstance(b, Inf):
        return a if isinstance(a, Inf) else b
    if isinstance(a, Fin) and isinstance(b, Fin):
        return _fin(a.value + b.value, max(a.rate, b.rate))
    return BOUNDED


def _mul(a: Lim, b: Lim) -> Lim:
    if UNKNOWN in (a, b):
        return UNKNOWN
    for p, _q in ((a, b), (b, a)):
        if isinstance(p, Fin) and p.value == 0 and p.rate == EXACT:
            return Fin(0.0, EXACT)  # eventually exactly 0 times a finite value
    if isinstance(a, Fin) and isinstance(b, Fin):
        return _fin(a.value * b.value, max(a.rate, b.rate))
    if isinstance(a, Inf) and isinstance(b, Inf):
        return Inf(a.sign * b.sign, a.lin or b.lin, a.fast or b.fast, a.poly and b.poly)
    for p, q in ((a, b), (b, a)):
        if isinstance(p, Fin) and isinstance(q, Inf):
            if p.value != 0:
                return Inf(q.sign * math.copysign(1.0, p.value), q.lin, q.fast, q.poly)
            if p.rate == EXP and q.poly:
                return Fin(0.0, EXP)  # e^(−εx)·|x|^k -> 0
            return UNKNOWN
        if isinstance(p, Fin) and q == BOUNDED:
            return Fin(0.0, p.rate) if p.value == 0 else BOUNDED
    if a == BOUNDED and b == BOUNDED:
        return BOUNDED
    return UNKNOWN  # ∞ times something bounded that may change sign


def _inverse(b: Lim) -> Lim:
    """1/b (for b not tending to 0)."""
    if isinstance(b, Fin) and b.value != 0:
        return Fin(1.0 / b.value, b.rate)
    if isinstance(b, Inf):
        return Fin(0.0, EXP if b.fast else ANY)
    return UNKNOWN


def _div(a: Lim, b: Lim) -> Lim:
    if UNKNOWN in (a, b):
        return UNKNOWN
    if isinstance(b, Inf) and isinstance(a, Fin) and a.value == 0:
        return Fin(0.0, a.rate)  # |a/b| ≤ |a| once |b| ≥ 1
    if isinstance(b, Inf) and a == BOUNDED:
        return Fin(0.0, EXP if b.fast else ANY)
    if isinstance(b, Inf) and isinstance(a, Inf):
        return UNKNOWN
    return _mul(a, _inverse(b))


def _is_int(v: float) -> bool:
    return v == round(v)


def _pow(a: Lim, b: Lim, exponent_constant: bool) -> Lim:
    if not exponent_constant or not isinstance(b, Fin):
        return UNKNOWN
    p = b.value
    if p == 0:
        return Fin(1.0, EXACT)
    if isinstance(a, Inf):
        if a.sign < 0 and not _is_int(p):
            return UNKNOWN
        sign = -1.0 if a.sign < 0 and int(p) % 2 else 1.0
        if p > 0:
            return Inf(sign, a.lin and p >= 1, a.fast, a.poly)
        return Fin(0.0, EXP if a.fast else ANY)
    if isinstance(a, Fin):
        c = a.value
        if c > 0 or (c < 0 and _is_int(p)):
            try:
                return _fin(math.pow(c, p), a.rate)
            except (OverflowError, ValueError):
                return UNKNOWN
        if c == 0 and p > 0:
            return Fin(0.0, a.rate)
        return UNKNOWN
    if a == BOUNDED and p > 0 and _is_int(p):
        return BOUNDED
    return UNKNOWN


def _at_inf(name: str, u: Inf) -> Lim:
    """name(u) for u → sign·∞."""
    s = u.sign
    small = EXP if u.lin else ANY
    if name == "exp":
        return Inf(1.0, u.lin, u.lin, False) if s > 0 else Fin(0.0, small)
    if name == "expm1":
        return Inf(1.0, u.lin, u.lin, False) if s > 0 else Fin(-1.0, small)
    if name in ("sinh", "cosh"):
        return Inf(s if name == "sinh" else 1.0, u.lin, u.lin, False)
    if name in ("log", "log1p"):  # at most u (once u ≥ 1); at least εx where u ≥ e^(εx)
        return Inf(1.0, u.fast, False, u.poly) if s > 0 else UNKNOWN
    if name == "sqrt":
        return Inf(1.0, False, u.fast, u.poly) if s > 0 else UNKNOWN
    if name == "abs":
        return Inf(1.0, u.lin, u.fast, u.poly)
    if name == "sign":
        return Fin(s, EXACT)
    if name == "heaviside":
        return Fin(1.0 if s > 0 else 0.0, EXACT)
    if name == "relu":
        return u if s > 0 else Fin(0.0, EXACT)
    if name in ("tanh", "erf"):
        return Fin(s, small)
    if name == "_sech2":
        return Fin(0.0, small)
    if name == "erfc":
        return Fin(0.0 if s > 0 else 2.0, small)
    if name == "sigmoid":
        return Fin(1.0 if s > 0 else 0.0, small)
    if name == "softplus":
        return u if s > 0 else Fin(0.0, small)
    if name == "arctan":
        return Fin(s * math.pi / 2, ANY)
    if name == "arcsinh":
        return Inf(s, False, False, True)
    if name in ("sin", "cos"):
        return BOUNDED
    return UNKNOWN


_BOUNDED_OF_BOUNDED = {"sin", "cos", "tanh", "sigmoid", "arctan", "erf", "erfc", "exp", "abs", "sign", "heaviside",
                       "softplus", "relu", "expm1", "sinh", "cosh", "arcsinh"}
_SMOOTH_AT_NONZERO = {"sign", "heaviside"}  # eventually constant once u keeps its sign


def _at_fin(name: str, u: Fin) -> Lim:
    c, r = u.value, u.rate
    if name == "sign" and c != 0:
        return Fin(math.copysign(1.0, c), EXACT)
    if name == "heaviside" and c != 0:
        return Fin(1.0 if c > 0 else 0.0, EXACT)
    if name in _SMOOTH_AT_NONZERO:
        return UNKNOWN
    if name == "relu":
        return Fin(c, r) if c > 0 else Fin(0.0, EXACT) if c < 0 else Fin(0.0, r)
    if name == "abs":
        return Fin(abs(c), r)
    if name == "sqrt":
        if c > 0:
            return Fin(math.sqrt(c), r)
        return Fin(0.0, r) if c == 0 else UNKNOWN
    if (name == "log" and c <= 0) or (name == "log1p" and c <= -1):
        return UNKNOWN
    value = numeric.scalar(("call", name, ("num", c)), {})
    return UNKNOWN if value is None or not math.isfinite(value) else Fin(value, r)


def _max(a: Lim, b: Lim) -> Lim:
    if UNKNOWN in (a, b):
        return UNKNOWN
    if isinstance(a, Inf) and isinstance(b, Inf):
        if a.sign > 0 and b.sign > 0:
            return Inf(1.0, a.lin or b.lin, a.fast or b.fast, a.poly and b.poly)
        if a.sign > 0 or b.sign > 0:
            return a if a.sign > 0 else b
        return Inf(-1.0, a.lin and b.lin, a.fast and b.fast, a.poly or b.poly)
    for p, q in ((a, b), (b, a)):
        if isinstance(p, Inf):
            return p if p.sign > 0 else q  # eventually max is the other one
    if isinstance(a, Fin) and isinstance(b, Fin):
        if a.value != b.value:
            return a if a.value > b.value else b
        return Fin(a.value, max(a.rate, b.rate))
    return BOUNDED


def _sign_eventually(d: Lim) -> float | None:
    """The eventual sign of a difference (0 when eventually exactly 0), or None."""
    if isinstance(d, Inf):
        return d.sign
    if isinstance(d, Fin):
        if d.value != 0:
            return math.copysign(1.0, d.value)
        return 0.0 if d.rate == EXACT else None
    return None


def _truth(c: Tree, side: float, p: Mapping[str, float]) -> bool | None:
    if c[0] == "cmp":
        s = _sign_eventually(_add(_lim(c[2], side, p), _neg(_lim(c[3], side, p))))
        if s is None:
            return None
        return {"<": s < 0, "<=": s <= 0, ">": s > 0, ">=": s >= 0, "==": s == 0, "!=": s != 0}[c[1]]
    if c[0] == "not":
        t = _truth(c[1], side, p)
        return None if t is None else not t
    a, b = _truth(c[1], side, p), _truth(c[2], side, p)
    if c[0] == "and":
        return False if False in (a, b) else None if None in (a, b) else True
    return True if True in (a, b) else None if None in (a, b) else False


def _lim(t: Tree, side: float, p: Mapping[str, float]) -> Lim:
    op = t[0]
    if op == "num":
        return Fin(t[1], EXACT)
    if op == "par":
        return Fin(float(p[t[1]]), EXACT)
    if op == "const":
        return Fin(_CONSTANTS[t[1]], EXACT)
    if op == "x":
        return Inf(side, True, False, True)
    if op == "neg":
        return _neg(_lim(t[1], side, p))
    if op == "add":
        return _add(_lim(t[1], side, p), _lim(t[2], side, p))
    if op == "sub":
        return _add(_lim(t[1], side, p), _neg(_lim(t[2], side, p)))
    if op == "mul":
        return _mul(_lim(t[1], side, p), _lim(t[2], side, p))
    if op == "div":
        return _div(_lim(t[1], side, p), _lim(t[2], side, p))
    if op == "pow":

        return _pow(_lim(t[1], side, p), _lim(t[2], side, p), not has_x(t[2]))
    if op == "where":
        truth = _truth(t[1], side, p)
        return UNKNOWN if truth is None else _lim(t[2] if truth else t[3], side, p)
    name, args = t[1], [_lim(a, side, p) for a in t[2:]]
    if name == "_hypot_plus":  # a + √(a² + k²) = k²/(√(a² + k²) − a)
        a, k = args
        if isinstance(a, Inf):
            return Inf(1.0, a.lin, a.fast, a.poly) if a.sign > 0 else Fin(0.0, EXP if a.fast else ANY)
        if isinstance(a, Fin) and isinstance(k, Fin):
            return _fin(a.value + math.hypot(a.value, k.value), max(a.rate, k.rate))
        return UNKNOWN
    if name == "_logaddexp":  # log(eᵃ + eᵇ) = max(a, b) + log1p(e^−|a − b|), the second term in [0, log 2]
        a, b = args
        if isinstance(a, Fin) and isinstance(b, Fin):
            top, low = max(a.value, b.value), min(a.value, b.value)
            return _fin(top + math.log1p(math.exp(low - top)), max(a.rate, b.rate))
        top = _max(a, b)
        return top if isinstance(top, Inf) or (isinstance(top, Fin) and (isinstance(a, Inf) or isinstance(b, Inf))) \
            else UNKNOWN
    if name == "_hypot":  # √(a² + b²) with b constant
        a, b = args
        if isinstance(a, Inf):
            return Inf(1.0, a.lin, a.fast, a.poly)
        if isinstance(a, Fin) and isinstance(b, Fin):
            return _fin(math.hypot(a.value, b.value), max(a.rate, b.rate))
        return UNKNOWN
    if name in ("max", "min"):
        sign = 1.0 if name == "max" else -1.0
        out = _neg(args[0]) if sign < 0 else args[0]
        for a in args[1:]:
            out = _max(out, _neg(a) if sign < 0 else a)
        return _neg(out) if sign < 0 else out
    u = args[0]
    if isinstance(u, Inf):
        return _at_inf(name, u)
    if isinstance(u, Fin):
        return _at_fin(name, u)
    if u == BOUNDED and name in _BOUNDED_OF_BOUNDED:
        return BOUNDED
    return UNKNOWN


def rule_limit(t: Tree, side: float, params: Mapping[str, float]) -> float | None:
    """lim t as x → side·∞ by the rules above; None where they cannot decide."""
    try:
        out = _lim(numeric.stable(t), side, params)
    except (KeyError, ValueError, OverflowError, ZeroDivisionError):
        return None
    if isinstance(out, Fin):
        return out.value + 0.0
    if isinstance(out, Inf):
        return math.copysign(math.inf, out.sign)
    return None


# -- sympy, within a time bound -------------------------------------------------------------------------


def to_sympy(t: Tree, params: Mapping[str, float], x: Any) -> Any:
    """The tree as a sympy expression in elementary functions (numbers as exact decimals)."""
    import sympy as sp

    def num(v: float) -> Any:
        return sp.Integer(int(v)) if v == round(v) and abs(v) < 1e15 else sp.Rational(repr(v))

    def go(n: Tree) -> Any:
        op = n[0]
        if op == "num":
            return num(n[1])
        if op == "x":
            return x
        if op == "par":
            return num(float(params[n[1]]))
        if op == "const":
            return sp.pi if n[1] == "pi" else sp.E
        if op == "neg":
            return -go(n[1])
        if op == "add":
            return go(n[1]) + go(n[2])
        if op == "sub":
            return go(n[1]) - go(n[2])
        if op == "mul":
            return go(n[1]) * go(n[2])
        if op == "div":
            return go(n[1]) / go(n[2])
        if op == "pow":
            return sp.Pow(go(n[1]), go(n[2]))
        if op == "cmp":
            a, b = go(n[2]), go(n[3])
            return {"<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "==": sp.Eq, "!=": sp.Ne}[n[1]](a, b)
        if op == "and":
            return sp.And(go(n[1]), go(n[2]))
        if op == "or":
            return sp.Or(go(n[1]), go(n[2]))
        if op == "not":
            return sp.Not(go(n[1]))
        if op == "where":
            return sp.Piecewise((go(n[2]), go(n[1])), (go(n[3]), True))
        name, args = n[1], [go(a) for a in n[2:]]
        if name in ("max", "min"):
            return (sp.Max if name == "max" else sp.Min)(*args)
        u = args[0]
        table: dict[str, Callable[[Any], Any]] = {
            "exp": sp.exp, "log": sp.log, "log1p": lambda v: sp.log(1 + v), "expm1": lambda v: sp.exp(v) - 1,
            "sqrt": sp.sqrt, "abs": sp.Abs, "sign": sp.sign, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
            "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "arctan": sp.atan, "arcsinh": sp.asinh,
            "erf": sp.erf, "erfc": sp.erfc, "sigmoid": lambda v: 1 / (1 + sp.exp(-v)),
            "softplus": lambda v: sp.log(1 + sp.exp(v)), "relu": lambda v: sp.Max(0, v),
            "heaviside": lambda v: sp.Heaviside(v, 1),
        }
        return table[name](u)

    return go(t)


def bounded(fn: Callable[[], Any], seconds: float) -> tuple[bool, Any]:
    """Run ``fn`` for at most ``seconds`` in a forked child process: (True, result), or (False, None)
    when it ran out of time or failed. A child that runs out of time is killed: nothing is left
    running, and nothing in this process (signal handlers, sympy's caches) is touched or left
    half-updated. Where processes cannot be forked (Windows), the symbolic step is skipped."""
    import multiprocessing
    import warnings

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork on this platform
        return False, None
    reader, writer = context.Pipe(duplex=False)

    def child() -> None:
        try:
            writer.send((True, fn()))
        except BaseException:  # noqa: BLE001 - whatever sympy raises, the parent only needs "no answer"
            writer.send((False, None))

    process = context.Process(target=child, daemon=True, name="actviz-sympy")
    with warnings.catch_warnings():  # Python 3.12+ warns about fork in a threaded process; the child only computes
        warnings.simplefilter("ignore", DeprecationWarning)
        process.start()
    writer.close()
    result: tuple[bool, Any] = (False, None)
    try:
        if reader.poll(seconds):
            result = reader.recv()
    except (EOFError, OSError):
        pass
    finally:
        reader.close()
        if process.is_alive():
            process.kill()
        process.join()
    return result


_OSCILLATES = "oscillates"  #: sympy's answer is an interval of accumulation points (AccumBounds)
_WINDOWS = (1e3, 1e4, 5e4)  #: where keeps_oscillating looks: below numeric.FAR, so no limit is asked for there
_WIDTH = 64.0  #: the width of each window (about ten periods of sin x)


def keeps_oscillating(t: Tree, side: float, params: Mapping[str, float]) -> bool:
    """Do the values of t keep oscillating far out at ``side``: in each of three windows of width 64
    (from |x| = 10³ to 5·10⁴) they rise and fall, by more than 10⁻⁶ of their size? sympy's interval
    arithmetic alone over-estimates: sin²x + cos²x gives AccumBounds(0, 2) at ∞, and this says no."""
    import numpy as np


    fn = numeric.evaluator(t)  # no far limits: the windows end below numeric.FAR
    offsets = np.linspace(0.0, _WIDTH, 513)
    for start in _WINDOWS:
        v = fn(side * (start + offsets), **params)
        v = v[np.isfinite(v)]
        if v.size < offsets.size // 2:
            return False
        d = np.diff(v)
        if not (np.any(d > 0) and np.any(d < 0)):
            return False
        if float(v.max() - v.min()) <= 1e-6 * max(1.0, float(np.abs(v).max())):
            return False
    return True


def symbolic_limit(t: Tree, side: float, params: Mapping[str, float], seconds: float = SYMPY_SECONDS) -> Limit:
    """lim t at side·∞ by sympy, at most ``seconds``: a number; None where no limit exists (sympy finds
    an interval of accumulation points and the values far out keep oscillating, :func:`keeps_oscillating`);
    :data:`~actviz.spec.UNDECIDED` where sympy is missing, fails, cannot decide in time, or finds an
    interval the values do not bear out."""
    try:
        import sympy as sp
    except ImportError:  # pragma: no cover - sympy is a dependency
        return UNDECIDED

    def compute() -> float | str | None:  # runs in the child: sends back a float or a word, not a sympy object
        x = sp.Symbol("x", real=True)
        at = sp.oo if side > 0 else -sp.oo
        expr = to_sympy(t, params, x)
        value = sp.limit(expr, x, at)
        if value.has(sp.AccumBounds):  # interval arithmetic over-estimates: sin²x + cos²x is 1 once simplified
            value = sp.limit(sp.simplify(expr), x, at)
        if value == sp.oo:
            return math.inf
        if value == -sp.oo:
            return -math.inf
        if value.has(sp.AccumBounds):  # oscillation, or sympy's interval arithmetic over-estimating
            return _OSCILLATES
        if not getattr(value, "is_extended_real", False) or not value.is_number:
            return None
        try:
            out = float(value)
        except (TypeError, ValueError):
            return None
        return out if math.isfinite(out) else None

    ok, value = bounded(compute, seconds)
    if not ok or value is None:
        return UNDECIDED
    if value == _OSCILLATES:
        return None if keeps_oscillating(t, side, params) else UNDECIDED
    return float(value)


def limit(t: Tree, side: float, params: Mapping[str, float], seconds: float = SYMPY_SECONDS) -> Limit:
    """lim t as x → side·∞: by the rules, else by sympy within ``seconds`` (a number, or None where
    none exists), else :data:`~actviz.spec.UNDECIDED`."""
    value = rule_limit(t, side, params)
    if value is not None:
        return value
    if seconds <= 0.05:
        return UNDECIDED
    return symbolic_limit(t, side, params, seconds)


_FAR_LIMITS: dict[tuple[Tree, float, tuple], float | None] = {}


def far_limit(t: Tree, side: float, params: tuple) -> float | None:
    """The limit at side·∞ where it is a number, else None (none exists, or undecided): what
    :func:`numeric.evaluator` puts where a value far out is NaN (∞·0 of saturated parts). Decided
    answers are remembered (256 at most); an undecided one is not, so that a later call with time
    for sympy decides it instead of inheriting a starved one's answer."""
    key = (t, side, params)
    if key in _FAR_LIMITS:
        return _FAR_LIMITS[key]
    value = limit(t, side, dict(params))
    if isinstance(value, Undecided):
        return None
    out = value if isinstance(value, float) else None
    if len(_FAR_LIMITS) < 256:
        _FAR_LIMITS[key] = out
    return out


def evaluator(t: Tree):  # -> Callable[..., np.ndarray]
    """The tree as ``fn(x, **params)`` (:func:`numeric.evaluator`) with the limits far out."""
    return numeric.evaluator(t, far_limit)
