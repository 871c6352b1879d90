"""Number formats and the precision lens: an activation computed in a low-precision format, as a kernel would, against the truth.

Formats (:data:`FORMATS`): ``float16``, ``bfloat16``, ``float32``, ``float8_e4m3`` (OCP E4M3FN, as PyTorch's
``torch.float8_e4m3fn``: no infinities, an overflow is NaN) and ``float8_e5m2``.

The model of a kernel: **every value is stored in the format**. The inputs, every constant and the result
of every operation are rounded to it (to nearest, ties to even; beyond the largest finite value ±inf, or NaN
where the format has no infinity); each operation is computed in float64 before it is rounded, so it is as
accurate as that format's arithmetic can be (a correctly rounded exp, log, tanh, ...). This is the
"storage in the format, arithmetic rounded back after each operation" of bfloat16 and float8 kernels; for
float16 and float32 it is an ideal kernel. numpy's own float16/float32 loops are not used: their last bits
depend on the CPU's SIMD path, and a fact here must not. Composite numpy functions that kernels do not have
as one instruction are taken apart: ``logaddexp(a, b)`` is max + log1p(exp(−|a − b|)), three roundings.

Two formulations per activation: the textbook formula, written as it reads (:data:`NAIVE`, or an expression
as the user wrote it), and actviz's own stable definition (the catalogue's ``fn``, or the expression after
its stable rewrites). The truth is actviz's float64 value (accurate to ~1e−15, tested against mpmath)
rounded to the format. Errors are in units in the last place (ULP) of the format at the truth.

Inputs: every finite value of a 16- or 8-bit format (63,487 for float16, 65,279 for bfloat16, 253 and 247
for the float8 formats), and for float32 64 values in each binade from the smallest subnormal to the
largest finite value, of both signs, and 0 (34,817 in all).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from . import numerics as nx
from .errors import ParameterError
from .errors import option as opt
from .records import OfActivation, check_elementwise

if TYPE_CHECKING:  # pragma: no cover
    from .spec import Bound

__all__ = ["Format", "FORMATS", "DTYPE_NAMES", "DEFAULT_DTYPES", "InFormat", "FormError", "Precision", "NAIVE",
           "check_dtypes", "forms_of", "in_format", "precision", "ULP_BOUND"]


# -- formats ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    """A binary floating-point format: ``precision`` significand bits (the implicit one included),
    ``emin`` the exponent of the smallest normal number, ``max`` the largest finite value, ``infinity``
    whether it has infinities (else an overflow is NaN)."""

    name: str
    bits: int
    precision: int
    emin: int
    max: float
    infinity: bool = True
    ftz: bool = False  #: results below the smallest normal number flush to 0 (fast-math, many accelerators)

    @property
    def tiny(self) -> float:
        """The smallest positive (subnormal) value."""
        return math.ldexp(1.0, self.emin + 1 - self.precision)

    @property
    def smallest_normal(self) -> float:
        return math.ldexp(1.0, self.emin)

    def round(self, values: Any) -> np.ndarray:
        """``values`` (float64) rounded to this format, as float64: to nearest, ties to even; ±inf (or NaN
        without infinities) beyond the largest finite value."""
        v = np.asarray(values, dtype=np.float64)
        if self.name == "float32":  # the hardware conversion is exactly this rounding
            with np.errstate(over="ignore"):
                r = v.astype(np.float32).astype(np.float64)
            return self._flush(r) if self.ftz else r
        # float64's own bits rounded to the format's significand, ties to even (a carry moves into the
        # exponent, as it should); below the smallest normal number the fixed spacing of the subnormals
        drop = np.uint64(53 - self.precision)
        bits = np.ascontiguousarray(v).view(np.uint64)
        r = bits >> drop  # in place from here: the last kept bit, + half an ulp − 1 (ties to even), + v, cut
        r &= np.uint64(1)
        r += np.uint64((1 << (int(drop) - 1)) - 1)
        r += bits
        r &= np.uint64(~((1 << int(drop)) - 1) & (2**64 - 1))
        r = r.view(np.float64).reshape(v.shape)
        small = np.abs(v) < self.smallest_normal
        if small.any():
            r[small] = self._round_subnormal(v[small])
        nan = np.isnan(v)  # any payload: a NaN stays a NaN (the bit arithmetic could carry it to ±inf or 0)
        if nan.any():
            r[nan] = np.nan
        big = np.abs(r) > self.max
        if big.any():
            r = np.where(big, np.copysign(np.inf, v) if self.infinity else np.nan, r)
        return self._flush(r) if self.ftz else r

    def _round_subnormal(self, v: np.ndarray) -> np.ndarray:
        """``v`` (below the smallest normal number) to the nearest multiple of the smallest subnormal."""
        return np.ldexp(np.rint(np.ldexp(v, self.precision - 1 - self.emin)), self.emin + 1 - self.precision)

    def _flush(self, r: np.ndarray) -> np.ndarray:
        return np.where(np.abs(r) < self.smallest_normal, np.copysign(0.0, r), r)


    def ulp(self, values: np.ndarray) -> np.ndarray:
        """The unit in the last place of the format at each (finite) value; the smallest subnormal at 0
        (with ``ftz``, the smallest normal number below it)."""
        v = np.asarray(values, dtype=np.float64)
        _, e = np.frexp(v)
        e = np.where(v == 0, self.emin + 1, e)
        ulp = np.ldexp(1.0, np.maximum(e, self.emin + 1) - self.precision)
        if self.ftz:  # no subnormals: the gap between 0 and the smallest normal number is that number
            ulp = np.where(np.abs(v) < self.smallest_normal, self.smallest_normal, ulp)
        return ulp

    def inputs(self) -> np.ndarray:
        """The inputs evaluated, sorted: every finite value for 8 and 16 bits; for float32, 64 values in
        each binade from the smallest subnormal to the largest finite value, both signs, and 0."""
        return _inputs(self)


@lru_cache(maxsize=8)
def _inputs(fmt: Format) -> np.ndarray:
    if fmt.bits <= 16:
        mbits = fmt.precision - 1
        codes = np.arange(1 << (fmt.bits - 1), dtype=np.int64)
        exponent, mantissa = codes >> mbits, codes & ((1 << mbits) - 1)
        magnitude = np.where(exponent == 0, np.ldexp(mantissa.astype(np.float64), fmt.emin - mbits),
                             np.ldexp(1.0 + mantissa / float(1 << mbits), exponent - 1 + fmt.emin))
        magnitude = magnitude[(magnitude <= fmt.max)]
    else:
        binades = np.arange(fmt.emin + 1 - fmt.precision, fmt.emin + 1 + 127 - fmt.emin)
        magnitude = np.ldexp(1.0 + np.arange(64) / 64.0, binades[:, None]).reshape(-1)
        magnitude = fmt.round(magnitude)
        magnitude = np.append(magnitude[np.isfinite(magnitude) & (magnitude > 0)], fmt.max)
    magnitude = nx.sorted_unique(magnitude)
    if fmt.ftz:  # denormals are zero: a subnormal input is read as 0
        magnitude = magnitude[magnitude >= fmt.smallest_normal]
    out = np.concatenate([-magnitude[::-1], magnitude])
    out = nx.sorted_unique(np.append(out, 0.0))
    out.setflags(write=False)
    return out


FORMATS: dict[str, Format] = {
    "float16": Format("float16", 16, 11, -14, 65504.0),
    "bfloat16": Format("bfloat16", 16, 8, -126, float.fromhex("0x1.fep+127")),
    "float32": Format("float32", 32, 24, -126, float.fromhex("0x1.fffffep+127")),
    "float8_e4m3": Format("float8_e4m3", 8, 4, -6, 448.0, infinity=False),
    "float8_e5m2": Format("float8_e5m2", 8, 3, -14, 57344.0),
}
#: other spellings (PyTorch's and ml_dtypes' names, numpy's short ones)
DTYPE_ALIASES = {"half": "float16", "fp16": "float16", "f16": "float16", "bf16": "bfloat16", "fp32": "float32",
                 "f32": "float32", "single": "float32", "float8_e4m3fn": "float8_e4m3", "e4m3": "float8_e4m3",
                 "fp8_e4m3": "float8_e4m3", "e5m2": "float8_e5m2", "fp8_e5m2": "float8_e5m2"}
DTYPE_NAMES = tuple(FORMATS)
DEFAULT_DTYPES = ("float16", "bfloat16", "float32")
#: actviz's stable forms are held to this many ULP wherever the truth is finite
ULP_BOUND = 4.0


def check_dtypes(dtypes: str | Sequence[str] | None, ftz: bool = False) -> tuple[Format, ...]:
    """The formats named (``"float16,bfloat16"`` or a list; None: :data:`DEFAULT_DTYPES`), each once;
    ``ftz``: each flushing subnormal results (and inputs) to zero."""
    if dtypes is None:
        names: list[str] = list(DEFAULT_DTYPES)
    else:
        items = [dtypes] if isinstance(dtypes, str) else list(dtypes)
        names = [n.strip() for item in items for n in str(item).split(",") if n.strip()]
        if not names:
            raise ParameterError(f"{opt('dtype')} is empty: name one or more of {', '.join(DTYPE_NAMES)}")
    out: list[Format] = []
    for n in names:
        key = n.lower().replace("-", "_")
        key = DTYPE_ALIASES.get(key, key)
        if key not in FORMATS:
            raise ParameterError(f"{opt('dtype')} {n!r} is not a format actviz knows: use {', '.join(DTYPE_NAMES)}")
        fmt = replace(FORMATS[key], ftz=True) if ftz else FORMATS[key]
        if fmt not in out:
            out.append(fmt)
    return tuple(out)


# -- arrays whose every value is stored in a format ----------------------------------------------------------


class LeftFormat(TypeError):
    """A definition turned an :class:`InFormat` array into a plain float64 one: it cannot be evaluated
    in a low-precision format (a bug of that definition, which the tests look for)."""


class InFormat(np.lib.mixins.NDArrayOperatorsMixin):
    """An array of values stored in ``fmt``: numpy's ufuncs and functions on it compute in float64 and round
    every floating-point result to the format (constants too, as they enter an operation). Comparisons give
    plain boolean arrays. Converting it to a plain array raises :class:`LeftFormat`."""

    __slots__ = ("v", "fmt")

    def __init__(self, values: np.ndarray, fmt: Format):
        self.v = values
        self.fmt = fmt

    shape = property(lambda self: self.v.shape)
    ndim = property(lambda self: self.v.ndim)
    size = property(lambda self: self.v.size)
    dtype = property(lambda self: self.v.dtype)

    def __len__(self) -> int:
        return len(self.v)

    def __getitem__(self, index: Any) -> InFormat:
        return InFormat(self.v[_plain(index)], self.fmt)

    def __setitem__(self, index: Any, value: Any) -> None:
        self.v[_plain(index)] = _operand(value, self.fmt)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        raise LeftFormat(f"a definition converted its {self.fmt.name} input to a float64 array")

    def __float__(self) -> float:
        return float(self.v)

    def copy(self) -> InFormat:
        return InFormat(self.v.copy(), self.fmt)

    def reshape(self, *shape: Any) -> InFormat:
        return InFormat(self.v.reshape(*shape), self.fmt)

    def astype(self, dtype: Any, **_: Any) -> Any:
        """Stays in the format for a floating dtype (the definition meant "as float"); else plain."""
        if np.dtype(dtype).kind == "f":
            return self.copy()
        return self.v.astype(dtype)

    def __array_ufunc__(self, ufunc: np.ufunc, method: str, *inputs: Any, **kwargs: Any) -> Any:
        if method != "__call__" or kwargs.get("out") is not None:
            return NotImplemented
        if ufunc in (np.logaddexp, np.logaddexp2):
            return _logaddexp(ufunc, *inputs, fmt=self.fmt)
        with np.errstate(all="ignore"):
            if ufunc in nx.SCALAR:  # erf, erfc: libm's, as one operation
                return _result(nx.elementwise(nx.SCALAR[ufunc], _operand(inputs[0], self.fmt)), self.fmt)
            out = ufunc(*(_operand(a, self.fmt) for a in inputs), **kwargs)
        if ufunc in _SELECTING:  # the result is one of the operands (or its sign flipped): in the format
            return InFormat(out, self.fmt) if out.dtype.kind == "f" else out
        return _result(out, self.fmt)

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        if func is np.sinc:  # numpy's is one float64 call: here sin(πx)/(πx), each operation in the format
            t = args[0] * math.pi
            return np.where(t.v == 0, 1.0, np.sin(t) / np.where(t.v == 0, 1.0, t))
        if func in _CHOOSING:  # the result is picked from the operands, each stored in the format first
            with np.errstate(all="ignore"):
                out = func(*(_operand(a, self.fmt) for a in args), **{k: _operand(v, self.fmt) for k, v in kwargs.items()})
            return InFormat(out, self.fmt) if np.asarray(out).dtype.kind == "f" else out
        with np.errstate(all="ignore"):
            out = func(*_plain(args), **_plain(kwargs))
        return _result(out, self.fmt)


#: ufuncs whose result is one of their operands, or its negation or absolute value: exact in any format
_SELECTING = frozenset({np.maximum, np.minimum, np.fmax, np.fmin, np.absolute, np.negative, np.positive,
                        np.copysign, np.sign})
#: numpy functions that pick each element from their operands
_CHOOSING = frozenset({np.where, np.clip})


def _plain(a: Any) -> Any:
    """``a`` with every InFormat replaced by its values (through tuples, lists and dicts)."""
    if isinstance(a, InFormat):
        return a.v
    if isinstance(a, (tuple, list)):
        return type(a)(_plain(b) for b in a)
    if isinstance(a, dict):
        return {k: _plain(b) for k, b in a.items()}
    return a


_CONSTANTS: dict[tuple[Format, float], float] = {}


def _operand(a: Any, fmt: Format) -> Any:
    """An operand as it is stored: an InFormat's values, a boolean as it is, any other number rounded."""
    if isinstance(a, InFormat):
        return a.v
    if isinstance(a, (float, int)) and not isinstance(a, bool):  # a constant of the definition
        key = (fmt, float(a))
        if key not in _CONSTANTS:
            if len(_CONSTANTS) > 4096:
                _CONSTANTS.clear()
            # beyond the largest value a constant saturates where the format has no infinity (float8_e4m3:
            # a guard such as clip(x, −800, 800) stays a guard, as a kernel's saturating conversion keeps it)
            value = float(np.clip(a, -fmt.max, fmt.max)) if not fmt.infinity else float(a)
            _CONSTANTS[key] = float(fmt.round(np.float64(value)))
        return _CONSTANTS[key]
    arr = np.asarray(a)
    if arr.dtype.kind == "b" or arr.dtype.kind == "O":
        return a
    return fmt.round(arr.astype(np.float64))


