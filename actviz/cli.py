"""The ``actviz`` command line: a thin client of the Python API (:mod:`actviz.api`).

Every command parses its arguments, makes one library call and prints or saves what it returns.
Every command is registered through :func:`command`, the one error boundary: an
:class:`~actviz.errors.ActvizError` becomes a one-line message on stderr and its exit code
(2 for bad input, 1 for a failure outside the user's control), an ``OSError`` while writing becomes
exit code 1; the options a library message names (``xmin``) are shown as the flags typed (``--xmin``).
No traceback for either.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import json
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import api, messages, options
from .errors import ActvizError, ParameterError


class _Group(TyperGroup):
    """The app's group: a mistake in the command line itself (an unknown option, a missing value, an extra
    argument) gets the same one-line message as every other mistake, with a suggestion, instead of a
    framed panel (``plot elu -p alpha 2``: "did you mean -p alpha=2?")."""

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except Exception as exc:  # click's exceptions, vendored by typer: recognised by what they carry
            if type(exc).__name__ == "NoArgsIsHelpError" or not hasattr(exc, "format_message"):
                if type(exc).__name__ == "Abort":
                    echo("Aborted.", err=True)
                    sys.exit(1)
                if type(exc).__name__ == "NoArgsIsHelpError":
                    return super().main(argv, prog_name, complete_var, standalone_mode=True, **extra)
                raise
            echo("Error: " + _usage_message(exc, argv), err=True)
            sys.exit(getattr(exc, "exit_code", 2))
        sys.exit(code if isinstance(code, int) else 0)


def _usage_message(exc: Any, argv: list[str]) -> str:
    """click's message for a command-line mistake, in actviz's words, with what would be right."""
    import difflib

    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "actviz"
    names = [c.name for c in app.registered_commands]
    if path == "actviz" and argv and argv[0] in names:  # an option of the command, parsed before its context
        path = f"actviz {argv[0]}"
    help_hint = f"'{path} --help' lists what it takes."
    kind = type(exc).__name__
    message = exc.format_message().rstrip(".")
    if kind == "NoSuchOption":
        name = getattr(exc, "option_name", "")
        close = sorted(getattr(exc, "possibilities", None) or [])
        if not close and ctx is not None:
            flags = [f for p in ctx.command.params for f in getattr(p, "opts", []) if f.startswith("--")]
            close = difflib.get_close_matches(name, flags, n=1, cutoff=0.6)
        return f"{path} has no option {name}" + (f"; did you mean {close[0]}?" if close else ".") + f" {help_hint}"
    if "No such command" in message and argv:
        close = difflib.get_close_matches(argv[0], names, n=1, cutoff=0.5)
        return f"actviz has no command {argv[0]!r}" + (f"; did you mean {close[0]}?" if close else ".") + \
            " 'actviz --help' lists them."
    if "unexpected extra argument" in message:
        for i, a in enumerate(argv[:-2]):  # -p alpha 2: the value after a KEY without =
            if a in ("-p", "--param") and "=" not in argv[i + 1] and argv[i + 2] in message:
                return f"{path}: unexpected argument {argv[i + 2]!r}; did you mean {a} {argv[i + 1]}={argv[i + 2]}?"
        shown = message[message.rfind("(") + 1:].rstrip(")") if "(" in message else message
        return f"{path}: unexpected argument {shown!r}. {help_hint}"
    return f"{path}: {message}. {help_hint}"


app = typer.Typer(
    cls=_Group,
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


# -- the error boundary ---------------------------------------------------------------------------------


#: the flags of the options a library message names, where they are not simply --<name>
FLAGS = {"parameters": "-p", "keyword parameter": "-p", "param": "-p"}


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Write to stdout (or stderr) as it is: click's echo would re-encode a stream it thinks
    misconfigured (PYTHONIOENCODING=ascii) as UTF-8; here the stream's own encoding holds, with ASCII
    spellings for what it cannot hold (see safe_streams)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(message + ("\n" if nl else ""))
    stream.flush()


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise (a second line, such as the caret
    under a column of an expression, is indented to stay aligned with the first)."""
    prefix = "Error: "
    echo(prefix + message.replace("\n", "\n" + " " * len(prefix)), err=True)
    return typer.Exit(code)


