"""The command line's drawing tricks (issue 29, :mod:`actviz.render._speedups`): each draws what
matplotlib as shipped draws, pixel for pixel, and steps aside where it could not be sure."""

from __future__ import annotations

import numpy as np
import pytest

from actviz.render import _speedups


def _version() -> str:
    import matplotlib

    return ".".join(matplotlib.__version__.split(".")[:2])


def _original(owner: type, name: str):
    """matplotlib's own method under a trick, or the method itself where no trick is in place."""
    method = owner.__dict__[name]
    return getattr(method, _speedups._MARK, method)


def _pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _texts_figure():
    """Text at 0°, 90° and 33°, in three fonts, bold and italic, mathtext with rules (a fraction, a
    root) and slanted glyphs, on an Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3), dpi=110)
    FigureCanvasAgg(fig)
    fig.text(0.05, 0.9, "Upright −2.5 text", fontsize=11)
    fig.text(0.05, 0.2, "turned", rotation=90, fontsize=9, family="serif")
    fig.text(0.4, 0.3, "slanted 33° text", rotation=33, fontsize=10, style="italic", weight="bold")
    fig.text(0.3, 0.7, r"$f(x)=\frac{x}{1+e^{-x}}+\sqrt{x^2+1}$", fontsize=12)
    fig.text(0.3, 0.5, r"$\mathit{slant}\ \alpha\beta$", fontsize=12, rotation=-20, family="monospace")
    return fig


@pytest.mark.skipif(_version() not in _speedups.GLYPHS_ON, reason="the trick is only applied on the versions "
                                                                 "it was measured on")
@pytest.mark.parametrize("rc", [{}, {"text.hinting": "no_hinting"}, {"text.antialiased": False}])
def test_glyph_transform_once_a_text_draws_matplotlibs_pixels(monkeypatch, rc):
    import matplotlib
    from matplotlib.backends.backend_agg import RendererAgg

    _speedups._glyph_transform_once_a_text()
    assert hasattr(RendererAgg.__dict__["_draw_text_glyphs_and_boxes"], _speedups._MARK)
    with matplotlib.rc_context(rc):
        tricked = _pixels(_texts_figure())
        monkeypatch.setattr(RendererAgg, "_draw_text_glyphs_and_boxes",
                            _original(RendererAgg, "_draw_text_glyphs_and_boxes"))
        shipped = _pixels(_texts_figure())
    assert (tricked != 255).any()  # something was drawn
    assert np.array_equal(tricked, shipped)


def _axes_figure(align: bool):
    """Two Axes with tick labels of different widths; ``align``: their y labels aligned (siblings)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1)  # align_ylabels aligns the Axes of one column of a grid
    top.plot([0, 1], [0, 12345.5])
    bottom.plot([0, 1], [0, 0.5])
    for ax in (top, bottom):
        ax.set_xlabel("x label")
        ax.set_ylabel("y label")
    if align:
        fig.align_ylabels([top, bottom])
    return fig


@pytest.mark.skipif(_version() not in _speedups.TICK_BOXES_ON, reason="the trick is only applied on the "
                                                                     "versions it was measured on")
@pytest.mark.parametrize("align", [False, True])
def test_tick_label_boxes_once_a_draw_place_the_labels_where_matplotlib_does(monkeypatch, align):
    from matplotlib.axis import Axis

    _speedups._tick_label_boxes_once_a_draw()
    names = ("draw", "_get_ticklabel_bboxes", "_get_tick_boxes_siblings")
    assert all(hasattr(Axis.__dict__[n], _speedups._MARK) for n in names)
    update_ticks = Axis._update_ticks
    located: list[int] = []  # how often an axis located and labelled its ticks
    monkeypatch.setattr(Axis, "_update_ticks", lambda self: located.append(1) or update_ticks(self))

    def drawn() -> tuple[np.ndarray, list, int]:
        fig = _axes_figure(align)
        located.clear()
        pixels = _pixels(fig)
        return pixels, [(a.xaxis.label.get_position(), a.yaxis.label.get_position()) for a in fig.axes], len(located)

    tricked = drawn()
    for n in names:
        monkeypatch.setattr(Axis, n, _original(Axis, n))
    shipped = drawn()
    assert np.array_equal(tricked[0], shipped[0])
    assert tricked[1] == shipped[1]
    # alone, each of the four axes is handed its own boxes (one locating less); the two y axes whose
    # labels are aligned measure again, as matplotlib does (the x axes still save theirs)
    assert shipped[2] - tricked[2] == (2 if align else 4)


