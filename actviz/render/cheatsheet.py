"""The cheatsheet: every activation (or a selection) on one poster, grouped by family.

Layout is computed by hand, in inches, on a fixed grid: panels flow left to right, row by row,
in catalogue order; above every row a strip of family bands names the family of the panels
below it (a family that continues from the previous row keeps its colour and says so). Each
panel: the name with its parameters, the formula (shrunk to fit), the curve f (solid) and f′
(dashed), dotted asymptotes, light shading where f saturates, and the range of f with open or
closed ends, derived by :mod:`actviz.analysis`. No layout engine runs, the axes get no tick
machinery (grid and labels are drawn directly), glyphs are not hinted and the PNG is written
unfiltered (:func:`write_png`): that is what keeps the whole catalogue at about a second.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import text
from ..catalog import FAMILIES
from ..errors import ParameterError
from ..errors import option as opt
from ..messages import msg
from ..options import Window, check_int, check_pixels
from ..spec import Bound
from . import draw
from .figures import fit_text_width, make_figure, wrap_text
from .png import attach_poster_canvas, poster_rc
from .sampling import check_values, vector_note
from .style import PALETTE, color_for, mix, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "MIN_COLS", "MAX_COLS", "DEFAULT_COLS", "layout", "check_cols", "balanced_cols",
    "poster_size", "check_panels", "check_cheatsheet", "cheatsheet_figure", "write_cheatsheet_png", "XMIN", "XMAX",
    "POINTS",
]

MIN_COLS, MAX_COLS, DEFAULT_COLS = 1, 12, 6

# geometry, in inches
CELL_W, CELL_H = 3.15, 2.62  # one panel with its texts
BAND_H = 0.34  # family strip above each row
MARGIN_X = 0.35
HEADER_H = 1.05  # poster title and the line-style legend, on one line each (more where they wrap)
FOOTER_H = 0.32
XMIN, XMAX, POINTS = -5.0, 5.0, 241  #: the default window and the samples per panel
POSTER_WINDOW = Window(XMIN, XMAX, POINTS)

_FAMILY_COLOR = {family: PALETTE[i % len(PALETTE)] for i, family in enumerate(FAMILIES)}


def balanced_cols(n_panels: int, most: int = DEFAULT_COLS) -> int:
    """Columns for ``n_panels`` when none are asked for: as few rows as ``most`` per row allows,
    filled evenly (8 panels: 2 rows of 4, not 6 + 2; 46: 8 rows of 6)."""
    if n_panels <= 0:
        return most
    rows = math.ceil(n_panels / most)
    return math.ceil(n_panels / rows)


def _cols(n_panels: int, cols: int | None) -> int:
    return balanced_cols(n_panels) if cols is None else cols


def check_cols(cols: int | None) -> None:
    """Refuse a column count out of range; None (choose balanced columns) is fine."""
    if cols is not None:
        check_int(cols, "cols", MIN_COLS, MAX_COLS)


def layout(panels: Sequence[Bound], cols: int) -> list[list[Bound]]:
    """Rows of at most ``cols`` panels, in order."""
    return [list(panels[i:i + cols]) for i in range(0, len(panels), cols)]


def _size(n_panels: int, cols: int) -> tuple[float, float, int]:
    n_cols = min(cols, max(n_panels, 1))
    rows = math.ceil(n_panels / cols) if n_panels else 0
    width = 2 * MARGIN_X + n_cols * CELL_W
    height = HEADER_H + rows * (BAND_H + CELL_H) + FOOTER_H
    return width, height, rows


def poster_size(n_panels: int, cols: int | None) -> tuple[float, float]:
    """The poster's size in inches before its texts are laid out (``cols=None``: balanced columns):
    what its pixel count is checked on."""
    width, height, _ = _size(n_panels, _cols(n_panels, cols))
    return width, height


def _range_text(bound: Bound) -> str:
    shown = text.range_set(bound.properties())
    return msg("cheatsheet.range", shown=shown) if not bound.vector else msg("cheatsheet.range_vector", shown=shown)


def check_panels(bounds: Sequence[Bound], cols: int | None) -> None:
    """The poster's own options: at least one panel, a column count in range."""
    if not bounds:
        raise ParameterError("the cheatsheet needs at least one activation")
    check_cols(cols)


