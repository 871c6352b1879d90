"""actviz.render.style: themes as rc dicts, palette, stable and distinguishable colours."""

from __future__ import annotations

import matplotlib
import numpy as np
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


def test_different_functions_get_different_colours_and_keep_their_own_where_free():
    """Up to eight functions in one figure never share a colour (issue 24: Mish and ELU were both
    green); a function keeps its house colour unless an earlier one in the figure has it; repeats of a
    function share its hue; every curve has its own dash pattern (grey print)."""
    import random

    names = actviz.names()
    rng = random.Random(7)
    for theme in style.THEMES:
        for _ in range(300):
            company = rng.sample(names, rng.randint(1, 8))
            styles = style.curve_styles(company, theme)
            colours = [st["color"] for st in styles]
            assert len(set(colours)) == len(colours), company
            assert len({str(st["linestyle"])for st in styles}) == len(styles)
            house = [style.color_for(n, theme) for n in company]
            for i, name in enumerate(company):
                if house[i] not in house[:i]:
                    assert colours[i] == house[i], (name, company)
    # the cases: two expressions, and mish beside elu
    a, b, c = style.curve_styles(["mish", "x_tanh_log_1_plus_exp_x", "x_sigmoid_b_x"])
    assert len({a["color"], b["color"], c["color"]}) == 3
    styles = style.curve_styles(["relu", "gelu", "silu", "mish", "elu"])
    assert len({st["color"] for st in styles}) == 5
    # a repeat keeps the hue in a shade; without dashes only a repeat is dashed (the terminal)
    plain = style.curve_styles(["elu", "relu", "elu"], dashes=False)
    assert [str(st["linestyle"]) for st in plain][:2] == ["-", "-"] and plain[2]["linestyle"] != "-"


def test_colours_are_told_apart_by_people_with_colour_vision_deficiencies():
    """The eight colours of a figure stay apart under simulated protanopia, deuteranopia and tritanopia
    (Viénot, Brettel & Mollon 1999 matrices on linear RGB) at least as well as Okabe–Ito's six do
    among themselves (0.074 in linear RGB, blue and vermillion on white); yellow made legible on white
    fell to 0.058 against orange."""
    import itertools

    def linear(color):
        h = color.lstrip("#")
        v = np.array([int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)])
        return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)

    sims = {
        "protan": np.array([[0.11238, 0.88762, 0.0], [0.11238, 0.88762, 0.0], [0.00401, -0.00401, 1.0]]),
        "deutan": np.array([[0.29275, 0.70725, 0.0], [0.29275, 0.70725, 0.0], [-0.02234, 0.02234, 1.0]]),
        "tritan": np.array([[1.0, 0.14461, -0.14461], [0.0, 0.85924, 0.14076], [0.0, 0.85924, 0.14076]]),
    }
    for theme in style.THEMES:
        colours = [st["color"] for st in style.curve_styles([f"f{i}" for i in range(8)], theme)]
        assert len(set(colours)) == 8
        for name, m in sims.items():
            for a, b in itertools.combinations(colours, 2):
                assert np.abs(m @ linear(a) - m @ linear(b)).sum() >= 0.07, (name, a, b, theme)


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
