"""The notation of numbers and sets, the same in every language: digits, the typographic minus,
∞, intervals, unions and classes of continuity (``[−0.5, 0.5]``, ``{0} ∪ (1, ∞)``, ``C¹``).

A leaf (standard library only): the core's records (:class:`actviz.properties.Properties`) write
their sets with it, and :mod:`actviz.text`, which adds the words of a language, builds on it. Every
number people read is formatted here, once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .spec import Bound, Value

__all__ = ["MINUS", "minus", "number", "fixed", "size", "interval", "pieces", "ends", "continuity", "DISCONTINUOUS",
           "spec_value", "assignments", "spec_label", "spec_text"]

MINUS = "\u2212"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
DISCONTINUOUS = "discontinuous"  #: the class of a function with a jump, as data (text.continuity says it in words)


def minus(text: str) -> str:
    """``text`` with the typographic minus sign, and a negative zero ("-0", "-0.00") shown as zero."""
    if text.startswith("-"):
        try:
            if float(text) == 0.0:
                text = text[1:]
        except ValueError:  # not a lone number ("-3 < z")
            pass
    return text.replace("-", MINUS)


def number(value: float | None, digits: int = 4) -> str:
    """A number for people: integers plainly, others to ``digits`` significant digits.

    >>> number(-0.16997), number(0.25), number(1 / 3), number(-2.0), number(2.1e-9, 2), number(None)
    ('−0.1700', '0.25', '0.3333', '−2', '2.1e−09', '—')
    """
    if value is None:
        return "—"
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "∞" if value > 0 else MINUS + "∞"
    if value == round(value) and abs(value) < 1e15:
        return minus(str(int(round(value))))
    a = abs(float(f"{value:.{digits - 1}e}"))  # the magnitude after rounding: 9.99996 -> 10.00
    if 1e-3 <= a < 1e6:
        decimals = max(0, digits - 1 - math.floor(math.log10(a)))
        text = f"{value:.{decimals}f}"
        if "." in text and _exact(text, value):
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{value:.{digits - 1}e}"
        mantissa, exponent = text.split("e")
        if "." in mantissa and _exact(text, value):
            mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}e{exponent}"
    return minus(text)


def _exact(text: str, value: float) -> bool:
    """Does ``text`` give back ``value`` (so its trailing zeros say nothing)?"""
    return abs(float(text) - value) <= 1e-12 * max(1.0, abs(value))


def fixed(value: float, decimals: int) -> str:
    """``value`` with exactly ``decimals`` decimals and the typographic minus (bars, statistics)."""
    if not math.isfinite(value):
        return "—"
    return minus(f"{value:.{decimals}f}")


def size(value: float) -> str:
    """A size such as a jump: as :func:`number`, to 2 significant digits below 0.001 (``2.1e−09``)."""
    return number(value) if value == 0 or abs(value) >= 1e-3 else number(value, 2)


def interval(low: float, high: float, low_closed: bool, high_closed: bool, digits: int = 4) -> str:
    """``[−0.5, 0.5]``, ``(−∞, 0]``, ``{1}`` for a single point; an infinite end is always open."""
    if low == high and low_closed and high_closed:
        return "{" + number(low, digits) + "}"
    left = "[" if low_closed and math.isfinite(low) else "("
    right = "]" if high_closed and math.isfinite(high) else ")"
    return f"{left}{number(low, digits)}, {number(high, digits)}{right}"


def pieces(parts: Iterable[tuple[float, float, bool, bool]]) -> str:
    """An exact set: intervals joined by ∪, consecutive isolated points in one brace set:
    ``{0, 1}``, ``{0} ∪ (1, ∞)``, ``(−∞, −0.5) ∪ {0} ∪ (0.5, ∞)``, ``(0, 0.5) ∪ {1}``; ``∅`` if empty."""
    parts = list(parts)
    digits = _distinct_digits([v for p in parts for v in ((p[0],) if p[0] == p[1] else p[:2])])
    out: list[str] = []
    points: list[str] = []
    for lo, hi, lc, hc in parts:
        if lo == hi and lc and hc:
            points.append(number(lo, digits))
            continue
        if points:
            out.append("{" + ", ".join(points) + "}")
            points = []
        out.append(interval(lo, hi, lc, hc, digits))
    if points:
        out.append("{" + ", ".join(points) + "}")
    return " ∪ ".join(out) or "∅"


def _distinct_digits(values: list[float], digits: int = 4) -> int:
    """The fewest significant digits (from ``digits``) that keep different neighbouring values
    different on paper: (0, 0.999999998) ∪ {1}, not (0, 1.000) ∪ {1}."""
    def read(shown: str) -> float:
        return float(shown.replace(MINUS, "-").replace("∞", "inf"))

    for n in range(digits, 17):
        shown = [read(number(v, n)) for v in values]
        if all(a != b or x == y for a, b, x, y in zip(shown, shown[1:], values, values[1:])):
            return n
    return 17


def ends(low: Any, high: Any) -> str:
    """The interval between two ends (objects with ``value`` and ``closed``, as analysis.End)."""
    return interval(low.value, high.value, low.closed, high.closed)


def continuity(order: float) -> str:
    """``C∞``, ``C²``, ``C¹``, ``C⁰``, or :data:`DISCONTINUOUS`."""
    if order == math.inf:
        return "C∞"
    if order < 0:
        return DISCONTINUOUS
    return "C" + str(int(order)).translate(_SUPERSCRIPT)


# -- specs: a name and its parameters as typed ------------------------------------------------------


def spec_value(v: Value) -> str:
    """A parameter value as the user would type it in a spec (``1e-300``, ``0.1``, ``2``): every
    digit kept, ASCII, so a message quotes the value that was given."""
    if isinstance(v, str):
        return v
    v = float(v)
    return str(int(v)) if math.isfinite(v) and v == round(v) and abs(v) < 1e15 else repr(v)


def assignments(params: Mapping[str, Value], sep: str = ", ") -> str:
    """``alpha=0.1, approximate=tanh``, values as typed in a spec (:func:`spec_value`)."""
    return sep.join(f"{k}={spec_value(v)}" for k, v in params.items())


def spec_label(bound: Bound) -> str:
    """``leaky_relu`` or ``leaky_relu (alpha=0.1)``: the name and the non-default parameters; an
    expression by its text, ``x*sigmoid(b*x) (b=1.702)`` (one given a name by ``define``, by that name)."""
    extra = bound.non_defaults
    name = bound.label if bound.act.source else bound.name
    return f"{name} ({assignments(extra)})" if extra else name


def spec_text(bound: Bound) -> str:
    """``elu:alpha=2``: the spec that selects this bound activation again."""
    extra = bound.non_defaults
    return bound.name + (":" + assignments(extra, ",") if extra else "")