def check_cheatsheet(bounds: Sequence[Bound], *, cols: int | None, window: Window = POSTER_WINDOW) -> None:
    """The panels and every panel's values on the window, before anything is drawn (theme, dpi,
    window and pixel count: :mod:`actviz.options`, through the API)."""
    check_panels(bounds, cols)
    check_values(bounds, window, hint=f"use smaller parameters or a narrower {opt('xmin')}/{opt('xmax')}")


def cheatsheet_figure(bounds: Sequence[Bound], *, heading: str | None = None, cols: int | None = None,
                      theme: str = "light", dpi: float = 100, window: Window = POSTER_WINDOW) -> Figure:
    """The poster of ``bounds``, in the order given, under the title ``heading``, on ``window``.

    ``cols=None`` chooses balanced columns (:func:`balanced_cols`: at most six per row, rows
    filled evenly); an explicit ``cols`` is used as given. Each panel's Axes has the gid
    ``panel:<name>``. The title, the line-style key and the footer wrap to the poster's width (one
    column is narrow), and the poster grows to hold them.
    """
    check_cheatsheet(bounds, cols=cols, window=window)
    plan = _plan(bounds, heading, cols, theme, dpi, window)
    with themed(theme), poster_rc():
        fig = _canvas(plan)
        _draw(plan, fig, range(len(plan.rows)), header=True, footer=True)
    return fig


def write_cheatsheet_png(bounds: Sequence[Bound], path: Any, *, heading: str | None = None, cols: int | None = None,
                         theme: str = "light", dpi: float = 100, window: Window = POSTER_WINDOW) -> Path:
    """The poster of ``bounds`` (as :func:`cheatsheet_figure`) written to the PNG ``path``, atomically.

    Where this process may fork (:func:`.bands.forkable`), the rows of the poster's lower half are built
    and drawn by a forked process while this one does the upper half, and the pixels are joined
    (:func:`.bands.stitched`: the same pixels as one drawing, or it is drawn here in one piece). Measured
    on 2 cores: the whole catalogue in 0.6 s instead of 0.9 s.
    """
    import matplotlib
    import numpy as np

    from .bands import stitched
    from .png import write_png
    from .save import SAVE_RC, _atomic

    check_cheatsheet(bounds, cols=cols, window=window)
    plan = _plan(bounds, heading, cols, theme, dpi, window)
    check_pixels((plan.width, plan.height), dpi, "poster")  # its size with the header laid out, as save() checks
    with themed(theme), poster_rc():
        fig = _canvas(plan)
        renderer = fig.canvas.get_renderer()
    shape = (int(renderer.height), int(renderer.width))

    def drawn(rows: range, header: bool, footer: bool) -> Any:
        with themed(theme), poster_rc():
            _draw(plan, fig, rows, header=header, footer=footer)
        with matplotlib.rc_context(SAVE_RC), poster_rc():  # as save_figure draws it
            fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba())

    k = _split_row(plan)
    image = None
    if k is not None:
        split = shape[0] - round((plan.tops[k] + SPLIT_ABOVE) * dpi)  # pixel rows count from the top
        image = stitched(lambda: drawn(range(k), True, False), lambda: drawn(range(k, len(plan.rows)), False, True),
                         shape, split)
    if image is None:  # one process draws it all, on a fresh canvas
        with themed(theme), poster_rc():
            fig = _canvas(plan)
        image = drawn(range(len(plan.rows)), True, True)
    return _atomic(Path(path), lambda fh: write_png(fh, image, dpi=dpi))


#: where the poster is cut between two rows: this far (inches) above the top of the lower row, in the gap
#: between the upper row's range line (0.1 in above it) and the lower row's strip or name (0.04 in below)
SPLIT_ABOVE = 0.03


