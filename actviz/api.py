"""The Python API: figures, tables and lessons for notebooks and scripts (the CLI is a client of it).

Anything that names an activation takes a *spec*: a name or alias (``"elu"``), a
``"name:key=value,..."`` string, an expression in x (``"x*sigmoid(b*x):b=1.702"``), an
:class:`~actviz.spec.Activation` or a bound activation (``actviz.get("elu").bind(alpha=2)``).
Parameters are keywords everywhere::

    fig = actviz.plot("elu", alpha=2.0)              # a matplotlib Figure (inline in Jupyter)
    ax = actviz.plot("gelu", ax=my_axes)             # drawn on your Axes, which is returned
    fig = actviz.compare("relu", "elu:alpha=2", actviz.get("gelu"), derivative=False)
    fig = actviz.cheatsheet(family="relu")
    actviz.save(fig, "figure.svg")                   # format from the suffix; atomic; same bytes twice
    text = actviz.table("relu", "gelu", format="markdown")

Options keep the command line's names (``derivative``, ``xmin``, ``xmax``, ``points``, ``theme``,
``dpi``, ``cols``, ``family``, ``columns``, ``format``). Mistakes raise :class:`~actviz.errors.ActvizError`
subclasses with neutral wording (``xmin 5 must be smaller than xmax 3``). matplotlib's global state
is never changed: styles are scoped to the figures made here. matplotlib and rich are imported only
when a figure or a rich table is asked for.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import text
from ._version import __version__
from .catalog import FAMILIES, REGISTRY
from .errors import ParameterError
from .errors import option as _opt
from .messages import current, language
from .options import (
    OutputPath,
    Window,
    check_dpi,
    check_font_scale,
    check_format,
    check_output,
    check_pixels,
    check_size,
    check_svg_text,
    check_theme,
    check_ylim,
)
from .properties import Properties
from .selection import Spec, select, select_many
from .spec import Activation, Bound
from .text import ascii_fallback

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .display import Table
    from .render.animate import Animation
    from .render.braille import TerminalPlot
    from .render.sampling import Curves
    from .results import LossResult, Results, SoftmaxResult

__all__ = [
    "get", "names", "families", "define", "register", "unregister", "properties", "plot", "compare", "cheatsheet",
    "check_cheatsheet", "gallery", "check_gallery",
    "curves", "save", "save_text", "terminal_plot", "table", "gradient", "softmax", "loss", "lesson_figure",
    "train", "zigzag", "compare_frameworks", "frameworks_table", "gain", "gain_table", "gain_report", "gain_dicts",
    "init_lines", "phase", "propagate", "animate", "page",
    "check_format", "parse_params", "bind", "activations", "one_framework", "file_stem", "output_path", "house_size", "show",
    "printable", "properties_table", "list_table", "info_card", "lesson_report", "frameworks_report", "ascii_fallback", "__version__",
]


# -- the catalogue -----------------------------------------------------------------------------------------


def get(name: str, *, framework: str | None = None) -> Activation:
    """The activation called ``name`` (canonical name or alias; case, '-' and '_' are ignored);
    ``framework`` ("torch", "keras", "jax", "tf", "transformers" or "hf"): that framework's definition of it, an
    Activation with the same interface (``get("gelu", framework="jax")`` is the tanh approximation, JAX's
    default). With transformers, ``name`` may be any key of its ACT2CLS (``get("gelu_new", framework="hf")``)."""
    from .selection import named

    return named(name, REGISTRY, framework)


def names(family: str | None = None) -> list[str]:
    """Canonical names in catalogue order, optionally of one family."""
    if family is None:
        return REGISTRY.names()
    return [act.name for act in REGISTRY.family(family)]


def families() -> dict[str, str]:
    """Family name -> heading, in catalogue order."""
    return {f: FAMILIES.get(f, f) for f in REGISTRY.families()}


def define(name: str, expression: str, /, **defaults: Any) -> Activation:
    """Your own activation from an expression in x, an :class:`~actviz.spec.Activation` like any other::

        act = actviz.define("xsig", "x*sigmoid(b*x)", b=1.0)   # every parameter needs a default
        actviz.register(act); actviz.plot("xsig", b=2)

    Its derivative is exact, its limits, kinks and continuity are derived from the expression, and every
    property is derived as for the catalogue. Grammar: + - * / **, numbers, pi, e, the functions exp, log,
    log1p, expm1, sqrt, abs, sign, sin, cos, tan, sinh, cosh, tanh, arctan (atan), arcsinh (asinh), erf,
    erfc, sigmoid, softplus, relu, max, min, heaviside (step) and where(cond, a, b) with comparisons in
    cond; any other name is a parameter. The text is parsed, never evaluated.
    """
    from .expressions import define as _define

    return _define(name, expression, **defaults)


def register(act: Activation, *, replace: bool = False) -> Activation:
    """Add ``act`` to the catalogue, so every function and command finds it by name; returns it.

    A name or alias already taken is refused; ``replace=True`` replaces an activation you registered
    earlier under that name (built-ins are protected).
    """
    REGISTRY.register(act, replace=replace)
    return act


def unregister(name: str) -> Activation:
    """Remove an activation you registered (built-ins cannot be removed); returns it."""
    return REGISTRY.unregister(name)


def properties(spec: Spec, /, *, framework: str | None = None, **params: Any) -> Properties:
    """The derived properties of one activation (``properties("elu", alpha=2)``; ``framework``: as that
    framework defines it)."""
    from .display import PropertiesResult

    return PropertiesResult.of(select(spec, params, framework=framework).properties())


# -- figures ------------------------------------------------------------------------------------------------


def plot(spec: Spec, /, *, ax: Axes | None = None, derivative: bool = True, xmin: float = -5.0, xmax: float = 5.0,
         points: int = 1000, theme: str = "light", dpi: float = 150, size: str | tuple[float, float] | None = None,
         ylim: tuple[float, float] | None = None, title: bool = True, formula: bool = True, pyplot: bool = False,
         lang: str | None = None, framework: str | None = None, font_scale: float = 1.0,
         **params: Any) -> Figure | Axes:
    """One activation and its derivative: a new Figure (title, formula, f, f′, asymptotes, saturation),
    or, with ``ax``, the curves drawn on your Axes (which is returned; its style is left as it is).

    ``size=(3.5, 2.6)`` (inches) makes a journal-column figure (texts scaled, never below 7 pt), a larger
    size larger texts (a full slide, ``size=(13.33, 7.5)``: none under 14 pt); ``font_scale`` multiplies
    them by hand (0.5 to 3); as on the
    command line, ``size="3.5x2.6"`` (inches) or ``size="16:9"`` (that shape at the house width) work too;
    ``title=False`` / ``formula=False`` leave those out; ``ylim=(lo, hi)`` fixes the frame (f′ beyond it
    is clipped and the legend says so; otherwise an f′ that would swamp f gets a right-hand axis).
    ``pyplot=True`` makes the figure through pyplot, so that ``plt.show()`` opens it in a window (in
    a script); otherwise no pyplot state is touched. ``lang="zh"``: titles, legends and notes in Chinese
    (default: ``$ACTVIZ_LANG``, else English). ``framework``: that framework's definition (the title
    says which).
    """
    from .render import figures

    with language(lang):
        size = _size(size, "plot")
        bound = select(spec, params, framework=framework)
        window = _check_figure(xmin, xmax, points, theme, None if ax is not None else dpi, size, ylim, font_scale)
        if ax is not None:
            _no_new_figure_options(size=size, pyplot=pyplot, font_scale=None if font_scale == 1.0 else font_scale)
            return figures.plot_on(ax, bound, window=window, derivative=derivative,
                                   theme=theme, ylim=ylim)
        return figures.plot_figure(bound, window=window, derivative=derivative, theme=theme,
                                   dpi=dpi, pyplot=pyplot, size=size, ylim=ylim, title=title, formula=formula,
                                   font_scale=font_scale)


def compare(*specs: Spec, ax: Axes | Sequence[Axes] | None = None, derivative: bool | None = None,
            xmin: float = -5.0, xmax: float = 5.0, points: int = 1000, theme: str = "light",
            dpi: float = 150, size: str | tuple[float, float] | None = None, title: bool = True,
            pyplot: bool = False, lang: str | None = None,
            framework: str | Sequence[str] | None = None, grid: bool = False,
            font_scale: float = 1.0) -> Figure | Axes:
    """Several activations overlaid, their derivatives in a second panel below; with ``grid=True``,
    small multiples instead: a panel each, all on one x- and y-range (for more functions than the
    eight colours a figure tells apart).

    With ``ax`` (one Axes) the functions are drawn there and it is returned; with two Axes,
    ``ax=(ax_f, ax_df)``, the derivatives go on the second. ``derivative`` defaults to True for a new
    figure and to "if two Axes are given" otherwise. ``size``, ``font_scale``, ``title``, ``pyplot`` and ``lang`` as for
    :func:`plot`. ``framework``: one framework, or several (``["torch", "keras", "jax"]`` or
    ``"torch,keras,jax"``) to overlay each one's definition of every spec:
    ``compare("leaky_relu", framework="torch,keras,jax")``.
    """
    with language(lang):
        return _compare(specs, ax, derivative, (xmin, xmax, points), theme, dpi, _size(size, "compare"), title, pyplot,
                        framework, grid, font_scale)


def _compare(specs: Sequence[Spec], ax: Any, derivative: bool | None, span: tuple[float, float, int],
             theme: str, dpi: float, size: tuple[float, float] | None, title: bool, pyplot: bool,
             framework: str | Sequence[str] | None, grid: bool = False, font_scale: float = 1.0) -> Figure | Axes:
    from .render import figures

    bounds = [select(s) for s in specs] if framework is None else select_many(specs, framework=framework)
    figures.check_compare_count(len(bounds))
    window = _check_figure(*span, theme, dpi if ax is None else None, size, font_scale=font_scale)
    if grid:
        if ax is not None:
            raise ParameterError("grid=True makes a figure of its own: leave out ax, or draw with grid=False")
        return figures.compare_grid_figure(bounds, window=window, derivative=derivative is not False, theme=theme,
                                           dpi=dpi, pyplot=pyplot, size=size, title=title, font_scale=font_scale)
    if ax is None:
        return figures.compare_figure(bounds, window=window,
                                      derivative=True if derivative is None else derivative, theme=theme, dpi=dpi,
                                      pyplot=pyplot, size=size, title=title, font_scale=font_scale)
    _no_new_figure_options(size=size, pyplot=pyplot, font_scale=None if font_scale == 1.0 else font_scale)
    axes = list(ax) if isinstance(ax, (list, tuple)) else [ax]
    if len(axes) not in (1, 2):
        raise ParameterError(f"ax takes one Axes or two (functions, derivatives), not {len(axes)}")
    if derivative and len(axes) == 1:
        raise ParameterError("derivative=True with one Axes: give two, ax=(ax_f, ax_df), or derivative=False")
    dax = axes[1] if len(axes) == 2 and derivative is not False else None
    return figures.compare_on(axes[0], bounds, dax=dax, window=window, theme=theme)


def cheatsheet(*specs: Spec, family: str | None = None, cols: int | None = None, theme: str = "light",
               dpi: float = 100, xmin: float = -5.0, xmax: float = 5.0, lang: str | None = None,
               framework: str | Sequence[str] | None = None, output: str | os.PathLike[str] | None = None,
               svg_text: str = "text") -> Any:
    """The poster: every activation (or those named, or one family), a panel each, grouped by family,
    on the window [xmin, xmax] (``lang`` as for :func:`plot`); ``framework``: the framework's
    definitions (of the functions it has).

    Returns the Figure; with ``output`` (.png, .svg or .pdf) the poster is written there instead, as
    :func:`save` writes (``svg_text`` as there), and its path is returned. A PNG's lower half is then
    drawn by a forked process while this one draws the upper half, where this process may fork (Linux,
    no other threads): the same pixels, in about two thirds of the time on two cores."""
    from .messages import msg
    from .render.cheatsheet import cheatsheet_figure, write_cheatsheet_png

    with language(lang):
        bounds = select_many(specs, family=family, framework=framework)
        target = None
        if output is not None:
            check_svg_text(svg_text)
            target = OutputPath.of(output)
        window = _check_poster(bounds, cols, theme, dpi, xmin, xmax, target is not None and target.format == "png")
        heading = text.family_title(family) if family is not None and not specs else None
        defined_by = {b.act.framework for b in bounds}
        if len(defined_by) == 1 and "" not in defined_by:  # one framework's definitions: the heading says whose
            from .frameworks import FRAMEWORKS

            heading = msg("cheatsheet.framework_heading", framework=FRAMEWORKS[defined_by.pop()].title,
                          heading=heading or msg("cheatsheet.heading"))
        if target is not None and target.format == "png":
            return write_cheatsheet_png(bounds, target.path, heading=heading, cols=cols, theme=theme, dpi=dpi,
                                        window=window)
        fig = cheatsheet_figure(bounds, heading=heading, cols=cols, theme=theme, dpi=dpi, window=window)
    return fig if target is None else save(fig, target.path, svg_text=svg_text)


def check_cheatsheet(bounds: Sequence[Bound], *, cols: int | None = None, theme: str = "light", dpi: float = 100,
                     xmin: float = -5.0, xmax: float = 5.0, png: bool = False) -> None:
    """Refuse a poster before any work: no panels, ``cols``, ``theme``, ``dpi``, the window, (``png``:
    its pixel count) and every panel's values on the window, as :func:`cheatsheet` would."""
    from .render.cheatsheet import check_cheatsheet as check_values

    check_values(bounds, cols=cols, window=_check_poster(bounds, cols, theme, dpi, xmin, xmax, png))