def _result(out: Any, fmt: Format) -> Any:
    if isinstance(out, tuple):
        return tuple(_result(o, fmt) for o in out)
    arr = np.asarray(out)
    if arr.dtype.kind in "fO":
        return InFormat(fmt.round(np.asarray(arr, dtype=np.float64)), fmt)
    return out


def _logaddexp(ufunc: np.ufunc, a: Any, b: Any, fmt: Format) -> InFormat:
    """log(eᵃ + eᵇ) as a kernel computes it: max(a, b) + log1p(exp(−|a − b|)) (base 2 for logaddexp2)."""
    a = a if isinstance(a, InFormat) else InFormat(_operand(a, fmt) + np.zeros(np.shape(b)), fmt)
    m = np.maximum(a, b)
    d = -np.abs(a - b)
    if ufunc is np.logaddexp2:
        return m + np.log1p(np.exp2(d)) / math.log(2.0)
    return m + np.log1p(np.exp(d))


def in_format(fn: Callable[..., Any], x: np.ndarray, fmt: Format, params: Mapping[str, Any]) -> np.ndarray:
    """``fn(x, **params)`` computed in ``fmt`` (``x`` already in it), as float64 values of the format."""
    with np.errstate(all="ignore"):
        out = fn(InFormat(x.copy(), fmt), **params)
    if isinstance(out, InFormat):
        return out.v if out.v.shape == x.shape and out.v is not x else np.broadcast_to(out.v, x.shape).copy()
    return fmt.round(np.broadcast_to(np.asarray(out, dtype=np.float64), x.shape))  # a constant