def command(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``app.command`` wrapped in the error boundary."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def guarded(*a: Any, **k: Any) -> Any:
            try:
                with messages.language(k.get("lang")):  # --lang (or $ACTVIZ_LANG) for everything the command says
                    return fn(*a, **k)
            except ActvizError as exc:
                raise fail(exc.render(lambda name: FLAGS.get(name, "--" + name.replace("_", "-"))), exc.exit_code) from None
            except OSError as exc:
                where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
                raise fail(f"could not write{where}: {exc.strerror or exc}", 1) from None

        return app.command(*args, **kwargs)(guarded)

    return decorate


codecs.register_error("actviz-ascii", api.ascii_fallback)


def safe_streams() -> None:
    """Let stdout and stderr write what their encoding cannot hold in ASCII spellings (``−`` -> ``-``,
    ``C⁰`` -> ``C0``) instead of failing: output redirected on a Chinese Windows (cp936/gbk) or with
    PYTHONIOENCODING=ascii never ends in a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="actviz-ascii")
            except (ValueError, OSError):  # a closed or detached stream: nothing to protect
                pass


def _version(value: bool) -> None:
    if value:
        echo(f"actviz {api.__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Plot, compare, tabulate and explain the activation functions of neural networks."""
    safe_streams()


def main() -> None:  # console-script entry point
    # a one-shot process: no cyclic garbage collection. A figure's mathtext leaves ~130 000 objects
    # of cyclic garbage (pyparsing's exception frames); collecting them costs ~0.15 s of a 1 s
    # cheatsheet, exiting frees them. (Tests call ``app``: their process keeps its collector.)
    import gc

    gc.disable()
    safe_streams()
    _app_for(sys.argv[1:])()


def _app_for(args: list[str]) -> typer.Typer:
    """The app, or where the first argument names a command, a copy holding only that command: typer
    builds the options of every command it holds before running one (~20 ms for the 13 commands), and
    what the command prints is the same. Off with ACTVIZ_NO_SPEEDUPS=1, as the other start-up tricks."""
    import copy

    from .render._speedups import enabled

    name = args[0] if args else ""
    chosen = [c for c in app.registered_commands if c.name == name]
    if not enabled() or len(chosen) != 1:
        return app
    lite = copy.copy(app)
    lite.registered_commands = chosen
    return lite


# -- shared parsing ------------------------------------------------------------------------------


def complete_name(incomplete: str) -> list[str]:
    """Shell completion for activation names (canonical names first, then aliases)."""
    prefix = incomplete.lower().replace("-", "_")
    names = [n for n in api.names() if n.startswith(prefix)]
    aliases = [a for n in api.names() for a in api.get(n).aliases if a.lower().startswith(prefix)]
    return names + [a for a in dict.fromkeys(aliases) if a not in names]


def complete_family(incomplete: str) -> list[str]:
    """Shell completion for --family."""
    return [f for f in api.families() if f.startswith(incomplete.lower())]


def _figures() -> None:
    """The one-shot process's start-up tricks (actviz.render._speedups), before matplotlib loads."""
    from .render import _speedups

    _speedups.apply()


def _save(fig: Any, path: Any, *, to_stderr: bool = False, show: bool = False, svg_text: str = "text") -> None:
    """Write the figure and print its path (to stderr when stdout carries json); ``show``: also open
    it in a window where there is a display."""
    echo(str(api.save(fig, path, svg_text=svg_text)), err=to_stderr)
    if show:
        if not api.show(fig):
            echo("--show: no interactive display here; the figure was only saved.", err=True)


def _print(build: Callable[[], Any]) -> None:
    """Print the rich renderable ``build()`` makes; where the terminal's encoding cannot hold actviz's
    symbols, in their ASCII spellings (so a cp936 console or PYTHONIOENCODING=ascii reads (-inf, 0],
    C0, f'), and in English where it cannot hold Chinese (see :func:`_text_language`)."""
    from rich.console import Console

    console = Console()
    with _text_language(console.encoding):
        renderable = build()
    console.print(api.printable(renderable, console.encoding))  # GBK keeps Chinese; else ASCII spellings


def _text_language(encoding: str | None) -> Any:
    """The language for text written in ``encoding``: the one in force, except Chinese where the
    encoding cannot hold it (ASCII, Latin-1: every character would be a '?'), which falls back to
    English with a note on stderr. Figures are not affected: they carry their own font."""
    if messages.is_chinese():
        try:
            "中文".encode(encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            echo(f"--lang zh: this terminal's encoding ({encoding}) cannot show Chinese; the text is in English "
                 "(set PYTHONIOENCODING=utf-8 or gbk to read it in Chinese).", err=True)
            return messages.language("en")
    return contextlib.nullcontext()


def _console_width() -> int:
    from rich.console import Console

    return Console().width


# -- figures: plot, compare, cheatsheet ----------------------------------------------------------------

_XMIN = Annotated[float, typer.Option("--xmin", help="Left end of the x-range.")]
_XMAX = Annotated[float, typer.Option("--xmax", help="Right end of the x-range.")]
_POINTS = Annotated[int, typer.Option("--points", help="Samples across the x-range (10 to 100000).")]
_THEME = Annotated[str, typer.Option("--theme", help="Colour theme: light or dark.")]
_DPI = Annotated[int, typer.Option("--dpi", help="Resolution of PNG output (20 to 600).")]
_OUTPUT = Annotated[
    str | None,
    typer.Option("-o", "--output", help="Output file (.png, .svg or .pdf); default outputs/NAME.png."),
]
_SHOW = Annotated[bool, typer.Option("--show", help="Also open the figure in a window, if a display exists.")]
_DERIVATIVE = Annotated[bool, typer.Option("--derivative/--no-derivative", help="Draw the derivative f′ too.")]
_SIZE = Annotated[str | None, typer.Option(
    "--size", metavar="WxH|W:H", help="Figure size in inches (3.5x2.6, a journal column; 13.33x7.5, a full slide) "
    "or a shape (16:9); texts scale with it, never below 7 pt (14 pt on a slide).")]
_FONT_SCALE = Annotated[float, typer.Option(
    "--font-scale", help="Texts this many times the size the figure's size gives them (0.5 to 3).")]
_TITLE = Annotated[bool, typer.Option("--title/--no-title", help="Show the title.")]
_SVG_TEXT = Annotated[str, typer.Option(
    "--svg-text", help="SVG text: 'text' (words editable, formulas as outlines) or 'paths' (all outlines, the same in any viewer).")]
_DATA_OUTPUT = Annotated[
    str | None,
    typer.Option("-o", "--output", help="Output file: .png, .svg or .pdf for the figure, .csv for its numbers "
                 "(curve, x, f, df); default outputs/NAME.png."),
]
_TERMINAL = Annotated[bool, typer.Option(
    "--terminal", help="Draw the plot in the terminal (braille characters) instead of writing a figure.")]
_HEIGHT = Annotated[int | None, typer.Option(
    "--height", help="With --terminal: rows of the plot (4 to 100, 4 dots each); default 16.", show_default=False)]
_LANG = Annotated[str | None, typer.Option(
    "--lang", metavar="en|zh", show_default=False,
    help="Language of figures, tables and reports: en (English) or zh (Chinese); default: $ACTVIZ_LANG, else en.")]
_PARAM = Annotated[list[str] | None, typer.Option("-p", "--param", metavar="KEY=VALUE",
                                                     help="A parameter of the function; repeat for more.")]
_FRAMEWORKS_HELP = "torch, keras, jax or tf"
_FRAMEWORK = Annotated[str | None, typer.Option(
    "--framework", metavar="FW", help=f"Draw the definition, defaults and conventions of one framework: {_FRAMEWORKS_HELP}.",
    show_default=False)]
_FRAMEWORK_MANY = Annotated[str | None, typer.Option(
    "--framework", metavar="FW[,FW...]", help=f"The definitions of a framework ({_FRAMEWORKS_HELP}); several, "
    "comma-separated, give each one's version of every activation named.", show_default=False)]


_FAMILY = Annotated[
    str | None, typer.Option("--family", help="Only this family (see 'actviz list' for the families).",
                                autocompletion=complete_family)
]
_SPECS_HELP = ("NAME[:KEY=VALUE[,KEY=VALUE...]], e.g. leaky_relu:alpha=0.1, or an expression in x, "
               "e.g. 'x*sigmoid(b*x):b=1.702' (quote it)")
_NAME_HELP = ("Activation name or alias (see 'actviz list'), or an expression in x such as 'x*tanh(softplus(x))' "
              "(quote it; parameters with -p).")


#: the options that only make sense for a figure file, and the flags that name them
FIGURE_ONLY = {"output": "-o/--output", "dpi": "--dpi", "theme": "--theme", "show": "--show", "size": "--size",
               "ylim": "--ylim", "title": "--title/--no-title", "formula": "--formula/--no-formula",
               "svg_text": "--svg-text", "font_scale": "--font-scale"}


def _terminal_options(ctx: typer.Context, terminal: bool, height: int | None) -> None:
    """--terminal prints text: refuse the options of a figure file with it, and --height without it."""
    if terminal:
        for name, flag in FIGURE_ONLY.items():  # given on the command line or through the environment
            if getattr(ctx.get_parameter_source(name), "name", "DEFAULT") in ("COMMANDLINE", "ENVIRONMENT"):
                raise ParameterError(f"{flag} is for figure files; --terminal prints the plot as text: "
                                     f"drop {flag.split('/')[0]} or --terminal")
    elif height is not None:
        raise ParameterError("--height sizes a --terminal plot: add --terminal, or drop --height")


def _terminal_plot(*bounds: Any, derivative: bool, xmin: float, xmax: float, points: int,
                   height: int | None) -> None:
    _print(lambda: api.terminal_plot(*bounds, derivative=derivative, xmin=xmin, xmax=xmax, points=points,
                                     height=height))


@command("plot", help=(
    "Plot one activation and its derivative: a figure (PNG, SVG or PDF), its numbers (CSV), or braille in the "
    "terminal.\n\n"
    "Examples: [bold]actviz plot leaky_relu --alpha 0.1[/bold]   |   in the terminal: "
    "[bold]actviz plot gelu --terminal[/bold]   |   JAX's GELU: [bold]actviz plot gelu --framework jax[/bold]   |   "
    "a gated unit of two inputs: [bold]actviz plot swigluoai --2d --up -1,0.5,2[/bold]"))
def plot(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=_NAME_HELP,
                                        autocompletion=complete_name)],
    alpha: Annotated[float | None, typer.Option("--alpha", help="Shortcut for -p alpha=A.")] = None,
    beta: Annotated[float | None, typer.Option("--beta", help="Shortcut for -p beta=B.")] = None,
    param: _PARAM = None,
    derivative: _DERIVATIVE = True,
    xmin: _XMIN = -5.0,
    xmax: _XMAX = 5.0,
    points: _POINTS = 1000,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    size: _SIZE = None,
    font_scale: _FONT_SCALE = 1.0,
    ylim: Annotated[str | None, typer.Option("--ylim", metavar="LOW,HIGH", help="Fix the y-range, e.g. -1,2.")] = None,
    title: _TITLE = True,
    formula: Annotated[bool, typer.Option("--formula/--no-formula", help="Show the formulas.")] = True,
    svg_text: _SVG_TEXT = "text",
    output: _DATA_OUTPUT = None,
    show: _SHOW = False,
    terminal: _TERMINAL = False,
    height: _HEIGHT = None,
    framework: _FRAMEWORK = None,
    two_d: Annotated[bool, typer.Option("--2d", help="A gated unit as a function of two inputs: the map f(gate, up) "
                                        "with its clamps, and slices at --up (swiglu, geglu, geglu_tanh, reglu, "
                                        "relu2_glu, swigluoai, swiglu_limit).")] = False,
    up: Annotated[str | None, typer.Option("--up", metavar="U,U,...", help="With --2d: the up values of the "
                                           "slices, e.g. -1,0.5,2.")] = None,
    lang: _LANG = None,
) -> None:
    if two_d or up is not None:
        return _plot_2d(ctx, name, up, two_d, param, output, theme, dpi, terminal, framework, alpha, beta)
    _terminal_options(ctx, terminal, height)
    bound = api.bind(name, param, framework=api.one_framework(framework, "plot"), alpha=alpha, beta=beta)
    if terminal:
        return _terminal_plot(bound, derivative=derivative, xmin=xmin, xmax=xmax, points=points, height=height)
    house = api.house_size("plot")
    figsize, frame = options.parse_size(size, house[0]), options.parse_ylim(ylim)
    options.check_font_scale(font_scale)
    path = api.output_path(output, api.file_stem(bound), data=True)
    options.check_figure_file(path, figsize or house, dpi, svg_text)
    if path.is_data:
        echo(str(api.save_text(api.curves(bound, xmin=xmin, xmax=xmax, points=points).to_csv(), path)))
        return
    _figures()
    fig = api.plot(bound, derivative=derivative, xmin=xmin, xmax=xmax, points=points, theme=theme, dpi=dpi,
                   size=figsize, ylim=frame, title=title, formula=formula, pyplot=show, font_scale=font_scale)
    _save(fig, path, show=show, svg_text=svg_text)