def _check_poster(bounds: Sequence[Bound], cols: int | None, theme: str, dpi: float, xmin: float, xmax: float,
                  png: bool) -> Window:
    from .render.cheatsheet import POINTS, check_panels, poster_size

    check_panels(bounds, cols)
    check_theme(theme)
    check_dpi(dpi)
    window = Window(xmin, xmax, POINTS)
    if png:
        check_pixels(poster_size(len(bounds), cols), dpi, "poster")
    return window


#: an animation's size in inches and resolution when none is given: 640 × 400 pixels, for slides and pages
ANIMATION_SIZE = (6.4, 4.0)
ANIMATION_DPI = 100


def animate(*specs: Spec, param: str | tuple[str, float, float, int], log: bool = False, fps: int = 12,
            hold: float = 0.8, pingpong: bool = False, size: str | tuple[float, float] | None = None,
            dpi: float = ANIMATION_DPI, theme: str = "light", derivative: bool = True, xmin: float = -5.0,
            xmax: float = 5.0, points: int = 600, lang: str | None = None, framework: str | None = None,
            output: str | os.PathLike[str] | None = None) -> Animation | Path:
    """Move one parameter and watch: ``param="alpha=0.1:2:40"`` (NAME=START:STOP:FRAMES, or the tuple
    ``("alpha", 0.1, 2, 40)``) sweeps it over the frames, evenly or (``log``) evenly in log scale, for
    every spec at once (they must all have it): f and f′ on axes fixed over the whole sweep, a faint
    trail of earlier curves, the value in the title and a readout of the range, the minimum (and
    where) and the continuity class as they change; vector functions (``gumbel_softmax``'s τ) as bars.

    Returns an :class:`~actviz.render.animate.Animation` (it plays inline in Jupyter; ``.save(path)``
    writes it), or with ``output`` writes the file (``.gif``, ``.png`` animated, ``.webp``, ``.html``
    player, ``.mp4`` where ffmpeg is installed) and returns its path. ``fps`` frames a second, the first
    and last frames held ``hold`` seconds longer, ``pingpong`` there and back; ``size`` (inches, default
    6.4 × 4), ``dpi``, ``theme``, ``lang`` and ``framework`` as for :func:`plot`.
    Everything is checked before any frame is drawn; the same call writes the same bytes.
    """
    from .options import ANIMATION_FORMATS, check_animation, parse_sweep
    from .options import Sweep as _Sweep

    with language(lang):
        if isinstance(param, str):
            sweep = parse_sweep(param, log)
        elif isinstance(param, tuple) and len(param) == 4 and isinstance(param[0], str):
            sweep = _Sweep(param[0], param[1], param[2], param[3], log)
        else:
            raise ParameterError(f"param {param!r} is not a sweep: give 'NAME=START:STOP:FRAMES', e.g. "
                                 "'alpha=0.1:2:40', or the tuple ('alpha', 0.1, 2, 40)")
        shape = _size(size, "animate") or ANIMATION_SIZE
        check_theme(theme)
        check_animation(fps, hold, shape, dpi)
        window = Window(xmin, xmax, points)
        from .render import animate as anim

        target = None
        if output is not None:
            target = check_output(output, formats=ANIMATION_FORMATS)
            anim.check_format_available(ANIMATION_FORMATS[target.suffix.lower()])
        bounds = [select(s, framework=framework) for s in specs]
        checked = anim.plan(bounds, sweep, window, derivative=derivative)
        frames = anim.render(checked, size=shape, dpi=dpi, theme=theme)
        title = anim.frame_title(checked.frames[-1], sweep)
        movie = anim.assemble(frames, anim.palette(checked, theme), fps=fps, hold=hold, pingpong=pingpong,
                              title=title, values=sweep.values, dpi=dpi)
        return movie if target is None else movie.save(target)


