"""The ``plot`` and ``compare`` figures, composed from the axes-level functions of :mod:`.draw`.

Figures are ``matplotlib.figure.Figure`` objects on an Agg canvas (pyplot only when the command
line asks for a window), laid out by hand in inches, so no layout engine runs. Every style is
scoped (:func:`~.style.themed`) or set on the artists: matplotlib's global state is untouched.
The functions take bound activations and validated options; :mod:`actviz.api` is the public face.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import text
from ..spec import Bound
from . import draw
from .sampling import (
    COMPARE_ROOM,
    MAX_COMPARE,
    VECTOR_EXAMPLE,
    check_compare_count,
    check_values,
    check_window,
    fit_ylim,
    frame_ylim,
    sample,
    vector_note,
)
from .style import check_dpi, check_theme, curve_styles, new_figure, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "plot_figure", "plot_on", "compare_figure", "compare_on", "make_figure", "show_figure", "fit_text_width",
    "MAX_COMPARE", "check_compare_count", "COMPARE_ROOM", "stack_header",
]

def _check(bounds: Sequence[Bound], xmin: float, xmax: float, points: int, theme: str, dpi: float | None) -> None:
    """Every option, then every curve's values, before anything is drawn."""
    check_theme(theme)
    check_window(xmin, xmax, points)
    if dpi is not None:
        check_dpi(dpi)
    check_values(bounds, xmin, xmax, points)


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


def stack_header(fig: Figure, lines: Sequence[tuple[str, float, str]], top: float, renderer: Any,
                 *, gap: float = 0.12, margin: float = 0.2) -> float:
    """Centred lines of (text, fontsize, weight) from ``top`` (inches) down, each shrunk to fit the
    width and placed by its measured height; return the bottom of the last line, in inches."""
    width, height = fig.get_size_inches()
    dpi = fig.dpi
    y = top
    for text, size, weight in lines:
        artist = fig.text(0.5, y / height, text, ha="center", va="top", fontsize=size, fontweight=weight)
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


def _draw_plot(ax: Axes, bound: Bound, *, xmin: float, xmax: float, points: int, derivative: bool, theme: str,
               color: str) -> draw.Drawn:
    """f, f′, asymptotes, saturation, origin axes and legend of one activation on ``ax``."""
    colors = theme_colors(theme)
    label, dlabel = _curve_labels(bound)
    drawn = draw.draw_activation(
        ax, bound, xmin=xmin, xmax=xmax, points=points, color=color, derivative=derivative,
        derivative_color=colors["muted"], muted=colors["muted"], shade=colors["shade"], label=label,
        derivative_label=dlabel,
    )
    draw.draw_origin_axes(ax, colors["axis"])
    if drawn.df_range is not None:  # f′ clipped at the frame: the legend says how far it goes
        lo, hi = drawn.df_range
        drawn.df.set_label(f"{drawn.df.get_label()}, clipped: {text.number(lo)} to {text.number(hi)}")
    if bound.vector:
        x1 = VECTOR_EXAMPLE[0]
        if xmin <= x1 <= xmax:
            y1 = float(sample(bound, x1, x1 + 1, 10).y[0])
            draw.draw_curve(ax, [x1], [y1], color=color, linestyle="none", marker="o", markersize=5, zorder=4,
                            gid="example")
            ax.annotate(text.fixed(y1, 2), (x1, y1), textcoords="offset points", xytext=(6, -12), fontsize=9)
        ax.set_xlabel("$x_1$")
    else:
        ax.set_xlabel("x")
    ax.legend(loc="best", fontsize=9)
    return drawn


def plot_on(ax: Axes, bound: Bound, *, xmin: float = -5.0, xmax: float = 5.0, points: int = 1000,
            derivative: bool = True, theme: str = "light") -> Axes:
    """Draw one activation on the caller's Axes (curves, asymptotes, shading, legend, title, limits);
    the Axes' own style (spines, grid, fonts) is left as the caller made it."""
    _check([bound], xmin, xmax, points, theme, None)
    _draw_plot(ax, bound, xmin=xmin, xmax=xmax, points=points, derivative=derivative, theme=theme,
               color=curve_styles([bound.name], theme)[0]["color"])
    ax.set_title(text.title(bound))
    return ax


