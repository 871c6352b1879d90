"""The ``plot`` and ``compare`` figures, composed from the axes-level functions of :mod:`.draw`.

Figures are ``matplotlib.figure.Figure`` objects on an Agg canvas (pyplot only when the command
line asks for a window), laid out by hand in inches, so no layout engine runs. Every style is
scoped (:func:`~.style.themed`) or set on the artists: matplotlib's global state is untouched.
The functions take bound activations and validated options; :mod:`actviz.api` is the public face.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .. import text
from ..messages import current, msg
from ..options import DEFAULT_WINDOW, Window
from ..spec import Bound
from . import draw
from .sampling import (
    COMPARE_ROOM,
    MAX_COMPARE,
    MAX_RESOLVED,
    VECTOR_EXAMPLE,
    check_compare_count,
    check_values,
    coincide_lines,
    coincidences,
    evaluate,
    fit_ylim,
    frame_ylim,
    hidden_under,
    vector_note,
)
from .style import MIN_FONT, SMALL, curve_styles, new_figure, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "plot_figure", "plot_on", "compare_figure", "compare_on", "make_figure", "show_figure", "fit_text_width",
    "wrap_words",
    "MAX_COMPARE", "check_compare_count", "COMPARE_ROOM", "stack_header", "compare_grid_figure", "grid_size",
    "DISTINCT_COLORS",
]

def _check(bounds: Sequence[Bound], window: Window) -> None:
    """Every curve's values, before anything is drawn (the options were checked by the API,
    :mod:`actviz.options`)."""
    check_values(bounds, window)


def make_figure(figsize: tuple[float, float], dpi: float, *, pyplot: bool = False) -> Figure:
    """A Figure on an Agg canvas, or (``pyplot=True``, for ``--show``) one managed by pyplot."""
    if pyplot:
        import matplotlib.pyplot as plt

        return plt.figure(figsize=figsize, dpi=dpi)
    return new_figure(figsize, dpi)


def show_figure(fig: Figure) -> bool:
    """Open a window for a pyplot-made figure; False when there is no interactive display."""
    import matplotlib
    import matplotlib.pyplot as plt

    backend = matplotlib.get_backend().lower()
    if backend in {"agg", "pdf", "svg", "ps", "cairo", "template"} or "inline" in backend:
        return False
    import gc

    gc.enable()  # the CLI runs without cyclic GC (see cli.main); a window may live for long
    plt.show()
    return True


def fit_text_width(text: Any, width_px: float, renderer: Any, *, min_size: float = 5.0) -> float:
    """Shrink ``text``'s font so it is at most ``width_px`` wide; return the final size.

    Text width scales linearly with the font size, so one measurement is enough (a 3 % margin
    covers hinting); mathtext is parsed once here instead of once per trial size.
    """
    size = float(text.get_fontsize())
    width = text.get_window_extent(renderer).width
    if width > width_px:
        size = max(min_size, size * width_px / width * 0.97)
        text.set_fontsize(size)
    return size


def wrap_text(artist: Any, width_px: float, renderer: Any) -> None:
    """Break a Text's words into as many lines as ``width_px`` needs (each paragraph on its own)."""
    import textwrap

    paragraphs = artist.get_text().split("\n")
    longest = max(len(p) for p in paragraphs) or 1
    for shrink in (0.97, 0.9, 0.8, 0.7):
        width = artist.get_window_extent(renderer).width
        if width <= width_px:
            return
        per_char = width / longest  # the widest line sets the measure
        chars = max(20, int(width_px / per_char * shrink))
        artist.set_text("\n".join(textwrap.fill(p, width=chars) for p in paragraphs))


