"""Figures of signal propagation through deep random networks (:mod:`actviz.propagation`): the order/chaos
phase diagram of one activation (:func:`phase_figure`) and the per-layer signal propagation plot of a few
(:func:`propagation_figure`, after Brock et al. 2021).

Each function takes the records the core computed, builds a Figure in the house style (Figure API, no
pyplot state, styles scoped with :func:`~.style.themed`, laid out by hand in inches: the header from the
top, the caption and the legend from the bottom, measured before the figure's height is fixed) and returns
it. Every word comes from :func:`actviz.messages.msg`; numbers from :mod:`actviz.text`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import text
from ..messages import msg
from ..options import check_count
from ..propagation import phase_of
from .style import BLUE, VERMILLION, curve_styles, mix, new_figure, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..propagation import Propagation
    from ..results import PhaseDiagram

__all__ = ["phase_figure", "propagation_figure", "XI_LEVELS", "MAX_PROPAGATION", "chi1_colormap", "wrap_caption"]

DPI = 150.0
#: the depth scales ξ_c (layers) drawn as contours on the phase diagram
XI_LEVELS = (3.0, 10.0, 30.0)
#: the most activations one propagation figure holds
MAX_PROPAGATION = 8
#: the χ₁ colour scale spans 10^±this, the same in every phase diagram (beyond: the colour bar's triangles)
CHI_DECADES = 1.0
_CHI_TICKS = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
#: cells where χ₁ is not defined (q* = ∞): a grey apart from both hues and from the background
_NEUTRAL = {"light": "#bdbdbd", "dark": "#565d66"}
#: a log axis spans at most 10^±this (matplotlib's locators overflow near float64's end)
_LOG_DECADES = 280
#: a quantity whose finite positive values span more than this ratio goes on a log axis
_LOG_RATIO = 100.0
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<")
_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
_NO_LINE_START = set("，。：；、）」』！？,.:;)")
_RELATIONS = {"=", "<", ">", "≤", "≥", "≈", "→"}


# -- words ----------------------------------------------------------------------------------------


def _tokens(paragraph: str) -> list[tuple[str, bool]]:
    """The paragraph's breakable pieces, each with whether a space precedes it: Latin words (a mathtext
    ``$…$`` whole), single Chinese characters (punctuation kept with the character before)."""
    out: list[tuple[str, bool]] = []
    for word in paragraph.split(" "):
        if not word:
            continue
        if "$" in word or not _CJK.search(word):
            out.append((word, True))
            continue
        first = True
        for piece in re.findall(r"[\u2e80-\u9fff]|[^\u2e80-\u9fff]+", word):
            if out and not first and (piece[0] in _NO_LINE_START or not _CJK.match(piece[0]) and not _CJK.match(out[-1][0][-1])):
                out[-1] = (out[-1][0] + piece, out[-1][1])
            elif out and not first and piece[0] in _NO_LINE_START:
                out[-1] = (out[-1][0] + piece, out[-1][1])
            else:
                out.append((piece, first))
            first = False
    # a closing mark never starts a line; "a = b" stays on one line
    merged: list[tuple[str, bool]] = []
    glue = False
    for piece, space in out:
        if merged and (glue or (not space and piece[0] in _NO_LINE_START) or piece in _RELATIONS):
            merged[-1] = (merged[-1][0] + (" " if space else "") + piece, merged[-1][1])
        else:
            merged.append((piece, space))
        glue = piece in _RELATIONS
    return merged


def wrap_caption(artist: Any, width_px: float, renderer: Any) -> None:
    """Break a Text into lines at most ``width_px`` wide, measured: Latin text at spaces (a ``$…$`` kept
    whole), Chinese between characters but never before a closing mark; each paragraph on its own.
    Each piece is measured once and a line is the sum of its pieces and spaces (a trial line measured
    whole would parse its mathtext again for every word: half a second for a caption)."""
    prop = artist.get_fontproperties()
    widths: dict[str, float] = {}

    def width(s: str) -> float:
        if s not in widths:
            math_text = "$" in s and s.count("$") % 2 == 0
            widths[s] = renderer.get_text_width_height_descent(s, prop, ismath=math_text)[0]
        return widths[s]

    space = width("a a") - width("aa")
    paragraphs = artist.get_text().split("\n")
    for fill in (0.97, 0.92, 0.85, 0.75):  # the sums are close; each line is measured whole once to be sure
        lines: list[str] = []
        for paragraph in paragraphs:
            line, used = "", 0.0
            for piece, spaced in _tokens(paragraph):
                gap = space if line and spaced else 0.0
                if line and used + gap + width(piece) > fill * width_px:
                    lines.append(line)
                    line, used = piece, width(piece)
                else:
                    line, used = (f"{line} {piece}" if gap else line + piece), used + gap + width(piece)
            lines.append(line)
        if all(width(line) <= width_px for line in lines):
            break
    artist.set_text("\n".join(lines))


def _chi(value: float | None) -> str:
    """χ₁ to 3 digits (4 near 1, so that 1.003 does not read as 1)."""
    if value is None or not math.isfinite(value):
        return "∞" if value is not None and value > 0 else "—"
    return text.number(value, 4 if abs(value - 1.0) < 0.005 and value != 1.0 else 3)


def _phase_word(chi: float) -> str:
    phase = phase_of(chi)
    return msg("phase.critical_word") if phase == "critical" else msg("deep.phase." + phase)


# -- the phase diagram ----------------------------------------------------------------------------------


def chi1_colormap(theme: str) -> Any:
    """The χ₁ colour map: blues (ordered) through the background (χ₁ = 1) to vermillions (chaotic), the
    Okabe–Ito hues (told apart in every common colour-vision deficiency); in the dark theme lighter ends."""
    from matplotlib.colors import LinearSegmentedColormap

    bg = theme_colors(theme)["background"]
    deep = "#000000" if theme == "light" else "#ffffff"
    # a steep start from the centre: χ₁ = 1.5 is already clearly chaotic, 0.7 clearly ordered
    stops = [mix(BLUE, deep, 0.45 if theme == "light" else 0.35), BLUE, mix(BLUE, bg, 0.6), bg,
             mix(VERMILLION, bg, 0.6), VERMILLION, mix(VERMILLION, deep, 0.4 if theme == "light" else 0.3)]
    cmap = LinearSegmentedColormap.from_list(f"actviz-chi1-{theme}", list(zip((0, 0.3, 0.46, 0.5, 0.54, 0.7, 1), stops)))
    return cmap.with_extremes(bad=_NEUTRAL[theme])


def _edges(centres: np.ndarray, low: float) -> np.ndarray:
    """Cell edges for pcolormesh: midway between centres, the ends clamped to the axis (``low``, last)."""
    mid = (centres[1:] + centres[:-1]) / 2
    return np.concatenate([[low], mid, [centres[-1]]])


def _axes_rect(fig: Figure, left: float, bottom: float, width: float, height: float) -> tuple[float, ...]:
    w, h = fig.get_size_inches()
    return (left / w, bottom / h, width / w, height / h)


def _halo(theme: str, width: float) -> list[Any]:
    from matplotlib import patheffects

    return [patheffects.Stroke(linewidth=width, foreground=theme_colors(theme)["background"]), patheffects.Normal()]


def _region_labels(ax: Axes, diagram: PhaseDiagram, chi: np.ndarray, renderer: Any, theme: str) -> None:
    """"ordered" / "chaotic" (and "variance diverges") inside their regions, where no line, mark or
    contour label is: the free spot farthest from them, or none."""
    colors = theme_colors(theme)
    grid = diagram.grid
    to_px = ax.transData
    # what a label must keep clear of: the lines and marks drawn (sampled in pixels) and the contour labels
    points = []
    for line in ax.get_lines():
        xy = np.column_stack(line.get_data()).astype(float)
        xy = xy[np.isfinite(xy).all(axis=1)]
        if xy.size:
            if len(xy) > 1:  # fill in between the vertices
                t = np.linspace(0, 1, 12)[:-1]
                xy = np.concatenate([a + np.outer(t, b - a) for a, b in zip(xy[:-1], xy[1:])] + [xy[-1:]])
            points.append(to_px.transform(xy))
    firm = np.concatenate(points) if points else np.zeros((0, 2))
    for coll in ax.collections:
        if (coll.get_gid() or "") == "xi_c":
            for path in coll.get_paths():
                if len(path.vertices):
                    points.append(to_px.transform(path.vertices))
    every = np.concatenate(points) if points else np.zeros((0, 2))
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    frame = ax.get_window_extent(renderer)
    ws, bs = grid.sigma_w2, grid.sigma_b2
    finite = np.isfinite(chi)
    regions = {
        "ordered": finite & (chi < 1.0),
        "chaotic": finite & (chi > 1.0),
        "diverged": np.isinf(grid.q_star),
    }
    inv = to_px.inverted()
    for kind, mask in regions.items():
        if mask.sum() < 0.04 * mask.size:
            continue
        label = ax.text(0, 0, "", fontsize=9, ha="center", va="center", color=colors["ink"],
                        fontweight="bold", linespacing=1.2, gid=f"region:{kind}", zorder=6,
                        bbox={"boxstyle": "round,pad=0.25", "facecolor": colors["background"], "alpha": 0.75,
                              "edgecolor": "none"})
        best = None
        words = [msg(f"phase.region_{kind}")] + ([msg(f"deep.phase.{kind}")] if kind != "diverged" else [])
        for words_shown in words:  # the long label, else the short one
            label.set_text(words_shown)
            box = label.get_window_extent(renderer)
            half_w, half_h = box.width / 2 + 6, box.height / 2 + 6
            for pts in (every, firm):  # clear of every line if it can, else of the edge and the marks only
                best = _free_spot(frame, inv, ws, bs, mask, boxes, pts, half_w, half_h)
                if best is not None:
                    break
            if best is not None:
                break
        if best is None:
            label.remove()
            continue
        label.set_transform(ax.transAxes)
        label.set_position(best)
        boxes.append(label.get_window_extent(renderer))


def _free_spot(frame: Any, inv: Any, ws: np.ndarray, bs: np.ndarray, mask: np.ndarray, boxes: list[Any],
               pts: np.ndarray, half_w: float, half_h: float) -> tuple[float, float] | None:
    """The centre (axes fraction) of a box 2·half_w × 2·half_h pixels over cells of ``mask`` only, clear of
    ``boxes`` and of the points ``pts``, farthest from them; None if there is none."""
    best, best_score = None, -1.0
    for fy in np.linspace(0.1, 0.9, 13):
        for fx in np.linspace(0.08, 0.92, 17):
            cx, cy = frame.x0 + fx * frame.width, frame.y0 + fy * frame.height
            x0, x1, y0, y1 = cx - half_w, cx + half_w, cy - half_h, cy + half_h
            if x0 < frame.x0 + 2 or x1 > frame.x1 - 2 or y0 < frame.y0 + 2 or y1 > frame.y1 - 2:
                continue
            # every cell under the box is in the region
            sx, sy = np.meshgrid(np.linspace(x0, x1, 7), np.linspace(y0, y1, 5))
            data = inv.transform(np.column_stack([sx.ravel(), sy.ravel()]))
            i = np.clip(np.searchsorted(ws, data[:, 0]), 0, ws.size - 1)
            j = np.clip(np.searchsorted(bs, data[:, 1]), 0, bs.size - 1)
            if not mask[i, j].all():
                continue
            if any(x0 < b.x1 and b.x0 < x1 and y0 < b.y1 and b.y0 < y1 for b in boxes):
                continue
            inside = (pts[:, 0] > x0) & (pts[:, 0] < x1) & (pts[:, 1] > y0) & (pts[:, 1] < y1) if pts.size else []
            if np.any(inside):
                continue
            score = float(np.min(np.hypot((pts[:, 0] - cx) / frame.width, (pts[:, 1] - cy) / frame.height))) \
                if pts.size else 1.0
            if score > best_score + 1e-9:
                best, best_score = (float(fx), float(fy)), score
    return best


def phase_figure(diagram: PhaseDiagram, *, theme: str = "light", dpi: float = DPI) -> Figure:
    """The order/chaos phase diagram of one activation over (σ_w², σ_b²): χ₁ as colour (log scale centred on
    1), the edge of chaos, the depth scale ξ_c as labelled contours, the critical points asked for and the
    initialisations marked (PyTorch's gain, yours), each with its χ₁ in the legend."""
    from matplotlib.colors import TwoSlopeNorm
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FixedLocator, FuncFormatter

    colors = theme_colors(theme)
    grid = diagram.grid
    bound = diagram.bound
    ws, bs = np.asarray(grid.sigma_w2, dtype=float), np.asarray(grid.sigma_b2, dtype=float)
    chi = np.asarray(grid.chi1, dtype=float)
    defined = np.isfinite(chi) & np.isfinite(grid.q_star)
    chi = np.where(defined, chi, np.nan)
    lo, hi = -CHI_DECADES, CHI_DECADES
    with np.errstate(divide="ignore", invalid="ignore"):
        level = np.where(defined & (chi > 0), np.log10(np.where(defined & (chi > 0), chi, 1.0)), lo - 1.0)
    level = np.ma.masked_array(level, mask=~defined)
    width, axes_w, axes_h, left = 7.4, 5.0, 3.9, 0.85
    cmap = chi1_colormap(theme)
    with themed(theme):
        fig = new_figure((width, 8.0), dpi=dpi)
        renderer = fig.canvas.get_renderer()
        ax = fig.add_axes((0.1, 0.3, 0.6, 0.5))
        cax = fig.add_axes((0.8, 0.3, 0.03, 0.5))
        mesh = ax.pcolormesh(_edges(ws, 0.0), _edges(bs, 0.0), level.T, cmap=cmap,
                             norm=TwoSlopeNorm(vcenter=0.0, vmin=lo, vmax=hi), shading="flat", gid="chi1",
                             rasterized=True, linewidth=0, antialiased=False)  # SVG, PDF: one image, not 10⁴ paths
        ax.set_xlim(0.0, float(ws[-1]))
        ax.set_ylim(0.0, float(bs[-1]))
        ax.grid(False)
        handles: list[Any] = []
        labels: list[str] = []
        # ξ_c contours, labelled
        xi = np.ma.masked_invalid(np.asarray(grid.xi_c, dtype=float).T)
        if np.ma.count(xi) > 3 and float(xi.min()) < max(XI_LEVELS) and float(xi.max()) > min(XI_LEVELS):
            contours = ax.contour(ws, bs, xi, levels=list(XI_LEVELS), colors=[colors["ink"]], linewidths=0.8,
                                  linestyles="dashed", alpha=0.85, zorder=3)
            contours.set_gid("xi_c")
            ax.clabel(contours, fmt=lambda v: text.number(v), fontsize=7.5, inline=True, inline_spacing=3)
            for t in contours.labelTexts:
                t.set_color(colors["ink"])
            handles.append(Line2D([], [], color=colors["ink"], linewidth=0.8, linestyle="dashed"))
            labels.append(msg("phase.depth_scale"))
        # the edge of chaos
        ew, eb = (np.asarray(a, dtype=float) for a in diagram.edge)
        edge_style = {"color": colors["ink"], "zorder": 5}
        if diagram.edge_is_point:
            w0 = float(diagram.critical[0].sigma_w2)
            ring = {"marker": "o", "markersize": 15, "linestyle": "none", "markerfacecolor": "none",
                    "markeredgewidth": 2.4}
            ax.plot([w0], [0.0], clip_on=False, gid="edge", path_effects=_halo(theme, 4.4), **ring, **edge_style)
            handles.append(Line2D([], [], color=colors["ink"], **{**ring, "markersize": 10, "markeredgewidth": 2.0}))
            labels.append(msg("phase.edge_point"))
        else:
            if ew.size < 2:  # sampled too coarsely to show in this window: the critical points asked for
                pairs = sorted((c.sigma_b2, c.sigma_w2) for c in diagram.critical)
                ew, eb = np.array([p[1] for p in pairs]), np.array([p[0] for p in pairs])
            ax.plot(ew, eb, linewidth=2.6, solid_capstyle="butt", path_effects=_halo(theme, 4.6), gid="edge",
                    **edge_style)
            handles.append(Line2D([], [], linewidth=2.6, color=colors["ink"]))
            labels.append(msg("phase.edge"))
            crit = [c for c in diagram.critical if math.isfinite(c.sigma_w2)]
            if crit:
                ax.plot([c.sigma_w2 for c in crit], [c.sigma_b2 for c in crit], marker="o", markersize=5,
                        linestyle="none", markerfacecolor=colors["background"], markeredgecolor=colors["ink"],
                        markeredgewidth=1.3, zorder=6, clip_on=False, gid="critical")
                handles.append(Line2D([], [], marker="o", markersize=5, linestyle="none",
                                      markerfacecolor=colors["background"], markeredgecolor=colors["ink"],
                                      markeredgewidth=1.3))
                labels.append(msg("phase.critical", values=msg("text.list_sep").join(
                    text.number(c.sigma_b2) for c in crit)))
        # the initialisations marked
        shapes = {"torch": ("D", 7.5), "yours": ("*", 13.0)}
        for kind, mark in zip(diagram.mark_kinds, diagram.marks):
            shape, size = shapes.get(kind, ("s", 7.0))
            style = {"marker": shape, "markersize": size, "linestyle": "none", "markerfacecolor": colors["ink"],
                     "markeredgecolor": colors["background"], "markeredgewidth": 1.2}
            ax.plot([mark.sigma_w2], [mark.sigma_b2], zorder=7, clip_on=False, gid=f"mark:{kind}", **style)
            handles.append(Line2D([], [], **style))
            fields = {"w": text.number(mark.sigma_w2), "b": text.number(mark.sigma_b2), "chi": _chi(mark.chi1),
                      "phase": _phase_word(mark.chi1)}
            if kind == "torch":
                labels.append(msg("phase.mark_torch", gain=text.gain_text(math.sqrt(mark.sigma_w2)), **fields))
            else:
                labels.append(msg("phase.mark_yours", **fields))
        diverged = np.isinf(grid.q_star).any()
        if (~defined).any():
            handles.append(Patch(facecolor=_NEUTRAL[theme], edgecolor="none"))
            labels.append(msg("phase.diverges" if diverged else "phase.undefined"))
        ax.tick_params(axis="x", pad=7)  # room for the marks on σ_b² = 0
        ax.set_xlabel(msg("phase.xlabel"))
        ax.set_ylabel(msg("phase.ylabel"))
        # the colour bar: χ₁ values at log positions
        bar = fig.colorbar(mesh, cax=cax, extend="both")
        ticks = [math.log10(v) for v in _CHI_TICKS if lo - 1e-9 <= math.log10(v) <= hi + 1e-9]
        bar.locator = FixedLocator(ticks)
        bar.formatter = FuncFormatter(lambda v, _pos: text.number(10.0**v, 2))
        bar.update_ticks()
        bar.minorticks_off()
        bar.set_label(msg("phase.colorbar"))
        bar.outline.set_edgecolor(colors["axis"])
        # caption and legend from the bottom up (inches), measured
        notes = [msg("phase.caption")]
        if diagram.edge_is_point:
            notes.append(msg("phase.caption_point", title=text.title(bound), w=text.number(diagram.critical[0].sigma_w2)))
        if diverged:
            notes.append(msg("phase.caption_diverges"))
        caption = fig.text(0.15 / width, 0.12 / 8.0, "\n".join(notes), fontsize=8, color=colors["muted"],
                           ha="left", va="bottom", linespacing=1.45, gid="caption",
                           transform=fig.dpi_scale_trans)
        caption.set_position((0.15, 0.12))
        wrap_caption(caption, (width - 0.3) * fig.dpi, renderer)
        cap_top = 0.12 + caption.get_window_extent(renderer).height / fig.dpi
        legend = fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.15, cap_top + 0.12),
                            bbox_transform=fig.dpi_scale_trans, ncol=1, fontsize=8.5, frameon=False,
                            handlelength=2.2, borderaxespad=0.0, borderpad=0.0)
        leg_top = cap_top + 0.12 + legend.get_window_extent(renderer).height / fig.dpi
        axes_bottom = leg_top + 0.72
        head = 0.85
        height = axes_bottom + axes_h + head
        fig.set_size_inches(width, height)
        ax.set_position(_axes_rect(fig, left, axes_bottom, axes_w, axes_h))
        cax.set_position(_axes_rect(fig, left + axes_w + 0.2, axes_bottom, 0.18, axes_h))
        title = fig.text(0.15, height - 0.18, text.heading(bound), fontsize=12.5, fontweight="bold", ha="left",
                         va="top", transform=fig.dpi_scale_trans, gid="title")
        subtitle = fig.text(0.15, height - 0.18 - title.get_window_extent(renderer).height / fig.dpi - 0.07,
                            msg("phase.subtitle"), fontsize=9.5, color=colors["muted"], ha="left", va="top",
                            transform=fig.dpi_scale_trans, gid="subtitle")
        from .figures import fit_text_width

        fit_text_width(subtitle, (width - 0.3) * fig.dpi, renderer)
        fit_text_width(title, (width - 0.3) * fig.dpi, renderer)
        fig.draw_without_rendering()  # places the contour labels, which the region labels avoid
        _region_labels(ax, diagram, chi, renderer, theme)
    return fig