# -- the formulations ----------------------------------------------------------------------------------------

#: The textbook formula of each scalar catalogue function, as its paper or a course writes it, in actviz's
#: expression grammar (its parameters by name). Where it depends on a parameter's value, a callable of the
#: parameters. The GLU family is drawn over its gate with the value half held at ``value``.
NAIVE: dict[str, str | Callable[..., str]] = {
    "identity": "x",
    "bent_identity": "(sqrt(x**2 + 1) - 1)/2 + x",
    "soft_exponential": lambda alpha=0.5, **_: "x" if alpha == 0 else "(exp(alpha*x) - 1)/alpha + alpha",
    "exponential": "exp(x)",
    "binary_step": "where(x >= 0, 1, 0)",
    "sigmoid": "1/(1 + exp(-a*x))",
    "tanh": "(exp(x) - exp(-x))/(exp(x) + exp(-x))",
    "hardsigmoid": "min(max(0, x/6 + 1/2), 1)",
    "sparse_sigmoid": "min(max(0, (x + 1)/2), 1)",
    "hardtanh": "min(max(x, min_val), max_val)",
    "softsign": "x/(1 + abs(x))",
    "arctan": "arctan(x)",
    "isru": "x/sqrt(1 + alpha*x**2)",
    "logsigmoid": "log(1/(1 + exp(-x)))",
    "lecun_tanh": "1.7159*tanh(2*x/3)",
    "smht": "(exp(a*x) - exp(-b*x))/(exp(c*x) + exp(-d*x))",
    "laplace": "(1 + erf((x - mu)/(sigma*sqrt(2))))/2",
    "relu": "max(0, x) + alpha*min(0, x)",
    "leaky_relu": "max(0, x) + alpha*min(0, x)",
    "prelu": "max(0, x) + alpha*min(0, x)",
    "rrelu": "max(0, x) + (lower + upper)/2*min(0, x)",
    "relu6": "min(max(0, x), 6)",
    "threshold": "where(x > threshold, x, value)",
    "srelu": "where(x <= t_left, t_left + a_left*(x - t_left), where(x >= t_right, t_right + a_right*(x - t_right), x))",
    "squared_relu": "max(0, x)**2",
    "star_relu": "scale*max(0, x)**2 + bias",
    "maxout": "max(w1*x + b1, w2*x + b2)",
    "crelu": lambda output="positive", **_: "max(0, x)" if output == "positive" else "max(0, -x)",
    "elu": "where(x > 0, x, alpha*(exp(x) - 1))",
    "selu": "1.0507009873554805*where(x > 0, x, 1.6732632423543772*(exp(x) - 1))",
    "celu": "where(x > 0, x, alpha*(exp(x/alpha) - 1))",
    "isrlu": "where(x >= 0, x, x/sqrt(1 + alpha*x**2))",
    "xielu": "where(x > 0, alpha_p*x**2 + beta*x, alpha_n*(exp(min(x, eps)) - 1 - x) + beta*x)",
    "softplus": lambda threshold=math.inf, **_: (
        "log(1 + exp(beta*x))/beta" if threshold == math.inf else "where(beta*x > threshold, x, log(1 + exp(beta*x))/beta)"),
    "squareplus": "(x + sqrt(x**2 + b))/2",
    "sparse_plus": "where(x <= -1, 0, where(x < 1, (x + 1)**2/4, x))",
    "logcosh": "log(cosh(x))",
    "sqrtsoftplus": lambda threshold=math.inf, **_: (
        "sqrt(log(1 + exp(x)))" if threshold == math.inf else "sqrt(where(x > threshold, x, log(1 + exp(x))))"),
    "gelu": lambda approximate="none", **_: (
        "x/2*(1 + erf(x/sqrt(2)))" if approximate == "none"
        else "x/2*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x**3)))"),
    "quick_gelu": "x*(1/(1 + exp(-1.702*x)))",
    "silu": "x*(1/(1 + exp(-beta*x)))",
    "mish": "x*tanh(log(1 + exp(x)))",
    "hardswish": "x*min(max(0, x + 3), 6)/6",
    "elish": "where(x >= 0, x/(1 + exp(-x)), (exp(x) - 1)/(1 + exp(-x)))",
    "hard_elish": "where(x >= 0, x, exp(x) - 1)*max(0, min(1, (x + 1)/2))",
    "lisht": "x*tanh(x)",
    "tanhexp": "x*tanh(exp(x))",
    "clipped_gelu": "min(max(x/2*(1 + erf(x/sqrt(2))), min_val), max_val)",
    "glu": "value/(1 + exp(-x))",
    "reglu": "value*max(0, x)",
    "geglu": "value*x/2*(1 + erf(x/sqrt(2)))",
    "swiglu": "value*x*(1/(1 + exp(-beta*x)))",
    "swigluoai": "(min(max(value, -limit), limit) + 1)*min(x, limit)/(1 + exp(-alpha*min(x, limit)))",
    "softshrink": "where(x > lambd, x - lambd, where(x < -lambd, x + lambd, 0))",
    "hardshrink": "where(abs(x) > lambd, x, 0)",
    "tanhshrink": "x - tanh(x)",
    "gaussian": "exp(-x**2)",
    "sinusoid": "sin(x)",
    "sinc": "where(x == 0, 1, sin(pi*x)/(pi*x))",
    "gcu": "x*cos(x)",
    "snake": "x + sin(alpha*x)**2/alpha",
}


