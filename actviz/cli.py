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


# -- figures: plot, compare (actviz.render.figures) ------------------------------------------------

_XMIN = Annotated[float, typer.Option("--xmin", help="Left end of the x-range.")]
_XMAX = Annotated[float, typer.Option("--xmax", help="Right end of the x-range.")]
_POINTS = Annotated[int, typer.Option("--points", help="Samples across the x-range (10 to 100000).")]
_THEME = Annotated[str, typer.Option("--theme", help="Colour theme: light or dark.")]
_DPI = Annotated[int, typer.Option("--dpi", help="Resolution of PNG output (20 to 600).")]
_OUTPUT = Annotated[
    Optional[str],
    typer.Option("-o", "--output", help="Output file (.png, .svg or .pdf); default ./outputs/<name>.png."),
]
_SHOW = Annotated[bool, typer.Option("--show", help="Also open the figure in a window, if a display exists.")]
_DERIVATIVE = Annotated[bool, typer.Option("--derivative/--no-derivative", help="Draw the derivative f′ too.")]


def _figure_checks(theme: str, xmin: float, xmax: float, points: int, dpi: int) -> None:
    """Validate the shared figure options before any work (no matplotlib import)."""
    from .render.figures import check_dpi, check_range
    from .render.style import check_theme

    check_theme(theme)
    check_range(xmin, xmax, points)
    check_dpi(dpi)


def _spec_name(act: Activation, params: dict[str, Value]) -> str:
    """``leaky_relu_alpha_0.1``: the name and the non-default parameters, for default file names."""
    extra = act.non_defaults(params)
    return "_".join([act.name, *(f"{k}_{v:g}" if isinstance(v, float) else f"{k}_{v}" for k, v in extra.items())])


def _save_and_show(fig: Any, path: Any, theme: str, show: bool) -> None:
    from .render.figures import show_figure
    from .render.save import save_figure
    from .render.style import themed

    with themed(theme):
        written = save_figure(fig, path)
    typer.echo(str(written))
    if show and not show_figure(fig):
        typer.echo("--show: no interactive display here; the figure was only saved.", err=True)


@command("plot")
def plot(
    name: Annotated[str, typer.Argument(help="Activation name or alias (see 'actviz list').",
                                        autocompletion=complete_name)],
    alpha: Annotated[Optional[float], typer.Option("--alpha", help="Shortcut for -p alpha=A.")] = None,
    beta: Annotated[Optional[float], typer.Option("--beta", help="Shortcut for -p beta=B.")] = None,
    param: Annotated[Optional[list[str]], typer.Option("-p", "--param", metavar="KEY=VALUE",
                                                       help="A parameter of the function; repeat for more.")] = None,
    derivative: _DERIVATIVE = True,
    xmin: _XMIN = -5.0,
    xmax: _XMAX = 5.0,
    points: _POINTS = 1000,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    output: _OUTPUT = None,
    show: _SHOW = False,
) -> None:
    """Plot one activation and its derivative, e.g. [bold]actviz plot leaky_relu --alpha 0.1[/bold]."""
    act = REGISTRY[name]
    params = parse_params(act, list(param or []))
    for key, value in (("alpha", alpha), ("beta", beta)):
        if value is None:
            continue
        act.param(key)  # the function must have it: the error names the parameters it has
        if key in params:
            raise ParameterError(f"{key} is given twice (--{key} and -p {key}=...)")
        params[key] = act.param(key).validate(value)
    act.resolve(params)
    _figure_checks(theme, xmin, xmax, points, dpi)
    from .render.save import check_output

    path = check_output(output, default_name=_spec_name(act, params))
    from .render.figures import plot_figure

    fig = plot_figure(act, params, xmin=xmin, xmax=xmax, points=points, derivative=derivative,
                      theme=theme, dpi=dpi, pyplot=show)
    _save_and_show(fig, path, theme, show)


@command("compare")
def compare(
    specs: Annotated[list[str], typer.Argument(metavar="SPEC...", autocompletion=complete_name,
                                               help="NAME[:KEY=VALUE[,KEY=VALUE...]], e.g. leaky_relu:alpha=0.1")],
    derivative: _DERIVATIVE = True,
    xmin: _XMIN = -5.0,
    xmax: _XMAX = 5.0,
    points: _POINTS = 1000,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    output: _OUTPUT = None,
    show: _SHOW = False,
) -> None:
    """Overlay activations (top) and their derivatives (bottom), e.g. [bold]actviz compare relu elu gelu[/bold]."""
    parsed = [parse_spec(text) for text in specs]
    _figure_checks(theme, xmin, xmax, points, dpi)
    from .render.save import check_output, safe_name

    stem = "compare_" + "_".join(_spec_name(act, p) for act, p in parsed)
    if len(stem) > 80:
        import zlib

        stem = f"{stem[:70]}_{zlib.crc32(stem.encode()):08x}"
    path = check_output(output, default_name=safe_name(stem))
    from .render.figures import compare_figure

    fig = compare_figure(parsed, xmin=xmin, xmax=xmax, points=points, derivative=derivative,
                         theme=theme, dpi=dpi, pyplot=show)
    _save_and_show(fig, path, theme, show)