def _split_row(plan: _Plan) -> int | None:
    """The first row drawn by the second process: as many panels above as below (None: one row)."""
    if len(plan.rows) < 2:
        return None
    total = sum(len(r) for r in plan.rows)
    above, best, best_k = 0, total, None
    for k in range(1, len(plan.rows)):
        above += len(plan.rows[k - 1])
        if abs(total - 2 * above) < best:
            best, best_k = abs(total - 2 * above), k
    return best_k


@dataclass(frozen=True)
class _Plan:
    """A poster laid out: its size, header, rows and where each row starts (inches from the bottom)."""

    width: float
    height: float
    dpi: float
    theme: str
    window: Window
    header: _Header
    header_h: float
    rows: list[list[Bound]]
    banded: list[bool]  #: does the row get a family strip of its own
    tops: list[float]  #: the top of each row, its strip included


def _plan(bounds: Sequence[Bound], heading: str | None, cols: int | None, theme: str, dpi: float,
          window: Window) -> _Plan:
    heading = msg("cheatsheet.heading") if heading is None else heading
    panels = list(bounds)
    cols = _cols(len(panels), cols)
    rows = layout(panels, cols)
    width, _, _ = _size(len(panels), cols)
    colors = theme_colors(theme)
    with themed(theme), poster_rc():
        what = msg("cheatsheet.one") if len(panels) == 1 else msg("cheatsheet.many", n=len(panels))
        shown = msg("cheatsheet.window", low=text.number(window.xmin), high=text.number(window.xmax))
        vector = any(p.vector for p in panels)
        footer_text = shown + (msg("cheatsheet.vector", note=vector_note()) if vector else "") + \
            msg("cheatsheet.footer")
        # the title, key and footer are laid out on a scratch figure first: their heights decide the
        # poster's, and the poster is made once at its final size (a resize would make a new renderer,
        # and with it parse every formula again)
        header = _plan_header(width, dpi, msg("cheatsheet.title", heading=heading, what=what),
                              msg("cheatsheet.title_two_lines", heading=heading, what=what), footer_text, colors)
    header_h = 0.22 + header.title_h + 0.14 + header.key_h + 0.2
    # a row that only continues the family of the row above gets no band of its own: with one column
    # a family's band is drawn once, not "(continued)" over each of its panels
    banded = [i == 0 or any(p.family != rows[i - 1][-1].family for p in row) for i, row in enumerate(rows)]
    height = header_h + sum(BAND_H * b + CELL_H for b in banded) + header.footer_h + 0.18
    tops, top = [], height - header_h
    for band in banded:
        tops.append(top)
        top = (top - BAND_H * band) - CELL_H  # as the rows are drawn: the strip, then the cell
    return _Plan(width, height, dpi, theme, window, header, header_h, rows, banded, tops)


def _canvas(plan: _Plan) -> Figure:
    """The poster's empty figure, on the canvas that draws its PNG (call inside its theme)."""
    fig = make_figure((plan.width, plan.height), plan.dpi)
    attach_poster_canvas(fig)
    return fig


def _draw(plan: _Plan, fig: Figure, rows: range, *, header: bool, footer: bool) -> None:
    """Put the poster's ``rows`` on ``fig``, and its title and key (``header``) and footer (call inside its
    theme and :func:`.png.poster_rc`)."""
    W, H, dpi, head = plan.width, plan.height, plan.dpi, plan.header
    colors = theme_colors(plan.theme)
    renderer = fig.canvas.get_renderer()
    if header:
        fig.text(0.5, 1 - 0.22 / H, head.title, ha="center", va="top", fontsize=head.title_size, fontweight="bold",
                 linespacing=1.15)
        _legend_line(fig, colors, head.ncol, (0.5, 1 - (0.22 + head.title_h + 0.14) / H))
    if footer:
        fig.text(0.5, 0.1 / H, head.footer, ha="center", va="bottom", fontsize=9, color=colors["muted"],
                 linespacing=1.3)
    for i in rows:
        row, top = plan.rows[i], plan.tops[i]
        if plan.banded[i]:
            _family_strip(fig, row, top, W, H, dpi, renderer, colors, plan.rows[i - 1][-1].family if i else None)
        cell_top = top - BAND_H * plan.banded[i]
        for c, panel in enumerate(row):
            _panel(fig, panel, MARGIN_X + c * CELL_W, cell_top, W, H, dpi, renderer, colors, plan.window, plan.theme)