@dataclass(frozen=True)
class Form:
    """One way to compute an activation: ``kind`` ``"naive"`` (the formula as written) or ``"stable"``
    (actviz's definition); ``formula`` the naive formula's text (``""`` for actviz's)."""

    kind: str
    formula: str
    fn: Callable[..., Any] = field(repr=False)
    params: Mapping[str, Any] = field(repr=False, default_factory=dict)


def _naive_text(bound: Bound) -> str | None:
    act = bound.act
    if act.source:
        return act.source
    entry = NAIVE.get(act.origin)
    if entry is None:
        return None
    return entry(**_all_params(bound)) if callable(entry) else entry


def _all_params(bound: Bound) -> dict[str, Any]:
    """The parameters the definition uses: the bound ones and, for a framework's preset, those it fixes."""
    return {**dict(bound.act.fixed), **dict(bound.params)}


def forms_of(bound: Bound) -> tuple[Form, Form]:
    """The naive and the stable form of an element-wise activation."""
    from .expressions import numeric
    from .expressions.grammar import parse

    text = _naive_text(bound)
    if text is None:  # a preset or catalogue function without a textbook formula: refused, named
        raise ParameterError(f"{bound.name} has no textbook formula in actviz's precision lens; "
                             f"its definition alone cannot be compared")
    tree = parse(text)
    numbers = {k: float(v) for k, v in _all_params(bound).items()
               if isinstance(v, (int, float)) and not isinstance(v, bool)}
    raw = numeric.as_written(tree)
    naive = Form("naive", text, lambda x, **p: raw(x, p), numbers)
    if bound.act.source:  # an expression: its stable rewrites
        stable_raw = numeric.rewritten(tree)
        stable = Form("stable", "", lambda x, **p: stable_raw(x, p), numbers)
    else:
        stable = Form("stable", "", bound.act.fn, dict(bound.params))
    return naive, stable


