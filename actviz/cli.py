"""The ``actviz`` command line: thin commands that parse, look up, call, and print or save.

Every command is registered through :func:`command`, the one error boundary: an
:class:`~actviz.errors.ActvizError` becomes a one-line message on stderr and its exit code
(2 for bad input), an ``OSError`` while writing becomes exit code 1. No traceback for either.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .catalog import REGISTRY
from .errors import ActvizError, ParameterError
from .spec import Activation, Value

app = typer.Typer(
    name="actviz",
    help="Plot, compare, tabulate and explain the activation functions of neural networks.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise."""
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def command(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``app.command`` wrapped in the error boundary."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def guarded(*a: Any, **k: Any) -> Any:
            try:
                return fn(*a, **k)
            except ActvizError as exc:
                raise fail(str(exc), exc.exit_code) from None
            except OSError as exc:
                where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
                raise fail(f"could not write{where}: {exc.strerror or exc}", 1) from None

        return app.command(*args, **kwargs)(guarded)

    return decorate


def _version(value: bool) -> None:
    if value:
        typer.echo(f"actviz {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Plot, compare, tabulate and explain the activation functions of neural networks."""


# -- shared parsing ------------------------------------------------------------------------------


def complete_name(incomplete: str) -> list[str]:
    """Shell completion for activation names (canonical names first, then aliases)."""
    prefix = incomplete.lower().replace("-", "_")
    return [n for n in REGISTRY.names() if n.startswith(prefix)]


def parse_assignment(text: str, where: str = "-p") -> tuple[str, str]:
    """Split ``KEY=VALUE``; a missing key, '=' or value is an error naming the expected form."""
    key, sep, value = text.partition("=")
    key, value = key.strip(), value.strip()
    if not sep or not key or not value:
        raise ParameterError(f"{where} {text!r} is malformed: expected KEY=VALUE, e.g. alpha=0.1")
    return key, value


def parse_params(act: Activation, assignments: list[str], where: str = "-p") -> dict[str, Value]:
    """``["alpha=0.1", ...]`` -> validated values for ``act`` (defaults are not filled in)."""
    params: dict[str, Value] = {}
    for text in assignments:
        key, value = parse_assignment(text, where)
        if key in params:
            raise ParameterError(f"{where} {key!r} is given twice")
        params[key] = act.param(key).parse(value)
    act.resolve(params)  # relations between parameters (lower <= upper, ...)
    return params


def parse_spec(text: str) -> tuple[Activation, dict[str, Value]]:
    """``NAME[:KEY=VALUE[,KEY=VALUE...]]`` -> (activation, parameters)."""
    name, sep, rest = text.partition(":")
    if not name.strip():
        raise ParameterError(f"empty activation name in {text!r}: expected NAME[:KEY=VALUE,...] (see 'actviz list')")
    act = REGISTRY[name]
    if not sep:
        return act, {}
    if not rest.strip() or ":" in rest:
        raise ParameterError(f"{text!r} is malformed: expected NAME:KEY=VALUE[,KEY=VALUE...], e.g. elu:alpha=0.5")
    return act, parse_params(act, rest.split(","), where=f"in {text!r},")


def main() -> None:  # console-script entry point
    app()


# -- commands are defined below, grouped by the module they call ---------------------------------