def page(*specs: Spec, output: str | os.PathLike[str] | None = None, theme: str = "light",
         lang: str | None = None, frameworks: bool = True) -> str | Path:
    """The offline page to explore (``explore.html``): pick a function, move its parameters on sliders, f and
    f′ drawn live (f″ on request), |f′| < 0.01 shaded, the formula and the exact facts actviz derives
    (precomputed on a grid of slider positions), the frameworks' variants, the state in the URL's hash,
    light and dark, English and Chinese; one self-contained file, nothing fetched. ``specs``: the functions
    (default: the whole catalogue; expressions in x too); ``frameworks``: each catalogue function's framework
    variants as well. Opened with ``#selftest`` the page checks its JavaScript against actviz's values.

    Returns the HTML text (a ``str``; a notebook shows the page itself, in a frame), or with ``output`` writes
    it (atomically) and returns the path."""
    from .render.page import page_html

    with language(lang):
        check_theme(theme)
        target = None if output is None else check_output(output, formats={".html": "html"})
        bounds = select_many(specs)
        content = page_html(bounds, theme=theme, frameworks=frameworks)
        if target is None:
            return content
        from .render.save import save_text as write

        return write(content, target)


def curves(*specs: Spec, xmin: float = -5.0, xmax: float = 5.0, points: int = 1000,
           framework: str | Sequence[str] | None = None) -> Curves:
    """The numbers behind a plot or compare figure, to redraw it (your own matplotlib, pgfplots, a
    spreadsheet): a :class:`~actviz.render.sampling.Curves`, per curve (named by its spec) numpy arrays
    ``x``, ``f``, ``df`` with a NaN row where a line breaks at a jump (``curves("elu")["elu"].f``);
    ``.to_csv()`` is the CSV (``curve, x, f, df``) that ``plot -o x.csv`` writes, ``.to_frame()`` pandas."""
    from .render.sampling import curves_data

    window = Window(xmin, xmax, points)
    bounds = [select(s) for s in specs] if framework is None else select_many(specs, framework=framework)
    return curves_data(bounds, window)


def save_text(content: str, path: str | os.PathLike[str]) -> Path:
    """Write text (the CSV of :func:`curves`, a table) to ``path`` atomically, as figures are."""
    from .render.save import save_text as write

    return write(content, check_output(path, data=True))


def save(fig: Figure, path: str | os.PathLike[str], *, svg_text: str = "text") -> Path:
    """Write ``fig`` to ``path``: the format from the suffix (.png, .svg, .pdf), atomically (a failure
    never leaves a partial or clobbered file), the same bytes for the same figure; returns the path.

    PDFs embed TrueType fonts (journals refuse Type 3); SVG keeps its words as text with generic font
    fallbacks and draws formulas (mathtext) as outlines, so they read the same in every viewer; with
    ``svg_text="paths"`` all its text is outlines."""
    from .render.save import save_figure

    if not hasattr(fig, "savefig"):
        raise ParameterError(f"save() takes a matplotlib Figure (as plot, compare and cheatsheet return), "
                             f"not {type(fig).__name__}: e.g. actviz.save(actviz.plot('relu'), 'relu.png')")
    check_svg_text(svg_text)
    target = OutputPath.of(path)
    if target.format == "png":
        check_pixels(tuple(fig.get_size_inches()), fig.dpi)
    return save_figure(fig, target.path, svg_text=svg_text)


def _check_figure(xmin: float, xmax: float, points: int, theme: str, dpi: float | None,
                  size: tuple[float, float] | None = None, ylim: tuple[float, float] | None = None,
                  font_scale: float = 1.0) -> Window:
    """The options of a figure (or of curves drawn on your Axes: ``dpi=None``), before any work."""
    check_theme(theme)
    window = Window(xmin, xmax, points)
    check_font_scale(font_scale)
    if dpi is not None:
        check_dpi(dpi)
    check_size(size)
    check_ylim(ylim)
    return window


def _size(size: str | tuple[float, float] | None, kind: str) -> tuple[float, float] | None:
    """``size`` in inches: a pair as it is, or a text as the command line takes it, ``"3.5x2.6"`` (inches) or
    ``"16:9"`` (that shape at the house width of a ``kind`` figure)."""
    if isinstance(size, str):
        from .options import parse_size

        return parse_size(size, house_size(kind)[0])
    return size


def _no_new_figure_options(**given: Any) -> None:
    """Options that shape a new figure mean nothing with ``ax=`` (the figure is the caller's)."""
    named = [k for k, v in given.items() if v not in (None, False)]
    if named:
        raise ParameterError(f"{', '.join(named)} make a new figure; with ax= the figure is yours "
                             "(size it with fig.set_size_inches, show it with plt.show())")


def terminal_plot(*specs: Spec, derivative: bool = True, xmin: float = -5.0, xmax: float = 5.0, points: int = 1000,
                  height: int | None = None, width: int | None = None, lang: str | None = None,
                  framework: str | Sequence[str] | None = None,
                  **params: Any) -> TerminalPlot:
    """f and f′ drawn with braille characters, for a terminal (no matplotlib involved).

    One activation: f solid in its colour and f′ dashed in one frame, with its name, formula and
    window on top; several: f overlaid in one frame and f′ in a second below. ``height``: rows of
    the (first) frame, 4 to 100 (default 16); ``width``: at most this many columns, 20 to 1000
    (default: the console's width, or 80 for ``str()``). Returns a rich renderable:
    ``print(p)`` or ``str(p)`` gives plain text, ``rich.print(p)`` colours. Keyword parameters apply
    to a single named activation (``terminal_plot("elu", alpha=2)``); ``lang`` as for :func:`plot`.
    """
    from .render import braille

    if not specs:
        raise ParameterError("terminal_plot needs at least one activation, e.g. terminal_plot('gelu')")
    from .options import check_height, check_width

    with language(lang):
        bounds = select_many(specs, params=params, framework=framework)
        if len(bounds) > 1:
            from .render.sampling import check_compare_count

            check_compare_count(len(bounds))
        window = Window(xmin, xmax, points)
        check_height(braille.HEIGHT if height is None else height)
        check_width(width)
        options = dict(derivative=derivative, window=window,
                       height=braille.HEIGHT if height is None else height, width=width)
        if len(bounds) == 1:
            return braille.plot(bounds[0], **options)
        return braille.compare(bounds, **options)


