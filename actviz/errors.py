"""The one family of exceptions actviz raises for a user's mistake.

stdlib only: every other module may import this one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["ActvizError", "UnknownActivationError", "ParameterError", "closest"]


class ActvizError(Exception):
    """Base class: a problem the user can fix; the CLI prints it without a traceback.

    ``exit_code`` follows DESIGN.md: 2 for bad input, 1 for a failure outside the user's control.
    """

    exit_code = 2

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0]) if self.args else ""


class UnknownActivationError(ActvizError, KeyError):
    """No activation by that name; the message suggests the closest names."""

    def __init__(self, name: str, known: Iterable[str]):
        self.name = name
        self.suggestions = closest(name, known)
        hint = f"; did you mean {_quoted(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown activation {name!r}{hint} (see 'actviz list')")


class ParameterError(ActvizError, ValueError):
    """A parameter name that does not exist, or a value outside its domain."""


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` candidates that look like ``word``, best first."""
    pool = list(dict.fromkeys(candidates))
    key = word.lower().replace("-", "_")
    return difflib.get_close_matches(key, pool, n=n, cutoff=0.6)


def _quoted(words: list[str]) -> str:
    quoted = [repr(w) for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