@dataclass(frozen=True)
class _Header:
    title: str
    title_size: float
    title_h: float  #: inches
    ncol: int
    key_h: float
    footer: str
    footer_h: float


def _plan_header(W: float, dpi: float, title: str, title_two_lines: str, footer: str,
                 colors: Mapping[str, str]) -> _Header:
    """Lay out the poster's title, key and footer for its width: a title too wide takes more lines
    (then shrinks, not below 11 pt), the key as many rows as it needs, the footer as many lines."""
    fig = make_figure((W, 2.0), dpi)
    renderer = fig.canvas.get_renderer()
    avail = (W - 2 * MARGIN_X) * dpi
    artist = fig.text(0.5, 1.0, title, ha="center", va="top", fontsize=20, fontweight="bold", linespacing=1.15)
    if artist.get_window_extent(renderer).width > avail:  # more lines rather than tiny type
        artist.set_text(title_two_lines)
        artist.set_fontsize(16)
        wrap_text(artist, avail, renderer)
    size = fit_text_width(artist, avail, renderer, min_size=11.0)
    title_h = artist.get_window_extent(renderer).height / dpi
    for ncol in range(len(_KEY), 0, -1):
        key = _legend_line(fig, colors, ncol, (0.5, 1.0))
        if key.get_window_extent(renderer).width <= avail or ncol == 1:
            break
        key.remove()
    key_h = key.get_window_extent(renderer).height / dpi
    note = fig.text(0.5, 0.0, footer, ha="center", va="bottom", fontsize=9, linespacing=1.3)
    wrap_text(note, avail, renderer)
    return _Header(artist.get_text(), size, title_h, ncol, key_h, note.get_text(),
                   note.get_window_extent(renderer).height / dpi)


#: the key to the line styles (message ids)
_KEY = ("cheatsheet.key_f", "cheatsheet.key_df", "figure.asymptote", "figure.small_slope", "cheatsheet.key_jump")


