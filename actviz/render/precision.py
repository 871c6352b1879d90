"""The figure of the precision lens (:mod:`actviz.dtypes`): for each activation (rows) and format (columns),
the error in ULPs against x of the textbook formula and of actviz's stable form, the inputs where a form
gives inf or NaN, and where it starts to overflow or flush to 0.

Both axes are symmetric-logarithmic: x spans the whole format (linear on [−1, 1], decades beyond), the
error is linear up to 1 ULP and logarithmic above. Each curve is the largest error over a narrow band of x
(every input is in some band), so a single bad input is never hidden. Laid out by hand in inches, styles
scoped with :func:`~.style.themed`; words from :func:`actviz.messages.msg`, numbers from :mod:`actviz.text`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .. import text
from ..dtypes import ULP_BOUND
from ..errors import ParameterError
from ..messages import msg
from .propagation import wrap_caption
from .style import BLUE, VERMILLION, new_figure, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..dtypes import FormError, Precision

__all__ = ["precision_figure", "check_precision_figure", "window", "MAX_ROWS", "MAX_PANELS", "BANDS"]

DPI = 150.0
#: the most activations (rows) and panels one figure holds
MAX_ROWS = 6
MAX_PANELS = 18
#: bands of x per panel over which each curve shows the largest error
BANDS = 400
_FORM_COLORS = {"naive": VERMILLION, "stable": BLUE}


def check_precision_figure(activations: int, formats: int) -> None:
    """Refuse a figure too large to read, before any work."""
    if activations > MAX_ROWS or activations * formats > MAX_PANELS:
        raise ParameterError(f"a precision figure holds at most {MAX_ROWS} activations and {MAX_PANELS} panels "
                             f"(activations × formats), not {activations} × {formats}: draw fewer, or leave out "
                             "--output for the table alone")


def _u(x: np.ndarray) -> np.ndarray:
    """The symmetric-log coordinate in which the bands are equal: sign(x)·log10(1 + |x|)."""
    return np.sign(x) * np.log10(1.0 + np.abs(x))


def _envelope(x: np.ndarray, err: np.ndarray, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per band: the x of its largest finite error and that error (NaN where none), and whether any input in
    it is non-finite (error inf)."""
    band = np.clip(np.searchsorted(edges, _u(x), side="right") - 1, 0, edges.size - 2)
    finite = np.isfinite(err)
    worst = np.full(edges.size - 1, -1.0)
    np.maximum.at(worst, band[finite], err[finite])
    at = np.full(edges.size - 1, np.nan)
    hit = finite & (err == worst[band])
    at[band[hit]] = x[hit]
    bad = np.zeros(edges.size - 1, dtype=bool)
    bad[band[np.isinf(err)]] = True
    return at, np.where(worst >= 0, worst, np.nan), bad


def _x_ticks(limit: float) -> list[float]:
    top = int(math.floor(math.log10(limit)))
    step = 1 if top <= 4 else 2 if top <= 8 else 5 if top <= 20 else 10
    powers = [10.0 ** k for k in range(0 if top <= 6 else step, top + 1, step)]  # ±1 crowd 0 on a wide axis
    return sorted({0.0, *powers, *(-p for p in powers)})


def _tick_label(v: float) -> str:
    if v == 0:
        return "0"
    k = round(math.log10(abs(v)))
    sign = "−" if v < 0 else ""
    return f"{sign}1" if k == 0 else f"{sign}10" if k == 1 else f"{sign}$10^{{{k}}}$"


def window(results: Sequence[Precision]) -> float:
    """The half-width of x shown for these results (one format): a power of 10 at least 4× beyond every
    input where a form is more than 1 ULP off, and every overflow and flush point; 10 at least, the format's
    largest value at most."""
    reach = 1.0
    for r in results:
        for e in (r.naive, r.stable):
            off = r.inputs[np.isfinite(e.ulp) & (e.ulp > 1.0)]
            reach = max(reach, float(np.abs(off).max()) if off.size else 0.0,
                        *(abs(v) for v in (e.overflow_at, e.flush_at) if v is not None))
    return min(max(10.0 ** math.ceil(math.log10(4.0 * reach)), 10.0), results[0].format.max)


