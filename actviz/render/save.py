"""Writing figures: output-path validation, deterministic metadata, atomic writes.

Use it in two steps, so that a bad path is refused before any work is done::

    path = check_output(opts_path, default_name="relu")   # validate first (nothing is created)
    ...                                                  # build the figure
    written = save_figure(fig, path)                     # atomic, byte-for-byte reproducible

Formats come from the suffix (.png, .svg, .pdf). Metadata carries no dates and no software
stamps, SVG has a fixed hash salt, so the same figure gives the same bytes. SVG keeps words as text
and draws mathematics as outlines (:mod:`.svg`), or with ``svg_text="paths"`` everything as outlines.
The file is written to a temporary file in the target folder and moved into place with
``os.replace``: a failure never leaves a half-written or clobbered figure, nor a temporary file.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ActvizError, ParameterError, option

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "FORMATS", "DATA_FORMATS", "OUTPUT_DIR", "OutputError", "check_output", "default_path", "safe_name",
    "save_figure", "save_text", "SAVE_RC", "SVG_TEXT", "check_svg_text",
    "MAX_PIXELS", "check_pixels",
]

#: suffix -> matplotlib format name
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: suffix -> format of the numbers behind a figure (x, f, f′ per curve), for redrawing it elsewhere
DATA_FORMATS = {".csv": "csv"}
#: the default folder for figures, relative to the working directory
OUTPUT_DIR = Path("outputs")
#: the longest file or folder name (bytes) that common file systems accept
NAME_MAX = 255

#: rcParams that make saved files reproducible, keep SVG text editable and embed TrueType (Type 42)
#: fonts in PDF: IEEE PDF eXpress and other journal checkers reject Type 3 fonts
SAVE_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "actviz",
    "pdf.compression": 6,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "path.simplify": True,
}
#: how SVG keeps its text: "text" (words editable, in named fonts with generic fallbacks; formulas as
#: outlines, since their glyphs come from fonts only matplotlib has) or "paths" (every text as outlines:
#: looks the same in any viewer, including one without DejaVu fonts, but is no longer text)
SVG_TEXT = ("text", "paths")

#: refuse PNGs larger than this many pixels: a 40 x 40 inch figure at 600 dpi would take gigabytes
MAX_PIXELS = 120e6

#: per-format metadata: None removes the key, so no dates or software versions are written
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
}


class OutputError(ActvizError):
    """The output location cannot be written (exit code 1: not a mistake in the arguments)."""

    exit_code = 1


def safe_name(text: str) -> str:
    """A file-name-safe form of ``text``: ``"elu:alpha=0.5"`` -> ``"elu_alpha_0.5"``."""
    name = re.sub(r"[=:,\s]+", "_", text.strip()).replace("=", "")
    name = re.sub(r"[^A-Za-z0-9._+-]", "", name).strip("._")
    return name or "figure"


def default_path(name: str, suffix: str = ".png") -> Path:
    """``./outputs/<name>.png`` (the folder is created when the figure is saved)."""
    return OUTPUT_DIR / f"{safe_name(name)}{suffix}"


def check_output(path: str | os.PathLike[str] | None, default_name: str = "figure", *,
                 data: bool = False) -> Path:
    """Validate an output path before any work; return it (or the default path).

    Raises :class:`ActvizError` (exit code 2) for an unsupported suffix, a path that is a
    folder or runs through a regular file, or a name longer than :data:`NAME_MAX` bytes, and
    :class:`OutputError` (exit code 1) when the folder exists but cannot be written or cannot be
    created. Nothing is created here. ``data=True`` also accepts .csv (the numbers behind a figure).
    """
    if path is not None and "\x00" in str(path):
        raise ActvizError(f"cannot write {str(path)!r}: a file name cannot contain a NUL character")
    if path is not None and not str(path).strip():
        raise ActvizError(f"the output path is empty: give a file name such as relu.png, or leave {option('output')} out")
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


def check_svg_text(svg_text: str) -> str:
    if svg_text not in SVG_TEXT:
        raise ActvizError(f"{option('svg_text')} {svg_text!r} is not valid: use one of {', '.join(SVG_TEXT)}")
    return svg_text


def check_pixels(size: tuple[float, float], dpi: float, what: str = "figure") -> None:
    """Refuse a PNG of ``size`` inches at ``dpi`` above :data:`MAX_PIXELS` (memory and time)."""
    width, height = size[0] * dpi, size[1] * dpi
    if width * height > MAX_PIXELS:
        raise ParameterError(f"{option('dpi')} {dpi:g} makes a {width:.0f} x {height:.0f} pixel {what} (limit "
                          f"{MAX_PIXELS / 1e6:.0f} megapixels): lower {option('dpi')} or the size, or save as .svg/.pdf")


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: float | None = None,
                svg_text: str = "text") -> Path:
    """Save ``fig`` to ``path`` atomically and reproducibly; return the path written.

    The format comes from the suffix (validated with :func:`check_output`); the folder is created
    if missing. ``dpi`` defaults to the figure's dpi. An SVG keeps words as text and draws formulas
    (mathtext) as outlines; ``svg_text="paths"`` draws all its text as outlines.
    """
    import matplotlib

    check_svg_text(svg_text)
    target = check_output(path)
    fmt = FORMATS[target.suffix.lower()]
    if fmt == "png":
        check_pixels(tuple(fig.get_size_inches()), dpi if dpi is not None else fig.dpi)
    rc = {**SAVE_RC, "svg.fonttype": "path" if svg_text == "paths" else "none"}
    backend: dict[str, str] = {}
    if fmt == "svg" and svg_text == "text":  # words as text, formulas as outlines: a canvas for this save
        from .svg import BACKEND

        backend["backend"] = BACKEND

    def write(fh: Any) -> None:
        import io

        out = io.BytesIO() if fmt == "svg" else fh
        with matplotlib.rc_context(rc), _quiet_font_subsetting():
            fig.savefig(out, format=fmt, dpi=dpi if dpi is not None else fig.dpi, metadata=_METADATA[fmt],
                        facecolor=fig.get_facecolor(), edgecolor="none", **backend)
        if out is not fh:
            fh.write(svg_font_fallbacks(out.getvalue()))

    return _atomic(target, write)


_GENERIC_FAMILIES = ("serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math")
_FONT_FAMILY = re.compile(rb"font-family: ?([^;\"]+)")


def svg_font_fallbacks(svg: bytes) -> bytes:
    """Every ``font-family`` of an SVG ending in a generic family, so a viewer without DejaVu still
    draws the text; a stack naming actviz's Chinese subset (which no reader has) also names the
    readers' common Chinese fonts before the generic one, so that Chinese is drawn in a simplified
    Chinese font wherever one is installed (a bare ``sans-serif`` may give Japanese glyph forms)."""
    from ..fonts import COMMON_CJK, FAMILY

    def extend(match: re.Match[bytes]) -> bytes:
        families = [name.strip() for name in match.group(1).decode("utf-8").split(",")]
        names = [name.strip("'\"") for name in families]
        generic = None
        if names[-1] in _GENERIC_FAMILIES:
            generic = families.pop()
            names.pop()
        if FAMILY in names:
            families += [f"'{name}'" for name in COMMON_CJK if name not in names]
        if generic is None:
            generic = "serif" if names[0].startswith("cm") else "sans-serif"
        return f"font-family: {', '.join([*families, generic])}".encode()

    return _FONT_FAMILY.sub(extend, svg)


def save_text(content: str, path: str | os.PathLike[str]) -> Path:
    """Write ``content`` (UTF-8) to ``path`` atomically, as figures are written; return the path."""
    target = check_output(path, data=True)
    return _atomic(target, lambda fh: fh.write(content.encode("utf-8")))


def _atomic(target: Path, write: Callable[[Any], Any]) -> Path:
    """Run ``write(binary file)`` on a temporary file beside ``target`` and move it into place: a
    failure never leaves a half-written or clobbered file, nor the temporary one."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create folder {str(folder)!r}: {exc.strerror or exc}") from None
    # the temporary name stays within NAME_MAX however long the target's name is
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:NAME_MAX // 2]}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        _set_default_mode(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


@contextlib.contextmanager
def _quiet_font_subsetting() -> Iterator[None]:
    """fontTools warns on stderr about the timestamps of the fonts it subsets for a PDF (harmless,
    and noise in a command's output); its logger is quieted while the file is written, then restored."""
    import logging

    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _set_default_mode(path: str) -> None:
    """mkstemp creates 0600 files; give the figure the usual 0666 & ~umask."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