def gallery(*specs: Spec, family: str | None = None, out: str | os.PathLike[str] = "outputs/gallery",
            format: str = "png", theme: str = "light", dpi: float = 150, workers: int | None = None,
            progress: Callable[[int, int], None] | None = None, lang: str | None = None,
            framework: str | None = None, phone: bool = True, **params: Any) -> Path:
    """A figure for every activation (or those named, or one family) and a page to put them on:
    the folder ``out`` gets one ``plot`` figure per activation, named by it (``relu.png``; PNG or
    SVG), ``index.html`` (family sections: figure, formula, derivative, key properties, notes,
    reference; the property table) and ``index.md``. Returns the path of ``index.html``.

    ``theme="both"`` adds a dark variant of every figure (``relu.dark.png``) and a page that follows
    the reader's light or dark setting. The folder is built beside ``out`` and swapped in, so a
    failure leaves the previous gallery as it was; ``out`` must be new, empty or a gallery made
    before. The figures are drawn by ``workers`` forked processes (default: one per core);
    ``progress(done, total)`` is called with 0 first, then after each figure. ``lang="zh"``: figures
    and pages in Chinese. ``framework`` (``"torch"``, ``"keras"``, ``"jax"`` or ``"tf"``): each activation as that
    framework defines it; with no specs, the ones it has. ``phone=False`` leaves out the figures made for
    a phone's column (``relu.narrow.png``; they cost about 45 % more time: phones then get the house
    figures, scaled down).
    """
    from .render.gallery import build_gallery

    with language(lang):
        check_gallery(out, format=format, theme=theme, dpi=dpi)
        heading = _gallery_heading(family if not specs else None, framework)
        bounds = select_many(specs, family=family, params=params, framework=framework)
        return build_gallery(bounds, out, format=format, theme=theme, dpi=dpi, heading=heading, workers=workers,
                             progress=progress, phone=phone)


def check_gallery(out: str | os.PathLike[str] = "outputs/gallery", *, format: str = "png", theme: str = "light",
                  dpi: float = 150) -> Path:
    """Refuse a gallery's options and folder as :func:`gallery` would, before any work (nothing is
    created); returns the folder."""
    from .options import GALLERY_THEMES
    from .render.gallery import check_gallery as check_folder

    check_theme(theme, GALLERY_THEMES)
    check_dpi(dpi)
    return check_folder(out, format=format)


def _gallery_heading(family: str | None, framework: str | None) -> str:
    """"Activation functions", a family's heading, either "as PyTorch defines them"."""
    from .messages import msg

    heading = msg("gallery.heading") if family is None else text.family_title(family)
    if framework is None:
        return heading
    from .frameworks import FRAMEWORKS
    from .presets import one_framework

    key = one_framework(framework, "gallery")
    return msg("gallery.heading_framework", heading=heading, framework=FRAMEWORKS[key].title)


# -- tables -------------------------------------------------------------------------------------------------


def table(*specs: Spec, family: str | None = None, columns: str | Sequence[str] | None = None,
          format: str = "rich", width: int = 100, lang: str | None = None,
          framework: str | Sequence[str] | None = None, assignments: Sequence[str] | None = None,
          **params: Any) -> Table:
    """Derived properties as text: ``rich`` (a fitted terminal table, ``width`` columns wide, no
    colour), ``markdown``, ``csv``, ``json`` or ``latex``; a :class:`~actviz.display.Table`, which is that
    text (a ``str``) and shows itself as a table in a notebook (``.rows``, ``.to_frame()``). No specs: the whole catalogue (or
    ``family``); keyword parameters (or ``KEY=VALUE`` texts, ``assignments``) apply to a single named
    activation. ``lang="zh"``: headers and words in Chinese (rich, markdown, latex; csv and json are data,
    the same in every language)."""
    from .display import Table, rich_text
    from .tables import FORMATS, default_columns, parse_columns, render

    with language(lang):
        check_format(format, FORMATS)
        cols = parse_columns(columns)
        params = {**parse_params(assignments), **params}
        rows = [b.properties() for b in select_many(specs, family=family, params=params, framework=framework)]
        if format != "rich":
            return Table(render(rows, format, cols), rows=rows, columns=cols or default_columns(format), format=format)
        from .terminal import properties_table

        shown = cols or default_columns("rich", width)
        return Table(rich_text(properties_table(rows, cols, width), width), rows=rows, columns=shown, format="rich")


# -- lessons ------------------------------------------------------------------------------------------------


def _elementwise(specs: Sequence[Spec], example: str, lesson: str,
                 framework: str | Sequence[str] | None = None) -> list[Bound]:
    """The bound activations of a lesson that takes one or more element-wise activations."""
    from . import lessons as _lessons

    bounds = [select(s) for s in specs] if framework is None else select_many(specs, framework=framework)
    if not bounds:
        raise ParameterError(f"{example.split('(')[0]} needs at least one activation, e.g. {example}")
    for b in bounds:
        _lessons.check_elementwise(b, lesson)
    return bounds


def gradient_flow(*specs: Spec, layers: int = 20, width: int = 64, seed: int = 0,
                  init: str = "auto", framework: str | Sequence[str] | None = None) -> Results:
    """Vanishing gradients through depth: the gradient norm at every layer of a random deep MLP, one
    result per activation (the same inputs and weight directions for every one); ``.figure()`` draws them."""
    from . import lessons as _lessons
    from .results import Results

    _lessons.check_gradient_options(layers, width, seed, init)
    bounds = _elementwise(specs, "gradient_flow('sigmoid', 'relu')", "the gradient lesson", framework)
    return Results(_lessons.gradient_flow(b, layers=layers, width=width, seed=seed, init=init) for b in bounds)


def softmax_example(logits: Sequence[float], temperature: float = 1.0, *, figure: bool = False) -> SoftmaxResult:
    """The notes' softmax example: logits, exp(z − max z) and probabilities of softmax(z / T)
    (``figure``: also check, first, that :func:`lesson_figure` can draw them). Not the probabilities
    alone: ``.probabilities`` holds them; ``.figure()`` draws the example."""
    from . import lessons as _lessons
    from .results import SoftmaxResult

    if figure:
        from .render.lessons import check_softmax_figure

        _lessons.check_temperature(temperature)
        check_softmax_figure(logits)
    return SoftmaxResult.of(_lessons.softmax_example(logits, temperature))


def loss_gradients(spec: Spec = "sigmoid", /, *, target: float = 1.0, z: Sequence[float] | None = None,
                   summary: bool = False, framework: str | None = None, **params: Any) -> LossResult:
    """∂L/∂z of MSE and of cross-entropy at an output a = f(z) with target y, over z (default −8..8;
    ``summary=True``: at the lesson's summary points, z = −5, 0, 5); ``.figure()`` draws them."""
    from . import lessons as _lessons
    from .results import LossResult

    y = _lessons.check_target(target)
    bound = select(spec, params, framework=framework)
    _lessons.check_elementwise(bound, "the loss lesson")
    return LossResult.of(_lessons.loss_gradients(bound, target=y, z=_lessons.SUMMARY_Z if summary else z))


def lesson_figure(result: Any, *, theme: str = "light", dpi: float = 150, lang: str | None = None) -> Figure:
    """The figure of a lesson's result: ``gradient_flow(...)``, ``train(...)`` or ``zigzag(...)`` (lists),
    ``softmax_example(...)`` or ``loss_gradients(...)``; ``lang="zh"``: titles, labels and captions in
    Chinese. The same as ``result.figure()``."""
    from .results import figure

    return figure(result, theme=theme, dpi=dpi, lang=lang)


# -- activations at work: training ---------------------------------------------------------------------------


