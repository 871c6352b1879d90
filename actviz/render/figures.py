"""The ``plot`` and ``compare`` figures, composed from the axes-level functions of :mod:`.draw`.

Figures are ``matplotlib.figure.Figure`` objects on an Agg canvas (pyplot only when the user
asks for a window), laid out by hand in inches, so no layout engine runs. Check the user's
numbers with :func:`check_range` and :func:`check_dpi` before building anything.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ActvizError
from ..spec import Activation, Value
from . import draw
from .style import check_theme, curve_styles, new_figure, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "MIN_POINTS", "MAX_POINTS", "MIN_DPI", "MAX_DPI", "MAX_ABS_X", "check_range", "check_dpi",
    "plot_figure", "compare_figure", "make_figure", "show_figure", "fit_text_width",
    "MAX_ABS_VALUE", "check_values", "MAX_COMPARE", "check_compare_count", "COMPARE_ROOM",
]

MIN_POINTS, MAX_POINTS = 10, 100_000
MIN_DPI, MAX_DPI = 20, 600
MAX_ABS_X = 1e9


def check_range(xmin: float, xmax: float, points: int) -> None:
    """Refuse a non-finite, empty or absurd x-range or number of points."""
    for flag, value in (("--xmin", xmin), ("--xmax", xmax)):
        if not math.isfinite(value) or abs(value) > MAX_ABS_X:
            raise ActvizError(f"{flag} {value!r} is not usable: give a finite number between "
                              f"-{MAX_ABS_X:g} and {MAX_ABS_X:g}")
    if not xmin < xmax:
        raise ActvizError(f"--xmin {xmin:g} must be smaller than --xmax {xmax:g}")
    if (xmax - xmin) < 1e-9 * max(1.0, abs(xmin), abs(xmax)):
        raise ActvizError(f"the x-range [{xmin:g}, {xmax:g}] is too narrow to plot")
    if not MIN_POINTS <= points <= MAX_POINTS:
        raise ActvizError(f"--points {points} is out of range: use {MIN_POINTS} to {MAX_POINTS}")


def check_dpi(dpi: float) -> None:
    """Refuse a dpi that would make an unreadable or memory-exhausting image."""
    if not (math.isfinite(dpi) and MIN_DPI <= dpi <= MAX_DPI):
        raise ActvizError(f"--dpi {dpi:g} is out of range: use {MIN_DPI} to {MAX_DPI}")


#: the most curves compare overlays: its legend holds this many entries, and more is no comparison
MAX_COMPARE = 24
#: compare clips a curve at the frame when it would widen the others' y-range more than this many times
COMPARE_ROOM = 10.0


def check_compare_count(n: int) -> None:
    """Refuse more curves than the compare figure can label."""
    if n > MAX_COMPARE:
        raise ActvizError(f"compare draws at most {MAX_COMPARE} activations, {n} were given; "
                          "use 'actviz cheatsheet SPEC...' for a panel per activation")


#: the largest |f| or |f′| a figure draws; beyond it matplotlib's own arithmetic overflows
MAX_ABS_VALUE = 1e100


def check_values(specs: Sequence[tuple[Activation, Mapping[str, Value]]], xmin: float, xmax: float,
                 points: int, *, hint: str = "use smaller parameters or a narrower --xmin/--xmax") -> None:
    """Refuse parameters for which f or f′ is not finite, or too large to draw, on [xmin, xmax].

    Each curve is sampled exactly as it will be drawn (float warnings off: only the values
    count), so a figure that passes never meets an overflow while drawing.
    """
    import numpy as np

    for act, params in specs:
        with np.errstate(all="ignore"):
            smp = draw.sample(act, params, xmin, xmax, points)
        for what, x, values in (("f", smp.x, smp.y), ("f′", smp.dx, smp.dy)):
            on = np.isfinite(x)  # NaN in x marks a deliberate break at a jump
            bad = on & ~(np.abs(values) <= MAX_ABS_VALUE)
            if bad.any():
                at = float(x[np.argmax(bad)])
                value = float(values[np.argmax(bad)])
                extra = act.non_defaults(params)
                shown = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in extra.items())
                label = f"{act.name} ({shown})" if extra else act.name
                problem = f"is {value:.3g}" if math.isfinite(value) else "overflows float64"
                raise ActvizError(f"{label}: {what}({at:g}) {problem}, too large to draw (limit ±{MAX_ABS_VALUE:g}); "
                                  f"{hint}")


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


def _style_axes(ax: Any, colors: Mapping[str, str]) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=3.5, width=0.7)
    ax.margins(x=0)


# -- plot --------------------------------------------------------------------------------------


def plot_figure(
    act: Activation,
    params: Mapping[str, Value] | None = None,
    *,
    xmin: float = -5.0,
    xmax: float = 5.0,
    points: int = 1000,
    derivative: bool = True,
    theme: str = "light",
    dpi: float = 150,
    pyplot: bool = False,
) -> Figure:
    """One activation: f solid, f′ dashed, asymptotes dotted, saturation shaded, formula on top.

    A vector activation gets two panels: bars of input and output for (3, 1, −3), and the first
    component as the first logit varies. Make and save it inside ``themed(theme)``.
    """
    check_theme(theme)
    check_range(xmin, xmax, points)
    check_dpi(dpi)
    params = act.resolve(params or {})
    colors = theme_colors(theme)
    with themed(theme):
        fig = make_figure((7.2, 5.0 if derivative else 4.8), dpi, pyplot=pyplot)
        width, height = fig.get_size_inches()
        color = curve_styles([act.name], theme)[0]["color"]
        # header: title, formula (and derivative formula), centred and stacked by their real heights
        renderer = fig.canvas.get_renderer()
        lines = [(draw.title_text(act, params), 14.0, "bold"), (draw.formula_math(act, display=True), 11.5, "normal")]
        if derivative:
            lines.append((draw.derivative_formula_math(act, display=True), 11.5, "normal"))
        header = height - stack_header(fig, lines, height - 0.18, renderer) + (0.42 if act.vector else 0.12)
        bottom, left, right = 0.62, 0.78, 0.3
        ax_height = height - header - bottom
        if act.vector:
            bars = fig.add_axes(_inches(fig, left, bottom, 2.2, ax_height))
            _style_axes(bars, colors)
            draw.draw_vector_bars(bars, act, params, color=color, input_color=colors["muted"], fontsize=8.5)
            bars.set_title("example x = (3, 1, \u22123)", fontsize=10, fontweight="normal")
            bars.legend(loc="lower left", fontsize=8)
            bars.grid(axis="x", visible=False)
            ax = fig.add_axes(_inches(fig, left + 2.2 + 0.75, bottom, width - left - 2.95 - right, ax_height))
        else:
            ax = fig.add_axes(_inches(fig, left, bottom, width - left - right, ax_height))
        _style_axes(ax, colors)
        art = draw.draw_activation(
            ax, act, params, xmin=xmin, xmax=xmax, points=points, color=color, derivative=derivative,
            derivative_color=colors["muted"], muted=colors["muted"], shade=colors["shade"],
            label="$f_1(x)$" if act.vector else "f(x)",
            derivative_label="$\\partial f_1/\\partial x_1$" if act.vector else "f\u2032(x)",
        )
        draw.draw_origin_axes(ax, colors["axis"])
        if art["df_range"] is not None:  # f′ clipped at the frame: the legend says how far it goes
            lo, hi = art["df_range"]
            art["df"].set_label(f"{art['df'].get_label()}, clipped: "
                                f"{draw.format_number(lo)} to {draw.format_number(hi)}")
        if act.vector:
            ax.set_title(draw.vector_note(), fontsize=10, fontweight="normal")
            ax.set_xlabel("$x_1$")
            x1 = draw.VECTOR_EXAMPLE[0]
            if xmin <= x1 <= xmax:
                y1 = float(draw.sample(act, params, x1, x1 + 1, 10).y[0])
                ax.plot([x1], [y1], "o", color=color, markersize=5, zorder=4)
                ax.annotate(f"{y1:.2f}".replace("-", "\u2212"), (x1, y1), textcoords="offset points",
                            xytext=(6, -12), fontsize=9)
        else:
            ax.set_xlabel("x")
        ax.legend(loc="best", fontsize=9)
        fig._actviz = art  # the drawn artists, for tests and callers  # noqa: SLF001
    return fig


# -- compare -----------------------------------------------------------------------------------


def compare_figure(
    specs: Sequence[tuple[Activation, Mapping[str, Value]]],
    *,
    xmin: float = -5.0,
    xmax: float = 5.0,
    points: int = 1000,
    derivative: bool = True,
    theme: str = "light",
    dpi: float = 150,
    pyplot: bool = False,
) -> Figure:
    """Several activations overlaid (top) and their derivatives (bottom, sharing x).

    Every curve keeps its activation's colour; repeats (``elu:alpha=0.5 elu:alpha=2``) differ in
    shade and dash pattern. The legend names the parameters.
    """
    if not specs:
        raise ActvizError("compare needs at least one activation, e.g. 'actviz compare relu gelu'")
    check_compare_count(len(specs))
    check_theme(theme)
    check_range(xmin, xmax, points)
    check_dpi(dpi)
    resolved = [(act, act.resolve(params)) for act, params in specs]
    colors = theme_colors(theme)
    styles = curve_styles([act.name for act, _ in resolved], theme)
    labels = [draw.title_text(act, p) + (" [component 1]" if act.vector else "") for act, p in resolved]
    note = 0.25 if any(act.vector for act, _ in resolved) else 0.0  # room for the component-1 note
    with themed(theme):
        width = 8.6
        height = (6.6 if derivative else 4.4) + note
        fig = make_figure((width, height), dpi, pyplot=pyplot)
        names = ", ".join(dict.fromkeys(act.label for act, _ in resolved))
        title = fig.text(0.5, (height - 0.2) / height, f"Activation functions compared: {names}"
                         if len(resolved) > 1 else f"{labels[0]}", ha="center", va="top",
                         fontsize=13, fontweight="bold")
        renderer = fig.canvas.get_renderer()
        fit_text_width(title, (width - 0.4) * dpi, renderer)
        header, bottom, left, gap = 0.62, 0.6 + note, 0.78, 0.35
        panel_h = (height - header - bottom - (gap if derivative else 0)) / (1.65 if derivative else 1.0)
        top_h = panel_h * (1.0 if not derivative else 1.0)
        ax = fig.add_axes(_inches(fig, left, height - header - top_h, 5.0, top_h))
        axes = [ax]
        if derivative:
            low_h = panel_h * 0.65
            axd = fig.add_axes(_inches(fig, left, bottom, 5.0, low_h), sharex=ax)
            axes.append(axd)
        lines, dlines, ylims, dylims = [], [], [], []
        for i, ((act, p), st, label) in enumerate(zip(resolved, styles, labels)):
            lw = max(1.4, 2.6 - 0.2 * i)  # later curves thinner and on top: overlaps stay visible
            art = draw.draw_activation(ax, act, p, xmin=xmin, xmax=xmax, points=points, color=st["color"],
                                       linestyle=st["linestyle"], derivative=False, asymptote_lines=False,
                                       shade=None, label=label, set_limits=False, linewidth=lw)
            lines.append(art["f"])
            ylims.append(art["ylim"])
            if derivative:
                smp = art["sample"]
                dlines.append(draw.draw_curve(axd, smp.dx, smp.dy, color=st["color"], linestyle=st["linestyle"],
                                              linewidth=lw, label=label, zorder=3 + 0.01 * i))
                dylims.append(draw.fit_ylim(smp.dy))
        ax.set_xlim(xmin, xmax)
        # a curve that would shrink the others to a tenth is clipped at the frame, with a note
        ylim, clipped = draw.frame_ylim(ylims, room=COMPARE_ROOM)
        ax.set_ylim(*ylim)
        ax.set_ylabel("f(x)")
        for a in axes:
            _style_axes(a, colors)
            draw.draw_origin_axes(a, colors["axis"])
        if derivative:
            dylim, dclipped = draw.frame_ylim(dylims, room=COMPARE_ROOM)
            axd.set_ylim(*dylim)
            axd.set_ylabel("f\u2032(x)")
            axd.set_xlabel("x")
            ax.tick_params(labelbottom=False)
        else:
            ax.set_xlabel("x")
        if note:
            fig.text(0.5, 0.012, "[component 1]: " + draw.vector_note(), ha="center", va="bottom", fontsize=8.5)
        legend = ax.legend(handles=lines, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
                           fontsize=9)
        # a clipped curve is named under the legend (f) or beside the derivative panel (f′)
        notes = []
        for a, which, what in ((ax, clipped, "f"), (axd if derivative else None, dclipped if derivative else [], "f\u2032")):
            if which:
                text = f"{what} clipped at the frame\n(grows much faster):\n" + "\n".join(labels[i] for i in which)
                at = (1.02, 1.0) if a is not ax else (1.02, 0.97 - legend.get_window_extent(renderer).height
                                                      / a.get_window_extent(renderer).height)
                notes.append(a.text(*at, text, transform=a.transAxes, ha="left", va="top", fontsize=8.5,
                                    color=colors["muted"]))
        # give the plot all the width the legend leaves free
        legend_w = max([legend.get_window_extent(renderer).width]
                       + [n.get_window_extent(renderer).width for n in notes]) / dpi
        plot_w = max(3.0, width - left - 0.2 - 0.25 - legend_w)
        for a in axes:
            x0, y0, _, h = a.get_position().bounds
            a.set_position((x0, y0, plot_w / width, h))
        fig._actviz = {"f": lines, "df": dlines, "labels": labels, "clipped": clipped,  # noqa: SLF001
                       "df_clipped": dclipped if derivative else [], "notes": notes}
    return fig