def wrap_words(line: str, chars: int) -> list[str]:
    """``line`` in lines of at most ``chars`` characters, Chinese counted twice (its characters are
    twice as wide; a run of them has no spaces, and textwrap breaks it where it must)."""
    import textwrap

    wide = sum(1 for c in line if ord(c) >= 0x2E80)
    return textwrap.wrap(line, chars if not wide else max(10, chars * len(line) // (len(line) + wide)))


def stack_header(fig: Figure, lines: Sequence[tuple[str, float, str]], top: float, renderer: Any,
                 *, gap: float = 0.12, margin: float = 0.2) -> float:
    """Centred lines of (text, fontsize, weight) from ``top`` (inches) down, each shrunk to fit the
    width and placed by its measured height; return the bottom of the last line, in inches."""
    width, height = fig.get_size_inches()
    dpi = fig.dpi
    y = top
    for line, size, weight in lines:
        artist = fig.text(0.5, y / height, line, ha="center", va="top", fontsize=size, fontweight=weight)
        fit_text_width(artist, (width - 2 * margin) * dpi, renderer)
        y -= artist.get_window_extent(renderer).height / dpi + gap
    return y


def _inches(fig: Figure, left: float, bottom: float, width: float, height: float) -> tuple[float, ...]:
    w, h = fig.get_size_inches()
    return (left / w, bottom / h, width / w, height / h)


def _style_axes(ax: Any) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=3.5, width=0.7)
    ax.margins(x=0)


# -- plot --------------------------------------------------------------------------------------


def _curve_labels(bound: Bound) -> tuple[str, str]:
    if bound.vector:
        return "$f_1(x)$", "$\\partial f_1/\\partial x_1$"
    return "f(x)", "f\u2032(x)"


def _draw_plot(ax: Axes, bound: Bound, *, window: Window, derivative: bool, theme: str,
               color: str, ylim: tuple[float, float] | None = None, legend: bool = True,
               linewidth: float = 2.0, small: float | str = "small") -> draw.Drawn:
    """f, f′ (on a twin axis when it would swamp f), asymptotes, saturation and origin axes of one
    activation on ``ax``; with ``legend`` a legend inside it (the figure puts its own above it)."""
    colors = theme_colors(theme)
    label, dlabel = _curve_labels(bound)
    drawn = draw.draw_activation(
        ax, bound, window=window, color=color, derivative=derivative,
        derivative_color=colors["muted"], muted=colors["muted"], shade=colors["shade"], label=label,
        derivative_label=dlabel, twin=ylim is None, ylim=ylim, resolve=True, linewidth=linewidth,
    )
    draw.draw_origin_axes(ax, colors["axis"])
    plain_ticks(ax)
    if drawn.dax is not None:
        plain_ticks(drawn.dax)
    if drawn.df_range is not None:  # f′ clipped at a frame the caller fixed: the legend says how far it goes
        lo, hi = drawn.df_range
        drawn.df.set_label(msg("figure.df_clipped", label=drawn.df.get_label(), lo=text.number(lo), hi=text.number(hi)))
    if bound.vector:
        x1 = VECTOR_EXAMPLE[0]
        if window.xmin <= x1 <= window.xmax:
            y1 = float(evaluate(bound, np.array([x1]))[0][0])
            draw.draw_curve(ax, [x1], [y1], color=color, linestyle="none", marker="o", markersize=5, zorder=4,
                            gid="example")
            ax.annotate(text.fixed(y1, 2), (x1, y1), textcoords="offset points", xytext=(6, -12),
                        fontsize=small)
        ax.set_xlabel("$x_1$")
    else:
        ax.set_xlabel(bound.act.axis or "x")  # a GLU's gate, with its value half held fixed
    if legend:
        handles = legend_handles([ax] + ([drawn.dax] if drawn.dax is not None else []))
        ax.legend(handles=handles, loc="best")
    return drawn


def plain_ticks(ax: Axes) -> None:
    """Tick labels as plain numbers (no '+2e1' offset above the axis for a narrow window far from 0),
    and no more x ticks than the axis has room for (−0.0075 is wide)."""
    from matplotlib.ticker import AutoLocator, MaxNLocator

    for axis in (ax.xaxis, ax.yaxis):
        formatter = axis.get_major_formatter()
        if hasattr(formatter, "set_useOffset"):
            formatter.set_useOffset(False)
    if type(ax.xaxis.get_major_locator()) is AutoLocator:  # not the bars' fixed categories
        width = ax.get_position().width * ax.figure.get_size_inches()[0]
        ax.xaxis.set_major_locator(MaxNLocator(nbins=max(3, int(width / 0.8)), steps=[1, 2, 5, 10]))


def legend_handles(axes: Sequence[Axes]) -> list[Any]:
    """The labelled artists of ``axes``, each label once, in drawing order."""
    seen: dict[str, Any] = {}
    for a in axes:
        for handle, label in zip(*a.get_legend_handles_labels()):
            seen.setdefault(label, handle)
    return list(seen.values())


def figure_legend(fig: Figure, handles: Sequence[Any], top: float, renderer: Any, *, margin: float = 0.2,
                  known: dict[Any, Any] | None = None) -> float:
    """A legend in rows centred under ``top`` (inches), as many entries a row as the width holds;
    return its bottom, in inches. Outside the axes, it can never hide a curve.

    ``known``: a dict kept between figures (:func:`plot_figure`'s ``prepared``): a legend of the same
    entries, fonts and width as one before takes that one's columns at once, instead of trying from
    one row down (each try a legend made and measured: two or three on a phone's figure)."""
    import matplotlib

    width, height = fig.get_size_inches()
    ncol, key = len(handles), None
    if known is not None:
        key = ("legend", tuple((type(h).__name__, h.get_label()) for h in handles), float(width), float(fig.dpi),
               margin, matplotlib.rcParams["legend.fontsize"], matplotlib.rcParams["font.size"],
               tuple(matplotlib.rcParams["font.family"]))
        ncol = known.get(key, ncol)
    while True:
        legend = fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, top / height), ncol=ncol,
                            frameon=False, borderaxespad=0.0, columnspacing=1.6, handlelength=2.4)
        box = legend.get_window_extent(renderer)
        if box.width <= (width - 2 * margin) * fig.dpi or ncol == 1:
            if known is not None:
                known[key] = ncol
            return top - box.height / fig.dpi
        legend.remove()
        ncol -= 1


