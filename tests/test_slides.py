"""Texts scale with the figure both ways (issue 24): a full 16:9 slide has no text under 14 pt, a
journal column none under 7 pt, and ``font_scale`` / ``--font-scale`` move them by hand."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli import app

SLIDE = (13.33, 7.5)


def _sizes(fig):
    """The font size of every text a reader sees: titles, formulas, tick labels, legends, notes."""
    from matplotlib.text import Text

    fig.canvas.draw()
    return [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("make", [
    lambda **k: actviz.plot("elu", **k),
    lambda **k: actviz.plot("softmax", **k),
    lambda **k: actviz.compare("relu", "leaky_relu:alpha=0.1", "elu", "gelu", "silu", **k),
    lambda **k: actviz.compare("relu", "soft_exponential:alpha=1", **k),  # a clip note
    lambda **k: actviz.compare("relu", "elu", "tanh", "sigmoid", grid=True, **k),
], ids=["plot", "vector", "compare", "clipped", "grid"])
def test_a_full_slide_has_no_text_under_14_pt(make):
    sizes = _sizes(make(size=SLIDE, dpi=40))
    assert sizes and min(sizes) >= 14.0, sorted(sizes)[:5]
    # the house size keeps its sizes, and a journal column stops at 7 pt
    assert min(_sizes(make(dpi=40))) >= 7.0
    assert min(_sizes(make(size=(3.5, 2.6), dpi=40))) >= 7.0


def test_texts_grow_with_the_figure_and_with_font_scale():
    house = max(_sizes(actviz.plot("relu", dpi=40)))
    slide = max(_sizes(actviz.plot("relu", size=SLIDE, dpi=40)))
    assert slide > 1.4 * house
    doubled = _sizes(actviz.plot("relu", font_scale=2.0, dpi=40))
    assert max(doubled) == pytest.approx(2 * house)
    with pytest.raises(actviz.ParameterError, match=r"font_scale 9 is out of range: use a number in \[0.5, 3\]"):
        actviz.plot("relu", font_scale=9)


def test_font_scale_on_the_command_line(tmp_path):
    out = tmp_path / "slide.png"
    result = CliRunner().invoke(app, ["plot", "relu", "--size", "13.33x7.5", "--font-scale", "1.2", "-o", str(out)])
    assert result.exit_code == 0 and out.exists()
    result = CliRunner().invoke(app, ["compare", "relu", "elu", "--font-scale", "0.1", "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2 and "--font-scale 0.1 is out of range" in result.output
    assert not (tmp_path / "x.png").exists() and "Traceback" not in result.output
