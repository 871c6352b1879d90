"""Figures for the lessons of the reference notes: gradient through depth, softmax, MSE vs cross-entropy.

Each ``*_figure`` function takes the result computed by :mod:`actviz.lessons`, builds a matplotlib
Figure in the house style (Figure API only, no pyplot state) and returns it; :func:`write` saves it
atomically in the same theme. Curves carry their activation's stable colour from :mod:`.style`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .. import text
from ..lessons import (
    GradientFlow,
    LossGradients,
    SoftmaxExample,
)
from ..messages import msg
from .figures import wrap_text, wrap_words
from .style import color_for, curve_styles, new_figure, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["gradient_figure", "softmax_figure", "loss_figure", "MSE_LABEL", "CE_LABEL", "check_softmax_figure"]

MSE_LABEL = "MSE"
CE_LABEL = "cross-entropy"
DPI = 150.0
_MAX_ANNOTATED_BARS = 12
MAX_FIGURE_LOGITS = 100  #: more bars than this make no readable chart
MAX_ABS_LOGIT = 1e100  #: larger bars overflow matplotlib's own arithmetic


def check_softmax_figure(logits: Sequence[float]) -> None:
    """Refuse logits the softmax bar chart cannot show (too many, or too large to draw)."""
    from ..errors import ParameterError

    if len(logits) > MAX_FIGURE_LOGITS:
        raise ParameterError(f"{len(logits)} logits are too many for the figure (at most {MAX_FIGURE_LOGITS}); "
                             "leave out -o to get only the table")
    big = [z for z in logits if not abs(z) <= MAX_ABS_LOGIT]
    if big:
        raise ParameterError(f"logit {big[0]:g} is too large to draw (limit ±{MAX_ABS_LOGIT:g}); "
                             "leave out -o to get only the table")


def _ratio_text(flow: GradientFlow) -> str:
    lr = flow.log10_ratio
    if lr is None:
        return msg("gradient.is_zero")
    return msg("gradient.ratio", ratio=text.powers(text.sci_from_log10(lr), plain=True),
               verdict=text.gradient_verdict(flow.verdict))


_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "*")


def _power_of_ten(value: float, _pos: int | None = None) -> str:
    return f"$10^{{{value:.0f}}}$" if float(value).is_integer() else ""


# -- gradient through depth -----------------------------------------------------------------------


def gradient_figure(flows: Sequence[GradientFlow], *, theme: str = "light", dpi: float = DPI) -> Figure:
    """Gradient norm per layer, input side on the left, on a logarithmic axis; one line per flow.

    The y data of each line is log₁₀ of the norms (the axis is labelled in powers of ten), so even
    hundreds of sigmoid layers, far below float64's smallest number, stay on the chart. A flow whose
    gradient is exactly zero draws no line; its legend entry says so.
    """
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    if not flows:
        raise ValueError("gradient_figure needs at least one GradientFlow")
    colors = theme_colors(theme)
    layers = flows[0].layers
    with themed(theme):
        fig = new_figure((7.2, 4.6), dpi=dpi)
        ax = fig.add_subplot()
        styles = curve_styles([f.name for f in flows], theme)
        x = np.arange(1, layers + 1)
        every = max(1, layers // 20)
        for i, (flow, style) in enumerate(zip(flows, styles)):
            y = np.where(np.isfinite(flow.log10_norms), flow.log10_norms, np.nan)
            init = text.init_text(flow.init, flow.gain)
            # lines that coincide (ReLU and Leaky ReLU through a few layers) stay visible: each has its
            # own marker, later ones are thinner and drawn on top, markers staggered along the line
            ax.plot(
                x, y, label=msg("gradient.legend", title=text.title(flow.bound), init=init, ratio=_ratio_text(flow)),
                marker=_MARKERS[i % len(_MARKERS)], markersize=max(3.0, 5.5 - 0.5 * i), linewidth=max(1.0, 2.4 - 0.3 * i),
                markevery=(i % every, every), zorder=3 + 0.1 * i, gid=f"gradient:{text.spec_label(flow.bound)}", **style,
            )
        finite = np.concatenate([f.log10_norms[np.isfinite(f.log10_norms)] for f in flows])
        if finite.size:
            lo, hi = math.floor(finite.min()), math.ceil(finite.max())
            if hi - lo < 2:
                lo, hi = lo - 1, hi + 1
            pad = 0.04 * (hi - lo)
            ax.set_ylim(lo - pad, hi + pad)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=8, integer=True, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=10, integer=True))
        ax.set_xlim(0.5, layers + 0.5)
        ax.set_xlabel(msg("gradient.xlabel", layers=layers))
        ax.set_ylabel(msg("gradient.ylabel"))
        width, seed = flows[0].width, flows[0].seed
        ax.set_title(msg("gradient.figure_title"), loc="left")
        caption = fig.text(
            0.01, 0.01,
            msg("gradient.caption", layers=text.count(layers, "layer"), units=text.count(width, "unit"), seed=seed,
                note=text.gradient_verdict_note()),
            fontsize=8, color=colors["muted"], ha="left", va="bottom", linespacing=1.5,
        )
        renderer = fig.canvas.get_renderer()
        wrap_text(caption, 0.98 * fig.bbox.width, renderer)
        ax.legend(loc="best", fontsize=8.5)
        fig.tight_layout(rect=(0, (caption.get_window_extent(renderer).height + 8) / fig.bbox.height, 1, 1))
    return fig


# -- softmax --------------------------------------------------------------------------------------


def _bar_labels(ax, bars, labels: Sequence[str], color: str) -> None:
    for bar, label in zip(bars, labels):
        height = bar.get_height()
        va = "bottom" if height >= 0 else "top"
        ax.annotate(
            label, (bar.get_x() + bar.get_width() / 2, height),
            xytext=(0, 2 if height >= 0 else -2), textcoords="offset points",
            ha="center", va=va, fontsize=8.5, color=color,
        )


def softmax_figure(example: SoftmaxExample, *, theme: str = "light", dpi: float = DPI) -> Figure:
    """Two bar charts side by side: the logits z, and the probabilities softmax(z/T)."""
    colors = theme_colors(theme)
    n = example.logits.size
    x = np.arange(1, n + 1)
    ticks = [f"$z_{{{i + 1}}}$" for i in range(n)] if n <= _MAX_ANNOTATED_BARS else None
    with themed(theme):
        fig = new_figure((min(12.0, max(7.2, 0.3 * n + 4.0)), 3.9), dpi=dpi)
        left, right = fig.subplots(1, 2)
        bars_z = left.bar(x, example.logits, color=colors["muted"], width=0.6, gid="logits")
        left.axhline(0.0, color=colors["axis"], linewidth=0.8)
        left.set_title(msg("softmax.logits"), loc="left")
        bars_p = right.bar(x, example.probabilities, color=color_for("softmax", theme), width=0.6, gid="probabilities")
        t = example.temperature
        right.set_title(msg("softmax.probabilities") if t == 1.0 else msg("softmax.probabilities_t", t=f"{t:g}"),
                        loc="left")
        right.set_ylim(0.0, 1.12)
        for ax in (left, right):
            ax.grid(axis="x", visible=False)
            if ticks is None:
                from matplotlib.ticker import MaxNLocator

                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
                ax.set_xlabel(msg("softmax.index"))
            else:
                ax.set_xticks(x, ticks)
        if n <= _MAX_ANNOTATED_BARS:
            _bar_labels(left, bars_z, [text.number(v, 6) for v in example.logits], colors["ink"])
            _bar_labels(right, bars_p, [text.fixed(v, 3) for v in example.probabilities], colors["ink"])
            lo, hi = left.get_ylim()
            span = hi - lo
            left.set_ylim(lo - (0.08 * span if lo < 0 else 0), hi + 0.08 * span)
        fig.suptitle(msg("softmax.figure_title"), x=0.01, ha="left",
                     fontweight="bold", fontsize=11)
        fig.tight_layout()
    return fig


# -- MSE vs cross-entropy -------------------------------------------------------------------------


def loss_figure(lg: LossGradients, *, theme: str = "light", dpi: float = DPI) -> Figure:
    """∂L/∂z against z for MSE and cross-entropy at one output a = f(z), target y.

    The region where the prediction is confidently wrong (|a − y| > 0.9) is shaded: there MSE's
    gradient, carrying the factor f′(z), has all but vanished, while cross-entropy's has not.
    """
    colors = theme_colors(theme)
    styles = curve_styles([MSE_LABEL, CE_LABEL], theme)
    output, mse_formula, ce_formula = text.loss_formulas(lg)
    with themed(theme):
        fig = new_figure((7.2, 4.6), dpi=dpi)
        ax = fig.add_subplot()
        wrong = np.abs(lg.a - lg.target) > 0.9
        if wrong.any():
            ax.fill_between(
                lg.z, 0, 1, where=wrong, transform=ax.get_xaxis_transform(), color=colors["shade"],
                alpha=0.15, linewidth=0, label=msg("loss.wrong"), gid="wrong",
            )
        ax.axhline(0.0, color=colors["axis"], linewidth=0.8)
        ax.plot(lg.z, lg.mse, label=msg("loss.mse"), gid="mse", **styles[0])
        ax.plot(lg.z, lg.cross_entropy, label=msg("loss.cross_entropy"), gid="cross-entropy", **styles[1])
        ax.set_xlim(float(lg.z.min()), float(lg.z.max()))
        values = np.concatenate([lg.mse, lg.cross_entropy[lg.defined]])
        lo, hi = float(values.min()), float(values.max())
        span = max(hi - lo, 1e-3)
        ax.set_ylim(lo - 0.08 * span, hi + 0.08 * span)
        ax.set_xlabel(msg("loss.xlabel"))
        ax.set_ylabel(r"$\partial L/\partial z$")
        ax.set_title(msg("loss.figure_title", output=output, target=f"{lg.target:g}"), loc="left")
        ax.legend(loc="best", fontsize=9)
        caption = [
            msg("loss.caption_mse", formula=mse_formula),
            msg("loss.caption_ce", formula=ce_formula),
        ]
        note = text.loss_domain_note(lg)
        if note:
            keep = note.replace(" < z < ", "\u00a0<\u00a0z\u00a0<\u00a0")  # no line break inside "−3 < z < 3"
            caption.extend(wrap_words(msg("text.sentence", text=keep[0].upper() + keep[1:]), 105))
        fig.text(0.01, 0.01, "\n".join(caption), fontsize=8.5, color=colors["muted"], ha="left", va="bottom",
                 linespacing=1.5)
        fig.tight_layout(rect=(0, 0.035 * len(caption) + 0.01, 1, 1))
    return fig
