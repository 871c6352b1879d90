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

import contextlib
import math
import struct
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..catalog import FAMILIES, REGISTRY
from ..errors import ActvizError
from ..spec import Activation, Value
from . import draw
from .figures import check_dpi, fit_text_width, make_figure
from .style import PALETTE, check_theme, color_for, mix, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "MIN_COLS", "MAX_COLS", "DEFAULT_COLS", "MAX_PIXELS", "Panel", "select", "layout", "check_cols",
    "balanced_cols",
    "check_size", "cheatsheet_figure",
]

MIN_COLS, MAX_COLS, DEFAULT_COLS = 1, 12, 6
MAX_PIXELS = 120e6  #: refuse PNGs larger than this (memory)

# geometry, in inches
CELL_W, CELL_H = 3.15, 2.62  # one panel with its texts
BAND_H = 0.34  # family strip above each row
MARGIN_X = 0.35
HEADER_H = 1.05  # poster title and the line-style legend
FOOTER_H = 0.32
XMIN, XMAX, POINTS = -5.0, 5.0, 241

_FAMILY_COLOR = {family: PALETTE[i % len(PALETTE)] for i, family in enumerate(FAMILIES)}


@dataclass(frozen=True)
class Panel:
    act: Activation
    params: dict[str, Value]


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
    if cols is not None and not MIN_COLS <= cols <= MAX_COLS:
        raise ActvizError(f"--cols {cols} is out of range: use {MIN_COLS} to {MAX_COLS}")


def select(specs: Sequence[tuple[Activation, Mapping[str, Value]]] = (), family: str | None = None) -> list[Panel]:
    """The panels to draw: ``specs`` (in the order given) or the whole catalogue, optionally one family.

    With both, every spec must belong to ``family``. An unknown family raises :class:`ActvizError`
    naming the families.
    """
    members = None
    if family is not None:
        members = {act.name for act in REGISTRY.family(family)}
    if specs:
        panels = [Panel(act, act.resolve(params)) for act, params in specs]
        if members is not None:
            outside = [p.act.name for p in panels if p.act.name not in members]
            if outside:
                raise ActvizError(f"{', '.join(outside)} not in family {family!r}; "
                                  f"its members: {', '.join(sorted(members, key=REGISTRY.names().index))}")
        return panels
    names = REGISTRY.names()
    return [Panel(REGISTRY[n], REGISTRY[n].resolve()) for n in names if members is None or n in members]


def layout(panels: Sequence[Panel], cols: int) -> list[list[Panel]]:
    """Rows of at most ``cols`` panels, in order."""
    return [list(panels[i:i + cols]) for i in range(0, len(panels), cols)]


def _size(n_panels: int, cols: int) -> tuple[float, float, int]:
    n_cols = min(cols, max(n_panels, 1))
    rows = math.ceil(n_panels / cols) if n_panels else 0
    width = 2 * MARGIN_X + n_cols * CELL_W
    height = HEADER_H + rows * (BAND_H + CELL_H) + FOOTER_H
    return width, height, rows


def check_size(n_panels: int, cols: int | None, dpi: float) -> None:
    """Refuse a poster whose pixel count would exhaust memory (``cols=None``: balanced columns)."""
    width, height, _ = _size(n_panels, _cols(n_panels, cols))
    pixels = width * height * dpi * dpi
    if pixels > MAX_PIXELS:
        raise ActvizError(f"--dpi {dpi:g} makes a {width * dpi:.0f} x {height * dpi:.0f} pixel poster "
                          f"(limit {MAX_PIXELS / 1e6:.0f} megapixels): lower --dpi or use .svg/.pdf")


def _range_text(panel: Panel) -> str:
    try:
        text = panel.act.properties(**panel.params).range_text
    except ActvizError:
        return ""
    return f"range {text}" if not panel.act.vector else f"range of f\u2081 {text}"


