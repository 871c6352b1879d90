"""The shipped mathtext layouts (issue 29): every one is what matplotlib's own parser makes, they are used
only where that is certain, and a figure drawn from them is the same pixels."""

from __future__ import annotations

import functools
import os
import subprocess
import sys

import numpy as np
import pytest

from actviz.render import _speedups as layouts

SHIPPED = layouts.layouts_file()
applies = pytest.mark.skipif(not SHIPPED, reason="the layouts were made with another matplotlib or FreeType: "
                                                  "not used here (test_unused_with_other_versions)")


def _house_prop(size: float = 11.5):
    """The font properties of a plot figure's formula (the house rc, as the figures make them)."""
    from matplotlib.font_manager import FontProperties

    from actviz.render.style import themed

    with themed("light"):
        return FontProperties(size=size)


def _parse(s: str, dpi: float, prop):
    """matplotlib's own parse, as its 'path' parser makes it (no cache, no actviz)."""
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    return _matplotlibs_parse()(parser, s, dpi, prop, True, _no_hinting())


def _matplotlibs_parse():
    """matplotlib's own parse function, under any cache or lookup put in front of it (the command line's
    tricks, applied in this process by another test)."""
    import inspect

    from matplotlib.mathtext import MathTextParser

    return inspect.unwrap(MathTextParser.__dict__["_parse_cached"])


def _no_hinting():
    from matplotlib.ft2font import LoadFlags

    return LoadFlags.NO_HINTING


def _same(a, b) -> None:
    assert (a.width, a.height, a.depth) == (b.width, b.height, b.depth)
    assert [(g[0].fname, *g[1:]) for g in a.glyphs] == [(g[0].fname, *g[1:]) for g in b.glyphs]
    assert [tuple(r) for r in a.rects] == [tuple(r) for r in b.rects]


def test_the_shipped_file_is_what_matplotlib_makes_now():
    """The default figures' formulas, recorded afresh from matplotlib's parser, are the shipped file (where
    it applies: the same matplotlib and FreeType)."""
    from actviz import build

    stale = build.stale_layouts()
    assert stale is not True, "the mathtext layouts are stale: run python -m actviz.build"


@applies
@pytest.mark.parametrize("name", ["gelu", "softmax", "elu", "sigmoid", "hardswish"])
def test_a_lookup_is_matplotlibs_parse(name):
    """The layout looked up for a plot figure's formula equals matplotlib's own parse of it, glyph by glyph,
    exactly; and it is found without pyparsing."""
    import actviz
    from actviz import text

    bound = actviz.get(name).bind()
    prop = _house_prop()
    for s in (text.formula_math(bound, display=True), text.derivative_formula_math(bound, display=True)):
        hit = layouts.lookup(s, 150.0, prop, _no_hinting())
        assert hit is not None, s
        _same(hit, _parse(s, 150.0, prop))


@applies
def test_no_layout_for_another_size_dpi_or_formula():
    prop = _house_prop()
    import actviz
    from actviz import text

    s = text.formula_math(actviz.get("gelu").bind(), display=True)
    assert layouts.lookup(s, 150.0, prop, _no_hinting()) is not None
    assert layouts.lookup(s, 151.0, prop, _no_hinting()) is None
    assert layouts.lookup(s, 150.0, _house_prop(11.6), _no_hinting()) is None
    assert layouts.lookup(s + " ", 150.0, prop, _no_hinting()) is None
    assert layouts.lookup(s, 150.0, None, _no_hinting()) is None


@applies
def test_unused_where_the_fonts_differ(monkeypatch):
    """A font file of another size where the layouts expect one (another DejaVu Sans installed first, say):
    nothing is looked up."""
    import actviz
    from actviz import text

    real = layouts._fontset_files

    def other_fonts(prop, flags):
        files = real(prop, flags)
        return {("sys:" + k.partition(":")[2] if "DejaVuSans.ttf" in k else k): v for k, v in files.items()}

    monkeypatch.setattr(layouts, "_fontset_files", other_fonts)
    monkeypatch.setattr(layouts, "_GROUPS", {})
    s = text.formula_math(actviz.get("gelu").bind(), display=True)
    assert layouts.lookup(s, 150.0, _house_prop(), _no_hinting()) is None


@applies
def test_unused_where_mathtext_settings_differ(monkeypatch):
    import matplotlib

    import actviz
    from actviz import text

    monkeypatch.setattr(layouts, "_GROUPS", {})
    s = text.formula_math(actviz.get("gelu").bind(), display=True)
    with matplotlib.rc_context({"mathtext.default": "rm"}):
        assert layouts.lookup(s, 150.0, _house_prop(), _no_hinting()) is None