def plot_figure(bound: Bound, *, xmin: float = -5.0, xmax: float = 5.0, points: int = 1000,
                derivative: bool = True, theme: str = "light", dpi: float = 150, pyplot: bool = False) -> Figure:
    """One activation: f solid, f′ dashed, asymptotes dotted, saturation shaded, formula on top.

    A vector activation gets two panels: bars of input and output for (3, 1, −3), and the first
    component as the first logit varies.
    """
    _check([bound], xmin, xmax, points, theme, dpi)
    colors = theme_colors(theme)
    act = bound.act
    with themed(theme):
        fig = make_figure((7.2, 5.0 if derivative else 4.8), dpi, pyplot=pyplot)
        width, height = fig.get_size_inches()
        color = curve_styles([bound.name], theme)[0]["color"]
        # header: title, formula (and derivative formula), centred and stacked by their real heights
        renderer = fig.canvas.get_renderer()
        lines = [(text.title(bound), 14.0, "bold"), (text.formula_math(act, display=True), 11.5, "normal")]
        if derivative:
            lines.append((text.derivative_formula_math(act, display=True), 11.5, "normal"))
        header = height - stack_header(fig, lines, height - 0.18, renderer) + (0.42 if act.vector else 0.12)
        bottom, left, right = 0.62, 0.78, 0.3
        ax_height = height - header - bottom
        if act.vector:
            bars = fig.add_axes(_inches(fig, left, bottom, 2.2, ax_height))
            _style_axes(bars)
            draw.draw_vector_bars(bars, bound, color=color, input_color=colors["muted"], fontsize=8.5)
            bars.set_title("example x = (3, 1, \u22123)", fontsize=10, fontweight="normal")
            bars.legend(loc="lower left", fontsize=8)
            bars.grid(axis="x", visible=False)
            ax = fig.add_axes(_inches(fig, left + 2.2 + 0.75, bottom, width - left - 2.95 - right, ax_height))
        else:
            ax = fig.add_axes(_inches(fig, left, bottom, width - left - right, ax_height))
        _style_axes(ax)
        _draw_plot(ax, bound, xmin=xmin, xmax=xmax, points=points, derivative=derivative, theme=theme, color=color)
        if act.vector:
            ax.set_title(vector_note(), fontsize=10, fontweight="normal")
    return fig


# -- compare -----------------------------------------------------------------------------------


def _compare_labels(bounds: Sequence[Bound]) -> list[str]:
    return [text.title(b) + (" [component 1]" if b.vector else "") for b in bounds]


def _draw_compare(ax: Axes, axd: Axes | None, bounds: Sequence[Bound], *, xmin: float, xmax: float, points: int,
                  theme: str) -> tuple[list[Any], list[int], list[int]]:
    """The curves (and derivatives on ``axd``) of ``bounds`` with their limits; returns the f lines
    and the indices of the curves clipped at the frame (f, f′)."""
    styles = curve_styles([b.name for b in bounds], theme)
    labels = _compare_labels(bounds)
    lines, ylims, dylims = [], [], []
    for i, (bound, st, label) in enumerate(zip(bounds, styles, labels)):
        lw = max(1.4, 2.6 - 0.2 * i)  # later curves thinner and on top: overlaps stay visible
        drawn = draw.draw_activation(ax, bound, xmin=xmin, xmax=xmax, points=points, color=st["color"],
                                     linestyle=st["linestyle"], derivative=False, asymptote_lines=False,
                                     shade=None, label=label, set_limits=False, linewidth=lw, gid=str(i))
        lines.append(drawn.f)
        ylims.append(drawn.ylim)
        if axd is not None:
            smp = drawn.sample
            draw.draw_curve(axd, smp.dx, smp.dy, color=st["color"], linestyle=st["linestyle"], linewidth=lw,
                            label=label, zorder=3 + 0.01 * i, gid=f"df:{i}")
            dylims.append(fit_ylim(smp.dy))
    ax.set_autoscale_on(False)
    ax.set_xlim(xmin, xmax)
    # a curve that would shrink the others to a tenth is clipped at the frame, with a note
    ylim, clipped = frame_ylim(ylims, room=COMPARE_ROOM)
    ax.set_ylim(*ylim)
    dclipped: list[int] = []
    if axd is not None:
        axd.set_autoscale_on(False)
        axd.set_xlim(xmin, xmax)
        dylim, dclipped = frame_ylim(dylims, room=COMPARE_ROOM)
        axd.set_ylim(*dylim)
    return lines, clipped, dclipped


def _clip_note(what: str, labels: Sequence[str], which: Sequence[int]) -> str:
    return f"{what} clipped at the frame\n(grows much faster):\n" + "\n".join(labels[i] for i in which)