# -- the errors ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormError:
    """How one form does in one format, over the inputs: ``max_ulp`` the largest error in ULPs where both
    the truth and the form are finite, at ``max_ulp_at``; ``nonfinite`` inputs where the form gives inf or
    NaN and the truth is finite; ``flushed`` where it gives 0 and the truth is not 0; ``overflow_at`` the
    smallest x > 0 where the form is not finite (None if never), ``overflow_below`` the largest x < 0; ``flush_at`` the input nearest 0 where it
    gives 0 and the truth is not (None if never); ``over_bound`` inputs more than :data:`ULP_BOUND` ULP off,
    non-finite ones included; ``beyond_conditioning`` inputs off by more than ULP_BOUND + 2s(x) ULP, where
    s(x) = |f′(x)|·ulp(x)/ulp(f(x)) is how many ULPs f moves when x moves by one (``sensitivity_at_max`` at
    the worst input; the condition number |x f′/f| where f is normal): an error within it is no more than
    rounding x by an ULP would make (backward stable), the best a formula with rounded intermediates can
    promise. ``ulp`` holds the error at each input (inf where the form is not
    finite and the truth is; NaN where the truth is not finite in the format)."""

    kind: str
    formula: str
    max_ulp: float
    max_ulp_at: float | None
    nonfinite: int
    flushed: int
    overflow_at: float | None
    overflow_below: float | None
    flush_at: float | None
    over_bound: int
    beyond_conditioning: int
    sensitivity_at_max: float | None
    values: np.ndarray = field(repr=False, compare=False)
    ulp: np.ndarray = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"formula": self.formula or None, "max_ulp": self.max_ulp, "max_ulp_at": self.max_ulp_at,
                "nonfinite": self.nonfinite, "flushed": self.flushed, "overflow_at": self.overflow_at,
                "overflow_below": self.overflow_below,
                "flush_at": self.flush_at, "over_bound": self.over_bound,
                "beyond_conditioning": self.beyond_conditioning, "sensitivity_at_max": self.sensitivity_at_max}


