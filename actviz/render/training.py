"""Figures for activations at work: trained networks (:func:`train_figure`) and zig-zag weight
paths (:func:`zigzag_figure`).

Each function takes the results computed by :mod:`actviz.training`, builds a Figure in the house
style (Figure API, no pyplot state, laid out by hand in inches) and returns it. Every activation
keeps its stable colour from :mod:`.style`: the frame of its decision-region map and its curves.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .. import text
from ..messages import msg
from ..numerics import sigmoid
from ..options import check_count
from ..training import TrainResult, ZigzagResult
from .style import BLUE, ORANGE, curve_styles, new_figure, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["train_figure", "zigzag_figure", "check_train_figure", "check_zigzag_figure", "MAX_MAPS", "MAX_PATHS",
           "CLASS_COLORS"]

DPI = 150.0
#: the most decision-region maps one training figure holds (rows of at most MAP_COLS)
MAX_MAPS = 12
MAP_COLS = 4
#: the most weight paths one zig-zag figure holds (rows of at most PATH_COLS)
MAX_PATHS = 8
PATH_COLS = 4
#: class 0 and class 1 (TensorFlow Playground's orange and blue, from the Okabe–Ito palette)
CLASS_COLORS = (ORANGE, BLUE)
_GRID = 160  #: points per side of the grid on which the decision regions are evaluated
#: how much of the class colour a sure prediction lays over the background (the points stay visible)
_STRENGTH = {"light": 0.5, "dark": 0.4}
_POINT_EDGE = {"light": "#ffffff", "dark": "#e8e8e8"}  #: a light rim keeps the points apart from the regions


def check_train_figure(n: int) -> None:
    """Refuse more networks than the training figure can show."""
    check_count(n, "the training figure", MAX_MAPS, "train('relu')", _TABLE_ONLY)


def check_zigzag_figure(n: int) -> None:
    """Refuse more paths than the zig-zag figure can show."""
    check_count(n, "the zig-zag figure", MAX_PATHS, "zigzag('relu')", _TABLE_ONLY)


_TABLE_ONLY = "leave out the figure (no output path) to get only the table"
_CAPTION_CHARS_PER_INCH = 14.5  #: 8.5-point DejaVu Sans, with room to spare


def _wrap(lines: Sequence[str], width: float) -> list[str]:
    """The caption's sentences wrapped to the figure's width (``width`` inches)."""
    from .figures import wrap_words

    chars = int((width - 0.3) * _CAPTION_CHARS_PER_INCH)
    return [part for line in lines for part in wrap_words(line, chars)]


def _caption(fig: Figure, lines: Sequence[str], colors: dict[str, str]) -> None:
    fig.text(0.15 / fig.get_figwidth(), 0.1 / fig.get_figheight(), "\n".join(lines), fontsize=8.5,
             color=colors["muted"], ha="left", va="bottom", linespacing=1.5)


def _grid(n: int, max_cols: int, side: float, gap: float, margins: float, min_width: float) -> tuple[int, int, float]:
    """Columns, rows and the figure's width (inches) for ``n`` square panels of ``side`` inches."""
    cols = min(n, max_cols)
    return cols, math.ceil(n / cols), max(min_width, margins + cols * side + (cols - 1) * gap)


def _frame(ax: Axes, color: str) -> None:
    for spine in ax.spines.values():
        spine.set_edgecolor(color)
        spine.set_linewidth(2.0)


# -- training -------------------------------------------------------------------------------------


def _window(results: Sequence[TrainResult]) -> float:
    """Half the side of the square shown around the data: the largest |coordinate| plus 8 %."""
    reach = float(np.max(np.abs(results[0].data.x)))
    return math.ceil(10.0 * reach * 1.08) / 10.0


def _region_image(p: np.ndarray, theme: str) -> np.ndarray:
    """RGB image (grid × grid × 3) of the predicted probability ``p``: class colours, paler near 0.5."""
    colors = theme_colors(theme)
    p = np.where(np.isfinite(p), p, 0.5)
    strength = np.abs(2.0 * p - 1.0)[..., None] * _STRENGTH[theme]  # the class colour over the background
    rgb = [np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64) / 255.0
           for c in (colors["background"], *CLASS_COLORS)]
    background, zero, one = rgb
    target = np.where((p >= 0.5)[..., None], one, zero)
    return background + (target - background) * strength


