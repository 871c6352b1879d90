"""The SVG writer: words stay text, mathematics is drawn as outlines.

With ``svg.fonttype: none`` matplotlib writes every text as ``<text>`` naming its font, formulas
included, and sets each piece of a formula in the font mathtext took it from: ``cmsy10`` for ′ (at
the code point of "0"), ``STIXSizeOneSym`` for the radical of √ and tall brackets, fonts no viewer has.
Chromium, Firefox and librsvg substitute and draw f⁰(x) and a √ whose bar floats loose. This canvas
draws every mathtext text (``$...$``: formulas, log-axis labels) as outlines, as ``svg.fonttype: path``
does for all text, and leaves plain text (titles, ticks, legends, Chinese) as selectable ``<text>``.

It is a matplotlib backend module (``FigureCanvas``), used for one save at a time through
``savefig(backend="module://actviz.render.svg")``: matplotlib switches the figure's canvas for the save
and puts the figure's own back afterwards, also on error. The choice of outlines is scoped to the
drawing of one formula (``rc_context``); nothing global changes, nothing of matplotlib is patched.
"""

from __future__ import annotations

from typing import Any

import matplotlib
from matplotlib import cbook
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG

__all__ = ["BACKEND", "FigureCanvas", "MathAsPathsRenderer"]

#: what ``savefig(backend=...)`` takes to write an SVG with this canvas
BACKEND = "module://actviz.render.svg"

#: the one rcParam that differs while a formula is drawn
_OUTLINES = {"svg.fonttype": "path"}


class MathAsPathsRenderer(RendererSVG):
    """matplotlib's SVG renderer, drawing mathtext (and usetex) texts as outlines."""

    def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float, ismath: Any = False,
                  mtext: Any = None) -> None:
        if ismath and matplotlib.rcParams["svg.fonttype"] != "path":
            with matplotlib.rc_context(_OUTLINES):
                super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        else:
            super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)


class FigureCanvas(FigureCanvasSVG):
    """matplotlib's SVG canvas with :class:`MathAsPathsRenderer`; ``print_svg`` is matplotlib's own
    (3.11), the renderer being the one difference."""

    def print_svg(self, filename: Any, *, bbox_inches_restore: Any = None, metadata: Any = None,
                  **_: Any) -> None:
        # print_figure passes dpi, facecolor, edgecolor and orientation too: an SVG has no use for them
        # here (the figure's own are in force), as matplotlib's canvas drops them
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as fh:
            if not cbook.file_requires_unicode(fh):
                import codecs

                fh = codecs.getwriter("utf-8")(fh)
            dpi = self.figure.dpi
            self.figure.dpi = 72
            width, height = self.figure.get_size_inches()
            renderer = MixedModeRenderer(
                self.figure, width, height, dpi,
                MathAsPathsRenderer(width * 72, height * 72, fh, image_dpi=dpi, metadata=metadata),
                bbox_inches_restore=bbox_inches_restore)
            self.figure.draw(renderer)
            renderer.finalize()