def _plot_2d(ctx: typer.Context, name: str, up: str | None, two_d: bool, param: list[str] | None, output: str | None,
             theme: str, dpi: int, terminal: bool, framework: str | None, alpha: float | None, beta: float | None) -> None:
    """``plot NAME --2d``: the two-input map of a gated unit (see api.plot2d)."""
    if not two_d:
        raise ParameterError("--up goes with --2d: 'actviz plot swiglu --2d --up -1,0.5,2'")
    for flag, given in (("--terminal", terminal), ("--framework", framework is not None), ("--alpha", alpha is not None),
                        ("--beta", beta is not None)):
        if given:
            raise ParameterError(f"--2d draws a gated unit's map; {flag} does not apply to it")
    limit = None
    for key, value in api.parse_params(param).items():
        if key != "limit":
            raise ParameterError(f"--2d takes one parameter, limit (the clamps of swigluoai and swiglu_limit), not {key!r}")
        try:
            limit = float(value)
        except ValueError:
            raise ParameterError(f"limit={value!r} is not a number: limit > 0") from None
    ups = [-1.0, 0.5, 2.0]
    if up is not None:
        try:
            ups = [float(v) for v in up.split(",") if v.strip()]
        except ValueError:
            raise ParameterError(f"--up {up!r}: give numbers separated by commas, e.g. -1,0.5,2") from None
    unit = api.two_input(name, limit=limit)
    path = api.output_path(output, f"{unit.name}_2d")
    options.check_figure_file(path, api.plot2d_size(), dpi, "text")
    _figures()
    _save(api.plot2d(unit.name, up=ups, limit=limit, theme=theme, dpi=dpi), path)


