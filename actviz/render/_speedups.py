"""Start-up tricks for the one-shot command-line process only; the library never applies them.

Each trick patches matplotlib privately, so each is applied only by :func:`actviz.cli.main`, only
on the matplotlib versions it was measured on (:data:`MEASURED_ON`), and not at all when the
environment variable ``ACTVIZ_NO_SPEEDUPS`` is set to anything but ``0``. A notebook that imports
actviz runs matplotlib exactly as shipped. Measured gains (2-core EPYC VM, matplotlib 3.11.2):

* **lean ``Artist.set`` docstrings** (~130 ms of every figure command): matplotlib builds the
  property tables of every artist class's ``set()`` docstring while its modules are imported; a
  command-line process never reads them, so they are skipped while the Figure API is imported.
* **no final garbage collection** (~50 ms): at exit the interpreter walks every object the imports
  made; freezing them first skips that walk (the memory is freed with the process anyway).
* **a roomier mathtext cache** (~60 ms of the 46-panel cheatsheet): matplotlib keeps 50 parsed
  formulas; a poster has more, measured while laid out and parsed again when drawn (LRU thrashing).
* **shipped mathtext layouts** (below; ~4 ms a formula: 1.16 → 0.88 s for the
  catalogue's cheatsheet, ~8 ms of a ``plot`` figure): the formulas of the default figures are looked
  up instead of parsed by pyparsing, where the layout is certainly the one matplotlib would make (same
  matplotlib, FreeType, fonts and settings); the same pixels.

* **remembered font heights** (matplotlib 3.11 only; ~4.6 ms of a house and a phone figure's ~44,
  10 %): every text's layout looks its font up by its properties and reads three of its tables for the
  line height; the Agg renderer is given the method matplotlib's PDF backend has, answering that from a
  memo of the same computation (per font properties, dpi and font settings).

* **glyph transform once a text** (matplotlib 3.11 only; ~1.2 ms of a house and a phone figure's ~35):
  Agg draws text glyph by glyph, and computed the same 2 x 2 transform (a small numpy product) for every
  glyph; it is computed once a text. The same integers reach FreeType.
* **tick label boxes once a draw** (matplotlib 3.11 only; ~0.9 ms of a pair): an axis measured its tick
  labels' boxes twice in one draw (once for itself, once more to place its label); the second time it
  is handed the first measure, unless its label is aligned with other Axes' labels.
* **remembered text layouts** (matplotlib 3.11 only; ~1.2 ms of a pair's ~26): a tick label, legend entry
  or note was laid out two to five times a draw, and the same tick labels come back figure after figure;
  each layout is remembered per renderer, keyed by everything matplotlib's layout reads.
* **remembered glyph runs** (matplotlib 3.11 only; ~3.5 ms of a pair's ~26): Agg looked a plain text's
  font up and shaped its string into glyphs at every draw; the run (font, glyph, place) is remembered per
  string, font properties, dpi, hinting, features and language, and drawn as matplotlib draws it.
* **legend boxes once a draw** (matplotlib 3.11 only; ~1 ms of a pair's ~22): while a legend is drawn or
  measured, each of its packing boxes is measured once instead of three to five times.

What a font gave is remembered with the font settings it was looked up under (:func:`_font_settings`: the
``font.*`` settings findfont's own cache is keyed by, hinting, kerning, the fonts known), so a process that
changes them between draws gets what matplotlib would look up. Each trick is tested against matplotlib's
own pixels (``tests/test_speedups.py``), and the command line's figures with and without them.

The cyclic garbage collector itself is switched off in :func:`actviz.cli.main` (the other measured
policy of the one-shot process), not here.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["MEASURED_ON", "ENV", "enabled", "apply", "LAYOUT_FILE", "layouts_file", "lookup", "recording",
           "record_layouts", "write_layouts", "layouts_match"]

#: matplotlib versions (major.minor) on which the tricks were measured and checked
MEASURED_ON = ("3.9", "3.10", "3.11")
#: set to anything but "0" to turn every trick off
ENV = "ACTVIZ_NO_SPEEDUPS"
MATHTEXT_CACHE = 512

_applied: list[str] = []


def enabled() -> bool:
    return os.environ.get(ENV, "0") in ("", "0")


def apply() -> list[str]:
    """Apply the tricks that are safe here (call before matplotlib is imported); return their names."""
    if _applied or not enabled():
        return list(_applied)
    import atexit
    import gc

    atexit.register(gc.freeze)
    _applied.append("no final garbage collection")
    if "matplotlib.figure" not in sys.modules:
        import matplotlib
        import matplotlib.artist as martist

        if _minor(matplotlib.__version__) not in MEASURED_ON:
            return list(_applied)
        _import_figure_api_lean(martist)
        _applied.append("lean Artist.set docstrings")
    if _roomy_mathtext_cache():
        _applied.append("roomier mathtext cache")
        _applied.append("shipped mathtext layouts")
    drawing = {"remembered font heights": _remembered_font_heights,
               "glyph transform once a text": _glyph_transform_once_a_text,
               "tick label boxes once a draw": _tick_label_boxes_once_a_draw,
               "remembered text layouts": _remembered_text_layouts,
               "remembered glyph runs": _remembered_glyph_runs,
               "legend boxes once a draw": _legend_boxes_once_a_draw}
    _applied.extend(name for name, trick in drawing.items() if trick())  # each checks its own versions
    return list(_applied)


def _import_figure_api_lean(martist: object) -> None:
    """Import the Figure API with ``Artist.set``'s docstring generation skipped (restored after)."""
    original = martist.kwdoc, martist.Artist.__dict__.get("_update_set_signature_and_docstring")  # type: ignore[attr-defined]

    def lean_set_signature(cls: type) -> None:  # set() keeps working; only its help text is short
        cls.set._autogenerated_signature = True  # type: ignore[attr-defined]
        cls.set.__doc__ = "Set multiple properties at once (see the matplotlib documentation)."  # type: ignore[attr-defined]

    martist.kwdoc = lambda artist: "Properties: see the matplotlib documentation."  # type: ignore[attr-defined]
    if original[1] is not None:
        martist.Artist._update_set_signature_and_docstring = classmethod(lean_set_signature)  # type: ignore[attr-defined]
    try:
        import matplotlib.backends.backend_agg  # noqa: F401
        import matplotlib.figure  # noqa: F401
        import matplotlib.legend  # noqa: F401
    finally:
        martist.kwdoc = original[0]  # type: ignore[attr-defined]
        if original[1] is not None:
            martist.Artist._update_set_signature_and_docstring = original[1]  # type: ignore[attr-defined]


