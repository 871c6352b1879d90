"""The options vocabulary: every option a function or command takes is checked here, once, with one
wording.

- :class:`Window` ``(xmin, xmax, points)``: the x-range a curve is sampled on.
- :class:`FigureOptions` ``(size, dpi, theme, lang, font_scale)``: how a figure looks.
- :class:`OutputPath` ``(path, format)``: where a figure (or its numbers) goes; :func:`check_folder`
  the same for a folder of outputs (a gallery).
- the primitives the rest are made of: :func:`check_int`, :func:`check_real`, :func:`check_choice`,
  and the choices themselves (themes, formats, languages, terminal sizes).

A value that exists is valid: the constructors and ``check_*`` functions raise
:class:`~actviz.errors.ParameterError` (``OptionTypeError`` for a wrong type, ``UnknownChoiceError``
for a name that is none of the choices; :class:`~actviz.errors.ActvizError` or ``OutputError`` for a
path that cannot be written) naming the option by its Python name (``xmin 5 must be smaller than
xmax 3``); the command line's one error boundary shows the flag the user typed (``--xmin``).

A lesson's budgets (how many weights, how much work) are relations between its options and stay
with the lesson, written with these primitives. This module sits with the core: it imports only
:mod:`actviz.errors` and :mod:`actviz.notation` (no words, no numpy, no matplotlib), so the core,
the renderers, the API and the command line all check with it.
"""

from __future__ import annotations

import math
import numbers
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ActvizError, OptionTypeError, OutputError, ParameterError, UnknownChoiceError, closest
from .errors import option as opt
from .notation import number