def _as_number(v: np.ndarray, fmt: Format) -> np.ndarray:
    """±inf as the value one ULP beyond the largest finite one (where the format has infinities), so that
    an answer of ±inf where the truth is ±max (or the reverse) is 1 ULP off, as rounding can make it."""
    infinite = np.isinf(v)
    if not fmt.infinity or not infinite.any():
        return v
    return np.where(infinite, np.copysign(fmt.max + float(fmt.ulp(np.array(fmt.max))), v), v)


@dataclass(frozen=True)
class _Truth:
    """The truth at every input, once for both forms: its value in the format, as a number (±inf one ULP
    beyond the largest value), the ULP there, and where it is finite and not 0."""

    value: np.ndarray
    number: np.ndarray
    unit: np.ndarray
    finite: np.ndarray
    nonzero: np.ndarray

    @classmethod
    def of(cls, truth: np.ndarray, fmt: Format) -> _Truth:
        finite = np.isfinite(truth)
        return cls(truth, _as_number(truth, fmt), fmt.ulp(np.where(finite, truth, fmt.max)), finite,
                   finite & (truth != 0))


def _flush_tail(x: np.ndarray, flushed: np.ndarray, nonzero: np.ndarray) -> float | None:
    """Where a flushed tail starts: the input nearest 0 from which on, towards −∞ or +∞, the form gives 0
    wherever the truth is not 0 (the nearer of the two sides; None where neither side has such a tail)."""
    starts = []  # x is sorted: from 0 outwards is the negative side reversed, the positive side as it is
    for order in (np.flatnonzero((x < 0) & nonzero)[::-1], np.flatnonzero((x > 0) & nonzero)):
        if not order.size:
            continue
        kept = np.flatnonzero(~flushed[order])
        tail = order[kept[-1] + 1:] if kept.size else order
        if tail.size:
            starts.append(float(x[tail[0]]))
    return min(starts, key=abs) if starts else None


