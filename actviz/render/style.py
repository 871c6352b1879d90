"""The house style: light and dark themes, a colour-blind-safe palette, a colour per activation.

Themes are plain rc dicts, used with :func:`themed` (``matplotlib.rc_context``) around the
creation *and* the saving of a figure; pyplot's global state is never touched::

    with themed("dark"):
        fig = new_figure((6.4, 4.2), dpi=150)
        ax = fig.add_axes((0.1, 0.1, 0.85, 0.8))
        ...
        save_figure(fig, path)

Colours: the Okabe–Ito palette (safe for the common colour-vision deficiencies), without its
black and yellow. :func:`color_for` gives every activation one house colour; :func:`curve_styles`
keeps the curves of one figure apart: different functions in different colours (up to eight; a
function keeps its house colour unless another in the figure has it), repeats of one function
(``elu:alpha=0.5`` next to ``elu:alpha=2``) in shades of it, and every curve in its own dash pattern
for grey print.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

from ..options import THEMES

__all__ = [
    "THEMES", "PALETTE", "rc", "themed", "new_figure",
    "theme_colors", "page_colors", "terminal_colors", "color_for", "curve_styles", "FIGURE_COLORS", "mix",
    "legible", "contrast",
    "MIN_CONTRAST",
]


#: Okabe & Ito (2008), "Color Universal Design", without black and yellow
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
)
BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY = PALETTE

#: hand-picked colours for the functions most often compared with each other, so that the usual
#: line-ups (relu leaky_relu elu gelu silu; sigmoid tanh relu; relu gelu silu mish; the lessons'
#: identity relu tanh sigmoid and sigmoid tanh relu leaky_relu) never share one
_FIXED = {
    "relu": BLUE, "leaky_relu": VERMILLION, "elu": GREEN, "gelu": PURPLE, "silu": ORANGE,
    "sigmoid": SKY, "tanh": GREEN, "mish": GREEN, "softplus": PURPLE, "prelu": GREEN,
    "selu": SKY, "celu": ORANGE, "relu6": ORANGE, "hardswish": SKY,
    "softmax": BLUE, "log_softmax": VERMILLION, "softmin": GREEN, "identity": PURPLE,
    "hardtanh": GREEN, "hardsigmoid": PURPLE, "softsign": ORANGE, "quick_gelu": SKY,
}

#: a framework's definition (``jax.gelu``) is drawn in its framework's colour, so that the frameworks'
#: versions of one function overlaid by ``compare --framework torch,keras,jax`` are told apart at a glance
_FRAMEWORK_COLORS = {"torch": VERMILLION, "keras": PURPLE, "jax": BLUE, "tf": ORANGE}

_INK = {"light": "#1a1a1a", "dark": "#e8e8e8"}
_BACKGROUND = {"light": "#ffffff", "dark": "#16191d"}

_BASE_RC: dict[str, Any] = {
    # the generic family after it gives SVG viewers without DejaVu a list of fallbacks to use
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 10.0,
    "axes.titlesize": 11.0,
    "axes.titleweight": "bold",
    "axes.labelsize": 10.0,
    "axes.linewidth": 0.8,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.linewidth": 0.6,
    "grid.linestyle": "-",
    "legend.fontsize": 9.0,
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "lines.linewidth": 2.0,
    "lines.solid_capstyle": "round",
    "xtick.labelsize": 9.0,
    "ytick.labelsize": 9.0,
    "mathtext.fontset": "dejavusans",
    "axes.unicode_minus": True,
    "figure.dpi": 100.0,
    "savefig.dpi": "figure",
    "svg.fonttype": "none",
    "svg.hashsalt": "actviz",
}

_THEME_RC: dict[str, dict[str, Any]] = {
    "light": {
        "figure.facecolor": _BACKGROUND["light"],
        "axes.facecolor": _BACKGROUND["light"],
        "savefig.facecolor": _BACKGROUND["light"],
        "axes.edgecolor": "#555555",
        "axes.labelcolor": _INK["light"],
        "axes.titlecolor": _INK["light"],
        "text.color": _INK["light"],
        "xtick.color": "#555555",
        "ytick.color": "#555555",
        "xtick.labelcolor": _INK["light"],
        "ytick.labelcolor": _INK["light"],
        "grid.color": "#e3e3e3",
        "legend.facecolor": _BACKGROUND["light"],
        "legend.edgecolor": "#cccccc",
    },
    "dark": {
        "figure.facecolor": _BACKGROUND["dark"],
        "axes.facecolor": _BACKGROUND["dark"],
        "savefig.facecolor": _BACKGROUND["dark"],
        "axes.edgecolor": "#9a9a9a",
        "axes.labelcolor": _INK["dark"],
        "axes.titlecolor": _INK["dark"],
        "text.color": _INK["dark"],
        "xtick.color": "#9a9a9a",
        "ytick.color": "#9a9a9a",
        "xtick.labelcolor": _INK["dark"],
        "ytick.labelcolor": _INK["dark"],
        "grid.color": "#2c3238",
        "legend.facecolor": "#1f2328",
        "legend.edgecolor": "#444b52",
    },
}


#: rcParams that are font sizes: a figure smaller or larger than the house size scales them (see rc)
_SIZES = ("font.size", "axes.titlesize", "axes.labelsize", "legend.fontsize", "xtick.labelsize", "ytick.labelsize")
#: rcParams that are line widths: a figure larger than the house size scales them with its texts
_WIDTHS = ("lines.linewidth", "axes.linewidth", "grid.linewidth")
#: the smallest font a scaled figure uses: journals ask for about 7 pt at print size
MIN_FONT = 7.0
#: matplotlib's "small", relative to font.size (the notes of a figure)
SMALL = 0.833


def rc(theme: str = "light", scale: float = 1.0, floor: float = MIN_FONT) -> dict[str, Any]:
    """The rcParams of ``theme`` (a fresh dict; use with ``matplotlib.rc_context``); ``scale`` shrinks
    or grows the font sizes with the figure, never below ``floor`` (:data:`MIN_FONT`; a slide's is
    larger)."""
    out = {**_BASE_RC, **_THEME_RC[theme], **language_rc()}
    if scale != 1.0 or floor != MIN_FONT:
        for key in _SIZES:
            out[key] = max(floor, float(out[key]) * scale)
    if scale > 1.0:  # a larger figure (a slide): lines grow with its texts
        for key in _WIDTHS:
            out[key] = float(out[key]) * scale
    return out


def language_rc(families: Sequence[str] | None = None) -> dict[str, Any]:
    """rcParams for texts in the language in force: nothing in English; in Chinese, the bundled Chinese
    font (registered now, once) after ``families`` (default: the house font), so Latin letters, digits
    and symbols keep their font and each Chinese character comes from the next family that has it."""
    from ..messages import is_chinese

    if not is_chinese():
        return {}
    from ..fonts import register

    first = list(_BASE_RC["font.family"][:-1] if families is None else families)
    return {"font.family": [*first, register(), "sans-serif"]}


@contextlib.contextmanager
def themed(theme: str = "light", scale: float = 1.0, floor: float = MIN_FONT) -> Iterator[None]:
    """Context in which figures are made and saved in the house style (no global state)."""
    import matplotlib

    with matplotlib.rc_context(rc(theme, scale, floor)):
        yield


def theme_colors(theme: str = "light") -> dict[str, str]:
    """Named colours of a theme: ink (text, axes through 0), muted (derivatives, asymptotes),
    background, grid, shade (saturation regions)."""
    if theme == "dark":
        return {"ink": _INK["dark"], "muted": "#b0b6bd", "background": _BACKGROUND["dark"],
                "grid": "#2c3238", "shade": "#8a94a0", "axis": "#7d858e"}
    return {"ink": _INK["light"], "muted": "#4d4d4d", "background": _BACKGROUND["light"],
            "grid": "#e3e3e3", "shade": "#9aa4ae", "axis": "#6b6b6b"}


def page_colors(theme: str = "light") -> dict[str, str]:
    """The colours of the gallery's web page (its CSS variables, in this order) in ``theme``: the
    figures' background and ink, muted text in the grey of the light theme's frame or the dark theme's
    muted grey, boxes in the dark theme's legend colour; rules, links and the light boxes are the page's own
    (``theme`` checked by the API, :func:`actviz.options.check_theme`)."""
    if theme == "dark":
        return {"bg": _BACKGROUND["dark"], "ink": _INK["dark"], "muted": theme_colors("dark")["muted"],
                "rule": "#353b42", "link": "#8cc8ff", "panel": _THEME_RC["dark"]["legend.facecolor"]}
    return {"bg": _BACKGROUND["light"], "ink": _INK["light"], "muted": _THEME_RC["light"]["axes.edgecolor"],
            "rule": "#dddddd", "link": "#0b5fa5", "panel": "#f5f6f7"}


def terminal_colors() -> dict[str, str]:
    """Named colours of terminal plots, whose background may be light or dark: mid-greys that read on
    both, for derivatives ("muted"; between the themes' muted greys) and for the frame and the axes
    through 0 ("axis", the dark theme's)."""
    return {"muted": mix(theme_colors("light")["muted"], theme_colors("dark")["muted"], 0.5),
            "axis": theme_colors("dark")["axis"]}


_FIGURE_CLASS: dict[str, type] = {}


def new_figure(figsize: tuple[float, float], dpi: float = 100.0) -> Figure:
    """A Figure attached to an Agg canvas (call inside :func:`themed`); no pyplot involved.

    It is a plain matplotlib Figure that also knows how to show itself in Jupyter (``_repr_png_``,
    ``_repr_svg_``, in the formats the notebook asks for: :func:`inline_formats`), so
    ``actviz.plot(...)`` displays inline without pyplot.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = _figure_class()(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


#: IPython's inline formats that are PNG at twice the resolution, shown at the figure's size
RETINA = frozenset({"retina", "png2x"})


def inline_formats() -> frozenset[str]:
    """The formats a notebook asked figures to show in: ``InlineBackend.figure_formats`` (``%config
    InlineBackend.figure_formats = ['svg']``; ``"retina"``), read from IPython's configuration where
    IPython is running (never imported here); ``{"png"}`` anywhere else, as IPython's default."""
    import sys

    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is None:
        return frozenset({"png"})
    config = sys.modules.get("matplotlib_inline.config")
    if config is not None and config.InlineBackend.initialized():  # pyplot's inline backend made its own
        formats = config.InlineBackend.instance().figure_formats
    else:  # %config before any pyplot: the values wait in the shell's configuration
        section = shell.config.get("InlineBackend", {})
        formats = section.get("figure_formats") or ([section["figure_format"]] if "figure_format" in section
                                                    else ["png"])
    if isinstance(formats, str):
        formats = [formats]
    return frozenset(str(f).lower() for f in formats)


def _repr_png(fig: Figure) -> bytes | tuple[bytes, dict[str, int]] | None:
    import io

    formats = inline_formats()
    retina = bool(formats & RETINA)
    if not (retina or "png" in formats or "svg" not in formats):  # svg only: no PNG besides it
        return None
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi * (2 if retina else 1), facecolor=fig.get_facecolor(),
                edgecolor="none")
    if not retina:
        return buf.getvalue()
    w, h = fig.get_size_inches() * fig.dpi
    return buf.getvalue(), {"width": round(w), "height": round(h)}


def _repr_svg(fig: Figure) -> str | None:
    if "svg" not in inline_formats():
        return None
    import io

    import matplotlib

    from .save import SAVE_RC

    buf = io.BytesIO()
    # text as outlines: a notebook's reader may lack the figure's fonts (Chinese above all)
    with matplotlib.rc_context({**SAVE_RC, "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, facecolor=fig.get_facecolor(),
                    edgecolor="none")
    return buf.getvalue().decode("utf-8")


def _figure_class() -> type:
    cls = _FIGURE_CLASS.get("figure")
    if cls is None:
        from matplotlib.figure import Figure

        class ActvizFigure(Figure):
            """A matplotlib Figure that shows itself in IPython/Jupyter in the notebook's inline formats
            (``InlineBackend.figure_formats``: png, retina, svg)."""

            def _repr_png_(self) -> bytes | tuple[bytes, dict[str, int]] | None:
                return _repr_png(self)

            def _repr_svg_(self) -> str | None:
                return _repr_svg(self)

        cls = _FIGURE_CLASS["figure"] = ActvizFigure
    return cls


def color_for(name: str, theme: str | None = None) -> str:
    """The house colour of the activation called ``name`` (its canonical name): the same in every
    figure, whatever else is in it. The usual line-ups have hand-picked colours; any other name (an
    activation or a lesson's curve) gets a palette colour from a stable hash of its name. With a
    ``theme``, the colour is adjusted (darker on light, lighter on dark) until it stands out from the
    background by at least 3:1 (WCAG's contrast for graphics)."""
    import zlib

    key = name.lower().replace("-", "_")
    framework = key.partition(".")[0] if "." in key else ""
    color = _FRAMEWORK_COLORS.get(framework) or _FIXED.get(key, PALETTE[zlib.crc32(key.encode()) % len(PALETTE)])
    return color if theme is None else legible(color, theme)


#: the least contrast a line keeps against its background (WCAG 2.1, non-text graphics)
MIN_CONTRAST = 3.0


def legible(color: str, theme: str) -> str:
    """``color`` moved towards the theme's ink just far enough to reach :data:`MIN_CONTRAST` against
    the theme's background (unchanged where it already does)."""
    background, ink = _BACKGROUND[theme], _INK[theme]
    for step in range(21):
        shade = mix(color, ink, step * 0.05)
        if contrast(shade, background) >= MIN_CONTRAST:
            return shade
    return ink


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _luminance(color: str) -> float:
    def channel(c: int) -> float:
        v = c / 255.0
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


#: dash patterns, told apart in grey print: solid, dashed, dotted, dash-dot, long dashes, dash-dot-dot,
#: long dash-dot, sparse dots
_DASHES: tuple[Any, ...] = ("-", (0, (6, 2)), (0, (1.5, 1.5)), (0, (6, 2, 1.5, 2)), (0, (10, 3)),
                            (0, (6, 2, 1.5, 2, 1.5, 2)), (0, (12, 2, 2, 2)), (0, (1.5, 4)))


#: the colours that keep different functions in one figure apart: the six above, Paul Tol's wine and
#: Okabe–Ito's black (the theme's ink), each made legible on the theme's background. Okabe–Ito's yellow
#: is not among them: made dark enough for a white page it is an olive that people with deuteranopia
#: cannot tell from the orange (a test simulates the three common deficiencies)
FIGURE_COLORS = (*PALETTE, "#882255", "ink")


def curve_styles(names: Sequence[str], theme: str = "light", *, dashes: bool = True) -> list[dict[str, Any]]:
    """Line properties (``color``, ``linestyle``) for curves of ``names`` drawn in one figure.

    Different functions get different colours, up to the eight of :data:`FIGURE_COLORS`: each keeps its
    house colour (:func:`color_for`) unless an earlier function in the figure has it already, and then
    takes the first of the eight that no function in the figure has or wants. Repeats of one function
    (``elu:alpha=0.5`` beside ``elu:alpha=2``) share its colour in shades nearer the theme's ink; beyond
    eight functions the colours repeat in such shades. With ``dashes``, every curve also has its own
    dash pattern (the first solid), so the figure stays readable printed in grey; without, only a
    curve that shares its colour is dashed (a terminal, which draws dashes as gaps). Every colour
    reaches :data:`MIN_CONTRAST` against the background.
    """
    distinct = list(dict.fromkeys(names))
    wanted = {name: color_for(name) for name in distinct}
    hue: dict[str, str] = {}
    for name in distinct:  # first come keeps its house colour
        if wanted[name] not in hue.values():
            hue[name] = wanted[name]
    for name in distinct:
        if name not in hue:
            taken = set(hue.values())
            free = [c for c in FIGURE_COLORS if c not in taken]
            spare = [c for c in free if c not in wanted.values()]
            hue[name] = (spare or free or [FIGURE_COLORS[len(hue) % len(FIGURE_COLORS)]])[0]
    seen: dict[str, int] = {}
    styles = []
    away = _INK[theme]
    for i, name in enumerate(names):
        color = away if hue[name] == "ink" else hue[name]
        k = seen.get(hue[name], 0)
        seen[hue[name]] = k + 1
        shade = color if k == 0 else mix(color, _BACKGROUND[theme] if color == away else away, min(0.18 * k, 0.6))
        if dashes:
            dash = _DASHES[i % len(_DASHES)]
        else:
            dash = _DASHES[0] if k == 0 else _DASHES[1 + (k - 1) % (len(_DASHES) - 1)]  # solid: the first only
        styles.append({"color": legible(shade, theme), "linestyle": dash})
    return styles


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way towards ``other``, as ``#rrggbb``."""
    a = _rgb(color)
    b = _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b))


def _rgb(color: str) -> tuple[int, int, int]:
    h = color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
