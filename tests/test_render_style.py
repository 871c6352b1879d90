"""actviz.render.style: themes as rc dicts, palette, stable and distinguishable colours."""

from __future__ import annotations

import matplotlib
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.options import check_theme
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
        check_theme("sepia")  # the API checks a theme before it reaches the renderers


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
        ["identity", "relu", "tanh", "sigmoid"],  # actviz train's line-up in README and issue 14
        ["sigmoid", "tanh", "relu", "leaky_relu"],  # the gradient lesson's in README
    ],
)
def test_usual_line_ups_get_distinct_colours(names):
    colours = [style.color_for(n) for n in names]
    assert len(set(colours)) == len(colours)


def test_repeated_function_stays_distinguishable():
    styles = style.curve_styles(["elu", "elu", "elu", "relu"])
    pairs = [(s["color"], str(s["linestyle"])) for s in styles]
    assert len(set(pairs)) == 4
    assert styles[0]["color"] == style.color_for("elu", "light")
    assert styles[3]["color"] == style.color_for("relu", "light")
    assert len({s["color"] for s in styles[:3]}) == 3


def test_mix():
    assert style.mix("#000000", "#ffffff", 0.5) == "#808080"
    assert style.mix("#0072B2", "#0072B2", 0.3).lower() == "#0072b2"


def test_every_activation_keeps_its_house_colour_whatever_its_company():
    """The colour of a curve depends on its activation only; where two in one figure share a colour
    they differ by shade and dash (README: one colour per activation in every figure)."""
    import itertools
    import random

    names = actviz.names()
    rng = random.Random(7)
    for theme in style.THEMES:
        for _ in range(200):
            company = rng.sample(names, rng.randint(1, 12))
            styles = style.curve_styles(company, theme)
            for name, st in zip(company, styles):
                if st["linestyle"] == "-":  # the first curve of its colour: exactly its house colour
                    assert st["color"] == style.color_for(name, theme)
            for (a, sa), (b, sb) in itertools.combinations(zip(company, styles), 2):
                assert (sa["color"], str(sa["linestyle"])) != (sb["color"], str(sb["linestyle"])), (a, b)


@pytest.mark.parametrize("theme", style.THEMES)
def test_every_line_colour_stands_out_from_the_background(theme):
    """WCAG 2.1 asks 3:1 for graphics: every house colour and every shade of a repeat, both themes."""
    background = style.theme_colors(theme)["background"]
    for n in range(1, 13):
        for st in style.curve_styles(["elu"] * n + actviz.names()[:n], theme):
            assert style.contrast(st["color"], background) >= 3.0, (st["color"], theme)
    for name in actviz.names():
        assert style.contrast(style.color_for(name, theme), background) >= 3.0
    assert round(style.contrast("#000000", "#ffffff"), 1) == 21.0 and style.contrast("#777777", "#777777") == 1.0