def _margins(k: float, floor: float = MIN_FONT) -> tuple[float, float]:
    """(left, bottom) in inches: room for tick labels and an axis label at the fonts a figure scaled
    by ``k`` uses (they stop at ``floor``, so the margins do too)."""
    tick = max(9.0 * k, floor) / 72.0
    label = max(10.0 * k, floor) / 72.0
    return 4.2 * 0.62 * tick + 1.6 * label + 0.12, 1.5 * tick + 1.5 * label + 0.14


#: the house size of a plot figure (with and without the derivative), inches
PLOT_SIZE = (7.2, 5.0)


#: a figure at least this wide (inches) is for a screen seen across a room: a full 16:9 slide is 13.33
SLIDE_WIDTH = 12.0
#: the smallest text on such a figure, points
SLIDE_FONT = 14.0
#: how far texts grow with a figure larger than the house size
MAX_GROWTH = 2.5


class Scale(NamedTuple):
    """How a figure's texts and margins scale against the house size: ``k`` times the house sizes,
    no text under ``floor`` points."""

    k: float
    floor: float

    def small(self) -> float:
        """The size of a figure's notes: matplotlib's "small" of the scaled font, never under the floor."""
        return max(self.floor, SMALL * 10.0 * self.k)


def scale_for(size: tuple[float, float], house: tuple[float, float], font_scale: float = 1.0) -> Scale:
    """How a figure of ``size`` scales its texts and margins against the house size. Smaller in either
    side: texts shrink with the tighter side (down to half; fonts stop at style.MIN_FONT, a journal's
    7 pt). Larger in both: texts grow with the side that grew more (up to :data:`MAX_GROWTH`), and a
    figure :data:`SLIDE_WIDTH` wide or wider (a slide) has no text under :data:`SLIDE_FONT`.
    ``font_scale`` multiplies the result, floor included (at least 5 pt)."""
    w, h = size[0] / house[0], size[1] / house[1]
    k = min(MAX_GROWTH, max(w, h)) if w >= 1.0 and h >= 1.0 else max(0.5, min(1.0, w, h))
    floor = SLIDE_FONT if size[0] >= SLIDE_WIDTH else MIN_FONT
    return Scale(k * font_scale, max(5.0, floor * font_scale))


def plot_on(ax: Axes, bound: Bound, *, window: Window = DEFAULT_WINDOW,
            derivative: bool = True, theme: str = "light", ylim: tuple[float, float] | None = None) -> Axes:
    """Draw one activation on the caller's Axes (curves, asymptotes, shading, legend, title, limits);
    the Axes' own style (spines, grid, fonts) is left as the caller made it."""
    _check([bound], window)
    with _your_fonts():
        _draw_plot(ax, bound, window=window, derivative=derivative, theme=theme,
                   color=curve_styles([bound.name], theme)[0]["color"], ylim=ylim)
    ax.set_title(text.title(bound))
    return ax


def _your_fonts() -> Any:
    """On the caller's Axes: their font, and in Chinese the bundled Chinese font after it, for the texts
    made inside (legends, notes); a scoped rc_context, nothing else of theirs changes."""
    import matplotlib

    from .style import language_rc

    return matplotlib.rc_context(language_rc(matplotlib.rcParams["font.family"]))


