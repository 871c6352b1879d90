"""The states of a derived fact that may not be known: a limit at ±∞ is a number, None (none exists,
proved), or :class:`Undecided` (not decided in time, or by nothing that could decide it).

A leaf module (standard library only), so that spec, properties, analysis and the cache all use one
definition without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limit", "Undecided", "UNDECIDED", "undecided"]


@dataclass(frozen=True)
class Undecided:
    """A limit at ±∞ that was not decided: neither proved to be a value nor proved not to exist (sympy
    had no time, failed, or is missing). Never a fact: what depends on it (the range, saturation) is
    undecided too. ``estimate`` is evidence only, what evaluation far out suggests (a number, ±inf, or
    None where it suggests none); :mod:`actviz.analysis` fills it in."""

    estimate: float | None = None

    def __repr__(self) -> str:
        return "UNDECIDED" if self.estimate is None else f"Undecided(estimate={self.estimate!r})"


UNDECIDED = Undecided()  #: an undecided limit, before any estimate

#: a limit at ±∞: a number (±inf included); None where none exists (it oscillates); or
#: :class:`Undecided`. For a declared fact of the catalogue None also means "not declared": the
#: analysis then estimates the limit far out.
Limit = float | None | Undecided


def undecided(value: object) -> bool:
    """Is ``value`` an undecided limit?"""
    return isinstance(value, Undecided)
