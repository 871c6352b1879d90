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
from .errors import ActvizError, ParameterError, closest
from .spec import Activation, Value

app = typer.Typer(
    name="actviz",
    help="Plot, compare, tabulate and explain the activation functions of neural networks.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
    epilog=(
        "Examples: [bold]actviz plot gelu[/bold]  |  [bold]actviz compare relu elu:alpha=0.5 gelu[/bold]  |  "
        "[bold]actviz table --family relu[/bold]  |  [bold]actviz info selu[/bold]  |  "
        "[bold]actviz softmax 3 1 -3[/bold]. 'actviz COMMAND --help' shows each command's options and an example."
    ),
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
    names = [n for n in REGISTRY.names() if n.startswith(prefix)]
    aliases = [a for n in REGISTRY.names() for a in REGISTRY[n].aliases if a.lower().startswith(prefix)]
    return names + [a for a in dict.fromkeys(aliases) if a not in names]


def complete_family(incomplete: str) -> list[str]:
    """Shell completion for --family."""
    return [f for f in REGISTRY.families() if f.startswith(incomplete.lower())]


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


def lookup_name(text: str) -> Activation:
    """NAME -> activation for the one-name commands (plot, info); an empty name or a
    ``NAME:KEY=VALUE`` spec gets a message saying what to type instead."""
    if not text.strip():
        raise ParameterError("the activation name is empty: give one such as relu (see 'actviz list')")
    name, sep, rest = text.partition(":")
    if sep and name.strip() in REGISTRY:
        flags = " ".join(f"-p {item.strip()}" for item in rest.split(",") if item.strip()) or "-p KEY=VALUE"
        raise ParameterError(f"{text!r}: this command takes a plain NAME; give parameters with -p, "
                             f"e.g. '{name.strip()} {flags}'")
    return REGISTRY[text]


def quiet_floats() -> Any:
    """numpy float warnings off while a validated figure is drawn (its values were checked by
    ``check_values``; an overflow left is in a branch ``where`` discards)."""
    import numpy as np

    return np.errstate(all="ignore")


def main() -> None:  # console-script entry point
    # a one-shot process: no cyclic garbage collection. A figure's mathtext leaves ~130 000 objects
    # of cyclic garbage (pyparsing's exception frames); collecting them costs ~0.15 s of a 1 s
    # cheatsheet, exiting frees them. (Tests call ``app``: their process keeps its collector.)
    import gc

    gc.disable()
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
    from .render.style import check_theme, prefer_fast_startup

    prefer_fast_startup()  # a CLI process never reads matplotlib's generated docstrings
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
    name: Annotated[str, typer.Argument(metavar="NAME", help="Activation name or alias (see 'actviz list').",
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
    act = lookup_name(name)
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
    from .render.figures import check_values, plot_figure

    check_values([(act, params)], xmin, xmax, points)
    with quiet_floats():
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
    from .render.figures import check_compare_count

    check_compare_count(len(parsed))
    from .render.save import check_output, safe_name

    stem = "compare_" + "_".join(_spec_name(act, p) for act, p in parsed)
    if len(stem) > 80:
        import zlib

        stem = f"{stem[:70]}_{zlib.crc32(stem.encode()):08x}"
    path = check_output(output, default_name=safe_name(stem))
    from .render.figures import check_values, compare_figure

    check_values(parsed, xmin, xmax, points)
    with quiet_floats():
        fig = compare_figure(parsed, xmin=xmin, xmax=xmax, points=points, derivative=derivative,
                             theme=theme, dpi=dpi, pyplot=show)
        _save_and_show(fig, path, theme, show)


# -- lessons: gradient, softmax, loss (actviz.lessons, actviz.render.lessons) --------------------

LESSON_FORMATS = ("rich", "json")


_LESSON_FORMAT = Annotated[str, typer.Option("--format", help="rich (a table) or json.")]


def _check_lesson_format(fmt: str) -> str:
    if fmt not in LESSON_FORMATS:
        did = "".join(f"did you mean {c!r}? " for c in closest(fmt, LESSON_FORMATS, n=1))
        raise ParameterError(f"--format {fmt!r} is not valid: {did}use one of {', '.join(LESSON_FORMATS)}")
    return fmt


def _sci_from_log10(value: float) -> str:
    """A number given by its log10, in scientific notation even below float64's range."""
    import math

    if value == -math.inf:
        return "0"
    if value > -300:
        return _minus(f"{10.0**value:.3g}")
    exponent = math.floor(value)
    return _minus(f"{10.0 ** (value - exponent):.2f}e{exponent}")


def _minus(text: str) -> str:
    """A number as rich tables print it: the typographic minus sign (−), never a negative zero."""
    text = text.replace("-", "−")
    return text[1:] if text.startswith("−") and text.lstrip("−").strip("0.") in ("", "e+", "e−") else text


def _written(path: Any, to_stderr: bool = False) -> None:
    """Print the path written (to stderr when stdout carries json)."""
    typer.echo(str(path), err=to_stderr)


def _lesson_figure_checks(theme: str, dpi: int, output: Optional[str], default_name: Optional[str] = None) -> Any:
    """Validate theme, dpi and the output path; return the path (None: no figure wanted)."""
    from .render.figures import check_dpi
    from .render.save import check_output
    from .render.style import check_theme

    check_theme(theme)
    check_dpi(dpi)
    if output is None and default_name is None:
        return None
    return check_output(output, default_name=default_name or "figure")


@command(
    "gradient",
    help=(
        "Vanishing gradients through depth: back-propagate through a random deep MLP per activation and "
        "show the gradient norm reaching each layer.\n\n"
        "Example: actviz gradient sigmoid tanh relu --layers 20 -o outputs/gradient.png"
    ),
)
def gradient_command(
    specs: Annotated[
        list[str],
        typer.Argument(metavar="SPEC...", help="NAME[:KEY=VALUE,...], e.g. sigmoid relu leaky_relu:alpha=0.1",
                       autocompletion=complete_name, show_default=False),
    ],
    layers: Annotated[int, typer.Option("--layers", help="Number of layers (1 to 1000).")] = 20,
    width: Annotated[int, typer.Option("--width", help="Units per layer (1 to 1024).")] = 64,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random inputs and weights.")] = 0,
    init: Annotated[
        str, typer.Option("--init", help="Weights: auto (He for rectifier-like families, else Xavier), xavier or he.")
    ] = "auto",
    fmt: _LESSON_FORMAT = "rich",
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Also write the figure (.png, .svg or .pdf).")
    ] = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
) -> None:
    import json

    from . import lessons

    _check_lesson_format(fmt)
    lessons.check_gradient_options(layers, width, seed, init)
    path = _lesson_figure_checks(theme, dpi, output)
    parsed = [parse_spec(text) for text in specs]
    for act, _ in parsed:
        lessons.check_elementwise(act, "the gradient lesson")
    flows = [
        lessons.gradient_flow(act, params, layers=layers, width=width, seed=seed, init=init) for act, params in parsed
    ]
    if fmt == "json":
        typer.echo(json.dumps([flow.to_dict() for flow in flows], indent=2, allow_nan=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"Gradient norm per layer: {layers} layers × {width} units, seed {seed}")
        table.add_column("activation")
        table.add_column("init")
        table.add_column("first layer", justify="right")
        table.add_column("last layer", justify="right")
        table.add_column("first/last", justify="right")
        table.add_column("gradient")
        for flow in flows:
            ratio = flow.log10_ratio
            table.add_row(
                flow.label, flow.init, _sci_from_log10(flow.log10_norms[0]), _sci_from_log10(flow.log10_norms[-1]),
                "n/a (zero gradient)" if ratio is None else _sci_from_log10(ratio), flow.verdict,
            )
        console = Console()
        console.print(table)
        console.print(
            f"first/last < {lessons.VANISHES_BELOW:g}: the gradient vanishes on its way back to the input; "
            f"{lessons.VANISHES_BELOW:g} to {lessons.EXPLODES_ABOVE:g}: it is passed on (roughly preserved); "
            f"> {lessons.EXPLODES_ABOVE:g}: it explodes.",
            highlight=False,
        )
    if path is not None:
        from .render import lessons as figures

        fig = figures.gradient_figure(flows, theme=theme, dpi=dpi)
        _written(figures.write(fig, path, theme=theme), to_stderr=fmt == "json")


def _parse_logits(tokens: list[str]) -> list[float]:
    import math

    values = []
    for token in tokens:
        try:
            value = float(token)
        except ValueError:
            if token.startswith("-") and not token[1:2].isdigit() and token[1:2] != ".":
                raise ParameterError(
                    f"no such option {token!r} for softmax; options: --temperature/-t, --format, --output/-o, --theme, --dpi"
                ) from None
            raise ParameterError(f"logit {token!r} is not a number; give numbers, e.g. 'actviz softmax 3 1 -3'") from None
        if not math.isfinite(value):
            raise ParameterError(f"logit {token!r} is not a finite number")
        values.append(value)
    return values


@command(
    "softmax",
    context_settings={"ignore_unknown_options": True},  # so that negative logits like -3 are arguments
    help=(
        "The reference notes' softmax example: each logit, its exponential and its probability.\n\n"
        "Example: actviz softmax 3 1 -3   (probabilities 0.879, 0.119, 0.002)"
    ),
)
def softmax_command(
    logits: Annotated[list[str], typer.Argument(metavar="LOGIT...", help="The logits, e.g. 3 1 -3.", show_default=False)],
    temperature: Annotated[
        float, typer.Option("--temperature", "-t", help="T > 0: softmax(z / T); T > 1 flattens, T < 1 sharpens.")
    ] = 1.0,
    fmt: _LESSON_FORMAT = "rich",
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Also write a bar chart (.png, .svg or .pdf).")
    ] = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
) -> None:
    import json

    from . import lessons

    _check_lesson_format(fmt)
    lessons.check_temperature(temperature)
    values = _parse_logits(logits)
    path = _lesson_figure_checks(theme, dpi, output)
    if path is not None:
        from .render.lessons import check_softmax_figure

        check_softmax_figure(values)
    example = lessons.softmax_example(values, temperature)
    if fmt == "json":
        typer.echo(json.dumps(example.to_dict(), indent=2, allow_nan=False))
    else:
        from rich.console import Console
        from rich.table import Table

        t = example.temperature
        scaled = "z" if t == 1.0 else "z/T"
        table = Table(title="softmax(z)" if t == 1.0 else f"softmax(z / T), T = {t:g}")
        table.add_column("i", justify="right")
        table.add_column("logit z", justify="right")
        if t != 1.0:
            table.add_column("z / T", justify="right")
        table.add_column(f"exp({scaled} − m)", justify="right")
        table.add_column("probability", justify="right")
        for i, (z, s, e, p) in enumerate(
            zip(example.logits, example.scaled, example.exp_shifted, example.probabilities), start=1
        ):
            prob = f"{p:.3f}" if p >= 5e-4 or p == 0.0 else f"{p:.3g}"
            cells = [str(i), _minus(f"{z:g}")] + ([_minus(f"{s:g}")] if t != 1.0 else []) + [_minus(f"{e:.4g}"), _minus(prob)]
            table.add_row(*cells)
        table.add_section()
        blank = [""] if t != 1.0 else []
        table.add_row("Σ", "", *blank, f"{example.exp_shifted.sum():.4g}", f"{example.probabilities.sum():.3f}")
        console = Console()
        console.print(table)
        console.print(
            f"m = max {scaled} = {_minus(f'{example.shift:g}')}. Subtracting it changes no probability and keeps every "
            f"exponential ≤ 1, so nothing overflows; the raw e^{scaled if t == 1.0 else '(z/T)'} is the exp column × e^{_minus(f'{example.shift:g}')}.",
            highlight=False,
        )
    if path is not None:
        from .render import lessons as figures

        fig = figures.softmax_figure(example, theme=theme, dpi=dpi)
        _written(figures.write(fig, path, theme=theme), to_stderr=fmt == "json")


@command(
    "loss",
    help=(
        "Why cross-entropy pairs with sigmoid: dL/dz of MSE and of cross-entropy at an output a = f(z), "
        "where MSE's gradient vanishes exactly when the prediction is confidently wrong. Writes a figure "
        "(default outputs/loss_<name>.png) and prints the gradients at z = -5, 0, 5.\n\n"
        "Example: actviz loss --activation sigmoid --target 1"
    ),
)
def loss_command(
    activation: Annotated[
        str, typer.Option("--activation", "-a", help="The output activation, NAME[:KEY=VALUE,...].",
                          autocompletion=complete_name)
    ] = "sigmoid",
    target: Annotated[float, typer.Option("--target", "-y", help="The target y, in [0, 1].")] = 1.0,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Figure path (.png, .svg or .pdf); default ./outputs/loss_<name>.png.")
    ] = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
) -> None:
    import math

    from rich.console import Console
    from rich.table import Table

    from . import lessons

    y = lessons.check_target(target)
    act, params = parse_spec(activation)
    lessons.check_elementwise(act, "the loss lesson")
    stem = "loss_" + _spec_name(act, params) + ("" if y == 1.0 else f"_y{y:g}")
    path = _lesson_figure_checks(theme, dpi, output, default_name=stem)
    curves = lessons.loss_gradients(act, params, target=y)
    points = lessons.loss_gradients(act, params, target=y, z=lessons.SUMMARY_Z)

    from .render import lessons as figures

    written = figures.write(figures.loss_figure(curves, theme=theme, dpi=dpi), path, theme=theme)

    def show(v: float) -> str:
        return "undefined" if math.isnan(v) else _minus(f"{v:.4g}")

    table = Table(title=f"∂L/∂z for a = {curves.formulas()[0]}, y = {y:g}")
    for column in ("z", "a = f(z)", "MSE", "cross-entropy"):
        table.add_column(column, justify="right")
    for z, a, m, c in zip(points.z, points.a, points.mse, points.cross_entropy):
        table.add_row(_minus(f"{z:g}"), _minus(f"{a:.4g}"), show(m), show(c))
    console = Console()
    console.print(table)
    worst = int(max(range(len(points.z)), key=lambda i: abs(points.a[i] - y)))
    z, a, m, c = points.z[worst], points.a[worst], points.mse[worst], points.cross_entropy[worst]
    if abs(a - y) > 0.5 and not math.isnan(c) and abs(c) > 0:
        factor = abs(c) / abs(m) if m != 0 else math.inf
        console.print(
            f"At z = {_minus(f'{z:g}')} the output a = {_minus(f'{a:.3g}')} is confidently wrong (y = {y:g}): MSE's "
            f"gradient {_minus(f'{m:.3g}')} is {factor:,.0f}× smaller than cross-entropy's {_minus(f'{c:.3g}')}, so MSE "
            "learns slowest exactly where it is most wrong.",
            highlight=False,
        )
    note = curves.domain_note()
    if note:
        console.print(note[0].upper() + note[1:] + ".", highlight=False)
    _written(written)


# -- tables: table, list, info (actviz.analysis, actviz.tables) ----------------------------------

_FAMILY = Annotated[
    Optional[str], typer.Option("--family", help="Only this family (see 'actviz list' for the families).",
                                autocompletion=complete_family)
]


def _check_table_format(fmt: str) -> str:
    from .tables import FORMATS

    if fmt not in FORMATS:
        did = "".join(f"did you mean {c!r}? " for c in closest(fmt, FORMATS, n=1))
        raise ParameterError(f"--format {fmt!r} is not valid: {did}use one of {', '.join(FORMATS)}")
    return fmt


def _table_rows(specs: list[str], param: list[str], family: Optional[str]) -> list[tuple[Activation, dict[str, Value]]]:
    """The activations and parameters a table or cheatsheet-like command asks for, validated."""
    in_family = REGISTRY.family(family) if family is not None else None  # unknown family: error listing them
    if param and len(specs) != 1:
        how = "none was named" if not specs else f"{len(specs)} were named"
        raise ParameterError(
            f"-p applies to exactly one activation, but {how}: e.g. 'actviz table elu -p alpha=2'; "
            "for several, use NAME:KEY=VALUE specs such as 'elu:alpha=2 selu'"
        )
    if not specs:
        return [(act, {}) for act in (in_family if in_family is not None else [REGISTRY[n] for n in REGISTRY.names()])]
    parsed = [parse_spec(text) for text in specs]
    if param:
        act, given = parsed[0]
        extra = parse_params(act, param)
        for key in extra:
            if key in given:
                raise ParameterError(f"{key} is given twice (in {specs[0]!r} and -p {key}=...)")
        parsed[0] = (act, {**given, **extra})
        act.resolve(parsed[0][1])
    if family is not None:
        parsed = [(act, p) for act, p in parsed if act.family == family]
        if not parsed:
            raise ParameterError(f"none of the activations named is in family {family!r}; "
                                 f"leave out --family or name some of: {', '.join(a.name for a in in_family or [])}")
    return parsed


@command(
    "table",
    help=(
        "Derived properties of activations as a table: range, f′ range, saturation, zero-centring, "
        "monotonicity, dead zones, and more with --columns.\n\n"
        "Examples: actviz table   |   actviz table elu -p alpha=2   |   actviz table --family relu --format markdown"
    ),
)
def table_command(
    specs: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="[SPEC]...", help="NAME[:KEY=VALUE,...]; default: every activation.",
                       autocompletion=complete_name, show_default=False),
    ] = None,
    param: Annotated[Optional[list[str]], typer.Option("-p", "--param", metavar="KEY=VALUE",
                                                       help="A parameter of the one named activation; repeat for more.")] = None,
    family: _FAMILY = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="rich, markdown, csv, json or latex.")] = "rich",
    columns: Annotated[Optional[str], typer.Option(
        "--columns", "-c", metavar="KEY,KEY,...",
        help="Columns to show, comma-separated, e.g. name,range,saturation (an unknown key lists the valid ones).",
    )] = None,
) -> None:
    from .tables import parse_columns, render

    _check_table_format(fmt)
    cols = parse_columns(columns)
    parsed = _table_rows(list(specs or []), list(param or []), family)
    rows = [act.properties(**params) for act, params in parsed]
    if fmt == "rich":
        from rich.console import Console

        console = Console()
        console.print(render(rows, "rich", cols, width=console.width))
    else:
        typer.echo(render(rows, fmt, cols), nl=False)