def plot_figure(bound: Bound, *, window: Window = DEFAULT_WINDOW,
                derivative: bool = True, theme: str = "light", dpi: float = 150, pyplot: bool = False,
                size: tuple[float, float] | None = None, ylim: tuple[float, float] | None = None,
                title: bool = True, formula: bool = True, font_scale: float = 1.0,
                prepared: dict[Any, Any] | None = None) -> Figure:
    """One activation: f solid, f′ dashed, asymptotes dotted, saturation shaded, formula on top.

    A vector activation gets two panels: bars of input and output for (3, 1, −3), and the first
    component as the first logit varies. ``size`` (inches) scales texts and margins down for a
    journal column; ``title``/``formula`` can be left out; ``ylim`` fixes the frame. The legend sits
    in a row above the axes, where it hides nothing.

    ``prepared``: a dict kept by a caller that draws many figures one after another and is done with
    each before the next (the gallery's workers). A figure of the same size, dpi, theme, text scale and
    language (and number of panels) as one before is then drawn on that one's Figure and Axes, emptied,
    instead of new ones: the same pixels, without making an Axes and its ticks again (measured: a house
    and a phone figure in 39 ms instead of 54; a vector activation's two panels in 31 ms instead of 45).
    A figure with a twin axis is always new.
    """
    _check([bound], window)
    colors = theme_colors(theme)
    act = bound.act
    house = (PLOT_SIZE[0], PLOT_SIZE[1] if derivative else PLOT_SIZE[1] - 0.2)
    width, height = (float(v) for v in size) if size is not None else house
    scale = scale_for((width, height), house, font_scale)
    k = scale.k
    with themed(theme, k, scale.floor):
        # what the Axes took from the rc when made, and how many panels
        key = (width, height, float(dpi), theme, scale, current(), act.vector)
        reused = _emptied(prepared.pop(key, None)) if prepared is not None and not pyplot else None
        fig = reused[0].figure if reused is not None else make_figure((width, height), dpi, pyplot=pyplot)
        color = curve_styles([bound.name], theme)[0]["color"]
        renderer = fig.canvas.get_renderer()
        # header: title, formula (and derivative formula), centred and stacked by their real heights
        lines = [(text.heading(bound), max(14.0 * k, 9.0), "bold")] if title else []
        if formula:
            lines.append((text.formula_math(bound, display=True), max(11.5 * k, 8.0), "normal"))
            if derivative:
                lines.append((text.derivative_formula_math(bound, display=True), max(11.5 * k, 8.0), "normal"))
        top = stack_header(fig, lines, height - 0.18 * k, renderer, gap=0.12 * k) if lines else height - 0.1
        left, bottom = _margins(k, scale.floor)
        right = 0.3 * k
        if act.vector:
            bar_w = 0.3 * (width - left - right)
            rects = [_inches(fig, left, bottom, bar_w, 1.0),
                     _inches(fig, left + bar_w + 0.75 * k, bottom, width - left - bar_w - 0.75 * k - right, 1.0)]
        else:
            rects = [_inches(fig, left, bottom, width - left - right, 1.0)]
        if reused is not None:
            for a, rect in zip(reused, rects):
                a.set_position(rect)
            panels = reused
        else:
            panels = tuple(fig.add_axes(rect) for rect in rects)
            for a in panels:  # styled once: a reused Axes keeps its style
                _style_axes(a)
        bars, ax = panels if act.vector else (None, panels[0])
        if bars is not None:
            draw.draw_vector_bars(bars, bound, color=color, input_color=colors["muted"], fontsize=scale.small())
            bars.set_title(msg("figure.vector_example"), fontsize="medium", fontweight="normal")
            bars.grid(axis="x", visible=False)
            plain_ticks(bars)
        drawn = _draw_plot(ax, bound, window=window, derivative=derivative, theme=theme,
                           color=color, ylim=ylim, legend=False, linewidth=2.0 * max(1.0, k), small=scale.small())
        if act.vector:
            ax.set_title(vector_note(), fontsize="medium", fontweight="normal")
        twins = [drawn.dax] if drawn.dax is not None else []
        handles = legend_handles(([bars] if bars is not None else []) + [ax] + twins)
        legend_bottom = figure_legend(fig, handles, top - 0.04, renderer, known=prepared)
        if drawn.sample.unresolved:  # under the legend, above the axes: it covers nothing
            fig.text(0.5, (legend_bottom - 0.04 * k) / height, msg("figure.unresolved", n=text.number(MAX_RESOLVED)),
                     ha="center", va="top", fontsize=scale.small(), color=colors["muted"], gid="unresolved-note")
            legend_bottom -= 0.24 * k
        # the axes fill what the header and the legend leave; a twin axis needs room on the right
        title_room = 0.3 * k if act.vector else 0.0
        right_room = (0.75 * k) if twins else 0.0
        ax_top = legend_bottom - 0.1 * k - title_room
        for a in ([bars] if bars is not None else []) + [ax] + twins:
            x0, _, w0, _ = a.get_position().bounds
            if a is ax or a in twins:
                w0 = w0 - right_room / width
            a.set_position((x0, bottom / height, w0, max(ax_top - bottom, 0.5) / height))
        if prepared is not None and not twins:
            prepared[key] = panels
    return fig