@pytest.mark.skipif(_version() not in _speedups.LAYOUTS_ON, reason="the trick is only applied on the versions "
                                                                  "it was measured on")
def test_remembered_text_layouts_follow_every_change_of_a_text():
    """A remembered layout is only handed out for a text that would be laid out the same: each change of
    what the layout reads (string, size, family, weight, style, rotation and its mode, alignments, line
    spacing, math parsing, dpi) gives matplotlib's own layout of the changed text."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    _speedups._remembered_text_layouts()
    tricked = Text.__dict__["_get_layout"]
    shipped = _original(Text, "_get_layout")
    assert tricked is not shipped
    fig = Figure(figsize=(3, 2), dpi=100)
    renderer = FigureCanvasAgg(fig).get_renderer()
    t = fig.text(0.5, 0.5, "−2.5", fontsize=10)

    def same() -> None:
        a, b = tricked(t, renderer), shipped(t, renderer)
        assert (a[0].bounds, a[1], a[2]) == (b[0].bounds, b[1], b[2])

    changes = [
        lambda: None, lambda: t.set_text("0.5"), lambda: t.set_fontsize(13), lambda: t.set_family("serif"),
        lambda: t.set_weight("bold"), lambda: t.set_style("italic"), lambda: t.set_rotation(90),
        lambda: t.set_rotation_mode("anchor"), lambda: t.set_ha("right"), lambda: t.set_va("top"),
        lambda: t.set_text("two\nlines here"), lambda: t.set_multialignment("center"), lambda: t.set_linespacing(2.0),
        lambda: t.set_text(r"$\alpha x^2$"), lambda: t.set_parse_math(False), lambda: t.set_math_fontfamily("cm"),
        lambda: t.set_parse_math(True), lambda: fig.set_dpi(150), lambda: t.set_fontsize(7),
    ]
    seen = set()
    for change in changes:
        change()
        same()
        first = tricked(t, renderer)
        assert first[0] is not tricked(t, renderer)[0]  # every caller has its own box
        seen.add(first[0].bounds)
    assert len(seen) >= 12  # the changes did change the layout
    t.set_text("a long line that wraps " * 6)
    t.set_wrap(True)  # wrapping depends on where the text stands: laid out as usual, never remembered
    fig.canvas.draw()
    assert tricked(t, renderer)[0].bounds == shipped(t, renderer)[0].bounds


def test_a_gallery_is_the_same_pixels_with_and_without_the_speedups(tmp_path):
    """The gallery's workers draw with every trick of the command line (figures drawn again on the one
    before, layouts remembered, boxes handed over): each file as matplotlib as shipped draws it."""
    import os
    import subprocess
    import sys

    from PIL import Image

    names = ["relu", "gelu", "softmax", "sparsemax", "elu", "binary_step", "sinc", "mish"]
    for off in ("0", "1"):
        env = {**os.environ, "ACTVIZ_NO_SPEEDUPS": off, "MPLBACKEND": "Agg"}
        done = subprocess.run([sys.executable, "-m", "actviz", "gallery", *names, "--theme", "both",
                               "-o", str(tmp_path / off)], env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in (tmp_path / "0").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "1").iterdir())
    assert sum(f.endswith(".png") for f in files) == 4 * len(names)
    for name in files:
        a, b = tmp_path / "0" / name, tmp_path / "1" / name
        if name.endswith(".png"):
            assert np.array_equal(np.asarray(Image.open(a)), np.asarray(Image.open(b))), name
        else:
            assert a.read_bytes() == b.read_bytes(), name


@pytest.mark.skipif(_version() not in _speedups.RUNS_ON, reason="the trick is only applied on the versions it "
                                                               "was measured on")
@pytest.mark.parametrize("rc", [{}, {"text.hinting": "no_hinting"}, {"text.antialiased": False}])
def test_remembered_glyph_runs_draw_matplotlibs_pixels(monkeypatch, rc):
    """The same strings again (remembered), in other sizes, fonts, weights and angles, with Chinese
    characters from the bundled fallback font, and with font features and a language: matplotlib's pixels."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
    from matplotlib.figure import Figure

    from actviz.messages import language
    from actviz.render.style import language_rc

    _speedups._remembered_glyph_runs()
    assert hasattr(RendererAgg.__dict__["draw_text"], _speedups._MARK)

    def pixels() -> np.ndarray:
        with language("zh"), matplotlib.rc_context({**language_rc(["DejaVu Sans"]), **rc}):
            fig = Figure(figsize=(4, 3), dpi=100)
            FigureCanvasAgg(fig)
            for i, (size, angle) in enumerate([(10, 0), (10, 0), (13, 0), (10, 90), (9, 30)]):
                fig.text(0.05 + 0.18 * i, 0.8, "−2.5 fi", fontsize=size, rotation=angle)
            fig.text(0.05, 0.5, "激活函数 ReLU", fontsize=11)
            fig.text(0.05, 0.3, "office fi", fontsize=11, weight="bold", family="serif")
            fig.text(0.55, 0.3, "office fi", fontsize=11, fontfeatures=["-liga"], language="en")
            fig.text(0.05, 0.1, "office fi", fontsize=11)
            return _pixels(fig)

    tricked = np.concatenate([pixels(), pixels()])  # the second time, every run is remembered
    monkeypatch.setattr(RendererAgg, "draw_text", _original(RendererAgg, "draw_text"))
    shipped = np.concatenate([pixels(), pixels()])
    assert (tricked != 255).any()
    assert np.array_equal(tricked, shipped)