def _roomy_mathtext_cache(size: int = MATHTEXT_CACHE) -> bool:
    """Give matplotlib's mathtext parse cache ``size`` slots instead of 50, in front of the parse
    answered from the shipped layouts first (:func:`_with_layouts`)."""

    from matplotlib.mathtext import MathTextParser

    cached = MathTextParser.__dict__.get("_parse_cached")
    info = getattr(cached, "cache_info", None)
    wrapped = getattr(cached, "__wrapped__", None)
    if info is None or wrapped is None or (info().maxsize or 0) >= size:
        return False
    MathTextParser._parse_cached = functools.lru_cache(size)(_with_layouts(wrapped))  # type: ignore[method-assign]
    return True


#: the matplotlib versions whose Text layout asks the renderer for font heights (and where it was measured)
FONT_HEIGHTS_ON = ("3.11",)


def _remembered_font_heights() -> bool:
    """Give the Agg renderer ``_get_font_height_metrics`` (which matplotlib's Text layout uses where a
    renderer has it, as the PDF one does): the line height metrics ``Text._get_layout`` computes itself
    otherwise, by the same formula, remembered per font properties, dpi and the fonts registered."""
    import matplotlib
    from matplotlib.backends.backend_agg import RendererAgg

    if _minor(matplotlib.__version__) not in FONT_HEIGHTS_ON or hasattr(RendererAgg, "_get_font_height_metrics"):
        return False
    from matplotlib.font_manager import fontManager, get_font

    memo: dict[Any, tuple[float | None, float | None, float | None]] = {}

    def _get_font_height_metrics(self: Any, prop: Any) -> tuple[float | None, float | None, float | None]:
        key = (tuple(prop.__dict__.values()), self.dpi, _font_settings())
        found = memo.get(key)
        if found is None:
            found = (None, None, None)
            font = get_font(fontManager._find_fonts_by_props(prop))
            for table_name, gap, ascent, descent in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                    ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                found = (table[ascent] * scale, -table[descent] * scale, table[gap] * scale)
                break
            memo[key] = found
        return found

    RendererAgg._get_font_height_metrics = _get_font_height_metrics  # type: ignore[attr-defined]
    return True