def _first(form: Form, fmt: Format, good: float, bad: float, wrong: Callable[[float], bool]) -> float:
    """The float32 input nearest ``good`` on the way to ``bad`` where the form is ``wrong``, by bisection
    over the float32 numbers between them (they share a sign; ``wrong(bad)`` holds, ``wrong(good)`` not)."""
    lo, hi = (int(np.array(v, dtype=np.float32).view(np.int32)) for v in (good, bad))
    def value(k: int) -> float:
        x = np.array([k], dtype=np.int32).view(np.float32).astype(np.float64)
        return float(in_format(form.fn, x, fmt, form.params)[0])

    while abs(hi - lo) > 1:
        mid = (lo + hi) // 2
        if wrong(value(mid)):
            hi = mid
        else:
            lo = mid
    return float(np.array(hi, dtype=np.int32).view(np.float32))


def _sensitivity(bound: Bound, x: np.ndarray, fmt: Format) -> np.ndarray:
    """How many ULPs of the format f moves when x moves by one: |f′(x)|·ulp(x)/ulp(f(x)) (the condition
    number |x f′/f| where f is a normal number; smaller where f is subnormal, whose ULP is fixed)."""
    with np.errstate(all="ignore"):
        exact = np.asarray(bound(x), dtype=np.float64)
        slope = np.asarray(bound.derivative(x), dtype=np.float64)
        moved = np.abs(slope) * fmt.ulp(x) / fmt.ulp(np.where(np.isfinite(exact), exact, fmt.max))
    return np.where(np.isnan(moved), np.inf, moved)


