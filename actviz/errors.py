"""The one family of exceptions actviz raises for a user's mistake.

stdlib only: every other module may import this one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

__all__ = ["ActvizError", "UnknownActivationError", "ParameterError", "OptionTypeError", "UnknownChoiceError", "closest",
           "option"]

_MARK = "\x1f"
_MARKED = re.compile(_MARK + r"([^\x1f]+)" + _MARK)


def option(name: str) -> str:
    """An option's name inside a message being written (``f"{option('xmin')} 5 must be ..."``).

    The mark it leaves lives only until the exception is made: :class:`ActvizError` takes it out,
    so the message reads ``xmin 5 must be ...`` (Python's name) and the exception records where each
    option is named (:attr:`ActvizError.options`); the command line shows the flag typed there
    (``--xmin``) through :meth:`ActvizError.render`. No mark reaches ``str()``, ``repr()`` or ``args``."""
    return f"{_MARK}{name}{_MARK}"


class ActvizError(Exception):
    """Base class: a problem the user can fix; the CLI prints it without a traceback.

    ``exit_code`` follows DESIGN.md: 2 for bad input, 1 for a failure outside the user's control.
    ``option`` is the first option the message names (``"xmin"``, or None), ``options`` every one, in
    order, and ``spans`` where each stands in the message, so that a client can show it in its own
    spelling (the command line: ``--xmin``).
    """

    exit_code = 2

    def __init__(self, *args: object) -> None:
        spans: list[tuple[int, int]] = []
        names: list[str] = []
        if args and isinstance(args[0], str) and _MARK in args[0]:
            parts, at = [], 0
            for piece in _MARKED.split(args[0]):  # text, name, text, name, ..., text
                if len(parts) % 2:
                    spans.append((at, at + len(piece)))
                    names.append(piece)
                parts.append(piece)
                at += len(piece)
            args = ("".join(parts).replace(_MARK, ""), *args[1:])
        super().__init__(*args)
        self.spans: tuple[tuple[int, int], ...] = tuple(spans)
        self.options: tuple[str, ...] = tuple(names)

    @property
    def option(self) -> str | None:
        """The first option the message names (a Python name such as ``"xmin"``), or None."""
        return self.options[0] if self.options else None

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return self.render()

    def __reduce__(self) -> tuple[object, ...]:  # a pickled error (from a worker process) keeps its options
        return (_rebuild, (type(self), self.args, self.__dict__))

    def render(self, name: Callable[[str], str] = str) -> str:
        """The message with every option it names written as ``name(option)`` (e.g. a command-line flag)."""
        raw = str(self.args[0]) if self.args else ""
        out, at = [], 0
        for (start, end), opt in zip(getattr(self, "spans", ()), getattr(self, "options", ())):
            out += [raw[at:start], name(opt)]
            at = end
        return "".join(out) + raw[at:]


def _rebuild(cls: type, args: tuple[object, ...], state: dict[str, object]) -> ActvizError:
    exc = Exception.__new__(cls)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class OutputError(ActvizError):
    """The output location cannot be written (exit code 1: not a mistake in the arguments)."""

    exit_code = 1


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


class OptionTypeError(ParameterError, TypeError):
    """An option of the wrong type (``dpi="high"``): a TypeError, as the standard library raises,
    and a ParameterError, as actviz always has."""


class UnknownChoiceError(ParameterError, KeyError):
    """An option naming none of its choices (``theme="blue"``): a KeyError (an unknown name) and a
    ParameterError (a bad value)."""


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` candidates that look like ``word``, best first."""
    pool = list(dict.fromkeys(candidates))
    key = word.lower().replace("-", "_")
    return difflib.get_close_matches(key, pool, n=n, cutoff=0.6)


def _quoted(words: list[str]) -> str:
    quoted = [repr(w) for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