#: the settings a font lookup depends on (matplotlib's findfont keys its cache by the first eleven), with
#: the glyph-loading ones: part of every key below that remembers what a font gave
_FONT_RC = ("font.family", "font.style", "font.variant", "font.weight", "font.stretch", "font.size", "font.serif",
            "font.sans-serif", "font.cursive", "font.fantasy", "font.monospace", "text.hinting",
            "text.hinting_factor", "text.kerning_factor")


def _font_settings() -> tuple[Any, ...]:
    """The font settings in force (:data:`_FONT_RC`, lists as tuples, as findfont's key has them), the
    fonts known and MPL_IGNORE_SYSTEM_FONTS: read from the rcParams dict directly (~2 µs)."""
    import matplotlib
    from matplotlib.font_manager import fontManager

    rc = matplotlib.rcParams
    values = [dict.get(rc, k) for k in _FONT_RC]
    return (*(tuple(v) if isinstance(v, list) else v for v in values), len(fontManager.ttflist),
            os.environ.get("MPL_IGNORE_SYSTEM_FONTS"))


#: the attribute that marks a function put in place by a trick here (it holds matplotlib's own)
_MARK = "_actviz_replaces"


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


#: the matplotlib versions whose Agg renderer draws text glyph by glyph (and where it was measured)
GLYPHS_ON = ("3.11",)


def _glyph_transform_once_a_text() -> bool:
    """Agg's ``_draw_text_glyphs_and_boxes`` as matplotlib 3.11 has it, with the glyphs' 2 x 2 transform
    (a numpy product, rounded) computed once a text and slant instead of once a glyph: the same integers
    handed to FreeType, so the same pixels."""
    import math

    import matplotlib
    from matplotlib.backends import backend_agg

    renderer = backend_agg.RendererAgg
    original = renderer.__dict__.get("_draw_text_glyphs_and_boxes")
    if _minor(matplotlib.__version__) not in GLYPHS_ON or original is None or hasattr(original, _MARK):
        return False
    import numpy as np
    from matplotlib.ft2font import RenderMode

    @functools.wraps(original)
    def _draw_text_glyphs_and_boxes(self: Any, gc: Any, x: float, y: float, angle: float, glyphs: Any,
                                    boxes: Any) -> None:
        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        load_flags = backend_agg.get_hinting_flag()
        antialiased = gc.get_antialiased()
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        matrices: dict[tuple[float, float], Any] = {}
        for font, size, glyph_index, slant, extend, dx, dy in glyphs:  # dy is upwards
            font.set_size(size, self.dpi)
            matrix = matrices.get((slant, extend))
            if matrix is None:
                matrix = matrices[(slant, extend)] = (
                    0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]]
                ).round().astype(int)
            font._set_transform(matrix, [round(0x40 * (x + dx * cos - dy * sin)),
                                         round(0x40 * (self.height - y + dx * sin + dy * cos))])
            bitmap = font._render_glyph(glyph_index, load_flags, mode)
            buffer = bitmap.buffer
            if not antialiased:
                buffer *= 0xff
            self._renderer.draw_text_image(buffer, bitmap.left, int(self.height) - bitmap.top + buffer.shape[0], 0, gc)
        original(self, gc, x, y, angle, (), boxes)  # the boxes (mathtext's rules), as matplotlib draws them

    setattr(_draw_text_glyphs_and_boxes, _MARK, original)
    renderer._draw_text_glyphs_and_boxes = _draw_text_glyphs_and_boxes  # type: ignore[method-assign]
    return True


#: the matplotlib versions whose Axis.draw measures its tick labels twice (and where it was measured)
TICK_BOXES_ON = ("3.11",)


