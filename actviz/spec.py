"""What an activation is: its parameters, its maths, and the facts declared about it.

An :class:`Activation` is a frozen record. Callables in it take the input ``x`` (float64 array)
and the parameters as keywords; the declared facts (limits at ±∞, kinks, order of continuity)
are either constants or callables of the parameters, so they stay true for any parameters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from .delegate import delegated
from .errors import ParameterError
from .facts import UNDECIDED, Limit, Undecided, undecided

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Properties

__all__ = ["Param", "Activation", "Bound", "SMOOTH", "DISCONTINUOUS", "Value", "Limit", "Undecided", "UNDECIDED",
           "undecided"]

SMOOTH = math.inf  #: order of continuity of an infinitely differentiable function (C∞)
DISCONTINUOUS = -1  #: order of continuity of a function with a jump

Value = float | str


Fact = Any | Callable[..., Any]  # a constant, or a callable of the parameters


@dataclass(frozen=True)
class Param:
    """One parameter: its name, default, valid domain and meaning.

    A numeric parameter accepts finite numbers inside ``[low, high]`` (each end open when its
    ``*_open`` flag is set, absent when ``None``); a choice parameter accepts one of ``choices``.
    """

    name: str
    default: Value
    help: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] = ()
    symbol: str = ""  #: mathtext symbol used in titles, e.g. r"\alpha"
    off: bool = False  #: +∞ is also valid and means "switched off" (softplus's threshold)

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)

    @property
    def domain(self) -> str:
        """The valid values in words, e.g. ``alpha > 0`` or ``one of 'none', 'tanh'``."""
        if self.is_choice:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.off:
            return f"{self.name} {'>' if self.low_open else '≥'} {_num(self.low or 0.0)}, or inf (off)"
        lo = None if self.low is None else f"{self.name} {'>' if self.low_open else '≥'} {_num(self.low)}"
        hi = None if self.high is None else f"{self.name} {'<' if self.high_open else '≤'} {_num(self.high)}"
        if lo and hi:
            return (
                f"{_num(self.low)} {'<' if self.low_open else '≤'} {self.name} "
                f"{'<' if self.high_open else '≤'} {_num(self.high)}"
            )
        return lo or hi or f"{self.name}: any finite number"

    def validate(self, value: Any) -> Value:
        """Return ``value`` as this parameter's type, or raise :class:`ParameterError`."""
        if self.is_choice:
            if isinstance(value, str) and value in self.choices:
                return value
            raise ParameterError(f"{self.name}={value!r} is not valid: {self.name} must be {self.domain}")
        if isinstance(value, str):
            return self.parse(value)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ParameterError(f"{self.name}={value!r} is not a number: {self.domain}")
        try:
            number = float(value)
        except OverflowError:  # an int beyond float64
            raise ParameterError(f"{self.name}={value!r} is out of range: {self.domain}") from None
        ok = math.isfinite(number) or (self.off and number == math.inf)
        if ok and self.low is not None:
            ok = number > self.low if self.low_open else number >= self.low
        if ok and self.high is not None:
            ok = number < self.high if self.high_open else number <= self.high
        if not ok:
            raise ParameterError(f"{self.name}={value!r} is out of range: {self.domain}")
        return number

    def parse(self, text: str) -> Value:
        """Parse command-line text into a valid value."""
        text = text.strip()
        if self.is_choice:
            return self.validate(text)
        try:
            number = float(text)
        except ValueError:
            raise ParameterError(f"{self.name}={text!r} is not a number: {self.domain}") from None
        return self.validate(number)


