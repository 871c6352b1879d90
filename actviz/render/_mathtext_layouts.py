"""The shipped layouts of the default figures' formulas: matplotlib's mathtext without its parser.

Every formula of a figure is laid out by matplotlib's mathtext parser (pyparsing), about 4 ms each
on this project's machine: ~0.3 s of the whole-catalogue cheatsheet and ~10 ms of every ``plot``
figure. The layout it returns for Agg, SVG and PDF (a ``VectorParse``: the box's width, height and
depth, each glyph's font, size, index and position, the rules' rectangles) depends only on the formula,
the dpi, the font size and properties, the font files, matplotlib's version and its ``mathtext.*``
settings. ``python -m actviz.build`` records the layouts of the formulas the default figures draw
(the cheatsheet, the plot and gallery figures) into
``_mathtext_layouts.json``; the command line (:mod:`._speedups`, never the library) answers those
formulas from it, so the figures are the same pixels, made without pyparsing.

An entry is used only where it is exactly what the parser would return:

* the file was made with this matplotlib and this FreeType (else it is not used at all);
* the fonts mathtext would use for these font properties and ``mathtext.*`` settings are the files the
  layouts were made with (same names, places and sizes; checked once per set of properties);
* the formula, dpi, font size and glyph-loading flags are an entry's key, exactly.

Anything else is parsed by matplotlib as usual. A test compares every entry with matplotlib's own parse.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["LAYOUT_FILE", "layouts_file", "lookup", "recording", "record_defaults", "matches_shipped", "install"]

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


def record_defaults() -> dict[str, Any]:
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


def write(data: dict[str, Any], path: Path = LAYOUT_FILE) -> Path:
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


def matches_shipped(fresh: dict[str, Any]) -> bool | None:
    """Whether the shipped file holds exactly ``fresh`` (None: it was made with another matplotlib or
    FreeType, so this one cannot say)."""
    try:
        shipped = json.loads(LAYOUT_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if shipped.get("versions") != fresh["versions"]:
        return None
    return bool(shipped == json.loads(json.dumps(fresh)))


def install(parse: Any) -> Any:
    """``parse`` (matplotlib's ``_parse_cached`` function, unwrapped) answered from the shipped layouts
    first: what :mod:`._speedups` puts in its place."""

    def parse_or_look_up(self: Any, s: str, dpi: float, prop: Any, antialiased: Any, load_glyph_flags: Any) -> Any:
        if self._output_type == "vector":
            hit = lookup(s, dpi, prop, load_glyph_flags)
            if hit is not None:
                return hit
        return parse(self, s, dpi, prop, antialiased, load_glyph_flags)

    parse_or_look_up.__wrapped__ = parse  # type: ignore[attr-defined]
    return parse_or_look_up