@command("compare", help=(
    "Overlay activations (top) and their derivatives (bottom): a figure, their numbers (CSV), or braille in the "
    "terminal.\n\n"
    "Examples: [bold]actviz compare relu elu gelu[/bold]   |   in the terminal: [bold]actviz compare relu elu gelu "
    "--terminal[/bold]   |   the frameworks' versions of one function: "
    "[bold]actviz compare leaky_relu --framework torch,keras,jax[/bold]"))
def compare(
    ctx: typer.Context,
    specs: Annotated[list[str], typer.Argument(metavar="SPEC...", autocompletion=complete_name, help=_SPECS_HELP)],
    derivative: _DERIVATIVE = True,
    xmin: _XMIN = -5.0,
    xmax: _XMAX = 5.0,
    points: _POINTS = 1000,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    size: _SIZE = None,
    font_scale: _FONT_SCALE = 1.0,
    title: _TITLE = True,
    svg_text: _SVG_TEXT = "text",
    output: _DATA_OUTPUT = None,
    show: _SHOW = False,
    terminal: _TERMINAL = False,
    height: _HEIGHT = None,
    grid: Annotated[bool, typer.Option(
        "--grid", help="Small multiples: a panel each, on one x- and y-range (for more than 8 functions).")] = False,
    framework: _FRAMEWORK_MANY = None,
    lang: _LANG = None,
) -> None:
    _terminal_options(ctx, terminal, height)
    if grid and terminal:
        raise ActvizError("--grid draws a figure of panels and --terminal one overlay: give one of them")
    bounds = api.activations(*specs, framework=framework)
    if terminal:
        return _terminal_plot(*bounds, derivative=derivative, xmin=xmin, xmax=xmax, points=points, height=height)
    house = api.house_size("grid", len(bounds)) if grid else api.house_size("compare")
    figsize = options.parse_size(size, house[0])
    options.check_font_scale(font_scale)
    path = api.output_path(output, "compare_" + api.file_stem(*bounds), data=True)
    options.check_figure_file(path, figsize or house, dpi, svg_text)
    if path.is_data:
        echo(str(api.save_text(api.curves(*bounds, xmin=xmin, xmax=xmax, points=points).to_csv(), path)))
        return
    _figures()
    fig = api.compare(*bounds, derivative=derivative, xmin=xmin, xmax=xmax, points=points, theme=theme, dpi=dpi,
                      size=figsize, title=title, pyplot=show, grid=grid, font_scale=font_scale)
    _save(fig, path, show=show, svg_text=svg_text)


@command("cheatsheet")
def cheatsheet_command(
    specs: Annotated[list[str] | None, typer.Argument(
        metavar="[SPEC...]", autocompletion=complete_name,
        help="Activations to show, NAME[:KEY=VALUE,...]; default: the whole catalogue.")] = None,
    family: _FAMILY = None,
    cols: Annotated[
        int | None, typer.Option("--cols", help="Panels per row (1 to 12); default: balanced, at most 6.")
    ] = None,
    theme: _THEME = "light",
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of PNG output (20 to 600).")] = 100,
    xmin: _XMIN = -5.0,
    xmax: _XMAX = 5.0,
    svg_text: _SVG_TEXT = "text",
    output: Annotated[str | None, typer.Option(
        "-o", "--output", help="Output file (.png, .svg or .pdf); default outputs/cheatsheet.png.")] = None,
    framework: _FRAMEWORK_MANY = None,
    lang: _LANG = None,
) -> None:
    """Every activation on one poster, grouped by family, e.g. [bold]actviz cheatsheet --family relu[/bold]."""
    bounds = api.activations(*(specs or []), family=family, framework=framework)
    stem = "cheatsheet" if not (specs or family) else "cheatsheet_" + (  # the family's own name: --family Relu
        bounds[0].family if family and not specs else api.file_stem(*bounds))  # writes cheatsheet_relu.png too
    if framework is not None and not specs:
        stem += "_" + "_".join(dict.fromkeys(b.act.framework for b in bounds))
    options.check_svg_text(svg_text)
    path = api.output_path(output, stem[:91])
    api.check_cheatsheet(bounds, cols=cols, theme=theme, dpi=dpi, xmin=xmin, xmax=xmax, png=path.format == "png")
    _figures()
    heading_family = family if not specs else None
    echo(str(api.cheatsheet(*bounds, family=heading_family, cols=cols, theme=theme, dpi=dpi, xmin=xmin, xmax=xmax,
                            output=path, svg_text=svg_text)))


@command("animate", help=(
    "Move one parameter and watch: f and f′ on fixed axes over the sweep, a faint trail, the value in the title "
    "and a readout of the range, the minimum and the continuity class as they change.\n\n"
    "Examples: [bold]actviz animate elu --param alpha=0.1:2:40[/bold]   |   several at once: [bold]actviz animate "
    "elu celu --param alpha=0.1:2:40 -o elu.png[/bold]   |   a log sweep: [bold]actviz animate silu --param "
    "beta=0.1:10:30 --log --pingpong -o swish.webp[/bold]"))
def animate_command(
    specs: Annotated[list[str], typer.Argument(metavar="SPEC...", autocompletion=complete_name, help=(
        _SPECS_HELP + "; every one must have the swept parameter"))],
    param: Annotated[str, typer.Option("-p", "--param", metavar="NAME=START:STOP:FRAMES", help=(
        f"The parameter to sweep, from START to STOP in FRAMES frames ({options.MIN_FRAMES} to "
        f"{options.MAX_FRAMES}), e.g. alpha=0.1:2:40."))],
    log: Annotated[bool, typer.Option("--log", help="Space the values evenly in log scale (β = 0.1 … 10).")] = False,
    fps: Annotated[int, typer.Option("--fps", help=f"Frames a second (1 to {options.MAX_FPS}).")] = 12,
    hold: Annotated[float, typer.Option("--hold", metavar="SECONDS", help=(
        "Hold the first and last frames this much longer."))] = 0.8,
    pingpong: Annotated[bool, typer.Option("--pingpong", help="Play there and back.")] = False,
    derivative: _DERIVATIVE = True,
    xmin: _XMIN = -5.0,
    xmax: _XMAX = 5.0,
    size: Annotated[str | None, typer.Option(
        "--size", metavar="WxH|W:H", help="Frame size in inches (6.4x4, the default) or a shape (16:9).")] = None,
    dpi: Annotated[int, typer.Option("--dpi", help="Pixels an inch (20 to 600); 6.4x4 at 100 is 640 × 400.")] = 100,
    theme: _THEME = "light",
    output: Annotated[str | None, typer.Option("-o", "--output", help=(
        "Output file: .gif, .png (animated), .webp, .html (a small player) or .mp4 (needs ffmpeg); default "
        "outputs/NAME_PARAM.gif."))] = None,
    framework: _FRAMEWORK = None,
    lang: _LANG = None,
) -> None:
    bounds = api.activations(*specs, framework=api.one_framework(framework, "animate"))
    sweep = options.parse_sweep(param, log)
    path = output if output is not None else options.default_path(f"{api.file_stem(*bounds)}_{sweep.name}", ".gif")
    shape = options.parse_size(size, api.house_size("animate")[0])
    _figures()
    echo(str(api.animate(*bounds, param=param, log=log, fps=fps, hold=hold, pingpong=pingpong, size=shape, dpi=dpi,
                         theme=theme, derivative=derivative, xmin=xmin, xmax=xmax, output=path)))