@command("list", help="The activations: canonical name, aliases, family and a one-line summary.\n\n"
                      "Example: actviz list --family relu")
def list_command(family: _FAMILY = None) -> None:
    from rich.console import Console

    from .tables import list_table

    acts = REGISTRY.family(family) if family is not None else [REGISTRY[n] for n in REGISTRY.names()]
    Console().print(list_table(acts))


@command("info", help="Everything about one activation: formula, derivative, parameters, derived properties, "
                      "notes, advice and reference.\n\nExample: actviz info elu -p alpha=2")
def info_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Activation name or alias (see 'actviz list').",
                                        autocompletion=complete_name)],
    param: Annotated[Optional[list[str]], typer.Option("-p", "--param", metavar="KEY=VALUE",
                                                       help="A parameter of the function; repeat for more.")] = None,
) -> None:
    from rich.console import Console

    from .tables import info_card

    act = lookup_name(name)
    params = parse_params(act, list(param or []))
    Console().print(info_card(act, act.properties(**params)))


# -- figures: cheatsheet (actviz.render.cheatsheet) ------------------------------------------------


@command("cheatsheet")
def cheatsheet_command(
    specs: Annotated[Optional[list[str]], typer.Argument(
        metavar="[SPEC...]", autocompletion=complete_name,
        help="Activations to show, NAME[:KEY=VALUE,...]; default: the whole catalogue.")] = None,
    family: Annotated[Optional[str], typer.Option("--family", help="Only this family (see 'actviz list').",
                                                  autocompletion=complete_family)] = None,
    cols: Annotated[
        Optional[int], typer.Option("--cols", help="Panels per row (1 to 12); default: balanced, at most 6.")
    ] = None,
    theme: _THEME = "light",
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of PNG output (20 to 600).")] = 100,
    output: Annotated[Optional[str], typer.Option(
        "-o", "--output", help="Output file (.png, .svg or .pdf); default ./outputs/cheatsheet.png.")] = None,
) -> None:
    """Every activation on one poster, grouped by family, e.g. [bold]actviz cheatsheet --family relu[/bold]."""
    from .render.cheatsheet import check_cols, check_size, select
    from .render.figures import check_dpi
    from .render.save import FORMATS, check_output
    from .render.style import check_theme, prefer_fast_startup

    prefer_fast_startup()
    parsed = [parse_spec(text) for text in specs or []]
    check_theme(theme)
    check_cols(cols)
    check_dpi(dpi)
    panels = select(parsed, family)  # unknown family / names outside it -> error
    path = check_output(output, default_name="cheatsheet" if not (parsed or family) else
                        "cheatsheet_" + (family or "_".join(_spec_name(a, p) for a, p in parsed))[:80])
    if FORMATS[path.suffix.lower()] == "png":
        check_size(len(panels), cols, dpi)
    from .render.cheatsheet import POINTS, XMAX, XMIN, cheatsheet_figure
    from .render.figures import check_values
    from .render.save import save_figure
    from .render.style import themed

    check_values([(p.act, p.params) for p in panels], XMIN, XMAX, POINTS, hint="use smaller parameters")
    with quiet_floats():
        fig = cheatsheet_figure(parsed, family=family, cols=cols, theme=theme, dpi=dpi, check_pixels=False)
        with themed(theme):
            written = save_figure(fig, path)
    typer.echo(str(written))