def compare_on(ax: Axes, bounds: Sequence[Bound], *, dax: Axes | None = None, xmin: float = -5.0,
               xmax: float = 5.0, points: int = 1000, theme: str = "light") -> Axes:
    """Overlay ``bounds`` on the caller's Axes (and their derivatives on ``dax``, if given), with a
    legend; a clipped curve is named in its legend entry."""
    check_compare_count(len(bounds))
    _check(bounds, xmin, xmax, points, theme, None)
    lines, clipped, dclipped = _draw_compare(ax, dax, bounds, xmin=xmin, xmax=xmax, points=points, theme=theme)
    for i in clipped:
        lines[i].set_label(lines[i].get_label() + " (clipped)")
    ax.legend(handles=lines, loc="best", fontsize=9)
    if dax is not None:
        for line in dax.get_lines():
            gid = line.get_gid() or ""
            if gid.startswith("df:") and int(gid[3:]) in dclipped:
                line.set_label(line.get_label() + " (clipped)")
    return ax


def compare_figure(bounds: Sequence[Bound], *, xmin: float = -5.0, xmax: float = 5.0, points: int = 1000,
                   derivative: bool = True, theme: str = "light", dpi: float = 150, pyplot: bool = False) -> Figure:
    """Several activations overlaid (top) and their derivatives (bottom, sharing x).

    Every curve keeps its activation's colour; repeats (``elu:alpha=0.5 elu:alpha=2``) differ in
    shade and dash pattern. The legend names the parameters; a curve that would widen the others'
    y-range more than :data:`COMPARE_ROOM` times is clipped at the frame and named in a note
    (``gid`` ``clip-note``).
    """
    check_compare_count(len(bounds))
    _check(bounds, xmin, xmax, points, theme, dpi)
    colors = theme_colors(theme)
    labels = _compare_labels(bounds)
    note = 0.25 if any(b.vector for b in bounds) else 0.0  # room for the component-1 note
    with themed(theme):
        width = 8.6
        height = (6.6 if derivative else 4.4) + note
        fig = make_figure((width, height), dpi, pyplot=pyplot)
        names = ", ".join(dict.fromkeys(b.label for b in bounds))
        title = fig.text(0.5, (height - 0.2) / height, f"Activation functions compared: {names}"
                         if len(bounds) > 1 else f"{labels[0]}", ha="center", va="top",
                         fontsize=13, fontweight="bold")
        renderer = fig.canvas.get_renderer()
        fit_text_width(title, (width - 0.4) * dpi, renderer)
        header, bottom, left, gap = 0.62, 0.6 + note, 0.78, 0.35
        panel_h = (height - header - bottom - (gap if derivative else 0)) / (1.65 if derivative else 1.0)
        ax = fig.add_axes(_inches(fig, left, height - header - panel_h, 5.0, panel_h))
        axes = [ax]
        axd = None
        if derivative:
            axd = fig.add_axes(_inches(fig, left, bottom, 5.0, panel_h * 0.65), sharex=ax)
            axes.append(axd)
        lines, clipped, dclipped = _draw_compare(ax, axd, bounds, xmin=xmin, xmax=xmax, points=points, theme=theme)
        ax.set_ylabel("f(x)")
        for a in axes:
            _style_axes(a)
            draw.draw_origin_axes(a, colors["axis"])
        if axd is not None:
            axd.set_ylabel("f\u2032(x)")
            axd.set_xlabel("x")
            ax.tick_params(labelbottom=False)
        else:
            ax.set_xlabel("x")
        if note:
            fig.text(0.5, 0.012, "[component 1]: " + vector_note(), ha="center", va="bottom", fontsize=8.5)
        legend = ax.legend(handles=lines, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
                           fontsize=9)
        # a clipped curve is named under the legend (f) or beside the derivative panel (f′)
        notes = []
        for a, which, what in ((ax, clipped, "f"), (axd, dclipped, "f\u2032")):
            if a is not None and which:
                at = (1.02, 1.0) if a is not ax else (1.02, 0.97 - legend.get_window_extent(renderer).height
                                                      / a.get_window_extent(renderer).height)
                notes.append(a.text(*at, _clip_note(what, labels, which), transform=a.transAxes, ha="left",
                                    va="top", fontsize=8.5, color=colors["muted"], gid="clip-note"))
        # give the plot all the width the legend leaves free
        legend_w = max([legend.get_window_extent(renderer).width]
                       + [n.get_window_extent(renderer).width for n in notes]) / dpi
        plot_w = max(3.0, width - left - 0.2 - 0.25 - legend_w)
        for a in axes:
            x0, y0, _, h = a.get_position().bounds
            a.set_position((x0, y0, plot_w / width, h))
    return fig