@command("page", help=(
    "One self-contained HTML page to explore: pick a function, move its parameters on sliders, f and f′ drawn live, "
    "the formula and the exact facts; works offline (open it with #selftest to check its JavaScript).\n\n"
    "Examples: [bold]actviz page[/bold] (the whole catalogue -> outputs/explore.html)   |   [bold]actviz page elu "
    "gelu silu -o explore.html[/bold]   |   [bold]actviz page --lang zh --theme dark[/bold]"))
def page_command(
    specs: Annotated[list[str] | None, typer.Argument(
        metavar="[SPEC...]", autocompletion=complete_name,
        help="The functions on the page (default: the whole catalogue); " + _SPECS_HELP)] = None,
    theme: _THEME = "light",
    no_frameworks: Annotated[bool, typer.Option("--no-frameworks", help=(
        "Leave out the frameworks' variants of each function."))] = False,
    output: Annotated[str | None, typer.Option("-o", "--output", help=(
        "Output file (.html); default outputs/explore.html."))] = None,
    lang: _LANG = None,
) -> None:
    path = output if output is not None else options.default_path("explore", ".html")
    echo(str(api.page(*(specs or []), output=path, theme=theme, frameworks=not no_frameworks)))


# -- tables: table, list, info -----------------------------------------------------------------------------


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
        list[str] | None,
        typer.Argument(metavar="[SPEC]...", help="NAME[:KEY=VALUE,...]; default: every activation.",
                       autocompletion=complete_name, show_default=False),
    ] = None,
    param: Annotated[list[str] | None, typer.Option("-p", "--param", metavar="KEY=VALUE",
                                                       help="A parameter of the one named activation; repeat for more.")] = None,
    family: _FAMILY = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="rich, markdown, csv, json or latex.")] = "rich",
    columns: Annotated[str | None, typer.Option(
        "--columns", "-c", metavar="KEY,KEY,...",
        help="Columns to show, comma-separated, e.g. name,range,saturation (an unknown key lists the valid ones).",
    )] = None,
    framework: _FRAMEWORK_MANY = None,
    lang: _LANG = None,
) -> None:
    if fmt == "rich":
        _print(lambda: api.properties_table(*(specs or []), family=family, columns=columns, width=_console_width(),
                                            framework=framework, assignments=param))
    else:
        with _text_language(sys.stdout.encoding):
            table = api.table(*(specs or []), family=family, columns=columns, format=fmt, framework=framework,
                              assignments=param)
        echo(table, nl=False)


@command("list", help="The activations: canonical name, aliases, family and a one-line summary.\n\n"
                      "Examples: actviz list --family relu   |   actviz list --framework jax  (JAX's names)")
def list_command(family: _FAMILY = None, framework: _FRAMEWORK_MANY = None, lang: _LANG = None) -> None:
    _print(lambda: api.list_table(family, framework))


@command("info", help="Everything about one activation: formula, derivative, parameters, derived properties, "
                      "notes, advice and reference.\n\nExamples: actviz info elu -p alpha=2   |   "
                      "actviz info gelu --format latex  (a snippet for a paper)")
def info_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help=_NAME_HELP,
                                        autocompletion=complete_name)],
    param: _PARAM = None,
    framework: _FRAMEWORK = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="rich (the card), latex (a snippet for a paper), "
                                                           "markdown or json.")] = "rich",
    lang: _LANG = None,
) -> None:
    bound = api.bind(name, param, framework=api.one_framework(framework, "info"))
    if fmt == "rich":
        _print(lambda: api.info_card(bound))
    else:
        with _text_language(sys.stdout.encoding):
            echo(api.info_card(bound, format=fmt), nl=False)


# -- lessons: gradient, softmax, loss --------------------------------------------------------------

LESSON_FORMATS = ("rich", "json")
_LESSON_FORMAT = Annotated[str, typer.Option("--format", help="rich (a table) or json.")]


def _lesson_output(fmt: str, theme: str, dpi: int, output: str | None, stem: str | None = None) -> Any:
    """Validate --format, --theme, --dpi and the figure path; return the path, None (no figure), or
    the failure to write it (a folder that cannot be written, exit 1), raised only after the lesson's
    numbers are printed: the student gets the numbers even where no figure can be saved."""
    api.check_format(fmt, LESSON_FORMATS)
    options.check_theme(theme)
    options.check_dpi(dpi)
    if output is None and stem is None:
        return None
    try:
        return api.output_path(output, stem or "figure")
    except ActvizError as exc:
        if exc.exit_code != 1:  # a folder that cannot be written: raised after the numbers are printed
            raise
        return exc


def _lesson_figure(result: Any, path: Any, theme: str, dpi: int, *, to_stderr: bool = False) -> None:
    """Write the lesson's figure to ``path`` (see _lesson_output), after its numbers were printed."""
    if path is None:
        return
    if isinstance(path, Exception):
        raise path
    _figures()
    _save(api.lesson_figure(result, theme=theme, dpi=dpi), path, to_stderr=to_stderr)