@dataclass(frozen=True)
class Activation:
    """One activation function, defined once, with everything actviz says about it.

    ``fn`` and ``derivative_fn`` take ``(x, **params)`` with ``x`` a float64 array.
    ``limits`` gives (lim f at −∞, lim f at +∞) and ``derivative_limits`` the same for f′
    (``None`` where no limit exists, :data:`UNDECIDED` where it could not be decided). ``kinks`` are the points where f or f′ jumps; ``joins`` the
    other points where the definition changes piece (f and f′ continuous: squared ReLU at 0), so
    that between the kinks and joins f is analytic.
    ``continuity`` is the largest k with f in C^k (``SMOOTH`` for C∞, ``DISCONTINUOUS`` for a jump).
    ``check`` validates relations between parameters and returns an error message or ``None``.
    ``formula`` and ``derivative_formula`` are mathtext (without ``$``), or callables of the
    parameters giving the formula as it reads for them (plain ReLU: max(0, x), not max(0, x) + 0·min(0, x)).
    A ``vector`` activation (softmax) maps the last axis to a vector; its ``derivative`` is the
    diagonal of the Jacobian, ∂yᵢ/∂xᵢ; its ``kinks`` are those of its 2-logit case (x, 0).
    ``axis`` says what x is where it is not simply the input (a GLU drawn over its gate half).
    A framework preset (``actviz.get("gelu", framework="jax")``) is an Activation whose
    ``framework`` names the framework whose definition, defaults and conventions it carries.
    """

    name: str
    label: str
    family: str
    summary: str
    formula: Fact
    derivative_formula: Fact
    fn: Callable[..., np.ndarray] = field(repr=False)
    derivative_fn: Callable[..., np.ndarray] = field(repr=False)
    params: tuple[Param, ...] = ()
    limits: Fact = (None, None)
    derivative_limits: Fact = (None, None)
    kinks: Fact = ()
    joins: Fact = ()
    continuity: Fact = SMOOTH
    aliases: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    reference: str = ""
    vector: bool = False
    check: Callable[..., str | None] | None = field(default=None, repr=False)
    axis: str = ""  #: what x is, where it is not simply the input (a GLU's gate, the value half held fixed)
    framework: str = ""  #: the framework whose definition this is ("torch", "jax", ...; see actviz.frameworks)
    base: str = ""  #: the catalogue activation a framework's definition is a version of ("" for itself)
    source: str = ""  #: the expression in x it was compiled from ("" for a catalogue function)
    fixed: tuple[tuple[str, Any], ...] = ()  #: a preset's parameters fixed by its framework, (name, value) pairs

    @property
    def origin(self) -> str:
        """The catalogue name behind this activation: ``hardswish`` for JAX's ``jax.hard_silu``, else its own."""
        return self.base or self.name

    def __repr__(self) -> str:
        """``<Activation elu: ELU, f(x) = x if x > 0, else α(eˣ − 1); alpha=1 (alpha > 0)>``."""
        from .formulas import plain_formula

        params = "; " + ", ".join(f"{p.name}={_value(p.default)}" for p in self.params) if self.params else ""
        return f"<Activation {self.name}: {self.label}, {plain_formula(self.formula_at())}{params}>"

    def describe(self) -> str:
        """What ``help(act)`` shows: summary, formula, derivative, parameters, family, aliases."""
        from .formulas import plain_formula

        lines = [f"{self.label} ({self.name}): {self.summary}", "",
                 f"    {plain_formula(self.formula_at())}", f"    {plain_formula(self.derivative_formula_at())}", ""]
        if self.params:
            lines.append("Parameters (keywords, e.g. act(x, " + f"{self.params[0].name}=...)):")
            for p in self.params:
                lines.append(f"    {p.name} = {_value(p.default)}: {p.help} ({p.domain})")
        else:
            lines.append("No parameters.")
        lines.append(f"Family: {self.family}" + (f"; aliases: {', '.join(self.aliases)}" if self.aliases else ""))
        if self.reference:
            lines.append(f"Reference: {self.reference}")
        lines += ["", "act(x, **params) -> f(x); act.derivative(x, **params) -> f'(x); "
                  "act.properties(**params) -> derived facts; act.bind(**params) -> a Bound activation."]
        return "\n".join(lines)

    # -- parameters -------------------------------------------------------------------------
    def bind(self, params: Mapping[str, Any] | None = None, /, **kwargs: Any) -> Bound:
        """This activation with its parameters resolved and validated once (defaults filled in)."""
        return Bound(self, self.resolve(params, **kwargs))

    @property
    def defaults(self) -> dict[str, Value]:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise ParameterError(f"{self.name} has no parameter {name!r}; {self._valid_params()}")

    def resolve(self, params: Mapping[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Value]:
        """Validated parameters with defaults filled in; raise :class:`ParameterError` otherwise."""
        given = {**(params or {}), **kwargs}
        resolved = dict(self.defaults)
        for key, value in given.items():
            resolved[key] = self.param(key).validate(value)
        if self.check is not None:
            problem = self.check(**resolved)
            if problem:
                raise ParameterError(f"{self.name}: {problem}")
        return resolved

    def non_defaults(self, params: Mapping[str, Any] | None = None) -> dict[str, Value]:
        """The resolved parameters that differ from the defaults, in declaration order."""
        resolved = self.resolve(params)
        return {k: v for k, v in resolved.items() if v != self.defaults[k]}

    def _valid_params(self) -> str:
        if not self.params:
            return "it takes no parameters"
        return "valid parameters: " + ", ".join(f"{p.name} ({p.domain})" for p in self.params)

    # -- evaluation -------------------------------------------------------------------------
    def __call__(self, x: Any, /, **params: Any) -> np.ndarray:
        return self._apply(self.fn, x, params)

    def derivative(self, x: Any, /, **params: Any) -> np.ndarray:
        """The analytic derivative f′(x) (for a vector activation, ∂yᵢ/∂xᵢ)."""
        return self._apply(self.derivative_fn, x, params)

    def _apply(self, fn: Callable[..., np.ndarray], x: Any, params: Mapping[str, Any]) -> np.ndarray:
        return self._apply_resolved(fn, x, self.resolve(params))

    def _apply_resolved(self, fn: Callable[..., np.ndarray], x: Any, resolved: Mapping[str, Any]) -> np.ndarray:
        arr = np.asarray(x, dtype=np.float64)
        # Overflow to ±inf and underflow to 0 are IEEE's correctly rounded answers: where the true
        # value is beyond float64, or where an intermediate (2x, x/α, e^x) overflows on the way to a
        # saturated result. Definitions are tested to stay exact there; NaN ('invalid') still warns.
        with np.errstate(over="ignore", under="ignore"):
            if self.vector and arr.ndim == 0:
                return fn(arr.reshape(1), **resolved).reshape(())[()]
            infinite = None if self.vector else np.isinf(arr)
            if infinite is not None and infinite.any():
                return self._at_infinity(fn, arr, infinite, resolved)
            out = fn(arr, **resolved)
        return out[()] if arr.ndim == 0 else out

    def _at_infinity(self, fn: Callable[..., np.ndarray], arr: np.ndarray, infinite: np.ndarray,
                     resolved: Mapping[str, Any]) -> np.ndarray:
        """``fn`` where x is ±inf: the declared limit at that end (as PyTorch and JAX answer: relu(−inf)
        = 0, softsign(inf) = 1), NaN where there is none or it is undecided; the formula elsewhere."""
        out = np.array(fn(np.where(infinite, 0.0, arr), **resolved), dtype=np.float64)
        fact = self.limits if fn is self.fn else self.derivative_limits if fn is self.derivative_fn else None
        low, high = self._fact_resolved(fact, resolved) if fact is not None else (None, None)
        low, high = (np.nan if v is None or undecided(v) else v for v in (low, high))
        ends = np.where(arr > 0, high, low)
        out = np.where(infinite, ends, out)
        return out[()] if arr.ndim == 0 else out

    # -- declared facts, for given parameters -----------------------------------------------
    def limits_at(self, **params: Any) -> tuple[Limit, Limit]:
        return self._fact(self.limits, params)

    def derivative_limits_at(self, **params: Any) -> tuple[Limit, Limit]:
        return self._fact(self.derivative_limits, params)

    def kinks_at(self, **params: Any) -> tuple[float, ...]:
        return self.bind(params).kinks()

    def continuity_at(self, **params: Any) -> float:
        return self._fact(self.continuity, params)

    def formula_at(self, **params: Any) -> str:
        """The formula (mathtext) as it reads for these parameters."""
        return self._fact(self.formula, params)

    def derivative_formula_at(self, **params: Any) -> str:
        return self._fact(self.derivative_formula, params)

    def _fact(self, fact: Fact, params: Mapping[str, Any]) -> Any:
        return self._fact_resolved(fact, self.resolve(params))

    @staticmethod
    def _fact_resolved(fact: Fact, resolved: Mapping[str, Any]) -> Any:
        return fact(**resolved) if callable(fact) else fact

    def properties(self, **params: Any) -> Properties:
        """Properties derived from the function itself for these parameters (see analysis)."""
        return self.bind(params).properties()


class _Doc:
    """``__doc__`` of an Activation: the class's docstring on the class, a description of the
    activation (built on first use, not at import) on an instance, so ``help(act)`` explains it."""

    def __init__(self, text: str | None):
        self.text = text

    def __get__(self, obj: Any, cls: type | None = None) -> str | None:
        return self.text if obj is None else obj.describe()


Activation.__doc__ = _Doc(Activation.__doc__)  # type: ignore[assignment]


class Bound:
    """An activation with its parameters resolved and validated once: ``actviz.get("elu").bind(alpha=2)``.

    Evaluate it like the activation (``bound(x)``, ``bound.derivative(x)``) without repeating the
    parameters; its parameters are read-only and it is hashable, so it can key a cache.
    ``bound.properties()`` derives the facts for exactly these parameters.
    """

    __slots__ = ("act", "_params", "_hash")

    def __init__(self, act: Activation, resolved: Mapping[str, Value]):
        self.act = act
        self._params = dict(resolved)
        self._hash: int | None = None

    # -- the parameters, read-only ---------------------------------------------------------------
    @property
    def params(self) -> Mapping[str, Value]:
        """The resolved parameters (a read-only view)."""
        return MappingProxyType(self._params)

    @property
    def non_defaults(self) -> dict[str, Value]:
        """The parameters that differ from the defaults, in declaration order."""
        return {k: v for k, v in self._params.items() if v != self.act.defaults[k]}

    def bind(self, params: Mapping[str, Any] | None = None, /, **kwargs: Any) -> Bound:
        """The same activation with some parameters changed."""
        return self.act.bind({**self._params, **(params or {}), **kwargs})

    # -- identity ---------------------------------------------------------------------------------
    name = delegated("act", "name")
    label = delegated("act", "label")
    family = delegated("act", "family")
    vector = delegated("act", "vector")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Bound):
            return NotImplemented
        return self.act is other.act and self._params == other._params

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((id(self.act), self.act.name, tuple(self._params.items())))
        return self._hash

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={_value(v)}" for k, v in self._params.items())
        return f"<Bound {self.act.name}({shown})>"

    # -- maths --------------------------------------------------------------------------------------
    def __call__(self, x: Any, /) -> np.ndarray:
        return self.act._apply_resolved(self.act.fn, x, self._params)

    def derivative(self, x: Any, /) -> np.ndarray:
        """The analytic derivative f′(x) for these parameters."""
        return self.act._apply_resolved(self.act.derivative_fn, x, self._params)

    def limits(self) -> tuple[Limit, Limit]:
        """The declared limits of f at −∞ and +∞."""
        return self.act._fact_resolved(self.act.limits, self._params)

    def derivative_limits(self) -> tuple[Limit, Limit]:
        return self.act._fact_resolved(self.act.derivative_limits, self._params)

    def kinks(self) -> tuple[float, ...]:
        """Where f or f′ jumps (sorted; a kink beyond the floats, e.g. softplus's switch at t/β = ∞, is none)."""
        return _finite_sorted(self.act._fact_resolved(self.act.kinks, self._params))

    def pieces(self) -> tuple[float, ...]:
        """Where a piece of the definition ends (kinks and joins, sorted): f is analytic between."""
        joins = self.act._fact_resolved(self.act.joins, self._params)
        return _finite_sorted((*self.kinks(), *joins))

    def continuity(self) -> float:
        """The order of continuity the catalogue declares for these parameters."""
        return self.act._fact_resolved(self.act.continuity, self._params)

    @property
    def formula(self) -> str:
        """The formula (mathtext, without $) as it reads for these parameters."""
        return self.act._fact_resolved(self.act.formula, self._params)

    @property
    def derivative_formula(self) -> str:
        return self.act._fact_resolved(self.act.derivative_formula, self._params)

    def properties(self) -> Properties:
        """Properties derived from the function itself for these parameters (see analysis)."""
        from .analysis import analyse  # analysis builds on spec; imported on use

        return analyse(self)


def _finite_sorted(points: Iterable[float]) -> tuple[float, ...]:
    return tuple(sorted({float(v) for v in points if math.isfinite(v)}))


def _num(value: float) -> str:
    return f"{value:g}"


def _value(value: Value) -> str:
    return _num(value) if isinstance(value, float) else repr(value)