def _errors(form: Form, x: np.ndarray, truth: _Truth, bound: Bound, fmt: Format) -> FormError:
    c = in_format(form.fn, x, fmt, form.params)
    finite_c = np.isfinite(c)
    with np.errstate(invalid="ignore"):  # NaN in either stays NaN: not measured
        ulp = np.abs(_as_number(c, fmt) - truth.number) / truth.unit
    nonfinite = truth.finite & ~finite_c
    if nonfinite.any():
        with np.errstate(invalid="ignore"):
            nonfinite &= ~(np.isinf(c) & (ulp <= 1.0))  # ±inf against ±max: a rounding at the top, 1 ULP
        ulp[nonfinite] = np.inf
    measured = np.isfinite(ulp)
    if measured.any():
        i = int(np.argmax(np.where(measured, ulp, -1.0)))
        worst, at = float(ulp[i]), float(x[i])
    else:
        i, worst, at = 0, 0.0, None
    flushed = truth.nonzero & (c == 0)
    over = x[(x > 0) & ~finite_c]
    overflow_at = float(over.min()) if over.size else None
    under = x[(x < 0) & ~finite_c]
    overflow_below = float(under.max()) if under.size else None
    flush_at = _flush_tail(x, flushed, truth.nonzero)
    if fmt.bits > 16:  # a sample of float32: the exact first input between the two samples around it
        if overflow_at is not None:
            below = x[(x > 0) & (x < overflow_at)]
            if below.size:
                overflow_at = _first(form, fmt, float(below.max()), overflow_at, lambda v: not math.isfinite(v))
        if flush_at is not None:
            inner = x[(np.sign(x) == math.copysign(1.0, flush_at)) & (np.abs(x) < abs(flush_at))]
            if inner.size:
                start = float(inner[np.argmax(np.abs(inner))])
                flush_at = _first(form, fmt, start, flush_at, lambda v: v == 0.0)
    with np.errstate(invalid="ignore"):
        bad = truth.finite & ~(ulp <= ULP_BOUND)
    beyond = 0
    if bad.any():  # f′ is needed only where the error passes the bound: evaluated there alone
        with np.errstate(invalid="ignore"):
            beyond = int(np.sum(~(ulp[bad] <= ULP_BOUND + 2.0 * _sensitivity(bound, x[bad], fmt))))
    return FormError(
        kind=form.kind, formula=form.formula, max_ulp=worst, max_ulp_at=None if worst == 0.0 else at,
        nonfinite=int(nonfinite.sum()), flushed=int(flushed.sum()),
        overflow_at=overflow_at, overflow_below=overflow_below, flush_at=flush_at, over_bound=int(bad.sum()),
        beyond_conditioning=beyond,
        sensitivity_at_max=float(_sensitivity(bound, x[i:i + 1], fmt)[0]) if worst > 0 else None, values=c, ulp=ulp)


@dataclass(frozen=True)
class Precision(OfActivation):
    """One activation in one format (:func:`actviz.precision`): ``naive`` and ``stable``
    (:class:`FormError`), the ``inputs`` evaluated and the ``truth`` there (float64, rounded to the format).
    ``to_dict()``: name, params, dtype, inputs, the flat summary (``naive_overflow_at``, ``naive_max_ulp``,
    ``stable_max_ulp``, ``stable_nonfinite``, ...) and both forms in full."""

    bound: Bound
    format: Format
    inputs: np.ndarray = field(repr=False, compare=False)
    truth: np.ndarray = field(repr=False, compare=False)
    naive: FormError
    stable: FormError

    @property
    def dtype(self) -> str:
        return self.format.name

    @property
    def truth_overflows(self) -> int:
        """Inputs where the true value itself is beyond the format's largest finite value."""
        return int((~np.isfinite(self.truth)).sum())

    def to_dict(self) -> dict[str, Any]:
        out = self._record()
        out.update(dtype=self.dtype, ftz=self.format.ftz, inputs=int(self.inputs.size),
                   truth_overflows=self.truth_overflows,
                   naive_formula=self.naive.formula, naive_overflow_at=self.naive.overflow_at,
                   naive_flush_at=self.naive.flush_at, naive_max_ulp=self.naive.max_ulp,
                   naive_nonfinite=self.naive.nonfinite, naive_flushed=self.naive.flushed,
                   stable_overflow_at=self.stable.overflow_at, stable_max_ulp=self.stable.max_ulp,
                   stable_nonfinite=self.stable.nonfinite, stable_flushed=self.stable.flushed,
                   ulp_bound=ULP_BOUND)
        out["forms"] = {"naive": self.naive.to_dict(), "stable": self.stable.to_dict()}
        return out


def check_scalar(bound: Bound) -> None:
    """Refuse what has no scalar form: a vector activation."""
    check_elementwise(bound, "the precision lens")


def precision(bound: Bound, fmt: Format, forms: tuple[Form, Form] | None = None) -> Precision:
    """``bound`` over every input of ``fmt`` (see the module): naive and stable forms against the truth
    (``forms``: :func:`forms` of ``bound``, where the caller made them already)."""
    check_scalar(bound)
    naive, stable = forms_of(bound) if forms is None else forms
    x = fmt.inputs()
    with np.errstate(all="ignore"):
        truth = _Truth.of(fmt.round(np.asarray(bound(x), dtype=np.float64)), fmt)
    return Precision(bound=bound, format=fmt, inputs=x, truth=truth.value, naive=_errors(naive, x, truth, bound, fmt),
                     stable=_errors(stable, x, truth, bound, fmt))