def _draw_map(ax: Axes, result: TrainResult, half: float, theme: str, edge: str) -> None:
    colors = theme_colors(theme)
    side = np.linspace(-half, half, _GRID)
    gx, gy = np.meshgrid(side, side)
    logit = result.logits(np.column_stack([gx.ravel(), gy.ravel()])).reshape(_GRID, _GRID)
    ax.imshow(_region_image(sigmoid(logit), theme), extent=(-half, half, -half, half), origin="lower",
              interpolation="bilinear", gid=f"regions:{text.spec_label(result.bound)}")
    if np.all(np.isfinite(logit)) and logit.min() < 0.0 < logit.max():
        ax.contour(gx, gy, logit, levels=[0.0], colors=[colors["ink"]], linewidths=1.1)
    x, y = result.data.x, result.data.y
    for cls in (0, 1):
        pts = x[y == cls]
        ax.scatter(pts[:, 0], pts[:, 1], s=12, color=CLASS_COLORS[cls], edgecolors=_POINT_EDGE[theme],
                   linewidths=0.6, zorder=3, gid=f"class{cls}:{text.spec_label(result.bound)}")
    ax.set_xlim(-half, half)
    ax.set_ylim(-half, half)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    _frame(ax, edge)


def _map_title(result: TrainResult) -> tuple[str, str]:
    if result.diverged_at is not None:
        return text.title(result.bound), msg("train.diverged_at", step=result.diverged_at)
    dead = round(result.dead_fraction * sum(result.hidden))
    return (text.title(result.bound),
            msg("train.map_numbers", accuracy=text.percent(result.accuracy), dead=dead, units=sum(result.hidden)))


def _setup(results: Sequence[TrainResult]) -> list[str]:
    """The caption: data, network, training, and what "dead" means."""
    r = results[0]
    d = r.data
    net = " → ".join(str(w) for w in (2, *r.hidden, 1))
    inits = sorted({"He" if x.init == "he" else "Xavier" for x in results})
    optimizer = msg("train.adam") if r.optimizer == "adam" else msg("train.gd")
    return [
        msg("train.caption_setup", data=d.name, samples=d.samples, noise=text.number(d.noise), seed=d.seed, net=net,
            inits=msg("text.or").join(inits), bias=text.number(r.bias_init), optimizer=optimizer,
            lr=text.number(r.lr), steps=r.steps),
        msg("train.caption_reading"),
    ]


#: a loss that grows past this many times the largest initial loss puts the loss axis on a log scale
#: (so neither the explosion nor the other curves are lost)
_LOSS_ROOM = 3.0
#: the log loss axis spans at most 10^−200 to 10^200 (matplotlib's tick locator overflows near 10^308)
_LOG_DECADES = 200


def _loss_log_scale(results: Sequence[TrainResult]) -> bool:
    """Whether the loss axis needs a log scale: some loss grew past :data:`_LOSS_ROOM` × the largest
    initial loss (a diverging network)."""
    finite = np.concatenate([r.loss_history[np.isfinite(r.loss_history)] for r in results])
    initial = [float(r.loss_history[0]) for r in results if math.isfinite(r.loss_history[0])]
    return bool(finite.size and initial and finite.max() > _LOSS_ROOM * max(initial))


