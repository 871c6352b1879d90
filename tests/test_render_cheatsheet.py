"""The cheatsheet (actviz.cheatsheet, actviz.render.cheatsheet): panels, texts, filtering, layout, bad input."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from actviz.catalog import FAMILIES
from actviz.errors import ActvizError
from actviz.options import check_pixels
from actviz.render import cheatsheet, png
from actviz.render.save import save_figure
from actviz.render.style import themed
from actviz.selection import select_many
from actviz.text import flat_math, formula_math


def _panel(fig, name):
    (ax,) = [ax for ax in fig.axes if ax.get_gid() == f"panel:{name}"]
    return ax


def _texts(fig):
    return [t.get_text() for t in fig.texts]


@pytest.fixture(scope="module")
def full():
    return actviz.cheatsheet(dpi=30)


def test_one_axes_per_activation(full):
    assert len(full.axes) == len(actviz.names()) >= 45


def test_each_panel_has_name_formula_and_range(full):
    texts = _texts(full)
    for name in actviz.names():
        act = actviz.get(name)
        assert any(t.startswith(act.label) for t in texts), name
        assert formula_math(act.bind(), display=True) in texts or flat_math(act.bind()) in texts, name
    assert "range (0, 1)" in texts  # sigmoid, open at both ends
    assert "range [0, ∞)" in texts  # relu, closed at 0
    assert "range [−1, 1]" in texts  # sinusoid, attained


def test_family_headings_present(full):
    texts = _texts(full)
    for heading in FAMILIES.values():
        assert heading in texts


def test_panel_lines_are_the_functions(full):
    ax = _panel(full, "tanh")
    line = next(ln for ln in ax.get_lines() if ln.get_label() == "f(x)")
    x, y = (np.asarray(a, dtype=float) for a in line.get_data())
    np.testing.assert_array_equal(y, np.tanh(x))
    assert any(ln.get_label() == "f′(x)" for ln in ax.get_lines())


def test_panels_do_not_overlap(full):
    boxes = [ax.get_position() for ax in full.axes]
    for i, a in enumerate(boxes):
        assert 0 <= a.x0 < a.x1 <= 1 and 0 <= a.y0 < a.y1 <= 1
        for b in boxes[i + 1:]:
            assert a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0


def test_texts_fit_inside_the_figure(full):
    renderer = full.canvas.get_renderer()
    w, h = full.bbox.width, full.bbox.height
    for t in full.texts:
        if not t.get_text():
            continue
        box = t.get_window_extent(renderer)
        assert box.x0 >= -1 and box.x1 <= w + 1 and box.y0 >= -1 and box.y1 <= h + 1, t.get_text()


def test_filter_by_names_keeps_order_and_params():
    fig = actviz.cheatsheet("elu:alpha=2", actviz.get("relu"), dpi=30)
    assert len(fig.axes) == 2
    texts = _texts(fig)
    assert "ELU (α = 2)" in texts and "range (−2, ∞)" in texts
    line = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "f(x)")
    x, y = (np.asarray(a, dtype=float) for a in line.get_data())
    np.testing.assert_allclose(y, actviz.get("elu")(x, alpha=2.0), rtol=0, atol=0)


def test_filter_by_family():
    fig = actviz.cheatsheet(family="softmax", dpi=30)
    assert len(fig.axes) == len(actviz.names("softmax")) == 5
    assert "Vector-valued (softmax)" in "".join(_texts(fig))


def test_layout_rows():
    panels = select_many()
    rows = cheatsheet.layout(panels, 6)
    assert [len(r) for r in rows] == [6] * (len(panels) // 6) + ([len(panels) % 6] if len(panels) % 6 else [])


def test_cols_change_the_grid():
    fig = actviz.cheatsheet(family="relu", cols=2, dpi=30)
    xs = sorted({round(ax.get_position().x0, 4) for ax in fig.axes})
    assert len(xs) == 2 and len(fig.axes) == len(actviz.names("relu"))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"family": "nope"}, "unknown family 'nope'"),
        ({"cols": 0}, "cols 0"),
        ({"cols": 13}, "cols 13"),
        ({"dpi": 5}, "dpi"),
        ({"theme": "x"}, "light, dark"),
        ({"specs": ["relu"], "family": "sigmoid"}, "not in family 'sigmoid'"),
    ],
)
def test_bad_input(kwargs, message):
    specs = kwargs.pop("specs", ())
    with pytest.raises(ActvizError, match=message):
        actviz.cheatsheet(*specs, **kwargs)


def test_huge_png_is_refused_before_work():
    with pytest.raises(ActvizError, match="megapixels"):
        check_pixels(cheatsheet.poster_size(46, 6), 600, "poster")


def test_svg_keeps_text_and_is_reproducible(tmp_path):
    with themed("light"):
        a = save_figure(actviz.cheatsheet(family="shrink", dpi=30), tmp_path / "a.svg")
        b = save_figure(actviz.cheatsheet(family="shrink", dpi=30), tmp_path / "b.svg")
    text = a.read_text()
    assert "Softshrink" in text and "range" in text and "Shrinkage" in text
    assert a.read_bytes() == b.read_bytes()


def test_png_has_the_canvas_pixels_and_is_reproducible(tmp_path):
    from PIL import Image

    with themed("light"):
        fig = actviz.cheatsheet(family="shrink", dpi=40)
        a = save_figure(fig, tmp_path / "a.png")
        b = save_figure(fig, tmp_path / "b.png")
    assert a.read_bytes() == b.read_bytes()
    with Image.open(a) as im:
        assert im.mode == "RGB" and im.size == fig.canvas.get_width_height()
        assert im.info["dpi"] == pytest.approx((40, 40), rel=1e-3)  # stored as whole pixels per metre
        assert "Software" not in im.info  # save_figure's metadata: no software stamp
        pixels = np.asarray(im)
    canvas = np.asarray(fig.canvas.buffer_rgba())
    assert (canvas[..., 3] == 255).all()
    np.testing.assert_array_equal(pixels, canvas[..., :3])
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50  # a real picture, not a blank


def test_write_png_keeps_transparency_and_text(tmp_path):
    import io

    from PIL import Image

    rng = np.random.default_rng(0)
    rgba = rng.integers(0, 256, size=(37, 53, 4), dtype=np.uint8)  # noise: nothing to compress
    buf = io.BytesIO()
    png.write_png(buf, rgba, dpi=150, text={"Title": "Activation cheatsheet"}, level=9)
    buf.seek(0)
    with Image.open(buf) as im:
        assert im.mode == "RGBA" and im.info["Title"] == "Activation cheatsheet"
        assert im.info["dpi"] == pytest.approx((150, 150), rel=1e-3)
        np.testing.assert_array_equal(np.asarray(im), rgba)


@pytest.mark.parametrize("zlib_ng", [True, False])
def test_write_png_deflates_with_zlib_ng_or_zlib_to_the_same_pixels(monkeypatch, zlib_ng):
    """zlib-ng's deflate where it is installed, zlib's where it is not (as if no wheel existed): every PNG
    decoder reads the same pixels either way, and each is the same bytes on a rerun, with other images
    compressed between."""
    import io
    import sys
    import zlib

    from PIL import Image

    if zlib_ng:
        pytest.importorskip("zlib_ng")
    else:
        monkeypatch.setitem(sys.modules, "zlib_ng", None)  # `from zlib_ng import zlib_ng` raises ImportError
    rgba = np.full((120, 200, 4), 255, dtype=np.uint8)
    rgba[40:80, 30:170, :3] = np.linspace(0, 255, 140, dtype=np.uint8)[None, :, None]  # a gradient on white

    def written() -> bytes:
        buf = io.BytesIO()
        png.write_png(buf, rgba, dpi=100)
        return buf.getvalue()

    data = written()
    rng = np.random.default_rng(7)
    for _ in range(20):  # other images compressed, memory taken and freed, between two writings of this one
        noise = rng.integers(0, 256, size=(int(rng.integers(50, 400)), 300, 4), dtype=np.uint8)
        png.write_png(io.BytesIO(), noise, dpi=100)
        assert written() == data
    with Image.open(io.BytesIO(data)) as im:
        assert im.mode == "RGB"
        np.testing.assert_array_equal(np.asarray(im), rgba[..., :3])
    start = data.index(b"IDAT") + 4  # a zlib stream: stdlib's inflate reads it too
    length = int.from_bytes(data[start - 8:start - 4], "big")
    rows = zlib.decompress(data[start:start + length])
    assert len(rows) == 120 * (1 + 200 * 3)


@pytest.mark.parametrize("title", ["Aktivierungsfunktionen", "激活函数"])  # tEXt, or Pillow's iTXt
def test_png_metadata_reaches_the_file(tmp_path, title):
    from PIL import Image

    with themed("light"):
        fig = actviz.cheatsheet(family="shrink", dpi=30)
        fig.savefig(tmp_path / "m.png", metadata={"Title": title, "Software": None})
    with Image.open(tmp_path / "m.png") as im:
        assert im.info["Title"] == title and "Software" not in im.info
        assert im.size == fig.canvas.get_width_height()


def test_balanced_columns_without_cols():
    assert [cheatsheet.balanced_cols(n) for n in (1, 5, 6, 7, 8, 13, 46)] == [1, 5, 6, 4, 4, 5, 6]
    eight = actviz.names("relu")[:8]
    fig = actviz.cheatsheet(*eight, dpi=20)
    columns = {round(ax.get_position().x0, 4) for ax in fig.axes}
    rows = {round(ax.get_position().y0, 4) for ax in fig.axes}
    assert len(fig.axes) == 8 and len(columns) == 4 and len(rows) == 2  # 4 + 4, not 6 + 2
    fig = actviz.cheatsheet(*eight, cols=6, dpi=20)  # an explicit --cols is kept
    assert len({round(ax.get_position().x0, 4) for ax in fig.axes}) == 6


def test_panel_asymptotes_on_their_side(full):
    ax = _panel(full, "sigmoid")
    spans = sorted((float(ln.get_ydata()[0]), *map(float, ln.get_xdata()))
                   for ln in ax.get_lines() if ln.get_gid() == "asymptote")
    assert spans == [(0.0, -5.0, 0.0), (1.0, 0.0, 5.0)]


@pytest.mark.parametrize("cols", [1, 2])
def test_family_headings_stay_inside_their_bands(cols):
    """GLU's long heading over a one-column band: shrunk, then cut with an ellipsis, never clipped."""
    fig = actviz.cheatsheet(family="glu", cols=cols, dpi=40)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    fig_w = fig.bbox.width
    headings = [t for t in fig.texts if t.get_text().startswith("Gated linear units")]
    assert headings
    for t in headings:
        assert t.get_window_extent(renderer).x1 <= fig_w - 0.2 * fig.dpi  # inside the band's right edge