def _emptied(panels: tuple[Axes, ...] | None) -> tuple[Axes, ...] | None:
    """The Axes of a plot figure drawn before, and its figure, emptied of that figure's artists (their
    ticks stay: the next figure's locator moves and relabels them when it is drawn)."""
    if panels is None:
        return None
    fig = panels[0].figure
    for ax in panels:
        for container in [*ax.containers]:  # a bar chart's: removes its bars too
            container.remove()
    for artist in [*fig.texts, *fig.legends, *fig.patches, *fig.artists, *(a for ax in panels for a in (
            *ax.lines, *ax.patches, *ax.texts, *ax.artists, *ax.collections, *ax.images))]:
        artist.remove()
    return panels


# -- compare -----------------------------------------------------------------------------------


def _compare_labels(bounds: Sequence[Bound]) -> list[str]:
    return [text.title(b) + (msg("figure.component1") if b.vector else "") for b in bounds]


COINCIDENT_DASH = (0, (4.0, 3.0))  #: a curve drawn over an identical earlier one


def _coincides(x: np.ndarray, y: np.ndarray, earlier: Sequence[Any], which: int) -> bool:
    """Is (x, y) the curve of an earlier comparison entry (f: ``which`` 0, f′: 1), to drawing precision?"""
    for prev in earlier:
        px, py = prev[which]
        if px.shape == x.shape and np.array_equal(px, x, equal_nan=True):
            scale = max(1.0, float(np.nanmax(np.abs(y), initial=0.0)))
            if np.allclose(py, y, rtol=0.0, atol=1e-6 * scale, equal_nan=True):
                return True
    return False


def _draw_compare(ax: Axes, axd: Axes | None, bounds: Sequence[Bound], *, window: Window,
                  theme: str, scale: float = 1.0) -> tuple[list[Any], list[int], list[int]]:
    """The curves (and derivatives on ``axd``) of ``bounds`` with their limits; returns the f lines
    and the indices of the curves clipped at the frame (f, f′)."""
    styles = curve_styles([b.name for b in bounds], theme)
    labels = _compare_labels(bounds)
    lines, ylims, dylims = [], [], []
    samples: list[tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]] = []
    for i, (bound, st, label) in enumerate(zip(bounds, styles, labels)):
        lw = max(1.4, 2.6 - 0.2 * i) * scale  # later curves thinner and on top: overlaps stay visible
        drawn = draw.draw_activation(ax, bound, window=window, color=st["color"],
                                     linestyle=st["linestyle"], derivative=False, asymptote_lines=False,
                                     shade=None, label=label, set_limits=False, linewidth=lw, gid=str(i))
        smp = drawn.sample
        if _coincides(smp.x, smp.y, samples, 0):  # the same curve as one before (PyTorch's and JAX's α = 0.01):
            drawn.f.set_linestyle(COINCIDENT_DASH)  # dashed over it, so both stay visible
        lines.append(drawn.f)
        ylims.append(drawn.ylim)
        if axd is not None:
            dline = draw.draw_curve(axd, smp.dx, smp.dy, color=st["color"], linestyle=st["linestyle"], linewidth=lw,
                                    label=label, zorder=3 + 0.01 * i, gid=f"df:{i}")
            if _coincides(smp.dx, smp.dy, samples, 1):
                dline.set_linestyle(COINCIDENT_DASH)
            dylims.append(fit_ylim(smp.dy))
        samples.append(((smp.x, smp.y), (smp.dx, smp.dy)))
    ax.set_autoscale_on(False)
    ax.set_xlim(window.xmin, window.xmax)
    # a curve that would shrink the others to a tenth is clipped at the frame, with a note
    ylim, clipped = frame_ylim(ylims, room=COMPARE_ROOM)
    ax.set_ylim(*ylim)
    dclipped: list[int] = []
    if axd is not None:
        axd.set_autoscale_on(False)
        axd.set_xlim(window.xmin, window.xmax)
        dylim, dclipped = frame_ylim(dylims, room=COMPARE_ROOM)
        axd.set_ylim(*dylim)
    return lines, clipped, dclipped


def _clip_note(what: str, labels: Sequence[str], which: Sequence[int]) -> str:
    return msg("figure.clip_note", what=what) + "\n".join(labels[i] for i in which)


