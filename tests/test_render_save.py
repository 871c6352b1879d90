"""actviz.render.save: path validation, formats, reproducible bytes, atomic writes."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from actviz.errors import ActvizError
from actviz.options import check_output
from actviz.render.save import OutputError, default_path, safe_name, save_figure
from actviz.render.style import new_figure, themed


def _figure():
    with themed("light"):
        fig = new_figure((3.0, 2.0), dpi=40)
        ax = fig.add_axes((0.15, 0.15, 0.8, 0.7))
        ax.plot([0.0, 1.0, 2.0], [0.0, 1.0, 0.5], label="curve")
        ax.set_title(r"title $\alpha=0.1$")
        ax.legend()
    return fig


def _save(fig, path):
    with themed("light"):
        return save_figure(fig, path)


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".png", lambda b: b.startswith(b"\x89PNG\r\n\x1a\n")),
        (".svg", lambda b: ET.fromstring(b).tag.endswith("svg")),
        (".pdf", lambda b: b.startswith(b"%PDF-")),
    ],
)
def test_each_format_is_valid_and_reproducible(tmp_path, suffix, check):
    fig = _figure()
    first = _save(fig, tmp_path / f"a{suffix}")
    data = first.read_bytes()
    assert check(data)
    second = _save(_figure(), tmp_path / f"b{suffix}")
    assert second.read_bytes() == data


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_no_dates_or_versions_in_metadata(tmp_path, suffix):
    import matplotlib

    data = _save(_figure(), tmp_path / f"a{suffix}").read_bytes()
    assert matplotlib.__version__.encode() not in data
    assert b"CreationDate" not in data and b"<dc:date>" not in data


def test_same_bytes_in_two_processes(tmp_path):
    script = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})\n"
        "from tests.test_render_save import _figure, _save\n"
        "for s in ('png', 'svg', 'pdf'): _save(_figure(), sys.argv[1] + '.' + s)\n"
    )
    env = {**os.environ, "MPLBACKEND": "Agg"}
    for name in ("one", "two"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / name)], check=True, env=env)
    for s in ("png", "svg", "pdf"):
        assert (tmp_path / f"one.{s}").read_bytes() == (tmp_path / f"two.{s}").read_bytes()


def test_svg_keeps_text_as_text(tmp_path):
    text = _save(_figure(), tmp_path / "a.svg").read_text()
    assert "title" in text and "curve" in text
    assert "<text" in text


def test_folder_is_created(tmp_path):
    out = _save(_figure(), tmp_path / "deep" / "er" / "fig.png")
    assert out.is_file() and out.parent.name == "er"


def test_default_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = check_output(None, default_name="elu:alpha=0.5")
    assert path == Path("outputs") / "elu_alpha_0.5.png"
    assert not (tmp_path / "outputs").exists()  # validation creates nothing
    _save(_figure(), path)
    assert (tmp_path / "outputs" / "elu_alpha_0.5.png").is_file()
    assert default_path("relu") == Path("outputs/relu.png")


@pytest.mark.parametrize("name", ["fig.jpg", "fig", "fig.PNG.txt", "fig.eps"])
def test_bad_suffix_is_refused(tmp_path, name):
    with pytest.raises(ActvizError, match=r"\.png, \.svg, \.pdf"):
        check_output(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_upper_case_suffix_is_accepted(tmp_path):
    assert check_output(tmp_path / "FIG.PNG").name == "FIG.PNG"


def test_folder_as_output_is_refused(tmp_path):
    (tmp_path / "x.png").mkdir()
    with pytest.raises(ActvizError, match="folder"):
        check_output(tmp_path / "x.png")


def test_file_in_place_of_folder_is_refused(tmp_path):
    (tmp_path / "blocker").write_text("x")
    with pytest.raises(ActvizError, match="'.*blocker' is a file, not a folder") as info:
        check_output(tmp_path / "blocker" / "fig.png")
    assert info.value.exit_code == 2  # a mistake in the path the user gave, not an environment failure


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="not writable"):
            check_output(locked / "sub" / "fig.png")
    finally:
        locked.chmod(0o700)


class _Boom(RuntimeError):
    pass


def test_failed_render_keeps_previous_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "fig.png"
    target.write_bytes(b"previous")
    fig = _figure()
    opened = []

    def explode(renderer):  # runs while savefig writes into the already-opened temporary file
        opened.extend(p.name for p in tmp_path.iterdir())
        raise _Boom("renderer failed")

    fig.add_artist(_Exploding(explode))
    with pytest.raises(_Boom):
        _save(fig, target)
    assert any(name.endswith(".tmp") for name in opened), opened  # the temp file did exist
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.png"]


def test_file_mode_follows_umask(tmp_path):
    out = _save(_figure(), tmp_path / "fig.png")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_safe_name():
    assert safe_name("leaky_relu:alpha=0.1") == "leaky_relu_alpha_0.1"
    assert safe_name("a b/c") == "a_bc"
    assert safe_name("///") == "figure"


def _exploding_artist():
    from matplotlib.artist import Artist

    class Exploding(Artist):
        def __init__(self, callback):
            super().__init__()
            self.callback = callback

        def draw(self, renderer):
            self.callback(renderer)

    return Exploding


_Exploding = _exploding_artist()


def test_a_png_beyond_the_pixel_limit_is_refused_before_anything_is_written(tmp_path):
    import actviz
    from actviz.errors import ParameterError

    fig = actviz.plot("relu", size=(40, 40), dpi=600, points=20)
    with pytest.raises(ParameterError, match="24000 x 24000 pixel"):
        actviz.save(fig, tmp_path / "huge.png")
    assert list(tmp_path.iterdir()) == []
    assert actviz.save(fig, tmp_path / "huge.svg").exists()  # vector formats have no pixels


def test_every_svg_font_family_ends_in_a_generic_family(tmp_path):
    """A viewer without DejaVu still draws every text (formulas are outlines: test_svg_viewers)."""
    import re

    import actviz

    path = actviz.save(actviz.plot("elu", points=20), tmp_path / "elu.svg")
    families = re.findall(r"font-family: ?([^;\"]+)", path.read_text(encoding="utf-8"))
    assert len(families) > 10  # title, legend, tick labels
    generic = {"serif", "sans-serif", "monospace"}
    assert all(f.rsplit(",", 1)[-1].strip() in generic for f in families), sorted(set(families))


@pytest.mark.parametrize(("given", "written"), [
    (b"font-family: 'DejaVu Sans', sans-serif", b"font-family: 'DejaVu Sans', sans-serif"),
    (b"font-family: 'Fira Sans'", b"font-family: 'Fira Sans', sans-serif"),
    (b"font-family: 'cmr10'", b"font-family: 'cmr10', serif"),
    (b"font-family: 'DejaVu Sans', 'Noto Sans SC actviz', 'Arial', sans-serif",
     b"font-family: 'DejaVu Sans', 'Noto Sans SC actviz', 'Arial', 'PingFang SC', 'Hiragino Sans GB', "
     b"'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"),
])
def test_svg_font_fallbacks(given, written):
    """A generic family last; a stack with actviz's Chinese subset (no reader has it) names the readers'
    simplified Chinese fonts before it, after the Latin ones (Latin letters keep a Latin font)."""
    from actviz.render.save import svg_font_fallbacks

    style = b'<text style="font-size: 9px; ' + given + b'; fill: #000">'
    assert svg_font_fallbacks(style) == b'<text style="font-size: 9px; ' + written + b'; fill: #000">'


def test_svg_formulas_are_outlines_and_words_text(tmp_path):
    """Mathtext (anything in $...$) is drawn as outlines, a plain label stays a text element."""
    with themed("light"):
        fig = new_figure((3.0, 2.0), dpi=40)
        ax = fig.add_axes((0.15, 0.15, 0.8, 0.7))
        ax.set_title("plain words")
        ax.set_xlabel(r"$f'(x) = \sqrt{x}$")
    root = ET.fromstring(_save(fig, tmp_path / "a.svg").read_bytes())
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "plain words" in texts
    assert not any("√" in t or "′" in t for t in texts), texts
    assert any(u.get("{http://www.w3.org/1999/xlink}href", "").startswith("#DejaVuSans")
               for u in root.iter("{http://www.w3.org/2000/svg}use"))  # glyph outlines


def test_svg_save_leaves_rcparams_and_the_canvas_as_they_were(tmp_path):
    """The SVG canvas is switched for the save only, also when the drawing fails; no rcParam changes."""
    import matplotlib

    fig = _figure()
    canvas = fig.canvas
    before = dict(matplotlib.rcParams)
    _save(fig, tmp_path / "a.svg")
    assert fig.canvas is canvas and dict(matplotlib.rcParams) == before

    class Broken(Exception):
        pass

    def fail(renderer):
        raise Broken

    fig.axes[0].title.draw = fail  # this figure's title only
    with pytest.raises(Broken):
        _save(fig, tmp_path / "b.svg")
    assert fig.canvas is canvas and dict(matplotlib.rcParams) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.svg"]