def train(*specs: Spec, data: str = "circles", hidden: str | Sequence[int] = (16, 16), steps: int = 1000,
          lr: float | None = None, seed: int = 0, optimizer: str = "adam", init: str = "auto", bias_init: float = 0.0,
          noise: float = 0.05, samples: int = 200, framework: str | Sequence[str] | None = None,
          figure: bool = False) -> Results:
    """Train a small network per activation on a two-dimensional data set (``xor``, ``circles``,
    ``moons``, ``spiral``, ``linear``): the loss, accuracy and dead units over the steps, and the
    trained network (``result.probability(points)``). ``lr`` defaults to 0.01 for Adam, 0.5 for
    plain gradient descent (``optimizer="gd"``). Draw them with ``.figure()`` (``figure``: check first
    that it can)."""
    from . import training as _training
    from .results import Results

    _training.check_train_options(data=data, hidden=hidden, steps=steps, lr=lr, seed=seed, optimizer=optimizer,
                                  init=init, bias_init=bias_init, noise=noise, samples=samples)
    bounds = _elementwise(specs, "train('identity', 'relu')", "training a network", framework)
    if figure:
        from .render.training import check_train_figure

        check_train_figure(len(bounds))
    return Results(_training.train(bounds, data=data, hidden=hidden, steps=steps, lr=lr, seed=seed,
                                   optimizer=optimizer, init=init, bias_init=bias_init, noise=noise, samples=samples))


def zigzag(*specs: Spec, steps: int = 2000, lr: float = 0.5, seed: int = 0,
           samples: int = 100, framework: str | Sequence[str] | None = None,
           figure: bool = False) -> Results:
    """A neuron with two weights fed by a layer of each activation, trained one sample at a time
    toward an optimum that needs one weight up and the other down: the weight path, the share of
    updates that moved both weights the same way, the updates to converge. Draw them with
    ``.figure()`` (``figure``: check first that it can)."""
    from . import training as _training
    from .results import Results

    _training.check_zigzag_options(steps=steps, lr=lr, seed=seed, samples=samples)
    bounds = _elementwise(specs, "zigzag('sigmoid', 'tanh')", "the zig-zag lesson", framework)
    if figure:
        from .render.training import check_zigzag_figure

        check_zigzag_figure(len(bounds))
    return Results(_training.zigzag(b, steps=steps, lr=lr, seed=seed, samples=samples) for b in bounds)


# -- activations in deep networks: gains, the edge of chaos, signal propagation --------------------------------

#: σ_b² at which :func:`phase` reports the edge of chaos when none is given
PHASE_SIGMA_B2 = (0.0, 0.05, 0.1, 0.2)
#: cells of the phase diagram along each axis
PHASE_CELLS = 100


def _deep(specs: Sequence[Spec], example: str, params: dict[str, Any] | None = None,
          framework: str | Sequence[str] | None = None) -> list[Bound]:
    """The bound element-wise activations of a gain, phase or propagate call."""
    if not specs:
        raise ParameterError(f"{example.split('(')[0]} needs at least one activation, e.g. {example}")
    from .records import check_elementwise

    bounds = select_many(specs, params=params or {}, framework=framework)
    for b in bounds:
        check_elementwise(b, "signal propagation")
    return bounds


def gain(*specs: Spec, framework: str | Sequence[str] | None = None, **params: Any) -> list[Any]:
    """Initialisation gains from exact Gaussian moments, one record per activation
    (:class:`actviz.propagation.Moments`): ``mean`` E φ(Z), ``second_moment`` E φ(Z)², ``variance``,
    ``derivative_second_moment`` E φ′(Z)²; ``gain_forward`` 1/√E φ² (weights with std gain/√fan_in keep
    the second moment: √2 for ReLU), ``gain_backward`` 1/√E φ′² (keep the gradient's norm), ``gamma``
    1/√Var φ (normaliser-free networks); ``torch_gain``: ``torch.nn.init.calculate_gain``'s value, or
    None. Keyword parameters apply to a single named activation (``gain("elu", alpha=2)``)."""
    from .display import Records
    from .propagation import moments

    return Records(moments(b) for b in _deep(specs, "gain('gelu')", params, framework))


GAIN_FORMATS = ("rich", "markdown", "json")


def init_lines(record: Any) -> dict[str, str]:
    """Paste-ready lines that initialise a layer's weights with a :func:`gain` record's forward gain:
    ``{"torch": ..., "jax": ..., "keras": ...}`` (normal, std = gain/√fan_in; {} where there is none)."""
    from .deep_text import init_lines as lines

    return lines(record)


def gain_table(*specs: Spec, format: str = "markdown", lang: str | None = None,
               framework: str | Sequence[str] | None = None, **params: Any) -> str:
    """:func:`gain` as text: ``markdown`` (the table, what the gains mean, the lines to paste) or
    ``json`` (per activation: name, params, mean, second_moment, variance, derivative_second_moment,
    gain_forward, gain_backward, gamma, torch_gain, torch_chi1, init)."""
    check_format(format, GAIN_FORMATS[1:])
    with language(lang):
        records = gain(*specs, framework=framework, **params)
        if format == "json":
            import json

            return json.dumps(gain_dicts(records), indent=2, allow_nan=False) + "\n"
        from .deep_text import gain_markdown

        return gain_markdown(records)


def gain_dicts(records: Sequence[Any]) -> list[dict[str, Any]]:
    """The json rows of :func:`gain_table`."""
    from .deep_text import init_lines as lines
    from .deep_text import torch_chi1

    out = []
    for r in records:
        # params always and whole, as table's json (the record's own lists only those not at their default)
        row = {**r.to_dict(), "params": dict(r.bound.params)}
        row = {"name": row.pop("name"), "params": row.pop("params"), **row}
        at = torch_chi1(r)
        row["torch_chi1"] = None if at is None else at.chi1
        row["init"] = lines(r)
        out.append(row)
    return out


def gain_report(*specs: Spec, framework: str | Sequence[str] | None = None, **params: Any) -> Any:
    """:func:`gain` as a rich renderable (the ``gain`` command's table)."""
    from .deep_text import gain_report as report

    return report(gain(*specs, framework=framework, **params))