def _tick_label_boxes_once_a_draw() -> bool:
    """``Axis.draw`` measures its tick labels' boxes, draws the ticks, then places the axis label by the
    same boxes, which ``_get_tick_boxes_siblings`` measures again (ticks located, formatted and laid out
    anew). Where the axis label is aligned with no other Axes' (no ``align_labels``), the boxes measured
    a moment before in the same draw are handed over: the same numbers, so the same label position."""
    import matplotlib
    from matplotlib.axis import Axis

    draw = Axis.__dict__.get("draw")
    measure = Axis.__dict__.get("_get_ticklabel_bboxes")
    siblings = Axis.__dict__.get("_get_tick_boxes_siblings")
    if _minor(matplotlib.__version__) not in TICK_BOXES_ON or None in (draw, measure, siblings) or \
            hasattr(draw, _MARK):
        return False
    drawing: dict[int, Any] = {}  # id(axis) -> the boxes its draw measured (only while it draws)

    @functools.wraps(draw)  # with its attributes: it still supports rasterization
    def draw_measuring_once(self: Any, renderer: Any) -> Any:
        drawing[id(self)] = None
        try:
            return draw(self, renderer)
        finally:
            drawing.pop(id(self), None)

    @functools.wraps(measure)
    def measured(self: Any, ticks: Any, renderer: Any) -> Any:
        boxes = measure(self, ticks, renderer)
        if id(self) in drawing and drawing[id(self)] is None:  # the first measure of its draw
            drawing[id(self)] = (renderer, boxes)
        return boxes

    @functools.wraps(siblings)
    def tick_boxes(self: Any, renderer: Any) -> Any:
        known = drawing.get(id(self))
        name = self._get_axis_name()
        groups = self.get_figure(root=False)._align_label_groups
        if known is not None and known[0] is renderer and name in groups and \
                list(groups[name].get_siblings(self.axes)) == [self.axes]:
            return list(known[1][0]), list(known[1][1])
        return siblings(self, renderer)

    setattr(draw_measuring_once, _MARK, draw)
    setattr(measured, _MARK, measure)
    setattr(tick_boxes, _MARK, siblings)
    Axis.draw = draw_measuring_once  # type: ignore[method-assign]
    Axis._get_ticklabel_bboxes = measured  # type: ignore[method-assign]
    Axis._get_tick_boxes_siblings = tick_boxes  # type: ignore[method-assign]
    return True


#: the matplotlib versions whose Text layout reads what :func:`_remembered_text_layouts` keys it by
LAYOUTS_ON = ("3.11",)
#: layouts remembered per renderer at most (then forgotten and begun again)
LAYOUT_MEMO = 4096


def _remembered_text_layouts() -> bool:
    """``Text._get_layout`` (a text's box and its lines' places, relative to its anchor) remembered per
    renderer and everything matplotlib 3.11's layout reads: the string, the figure's dpi, usetex and
    math parsing, the font properties, line spacing, alignments, rotation and its mode, the font settings
    (:func:`_font_settings`). A tick label, a legend entry or a note is laid out two to five
    times a draw, and the same tick labels come back figure after figure; each is laid out once. Texts
    that wrap, or whose rotation follows their transform, are laid out as usual; each caller gets its
    own copy of the box."""
    import weakref

    import matplotlib
    from matplotlib.text import Text

    layout = Text.__dict__.get("_get_layout")
    if _minor(matplotlib.__version__) not in LAYOUTS_ON or layout is None or hasattr(layout, _MARK):
        return False
    memos: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()

    @functools.wraps(layout)
    def _get_layout(self: Any, renderer: Any) -> Any:
        if self._wrap or self._transform_rotates_text:
            return layout(self, renderer)
        try:
            key = (self._text, self.get_figure(root=True).dpi, self._usetex, self._parse_math,
                   tuple(self._fontproperties.__dict__.values()), self._linespacing, self._multialignment,
                   self._rotation, self._horizontalalignment, self._verticalalignment, self._rotation_mode,
                   _font_settings())
            memo = memos.get(renderer)
            if memo is None:
                memo = memos[renderer] = {}
            found = memo.get(key)
        except TypeError:  # no weak reference to this renderer, or a property that cannot be a key
            return layout(self, renderer)
        if found is None:
            found = layout(self, renderer)
            if len(memo) >= LAYOUT_MEMO:
                memo.clear()
            memo[key] = found
        bbox, lines, box = found
        return bbox.frozen(), list(lines), box

    setattr(_get_layout, _MARK, layout)
    Text._get_layout = _get_layout  # type: ignore[method-assign]
    return True


