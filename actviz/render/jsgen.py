"""JavaScript generated from actviz's own definitions, for the offline page (:mod:`.page`).

Each definition (``fn`` and ``derivative_fn`` of an :class:`~actviz.spec.Activation`, as written in
:mod:`actviz.catalog`, a framework's preset or a user's expression) is *traced*: it runs once with the
input ``x`` and every numeric parameter replaced by a :class:`Sym`, a symbol that records each numpy
operation applied to it (``np.where``, ``np.expm1``, ``np.logaddexp``, arithmetic, comparisons) as a line of
JavaScript. The stable forms are kept as written: ``expm1`` becomes ``Math.expm1``, ``log1p``
``Math.log1p``, ``logaddexp`` a two-line stable helper, erf the documented :data:`ERF_JS`. A Python ``if``
on a parameter (``if approximate == "tanh"``) is traced both ways and becomes a JavaScript ``if``.
The result is a scalar function ``f(x, p)`` (``p`` the parameters by name), checked against the Python
values by the page's ``#selftest``.

Vector functions (softmax and its kin) act on whole vectors through sorting and cumulative sums that a
scalar trace cannot follow: their component 1, as x₁ varies with the other logits held, is written once
here (:data:`VECTOR_JS`) and checked by the same self-test.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np

__all__ = ["Sym", "TraceError", "trace", "ERF_JS", "HELPERS_JS", "VECTOR_JS", "js_number"]


class TraceError(Exception):
    """A definition does something a scalar trace cannot follow (the page then leaves the function out)."""


class _Branch(Exception):  # noqa: N818 - a signal, not an error: a Python ``if`` on a symbol needs a decision
    def __init__(self, cond: Sym) -> None:
        super().__init__(cond.code)
        self.cond = cond


def js_number(v: float) -> str:
    """A float64 as JavaScript reads it back exactly (repr is the shortest round-trip form)."""
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "(-Infinity)"
    text = repr(v)
    return f"({text})" if v < 0 else text


class _Tape:
    """The lines of one trace: ``const tN = ...;`` in order, and the decisions taken at Python ``if``s."""

    def __init__(self, decisions: list[bool]) -> None:
        self.lines: list[str] = []
        self.decisions = decisions
        self.asked = 0
        self.answers: dict[str, bool] = {}

    def let(self, code: str, boolean: bool = False) -> Sym:
        name = f"t{len(self.lines)}"
        self.lines.append(f"const {name}={code};")
        return Sym(name, self, boolean)

    def decide(self, cond: Sym) -> bool:
        # the same test again (max(a, b, c, d, 1.0) twice) gets the answer given before: no new branch
        line = self.lines[int(cond.code[1:])] if cond.code.startswith("t") else cond.code
        test = line.split("=", 1)[1] if cond.code.startswith("t") else line
        if test in self.answers:
            return self.answers[test]
        if self.asked < len(self.decisions):
            self.answers[test] = self.decisions[self.asked]
            self.asked += 1
            return self.decisions[self.asked - 1]
        raise _Branch(cond)


def _code(v: Any, tape: _Tape) -> str:
    if isinstance(v, Sym):
        return v.code
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, float, np.integer, np.floating)):
        return js_number(float(v))
    if isinstance(v, np.ndarray) and v.ndim == 0:
        return _code(v.item(), tape)
    raise TraceError(f"cannot trace a value of type {type(v).__name__}")


#: numpy ufuncs -> a JavaScript expression of their arguments' code
_UNARY = {
    "exp": "Math.exp({0})", "expm1": "Math.expm1({0})", "log": "Math.log({0})", "log1p": "Math.log1p({0})",
    "log2": "Math.log2({0})", "log10": "Math.log10({0})", "sqrt": "Math.sqrt({0})", "cbrt": "Math.cbrt({0})",
    "tanh": "Math.tanh({0})", "sinh": "Math.sinh({0})", "cosh": "Math.cosh({0})", "sin": "Math.sin({0})",
    "cos": "Math.cos({0})", "tan": "Math.tan({0})", "arctan": "Math.atan({0})", "arcsinh": "Math.asinh({0})",
    "arctanh": "Math.atanh({0})", "absolute": "Math.abs({0})", "fabs": "Math.abs({0})", "negative": "(-{0})",
    "positive": "(+{0})", "sign": "Math.sign({0})", "square": "({0}*{0})", "reciprocal": "(1/{0})",
    "floor": "Math.floor({0})", "ceil": "Math.ceil({0})", "rint": "Math.round({0})", "logical_not": "(!{0})",
    "isnan": "Number.isNaN({0})", "isfinite": "Number.isFinite({0})", "signbit": "_signbit({0})",
    "exp2": "Math.pow(2,{0})", "sinc": "_sinc({0})",
}
_BINARY = {
    "add": "({0}+{1})", "subtract": "({0}-{1})", "multiply": "({0}*{1})", "true_divide": "({0}/{1})",
    "divide": "({0}/{1})", "power": "Math.pow({0},{1})", "float_power": "Math.pow({0},{1})",
    "maximum": "Math.max({0},{1})", "minimum": "Math.min({0},{1})", "fmax": "_fmax({0},{1})",
    "fmin": "_fmin({0},{1})", "hypot": "Math.hypot({0},{1})", "logaddexp": "_logaddexp({0},{1})",
    "arctan2": "Math.atan2({0},{1})", "copysign": "_copysign({0},{1})", "greater": "({0}>{1})",
    "greater_equal": "({0}>={1})", "less": "({0}<{1})", "less_equal": "({0}<={1})", "equal": "({0}==={1})",
    "not_equal": "({0}!=={1})", "logical_and": "({0}&&{1})", "logical_or": "({0}||{1})",
    "bitwise_and": "({0}&&{1})", "bitwise_or": "({0}||{1})", "remainder": "_mod({0},{1})",
    "fmod": "({0}%{1})",
}
_BOOLEAN = {"greater", "greater_equal", "less", "less_equal", "equal", "not_equal", "logical_and",
            "logical_or", "bitwise_and", "bitwise_or", "logical_not", "isnan", "isfinite", "signbit"}


class Sym:
    """A traced scalar: the JavaScript name of its value. numpy's ufuncs and functions applied to it
    (and Python's arithmetic) record a line on the tape and return a new Sym."""

    __array_priority__ = 1000

    def __init__(self, code: str, tape: _Tape, boolean: bool = False) -> None:
        self.code = code
        self.tape = tape
        self.boolean = boolean

    # numpy -----------------------------------------------------------------------------------------
    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        from ..numerics import SCALAR

        if method != "__call__" or kwargs.get("out") is not None:
            raise TraceError(f"cannot trace {ufunc.__name__}.{method}")
        if ufunc in SCALAR:  # numerics' libm erf / erfc, applied element-wise
            name = SCALAR[ufunc].__name__
            return self.tape.let(f"_{name}({_code(inputs[0], self.tape)})")
        name = ufunc.__name__
        args = [_code(v, self.tape) for v in inputs]
        if name in _UNARY and len(args) == 1:
            return self.tape.let(_UNARY[name].format(*args), name in _BOOLEAN)
        if name in _BINARY and len(args) == 2:
            return self.tape.let(_BINARY[name].format(*args), name in _BOOLEAN)
        raise TraceError(f"no JavaScript for numpy's {name}")

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        name = func.__name__
        t = self.tape
        if name == "where" and len(args) == 3:
            c, a, b = (_code(v, t) for v in args)
            return t.let(f"({c}?{a}:{b})")
        if name == "clip":
            a, lo, hi = args[0], kwargs.get("a_min", args[1] if len(args) > 1 else None), \
                kwargs.get("a_max", args[2] if len(args) > 2 else None)
            code = _code(a, t)
            if lo is not None:
                code = f"Math.max({code},{_code(lo, t)})"
            if hi is not None:
                code = f"Math.min({code},{_code(hi, t)})"
            return t.let(code)
        if name == "sinc":
            return t.let(f"_sinc({_code(args[0], t)})")
        if name in ("asarray", "asanyarray", "array", "broadcast_to", "copy", "ascontiguousarray"):
            return args[0]
        if name in ("zeros_like", "ones_like", "full_like", "empty_like"):
            fill = {"zeros_like": 0.0, "ones_like": 1.0}.get(name, args[1] if len(args) > 1 else kwargs.get("fill_value"))
            return t.let(_code(fill, t))
        if name == "errstate":  # pragma: no cover - errstate is a context manager, not dispatched
            return contextlib.nullcontext()
        raise TraceError(f"no JavaScript for numpy's {name}")

    # Python ----------------------------------------------------------------------------------------
    def _bin(self, op: str, other: Any, reverse: bool = False, boolean: bool = False) -> Sym:
        a, b = _code(self, self.tape), _code(other, self.tape)
        if reverse:
            a, b = b, a
        return self.tape.let(f"({a}{op}{b})", boolean)

    def __add__(self, o: Any) -> Sym: return self._bin("+", o)
    def __radd__(self, o: Any) -> Sym: return self._bin("+", o, True)
    def __sub__(self, o: Any) -> Sym: return self._bin("-", o)
    def __rsub__(self, o: Any) -> Sym: return self._bin("-", o, True)
    def __mul__(self, o: Any) -> Sym: return self._bin("*", o)
    def __rmul__(self, o: Any) -> Sym: return self._bin("*", o, True)
    def __truediv__(self, o: Any) -> Sym: return self._bin("/", o)
    def __rtruediv__(self, o: Any) -> Sym: return self._bin("/", o, True)
    def __mod__(self, o: Any) -> Sym: return self.tape.let(f"_mod({self.code},{_code(o, self.tape)})")

    def __pow__(self, o: Any) -> Sym:
        if isinstance(o, (int, float)) and o == 2:
            return self.tape.let(f"({self.code}*{self.code})")
        return self.tape.let(f"Math.pow({self.code},{_code(o, self.tape)})")

    def __rpow__(self, o: Any) -> Sym:
        return self.tape.let(f"Math.pow({_code(o, self.tape)},{self.code})")

    def __neg__(self) -> Sym: return self.tape.let(f"(-{self.code})")
    def __pos__(self) -> Sym: return self
    def __abs__(self) -> Sym: return self.tape.let(f"Math.abs({self.code})")
    def __gt__(self, o: Any) -> Sym: return self._bin(">", o, boolean=True)
    def __ge__(self, o: Any) -> Sym: return self._bin(">=", o, boolean=True)
    def __lt__(self, o: Any) -> Sym: return self._bin("<", o, boolean=True)
    def __le__(self, o: Any) -> Sym: return self._bin("<=", o, boolean=True)
    def __eq__(self, o: Any) -> Sym: return self._bin("===", o, boolean=True)  # type: ignore[override]
    def __ne__(self, o: Any) -> Sym: return self._bin("!==", o, boolean=True)  # type: ignore[override]
    def __and__(self, o: Any) -> Sym: return self._bin("&&", o, boolean=True)
    def __rand__(self, o: Any) -> Sym: return self._bin("&&", o, True, boolean=True)
    def __or__(self, o: Any) -> Sym: return self._bin("||", o, boolean=True)
    def __ror__(self, o: Any) -> Sym: return self._bin("||", o, True, boolean=True)
    def __invert__(self) -> Sym: return self.tape.let(f"(!{self.code})", True)
    __hash__ = None  # type: ignore[assignment]

    def __bool__(self) -> bool:
        return self.tape.decide(self)

    def __float__(self) -> float:
        raise TraceError("a traced value was turned into a Python float")

    def copy(self) -> Sym:
        return self

    def astype(self, dtype: Any, copy: bool = True) -> Sym:
        if np.dtype(dtype) == np.float32:
            return self.tape.let(f"Math.fround({self.code})")
        if np.dtype(dtype) == np.float64:
            return self
        raise TraceError(f"cannot trace astype({dtype})")

    @property
    def shape(self) -> tuple[int, ...]:
        return ()

    @property
    def ndim(self) -> int:
        return 0

    @property
    def dtype(self) -> Any:
        return np.dtype(np.float64)


class _MathShim:
    """``math`` as the catalogue's definitions see it while traced: a symbol goes to JavaScript's Math, a
    number to Python's math."""

    def __getattr__(self, name: str) -> Any:
        real = getattr(math, name)
        if not callable(real):
            return real
        js = {"sqrt": "Math.sqrt", "exp": "Math.exp", "log": "Math.log", "log1p": "Math.log1p", "expm1": "Math.expm1",
              "tanh": "Math.tanh", "atan": "Math.atan", "fabs": "Math.abs", "erf": "_erf", "erfc": "_erfc",
              "copysign": "_copysign", "hypot": "Math.hypot", "sin": "Math.sin", "cos": "Math.cos"}.get(name)

        def call(*args: Any) -> Any:
            syms = [a for a in args if isinstance(a, Sym)]
            if not syms:
                return real(*args)
            if js is None:
                raise TraceError(f"no JavaScript for math.{name}")
            tape = syms[0].tape
            return tape.let(f"{js}({','.join(_code(a, tape) for a in args)})", name in ("isfinite", "isnan"))

        return call


@contextlib.contextmanager
def _traced_math(fn: Callable[..., Any]) -> Iterator[None]:
    """Let the modules a definition reads ``math`` from see :class:`_MathShim` while it is traced."""
    from .. import catalog, frameworks, numerics, presets

    spaces = [numerics.__dict__, frameworks.__dict__, presets.__dict__, getattr(fn, "__globals__", {})]
    spaces += [m.__dict__ for m in vars(catalog).values() if getattr(m, "__name__", "").startswith("actviz.catalog.")]
    shim = _MathShim()
    saved = []
    for space in spaces:
        for name, replacement in (("math", shim), ("max", _extreme("max")), ("min", _extreme("min")),
                                  ("_float32", _float32)):
            if name in ("max", "min") or (name in space and (name != "math" or space[name] is math)):
                saved.append((space, name, space.get(name, _MISSING)))
                space[name] = replacement
    try:
        yield
    finally:
        for space, name, before in reversed(saved):
            if before is _MISSING:
                del space[name]
            else:
                space[name] = before


_MISSING = object()


def _extreme(which: str) -> Callable[..., Any]:
    """Python's max/min as a traced definition sees them: over symbols, JavaScript's Math.max/Math.min (no
    branch per comparison); over numbers, Python's own."""
    real = max if which == "max" else min

    def extreme(*args: Any, **kwargs: Any) -> Any:
        items = list(args[0]) if len(args) == 1 else list(args)
        syms = [a for a in items if isinstance(a, Sym)]
        if not syms or kwargs:
            return real(*args, **kwargs)
        tape = syms[0].tape
        return tape.let(f"Math.{which}({','.join(_code(a, tape) for a in items)})")

    return extreme


def _float32(value: Any) -> Any:
    """frameworks' float32 rounding of a constant (TF's slope): JavaScript's Math.fround for a symbol."""
    if isinstance(value, Sym):
        return value.tape.let(f"Math.fround({value.code})")
    return float(np.float32(value))


def _run(fn: Callable[..., Any], names: Mapping[str, Any], decisions: list[bool]) -> tuple[_Tape, Any]:
    tape = _Tape(decisions)
    x = Sym("x", tape)
    params = {k: (Sym(f"p.{k}", tape) if v is None else v) for k, v in names.items()}
    with np.errstate(all="ignore"):
        out = fn(x, **params)
    return tape, out


def trace(fn: Callable[..., Any], params: Mapping[str, Any], *, limit: int = 64) -> list[str]:
    """The JavaScript body of ``fn(x, **params)``: ``params`` maps a parameter's name to None (a symbol,
    read from ``p``) or to a value held fixed. Each Python ``if`` met on a symbol becomes a JavaScript
    ``if``, both ways traced (at most ``limit`` paths)."""
    paths = [0]

    def body(decisions: list[bool], done: int) -> list[str]:
        paths[0] += 1
        if paths[0] > limit:
            raise TraceError("too many branches")
        try:
            tape, out = _run(fn, params, decisions)
        except _Branch as branch:
            tape = branch.cond.tape
            head = tape.lines[done:]
            n = len(tape.lines)
            return [*head, f"if({branch.cond.code}){{", *body([*decisions, True], n), "}else{",
                    *body([*decisions, False], n), "}"]
        return [*tape.lines[done:], f"return {_code(out, tape)};"]

    with _traced_math(fn):
        return body([], 0)


#: erf for JavaScript, which has none: W. J. Cody's rational Chebyshev approximations (Math. Comp. 23, 1969),
#: as in Netlib's SPECFUN CALERF, in three ranges: |x| < 0.46875 (erf), 0.46875 ≤ |x| < 4 and |x| ≥ 4 (erfc, with
#: exp(−x²) split into exp(−y²)·exp(−(x−y)(x+y)), y = x rounded to 1/16, to keep its digits): relative
#: error below 1e−15 in float64, far inside the page's self-test tolerance of 1e−6. erfc keeps its
#: relative accuracy in the right tail (Φ(x) of GELU in the left tail is erfc(−x/√2)/2).
ERF_JS = r"""
function _erfc_pos(x){ // erfc for x >= 0.46875
  let num, den;
  if (x < 4) {
    const c=[5.64188496988670089e-1,8.88314979438837594,6.61191906371416295e1,2.98635138197400131e2,
      8.81952221241769090e2,1.71204761263407058e3,2.05107837782607147e3,1.23033935479799725e3,2.15311535474403846e-8];
    const d=[1.57449261107098347e1,1.17693950891312499e2,5.37181101862009858e2,1.62138957456669019e3,
      3.29079923573345963e3,4.36261909014324716e3,3.43936767414372164e3,1.23033935480374942e3];
    num=c[8]*x; den=x;
    for (let i=0;i<7;i++){ num=(num+c[i])*x; den=(den+d[i])*x; }
    num=(num+c[7])/(den+d[7]);
  } else {
    if (x > 26.7) return 0;
    const p=[3.05326634961232344e-1,3.60344899949804439e-1,1.25781726111229246e-1,1.60837851487422766e-2,
      6.58749161529837803e-4,1.63153871373020978e-2];
    const q=[2.56852019228982242,1.87295284992346725,5.27905102951428412e-1,6.05183413124413191e-2,
      2.33520497626869185e-3];
    const z=1/(x*x);
    num=p[5]*z; den=z;
    for (let i=0;i<4;i++){ num=(num+p[i])*z; den=(den+q[i])*z; }
    num=z*(num+p[4])/(den+q[4]);
    num=(5.6418958354775628695e-1-num)/x;
  }
  const y=Math.trunc(x*16)/16, del=(x-y)*(x+y);
  return Math.exp(-y*y)*Math.exp(-del)*num;
}
function _erf_small(x){ // erf for |x| < 0.46875
  const a=[3.16112374387056560,1.13864154151050156e2,3.77485237685302021e2,3.20937758913846947e3,
    1.85777706184603153e-1];
  const b=[2.36012909523441209e1,2.44024637934444173e2,1.28261652607737228e3,2.84423683343917062e3];
  const z=x*x;
  let num=a[4]*z, den=z;
  for (let i=0;i<3;i++){ num=(num+a[i])*z; den=(den+b[i])*z; }
  return x*(num+a[3])/(den+b[3]);
}
function _erf(x){
  if (Number.isNaN(x)) return NaN;
  const ax=Math.abs(x);
  if (ax < 0.46875) return _erf_small(x);
  const r=1-_erfc_pos(ax);
  return x<0?-r:r;
}
function _erfc(x){
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 0.46875) return 1-_erf_small(x);
  return x<0?2-_erfc_pos(-x):_erfc_pos(x);
}
"""

#: the other helpers a trace may call: numpy's logaddexp (stable), copysign, signbit, fmax/fmin, mod
HELPERS_JS = r"""
function _logaddexp(a,b){
  if (a===b) return a+Math.LN2;
  const m=Math.max(a,b); if (m===-Infinity) return -Infinity; if (m===Infinity) return Infinity;
  return m+Math.log1p(Math.exp(-Math.abs(a-b)));
}
function _copysign(a,b){ return (b<0||Object.is(b,-0))?-Math.abs(a):Math.abs(a); }
function _signbit(a){ return a<0||Object.is(a,-0); }
function _fmax(a,b){ return Number.isNaN(a)?b:Number.isNaN(b)?a:Math.max(a,b); }
function _fmin(a,b){ return Number.isNaN(a)?b:Number.isNaN(b)?a:Math.min(a,b); }
function _sinc(a){ return a===0?1:Math.sin(Math.PI*a)/(Math.PI*a); }
function _mod(a,b){ const r=a%b; return (r!==0&&(r<0)!==(b<0))?r+b:r; }
"""

#: component 1 of the vector functions as x₁ varies, the other logits ``r`` held: softmax (stable: shifted by
#: the maximum), log_softmax, softmin (softmax of −x), sparsemax (the simplex projection by sorting) and
#: Gumbel-softmax without noise (softmax of x/τ); f and ∂f₁/∂x₁, the diagonal of the Jacobian.
VECTOR_JS = r"""
function _softmax1(v){ const m=Math.max(...v); const e=v.map(t=>Math.exp(t-m)); let s=0; for(const t of e) s+=t; return [e[0]/s, e, s]; }
const VECTOR={
  softmax:{f:(x,p,r)=>_softmax1([x,...r])[0], d:(x,p,r)=>{const q=_softmax1([x,...r])[0]; return q*(1-q);}},
  log_softmax:{f:(x,p,r)=>{const v=[x,...r],m=Math.max(...v); let s=0; for(const t of v) s+=Math.exp(t-m); return (x-m)-Math.log(s);},
    d:(x,p,r)=>1-_softmax1([x,...r])[0]},
  softmin:{f:(x,p,r)=>_softmax1([-x,...r.map(t=>-t)])[0], d:(x,p,r)=>{const q=_softmax1([-x,...r.map(t=>-t)])[0]; return -q*(1-q);}},
  gumbel_softmax:{f:(x,p,r)=>_softmax1([x,...r].map(t=>t/p.tau))[0],
    d:(x,p,r)=>{const q=_softmax1([x,...r].map(t=>t/p.tau))[0]; return q*(1-q)/p.tau;}},
  sparsemax:{f:(x,p,r)=>_sparsemax1([x,...r])[0], d:(x,p,r)=>_sparsemax1([x,...r])[1]}
};
function _sparsemax1(v){
  const m=Math.max(...v), z=v.map(t=>t-m), s=[...z].sort((a,b)=>b-a);
  let c=0, k=0, cs=0;
  for (let i=0;i<s.length;i++){ c+=s[i]; if (1+(i+1)*s[i]>c){ k=i+1; cs=c; } }
  const tau=(cs-1)/k, y=Math.max(z[0]-tau,0);
  return [y, y>0?1-1/k:0];
}
"""