def phase(spec: Spec, /, *, sigma_b2: float | Sequence[float] | None = None,
          point: tuple[float, float] | None = None, framework: str | None = None, **params: Any) -> Any:
    """The order/chaos phase diagram of one activation over (σ_w², σ_b²): q*, χ₁, c* and the depth
    scales on a 100 × 100 grid, the edge of chaos (χ₁ = 1) at each ``sigma_b2`` (default 0, 0.05, 0.1,
    0.2), and marked on it PyTorch's gain (bias-free) where PyTorch has one and ``point=(σ_w², σ_b²)``,
    your own initialisation. Returns a :class:`actviz.results.PhaseDiagram`: ``.critical``, ``.grid``,
    ``.figure()``, ``.to_dict()``."""
    from . import propagation as prop
    from .options import check_real
    from .results import PhaseDiagram

    bound = _deep([spec], "phase('tanh')", params, framework)[0]
    asked = PHASE_SIGMA_B2 if sigma_b2 is None else (sigma_b2,) if isinstance(sigma_b2, (int, float)) else tuple(sigma_b2)
    if not asked or len(asked) > 20:
        raise ParameterError(f"{_opt('sigma_b2')} takes 1 to 20 values, not {len(asked)}")
    asked = tuple(check_real(v, "sigma_b2", 0.0, prop.MAX_SIGMA2) for v in asked)
    if point is not None:
        try:
            w, b = (float(v) for v in point)
        except (TypeError, ValueError):
            raise ParameterError(f"{_opt('point')} {point!r} is not (sigma_w2, sigma_b2)") from None
        try:
            point = prop.check_sigmas(w, b)
        except ParameterError:
            raise ParameterError(f"{_opt('point')} {w:g},{b:g} is not an initialisation: σ_w² must be in "
                                 f"(0, {prop.MAX_SIGMA2:g}] and σ_b² in [0, {prop.MAX_SIGMA2:g}]") from None
    marks, kinds = [], []
    tg = prop.torch_gain(bound)
    if tg is not None:
        marks.append(prop.point(bound, tg * tg, 0.0))
        kinds.append("torch")
    if point is not None:
        try:
            marks.append(prop.point(bound, *point))
        except ParameterError:
            raise ParameterError(f"{_opt('point')} {point[0]:g},{point[1]:g}: the variance grows without bound there "
                                 "(the grey region of the diagram), so it has no χ₁; choose a smaller σ_w² or σ_b²") from None
        kinds.append("yours")
    b_max = _nice_ceiling(max([0.25, *(1.25 * b for b in asked), *(1.25 * m.sigma_b2 for m in marks)]))
    # the edge at each σ_b² asked, and at the top of the window (the curve's extent), from one scan of q
    *found, top = prop.critical_points(bound, [*asked, b_max])
    critical = tuple(c if c is not None else prop.CriticalPoint(bound=bound, sigma_b2=b, sigma_w2=math.nan, q_star=None)
                     for c, b in zip(found, asked))
    if critical[0].edge_is_point:  # one point, at σ_b² = 0, whatever σ_b² was asked
        import dataclasses

        critical = (dataclasses.replace(critical[0], sigma_b2=0.0),)
    on_edge = [c for c in (*critical, top) if c is not None and math.isfinite(c.sigma_w2)]
    w_max = _nice_ceiling(1.5 * max([c.sigma_w2 for c in on_edge] + [m.sigma_w2 for m in marks] + [2.5]))
    ws = np.linspace(w_max / PHASE_CELLS, w_max, PHASE_CELLS)
    bs = np.linspace(0.0, b_max, PHASE_CELLS)
    grid = prop.phase_grid(bound, ws, bs)
    if critical[0].edge_is_point:
        edge = (np.array([critical[0].sigma_w2]), np.array([0.0]))
    else:
        # the curve over q: a log sweep, and evenly between the edge's q at the σ_b² asked and at the top
        # of the window (a sigmoid's edge spans q = 45.6 to 46.2 there)
        qs_found = [c.q_star for c in on_edge if c.q_star is not None and 0.0 < c.q_star <= prop.Q_GRID]
        near = np.linspace(min(qs_found) / 1.02, min(max(qs_found) * 1.02, prop.Q_GRID), 64) if qs_found else []
        qs = np.union1d(np.geomspace(1e-4, prop.Q_GRID, 65), near)
        ew, eb = prop.edge_curve(bound, qs)
        keep = np.isfinite(ew) & np.isfinite(eb) & (eb >= 0.0) & (eb <= b_max) & (ew <= w_max)
        edge = (ew[keep], eb[keep])
    return PhaseDiagram(grid=grid, critical=critical, edge=edge, marks=tuple(marks), mark_kinds=tuple(kinds))


def _nice_ceiling(v: float) -> float:
    """The smallest 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ at least ``v``: an axis end."""
    k = math.floor(math.log10(v))
    for m in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * 10.0**k >= v * (1 - 1e-12):
            return m * 10.0**k
    return 10.0 ** (k + 1)


def propagate(*specs: Spec, sigma_w2: float | None = None, sigma_b2: float = 0.0, depth: int = 50,
              width: int | None = 500, seed: int = 0, q0: float = 1.0, c0: float = 0.5,
              framework: str | Sequence[str] | None = None, figure: bool = False) -> Results:
    """Signal propagation through a deep random network (Brock et al. 2021), one result per activation:
    per layer the mean-field pre-activation variance q, post-activation mean square, correlation of two
    inputs (``c0`` at the input) and gradient norm (relative to the top layer), and the same measured in
    one network ``width`` units wide (numpy, seeded; ``width=None``: mean field only). ``sigma_w2``
    (default: each activation's forward gain², which keeps E h² from the input's ``q0``; ``width=0`` or None:
    mean field only) and ``sigma_b2``
    are the weight and bias variances. ``.figure()`` draws them; ``to_dict()`` per result."""
    from . import propagation as prop
    from .results import Results

    prop.check_sigmas(1.0 if sigma_w2 is None else sigma_w2, sigma_b2)
    bounds = _deep(specs, "propagate('tanh', 'relu')", None, framework)
    if figure:
        from .render.propagation import check_propagation_figure

        check_propagation_figure(len(bounds))
    out = Results()
    for b in bounds:
        w = sigma_w2
        if w is None:
            g = prop.moments(b).gain_forward
            if g is None or g == 0.0:
                raise ParameterError(f"{text.spec_label(b)} has no forward gain (E φ(Z)² is 0 or infinite): "
                                     f"give {_opt('sigma_w2')}")
            w = g * g
        out.append(prop.propagation(b, w, sigma_b2, depth, q0=q0, c0=c0, width=width or None, seed=seed))
    return out


# -- the precision lens ---------------------------------------------------------------------------------------


def precision(*specs: Spec, dtype: str | Sequence[str] | None = None, ftz: bool = False,
              framework: str | Sequence[str] | None = None, figure: bool = False, **params: Any) -> Results:
    """Each activation computed in low-precision formats as a kernel would, against the truth: one
    :class:`actviz.dtypes.Precision` per activation and format (``dtype``: ``"float16,bfloat16"`` or a list of
    float16, bfloat16, float32, float8_e4m3, float8_e5m2; default float16, bfloat16, float32). Every finite
    input of a 16- or 8-bit format is evaluated (a decade-covering sample of float32), each operation rounded
    to the format, in two forms: the textbook formula as written (``naive``; an expression as you wrote it)
    and actviz's stable definition (``stable``); each has ``max_ulp`` (and where), ``nonfinite``, ``flushed``,
    ``overflow_at`` and ``flush_at``. ``ftz``: subnormal numbers flush to zero (fast-math kernels, many
    accelerators). ``.figure()`` draws the errors; ``to_dict()`` per record is ``actviz precision``'s json.
    Keyword parameters apply to a single named activation (``precision("softplus", beta=0.1)``)."""
    from . import dtypes
    from .results import Results

    formats = dtypes.check_dtypes(dtype, ftz)
    if not specs:
        raise ParameterError("precision needs at least one activation, e.g. precision('gelu', dtype='float16')")
    bounds = select_many(specs, params=params, framework=framework)
    for b in bounds:
        dtypes.check_scalar(b)
    pairs = [(b, dtypes.forms_of(b)) for b in bounds]  # every spec checked before any work
    if figure:
        from .render.precision import check_precision_figure

        check_precision_figure(len(bounds), len(formats))
    return Results(dtypes.precision(b, f, forms=fs) for b, fs in pairs for f in formats)


PRECISION_FORMATS = ("rich", "markdown", "json")


def precision_markdown(results: Sequence[Any], lang: str | None = None) -> str:
    """:func:`precision`'s results as markdown: the table, a verdict per activation, format and form, the note."""
    from .precision_text import precision_markdown as markdown

    with language(lang):
        return markdown(results)


# -- the frameworks side by side ------------------------------------------------------------------------------


def compare_frameworks(*names: str, lang: str | None = None) -> list[Any]:
    """For each activation named (default: every one a framework has), how PyTorch, Keras, JAX and
    TensorFlow define it and every disagreement between them (a function one lacks, values, defaults,
    approximations, numerical switches, f′ at kinks): a list of :class:`actviz.presets.Comparison`.
    ``lang="zh"``: the disagreements' texts in Chinese (default: ``$ACTVIZ_LANG``, else English); their
    kinds, and ``Comparison.to_dict()``, are the same in every language."""
    from .display import Records
    from .presets import compare as _compare

    with language(lang):
        return Records(_compare(names))


def frameworks_table(*names: str, format: str = "rich", width: int = 100, lang: str | None = None) -> str:
    """:func:`compare_frameworks` as text: ``rich`` (a fitted terminal table ``width`` columns wide, no colour),
    ``markdown``, ``json`` or ``csv``. ``lang="zh"``: headers, kinds, disagreements and notes in Chinese
    (rich, markdown); csv and json are data, the same in every language (English texts, kinds as keys)."""
    from .tables import FRAMEWORK_FORMATS, render_frameworks

    with language(lang):
        check_format(format, FRAMEWORK_FORMATS)
        comparisons = compare_frameworks(*names)
        if format != "rich":
            return render_frameworks(comparisons, format)
        from .display import rich_text
        from .terminal import frameworks_table as rich_table

        return rich_text(rich_table(comparisons), width)