# -- signal propagation ---------------------------------------------------------------------------------


_QUANTITIES = ("q", "post_ms", "c", "grad_ratio")


def _finite(values: np.ndarray) -> np.ndarray:
    """Values with ±inf as NaN (a diverged layer draws nothing), float64."""
    v = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(v), v, np.nan)


def _log_axis(series: Sequence[np.ndarray], always: bool = False) -> tuple[bool, tuple[float, float] | None]:
    """Whether a panel needs a log axis (its positive values span more than :data:`_LOG_RATIO`), and then
    its limits: whole decades around the data, within 10^±:data:`_LOG_DECADES`."""
    values = np.concatenate([s[np.isfinite(s)] for s in series]) if series else np.zeros(0)
    positive = values[values > 0]
    if positive.size == 0:
        return False, None
    low, high = float(positive.min()), float(positive.max())
    if not always and (high / low <= _LOG_RATIO or np.any(values <= 0)):
        return False, None
    a = max(math.floor(math.log10(low)), -_LOG_DECADES)
    b = min(math.ceil(math.log10(high)), _LOG_DECADES)
    if b - a < 2:
        a, b = a - 1, b + 1
    return True, (10.0**a, 10.0**b)


def _decade_ticks(low: float, high: float) -> list[float]:
    """Powers of ten from ``low`` to ``high`` (themselves powers of ten), every 1, 2, 5, 10, 20, 50 or 100
    decades: at most 7 ticks."""
    a, b = round(math.log10(low)), round(math.log10(high))
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if (b - a) / s <= 6), 100)
    first = math.ceil(a / step) * step
    return [10.0**k for k in range(first, b + 1, step)]


