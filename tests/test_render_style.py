"""actviz.render.style: themes as rc dicts, palette, stable and distinguishable colours."""

from __future__ import annotations

import matplotlib
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.render import style


def test_themes_do_not_touch_global_rc():
    before = dict(matplotlib.rcParams)
    with style.themed("dark"):
        assert matplotlib.rcParams["figure.facecolor"] == style.theme_colors("dark")["background"]
        fig = style.new_figure((2, 2), dpi=50)
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.colors.to_hex(fig.get_facecolor()) == style.theme_colors("dark")["background"]


def test_unknown_theme_names_the_choices():
    with pytest.raises(ActvizError, match="light, dark"):
        style.rc("sepia")


def test_every_activation_has_a_palette_colour_and_it_is_stable():
    for name in actviz.names():
        assert style.color_for(name) in style.PALETTE
        assert style.color_for(name) == style.color_for(name.upper())


def test_aliases_share_the_colour_of_their_activation():
    assert style.color_for("lrelu") == style.color_for("leaky_relu")


def test_palette_colours_are_distinct_and_not_too_light():
    assert len(set(style.PALETTE)) == len(style.PALETTE)
    for color in style.PALETTE:
        r, g, b = matplotlib.colors.to_rgb(color)
        luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
        assert luminance < 0.75  # visible on white


@pytest.mark.parametrize(
    "names",
    [
        ["relu", "leaky_relu", "elu", "gelu", "silu"],
        ["sigmoid", "tanh", "relu"],
        ["relu", "gelu", "silu", "mish"],
        ["relu", "leaky_relu", "prelu"],
        ["elu", "selu", "celu"],
    ],
)
def test_usual_line_ups_get_distinct_colours(names):
    colours = [style.color_for(n) for n in names]
    assert len(set(colours)) == len(colours)


def test_repeated_function_stays_distinguishable():
    styles = style.curve_styles(["elu", "elu", "elu", "relu"])
    pairs = [(s["color"], str(s["linestyle"])) for s in styles]
    assert len(set(pairs)) == 4
    assert styles[0]["color"] == style.color_for("elu")
    assert styles[3]["color"] == style.color_for("relu")
    assert len({s["color"] for s in styles[:3]}) == 3


def test_mix():
    assert style.mix("#000000", "#ffffff", 0.5) == "#808080"
    assert style.mix("#0072B2", "#0072B2", 0.3).lower() == "#0072b2"


def test_different_functions_in_one_figure_never_share_a_colour_while_the_palette_lasts():
    from actviz.render.style import PALETTE, color_for, curve_styles

    assert color_for("relu") == color_for("softmax")  # a palette collision across the catalogue
    styles = curve_styles(["relu", "softmax"])
    assert styles[0]["color"] == color_for("relu") and styles[1]["color"] != styles[0]["color"]
    six = curve_styles(["relu", "softmax", "identity", "leaky_relu", "tanh", "log_softmax"])
    assert len({s["color"] for s in six}) == len(PALETTE)
    repeat = curve_styles(["elu", "elu"])  # the same function: a shade and a dash of its own colour
    assert repeat[0]["color"] == color_for("elu") and repeat[1]["linestyle"] != repeat[0]["linestyle"]