def _json(data: Any) -> None:
    echo(json.dumps(data, indent=2, allow_nan=False))


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
        str, typer.Option("--init", help="Weights: auto (std = the activation's forward gain / √width: actviz gain), xavier or he.")
    ] = "auto",
    fmt: _LESSON_FORMAT = "rich",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Also write the figure (.png, .svg or .pdf).")
    ] = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    framework: _FRAMEWORK_MANY = None,
    lang: _LANG = None,
) -> None:
    _lesson(lambda figure: api.gradient_flow(*specs, layers=layers, width=width, seed=seed, init=init, framework=framework),
            fmt, output, theme, dpi)


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
        str | None, typer.Option("--output", "-o", help="Also write a bar chart (.png, .svg or .pdf).")
    ] = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    lang: _LANG = None,
) -> None:
    _lesson(lambda figure: api.softmax_example(_parse_logits(logits), temperature, figure=figure), fmt, output, theme, dpi)


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
        str | None, typer.Option("--output", "-o", help="Figure path (.png, .svg or .pdf); default outputs/loss_NAME.png.")
    ] = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    figure: Annotated[bool, typer.Option("--figure/--no-figure", help="Also write the figure (default).")] = True,
    framework: _FRAMEWORK = None,
    lang: _LANG = None,
) -> None:
    one = api.one_framework(framework, "loss")
    curves = api.loss_gradients(activation, target=target, framework=one)  # checks the target and the activation first
    bound = api.activations(activation, framework=one)[0]
    stem = "loss_" + api.file_stem(bound) + ("" if curves.target == 1.0 else f"_y{curves.target:g}")
    path = _lesson_output("rich", theme, dpi, output, stem if figure else None)
    if not figure and output is not None:
        raise ParameterError("--no-figure with -o: leave out one of them")
    points = api.loss_gradients(bound, target=target, summary=True)
    _print(lambda: api.lesson_report(curves, points))
    _lesson_figure(curves, path, theme, dpi)


# -- activations at work: train, zigzag ------------------------------------------------------------

FLAGS.update({"bias_init": "--bias-init"})  # the library names it as the keyword, the command line as the flag
_LESSON_OUTPUT = Annotated[
    str | None, typer.Option("--output", "-o", help="Also write the figure (.png, .svg or .pdf).")
]
_LESSON_SPECS = Annotated[
    list[str],
    typer.Argument(metavar="SPEC...", help="NAME[:KEY=VALUE,...], e.g. identity relu leaky_relu:alpha=0.1",
                   autocompletion=complete_name, show_default=False),
]


def _lesson(run: Callable[[bool], Any], fmt: str, output: str | None, theme: str, dpi: int,
            stem: str | None = None) -> None:
    """A lesson: check its options and figure path, ``run(figure)`` it (``figure``: a figure is asked for,
    which the lesson checks it can draw before any work), print the results, then write the figure."""
    path = _lesson_output(fmt, theme, dpi, output, stem if output is not None else None)
    _lesson_results(run(path is not None), fmt, path, theme, dpi)


def _lesson_results(results: Any, fmt: str, path: Any, theme: str, dpi: int) -> None:
    """Print a lesson's results (json, or the rich report), then write its figure if ``path`` is one
    (see _lesson_output; the path goes to stderr when stdout carries json)."""
    if fmt == "json":
        _json([r.to_dict() for r in results] if isinstance(results, list) else results.to_dict())
    else:
        _print(lambda: api.lesson_report(results))
    _lesson_figure(results, path, theme, dpi, to_stderr=fmt == "json")


@command(
    "train",
    help=(
        "Train a small network per activation on a 2-D data set and show what the activation does: "
        "decision regions, loss, accuracy, dead units (f′ = 0 for every sample), steps to 95 % accuracy.\n\n"
        "Examples: actviz train identity relu tanh sigmoid --data circles -o outputs/train.png   |   "
        "actviz train relu leaky_relu elu --data spiral --bias-init -3 --format json"
    ),
)
def train_command(
    specs: _LESSON_SPECS,
    data: Annotated[str, typer.Option("--data", help="xor, circles, moons, spiral or linear.")] = "circles",
    hidden: Annotated[str, typer.Option("--hidden", metavar="W,W,...",
                                        help="Hidden layer widths (1 to 10 layers of 1 to 256 units).")] = "16,16",
    steps: Annotated[int, typer.Option("--steps", help="Full-batch training steps (1 to 100000).")] = 1000,
    lr: Annotated[float | None, typer.Option(
        "--lr", help="Learning rate; default 0.01 for adam, 0.5 for gd.", show_default=False)] = None,
    optimizer: Annotated[str, typer.Option("--optimizer", help="adam or gd (plain gradient descent).")] = "adam",
    init: Annotated[
        str, typer.Option("--init", help="Weights: auto (He for rectifier-like families, else Xavier), xavier or he.")
    ] = "auto",
    bias_init: Annotated[float, typer.Option("--bias-init", help="Initial bias of every hidden unit.")] = 0.0,
    noise: Annotated[float, typer.Option("--noise", help="Std of the noise added to the points (0 to 1).")] = 0.05,
    samples: Annotated[int, typer.Option("--samples", help="Training points (4 to 10000).")] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the data and the weights.")] = 0,
    fmt: _LESSON_FORMAT = "rich",
    output: _LESSON_OUTPUT = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    framework: _FRAMEWORK_MANY = None,
    lang: _LANG = None,
) -> None:
    _lesson(lambda figure: api.train(
        *specs, data=data, hidden=hidden, steps=steps, lr=lr, seed=seed, optimizer=optimizer, init=init,
        bias_init=bias_init, noise=noise, samples=samples, framework=framework, figure=figure),
        fmt, output, theme, dpi, "train")


