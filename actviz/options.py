"""The options vocabulary: the window, the figure options and the output path, each a small frozen
value validated once, here, with one wording.

- :class:`Window` ``(xmin, xmax, points)``: the x-range a curve is sampled on.
- :class:`FigureOptions` ``(size, dpi, theme, lang)``: how a figure looks.
- :class:`OutputPath` ``(path, format)``: where a figure (or its numbers) goes.

A value that exists is valid: the constructors raise :class:`~actviz.errors.ParameterError`
(``OptionTypeError`` for a wrong type, ``UnknownChoiceError`` for a name that is none of the choices;
:class:`~actviz.errors.ActvizError` or ``OutputError`` for a path that cannot be written) naming the
option by its Python name (``xmin 5 must be smaller than xmax 3``); the command line's one error
boundary shows the flag the user typed (``--xmin``). The ``check_*`` functions are the same rules for
one option at a time.

The API validates with these before it calls the renderers (:mod:`actviz.render` never imports this
module: arrows point from here to it). Nothing here imports matplotlib, rich or numpy's heavier parts:
the command line imports it at start-up.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import text
from .errors import ActvizError, OptionTypeError, ParameterError, UnknownChoiceError
from .errors import option as opt

__all__ = [
    "Window", "FigureOptions", "OutputPath",
    "check_window", "check_theme", "check_dpi", "check_size", "check_ylim", "check_pixels", "check_svg_text",
    "check_output", "check_height", "check_width", "check_figure_file", "parse_size", "parse_ylim",
    "MIN_POINTS", "MAX_POINTS", "MAX_ABS_X", "MIN_DPI", "MAX_DPI", "MIN_INCHES", "MAX_INCHES", "MAX_PIXELS",
    "MAX_ABS_Y", "MIN_Y_SPAN",
]

#: samples across a window, and the largest |x| a window may reach
MIN_POINTS, MAX_POINTS = 10, 100_000
MAX_ABS_X = 1e9
#: resolution of PNG output
MIN_DPI, MAX_DPI = 20, 600
#: each side of a figure, in inches
MIN_INCHES, MAX_INCHES = 2.0, 40.0
#: refuse PNGs larger than this many pixels: a 40 x 40 inch figure at 600 dpi would take gigabytes
MAX_PIXELS = 120e6
#: the largest |y| a fixed y-range may reach, and the narrowest (matplotlib widens narrower ones)
MAX_ABS_Y = 1e9
MIN_Y_SPAN = 1e-9


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


# -- the window ---------------------------------------------------------------------------------------


def check_window(xmin: float, xmax: float, points: int) -> None:
    """Refuse a non-finite, empty or absurd x-range or number of points."""
    for name, value in (("xmin", xmin), ("xmax", xmax)):
        if not _is_real(value):
            raise OptionTypeError(f"{opt(name)} {value!r} is not a number")
        if not math.isfinite(value) or abs(value) > MAX_ABS_X:
            raise ParameterError(f"{opt(name)} {value!r} is not usable: give a finite number between "
                                 f"{text.number(-MAX_ABS_X)} and {text.number(MAX_ABS_X)}")
    if not xmin < xmax:
        raise ParameterError(f"{opt('xmin')} {xmin:g} must be smaller than {opt('xmax')} {xmax:g}")
    if (xmax - xmin) < 1e-9 * max(1.0, abs(xmin), abs(xmax)):
        raise ParameterError(f"the x-range [{xmin:g}, {xmax:g}] is too narrow to plot")
    if not _is_int(points):
        raise OptionTypeError(f"{opt('points')} {points!r} is not an integer: use {MIN_POINTS} to {MAX_POINTS}")
    if not MIN_POINTS <= points <= MAX_POINTS:
        raise ParameterError(f"{opt('points')} {points} is out of range: use {MIN_POINTS} to {MAX_POINTS}")


@dataclass(frozen=True)
class Window:
    """The x-range ``[xmin, xmax]`` a curve is sampled on, at ``points`` samples (validated)."""

    xmin: float = -5.0
    xmax: float = 5.0
    points: int = 1000

    def __post_init__(self) -> None:
        check_window(self.xmin, self.xmax, self.points)


# -- the figure ---------------------------------------------------------------------------------------


def check_theme(theme: str, themes: Sequence[str] | None = None) -> str:
    """Return ``theme`` if it is one of ``themes`` (default: a figure's, light and dark), else raise
    naming the choices."""
    if themes is None:
        from .render.style import THEMES as themes
    if not isinstance(theme, str) or theme not in themes:
        raise UnknownChoiceError(f"unknown {opt('theme')} {theme!r}: use one of {', '.join(themes)}")
    return theme


def check_dpi(dpi: float) -> None:
    """Refuse a dpi that would make an unreadable or memory-exhausting image."""
    if not _is_real(dpi):
        raise OptionTypeError(f"{opt('dpi')} {dpi!r} is out of range: use {MIN_DPI} to {MAX_DPI}")
    if not (math.isfinite(dpi) and MIN_DPI <= dpi <= MAX_DPI):
        raise ParameterError(f"{opt('dpi')} {dpi!r} is out of range: use {MIN_DPI} to {MAX_DPI}")


def _pair(value: Any, name: str, what: str) -> tuple[float, float]:
    """Two numbers, or an OptionTypeError saying ``name value is not what``."""
    try:
        a, b = (float(v) for v in value)
    except (TypeError, ValueError):
        raise OptionTypeError(f"{opt(name)} {value!r} is not {what}") from None
    return a, b


def check_size(size: tuple[float, float] | None) -> None:
    """A figure size in inches: both sides from 2 to 40 (None: the house size)."""
    if size is None:
        return
    w, h = _pair(size, "size", "a size: give (width, height) in inches")
    if not (MIN_INCHES <= w <= MAX_INCHES and MIN_INCHES <= h <= MAX_INCHES):
        raise ParameterError(f"{opt('size')} {text.number(w)} x {text.number(h)} inches is out of range: each side "
                             "from 2 to 40 inches")


def parse_size(spec: str | None, house_width: float) -> tuple[float, float] | None:
    """``"3.5x2.6"`` (inches) or ``"16:9"`` (that shape at the house width) -> (width, height)."""
    if spec is None:
        return None
    shown = spec.strip().lower()
    try:
        if "x" in shown:
            w, h = (float(v) for v in shown.split("x"))
            size = (w, h)
        elif ":" in shown:
            a, b = (float(v) for v in shown.split(":"))
            size = (house_width, house_width * b / a)
        else:
            raise ValueError
    except (ValueError, ZeroDivisionError):
        raise ParameterError(f"{opt('size')} {spec!r} is not a size: give WIDTHxHEIGHT in inches (3.5x2.6) "
                             "or a shape W:H (16:9)") from None
    check_size(size)
    return size


def check_ylim(ylim: tuple[float, float] | None) -> None:
    """A fixed y-range: finite, LOW < HIGH, within ±MAX_ABS_Y and not narrower than MIN_Y_SPAN allows."""
    if ylim is None:
        return
    lo, hi = _pair(ylim, "ylim", "a range: give (low, high)")
    shown = f"{opt('ylim')} {text.number(lo)}, {text.number(hi)}"
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ParameterError(f"{shown} is not usable: give finite LOW < HIGH, e.g. -1,2")
    if max(abs(lo), abs(hi)) > MAX_ABS_Y:
        raise ParameterError(f"{shown} is too large to draw: keep both ends within ±{text.number(MAX_ABS_Y)}")
    if hi - lo < MIN_Y_SPAN * max(abs(lo), abs(hi), 1.0):
        raise ParameterError(f"{shown} is too narrow to draw: make HIGH − LOW at least "
                             f"{text.number(MIN_Y_SPAN)} times the larger end (or 1)")


def parse_ylim(spec: str | None) -> tuple[float, float] | None:
    """``"-1,2"`` -> (−1.0, 2.0)."""
    if spec is None:
        return None
    try:
        lo, hi = (float(v) for v in spec.split(","))
    except ValueError:
        raise ParameterError(f"{opt('ylim')} {spec!r} is not a range: give LOW,HIGH, e.g. -1,2") from None
    check_ylim((lo, hi))
    return lo, hi


def check_pixels(size: tuple[float, float], dpi: float, what: str = "figure") -> None:
    """Refuse a PNG of ``size`` inches at ``dpi`` above :data:`MAX_PIXELS` (memory and time)."""
    width, height = size[0] * dpi, size[1] * dpi
    if width * height > MAX_PIXELS:
        raise ParameterError(f"{opt('dpi')} {dpi:g} makes a {width:.0f} x {height:.0f} pixel {what} (limit "
                             f"{MAX_PIXELS / 1e6:.0f} megapixels): lower {opt('dpi')} or the size, or save as .svg/.pdf")


def check_svg_text(svg_text: str) -> str:
    """``"text"`` (editable) or ``"paths"`` (outlines)."""
    from .render.save import SVG_TEXT

    if svg_text not in SVG_TEXT:
        raise ActvizError(f"{opt('svg_text')} {svg_text!r} is not valid: use one of {', '.join(SVG_TEXT)}")
    return svg_text


@dataclass(frozen=True)
class FigureOptions:
    """How a figure looks: ``size`` in inches (None: the house size), ``dpi``, ``theme`` and ``lang``
    (None: ``$ACTVIZ_LANG``, else English); validated."""

    size: tuple[float, float] | None = None
    dpi: float = 150
    theme: str = "light"
    lang: str | None = None

    def __post_init__(self) -> None:
        check_theme(self.theme)
        check_dpi(self.dpi)
        check_size(self.size)
        if self.lang is not None:
            from .messages import resolve

            resolve(self.lang)


# -- the terminal -------------------------------------------------------------------------------------


def check_height(height: int) -> None:
    """Refuse a terminal plot area of fewer than 4 or more than 100 rows."""
    from .render.braille import MAX_HEIGHT, MIN_HEIGHT

    if not _is_int(height):
        raise OptionTypeError(f"{opt('height')} {height!r} is not an integer: use {MIN_HEIGHT} to {MAX_HEIGHT} rows")
    if not MIN_HEIGHT <= height <= MAX_HEIGHT:
        raise ParameterError(f"{opt('height')} {height} is out of range: use {MIN_HEIGHT} to {MAX_HEIGHT} rows")


def check_width(width: int | None) -> None:
    """Refuse a terminal plot of fewer than 20 or more than 1000 columns (None: the console's width)."""
    from .render.braille import MAX_WIDTH, MIN_WIDTH

    if width is None:
        return
    if not _is_int(width):
        raise OptionTypeError(f"{opt('width')} {width!r} is not an integer: use {MIN_WIDTH} to {MAX_WIDTH} columns")
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise ParameterError(f"{opt('width')} {width} is out of range: use {MIN_WIDTH} to {MAX_WIDTH} columns")


# -- the output path ----------------------------------------------------------------------------------


def check_output(path: str | os.PathLike[str] | None, default_name: str = "figure", *,
                 data: bool = False) -> Path:
    """Validate an output path before any work; return it (or ``./outputs/<default_name>.png``).

    Raises :class:`ActvizError` (exit code 2) for an unsupported suffix, a path that is a
    folder or runs through a regular file, or a name longer than ``NAME_MAX`` bytes, and
    ``OutputError`` (exit code 1) when the folder exists but cannot be written or cannot be
    created. Nothing is created here. ``data=True`` also accepts .csv (the numbers behind a figure).
    """
    from .render.save import DATA_FORMATS, FORMATS, NAME_MAX, OutputError, default_path

    if path is not None and "\x00" in str(path):
        raise ActvizError(f"cannot write {str(path)!r}: a file name cannot contain a NUL character")
    if path is not None and not str(path).strip():
        raise ActvizError(f"the output path is empty: give a file name such as relu.png, or leave {opt('output')} out")
    target = default_path(default_name) if path is None else Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS and not (data and suffix in DATA_FORMATS):
        shown = f"suffix {target.suffix!r}" if target.suffix else "no suffix"
        valid = ".png, .svg, .pdf" + (" (or .csv for the numbers)" if data else "")
        raise ActvizError(f"cannot write {str(target)!r}: {shown}; use one of {valid}")
    for part in target.parts:
        if len(os.fsencode(part)) > NAME_MAX:
            raise ActvizError(f"cannot write the name {part[:40] + '...'!r}: it is {len(os.fsencode(part))} bytes "
                              f"long, file systems allow at most {NAME_MAX}")
    if target.is_dir():
        raise ActvizError(f"cannot write {str(target)!r}: it is a folder; give a file name ending in .png, .svg or .pdf")
    folder = target.parent if str(target.parent) else Path(".")
    # the nearest folder that exists must be a writable directory (the rest is created later)
    existing = folder
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        if path is None or str(path) == "":  # the default folder is taken by a file: not the user's typing (1)
            raise OutputError(f"cannot write {str(target)!r}: {str(existing)!r} is a file, not a folder; "
                              "move it away or choose the output path yourself")
        # a path the user gave runs through a regular file: a mistake in the argument (exit code 2)
        raise ActvizError(f"cannot write {str(target)!r}: {str(existing)!r} is a file, not a folder; "
                          "give a path in a folder, e.g. outputs/figure.png")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {str(target)!r}: folder {str(existing)!r} is not writable")
    if target.exists() and not os.access(target, os.W_OK) and not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {str(target)!r}: permission denied")
    return target


@dataclass(frozen=True)
class OutputPath:
    """Where a figure goes, validated (:func:`check_output`): ``path`` and ``format`` (``"png"``,
    ``"svg"``, ``"pdf"``, or ``"csv"`` for the numbers behind a figure)."""

    path: Path
    format: str

    @classmethod
    def of(cls, path: str | os.PathLike[str] | None, default_name: str = "figure", *,
           data: bool = False) -> OutputPath:
        """The validated output path ``path`` (None: ``./outputs/<default_name>.png``); ``data``: a
        .csv path is allowed too."""
        from .render.save import DATA_FORMATS, FORMATS

        target = check_output(path, default_name, data=data)
        suffix = target.suffix.lower()
        return cls(target, FORMATS.get(suffix) or DATA_FORMATS[suffix])

    @property
    def is_data(self) -> bool:
        """The numbers behind a figure (CSV) rather than a figure."""
        return self.format == "csv"

    def __fspath__(self) -> str:
        return os.fspath(self.path)

    def __str__(self) -> str:
        return str(self.path)


def check_figure_file(output: OutputPath, size: tuple[float, float], dpi: float, svg_text: str) -> None:
    """The options that depend on the file: ``svg_text`` only for .svg, a PNG within the pixel limit."""
    check_svg_text(svg_text)
    check_dpi(dpi)
    suffix = output.path.suffix.lower()
    if svg_text != "text" and output.format != "svg":
        raise ParameterError(f"{opt('svg_text')} {svg_text} applies to .svg files, not {suffix}: leave it out or use "
                             f"{opt('output')} NAME.svg")
    if output.format == "png":
        check_pixels(size, dpi)