def test_unused_with_other_versions(monkeypatch):
    """Made with another matplotlib or FreeType: the whole file is unused."""
    monkeypatch.setattr(layouts, "_versions", lambda: ["0.0.0", "0.0"])
    layouts.layouts_file.cache_clear()
    try:
        assert layouts.layouts_file() == {}
        assert layouts.lookup("$x$", 150.0, _house_prop(), _no_hinting()) is None
    finally:
        layouts.layouts_file.cache_clear()


@applies
def test_the_installed_parse_answers_without_the_parser(monkeypatch):
    """What the command line installs: a shipped formula never reaches pyparsing; another one does."""
    from matplotlib import _mathtext
    from matplotlib.mathtext import MathTextParser

    import actviz
    from actviz import text

    calls = []
    real_parse = _mathtext.Parser.parse
    monkeypatch.setattr(_mathtext.Parser, "parse", lambda self, *a, **k: calls.append(a[0]) or real_parse(self, *a, **k))
    parse = functools.lru_cache(8)(layouts._with_layouts(_matplotlibs_parse()))
    parser = MathTextParser("path")
    s = text.formula_math(actviz.get("silu").bind(), display=True)
    _same(parse(parser, s, 150.0, _house_prop(), True, _no_hinting()), _parse(s, 150.0, _house_prop()))
    assert calls == [s]  # only the reference parse above
    parse(parser, "$x^{17}$", 150.0, _house_prop(), True, _no_hinting())
    assert calls[-1] == "$x^{17}$"


def test_chinese_figures_draw_the_english_formulas():
    """Recorded in English only: a Chinese figure's formulas are the same strings."""
    import actviz
    from actviz import text
    from actviz.messages import language

    for name in actviz.names():
        b = actviz.get(name).bind()
        with language("en"):
            en = (text.formula_math(b, display=True), text.derivative_formula_math(b, display=True), text.flat_math(b))
        with language("zh"):
            zh = (text.formula_math(b, display=True), text.derivative_formula_math(b, display=True), text.flat_math(b))
        assert en == zh, name


@pytest.mark.parametrize("args", [["cheatsheet", "--family", "sigmoid"], ["plot", "gelu"], ["plot", "softmax"],
                                  ["plot", "elu", "--lang", "zh"], ["compare", "relu", "gelu", "silu"],
                                  ["plot", "hardshrink", "--size", "3.5x2.6"]])
def test_the_same_pixels_with_and_without_the_speedups(tmp_path, args):
    """The command line's figures with its tricks (the shipped layouts, the remembered font heights) and
    with matplotlib as shipped (ACTVIZ_NO_SPEEDUPS=1) are the same pixels."""
    from PIL import Image

    out = {}
    for name, off in (("with", "0"), ("without", "1")):
        path = tmp_path / f"{name}.png"
        env = {**os.environ, "ACTVIZ_NO_SPEEDUPS": off, "MPLBACKEND": "Agg"}
        done = subprocess.run([sys.executable, "-m", "actviz", *args, "-o", str(path)], env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        out[name] = np.asarray(Image.open(path))
    assert out["with"].shape == out["without"].shape
    assert np.array_equal(out["with"], out["without"])


@applies
def test_recording_asks_matplotlibs_parser_even_behind_the_lookup(monkeypatch):
    """With the command line's lookup in front of matplotlib's parse (as CliRunner tests install it in this
    process), recording still parses: otherwise build --check would compare the shipped file with itself."""
    from matplotlib import _mathtext
    from matplotlib.mathtext import MathTextParser

    import actviz
    from actviz import text

    monkeypatch.setattr(MathTextParser, "_parse_cached", functools.lru_cache(8)(layouts._with_layouts(_matplotlibs_parse())))
    calls = []
    real_parse = _mathtext.Parser.parse
    monkeypatch.setattr(_mathtext.Parser, "parse", lambda self, *a, **k: calls.append(a[0]) or real_parse(self, *a, **k))
    s = text.formula_math(actviz.get("gelu").bind(), display=True)
    with layouts.recording() as found:
        MathTextParser("path").parse(s, 150.0, _house_prop())
    assert calls == [s]
    key = layouts._layout_key(s, 150.0, 11.5, _no_hinting())
    assert any(key in group["layouts"] for group in found.values())