def cheatsheet_figure(
    specs: Sequence[tuple[Activation, Mapping[str, Value]]] = (),
    *,
    family: str | None = None,
    cols: int | None = None,
    theme: str = "light",
    dpi: float = 100,
    check_pixels: bool = True,
) -> Figure:
    """The poster. Call and save it inside ``themed(theme)``.

    ``cols=None`` chooses balanced columns (:func:`balanced_cols`: at most six per row, rows
    filled evenly); an explicit ``cols`` is used as given.
    """
    check_theme(theme)
    check_cols(cols)
    check_dpi(dpi)
    _roomy_mathtext_cache()
    panels = select(specs, family)
    cols = _cols(len(panels), cols)
    if check_pixels:
        check_size(len(panels), cols, dpi)
    rows = layout(panels, cols)
    width, height, _ = _size(len(panels), cols)
    colors = theme_colors(theme)
    with themed(theme), _poster_rc():
        fig = make_figure((width, height), dpi)
        _attach_poster_canvas(fig)
        renderer = fig.canvas.get_renderer()
        W, H = width, height

        # -- title and one-line legend for the line styles
        count = f"{len(panels)} function{'s' if len(panels) != 1 else ''}"
        what = FAMILIES[family] if family and not specs else "Activation functions"
        title = fig.text(0.5, 1 - 0.22 / H, f"{what}: cheatsheet of {count} and their derivatives",
                         ha="center", va="top",
                         fontsize=20, fontweight="bold")
        fit_text_width(title, (W - 2 * MARGIN_X) * dpi, renderer)
        _legend_line(fig, W, H, colors)

        # -- rows: family strip, then panels
        top = H - HEADER_H
        previous_family = None
        axes_for: dict[str, Any] = {}
        for row in rows:
            _family_strip(fig, row, top, W, H, colors, previous_family)
            previous_family = row[-1].act.family
            cell_top = top - BAND_H
            for c, panel in enumerate(row):
                x0 = MARGIN_X + c * CELL_W
                ax = _panel(fig, panel, x0, cell_top, W, H, dpi, renderer, colors, theme)
                axes_for.setdefault(panel.act.name, ax)
            top = cell_top - CELL_H
        fig.text(0.5, 0.1 / H, "x-range [−5, 5]; vector-valued functions: " + draw.vector_note()
                 + ". Ranges derived from the functions by actviz.analysis.",
                 ha="center", va="bottom", fontsize=9, color=colors["muted"])
        fig._actviz = {"panels": panels, "axes": axes_for}  # noqa: SLF001
    return fig


#: rcParams of the poster, in force while it is built and while its PNG is drawn: unhinted glyphs.
#: matplotlib renders text glyph by glyph, and with its default (FreeType's autohinter) every glyph
#: of the poster's ~4000 is hinted again at every draw; unhinted, text is measured and drawn in
#: about half the time and differs by a fraction of a pixel. SVG and PDF are never hinted.
POSTER_RC = {"text.hinting": "no_hinting"}
#: zlib level of the poster's PNG: 3 compresses a mostly-white poster within a few per cent of 6
#: in half the time (see :func:`write_png`)
PNG_LEVEL = 3


@contextlib.contextmanager
def _poster_rc() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(POSTER_RC):
        yield


_CANVAS: dict[str, type] = {}


def _attach_poster_canvas(fig: Figure) -> None:
    """Give ``fig`` an Agg canvas whose PNG is drawn with :data:`POSTER_RC` and written by
    :func:`write_png`.

    Text is measured while the poster is built (under :data:`POSTER_RC`) and drawn when it is
    saved; both must use the same glyph hinting, whatever the caller's rcParams at save time.
    Other formats (SVG, PDF) are written by their own canvases as usual.
    """
    cls = _CANVAS.get("poster")
    if cls is None:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        class PosterCanvas(FigureCanvasAgg):
            def print_png(self, filename_or_obj: Any, *, metadata: Mapping[str, Any] | None = None,
                          pil_kwargs: Mapping[str, Any] | None = None, **print_figure_kwargs: Any) -> None:
                # print_figure passes dpi, facecolor, ... to print methods defined outside
                # matplotlib; Agg's own print_png takes none of them (they are already applied)
                software = f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/"
                text = {k: v for k, v in {"Software": software, **(metadata or {})}.items() if v is not None}
                with _poster_rc():
                    if pil_kwargs is not None or _text_chunks(text) is None:  # only Pillow writes these
                        super().print_png(filename_or_obj, metadata=metadata, pil_kwargs=pil_kwargs)
                        return
                    FigureCanvasAgg.draw(self)
                    rgba = np.asarray(self.buffer_rgba())
                if hasattr(filename_or_obj, "write"):
                    write_png(filename_or_obj, rgba, dpi=self.figure.dpi, text=text)
                else:
                    with open(filename_or_obj, "wb") as fh:
                        write_png(fh, rgba, dpi=self.figure.dpi, text=text)

        cls = _CANVAS["poster"] = PosterCanvas
    cls(fig)


def _text_chunks(text: Mapping[str, Any]) -> list[bytes] | None:
    """``keyword\\0value`` payloads of PNG tEXt chunks, or None if one cannot be one (the
    keyword must be 1 to 79 latin-1 characters, the value latin-1 text or bytes)."""
    out = []
    for key, value in text.items():
        try:
            k = key.encode("latin-1")
            v = value if isinstance(value, bytes) else str(value).encode("latin-1")
        except (AttributeError, UnicodeEncodeError):
            return None
        if not 1 <= len(k) <= 79:
            return None
        out.append(k + b"\0" + v)
    return out


