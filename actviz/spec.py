"""What an activation is: its parameters, its maths, and the facts declared about it.

An :class:`Activation` is a frozen record. Callables in it take the input ``x`` (float64 array)
and the parameters as keywords; the declared facts (limits at ±∞, kinks, order of continuity)
are either constants or callables of the parameters, so they stay true for any parameters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

import numpy as np

from .errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Properties

__all__ = ["Param", "Activation", "SMOOTH", "DISCONTINUOUS", "Value"]

SMOOTH = math.inf  #: order of continuity of an infinitely differentiable function (C∞)
DISCONTINUOUS = -1  #: order of continuity of a function with a jump

Value = Union[float, str]
Limit = Union[float, None]  # a limit at ±∞: a number, ±inf, or None where none exists (oscillation)
Fact = Union[Any, Callable[..., Any]]  # a constant, or a callable of the parameters


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

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)

    @property
    def domain(self) -> str:
        """The valid values in words, e.g. ``alpha > 0`` or ``one of 'none', 'tanh'``."""
        if self.is_choice:
            return "one of " + ", ".join(repr(c) for c in self.choices)
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
        ok = math.isfinite(number)
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
    (``None`` where no limit exists). ``kinks`` are the points where f or f′ jumps.
    ``continuity`` is the largest k with f in C^k (``SMOOTH`` for C∞, ``DISCONTINUOUS`` for a jump).
    ``check`` validates relations between parameters and returns an error message or ``None``.
    A ``vector`` activation (softmax) maps the last axis to a vector; its ``derivative`` is the
    diagonal of the Jacobian, ∂yᵢ/∂xᵢ.
    """

    name: str
    label: str
    family: str
    summary: str
    formula: str
    derivative_formula: str
    fn: Callable[..., np.ndarray] = field(repr=False)
    derivative_fn: Callable[..., np.ndarray] = field(repr=False)
    params: tuple[Param, ...] = ()
    limits: Fact = (None, None)
    derivative_limits: Fact = (None, None)
    kinks: Fact = ()
    continuity: Fact = SMOOTH
    aliases: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    reference: str = ""
    vector: bool = False
    check: Callable[..., str | None] | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"<Activation {self.name!r} ({self.family})>"

    # -- parameters -------------------------------------------------------------------------
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
        resolved = self.resolve(params)
        arr = np.asarray(x, dtype=np.float64)
        # Overflow to ±inf and underflow to 0 are IEEE's correctly rounded answers: where the true
        # value is beyond float64, or where an intermediate (2x, x/α, e^x) overflows on the way to a
        # saturated result. Definitions are tested to stay exact there; NaN ('invalid') still warns.
        with np.errstate(over="ignore", under="ignore"):
            if self.vector and arr.ndim == 0:
                return fn(arr.reshape(1), **resolved).reshape(())[()]
            out = fn(arr, **resolved)
        return out[()] if arr.ndim == 0 else out

    # -- declared facts, for given parameters -----------------------------------------------
    def limits_at(self, **params: Any) -> tuple[Limit, Limit]:
        return self._fact(self.limits, params)

    def derivative_limits_at(self, **params: Any) -> tuple[Limit, Limit]:
        return self._fact(self.derivative_limits, params)

    def kinks_at(self, **params: Any) -> tuple[float, ...]:
        return tuple(sorted(set(self._fact(self.kinks, params))))

    def continuity_at(self, **params: Any) -> float:
        return self._fact(self.continuity, params)

    def _fact(self, fact: Fact, params: Mapping[str, Any]) -> Any:
        return fact(**self.resolve(params)) if callable(fact) else fact

    def properties(self, **params: Any) -> Properties:
        """Properties derived from the function itself for these parameters (see analysis)."""
        from .analysis import analyse  # analysis builds on spec; imported on use

        return analyse(self, **params)


def _num(value: float) -> str:
    return f"{value:g}"