def train_figure(results: Sequence[TrainResult], *, theme: str = "light", dpi: float = DPI) -> Figure:
    """Per activation its decision regions with the data; below, the training loss and the share
    of dead hidden units over the steps, one curve per activation in its colour (a dot where the
    accuracy first reached 95 %)."""
    check_train_figure(len(results))
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    colors = theme_colors(theme)
    side, gap, left, right = 2.45, 0.3, 0.45, 0.45
    cols, rows, width = _grid(len(results), MAP_COLS, side, gap, left + right, 10.0)
    caption = _wrap(_setup(results), width)
    head, map_title, curves, curve_gap = 0.55, 0.62, 2.35, 0.75
    foot = 0.65 + 0.19 * len(caption)
    height = head + rows * (map_title + side) + curve_gap + curves + foot
    styles = curve_styles([r.name for r in results], theme)
    half = _window(results)

    def rect(x0: float, y_top: float, w: float, h: float) -> tuple[float, float, float, float]:
        return x0 / width, (height - y_top - h) / height, w / width, h / height

    with themed(theme):
        fig = new_figure((width, height), dpi=dpi)
        x0 = (width - (cols * side + (cols - 1) * gap)) / 2
        fig.text(min(x0, left + 0.15) / width, 1 - 0.2 / height, msg("train.figure_title", data=results[0].data.name),
                 fontsize=12.5, fontweight="bold", ha="left", va="top")
        for k, (result, style) in enumerate(zip(results, styles)):
            row, col = divmod(k, cols)
            top = head + row * (map_title + side) + map_title
            ax = fig.add_axes(rect(x0 + col * (side + gap), top, side, side))
            _draw_map(ax, result, half, theme, style["color"])
            name, numbers = _map_title(result)
            ax.set_title(name, loc="left", fontsize=10.5, pad=19)
            ax.text(0.0, 1.03, numbers, transform=ax.transAxes, fontsize=8.5, color=colors["muted"],
                    ha="left", va="bottom")

        top = head + rows * (map_title + side) + curve_gap
        panel = (width - left - right - 0.9) / 2
        loss_ax = fig.add_axes(rect(left + 0.15, top, panel, curves))
        dead_ax = fig.add_axes(rect(left + 0.15 + panel + 0.9, top, panel, curves))
        steps = np.arange(results[0].steps + 1)
        log_loss = _loss_log_scale(results)
        for result, style in zip(results, styles):
            reached = result.steps_to_95
            label = msg("train.reached", label=text.spec_label(result.bound), step=reached) if reached is not None else \
                msg("train.never", label=text.spec_label(result.bound))
            loss_ax.plot(steps, result.loss_history, label=label, gid=f"loss:{text.spec_label(result.bound)}", linewidth=1.8, **style)
            if reached is not None:
                loss_ax.plot([reached], [result.loss_history[reached]], marker="o", markersize=5, color=style["color"],
                             linestyle="none", gid=f"reached:{text.spec_label(result.bound)}")
            dead = msg("train.diverged") if result.diverged_at is not None else \
                msg("train.dead_at_end", dead=round(result.dead_fraction * sum(result.hidden)), units=sum(result.hidden))
            dead_ax.plot(steps, 100.0 * result.dead_history, label=f"{text.spec_label(result.bound)}: {dead}",
                         gid=f"dead:{text.spec_label(result.bound)}", linewidth=1.8, **style)
        finite = np.concatenate([r.loss_history[np.isfinite(r.loss_history)] for r in results])
        if log_loss:  # explicit decades: autoscaling a loss near float64's top would overflow the locator
            from matplotlib.ticker import LogLocator

            low = max(math.floor(math.log10(float(finite[finite > 0.0].min()))), -_LOG_DECADES)
            high = min(math.ceil(math.log10(float(finite.max()))), _LOG_DECADES)
            loss_ax.set_ylim(10.0**low, 10.0**max(high, low + 1))  # first: autoscaling off before the log scale
            loss_ax.set_yscale("log", nonpositive="mask")
            loss_ax.yaxis.set_major_locator(LogLocator(numticks=7))
        else:
            top = float(finite.max()) if finite.size and finite.max() > 0.0 else 1.0
            loss_ax.set_ylim(0.0, top * 1.06)
        dead_ax.set_ylim(-4.0, 104.0)
        dead_ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
        dead_ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{text.number(v)} %"))
        for ax in (loss_ax, dead_ax):
            ax.set_xlim(0, results[0].steps)
            ax.set_xlabel(msg("train.step"))
            ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        loss_ax.set_title(msg("train.loss_title_log" if log_loss else "train.loss_title"), loc="left")
        dead_ax.set_title(msg("train.dead_title"), loc="left")
        loss_ax.legend(loc="best", fontsize=8.5)
        dead_ax.legend(loc="best", fontsize=8.5)
        _caption(fig, caption, colors)
    return fig


# -- zig-zag --------------------------------------------------------------------------------------


_PATH_REACH = 3.0  #: see _path_window


def _path_window(results: Sequence[ZigzagResult]) -> tuple[float, float, float, float]:
    """A square window (w₁ and w₂ ranges of equal length) holding every path and the optimum; a
    diverging path is followed only to :data:`_PATH_REACH` × the starting distance from the
    optimum and leaves the frame beyond it."""
    optimum, start = np.array(results[0].optimum), np.array(results[0].start)
    reach = _PATH_REACH * float(np.hypot(*(start - optimum)))
    near = [r.path[np.hypot(*(r.path - optimum).T) <= reach] for r in results]  # also drops NaN
    pts = np.concatenate([*near, np.array([optimum, start])])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = float(max(hi - lo)) * 1.2 + 0.2
    mid = (lo + hi) / 2
    return mid[0] - span / 2, mid[0] + span / 2, mid[1] - span / 2, mid[1] + span / 2


