"""Axes-level drawing: functions that draw on a given Axes and return what they made.

:func:`draw_activation` is the one building block of every figure (plot, compare, cheatsheet, and
``actviz.plot(..., ax=...)`` on a caller's Axes): it samples the bound activation
(:func:`~actviz.render.sampling.sample`), draws f solid and f′ dashed, breaks the lines at jumps
instead of drawing false vertical segments, marks asymptotes dotted and shades the saturation
regions. Every artist carries a ``gid`` saying its role (``f``, ``df``, ``asymptote``,
``saturation``, ``jump``), so callers and tests find them through public matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import numerics as nx
from .. import text
from ..messages import msg
from ..options import DEFAULT_WINDOW, Window
from ..spec import Bound
from .sampling import SATURATION, VECTOR_EXAMPLE, Sample, asymptote_spans, fit_ylim, plot_ylim, sample

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "Drawn", "draw_activation", "draw_curve", "draw_asymptotes", "draw_saturation", "draw_origin_axes",
    "draw_vector_bars",
]


@dataclass
class Drawn:
    """What :func:`draw_activation` drew: the artists by role, the sample and the y-range it fits.

    ``df_range`` is (min, max) of f′ when f′ is clipped at the frame (it would swamp f), else None.
    """

    f: Any
    df: Any
    sample: Sample
    ylim: tuple[float, float]
    df_range: tuple[float, float] | None = None
    dax: Any = None  #: the twin Axes (right) f′ is drawn on when it would swamp f, if one was asked for
    asymptotes: list[Any] = field(default_factory=list)
    saturation: list[Any] = field(default_factory=list)
    jumps: list[Any] = field(default_factory=list)


def draw_curve(ax: Axes, x: np.ndarray, y: np.ndarray, **line: Any) -> Any:
    """One line (NaN breaks it); returns the Line2D.

    With a ``color`` it is made directly (``Axes.plot`` parses its arguments and consults the
    colour cycle, a third of the cost of a curve on a 46-panel poster); without, ``Axes.plot``
    picks the next colour of the cycle.
    """
    if "color" not in line:
        (artist,) = ax.plot(x, y, **line)
        return artist
    from matplotlib.lines import Line2D

    return ax.add_line(Line2D(x, y, **line))


def draw_origin_axes(ax: Axes, color: str, linewidth: float = 0.9) -> list[Any]:
    """The x- and y-axes through the origin, as thin lines under the curves."""
    return [
        _full_line(ax, "h", 0.0, color=color, linewidth=linewidth, zorder=1.5),
        _full_line(ax, "v", 0.0, color=color, linewidth=linewidth, zorder=1.5),
    ]


def _full_line(ax: Axes, direction: str, value: float, **line: Any) -> Any:
    """A line across the whole axes at y = value ("h") or x = value ("v"), like axhline/axvline
    but without their autoscaling bookkeeping (the figures set their limits themselves)."""
    from matplotlib.lines import Line2D

    if not line.get("label"):
        line["label"] = "_nolegend_"
    if direction == "h":
        artist = Line2D([0.0, 1.0], [value, value], transform=ax.get_yaxis_transform(), **line)
    else:
        artist = Line2D([value, value], [0.0, 1.0], transform=ax.get_xaxis_transform(), **line)
    return _add(ax, artist)


def _add(ax: Axes, artist: Any) -> Any:
    ax.add_artist(artist)  # add_artist: no data-limit update, the lines span the axes anyway
    artist.set_clip_path(ax.patch)
    return artist


def draw_asymptotes(ax: Axes, spans: Sequence[tuple[float, float, float]], color: str, *,
                    label: str | None = None, linewidth: float = 1.3) -> list[Any]:
    """Dotted horizontal lines, ``(level, x0, x1)`` in data coordinates; only the first carries ``label``."""
    from matplotlib.lines import Line2D

    artists = []
    for i, (level, x0, x1) in enumerate(spans):
        line = Line2D([x0, x1], [level, level], color=color, linestyle=(0, (1.2, 2.2)), linewidth=linewidth,
                      zorder=1.8, label=(label if i == 0 else None) or "_nolegend_", gid="asymptote")
        artists.append(_add(ax, line))
    return artists


def draw_saturation(ax: Axes, smp: Sample, color: str, *, threshold: float = SATURATION,
                    label: str | None = None, alpha: float = 0.18) -> list[Any]:
    """Shade where |f′| < ``threshold``: runs that reach an edge of the range, or wider than 5 % of it."""
    from matplotlib.patches import Rectangle

    finite = np.isfinite(smp.dx)
    x, d = smp.dx[finite], np.abs(smp.dy[finite])
    if x.size < 2:
        return []
    flat = d < threshold
    span = x[-1] - x[0]
    artists = []
    for start, stop in nx.runs(flat):
        a, b = x[start], x[stop - 1]
        touches = start == 0 or stop == x.size
        if (touches and b > a) or (b - a) > 0.05 * span:
            artists.append(_add(ax, Rectangle((a, 0.0), b - a, 1.0, transform=ax.get_xaxis_transform(),
                                              facecolor=color, alpha=alpha, linewidth=0, zorder=0.5,
                                              label=label if not artists else "_nolegend_", gid="saturation")))
    return artists


def draw_activation(
    ax: Axes,
    bound: Bound,
    *,
    window: Window = DEFAULT_WINDOW,
    color: str,
    linestyle: Any = "-",
    derivative: bool = True,
    derivative_color: str | None = None,
    muted: str = "#4d4d4d",
    shade: str | None = None,
    asymptote_lines: bool = True,
    jump_marks: bool = True,
    label: str = "f(x)",
    derivative_label: str = "f\u2032(x)",
    linewidth: float = 2.0,
    set_limits: bool = True,
    gid: str = "",
    twin: bool = False,
    ylim: tuple[float, float] | None = None,
    resolve: bool = False,
) -> Drawn:
    """Draw f (solid) and f′ (dashed) of ``bound`` on ``ax``; return what was drawn.

    ``shade=None`` skips the saturation shading. With ``set_limits`` the axes get the x-range and a
    y-range that fits f (or ``ylim``), and f′ while it widens that range at most
    :data:`DERIVATIVE_ROOM` times. Beyond, f′ goes on a twin axis on the right (``twin=True``,
    ``Drawn.dax``: a nearly constant f′ is drawn, not lost), or is clipped at the frame
    (``Drawn.df_range`` says how far it goes). ``gid`` suffixes the artists' roles (``f:elu``) where
    several functions share an Axes; ``resolve`` samples an oscillating f densely enough for the window.
    """
    tag = f":{gid}" if gid else ""
    smp = sample(bound, window, resolve=resolve)
    f = draw_curve(ax, smp.x, smp.y, color=color, linestyle=linestyle, linewidth=linewidth,
                   label=label, zorder=3, gid="f" + tag)
    # the y-range fits f; f′ joins it only while it widens it at most DERIVATIVE_ROOM times (plot_ylim:
    # the one rule, the terminal's braille plots use it too)
    fitted, swamps = plot_ylim(smp, derivative)
    shared = derivative and (swamps is None or ylim is not None)
    frame = ylim if ylim is not None else fitted
    df, dax, df_range = None, None, None
    if derivative:
        target = ax
        if not shared and twin:
            dax = target = ax.twinx()
            dax.set_autoscale_on(False)
            dax.set_ylim(*fit_ylim(smp.dy))
            dax.set_ylabel(derivative_label, color=derivative_color or color)
            dax.tick_params(axis="y", colors=derivative_color or color)
            dax.spines["right"].set_color(derivative_color or color)
            dax.grid(False)
        df = draw_curve(target, smp.dx, smp.dy, color=derivative_color or color, linestyle=(0, (4.0, 2.2)),
                        linewidth=linewidth * 0.75, label=derivative_label + (msg("figure.right_axis") if dax else ""),
                        zorder=2.6, gid="df" + tag)
        finite = smp.dy[np.isfinite(smp.dy)]
        if dax is None and finite.size and (finite.min() < frame[0] or finite.max() > frame[1]) and not shared:
            df_range = (float(finite.min()), float(finite.max()))
        elif ylim is not None and finite.size and (finite.min() < frame[0] or finite.max() > frame[1]):
            df_range = (float(finite.min()), float(finite.max()))
    jumps = []
    if jump_marks and smp.jumps:
        size = 3.2 + linewidth
        for k, fk, other in smp.jumps:
            jumps.append(draw_curve(ax, [k], [fk], color=color, linestyle="none", marker="o", markersize=size,
                                    zorder=4, gid="jump" + tag))
            jumps.append(draw_curve(ax, [k], [other], color=color, linestyle="none", marker="o",
                                    markerfacecolor=ax.get_facecolor(), markeredgecolor=color,
                                    markeredgewidth=linewidth * 0.7, markersize=size, zorder=4, gid="jump" + tag))
    spans = asymptote_spans(bound, smp, frame) if asymptote_lines else []
    drawn = Drawn(f=f, df=df, sample=smp, ylim=frame, df_range=df_range, jumps=jumps, dax=dax)
    drawn.asymptotes = draw_asymptotes(ax, spans, muted, label=msg("figure.asymptote")) if spans else []
    drawn.saturation = draw_saturation(ax, smp, shade, label=msg("figure.small_slope")) if shade else []
    if set_limits:
        # set_xlim/set_ylim turn autoscaling off anyway; off first, they also skip one autoscale
        # pass over the lines just added (which the limits replace)
        ax.set_autoscale_on(False)
        ax.set_xlim(window.xmin, window.xmax)
        ax.set_ylim(*frame)
    return drawn


def draw_vector_bars(ax: Axes, bound: Bound, *, logits: Sequence[float] = VECTOR_EXAMPLE, color: str,
                     input_color: str, fontsize: float = 9.0) -> dict[str, Any]:
    """Grouped bars: the input logits and the output for them, each value written beyond its bar's end,
    turned along the bar so that it is never wider than the bar (−3.00 cannot run into its neighbour)."""
    z = np.asarray(logits, dtype=np.float64)
    y = bound(z)
    idx = np.arange(z.size)
    width = 0.38
    bars_in = ax.bar(idx - width / 2, z, width, color=input_color, alpha=0.55, label=msg("figure.bar_input"), zorder=2)
    bars_out = ax.bar(idx + width / 2, y, width, color=color, label=msg("figure.bar_output", label=bound.label), zorder=2)
    lo, hi = fit_ylim(z, y, include=(0.0,), pad=0.35)  # room for the labels beyond the longest bars
    texts = []
    for xs, vs in ((idx - width / 2, z), (idx + width / 2, y)):
        for xi, v in zip(xs, vs):
            va = "bottom" if v >= 0 else "top"
            off = 0.02 * (hi - lo) * (1 if v >= 0 else -1)
            texts.append(ax.text(xi, v + off, text.fixed(v, 2), ha="center", va=va, rotation=90,
                                 fontsize=fontsize, zorder=3, gid="bar-label"))
    ax.set_xticks(idx, [f"$x_{i + 1}$" for i in idx])
    ax.set_ylim(lo, hi)
    ax.axhline(0.0, linewidth=0.9, color=input_color, zorder=1.5)
    return {"inputs": bars_in, "outputs": bars_out, "texts": texts, "values": y}