def _legend_line(fig: Figure, colors: Mapping[str, str], ncol: int, anchor: tuple[float, float]) -> Any:
    """The key to the line styles in ``ncol`` columns, its top centred at ``anchor``; returns it."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ink = colors["ink"]
    key = [msg(k) for k in _KEY]
    handles = [
        Line2D([], [], color=ink, linewidth=2.0, label=key[0]),
        Line2D([], [], color=colors["muted"], linewidth=1.5, linestyle=(0, (4.0, 2.2)), label=key[1]),
        Line2D([], [], color=colors["muted"], linewidth=1.3, linestyle=(0, (1.2, 2.2)), label=key[2]),
        Patch(color=colors["shade"], alpha=0.25, linewidth=0, label=key[3]),
        Line2D([], [], color=ink, marker="o", linestyle="none", markersize=5, label=key[4]),
    ]
    return fig.legend(handles=handles, loc="upper center", bbox_to_anchor=anchor, ncol=ncol, frameon=False,
                      fontsize=11, handlelength=2.6, columnspacing=2.2, borderaxespad=0.0)


def _family_strip(fig: Figure, row: Sequence[Bound], top: float, W: float, H: float, dpi: float, renderer: Any,
                  colors: Mapping[str, str], previous: str | None) -> None:
    """Coloured bands over the panels of each family in this row, with the family heading (shrunk to
    its band where a long heading meets a narrow band: one column, GLU's)."""
    from matplotlib.patches import Rectangle

    start = 0
    while start < len(row):
        fam = row[start].family
        stop = start
        while stop < len(row) and row[stop].family == fam:
            stop += 1
        x0 = MARGIN_X + start * CELL_W + 0.04
        w = (stop - start) * CELL_W - 0.08
        base = _FAMILY_COLOR.get(fam, colors["muted"])
        band = mix(base, colors["background"], 0.78)
        y0 = top - BAND_H + 0.05
        fig.add_artist(Rectangle((x0 / W, y0 / H), w / W, (BAND_H - 0.09) / H, transform=fig.transFigure,
                                 facecolor=band, edgecolor="none", zorder=0))
        fig.add_artist(Rectangle((x0 / W, y0 / H), 0.06 / W, (BAND_H - 0.09) / H, transform=fig.transFigure,
                                 facecolor=base, edgecolor="none", zorder=0.1))
        heading = text.family_title(fam)
        suffix = msg("cheatsheet.continued") if start == 0 and fam == previous else ""
        label = fig.text((x0 + 0.14) / W, (y0 + (BAND_H - 0.09) / 2) / H, heading + suffix, ha="left",
                         va="center_baseline", fontsize=11, fontweight="bold", color=mix(base, colors["ink"], 0.55))
        avail = (w - 0.2) * dpi
        fit_text_width(label, avail, renderer, min_size=7.0)
        words = heading.split(" ")
        while len(words) > 1 and label.get_window_extent(renderer).width > avail:  # still too long: cut
            words.pop()
            label.set_text(" ".join(words).rstrip(",:;") + "\u2026" + suffix)
        start = stop


def _panel(fig: Figure, panel: Bound, x0: float, top: float, W: float, H: float, dpi: float,
           renderer: Any, colors: Mapping[str, str], window: Window = POSTER_WINDOW,
           theme: str = "light") -> Any:
    inner_w = CELL_W - 0.3
    cx = x0 + CELL_W / 2
    name = fig.text(cx / W, (top - 0.08) / H, text.title(panel), ha="center", va="top",
                    fontsize=10.5, fontweight="bold")
    fit_text_width(name, inner_w * dpi, renderer, min_size=6.5)
    formula = fig.text(cx / W, (top - 0.53) / H, text.formula_math(panel, display=True), ha="center",
                       va="center", fontsize=9.5)
    fitted = _fit_text_box(formula, inner_w * dpi, 0.4 * dpi, renderer, min_size=5.0)
    if fitted < 0.9 * 9.5 and ("\\frac" in panel.formula or "\\sum" in panel.formula):
        # a tall display fraction (softmax's Σ) would shrink below its neighbours: the one-line form may not
        flat = fig.text(cx / W, (top - 0.53) / H, text.flat_math(panel), ha="center", va="center", fontsize=9.5)
        if _fit_text_box(flat, inner_w * dpi, 0.4 * dpi, renderer, min_size=5.0) > formula.get_fontsize():
            formula.remove()
            formula = flat
        else:
            flat.remove()
    left, right = 0.42, 0.12
    ax_bottom = top - CELL_H + 0.52
    ax_top = top - 0.8
    ax = fig.add_axes(((x0 + left) / W, ax_bottom / H, (CELL_W - left - right) / W, (ax_top - ax_bottom) / H),
                      gid=f"panel:{panel.name}")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    # no Tick machinery: _few_ticks draws grid and labels itself, so the axes' own x- and y-axis
    # (empty tick lists, no labels) are not drawn at all
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    color = color_for(panel.name, theme)
    drawn = draw.draw_activation(
        ax, panel, window=window, color=color, derivative=True,
        derivative_color=colors["muted"], muted=colors["muted"], shade=colors["shade"], linewidth=1.7,
        label="f(x)",
    )
    draw.draw_origin_axes(ax, colors["axis"], linewidth=0.7)
    _few_ticks(ax, drawn.ylim, colors, window)
    # the caption under the panel: the range, and whether f′ is clipped (never written over a curve)
    caption = _range_text(panel)
    clipped = drawn.df_range is not None
    shown = fig.text(cx / W, (top - CELL_H + 0.1) / H, caption + (msg("cheatsheet.df_clipped") if clipped else ""),
                     ha="center", va="bottom", fontsize=9, color=colors["ink"], gid="clip-note" if clipped else None)
    fit_text_width(shown, inner_w * dpi, renderer, min_size=6.5)
    return ax


def _fit_text_box(artist: Any, width_px: float, height_px: float, renderer: Any, *, min_size: float) -> float:
    """Shrink ``artist`` (a Text) to at most ``width_px`` wide (not below ``min_size``, as
    :func:`~actviz.render.figures.fit_text_width`) and ``height_px`` tall (tall fractions).

    Both from one measurement: text scales linearly with its font size, and each measurement of
    a formula is a mathtext parse (~5 ms).
    """
    size = float(artist.get_fontsize())
    box = artist.get_window_extent(renderer)
    fitted = size
    if box.width > width_px:
        fitted = max(min_size, size * width_px / box.width * 0.97)
    if box.height * fitted / size > height_px:
        fitted = size * height_px / box.height
    if fitted != size:
        artist.set_fontsize(fitted)
    return fitted


def _few_ticks(ax: Any, ylim: tuple[float, float], colors: Mapping[str, str],
               window: Window = POSTER_WINDOW) -> None:
    """Grid and tick labels drawn directly: x at up to three round numbers (−4, 0, 4 on the default
    window); y at up to four.

    matplotlib's tick machinery (a Tick of five artists per tick, bounding-box bookkeeping at
    every draw) costs more than the curves on a 46-panel poster; one grid line and a few texts
    per panel give the same picture.
    """
    from matplotlib.lines import Line2D

    xt, xstep = _x_ticks(window)
    lo, hi = ylim
    step = _nice_step(lo, hi, most=4)
    first = math.ceil(lo / step)
    yt = [(first + i) * step for i in range(int(math.floor(hi / step)) - first + 1)]
    yt = [0.0 if abs(t) < 1e-9 * step else t for t in yt]
    ax.set_xticks([])
    ax.set_yticks([])
    nan = float("nan")
    gx: list[float] = []
    gy: list[float] = []
    for t in xt:
        gx += [t, t, nan]
        gy += [lo, hi, nan]
    for t in yt:
        gx += [window.xmin, window.xmax, nan]
        gy += [t, t, nan]
    ax.add_line(Line2D(gx, gy, color=colors["grid"], linewidth=0.6, zorder=0.6))
    xtrans, ytrans = ax.get_xaxis_transform(), ax.get_yaxis_transform()
    for t in xt:
        ax.text(t, -0.035, _tick(t, xstep), transform=xtrans, ha="center", va="top", fontsize=7.5,
                clip_on=False)
    for t in yt:
        ax.text(-0.03, t, _tick(t, step), transform=ytrans, ha="right", va="center", fontsize=7.5,
                clip_on=False)


def _x_ticks(window: Window) -> tuple[list[float], float]:
    """Two or three round x values well inside the window (clear of its edges, where the y labels
    are): −4, 0, 4 on [−5, 5]; and the step between them."""
    xmin, xmax = window.xmin, window.xmax
    span = xmax - xmin
    mag = 10.0 ** math.floor(math.log10(span / 6))
    found: dict[int, tuple[list[float], float]] = {}
    for k in range(4):
        for m in (1.0, 2.0, 4.0, 2.5, 5.0):
            step = m * mag * 10.0 ** k
            ticks = [t * step for t in range(math.ceil(xmin / step), math.floor(xmax / step) + 1)]
            inner = [0.0 if abs(t) < 1e-9 * step else t for t in ticks
                     if xmin + 0.04 * span < t < xmax - 0.04 * span]
            if 2 <= len(inner) <= 3:
                found.setdefault(len(inner), (inner, step))
    return found.get(3) or found.get(2) or ([xmin + span / 2], span)


def _nice_step(lo: float, hi: float, most: int) -> float:
    """The smallest round step (1, 2, 2.5, 5 × 10^k) giving at most ``most`` ticks in [lo, hi]."""
    span = hi - lo
    mag = 10.0 ** math.floor(math.log10(span / (2 * most)))
    for k in range(6):
        for m in (1.0, 2.0, 2.5, 5.0):
            step = m * mag * 10.0 ** k
            if math.floor(hi / step) - math.ceil(lo / step) + 1 <= most:
                return step
    return span


def _tick(value: float, step: float) -> str:
    if abs(value) >= 1e5 or (0 < abs(value) < 1e-3):
        shown = f"{value:.0e}"
    else:
        digits = f"{step:.6g}"
        decimals = len(digits.split(".")[1]) if "." in digits and "e" not in digits else 0
        shown = f"{value:.{decimals}f}"
    return text.minus(shown)