def _path_title(result: ZigzagResult) -> tuple[str, str]:
    name = msg("zigzag.inputs_from", title=text.title(result.bound))
    if result.diverged_at is not None:
        return name, msg("zigzag.diverged_at", step=result.diverged_at)
    steps = msg("zigzag.converged", steps=result.steps) if result.steps is not None else \
        msg("zigzag.not_converged", steps=result.max_steps)
    return name, msg("zigzag.path_numbers", share=text.percent(result.same_sign_share, 0), steps=steps)


def _loss_levels(result: ZigzagResult) -> np.ndarray | None:
    """Contour levels: ellipses around the optimum, log-spaced from 10⁻³ to 4 × the loss at the
    start; ``None`` when that loss is 0 or not finite (inputs that cannot tell the weights apart,
    or too large to square)."""
    start = float(result.loss(*result.start))
    if not (math.isfinite(start) and start > 0.0 and math.isfinite(4.0 * start)):
        return None
    return start * np.geomspace(1e-3, 4.0, 12)


def zigzag_figure(results: Sequence[ZigzagResult], *, theme: str = "light", dpi: float = DPI) -> Figure:
    """Per activation, the neuron's weight path (w₁, w₂) over the contours of its loss, from the
    start (open circle) to the optimum (star)."""
    check_zigzag_figure(len(results))
    colors = theme_colors(theme)
    side, gap, left, right = 3.4, 0.75, 0.7, 0.3
    cols, rows, width = _grid(len(results), PATH_COLS, side, gap, left + right, 8.0)
    r = results[0]
    caption = _wrap([
        msg("zigzag.caption_setup", samples=r.samples, seed=r.seed, lr=text.number(r.lr),
            start=f"({text.number(r.start[0])}, {text.number(r.start[1])})",
            optimum=f"({text.number(r.optimum[0])}, {text.number(r.optimum[1])})"),
        msg("zigzag.caption_update"),
    ], width)
    head, title = 0.55, 0.62
    foot = 0.2 + 0.19 * len(caption)
    height = head + rows * (title + side + 0.55) + foot
    styles = curve_styles([r.name for r in results], theme)
    x_lo, x_hi, y_lo, y_hi = _path_window(results)
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, 200), np.linspace(y_lo, y_hi, 200))

    def rect(x0: float, y_top: float, w: float, h: float) -> tuple[float, float, float, float]:
        return x0 / width, (height - y_top - h) / height, w / width, h / height

    with themed(theme):
        fig = new_figure((width, height), dpi=dpi)
        x0 = max(left, (width - (cols * side + (cols - 1) * gap)) / 2 + 0.2)
        fig.text((x0 - 0.55) / width, 1 - 0.2 / height, msg("zigzag.figure_title"),
                 fontsize=12.5, fontweight="bold", ha="left", va="top")
        for k, (result, style) in enumerate(zip(results, styles)):
            row, col = divmod(k, cols)
            top = head + row * (title + side + 0.55) + title
            ax = fig.add_axes(rect(x0 + col * (side + gap), top, side, side))
            levels = _loss_levels(result)
            if levels is not None:
                ax.contour(gx, gy, result.loss(gx, gy), levels=levels, colors=[colors["shade"]], linewidths=0.7,
                           alpha=0.8)
            path = result.path
            ax.plot(path[:, 0], path[:, 1], color=style["color"], linewidth=1.0, marker="o", markersize=2.2,
                    gid=f"path:{text.spec_label(result.bound)}", clip_on=True)
            ax.plot(*result.start, marker="o", markersize=7, markerfacecolor="none", markeredgecolor=colors["ink"],
                    markeredgewidth=1.4, linestyle="none", gid="start")
            ax.plot(*result.optimum, marker="*", markersize=12, color=colors["ink"], linestyle="none", gid="optimum")
            ax.set_xlim(x_lo, x_hi)
            ax.set_ylim(y_lo, y_hi)
            ax.set_aspect("equal")
            ax.grid(False)
            ax.set_xlabel("$w_1$")
            ax.set_ylabel("$w_2$")
            _frame(ax, style["color"])
            name, numbers = _path_title(result)
            ax.set_title(name, loc="left", fontsize=10.5, pad=19)
            ax.text(0.0, 1.03, numbers, transform=ax.transAxes, fontsize=8.5, color=colors["muted"],
                    ha="left", va="bottom")
        _caption(fig, caption, colors)
    return fig