#: the matplotlib versions whose Agg draw_text lays a string out with ``FT2Font._layout`` (where measured)
RUNS_ON = ("3.11",)
#: glyph runs remembered at most (then forgotten and begun again)
RUN_MEMO = 4096


def _remembered_glyph_runs() -> bool:
    """Agg's ``draw_text`` for plain text (not mathtext), with the string's glyph run (which font, which
    glyph, where, as ``FT2Font._layout`` shapes it) remembered per string, font properties, dpi, hinting,
    font features and language, and the number of fonts known: a tick label's font is looked up and its
    string shaped once, not at every draw. The glyphs are then drawn as matplotlib 3.11 draws them."""
    import matplotlib
    from matplotlib.backends import backend_agg

    renderer = backend_agg.RendererAgg
    draw_text = renderer.__dict__.get("draw_text")
    if _minor(matplotlib.__version__) not in RUNS_ON or draw_text is None or hasattr(draw_text, _MARK):
        return False
    runs: dict[Any, tuple[Any, ...]] = {}

    @functools.wraps(draw_text)
    def remembered_draw_text(self: Any, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
                             ismath: Any = False, mtext: Any = None) -> Any:
        if ismath:
            return self.draw_mathtext(gc, x, y, s, prop, angle)
        flags = backend_agg.get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        lang = mtext.get_language() if mtext is not None else None
        try:
            key = (s, tuple(prop.__dict__.values()), self.dpi, flags, features, lang, _font_settings())
            run = runs.get(key)
        except TypeError:  # a property, feature list or language that cannot be a key
            return draw_text(self, gc, x, y, s, prop, angle, ismath, mtext)
        if run is None:
            font = self._prepare_font(prop)
            size = prop.get_size_in_points()
            run = tuple((item.ft_object, size, item.glyph_index, 0, 1, item.x, item.y)
                        for item in font._layout(s, flags=flags, features=features, language=lang))
            if len(runs) >= RUN_MEMO:
                runs.clear()
            runs[key] = run
        self._draw_text_glyphs_and_boxes(gc, x, y, angle, run, [])
        return None

    setattr(remembered_draw_text, _MARK, draw_text)
    renderer.draw_text = remembered_draw_text  # type: ignore[method-assign]
    return True


#: the matplotlib versions whose legends pack their entries as measured here
LEGEND_BOXES_ON = ("3.11",)


def _legend_boxes_once_a_draw() -> bool:
    """While a legend is drawn or measured, each of its packing boxes (the rows and columns of
    ``VPacker`` and ``HPacker``, and each entry's ``TextArea``) is measured once: matplotlib measures a
    box again for its parent, for itself, for its drawing, and each of its children with it (three to five
    times a draw). The boxes handed out are copies of the first measure, which nothing in between changes
    (children's offsets are set, never their sizes). Outside a legend, boxes are measured as usual."""
    import matplotlib
    from matplotlib import offsetbox
    from matplotlib.legend import Legend

    scoped = [(Legend, "draw"), (Legend, "get_window_extent")]
    boxes = [(offsetbox.VPacker, "_get_bbox_and_child_offsets"), (offsetbox.HPacker, "_get_bbox_and_child_offsets"),
             (offsetbox.TextArea, "get_bbox")]
    originals = [owner.__dict__.get(name) for owner, name in scoped + boxes]
    if _minor(matplotlib.__version__) not in LEGEND_BOXES_ON or None in originals or \
            any(hasattr(f, _MARK) for f in originals):
        return False
    scope: list[dict[tuple[int, int], Any]] = []  # the measures of the legend being drawn or measured

    def in_scope(method: Any) -> Any:
        @functools.wraps(method)  # with its attributes: Legend.draw still supports rasterization
        def measuring_once(self: Any, *args: Any, **kwargs: Any) -> Any:
            if scope:  # within the same legend's draw (its best place is found by measuring it)
                return method(self, *args, **kwargs)
            scope.append({})
            try:
                return method(self, *args, **kwargs)
            finally:
                scope.pop()

        setattr(measuring_once, _MARK, method)
        return measuring_once

    def remembered(method: Any, copy: Any) -> Any:
        @functools.wraps(method)
        def measured(self: Any, renderer: Any) -> Any:
            if not scope:
                return method(self, renderer)
            memo = scope[-1]
            key = (id(self), id(renderer))
            found = memo.get(key)
            if found is None:
                found = memo[key] = method(self, renderer)
            return copy(found)

        setattr(measured, _MARK, method)
        return measured

    for (owner, name), method in zip(scoped, originals):
        setattr(owner, name, in_scope(method))
    for (owner, name), method in zip(boxes, originals[len(scoped):]):
        setattr(owner, name, remembered(method, (lambda found: found.frozen()) if name == "get_bbox" else
                                        (lambda found: (found[0].frozen(), list(found[1])))))
    return True