def resolve(target: str, *, lang: str | None = None) -> list[Any]:
    """What a model's ``config.json`` (a path; never the network) or a bare activation NAME selects: one
    :class:`actviz.models_text.Resolved` per activation found, nested configs included (``text_config``, ...),
    each with its field's path and value, the function that runs (``.found.spec``, a spec every command takes:
    ``actviz plot SPEC`` draws it), whether the MLP is gated, the warnings of the known traps (OpenAI GPT's
    "gelu", T5's "gated-gelu", Gemma 1's legacy "gelu", gpt-oss's clamped SwiGLU) and its look-alikes measured
    by :func:`distance`. ``to_dict()`` on each is what ``--format json`` writes. A NAME is read as transformers'
    key, with what each other framework means by it. ``lang="zh"``: the warnings in Chinese."""
    from .display import Records
    from .models_text import resolve as _resolve

    with language(lang):
        return Records(_resolve(target))


def distance(a: Spec, b: Spec) -> Any:
    """How far two activations (specs) are apart: :class:`actviz.models.Distance` with ``max_abs_diff`` and
    ``at`` (the largest |a − b| on [−10, 10] and where), ``rms_normal`` (the RMS of a − b under N(0, 1)) and
    ``bf16_differ`` (the share of the bfloat16 inputs with 0.5 ≤ |x| ≤ 6 whose two outputs, each rounded to
    bfloat16, differ). ``distance("gelu", "gelu:approximate=tanh")``: 4.732e−4 at x = 2.699, 27.8 %."""
    from .models import distance as _distance

    ba, bb = select(a), select(b)
    for bound in (ba, bb):
        if bound.act.vector:
            raise ParameterError(f"{bound.name} is vector-valued (softmax): distance compares functions of one number")
    return _distance(ba, bb)


def two_input(name: str, *, limit: float | None = None) -> Any:
    """A gated unit as the function of two inputs a model's MLP computes, ``f(gate, up)``
    (:class:`actviz.gated_units.Unit`, called with arrays that broadcast): ``swiglu``, ``geglu``,
    ``geglu_tanh``, ``reglu``, ``relu2_glu`` (BitNet), ``swigluoai`` (gpt-oss: gate ≤ 7, up clamped to ±7,
    (up + 1)·gate·σ(1.702·gate)) and ``swiglu_limit`` (vLLM's SwigluStepAndMul: min(silu(gate), 7)·clip(up, ±7));
    ``limit`` moves the clamps of the last two. ``two_input("swigluoai")(8, 8)`` is 55.9996250264."""
    from .errors import closest
    from .gated_units import ALIASES, UNITS, unit

    try:
        return unit(name, limit)
    except KeyError:
        near = closest(str(name), [*UNITS, *ALIASES])
        hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
        raise ParameterError(f"unknown gated unit {name!r}: {hint}the two-input units are {', '.join(UNITS)}") from None
    except ValueError as exc:
        raise ParameterError(str(exc)) from None


def plot2d_size() -> tuple[float, float]:
    """The house size of :func:`plot2d`'s figure, in inches."""
    from .render.two_input import SIZE

    return SIZE


def two_input_moments(name: str, *, limit: float | None = None) -> Any:
    """E f and Var f of :func:`two_input`'s unit for independent gate, up ~ N(0, 1)
    (:class:`actviz.gated_units.Moments`; SwiGLU: mean 0, variance 0.355776)."""
    from .gated_units import moments

    return moments(two_input(name, limit=limit))


def plot2d(name: str, *, up: Sequence[float] = (-1.0, 0.5, 2.0), limit: float | None = None, theme: str = "light",
           dpi: float = 150, lang: str | None = None) -> Figure:
    """The map of :func:`two_input`'s unit over the (gate, up) plane, its clamps dashed, beside its slices
    f(gate, up = u) for each ``up``; the title gives its moments under independent N(0, 1) inputs."""
    import math

    from .options import check_dpi, check_theme
    from .render.two_input import two_input_figure

    ups = [float(v) for v in up]
    if not ups or len(ups) > 6 or not all(math.isfinite(v) for v in ups):
        raise ParameterError(f"up={list(up)!r}: give 1 to 6 finite values, e.g. up=(-1, 0.5, 2)")
    check_theme(theme)
    check_dpi(dpi)
    u = two_input(name, limit=limit)
    m = two_input_moments(name, limit=limit)
    with language(lang):
        return two_input_figure(u, ups, (m.mean, m.variance), theme=theme, dpi=dpi)


def model_families() -> list[dict[str, Any]]:
    """Which activation each model family's config selects (issue 26's families: BERT, GPT-2, OpenAI GPT,
    T5, Flan-T5, Llama, Mistral, Qwen, Gemma 1–3, Nemotron, Apertus, CLIP, gpt-oss, BitNet, Primer): one dict
    per family with ``family``, ``example`` (a Hub id), ``path`` and ``value`` (the field that says so),
    ``spec`` (what runs), ``gated`` (True, False) and ``source`` (where it was verified, in transformers'
    code). :func:`model_families_report` makes the table."""
    from .models import PRIMER_SPEC, families

    out = []
    for fam, found in families():
        out.append({"family": fam.family, "example": fam.example or None,
                    "path": found.path if found else None, "value": found.value if found else None,
                    "spec": found.spec if found else PRIMER_SPEC, "gated": found.gated if found else False,
                    "source": fam.source})
    return out


def model_families_report(*, format: str = "rich") -> Any:
    """:func:`model_families` for a terminal: ``rich`` (a table), ``markdown`` or ``json`` (English, every language)."""
    import json

    from .messages import msg

    check_format(format, ("rich", "markdown", "json"))
    rows = model_families()
    if format == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    shown = [{**r, "field": f"{r['path']} = {r['value']!r}" if r["path"] else "—",
              "gated": msg("word.yes") if r["gated"] else msg("word.no")} for r in rows]
    if format == "markdown":
        heads = [msg(f"models.{k}") for k in ("family", "example", "field", "runs", "gated", "source")]
        lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        for r in shown:
            cells = [r["family"], f"`{r['example']}`" if r["example"] else "—", f"`{r['field']}`" if r["path"] else "—",
                     f"`{r['spec']}`", r["gated"], r["source"]]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        return "\n".join(lines) + "\n\n" + msg("models.note") + "\n"
    from .terminal import models_table

    return models_table(shown)