@pytest.mark.skipif(_version() not in _speedups.LEGEND_BOXES_ON, reason="the trick is only applied on the "
                                                                       "versions it was measured on")
def test_legend_boxes_once_a_draw_draw_matplotlibs_legends(monkeypatch):
    """Legends placed 'best' inside an Axes (found by measuring), in columns above a figure, expanded to
    their anchor's width, with a title, markers, mathtext and two-line labels; then changed and drawn again:
    matplotlib's pixels and extents."""
    from matplotlib import offsetbox
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

    _speedups._legend_boxes_once_a_draw()
    names = [(Legend, "draw"), (Legend, "get_window_extent"), (offsetbox.VPacker, "_get_bbox_and_child_offsets"),
             (offsetbox.HPacker, "_get_bbox_and_child_offsets"), (offsetbox.TextArea, "get_bbox")]
    assert all(hasattr(owner.__dict__[name], _speedups._MARK) for owner, name in names)

    def drawn() -> tuple[np.ndarray, list]:
        fig = Figure(figsize=(5, 4), dpi=90)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.1, 0.1, 0.5, 0.5))
        x = np.linspace(-3, 3, 50)
        ax.plot(x, np.tanh(x), label="tanh")
        ax.plot(x, x / 3, "o", markevery=10, label=r"$x/3$")
        ax.plot(x, np.exp(-x * x), "--", label="two\nlines")
        legends = [ax.legend(loc="best", title="curves"),
                   fig.legend(loc="upper center", ncol=3, frameon=False),
                   fig.legend(loc="lower right", mode="expand", ncol=2, bbox_to_anchor=(0.62, 0.7, 0.36, 0.2))]
        first = _pixels(fig)
        extents = [tuple(leg.get_window_extent().bounds) for leg in legends]
        legends[0].get_texts()[0].set_text("a longer label now")
        legends[1].get_texts()[1].set_fontsize(15)
        second = _pixels(fig)
        extents += [tuple(leg.get_window_extent().bounds) for leg in legends]
        return np.concatenate([first, second]), extents

    tricked = drawn()
    for owner, name in names:
        monkeypatch.setattr(owner, name, _original(owner, name))
    shipped = drawn()
    assert np.array_equal(tricked[0], shipped[0])
    assert tricked[1] == shipped[1]
    assert tricked[1][:3] != tricked[1][3:]  # the changes changed the legends


def test_the_methods_put_in_place_keep_matplotlibs_attributes():
    """A replaced method keeps the attributes of matplotlib's (Axis.draw and Legend.draw still say they
    support rasterization: set_rasterized(True) would warn otherwise) and points to it."""
    from matplotlib.axis import Axis
    from matplotlib.legend import Legend

    _speedups._tick_label_boxes_once_a_draw()
    _speedups._legend_boxes_once_a_draw()
    for owner in (Axis, Legend):
        method = owner.__dict__["draw"]
        if hasattr(method, _speedups._MARK):  # applied on this matplotlib
            assert getattr(method, "_supports_rasterization", False)
            assert method.__wrapped__ is _original(owner, "draw")