def _side_note(clip: str, coincide: Sequence[str]) -> str:
    """The note beside a compare panel: the curves clipped at its frame, then those drawn over each other."""
    parts = [clip] if clip else []
    if coincide:
        parts.append(msg("figure.coincide_note") + "\n".join(coincide))
    return "\n\n".join(parts)


def compare_on(ax: Axes, bounds: Sequence[Bound], *, dax: Axes | None = None, window: Window = DEFAULT_WINDOW,
               theme: str = "light") -> Axes:
    """Overlay ``bounds`` on the caller's Axes (and their derivatives on ``dax``, if given), with a
    legend; a clipped curve is named in its legend entry, and so is a curve that a later one covers on a
    stretch (`` (under ELU: x > 0)``: there is no room beside your Axes for the figure's notes)."""
    check_compare_count(len(bounds))
    _check(bounds, window)
    lines, clipped, dclipped = _draw_compare(ax, dax, bounds, window=window, theme=theme)
    labels = _compare_labels(bounds)
    under = hidden_under(bounds, labels, window)
    for i, line in enumerate(lines):
        line.set_label(line.get_label() + (msg("figure.clipped") if i in clipped else "") + under.get(i, ""))
    with _your_fonts():
        ax.legend(handles=lines, loc="best", fontsize=9)
    if dax is not None:
        dunder = hidden_under(bounds, labels, window, derivative=True)
        for line in dax.get_lines():
            gid = line.get_gid() or ""
            if gid.startswith("df:"):
                i = int(gid[3:])
                line.set_label(line.get_label() + (msg("figure.clipped") if i in dclipped else "") + dunder.get(i, ""))
    return ax


def _compare_heading(fig: Figure, bounds: Sequence[Bound], labels: Sequence[str], renderer: Any, gap: float,
                     fontsize: float) -> float:
    """A comparison's title, centred ``gap`` inches under the top: the functions' names (one function:
    its label), or how many they are where the names would need a font under 85 % of ``fontsize``;
    returns its bottom, in inches."""
    width, height = fig.get_size_inches()
    dpi = fig.dpi
    names = ", ".join(dict.fromkeys(b.label for b in bounds))
    heading = msg("figure.compared", names=names) if len(bounds) > 1 else labels[0]
    artist = fig.text(0.5, (height - gap) / height, heading, ha="center", va="top", fontsize=fontsize,
                      fontweight="bold")
    if fit_text_width(artist, (width - 0.4) * dpi, renderer) < 0.85 * fontsize and len(bounds) > 1:
        artist.set_text(msg("figure.compared", names=text.count(len(bounds), "function")))
        artist.set_fontsize(fontsize)
        fit_text_width(artist, (width - 0.4) * dpi, renderer)
    return height - gap - artist.get_window_extent(renderer).height / dpi


#: the house size of a compare figure (with and without the derivative panel), inches
COMPARE_SIZE = (8.6, 6.6)