def resolve_report(target: str | Sequence[Any], *, format: str = "rich") -> Any:
    """:func:`resolve` for a terminal: ``format="rich"`` a rich renderable, ``"json"`` the JSON text of the
    list of ``to_dict()`` records (English, in every language). ``target``: a path or name, or the records
    :func:`resolve` returned (shown in the language in force)."""
    check_format(format, ("rich", "json"))
    records = resolve(target) if isinstance(target, str) else [r.in_language(current()) for r in target]
    if format == "json":
        import json

        return json.dumps([r.to_dict() for r in records], indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    from .terminal import resolve_report as _report

    return _report(records)


def resolve_figure(records: Sequence[Any], *, theme: str = "light", dpi: float = 150,
                   lang: str | None = None) -> Figure:
    """The comparison figure of :func:`resolve`'s records: every function found (each once) and the first
    one's look-alikes, overlaid with their derivatives (:func:`compare`)."""
    specs = list(dict.fromkeys([r.found.spec for r in records] + [s for s, _, _ in records[0].lookalikes]))
    return compare(*specs[:8], theme=theme, dpi=dpi, lang=lang)


# -- what the commands print: parsing, names, rich renderables ---------------------------------------------
#
# The command line is a client of these: each command parses its options, makes one call here and prints
# or saves what comes back. They are public, for scripts that want the same text, file names and checks.


def parse_params(items: Sequence[str] | None) -> dict[str, str]:
    """``["alpha=2", "beta=1"]`` (``KEY=VALUE`` texts, as ``-p`` takes them) -> ``{"alpha": "2", ...}``;
    a malformed or repeated key is a :class:`ParameterError`."""
    from .errors import option
    from .selection import parse_assignment

    out: dict[str, str] = {}
    for item in items or []:
        key, value = parse_assignment(item, option("param"))
        if key in out:
            raise ParameterError(f"{option('param')} {key!r} is given twice")
        out[key] = value
    return out


def bind(spec: Spec, assignments: Sequence[str] | None = None, /, *, framework: str | None = None,
         **shortcuts: float | None) -> Bound:
    """One activation with its parameters: a name, ``NAME:KEY=VALUE`` spec or expression, ``KEY=VALUE``
    texts (``assignments``) and keyword values (``alpha=0.1``; None: not given). A parameter given twice,
    or one the function lacks, is a :class:`ParameterError`. ``framework``: that framework's definition."""
    from .errors import option
    from .selection import is_expression, lookup_name
    from .selection import parse_params as parse

    if isinstance(spec, str) and is_expression(spec) and framework is None:
        given: dict[str, Any] = dict(parse_params(assignments))
        for key, value in shortcuts.items():
            if value is not None:
                if key in given:
                    raise ParameterError(f"{key} is given twice ({option(key)} and {option('param')} {key}=...)")
                given[key] = value
        return select(spec, given)
    if not isinstance(spec, str):
        return select(spec, {k: v for k, v in shortcuts.items() if v is not None}, framework=framework)
    act = lookup_name(spec, framework=framework)
    params: dict[str, Any] = dict(parse(act, assignments or [], where=option("param")))
    for key, value in shortcuts.items():
        if value is None:
            continue
        act.param(key)  # the function must have it: the error names the parameters it has
        if key in params:
            raise ParameterError(f"{key} is given twice ({option(key)} and {option('param')} {key}=...)")
        params[key] = act.param(key).validate(value)
    if ":" in spec:  # NAME:KEY=VALUE; a key also given separately is an error
        return select(spec, params, framework=framework)
    return act.bind(params)


def activations(*specs: Spec, family: str | None = None, framework: str | Sequence[str] | None = None,
                **params: Any) -> list[Bound]:
    """The bound activations ``specs`` name (none: the whole catalogue, or ``family``; ``framework``: as
    each framework defines them, several overlaid); keyword parameters apply to a single named one."""
    return select_many(specs, family=family, params=params, framework=framework)


def one_framework(framework: str | Sequence[str] | None, what: str) -> str | None:
    """The one framework a single-activation function or command ``what`` takes (None: none); several
    are refused, pointing to compare, which overlays them."""
    from .presets import one_framework as one

    return one(framework, what)


def file_stem(*bounds: Bound) -> str:
    """The file name the activations give a figure: ``leaky_relu_alpha_0.1``, joined by ``_``."""
    from .text import file_stem as stem

    return "_".join(stem(b) for b in bounds)


def output_path(path: str | os.PathLike[str] | None, stem: str = "figure", *, data: bool = False) -> OutputPath:
    """The validated path of a figure (nothing is created): ``path``, or ``./outputs/<stem>.png``, a long
    stem cut and given a checksum; ``data``: a .csv path (the numbers behind the figure) is allowed."""
    from .options import safe_name

    if len(stem) > 80:
        import zlib

        stem = f"{stem[:70]}_{zlib.crc32(stem.encode()):08x}"
    return OutputPath.of(path, safe_name(stem), data=data)


def house_size(kind: str = "plot", n: int = 1) -> tuple[float, float]:
    """The size in inches of a ``"plot"``, ``"compare"`` or ``"animate"`` figure when none is given, or of
    ``"grid"``, small multiples of ``n`` functions."""
    from .render.figures import COMPARE_SIZE, PLOT_SIZE, grid_size

    if kind == "grid":
        return grid_size(n)
    return {"plot": PLOT_SIZE, "compare": COMPARE_SIZE, "animate": ANIMATION_SIZE}[kind]


def show(fig: Figure) -> bool:
    """Open a window for a figure made with ``pyplot=True``; False when there is no interactive display."""
    from .render.figures import show_figure

    return show_figure(fig)


def printable(renderable: Any, encoding: str | None) -> Any:
    """``renderable`` as a terminal in ``encoding`` can show it: unchanged where the encoding holds
    actviz's symbols, else with ASCII spellings (``(-inf, 0]``, ``C^0``, ``f'``) for what it cannot hold
    (GBK keeps Chinese)."""
    from .messages import is_chinese
    from .terminal import ascii_renderable, holds_symbols

    if holds_symbols(encoding):
        return renderable
    return ascii_renderable(renderable, encoding if is_chinese() and encoding else "ascii")


def properties_table(*specs: Spec, family: str | None = None, columns: str | Sequence[str] | None = None,
                     width: int | None = None, framework: str | Sequence[str] | None = None,
                     assignments: Sequence[str] | None = None, **params: Any) -> Any:
    """:func:`table` as a rich renderable (colours, fitted to ``width`` or the console it is printed on)."""
    from .tables import parse_columns
    from .terminal import properties_table as fitted

    cols = parse_columns(columns)
    params = {**parse_params(assignments), **params}
    rows = [b.properties() for b in select_many(specs, family=family, params=params, framework=framework)]
    return fitted(rows, cols, width=width)


def list_table(family: str | None = None, framework: str | Sequence[str] | None = None) -> Any:
    """The catalogue as a rich renderable: canonical names, aliases, family and summary (``framework``:
    the names each framework has)."""
    from .terminal import list_table as listing

    if framework is not None:
        acts = [b.act for b in select_many((), family=family, framework=framework)]
    else:
        acts = REGISTRY.family(family) if family is not None else [REGISTRY[n] for n in REGISTRY.names()]
    return listing(acts)


def info_card(spec: Spec, /, *, framework: str | None = None, format: str = "rich", lang: str | None = None,
              **params: Any) -> Any:
    """Everything about one activation: ``format="rich"`` a rich renderable (formula, derivative, parameters,
    derived properties, notes, advice, reference and a small plot); ``"latex"`` a snippet for a paper (the
    formula and derivative in ``align*``, the facts in a two-column ``tabularx``), ``"markdown"`` the same as
    ``$$`` maths and a pipe table, ``"json"`` every fact as data (full precision, the same in every
    language), each a ``str``. ``lang="zh"``: in Chinese."""
    from .tables import INFO_FORMATS, render_info

    with language(lang):
        check_format(format, INFO_FORMATS)
        p = select(spec, params, framework=framework).properties()
        if format != "rich":
            return render_info(p, format)
        from .terminal import info_card as card

        return card(p)


def lesson_report(result: Any, points: Any = None) -> Any:
    """The table of a lesson's result as a rich renderable: ``gradient(...)``, ``train(...)`` or
    ``zigzag(...)`` (lists), ``softmax(...)``, or ``loss(...)`` with the gradients at its summary
    points (``points=loss(..., summary=True)``)."""
    from .display import report

    return report(result, points)


def frameworks_report(*names: str, format: str = "rich") -> Any:
    """:func:`compare_frameworks` for a terminal: ``format="rich"`` a rich renderable (colours, fitted to
    the console), else the text of :func:`frameworks_table` (markdown, json, csv). Expressions are
    refused: no framework defines them."""
    from .selection import is_expression
    from .tables import FRAMEWORK_FORMATS, render_frameworks

    check_format(format, FRAMEWORK_FORMATS)
    for name in names:
        if is_expression(name):
            raise ParameterError(f"{name!r} is an expression in x: no framework defines it; give catalogue names")
    comparisons = compare_frameworks(*names)
    if format != "rich":
        return render_frameworks(comparisons, format)
    from .terminal import frameworks_table as fitted

    return fitted(comparisons)


#: the lessons' old names, kept for one release: ``softmax`` returned the worked example, not the
#: probabilities; ``loss`` the gradients of two losses, not a loss; ``gradient`` the norms through depth
softmax = softmax_example
loss = loss_gradients
gradient = gradient_flow