# -- shipped mathtext layouts ---------------------------------------------------------------------------
#
# Every formula of a figure is laid out by matplotlib's mathtext parser (pyparsing), about 4 ms each on this
# project's machine. The layout it returns for Agg, SVG and PDF (a ``VectorParse``: the box's width, height
# and depth, each glyph's font, size, index and position, the rules' rectangles) depends only on the formula,
# the dpi, the font size and properties, the font files, matplotlib's version and its ``mathtext.*``
# settings. ``python -m actviz.build`` records the layouts of the formulas the default figures draw (the
# cheatsheet, the plot and gallery figures) into ``_mathtext_layouts.json`` (:func:`record_layouts`,
# :func:`write_layouts`); the command line answers those formulas from it (:func:`lookup`), so the figures
# are the same pixels, made without pyparsing. An entry is used only where it is exactly what the parser
# would return: the file was made with this matplotlib and this FreeType (else it is not used at all); the
# fonts mathtext would use for these font properties and ``mathtext.*`` settings are the files the layouts
# were made with (same names, places and sizes; checked once per process for each kind of properties); the
# formula, dpi, font size and glyph-loading flags are an entry's key, exactly. Anything else is parsed by
# matplotlib as usual; a test compares the entries with matplotlib's own parse.

LAYOUT_FILE = Path(__file__).with_name("_mathtext_layouts.json")

#: the settings mathtext reads besides the font properties (the parser's default style, the font
#: families of \\mathrm and friends, the fallback fonts, kerning)
_RC = ("mathtext.fontset", "mathtext.default", "mathtext.fallback", "mathtext.rm", "mathtext.it", "mathtext.bf",
       "mathtext.bfit", "mathtext.sf", "mathtext.tt", "mathtext.cal", "text.kerning_factor",
       "font.enable_last_resort")


def _versions() -> list[str]:
    import matplotlib
    from matplotlib import ft2font

    return [matplotlib.__version__, str(getattr(ft2font, "__freetype_version__", ""))]


def _prop_key(prop: Any) -> str:
    """The font properties a fontset is made from (all but the size), and the settings it reads."""
    import matplotlib

    rc = [repr(matplotlib.rcParams.get(k)) for k in _RC]
    return json.dumps([list(prop.get_family()), prop.get_style(), prop.get_variant(), str(prop.get_weight()),
                       str(prop.get_stretch()), prop.get_math_fontfamily(), prop.get_file(), rc])


def _group_key(prop: Any, files: dict[str, str]) -> str:
    """What a layout depends on besides the formula, dpi and size: the fontset's kind, the settings
    mathtext reads, the font files it uses and the one text outside $...$ is set in (English and Chinese
    figures share one: the Chinese font comes after DejaVu Sans there, and mathtext's fonts are the same)."""
    import matplotlib

    default = _font_id(files[_DEFAULT]) if _DEFAULT in files else None
    return json.dumps([prop.get_math_fontfamily(), [repr(matplotlib.rcParams.get(k)) for k in _RC],
                       sorted(k for k in files if k != _DEFAULT), default])


def _flags(flags: Any) -> int:
    """Glyph-loading flags as a number (an enum.Flag since matplotlib 3.10, an int before)."""
    return int(getattr(flags, "value", flags))


def _layout_key(s: str, dpi: float, size: float, flags: Any) -> str:
    return json.dumps([s, float(dpi), float(size), _flags(flags)])


def _font_id(path: str) -> str:
    """A font file as the layouts name it: where it is (matplotlib's own fonts, or elsewhere), its name
    and size (the same file on another machine has the same id)."""
    import matplotlib

    real = os.path.realpath(path)
    data = os.path.realpath(matplotlib.get_data_path())
    where = "mpl" if real.startswith(data + os.sep) else "sys"
    try:
        size = os.path.getsize(real)
    except OSError:
        size = -1
    return f"{where}:{os.path.basename(real)}:{size}"