@command(
    "zigzag",
    help=(
        "Why zero-centred outputs matter: a neuron with two weights, fed by a layer of each activation, "
        "trained toward an optimum that needs one weight up and the other down; the share of updates that "
        "moved both weights the same way, and the updates to converge.\n\n"
        "Example: actviz zigzag sigmoid tanh -o outputs/zigzag.png"
    ),
)
def zigzag_command(
    specs: _LESSON_SPECS,
    steps: Annotated[int, typer.Option("--steps", help="Most single-sample updates (1 to 100000).")] = 2000,
    lr: Annotated[float, typer.Option("--lr", help="Learning rate of each update.")] = 0.5,
    samples: Annotated[int, typer.Option("--samples", help="Inputs, visited in a shuffled order (2 to 10000).")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the inputs and their order.")] = 0,
    fmt: _LESSON_FORMAT = "rich",
    output: _LESSON_OUTPUT = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    framework: _FRAMEWORK_MANY = None,
    lang: _LANG = None,
) -> None:
    _lesson(lambda figure: api.zigzag(*specs, steps=steps, lr=lr, seed=seed, samples=samples, framework=framework,
                                      figure=figure), fmt, output, theme, dpi, "zigzag")


# -- activations in deep networks ----------------------------------------------------------------------------


@command(
    "gain",
    help=(
        "Initialisation gains from exact Gaussian moments: E φ, E φ², Var φ, E φ′², the forward gain (keeps the "
        "signal's mean square: √2 for ReLU), the backward gain (keeps the gradient's norm) and γ (normaliser-free "
        "networks); what PyTorch's own gain does; lines to paste into PyTorch, JAX and Keras.\n\n"
        "Examples: actviz gain relu gelu silu mish   |   actviz gain tanh --format json   |   "
        "actviz gain \"x*tanh(x)\" --format markdown"
    ),
)
def gain_command(
    specs: _LESSON_SPECS,
    fmt: Annotated[str, typer.Option("--format", help="rich (a table), markdown or json.")] = "rich",
    framework: _FRAMEWORK_MANY = None,
    lang: _LANG = None,
) -> None:
    api.check_format(fmt, api.GAIN_FORMATS)
    if fmt == "rich":
        _print(lambda: api.gain_report(*specs, framework=framework))
    elif fmt == "json":
        _json(api.gain_dicts(api.gain(*specs, framework=framework)))
    else:
        with _text_language(sys.stdout.encoding):
            table = api.gain_table(*specs, format=fmt, framework=framework)
        echo(table, nl=False)


@command(
    "phase",
    help=(
        "The order/chaos phase diagram of a deep random network with this activation (Poole et al. 2016, "
        "Schoenholz et al. 2017): χ₁ over the weight and bias variances (σ_w², σ_b²), the edge of chaos "
        "(χ₁ = 1), the depth scale of correlations, and PyTorch's gain and yours marked.\n\n"
        "Examples: actviz phase tanh -o outputs/phase.png   |   actviz phase tanh --sigma-b2 0.05 --format json   |   "
        "actviz phase gelu --point 2,0.05 -o phase.svg"
    ),
)
def phase_command(
    spec: Annotated[str, typer.Argument(metavar="SPEC", help="NAME[:KEY=VALUE,...] or an expression in x.",
                                        autocompletion=complete_name, show_default=False)],
    sigma_b2: Annotated[list[float] | None, typer.Option(
        "--sigma-b2", metavar="V", help="Bias variance at which to give the edge of chaos; repeat for more "
        "(default 0, 0.05, 0.1, 0.2).", show_default=False)] = None,
    point: Annotated[str | None, typer.Option(
        "--point", metavar="W2,B2", help="Mark your initialisation: σ_w²,σ_b² (e.g. 2,0.05).",
        show_default=False)] = None,
    fmt: _LESSON_FORMAT = "rich",
    output: _LESSON_OUTPUT = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    framework: _FRAMEWORK = None,
    lang: _LANG = None,
) -> None:
    _lesson(lambda figure: api.phase(spec, sigma_b2=sigma_b2 or None, point=options.parse_point(point), framework=framework),
            fmt, output, theme, dpi, "phase")


@command(
    "propagate",
    help=(
        "Signal propagation through a deep random network (Brock et al. 2021): per layer the pre-activation "
        "variance, the post-activation mean square, the correlation of two inputs and the gradient norm, "
        "mean-field theory beside one simulated network.\n\n"
        "Examples: actviz propagate tanh relu gelu -o outputs/propagate.png   |   "
        "actviz propagate tanh --sigma-w2 4 --depth 100 --format json"
    ),
)
def propagate_command(
    specs: _LESSON_SPECS,
    sigma_w2: Annotated[float | None, typer.Option(
        "--sigma-w2", metavar="V", help="Weight variance × fan-in (default: each activation's forward gain²).",
        show_default=False)] = None,
    sigma_b2: Annotated[float, typer.Option("--sigma-b2", metavar="V", help="Bias variance.")] = 0.0,
    depth: Annotated[int, typer.Option("--depth", help="Layers (1 to 1000).")] = 50,
    width: Annotated[int, typer.Option("--width", help="Units per layer of the simulated network (0: mean field "
                                       "only; up to 8192).")] = 500,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the simulated network.")] = 0,
    fmt: _LESSON_FORMAT = "rich",
    output: _LESSON_OUTPUT = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    framework: _FRAMEWORK_MANY = None,
    lang: _LANG = None,
) -> None:
    _lesson(lambda figure: api.propagate(*specs, sigma_w2=sigma_w2, sigma_b2=sigma_b2, depth=depth,
                                         width=width or None, seed=seed, framework=framework, figure=figure),
            fmt, output, theme, dpi, "propagate")


# -- the precision lens ---------------------------------------------------------------------------------------


@command(
    "precision",
    help=(
        "Each activation computed in low precision as a kernel would, every operation rounded to the format: the "
        "textbook formula against actviz's stable form over every float16/bfloat16/float8 input (a sample of float32), "
        "the largest error in ULPs, where it overflows to inf or flushes to 0, and a verdict.\n\n"
        "Examples: actviz precision gelu silu softplus --dtype float16,bfloat16   |   "
        "actviz precision silu --dtype float32 --ftz   |   actviz precision softplus -o outputs/precision.png   |   "
        "actviz precision \"x*(1 - sigmoid(-x))\" --dtype bfloat16 --format json"
    ),
)
def precision_command(
    specs: _LESSON_SPECS,
    dtype: Annotated[str | None, typer.Option(
        "--dtype", metavar="D[,D...]", help="Formats: float16, bfloat16, float32, float8_e4m3, float8_e5m2 "
        "(default float16,bfloat16,float32).", show_default=False)] = None,
    ftz: Annotated[bool, typer.Option("--ftz", help="Flush subnormal numbers to zero, as fast-math kernels and many "
                                      "accelerators do.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="rich (a table), markdown or json.")] = "rich",
    output: _LESSON_OUTPUT = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    framework: _FRAMEWORK_MANY = None,
    lang: _LANG = None,
) -> None:
    api.check_format(fmt, api.PRECISION_FORMATS)
    path = _lesson_output("rich", theme, dpi, output)
    results = api.precision(*specs, dtype=dtype, ftz=ftz, framework=framework, figure=path is not None)
    if fmt == "markdown":
        with _text_language(sys.stdout.encoding):
            table = api.precision_markdown(results)
        echo(table, nl=False)
        _lesson_figure(results, path, theme, dpi)
    else:
        _lesson_results(results, fmt, path, theme, dpi)


# -- the frameworks side by side ------------------------------------------------------------------------


@command(
    "frameworks",
    help=(
        "How PyTorch, Keras, JAX and TensorFlow define each activation: its name and defaults in each, and "
        "every disagreement between them (missing, name, value, default, approximation, switch, f′ at a kink), "
        "as read off the frameworks themselves.\n\n"
        "Examples: actviz frameworks   |   actviz frameworks leaky_relu gelu softplus --format markdown   |   "
        "in Chinese: actviz frameworks gelu --lang zh   |   "
        "overlay them: actviz compare leaky_relu --framework torch,keras,jax"
    ),
)
def frameworks_command(
    names: Annotated[list[str] | None, typer.Argument(
        metavar="[NAME]...", help="Activations (names or aliases); default: every one a framework has.",
        autocompletion=complete_name, show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="rich, markdown, json or csv (json and csv: "
                                     "the same in every language).")] = "rich",
    lang: _LANG = None,
) -> None:
    if fmt == "rich":
        _print(lambda: api.frameworks_report(*(names or [])))
    else:
        with _text_language(sys.stdout.encoding) if fmt == "markdown" else contextlib.nullcontext():
            table = api.frameworks_report(*(names or []), format=fmt)
        echo(table, nl=False)


@command(
    "resolve",
    help=(
        "What a model's config.json selects: every activation it sets (nested configs included), the exact "
        "function that runs, whether the MLP is gated, the known traps, and the look-alikes a port might "
        "run instead, measured (largest difference and where, RMS under N(0, 1), share of bfloat16 outputs "
        "that differ). A NAME instead of a file: that name in transformers and the other frameworks. Never "
        "uses the network.\n\n"
        "Examples: actviz resolve gelu_pytorch_tanh   |   actviz resolve config.json   |   "
        "actviz resolve config.json --format json   |   actviz resolve config.json -o lookalikes.png"
    ),
)
def resolve_command(
    target: Annotated[str, typer.Argument(metavar="CONFIG.json|NAME", help="A config.json path, or an activation "
                                          "name such as gelu, gelu_new, swish.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="rich or json (json: the same in every language).")] = "rich",
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Also write the comparison figure (.png, .svg or .pdf).")] = None,
    theme: _THEME = "light",
    dpi: _DPI = 150,
    lang: _LANG = None,
) -> None:
    api.check_format(fmt, ("rich", "json"))
    path = None
    if output is not None:
        path = api.output_path(output, "resolve")
        options.check_figure_file(path, api.house_size("compare"), dpi, "text")
    records = api.resolve(target)
    if fmt == "json":
        echo(api.resolve_report(records, format="json"), nl=False)
    else:
        _print(lambda: api.resolve_report(records))
    if path is not None:
        _figures()
        _save(api.resolve_figure(records, theme=theme, dpi=dpi), path, to_stderr=fmt == "json")


@command(
    "models",
    help=(
        "Which activation each model family's config selects (BERT, GPT-2, OpenAI GPT, T5, Flan-T5, Llama, "
        "Mistral, Qwen, Gemma 1-3, Nemotron, Apertus, CLIP, gpt-oss, BitNet, Primer): the field and value, the "
        "function that runs, whether the MLP is gated, and where it was verified.\n\n"
        "Examples: actviz models   |   actviz models --format markdown   |   in Chinese: actviz models --lang zh"
    ),
)
def models_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="rich, markdown or json (json: the same in every "
                                     "language).")] = "rich",
    lang: _LANG = None,
) -> None:
    if fmt == "rich":
        _print(lambda: api.model_families_report())
    else:
        with _text_language(sys.stdout.encoding) if fmt == "markdown" else contextlib.nullcontext():
            text = api.model_families_report(format=fmt)
        echo(text, nl=False)


# -- gallery ----------------------------------------------------------------------------------------


def _progress_bar(total_hint: int) -> Any:
    """A rich progress bar on stderr when it is a terminal (None otherwise), with no refresh
    thread: it is redrawn after each figure, so the figure workers can be forked safely."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("Drawing figures"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, auto_refresh=False, transient=True)


@command(
    "gallery",
    help=(
        "A figure for every activation and a page to put them on: one 'plot' figure per activation (PNG or "
        "SVG, named by it), index.html with family sections (figure, formula, derivative, range, f′ range, "
        "saturation, continuity, notes, reference) and the property table, and index.md for static-site "
        "generators. The folder is built beside -o and swapped in; -o must be new, empty or a gallery made "
        "before.\n\n"
        "Examples: actviz gallery -o site/   |   actviz gallery --family relu --format svg -o relu-figures/   |   "
        "actviz gallery relu gelu -o post/ --theme both   |   in Chinese: actviz gallery --lang zh -o site-zh/   |   "
        "PyTorch's definitions: actviz gallery --framework torch -o torch/"
    ),
)
def gallery_command(
    specs: Annotated[list[str] | None, typer.Argument(
        metavar="[SPEC...]", autocompletion=complete_name,
        help="Activations to show, NAME[:KEY=VALUE,...]; default: the whole catalogue.", show_default=False)] = None,
    family: _FAMILY = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Figure format: png or svg.")] = "png",
    theme: Annotated[str, typer.Option(
        "--theme", help="light, dark, or both (dark variants and a page that follows the reader's setting).")] = "light",
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of PNG figures (20 to 600).")] = 150,
    output: Annotated[str | None, typer.Option(
        "-o", "--output", help="The gallery's folder; default outputs/gallery.")] = None,
    phone: Annotated[bool, typer.Option(
        "--phone/--no-phone", help="Also draw each figure for a phone's column (served to narrow screens).")] = True,
    framework: _FRAMEWORK = None,
    lang: _LANG = None,
) -> None:
    folder = output if output is not None else "outputs/gallery"
    api.check_gallery(folder, format=fmt, theme=theme, dpi=dpi)
    framework = api.one_framework(framework, "gallery")
    bounds = api.activations(*(specs or []), family=family, framework=framework)
    bar = _progress_bar(len(bounds))

    def advance(done: int, total: int) -> None:
        # 0 comes before the gallery loads matplotlib, after it has set explore.html going in a process
        # of its own (which needs no matplotlib): the start-up tricks go in now, while that page is made
        if done == 0:
            _figures()
        if bar is not None:
            bar.update(task, completed=done, total=total)
            bar.refresh()

    with bar if bar is not None else contextlib.nullcontext():
        task = bar.add_task("figures", total=None) if bar is not None else None
        index = api.gallery(*(specs or []), family=family, out=folder, format=fmt, theme=theme, dpi=dpi,
                            framework=framework, lang=lang, progress=advance, phone=phone)
    echo(str(index))
