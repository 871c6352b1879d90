"""The fast PNG writer of the poster, and the canvas that uses it.

:func:`write_png` stores every scanline unfiltered and lets deflate do the rest: the same pixels as
matplotlib's PNG through Pillow, many times faster on a poster that is mostly flat background (Pillow
tries five filters on every row). Deflate is zlib-ng's at level 2 (the ``zlib-ng`` package, a dependency
where it has wheels) where it is installed, else zlib's at level 3: measured on the gallery's 132
figures, 83 ms instead of 287 ms and files 9 % smaller; on the 66-panel cheatsheet, 12 ms instead of 34
ms, 3 % larger. (ISA-L's deflate, faster still, was tried and dropped: the same pixels came out as other
bytes from one run to the next.) :func:`attach_poster_canvas` gives one Figure a canvas whose PNGs are
drawn unhinted (as the poster was measured) and written this way; nothing global changes.
"""

from __future__ import annotations

import contextlib
import struct
import zlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["POSTER_RC", "PNG_LEVEL", "ZLIB_NG_LEVEL", "poster_rc", "attach_poster_canvas", "write_png"]

#: rcParams of the poster, in force while it is built and while its PNG is drawn: unhinted glyphs.
#: matplotlib renders text glyph by glyph, and with its default (FreeType's autohinter) every glyph
#: of the poster's ~4000 is hinted again at every draw; unhinted, text is measured and drawn in
#: about half the time and differs by a fraction of a pixel. SVG and PDF are never hinted.
POSTER_RC = {"text.hinting": "no_hinting"}
#: zlib level of the poster's PNG where zlib-ng is not installed: 3 compresses a mostly-white poster
#: within a few per cent of 6 in half the time (see :func:`write_png`)
PNG_LEVEL = 3
#: zlib-ng's level: 2 is 3.5 times as fast as zlib's 3 on these images with smaller files (its 1 is
#: faster still, but its files are 27 % larger)
ZLIB_NG_LEVEL = 2


def _compressor(level: int | None) -> Any:
    """A zlib-format stream compressor: zlib-ng's where it is installed (``level`` None), else zlib's.
    Both streams are plain deflate, read by every PNG decoder; each is the same bytes on a rerun."""
    if level is None:
        try:
            from zlib_ng import zlib_ng
        except ImportError:  # no wheel for this platform: zlib, ~3.5 times slower
            return zlib.compressobj(PNG_LEVEL)
        return zlib_ng.compressobj(ZLIB_NG_LEVEL)
    return zlib.compressobj(level)


@contextlib.contextmanager
def poster_rc() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(POSTER_RC):
        yield


_CANVAS: dict[str, type] = {}


def attach_poster_canvas(fig: Figure) -> None:
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
            """Agg, with PNGs drawn under POSTER_RC and written by write_png."""

            def print_png(self, filename_or_obj: Any, *, metadata: Mapping[str, Any] | None = None,
                          pil_kwargs: Mapping[str, Any] | None = None, **print_figure_kwargs: Any) -> None:
                # print_figure passes dpi, facecolor, ... to print methods defined outside
                # matplotlib; Agg's own print_png takes none of them (they are already applied)
                software = f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/"
                text = {k: v for k, v in {"Software": software, **(metadata or {})}.items() if v is not None}
                with poster_rc():
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
              level: int | None = None) -> None:
    """Write an ``(h, w, 4)`` uint8 image as PNG: RGB when it is opaque, else RGBA.

    Same pixels as matplotlib's PNG (through Pillow), many times faster: Pillow tries five filters
    on every row to pick the best (most of its time), which buys little on a poster that is mostly
    flat background; here every row is stored unfiltered and deflate does the rest (zlib-ng's where
    installed; ``level``: zlib's at that level instead). ``text`` becomes tEXt chunks (latin-1),
    ``dpi`` the pHYs chunk. Deterministic.
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
    packer = _compressor(level)
    idat = []
    for start in range(0, h, rows):
        n = min(rows, h - start)
        source = rgba[start:start + n].reshape(n, w * 4)
        for c in range(channels):  # a channel at a time: numpy copies RGBA to RGB four times faster so
            raw[:n, 1 + c::channels] = source[:, c::4]  # than as pixels of three bytes (0.6 ms, not 2.5)
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