_DEFAULT = "default"  #: the key of the font text outside $...$ is set in, beside the font ids


def _fontset_files(prop: Any, flags: Any) -> dict[str, str]:
    """font id -> path of every font file the fontset for ``prop`` may use (its own, its fallbacks'),
    and under :data:`_DEFAULT` the path of its font for text outside $...$."""
    from matplotlib.mathtext import MathTextParser

    fontset = MathTextParser._font_type_mapping[prop.get_math_fontfamily()](prop, flags)
    found: dict[str, str] = {}
    seen: set[int] = set()
    stack = [fontset]
    while stack:
        fs = stack.pop()
        if fs is None or id(fs) in seen:
            continue
        seen.add(id(fs))
        paths = [v for v in getattr(fs, "fontmap", {}).values() if isinstance(v, str)]
        default = getattr(fs, "_fonts", {}).get("default")
        if default is not None:
            paths.append(default.fname)
            if fs is fontset:
                found[_DEFAULT] = os.path.realpath(default.fname)
        for path in paths:
            if os.path.isfile(path):
                found.setdefault(_font_id(path), os.path.realpath(path))
        stack += [getattr(fs, "_fallback_font", None), getattr(fs, "bakoma", None)]
    return found


# -- the shipped file ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def layouts_file() -> dict[str, Any]:
    """The shipped layouts, if they were made with this matplotlib and FreeType; else empty."""
    try:
        data = json.loads(LAYOUT_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("versions") != _versions():
        return {}
    return data


_GROUPS: dict[tuple[str, int], tuple[dict[str, Any], dict[str, str]] | None] = {}  #: found per process


def _group(prop: Any, flags: Any) -> tuple[dict[str, Any], dict[str, str]] | None:
    """(the layouts made with the fonts the fontset for ``prop`` uses here, font id -> path here), or None
    if none were: found once per process for each kind of font properties."""
    key = (_prop_key(prop), _flags(flags))
    if key not in _GROUPS:
        groups = layouts_file().get("groups", {})
        files = _fontset_files(prop, flags) if groups else {}
        group = groups.get(_group_key(prop, files)) if groups else None
        _GROUPS[key] = (group, files) if group is not None else None
    return _GROUPS[key]


def lookup(s: str, dpi: float, prop: Any, load_glyph_flags: Any) -> Any:
    """The ``VectorParse`` mathtext would return for ``s``, from the shipped layouts; None if there is
    none that is certainly the same."""
    if prop is None or not layouts_file():
        return None
    found = _group(prop, load_glyph_flags)
    if found is None:
        return None
    group, files = found
    row = group["layouts"].get(_layout_key(s, dpi, prop.get_size_in_points(), load_glyph_flags))
    if row is None:
        return None
    import numpy as np
    from matplotlib.font_manager import get_font
    from matplotlib.mathtext import VectorParse

    paths = [files[fid] for fid in group["fonts"]]
    width, height, depth, glyphs, rects = row
    return VectorParse(np.float64(width), np.float64(height), np.float64(depth),
                       [(get_font(paths[f]), size, num, index, ox, np.float64(oy))
                        for f, size, num, index, ox, oy in glyphs],
                       [tuple(r) for r in rects])


# -- making it ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def recording() -> Iterator[dict[str, dict[str, Any]]]:
    """Record every layout mathtext makes for a raster or vector backend while inside: group key ->
    {"fonts": [font ids], "layouts": {layout key: row}}. matplotlib's parse cache is emptied around it."""
    import inspect

    from matplotlib.mathtext import MathTextParser

    original = MathTextParser.__dict__["_parse_cached"]
    parse = inspect.unwrap(original)  # matplotlib's own parse, under any cache or lookup put in front of it
    found: dict[str, dict[str, Any]] = {}

    def record(self: Any, s: str, dpi: float, prop: Any, antialiased: Any, load_glyph_flags: Any) -> Any:
        out = parse(self, s, dpi, prop, antialiased, load_glyph_flags)
        if self._output_type == "vector" and prop is not None:
            files = _fontset_files(prop, load_glyph_flags)
            ids = {path: fid for fid, path in files.items() if fid != _DEFAULT}
            group = found.setdefault(_group_key(prop, files), {"fonts": sorted(ids.values()), "layouts": {}})
            used = [ids.get(os.path.realpath(g[0].fname)) for g in out.glyphs]
            if None not in used:  # a glyph from a font the fontset does not name: not recorded
                index = {fid: i for i, fid in enumerate(group["fonts"])}
                group["layouts"][_layout_key(s, dpi, prop.get_size_in_points(), load_glyph_flags)] = [
                    float(out.width), float(out.height), float(out.depth),
                    [[index[fid], float(g[1]), int(g[2]), int(g[3]), float(g[4]), float(g[5])]
                     for fid, g in zip(used, out.glyphs)],
                    [[float(v) for v in r] for r in out.rects]]
        return out

    MathTextParser._parse_cached = functools.lru_cache(50)(record)  # type: ignore[method-assign]
    try:
        yield found
    finally:
        MathTextParser._parse_cached = original  # type: ignore[method-assign]
        original.cache_clear()


def record_layouts() -> dict[str, Any]:
    """The layouts of the formulas the default figures draw: ``actviz cheatsheet`` (the catalogue at 100
    dpi) and every activation's ``plot``/gallery figure (150 dpi, the house size and a phone's), measured
    and drawn as the commands do. In English: the Chinese figures draw the same formulas (a test checks)."""
    import matplotlib

    from ..catalog import REGISTRY
    from ..messages import language
    from .cheatsheet import cheatsheet_figure
    from .figures import plot_figure
    from .gallery import NARROW_FONT, NARROW_SIZE
    from .png import poster_rc
    from .save import SAVE_RC

    bounds = [REGISTRY[name].bind() for name in REGISTRY.names()]
    with recording() as found:
        with language("en"), poster_rc():
            figures = [cheatsheet_figure(bounds)]
            for b in bounds:
                figures.append(plot_figure(b, dpi=150))
                figures.append(plot_figure(b, dpi=150, size=NARROW_SIZE, title=False, formula=False,
                                           font_scale=NARROW_FONT))
            for fig in figures:
                with matplotlib.rc_context(SAVE_RC):
                    fig.canvas.draw()
    groups = {key: {"fonts": g["fonts"], "layouts": dict(sorted(g["layouts"].items()))}
              for key, g in sorted(found.items())}
    return {"versions": _versions(), "groups": groups}


def write_layouts(data: dict[str, Any], path: Path = LAYOUT_FILE) -> Path:
    """Write the layouts atomically: a layout a line (a regenerated file diffs by formula)."""
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    parts = []
    for key, group in data["groups"].items():
        rows = ",\n".join(f"{json.dumps(k, **compact)}:{json.dumps(v, **compact)}"
                          for k, v in group["layouts"].items())
        parts.append(f"{json.dumps(key, **compact)}:{{\"fonts\":{json.dumps(group['fonts'], **compact)},"
                     f"\"layouts\":{{\n{rows}\n}}}}")
    text = f'{{"versions":{json.dumps(data["versions"])},"groups":{{\n' + ",\n".join(parts) + "\n}}\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    layouts_file.cache_clear()
    _GROUPS.clear()
    return path


def layouts_match(fresh: dict[str, Any]) -> bool | None:
    """Whether the shipped file holds exactly ``fresh`` (None: it was made with another matplotlib or
    FreeType, so this one cannot say)."""
    try:
        shipped = json.loads(LAYOUT_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if shipped.get("versions") != fresh["versions"]:
        return None
    return bool(shipped == json.loads(json.dumps(fresh)))


def _with_layouts(parse: Any) -> Any:
    """``parse`` (matplotlib's ``_parse_cached`` function, unwrapped) answered from the shipped layouts
    first: what :func:`_roomy_mathtext_cache` puts in its place."""

    def parse_or_look_up(self: Any, s: str, dpi: float, prop: Any, antialiased: Any, load_glyph_flags: Any) -> Any:
        if self._output_type == "vector":
            hit = lookup(s, dpi, prop, load_glyph_flags)
            if hit is not None:
                return hit
        return parse(self, s, dpi, prop, antialiased, load_glyph_flags)

    parse_or_look_up.__wrapped__ = parse  # type: ignore[attr-defined]
    return parse_or_look_up