__all__ = [
    "Window", "DEFAULT_WINDOW", "FigureOptions", "OutputPath",
    "check_int", "check_real", "check_choice", "check_format", "check_count",
    "check_window", "check_theme", "check_dpi", "check_font_scale", "MIN_FONT_SCALE", "MAX_FONT_SCALE", "check_size", "check_ylim", "check_pixels", "check_svg_text",
    "check_output", "check_folder", "check_height", "check_width", "check_figure_file", "check_figure_format",
    "check_temperature", "check_target", "check_seed", "resolve_language", "parse_size", "parse_ylim", "parse_point",
    "safe_name", "default_path",
    "MIN_POINTS", "MAX_POINTS", "MAX_ABS_X", "MIN_DPI", "MAX_DPI", "MIN_INCHES", "MAX_INCHES", "MAX_PIXELS",
    "MAX_ABS_Y", "MIN_Y_SPAN", "THEMES", "GALLERY_THEMES", "FIGURE_FORMATS", "DATA_FORMATS", "PAGE_FORMATS",
    "SVG_TEXT", "OUTPUT_DIR", "NAME_MAX", "HEIGHT", "MIN_HEIGHT", "MAX_HEIGHT", "MIN_WIDTH", "MAX_WIDTH",
    "MAX_COMPARE", "MAX_SEED", "LANGUAGES", "LANGUAGE_ENV",
    "ANIMATION_FORMATS", "MIN_FRAMES", "MAX_FRAMES", "MAX_FPS", "MAX_HOLD", "MAX_FRAME_PIXELS", "Sweep", "parse_sweep",
    "check_animation",
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
#: a figure's themes; a gallery's also "both" (dark variants beside the light figures)
THEMES = ("light", "dark")
GALLERY_THEMES = (*THEMES, "both")
#: figure files by suffix, and the numbers behind a figure; a web page's figures (no PDF)
FIGURE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
DATA_FORMATS = {".csv": "csv"}
#: an animation's files by suffix (.png is an animated PNG; .mp4 only where ffmpeg is installed)
ANIMATION_FORMATS = {".gif": "gif", ".png": "apng", ".webp": "webp", ".html": "html", ".mp4": "mp4"}
#: frames of a sweep, frames a second, seconds the first and last frames are held, pixels of one frame
MIN_FRAMES, MAX_FRAMES = 2, 300
MAX_FPS = 60
MAX_HOLD = 10.0
MAX_FRAME_PIXELS = 4e6
PAGE_FORMATS = ("png", "svg")
#: how an SVG keeps its text: "text" (words editable, in named fonts with generic fallbacks; formulas as
#: outlines, since their glyphs come from fonts only matplotlib has) or "paths" (every text as outlines:
#: looks the same in any viewer, including one without DejaVu fonts, but is no longer text)
SVG_TEXT = ("text", "paths")
#: where a figure goes when no path is given
OUTPUT_DIR = Path("outputs")
#: the longest file name (bytes) on common file systems
NAME_MAX = 255
#: a terminal plot: rows of its (first) frame (default and limits) and its columns
HEIGHT, MIN_HEIGHT, MAX_HEIGHT = 16, 4, 100
MIN_WIDTH, MAX_WIDTH = 20, 1000
#: the most curves compare overlays: its legend holds this many entries, and more is no comparison
MAX_COMPARE = 24
#: a random seed (numpy's default_rng takes any non-negative integer; this keeps it a C long)
MAX_SEED = 2**63 - 1
#: the languages actviz speaks, and the environment variable that chooses one when none is given
LANGUAGES = ("en", "zh")
LANGUAGE_ENV = "ACTVIZ_LANG"


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


# -- the primitives -----------------------------------------------------------------------------------


def check_int(value: Any, name: str, low: int, high: int, unit: str = "") -> int:
    """``value`` as an int if it is an integer from ``low`` to ``high`` (``unit``: "rows" shown after
    the range), else ``name VALUE is not an integer`` / ``is out of range: use LOW to HIGH``."""
    use = f"use {low} to {high}{' ' + unit if unit else ''}"
    if not _is_int(value):
        raise OptionTypeError(f"{opt(name)} {value!r} is not an integer: {use}")
    if not low <= value <= high:
        raise ParameterError(f"{opt(name)} {value} is out of range: {use}")
    return int(value)


def check_real(value: Any, name: str, low: float = -math.inf, high: float = math.inf, *,
               open_low: bool = False) -> float:
    """``value`` as a float if it is a finite number in [low, high] (``open_low``: (low, high]), else
    ``name VALUE is not a number`` / ``is out of range: use ...``; infinite bounds are left unsaid."""
    if open_low and high == math.inf:
        use = f"use a finite number > {number(low)}"
    elif low == -math.inf and high == math.inf:
        use = "use a finite number"
    else:
        use = f"use a number in {'(' if open_low else '['}{number(low)}, {number(high)}]"
    if not _is_real(value):
        raise OptionTypeError(f"{opt(name)} {value!r} is not a number: {use}")
    v = float(value)
    if not (math.isfinite(v) and (low < v if open_low else low <= v) and v <= high):
        raise ParameterError(f"{opt(name)} {value!r} is out of range: {use}")
    return v


def check_choice(value: Any, name: str, choices: Sequence[str], what: str = "valid") -> str:
    """``value`` if it is one of ``choices``, else ``UnknownChoiceError``: ``name VALUE is not WHAT:
    did you mean ...? use one of ...``."""
    if not isinstance(value, str) or value not in choices:
        did = "".join(f"did you mean {c!r}? " for c in closest(str(value), choices, n=1))
        raise UnknownChoiceError(f"{opt(name)} {value!r} is not {what}: {did}use one of {', '.join(choices)}")
    return value


def check_format(fmt: Any, formats: Sequence[str]) -> str:
    """``fmt`` if it is one of ``formats`` (``--format``), else a suggestion and the choices."""
    return check_choice(fmt, "format", formats)


def check_figure_format(fmt: Any) -> str:
    """A web page's figure format: png or svg (a browser shows no PDF)."""
    if fmt == "pdf":
        raise UnknownChoiceError(f"{opt('format')} 'pdf' is not valid for a web page: use one of "
                                 f"{', '.join(PAGE_FORMATS)}")
    return check_format(fmt, PAGE_FORMATS)


def check_count(n: int, what: str, most: int, example: str, instead: str = "") -> None:
    """At least one of ``what`` (``example`` shows how to give one) and at most ``most`` (``instead``: what to
    use for more)."""
    if n == 0:
        raise ParameterError(f"{what} needs at least one activation, e.g. {example}")
    if n > most:
        raise ParameterError(f"{what} draws at most {most} activations, {n} were given"
                             + (f"; {instead}" if instead else ""))


def check_seed(seed: Any) -> int:
    """A random seed: an integer from 0 to :data:`MAX_SEED`."""
    return check_int(seed, "seed", 0, MAX_SEED)


def check_temperature(temperature: Any) -> float:
    """A softmax temperature: finite and > 0."""
    return check_real(temperature, "temperature", 0.0, open_low=True)


def check_target(target: Any) -> float:
    """A label for the loss lesson: a probability in [0, 1]."""
    return check_real(target, "target", 0.0, 1.0)


def resolve_language(lang: Any) -> str:
    """``lang`` checked (``"en"`` or ``"zh"``; case and a region such as ``zh-CN`` or ``zh_Hans`` are
    accepted); None: ``$ACTVIZ_LANG`` if set and not empty, else ``"en"``."""
    if lang is None:
        lang = os.environ.get(LANGUAGE_ENV, "").strip()
        if not lang:
            return "en"
        where = LANGUAGE_ENV
    else:
        where = opt("lang")
    if not isinstance(lang, str):
        raise OptionTypeError(f"{where} {lang!r} is not a language: use one of {', '.join(LANGUAGES)}")
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise UnknownChoiceError(f"{where} {lang!r} is not a language actviz speaks: use one of "
                                 f"{', '.join(LANGUAGES)}")
    return code


# -- the window ---------------------------------------------------------------------------------------


def check_window(xmin: float, xmax: float, points: int) -> None:
    """Refuse a non-finite, empty or absurd x-range or number of points."""
    for name, value in (("xmin", xmin), ("xmax", xmax)):
        if not _is_real(value):
            raise OptionTypeError(f"{opt(name)} {value!r} is not a number")
        if not math.isfinite(value) or abs(value) > MAX_ABS_X:
            raise ParameterError(f"{opt(name)} {value!r} is not usable: give a finite number between "
                                 f"{number(-MAX_ABS_X)} and {number(MAX_ABS_X)}")
    if not xmin < xmax:
        raise ParameterError(f"{opt('xmin')} {xmin:g} must be smaller than {opt('xmax')} {xmax:g}")
    if (xmax - xmin) < 1e-9 * max(1.0, abs(xmin), abs(xmax)):
        raise ParameterError(f"the x-range [{xmin:g}, {xmax:g}] is too narrow to plot")
    check_int(points, "points", MIN_POINTS, MAX_POINTS)


@dataclass(frozen=True)
class Window:
    """The x-range ``[xmin, xmax]`` a curve is sampled on, at ``points`` samples (validated)."""

    xmin: float = -5.0
    xmax: float = 5.0
    points: int = 1000

    def __post_init__(self) -> None:
        check_window(self.xmin, self.xmax, self.points)


#: the window of a plot when none is given: [−5, 5] at 1000 samples
DEFAULT_WINDOW = Window()


# -- the figure ---------------------------------------------------------------------------------------


def check_theme(theme: str, themes: Sequence[str] | None = None) -> str:
    """Return ``theme`` if it is one of ``themes`` (default: a figure's, light and dark), else raise
    naming the choices."""
    themes = THEMES if themes is None else themes
    if not isinstance(theme, str) or theme not in themes:
        raise UnknownChoiceError(f"unknown {opt('theme')} {theme!r}: use one of {', '.join(themes)}")
    return theme


#: how far ``font_scale`` may move a figure's texts from the sizes its size gives them
MIN_FONT_SCALE, MAX_FONT_SCALE = 0.5, 3.0


def check_font_scale(font_scale: float) -> float:
    """Refuse a font scale outside [0.5, 3] (texts too small to read, or too large to fit)."""
    return check_real(font_scale, "font_scale", MIN_FONT_SCALE, MAX_FONT_SCALE)


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
        raise ParameterError(f"{opt('size')} {number(w)} x {number(h)} inches is out of range: each side "
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
    shown = f"{opt('ylim')} {number(lo)}, {number(hi)}"
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ParameterError(f"{shown} is not usable: give finite LOW < HIGH, e.g. -1,2")
    if max(abs(lo), abs(hi)) > MAX_ABS_Y:
        raise ParameterError(f"{shown} is too large to draw: keep both ends within ±{number(MAX_ABS_Y)}")
    if hi - lo < MIN_Y_SPAN * max(abs(lo), abs(hi), 1.0):
        raise ParameterError(f"{shown} is too narrow to draw: make HIGH − LOW at least "
                             f"{number(MIN_Y_SPAN)} times the larger end (or 1)")


def _two_numbers(spec: str, name: str, usage: str) -> tuple[float, float]:
    """``"A,B"`` typed for option ``name`` -> (A, B), else ``name 'spec' is not <usage>``."""
    try:
        a, b = (float(v) for v in spec.split(","))
    except ValueError:
        raise ParameterError(f"{opt(name)} {spec!r} is not {usage}") from None
    return a, b


def parse_ylim(spec: str | None) -> tuple[float, float] | None:
    """``"-1,2"`` -> (−1.0, 2.0)."""
    if spec is None:
        return None
    lo, hi = _two_numbers(spec, "ylim", "a range: give LOW,HIGH, e.g. -1,2")
    check_ylim((lo, hi))
    return lo, hi


def parse_point(spec: str | None) -> tuple[float, float] | None:
    """``"2,0.05"`` (an initialisation: σ_w², σ_b²) -> (2.0, 0.05); the values are checked where used."""
    if spec is None:
        return None
    return _two_numbers(spec, "point", "an initialisation: give SIGMA_W2,SIGMA_B2, e.g. 2,0.05")


def check_pixels(size: tuple[float, float], dpi: float, what: str = "figure") -> None:
    """Refuse a PNG of ``size`` inches at ``dpi`` above :data:`MAX_PIXELS` (memory and time)."""
    width, height = size[0] * dpi, size[1] * dpi
    if width * height > MAX_PIXELS:
        raise ParameterError(f"{opt('dpi')} {dpi:g} makes a {width:.0f} x {height:.0f} pixel {what} (limit "
                             f"{MAX_PIXELS / 1e6:.0f} megapixels): lower {opt('dpi')} or the size, or save as .svg/.pdf")


def check_svg_text(svg_text: str) -> str:
    """``"text"`` (editable) or ``"paths"`` (outlines)."""
    if svg_text not in SVG_TEXT:
        raise ActvizError(f"{opt('svg_text')} {svg_text!r} is not valid: use one of {', '.join(SVG_TEXT)}")
    return svg_text


@dataclass(frozen=True)
class FigureOptions:
    """How a figure looks: ``size`` in inches (None: the house size), ``dpi``, ``theme``, ``lang``
    (None: ``$ACTVIZ_LANG``, else English) and ``font_scale`` (texts times that, 0.5 to 3); validated."""

    size: tuple[float, float] | None = None
    dpi: float = 150
    theme: str = "light"
    lang: str | None = None
    font_scale: float = 1.0

    def __post_init__(self) -> None:
        check_theme(self.theme)
        check_dpi(self.dpi)
        check_font_scale(self.font_scale)
        check_size(self.size)
        if self.lang is not None:
            resolve_language(self.lang)


# -- the terminal -------------------------------------------------------------------------------------


def check_height(height: int) -> None:
    """Refuse a terminal plot area of fewer than 4 or more than 100 rows."""
    check_int(height, "height", MIN_HEIGHT, MAX_HEIGHT, "rows")


def check_width(width: int | None) -> None:
    """Refuse a terminal plot of fewer than 20 or more than 1000 columns (None: the console's width)."""
    if width is None:
        return
    check_int(width, "width", MIN_WIDTH, MAX_WIDTH, "columns")


# -- the output path ----------------------------------------------------------------------------------


def safe_name(text: str) -> str:
    """A file-name-safe form of ``text``: ``"elu:alpha=0.5"`` -> ``"elu_alpha_0.5"``."""
    name = re.sub(r"[=:,\s]+", "_", text.strip()).replace("=", "")
    name = re.sub(r"[^A-Za-z0-9._+-]", "", name).strip("._")
    return name or "figure"


def default_path(name: str, suffix: str = ".png") -> Path:
    """``./outputs/<name>.png`` (the folder is created when the figure is saved)."""
    return OUTPUT_DIR / f"{safe_name(name)}{suffix}"


def _path_text(path: Any, what: str, example: str) -> str:
    """The text of a path the user gave: no NUL, not empty, no part longer than NAME_MAX bytes."""
    text = os.fspath(path)
    if "\x00" in text:
        raise ActvizError(f"cannot write {text!r}: a file name cannot contain a NUL character")
    if not text.strip():
        raise ActvizError(f"the {what} is empty: give {example}")
    for part in Path(text).parts:
        if len(os.fsencode(part)) > NAME_MAX:
            raise ActvizError(f"cannot write the name {part[:40] + '...'!r}: it is {len(os.fsencode(part))} bytes "
                              f"long, file systems allow at most {NAME_MAX}")
    return text


def _nearest_existing(folder: Path) -> Path:
    """The nearest folder of ``folder``'s line that exists (the rest is created when writing)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def check_output(path: str | os.PathLike[str] | None, default_name: str = "figure", *,
                 data: bool = False, formats: Mapping[str, str] | None = None) -> Path:
    """Validate an output path before any work; return it (or ``./outputs/<default_name>.png``).

    Raises :class:`ActvizError` (exit code 2) for an unsupported suffix, a path that is a
    folder or runs through a regular file, or a name longer than ``NAME_MAX`` bytes, and
    ``OutputError`` (exit code 1) when the folder exists but cannot be written or cannot be
    created. Nothing is created here. ``data=True`` also accepts .csv (the numbers behind a figure);
    ``formats`` replaces the figure formats (an animation's: :data:`ANIMATION_FORMATS`).
    """
    kinds = FIGURE_FORMATS if formats is None else formats
    first = next(iter(kinds))
    if path is not None:
        _path_text(path, "output path", f"a file name such as relu{first}, or leave {opt('output')} out")
    target = default_path(default_name, first) if path is None else Path(path)
    suffix = target.suffix.lower()
    if suffix not in kinds and not (data and suffix in DATA_FORMATS):
        shown = f"suffix {target.suffix!r}" if target.suffix else "no suffix"
        valid = ", ".join(kinds) + (" (or .csv for the numbers)" if data else "")
        raise ActvizError(f"cannot write {str(target)!r}: {shown}; use one of {valid}")
    if target.is_dir():
        names = ", ".join(list(kinds)[:-1]) + f" or {list(kinds)[-1]}"
        raise ActvizError(f"cannot write {str(target)!r}: it is a folder; give a file name ending in {names}")
    folder = target.parent if str(target.parent) else Path(".")
    existing = _nearest_existing(folder)  # must be a writable directory (the rest is created later)
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


def check_folder(path: str | os.PathLike[str], *, owned: Any, what: str = "folder") -> Path:
    """Validate a folder of outputs (replaced as a whole when written) before any work; return it.
    Nothing is created.

    ``owned(folder)`` says why an existing, non-empty folder may not be replaced (a message naming
    what is in it), or None when it was made by the same tool and may be. Raises
    :class:`ActvizError` (exit code 2) for a path that is a file or runs through one, a name that
    is too long, the current folder or one above it, or a folder of other files; and
    :class:`OutputError` (exit code 1) when the nearest existing folder cannot be written.
    """
    text = _path_text(path, f"{what} name", "one such as site/")
    target = Path(text)
    resolved = target.resolve()
    cwd = Path.cwd().resolve()
    if resolved == cwd or resolved in cwd.parents or resolved.parent == resolved:
        raise ActvizError(f"cannot replace {text!r}: it is the current folder or holds it; give a new folder "
                          "such as site/")
    if target.is_symlink():
        raise ActvizError(f"cannot replace {text!r}: it is a symbolic link; give the folder itself, "
                          f"{str(target.resolve())!r}")
    if target.exists() and not target.is_dir():
        raise ActvizError(f"cannot write {text!r}: it is a file, not a folder; give a folder such as site/")
    existing = _nearest_existing(target.parent if not target.exists() else target)
    if not existing.is_dir():
        raise ActvizError(f"cannot write {text!r}: {str(existing)!r} is a file, not a folder")
    if target.exists():
        reason = owned(target) if any(target.iterdir()) else None
        if reason is not None:
            raise ActvizError(f"cannot replace {text!r}: {reason}; give a new or empty folder")
        existing = target.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {text!r}: folder {str(existing)!r} is not writable")
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
        target = check_output(path, default_name, data=data)
        suffix = target.suffix.lower()
        return cls(target, FIGURE_FORMATS.get(suffix) or DATA_FORMATS[suffix])

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


# -- animations ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sweep:
    """One parameter swept over the frames of an animation: ``name`` from ``start`` to ``stop`` in
    ``frames`` steps, evenly spaced, or (``log``) evenly spaced in log scale (β = 0.1 … 10)."""

    name: str
    start: float
    stop: float
    frames: int
    log: bool = False

    def __post_init__(self) -> None:
        if not _is_int(self.frames) or not MIN_FRAMES <= self.frames <= MAX_FRAMES:
            raise ParameterError(f"{opt('param')} {self.name}: FRAMES {self.frames!r} is out of range: use a whole "
                                 f"number from {MIN_FRAMES} to {MAX_FRAMES}, e.g. {self.name}=0.1:2:40")
        for end in (self.start, self.stop):
            if not _is_real(end) or not math.isfinite(end):
                raise OptionTypeError(f"{opt('param')} {self.name}={end!r}: the ends of a sweep are finite numbers, "
                                      f"e.g. {self.name}=0.1:2:40")
        if self.start == self.stop:
            raise ParameterError(f"{opt('param')} {self.name} starts and stops at {number(self.start)}: nothing moves; "
                                 f"give two different ends, e.g. {self.name}=0.1:2:40")
        if self.log and not (self.start > 0 and self.stop > 0):
            raise ParameterError(f"{opt('log')} sweeps positive values, but {self.name} runs from "
                                 f"{number(self.start)} to {number(self.stop)}: give ends above 0, or drop {opt('log')}")

    @property
    def text(self) -> str:
        """The sweep as the command line takes it: ``alpha=0.1:2:40``."""
        return f"{self.name}={self.start:g}:{self.stop:g}:{self.frames}"

    @property
    def values(self) -> tuple[float, ...]:
        """The value of each frame; the ends exactly as given, the others to 12 significant digits
        (0.55, not 0.5500000000000002)."""
        n = self.frames - 1
        if self.log:
            a, b = math.log(self.start), math.log(self.stop)
            inner = [math.exp(a + (b - a) * i / n) for i in range(n + 1)]
        else:
            inner = [self.start + (self.stop - self.start) * i / n for i in range(n + 1)]
        rounded = [float(f"{v:.12g}") for v in inner]
        return (float(self.start), *rounded[1:-1], float(self.stop))


_SWEEP = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([^:]+):([^:]+):([^:]+)\s*")


def parse_sweep(text: str, log: bool = False) -> Sweep:
    """``"alpha=0.1:2:40"`` (NAME=START:STOP:FRAMES) -> a :class:`Sweep`; a malformed text is an error
    showing the form."""
    if not isinstance(text, str):
        raise OptionTypeError(f"{opt('param')} {text!r} is not a sweep: give NAME=START:STOP:FRAMES, e.g. alpha=0.1:2:40")
    match = _SWEEP.fullmatch(text)
    if not match:
        raise ParameterError(f"{opt('param')} {text!r} is malformed: expected NAME=START:STOP:FRAMES, "
                             "e.g. alpha=0.1:2:40")
    name, start, stop, frames = match.groups()
    try:
        ends = float(start), float(stop)
    except ValueError:
        raise ParameterError(f"{opt('param')} {text!r}: START and STOP must be numbers, e.g. {name}=0.1:2:40") from None
    try:
        count = int(frames.strip())
    except ValueError:
        raise ParameterError(f"{opt('param')} {text!r}: FRAMES must be a whole number from {MIN_FRAMES} to "
                             f"{MAX_FRAMES}, e.g. {name}=0.1:2:40") from None
    return Sweep(name, *ends, count, log)


def check_animation(fps: Any, hold: Any, size: tuple[float, float], dpi: float) -> None:
    """The timing and the frame size of an animation: 1 to MAX_FPS frames a second, a hold of 0 to
    MAX_HOLD seconds, and a frame of at most MAX_FRAME_PIXELS pixels (every frame is kept in memory)."""
    check_int(fps, "fps", 1, MAX_FPS, "frames a second")
    check_real(hold, "hold", 0.0, MAX_HOLD)
    check_size(size)
    check_dpi(dpi)
    pixels = size[0] * dpi * size[1] * dpi
    if pixels > MAX_FRAME_PIXELS:
        raise ParameterError(f"{opt('size')} {number(size[0])} x {number(size[1])} inches at {opt('dpi')} {number(dpi)} "
                             f"makes frames of {number(pixels / 1e6, 3)} megapixels; an animation's frames stop at "
                             f"{number(MAX_FRAME_PIXELS / 1e6)}: lower {opt('dpi')} or {opt('size')}")