def write_png(fh: Any, rgba: np.ndarray, *, dpi: float, text: Mapping[str, Any] | None = None,
              level: int = PNG_LEVEL) -> None:
    """Write an ``(h, w, 4)`` uint8 image as PNG: RGB when it is opaque, else RGBA.

    Same pixels as matplotlib's PNG (through Pillow), about three times faster: Pillow tries five
    filters on every row to pick the best (most of its time), which buys little on a poster that
    is mostly flat background; here every row is stored unfiltered and zlib does the rest.
    ``text`` becomes tEXt chunks (latin-1), ``dpi`` the pHYs chunk. Deterministic.
    """
    chunks = _text_chunks(text or {})
    if chunks is None:
        raise ValueError("PNG text keys must be 1 to 79 latin-1 characters, values latin-1 text")
    h, w, _ = rgba.shape
    opaque = bool(rgba[..., 3].min() == 255)
    channels = 3 if opaque else 4
    rows = max(1, (1 << 20) // (w * channels))  # ~1 MiB of scanlines at a time: little extra memory
    raw = np.empty((rows, 1 + w * channels), dtype=np.uint8)
    raw[:, 0] = 0  # filter type "None" on every scanline
    pixels = raw[:, 1:].reshape(rows, w, channels)
    packer = zlib.compressobj(level)
    idat = []
    for start in range(0, h, rows):
        n = min(rows, h - start)
        pixels[:n] = rgba[start:start + n, :, :channels]
        idat.append(packer.compress(raw[:n]))
    idat.append(packer.flush())

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    per_metre = int(dpi / 0.0254 + 0.5)
    fh.write(b"\x89PNG\r\n\x1a\n")
    fh.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2 if opaque else 6, 0, 0, 0)))
    fh.write(chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    for payload in chunks:
        fh.write(chunk(b"tEXt", payload))
    fh.write(chunk(b"IDAT", b"".join(idat)))
    fh.write(chunk(b"IEND", b""))


def _roomy_mathtext_cache(size: int = 512) -> None:
    """Let matplotlib keep every formula of the poster parsed.

    Its mathtext cache holds 50 parses; a poster has more formulas than that, measured when laid
    out and drawn again when saved, so with 50 slots every one is parsed twice (LRU thrashing).
    A larger cache of the same function changes nothing else.
    """
    import functools

    from matplotlib.mathtext import MathTextParser

    cached = MathTextParser.__dict__.get("_parse_cached")
    info = getattr(cached, "cache_info", None)
    wrapped = getattr(cached, "__wrapped__", None)
    if info is None or wrapped is None or (info().maxsize or 0) >= size:
        return
    MathTextParser._parse_cached = functools.lru_cache(size)(wrapped)


def _legend_line(fig: Figure, W: float, H: float, colors: Mapping[str, str]) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ink = colors["ink"]
    handles = [
        Line2D([], [], color=ink, linewidth=2.0, label="f(x), in the function's colour"),
        Line2D([], [], color=colors["muted"], linewidth=1.5, linestyle=(0, (4.0, 2.2)), label="f\u2032(x)"),
        Line2D([], [], color=colors["muted"], linewidth=1.3, linestyle=(0, (1.2, 2.2)), label="asymptote"),
        Patch(color=colors["shade"], alpha=0.25, linewidth=0, label="saturated: |f\u2032| < 0.01"),
        Line2D([], [], color=ink, marker="o", linestyle="none", markersize=5, label="value at a jump"),
    ]
    fig.legend(handles=handles, loc="center", bbox_to_anchor=(0.5, 1 - 0.78 / H), ncol=len(handles),
               frameon=False, fontsize=11, handlelength=2.6, columnspacing=2.2)


def _family_strip(fig: Figure, row: Sequence[Panel], top: float, W: float, H: float,
                  colors: Mapping[str, str], previous: str | None) -> None:
    """Coloured bands over the panels of each family in this row, with the family heading."""
    from matplotlib.patches import Rectangle

    start = 0
    while start < len(row):
        fam = row[start].act.family
        stop = start
        while stop < len(row) and row[stop].act.family == fam:
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
        heading = FAMILIES.get(fam, fam)
        if start == 0 and fam == previous:
            heading += " (continued)"
        fig.text((x0 + 0.14) / W, (y0 + (BAND_H - 0.09) / 2) / H, heading, ha="left", va="center_baseline",
                 fontsize=11, fontweight="bold", color=mix(base, colors["ink"], 0.55))
        start = stop


def _panel(fig: Figure, panel: Panel, x0: float, top: float, W: float, H: float, dpi: float,
           renderer: Any, colors: Mapping[str, str], theme: str) -> Any:
    act, params = panel.act, panel.params
    inner_w = CELL_W - 0.3
    cx = x0 + CELL_W / 2
    name = fig.text(cx / W, (top - 0.08) / H, draw.title_text(act, params), ha="center", va="top",
                    fontsize=10.5, fontweight="bold")
    fit_text_width(name, inner_w * dpi, renderer, min_size=6.5)
    formula = fig.text(cx / W, (top - 0.53) / H, draw.formula_math(act, display=True), ha="center",
                       va="center", fontsize=9.5)
    _fit_text_box(formula, inner_w * dpi, 0.4 * dpi, renderer, min_size=5.0)
    rng = _range_text(panel)
    if rng:
        fig.text(cx / W, (top - CELL_H + 0.1) / H, rng, ha="center", va="bottom", fontsize=9,
                 color=colors["ink"])
    left, right = 0.42, 0.12
    ax_bottom = top - CELL_H + 0.52
    ax_top = top - 0.8
    ax = fig.add_axes(((x0 + left) / W, ax_bottom / H, (CELL_W - left - right) / W, (ax_top - ax_bottom) / H))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    # no Tick machinery: _few_ticks draws grid and labels itself, so the axes' own x- and y-axis
    # (empty tick lists, no labels) are not drawn at all
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    color = color_for(act.name)
    art = draw.draw_activation(
        ax, act, params, xmin=XMIN, xmax=XMAX, points=POINTS, color=color, derivative=True,
        derivative_color=colors["muted"], muted=colors["muted"], shade=colors["shade"], linewidth=1.7,
        label="f(x)",
    )
    draw.draw_origin_axes(ax, colors["axis"], linewidth=0.7)
    _few_ticks(ax, art["ylim"], colors)
    if art["df_range"] is not None:  # f′ would swamp f: clipped, and the panel says so
        ax.text(0.99, 0.98, "f\u2032 clipped", transform=ax.transAxes, ha="right", va="top", fontsize=7,
                color=colors["muted"], gid="clip-note")
    ax._actviz = art  # noqa: SLF001
    return ax


def _fit_text_box(text: Any, width_px: float, height_px: float, renderer: Any, *, min_size: float) -> None:
    """Shrink ``text`` to at most ``width_px`` wide (not below ``min_size``, as
    :func:`~actviz.render.figures.fit_text_width`) and ``height_px`` tall (tall fractions).

    Both from one measurement: text scales linearly with its font size, and each measurement of
    a formula is a mathtext parse (~5 ms).
    """
    size = float(text.get_fontsize())
    box = text.get_window_extent(renderer)
    fitted = size
    if box.width > width_px:
        fitted = max(min_size, size * width_px / box.width * 0.97)
    if box.height * fitted / size > height_px:
        fitted = size * height_px / box.height
    if fitted != size:
        text.set_fontsize(fitted)


def _few_ticks(ax: Any, ylim: tuple[float, float], colors: Mapping[str, str]) -> None:
    """Grid and tick labels drawn directly: x at −4, 0, 4; y at up to four round numbers.

    matplotlib's tick machinery (a Tick of five artists per tick, bounding-box bookkeeping at
    every draw) costs more than the curves on a 46-panel poster; one grid line and a few texts
    per panel give the same picture.
    """
    from matplotlib.lines import Line2D

    xt = [-4.0, 0.0, 4.0]
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
        gx += [XMIN, XMAX, nan]
        gy += [t, t, nan]
    ax.add_line(Line2D(gx, gy, color=colors["grid"], linewidth=0.6, zorder=0.6))
    xtrans, ytrans = ax.get_xaxis_transform(), ax.get_yaxis_transform()
    for t in xt:
        ax.text(t, -0.035, draw.format_number(t), transform=xtrans, ha="center", va="top", fontsize=7.5,
                clip_on=False)
    for t in yt:
        ax.text(-0.03, t, _tick(t, step), transform=ytrans, ha="right", va="center", fontsize=7.5,
                clip_on=False)


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
        text = f"{value:.0e}"
    else:
        digits = f"{step:.6g}"
        decimals = len(digits.split(".")[1]) if "." in digits and "e" not in digits else 0
        text = f"{value:.{decimals}f}"
    return text.replace("-", "\u2212")
