"""The one family of exceptions actviz raises for a user's mistake.

stdlib only: every other module may import this one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

__all__ = ["ActvizError", "UnknownActivationError", "ParameterError", "closest", "option"]

_MARK = "\x1f"
_MARKED = re.compile(_MARK + r"([^\x1f]+)" + _MARK)


def option(name: str) -> str:
    """An option's name inside a message (``xmin``): shown as is by the library, as the flag the user
    typed (``--xmin``) by the command line (see :meth:`ActvizError.render`)."""
    return f"{_MARK}{name}{_MARK}"


class ActvizError(Exception):
    """Base class: a problem the user can fix; the CLI prints it without a traceback.

    ``exit_code`` follows DESIGN.md: 2 for bad input, 1 for a failure outside the user's control.
    """

    exit_code = 2

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return self.render()

    def render(self, name: Callable[[str], str] = str) -> str:
        """The message with every option written as ``name(option)`` (e.g. a command-line flag)."""
        raw = str(self.args[0]) if self.args else ""
        return _MARKED.sub(lambda m: name(m.group(1)), raw)


class UnknownActivationError(ActvizError, KeyError):
    """No activation by that name; the message suggests the closest names."""

    def __init__(self, name: str, known: Iterable[str]):
        self.name = name
        self.suggestions = closest(name, known)
        hint = f"; did you mean {_quoted(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown activation {name!r}{hint} (see 'actviz list')")


class ParameterError(ActvizError, ValueError):
    """A parameter or option that does not exist, or a value outside its domain (options named in
    the message through :func:`option`)."""


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` candidates that look like ``word``, best first."""
    pool = list(dict.fromkeys(candidates))
    key = word.lower().replace("-", "_")
    return difflib.get_close_matches(key, pool, n=n, cutoff=0.6)


def _quoted(words: list[str]) -> str:
    quoted = [repr(w) for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