def compare_figure(bounds: Sequence[Bound], *, window: Window = DEFAULT_WINDOW,
                   derivative: bool = True, theme: str = "light", dpi: float = 150, pyplot: bool = False,
                   size: tuple[float, float] | None = None, title: bool = True, font_scale: float = 1.0) -> Figure:
    """Several activations overlaid (top) and their derivatives (bottom, sharing x).

    Every curve keeps its activation's colour; repeats (``elu:alpha=0.5 elu:alpha=2``) differ in
    shade and dash pattern. The legend (beside the plot, in as many columns as its height needs)
    names the parameters; a curve that would widen the others' y-range more than
    :data:`COMPARE_ROOM` times is clipped at the frame and named in a note (``gid`` ``clip-note``).
    A title too long for the width names the number of functions instead of each one.
    """
    check_compare_count(len(bounds))
    _check(bounds, window)
    colors = theme_colors(theme)
    labels = _compare_labels(bounds)
    house = (COMPARE_SIZE[0], COMPARE_SIZE[1] if derivative else 4.4)
    width, height = (float(v) for v in size) if size is not None else house
    scale = scale_for((width, height), house, font_scale)
    k = scale.k
    with themed(theme, k, scale.floor):
        fig = make_figure((width, height), dpi, pyplot=pyplot)
        renderer = fig.canvas.get_renderer()
        top = _compare_heading(fig, bounds, labels, renderer, 0.2 * k, max(13.0 * k, 9.0)) if title else height - 0.15
        notes = [msg("figure.component1_note", note=vector_note())] if any(b.vector for b in bounds) else []
        functions = len(dict.fromkeys(b.name for b in bounds))
        if functions > DISTINCT_COLORS:  # colours repeat: say so, and where one panel each is
            notes.append(msg("figure.many_colors", n=functions, colors=DISTINCT_COLORS))
        left, bottom = _margins(k, scale.floor)
        gap = 0.35 * k
        if notes:
            artist = fig.text(0.5, 0.012, "\n".join(notes), ha="center", va="bottom", fontsize=scale.small(),
                              gid="figure-note")
            fit_text_width(artist, (width - 0.3) * dpi, renderer)
            bottom += artist.get_window_extent(renderer).height / dpi + 0.05
        top -= 0.25 * k
        panel_h = (top - bottom - (gap if derivative else 0)) / (1.65 if derivative else 1.0)
        ax = fig.add_axes(_inches(fig, left, top - panel_h, 0.5 * width, panel_h))
        axes = [ax]
        axd = None
        if derivative:
            axd = fig.add_axes(_inches(fig, left, bottom, 0.5 * width, panel_h * 0.65), sharex=ax)
            axes.append(axd)
        lines, clipped, dclipped = _draw_compare(ax, axd, bounds, window=window, theme=theme,
                                                 scale=max(k, 0.6))
        ax.set_ylabel("f(x)")
        for a in axes:
            _style_axes(a)
            draw.draw_origin_axes(a, colors["axis"])
            plain_ticks(a)
        if axd is not None:
            axd.set_ylabel("f\u2032(x)")
            axd.set_xlabel("x")
            ax.tick_params(labelbottom=False)
        else:
            ax.set_xlabel("x")
        # the legend beside the plot, in as many columns as the figure's height needs; on a narrow
        # figure (a journal column) it goes in rows above the plot instead, so the plot keeps its width
        room = (top - bottom + 0.3) * dpi
        for ncol in range(1, 5):
            legend = ax.legend(handles=lines, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
                               ncol=ncol)
            if legend.get_window_extent(renderer).height <= room:
                break
        beside = legend.get_window_extent(renderer).width / dpi <= 0.3 * width
        if not beside:
            legend.remove()
            shrink = top - figure_legend(fig, lines, top + 0.1 * k, renderer) + 0.05
            for a in axes:  # the panels move down by the legend's height, keeping their proportions
                x0, y0, w0, h0 = a.get_position().bounds
                scale_h = (top - shrink - bottom) / (top - bottom)
                new_y0 = bottom + (y0 * height - bottom) * scale_h
                a.set_position((x0, new_y0 / height, w0, h0 * scale_h))
        # a clipped curve is named under the legend (f) or beside the derivative panel (f′)
        # and curves drawn over each other, where only the last shows, are named there too
        notes = []
        for a, which, what in ((ax, clipped, "f"), (axd, dclipped, "f\u2032")):
            if a is None:
                continue
            found = coincidences(bounds, window, a is axd)
            if functions > DISTINCT_COLORS and found:  # too many to list: how many, and that --grid shows all
                coincide = [msg("figure.coincide_count", n=len(found))]
            else:
                coincide = coincide_lines(found, bounds, labels, window, a is axd)
            coincide = [part for line in coincide for part in wrap_words(line, NOTE_CHARS)]
            if not (which or coincide):
                continue
            below = legend.get_window_extent(renderer).height / a.get_window_extent(renderer).height if beside else 0
            at = (1.02, 1.0) if a is not ax else (1.02, 0.97 - below)
            if a is not ax:  # beside the f′ panel: under the legend and the f panel's note where they reach down
                box, gap = a.get_window_extent(renderer), 0.03 * ax.get_window_extent(renderer).height
                above = ([legend.get_window_extent(renderer).y0] if beside else []) + \
                    [n.get_window_extent(renderer).y0 for n in notes]
                if above and min(above) - gap < box.y1:
                    at = (1.02, (min(above) - gap - box.y0) / box.height)
            note = _side_note(_clip_note(what, labels, which) if which else "", coincide)
            notes.append(a.text(*at, note, transform=a.transAxes, ha="left", va="top", fontsize=scale.small(),
                                color=colors["muted"], gid="clip-note" if which else "coincide-note"))
        # give the plot all the width the legend and notes leave free
        side = [legend.get_window_extent(renderer).width] if beside else []
        side_w = max(side + [n.get_window_extent(renderer).width for n in notes], default=0.0) / dpi
        plot_w = max(0.35 * width, width - left - 0.2 - (0.25 * k + side_w if side_w else 0.0))
        for a in axes:
            x0, y0, _, h = a.get_position().bounds
            a.set_position((x0, y0, plot_w / width, h))
    return fig