def check_propagation_figure(n: int) -> None:
    """Refuse more activations than the propagation figure can show."""
    check_count(n, "the propagation figure", MAX_PROPAGATION, "propagate('tanh')",
                "leave out the figure (no output path) to get only the table")


def _per_activation(results: Sequence[Propagation], values: Sequence[float]) -> str:
    """One number when every activation has it, else each with its activation's name."""
    shown = [text.number(v) for v in values]
    if len(set(shown)) == 1:
        return shown[0]
    return msg("text.list_sep").join(msg("propagation.each", value=v, name=text.title(r.bound))
                                     for v, r in zip(shown, results))


def propagation_figure(results: Sequence[Propagation], *, theme: str = "light", dpi: float = DPI) -> Figure:
    """Signal propagation layer by layer (Brock et al. 2021): the pre-activation variance q, the post-activation
    mean square, the correlation c of two inputs and the gradient norm² relative to the last layer, as lines
    for the mean field and markers for the finite network, one colour per activation."""
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator, LogLocator, MaxNLocator, NullLocator

    results = list(results)
    if not results:
        raise ValueError("propagation_figure needs at least one Propagation")
    check_propagation_figure(len(results))
    colors = theme_colors(theme)
    styles = curve_styles([r.bound.act.name for r in results], theme)
    depth = max(r.mean_field.depth for r in results)
    every = max(1, math.ceil(depth / 25))
    sims = [r.simulation for r in results if r.simulation is not None]
    width, left, right, gap_x = 9.0, 0.8, 0.25, 0.85
    panel_w = (width - left - right - gap_x) / 2
    panel_h, gap_y, head = 2.55, 0.85, 0.95
    with themed(theme):
        fig = new_figure((width, 10.0), dpi=dpi)
        renderer = fig.canvas.get_renderer()
        axes = [fig.add_axes((0.1, 0.1, 0.3, 0.3)) for _ in range(4)]
        for k, (what, ax) in enumerate(zip(_QUANTITIES, axes)):
            mf = [_finite(getattr(r.mean_field, what)) for r in results]
            sim = [_finite(getattr(r.simulation, what)) for r in results if r.simulation is not None]
            log, limits = _log_axis(mf + sim, always=what == "grad_ratio")
            for i, (r, style) in enumerate(zip(results, styles)):
                label = text.spec_label(r.bound)
                y = mf[i]
                if log:
                    y = np.where(y > 0, y, np.nan)
                layers = np.arange(y.size)
                ax.plot(layers, y, linewidth=1.8, zorder=3 + 0.1 * i, gid=f"mean_field:{what}:{label}", **style)
                if r.simulation is not None:
                    s = _finite(getattr(r.simulation, what))
                    if log:
                        s = np.where(s > 0, s, np.nan)
                    ax.plot(np.arange(s.size), s, linestyle="none", marker=_MARKERS[i % len(_MARKERS)], markersize=4.0,
                            markerfacecolor="none", markeredgewidth=1.1, color=style["color"],
                            markevery=(i % every, every), zorder=4 + 0.1 * i, gid=f"simulation:{what}:{label}")
            title = msg(f"propagation.{what if what != 'grad_ratio' else 'grad'}")
            if log and limits is not None:
                pad = 10.0 ** (0.04 * math.log10(limits[1] / limits[0]))  # the lines clear of the frame
                ax.set_ylim(limits[0] / pad, limits[1] * pad)
                ax.set_yscale("log")
                ax.yaxis.set_major_locator(FixedLocator(_decade_ticks(*limits)))
                ax.yaxis.set_minor_locator(LogLocator(subs="auto") if math.log10(limits[1] / limits[0]) <= 6
                                           else NullLocator())
                title += msg("propagation.log")
            elif what == "c":
                values = np.concatenate([v[np.isfinite(v)] for v in mf + sim])
                low = min(0.0, float(values.min())) if values.size else 0.0
                ax.set_ylim(low - 0.05, 1.05)
            else:
                values = np.concatenate([v[np.isfinite(v)] for v in mf + sim])
                top = float(values.max()) if values.size and values.max() > 0 else 1.0
                bottom = min(0.0, float(values.min())) if values.size else 0.0
                ax.set_ylim(bottom, top * 1.08)
            if what == "grad_ratio":
                ax.axhline(1.0, color=colors["axis"], linewidth=0.8, zorder=2)
            ax.set_xlim(0, depth)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True, steps=[1, 2, 2.5, 5, 10]))
            ax.text(0.0, 1.0, title, transform=ax.transAxes, fontsize=10, fontweight="bold", ha="left", va="bottom",
                    gid=f"panel-title:{what}").set_y(1.035)
            if k >= 2:
                ax.set_xlabel(msg("propagation.layer"))
        # one legend: an entry per activation, then what lines and markers are
        handles: list[Any] = []
        labels: list[str] = []
        for i, (r, style) in enumerate(zip(results, styles)):
            handles.append(Line2D([], [], linewidth=1.8, marker=_MARKERS[i % len(_MARKERS)] if r.simulation else None,
                                  markersize=4.0, markerfacecolor="none", markeredgewidth=1.1, **style))
            mf = r.mean_field
            if mf.chi1 is None:
                labels.append(msg("propagation.legend_diverges", title=text.title(r.bound)))
            else:
                labels.append(msg("propagation.legend", title=text.title(r.bound), chi=_chi(mf.chi1),
                                  phase=_phase_word(mf.chi1)))
        handles.append(Line2D([], [], linewidth=1.8, color=colors["muted"]))
        labels.append(msg("propagation.key_mean_field"))
        if sims:
            handles.append(Line2D([], [], linestyle="none", marker="o", markersize=4.0, markerfacecolor="none",
                                  markeredgewidth=1.1, color=colors["muted"]))
            labels.append(msg("propagation.key_simulation", width=sims[0].width))
        from .figures import fit_text_width

        fig.canvas.draw()
        for ax in axes:
            for t in ax.texts:
                fit_text_width(t, panel_w * fig.dpi, renderer, min_size=8.0)
        mf0 = results[0].mean_field
        notes = [msg("propagation.caption_weights", w=_per_activation(results, [r.mean_field.sigma_w2 for r in results]),
                     b=_per_activation(results, [r.mean_field.sigma_b2 for r in results]), q0=text.number(mf0.q0),
                     c0=text.number(mf0.c0))]
        if sims:
            notes.append(msg("propagation.caption_simulation", width=sims[0].width, seed=sims[0].seed,
                             every=text.count(every, "layer") if every > 1 else msg("count.layer").split("|")[0]))
        notes.append(msg("propagation.caption_gradient"))
        caption = fig.text(0.15, 0.12, "\n".join(notes), fontsize=8, color=colors["muted"], ha="left", va="bottom",
                           linespacing=1.45, transform=fig.dpi_scale_trans, gid="caption")
        wrap_caption(caption, (width - 0.3) * fig.dpi, renderer)
        cap_top = 0.12 + caption.get_window_extent(renderer).height / fig.dpi
        ncol = 2 if len(handles) > 3 else len(handles)
        legend = fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.15, cap_top + 0.15),
                            bbox_transform=fig.dpi_scale_trans, ncol=ncol, fontsize=8.5, frameon=False,
                            handlelength=2.6, borderaxespad=0.0, borderpad=0.0, columnspacing=2.0)
        if legend.get_window_extent(renderer).width > (width - 0.3) * fig.dpi:
            legend.remove()
            legend = fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.15, cap_top + 0.15),
                                bbox_transform=fig.dpi_scale_trans, ncol=1, fontsize=8.5, frameon=False,
                                handlelength=2.6, borderaxespad=0.0, borderpad=0.0)
        leg_top = cap_top + 0.15 + legend.get_window_extent(renderer).height / fig.dpi
        bottom = leg_top + 0.62
        height = bottom + 2 * panel_h + gap_y + head
        fig.set_size_inches(width, height)
        for k, ax in enumerate(axes):
            row, col = divmod(k, 2)
            y0 = bottom + (1 - row) * (panel_h + gap_y)
            ax.set_position(_axes_rect(fig, left + col * (panel_w + gap_x), y0, panel_w, panel_h))
        title = fig.text(0.15, height - 0.18, msg("propagation.title", layers=text.count(depth, "layer")),
                         fontsize=12.5, fontweight="bold", ha="left", va="top", transform=fig.dpi_scale_trans,
                         gid="title")
        fig.text(0.15, height - 0.18 - title.get_window_extent(renderer).height / fig.dpi - 0.07,
                 msg("propagation.subtitle" if sims else "propagation.subtitle_mean_field"), fontsize=9.5,
                 color=colors["muted"], ha="left", va="top", transform=fig.dpi_scale_trans, gid="subtitle")
    return fig