def _panel(ax: Axes, r: Precision, top: float, limit: float, colors: dict[str, str]) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    inside = np.abs(r.inputs) <= limit
    edges = np.linspace(-_u(np.array(limit)), _u(np.array(limit)), BANDS + 1)
    centres = 0.5 * (edges[:-1] + edges[1:])
    centres = np.sign(centres) * (10.0 ** np.abs(centres) - 1.0)
    decades = int(round(math.log10(top)))
    step = 1 if decades <= 5 else 2 if decades <= 10 else 5
    band = top * 10.0 ** step  # where inf/NaN are marked: a tick step above the largest finite error
    for e in (r.naive, r.stable):
        color = _FORM_COLORS[e.kind]
        at, worst, bad = _envelope(r.inputs[inside], e.ulp[inside], edges)
        at = np.where(np.isfinite(at), at, centres)  # a band without a finite error breaks the line
        ax.plot(at, worst, color=color, linewidth=1.2, zorder=3 if e.kind == "stable" else 2, gid=f"error:{e.kind}")
        if bad.any():  # the textbook form's marks a little above actviz's, so that neither hides the other
            level = band * (1.4 if e.kind == "naive" else 1 / 1.4)
            ax.plot(centres[bad], np.full(int(bad.sum()), level), linestyle="none", marker="x", markersize=3.5,
                    color=color, markeredgewidth=0.9, zorder=4, gid=f"nonfinite:{e.kind}")
        _mark(ax, e, color, limit, colors["background"], float(r.inputs[r.inputs > 0].min()))
    ax.axhline(ULP_BOUND, color=colors["muted"], linewidth=0.8, linestyle=(0, (4, 3)), zorder=1, gid="bound")
    ax.set_xscale("symlog", linthresh=1.0, linscale=0.6)
    ax.set_yscale("symlog", linthresh=1.0, linscale=0.6)
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-0.3, band * 3.0)  # a curve at 0 ULP shows above the frame
    ax.xaxis.set_major_locator(FixedLocator(_x_ticks(limit)))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _tick_label(v)))
    ticks = [0.0, *([1.0] if decades <= 10 else []), *(10.0 ** k for k in range(step, decades + 1, step))]
    ax.yaxis.set_major_locator(FixedLocator([*ticks, band]))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(
        lambda v, _: msg("precision.fig_nonfinite") if v == band else _tick_label(v) if v >= 10 else f"{v:g}"))
    ax.tick_params(labelsize=7.5)
    ax.grid(True, axis="y", color=colors["grid"], linewidth=0.6)


def _mark(ax: Axes, e: FormError, color: str, limit: float, halo: str, smallest: float) -> None:
    """Dotted lines where the form starts to overflow (x > 0) and where its flushed tail starts, labelled
    beside the line (the textbook form's on its right, actviz's on its left, so that two close lines' labels
    do not overlap)."""
    from matplotlib import patheffects

    side = 1 if e.kind == "naive" else -1
    for x, key in ((e.overflow_at, "precision.fig_overflow"), (e.flush_at, "precision.fig_flush")):
        if x is None or abs(x) > limit or (key.endswith("overflow") and x == smallest):
            continue  # (inf/NaN from the smallest x > 0 on: the marks say so, a line at 0 would not)
        ax.axvline(x, color=color, linewidth=0.9, linestyle=(0, (1, 2)), zorder=2, gid=f"{key.split('_')[-1]}:{e.kind}")
        ax.annotate(msg(key, x=text.number(x)), xy=(x, 0.5), xycoords=("data", "axes fraction"),
                    xytext=(2 * side, 0), textcoords="offset points", fontsize=6.5, color=color,
                    ha="left" if side > 0 else "right", va="center", rotation=90, gid=f"label:{key}:{e.kind}",
                    path_effects=[patheffects.withStroke(linewidth=2.2, foreground=halo)], zorder=5)