#: the most functions one compare figure tells apart by colour; more are offered small multiples
DISTINCT_COLORS = 8
#: the longest line of a note beside a compare panel (characters; longer ones wrap)
NOTE_CHARS = 44
#: a small multiple's panel, inches (width, height), and the most panels a row of them takes
GRID_PANEL = (2.9, 2.3)
GRID_COLS = 4


def grid_cols(n: int) -> int:
    """Columns of small multiples for ``n`` functions: as square as may be, at most :data:`GRID_COLS`."""
    return max(1, min(GRID_COLS, math.ceil(math.sqrt(n))))


def grid_size(n: int) -> tuple[float, float]:
    """The house size in inches of ``n`` small multiples with their header."""
    cols = grid_cols(n)
    rows = math.ceil(n / cols)
    return cols * GRID_PANEL[0] + 0.3, rows * GRID_PANEL[1] + 0.9


def compare_grid_figure(bounds: Sequence[Bound], *, window: Window = DEFAULT_WINDOW, derivative: bool = True,
                        theme: str = "light", dpi: float = 150, pyplot: bool = False,
                        size: tuple[float, float] | None = None, title: bool = True,
                        font_scale: float = 1.0) -> Figure:
    """Small multiples: each activation in a panel of its own (f solid in its colour, f′ dashed in the
    muted grey), every panel on the same x- and y-range so they compare at a glance. A function that
    would widen the others' y-range more than :data:`COMPARE_ROOM` times is clipped at the frame and
    says so in its panel's title. For comparisons of more functions than colours tell apart."""
    check_compare_count(len(bounds))
    _check(bounds, window)
    colors = theme_colors(theme)
    labels = _compare_labels(bounds)
    n = len(bounds)
    cols = grid_cols(n)
    rows = math.ceil(n / cols)
    house = grid_size(n)
    width, height = (float(v) for v in size) if size is not None else house
    scale = scale_for((width, height), house, font_scale)
    k = scale.k
    styles = curve_styles([b.name for b in bounds], theme, dashes=False)
    with themed(theme, k, scale.floor):
        fig = make_figure((width, height), dpi, pyplot=pyplot)
        renderer = fig.canvas.get_renderer()
        top = _compare_heading(fig, bounds, labels, renderer, 0.15 * k, max(13.0 * k, 9.0)) if title else height - 0.1
        if derivative:  # one key for every panel: f solid, f′ dashed
            from matplotlib.lines import Line2D

            key = [Line2D([], [], color=colors["ink"], linewidth=2.0, label="f(x)"),
                   Line2D([], [], color=colors["muted"], linewidth=1.5, linestyle=(0, (4, 2)), label="f\u2032(x)")]
            top = figure_legend(fig, key, top - 0.05 * k, renderer)
        left, bottom = _margins(k, scale.floor)
        cell_w = (width - 0.15) / cols
        cell_h = (top - 0.1) / rows  # each cell holds its panel and the bottom margin under it
        axes, drawn = [], []
        for i, (bound, st) in enumerate(zip(bounds, styles)):
            r, c = divmod(i, cols)
            x0 = c * cell_w + left
            y0 = top - 0.1 - (r + 1) * cell_h + bottom
            ax = fig.add_axes(_inches(fig, x0, y0, cell_w - left - 0.15, cell_h - bottom - 0.3 * k))
            d = draw.draw_activation(ax, bound, window=window, color=st["color"], derivative=derivative,
                                     derivative_color=colors["muted"], muted=colors["muted"], shade=None,
                                     asymptote_lines=False, label=labels[i],
                                     linewidth=max(1.6, 2.0 * k), gid=str(i))
            axes.append(ax)
            drawn.append(d)
        ylim, clipped = frame_ylim([d.ylim for d in drawn], room=COMPARE_ROOM)
        for i, (ax, label) in enumerate(zip(axes, labels)):
            ax.set_ylim(*ylim)
            ax.set_xlim(window.xmin, window.xmax)
            _style_axes(ax)
            draw.draw_origin_axes(ax, colors["axis"])
            plain_ticks(ax)
            t = ax.set_title(label + (msg("figure.clipped") if i in clipped else ""), fontsize="medium",
                             fontweight="normal")
            fit_text_width(t, ax.get_window_extent(renderer).width + 0.3 * dpi, renderer)
            if i % cols:
                ax.tick_params(labelleft=False)
            if i + cols < n:
                ax.tick_params(labelbottom=False)
    return fig
