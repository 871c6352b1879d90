"""Writing figures: output-path validation, deterministic metadata, atomic writes.

Use it in two steps, so that a bad path is refused before any work is done::

    path = actviz.options.check_output(opts_path, "relu")  # validate first (nothing is created)
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

from ..errors import OutputError
from ..options import DATA_FORMATS, NAME_MAX, OUTPUT_DIR, SVG_TEXT, default_path, safe_name
from ..options import FIGURE_FORMATS as FORMATS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "FORMATS", "DATA_FORMATS", "OUTPUT_DIR", "OutputError", "default_path", "safe_name",
    "save_figure", "save_text", "SAVE_RC", "SVG_TEXT",
]

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
#: per-format metadata: None removes the key, so no dates or software versions are written
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
}


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: float | None = None,
                svg_text: str = "text") -> Path:
    """Save ``fig`` to ``path`` atomically and reproducibly; return the path written.

    The format comes from the suffix (validated by :func:`actviz.options.check_output`, as the
    pixel count of a PNG and ``svg_text`` are, before this is called); the folder is created
    if missing. ``dpi`` defaults to the figure's dpi. An SVG keeps words as text and draws formulas
    (mathtext) as outlines; ``svg_text="paths"`` draws all its text as outlines.
    """
    import matplotlib

    target = Path(path)
    fmt = FORMATS[target.suffix.lower()]
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
    target = Path(path)
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
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:NAME_MAX // 2]}.", suffix=".tmp", dir=folder)
    except OSError as exc:  # /proc, a read-only mount: the folder the user gave, and the true cause
        raise OutputError(f"cannot write {str(target)!r}: folder {str(folder)!r} does not accept new files "
                          f"({exc.strerror or exc}); choose another folder") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        _set_default_mode(tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):  # named by the file asked for, not the temporary one
            raise OutputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
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