def precision_figure(results: Sequence[Precision], *, theme: str = "light", dpi: float = DPI) -> Figure:
    """The errors of each form, an activation per row and a format per column."""
    from matplotlib.lines import Line2D

    results = list(results)
    if not results:
        raise ValueError("precision_figure needs at least one Precision")
    rows = list(dict.fromkeys(r.bound for r in results))
    cols = list(dict.fromkeys(r.format for r in results))
    check_precision_figure(len(rows), len(cols))
    cell = {(r.bound, r.format): r for r in results}
    limits = {f: window([r for r in results if r.format == f]) for f in cols}
    colors = theme_colors(theme)
    panel_w, panel_h, left, right, gap_x, gap_y = 3.1, 2.0, 0.8, 0.25, 0.75, 0.62
    width = max(left + right + len(cols) * panel_w + (len(cols) - 1) * gap_x, 6.4)
    panel_w = (width - left - right - (len(cols) - 1) * gap_x) / len(cols)
    grid_h = len(rows) * panel_h + (len(rows) - 1) * gap_y
    with themed(theme):
        fig = new_figure((width, grid_h + 3.0), dpi=dpi)
        renderer = fig.canvas.get_renderer()
        inner = (width - left - right) * fig.dpi
        title = fig.text(left / width, 1.0, msg("precision.fig_title"), fontsize=11.5, fontweight="bold",
                         ha="left", va="top", gid="title")
        wrap_caption(title, inner, renderer)
        handles = [Line2D([], [], color=VERMILLION, linewidth=1.4), Line2D([], [], color=BLUE, linewidth=1.4),
                   Line2D([], [], color=colors["muted"], linestyle="none", marker="x", markersize=4.5),
                   Line2D([], [], color=colors["muted"], linewidth=0.8, linestyle=(0, (4, 3)))]
        labels = [msg("precision.fig_naive"), msg("precision.fig_stable"), msg("precision.fig_nonfinite_key"),
                  msg("precision.fig_bound", bound=text.number(ULP_BOUND))]
        for ncol in (4, 2, 1):  # one row where it fits
            legend = fig.legend(handles, labels, loc="upper left", ncol=ncol, frameon=False, fontsize=8,
                                handlelength=1.8, columnspacing=1.4, borderaxespad=0.0, borderpad=0.0)
            if legend.get_window_extent(renderer).width <= inner or ncol == 1:
                break
            legend.remove()
        caption = fig.text(left / width, 0.0, msg("precision.fig_caption", bound=text.number(ULP_BOUND)),
                           fontsize=7.5, color=colors["muted"], ha="left", va="bottom", gid="caption")
        wrap_caption(caption, inner, renderer)
        title_h = title.get_window_extent(renderer).height / fig.dpi
        legend_h = legend.get_window_extent(renderer).height / fig.dpi
        head = 0.15 + title_h + 0.15 + legend_h + 0.5  # the panels' titles sit in the last 0.5 in
        foot = caption.get_window_extent(renderer).height / fig.dpi + 0.55
        height = head + grid_h + foot
        fig.set_size_inches(width, height)
        title.set_position((left / width, 1.0 - 0.15 / height))
        legend.set_bbox_to_anchor((left / width, 1.0 - (0.3 + title_h) / height), transform=fig.transFigure)
        caption.set_position((left / width, 0.15 / height))
        for i, b in enumerate(rows):
            for j, f in enumerate(cols):
                r = cell.get((b, f))
                x0 = left + j * (panel_w + gap_x)
                y0 = height - head - (i + 1) * panel_h - i * gap_y
                ax = fig.add_axes((x0 / width, y0 / height, panel_w / width, panel_h / height))
                if r is None:
                    ax.set_axis_off()
                    continue
                finite = [v for e in (r.naive, r.stable) for v in e.ulp[np.isfinite(e.ulp)]]
                top = max(10.0, max(finite, default=1.0))
                _panel(ax, r, 10.0 ** math.ceil(math.log10(top)), limits[f], colors)
                ax.set_title(f"{text.spec_label(r.bound)} · {r.format.name}" + (" (FTZ)" if r.format.ftz else ""),
                             loc="left", fontsize=9, fontweight="bold", pad=4)
                if j == 0:
                    ax.set_ylabel(msg("precision.fig_ylabel"), fontsize=8)
                if i == len(rows) - 1:
                    ax.set_xlabel("x", fontsize=8, labelpad=1)
    return fig
