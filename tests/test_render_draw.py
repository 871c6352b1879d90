"""actviz.render.draw: sampling, jumps, y-range, asymptotes, saturation, text helpers."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actviz
from actviz import text
from actviz.options import Window
from actviz.render import draw, sampling
from actviz.render.style import new_figure, themed


def _b(act, params=None):
    return act.bind(params or {})


def _axes():
    with themed("light"):
        fig = new_figure((3, 2), dpi=40)
        return fig.add_axes((0.1, 0.1, 0.8, 0.8))


def _finite(line):
    x, y = (np.asarray(a, dtype=float) for a in line.get_data())
    keep = np.isfinite(x)
    return x[keep], y[keep]


@pytest.mark.parametrize("name", actviz.names())
def test_drawn_lines_equal_the_registry_values(name):
    act = actviz.get(name)
    ax = _axes()
    art = draw.draw_activation(ax, _b(act, {}), window=Window(-4, 4, 101), color="#000000", shade="#888888")
    x, y = _finite(art.f)
    assert x.min() == pytest.approx(-4) and x.max() == pytest.approx(4)
    if act.vector:
        logits = np.column_stack([x, np.ones_like(x), np.full_like(x, -3.0)])
        expected, dexpected = act(logits)[:, 0], act.derivative(logits)[:, 0]
    else:
        expected, dexpected = act(x), act.derivative(x)
    np.testing.assert_array_equal(y, expected)
    dx, dy = _finite(art.df)
    if act.vector:
        dexpected = act.derivative(np.column_stack([dx, np.ones_like(dx), np.full_like(dx, -3.0)]))[:, 0]
    else:
        dexpected = act.derivative(dx)
    np.testing.assert_array_equal(dy, dexpected)


def test_parameters_reach_the_line():
    act = actviz.get("leaky_relu")
    art = draw.draw_activation(_axes(), _b(act, {"alpha": 0.3}), window=Window(-2, 2, 11), color="#000000")
    x, y = _finite(art.f)
    np.testing.assert_array_equal(y, np.where(x > 0, x, 0.3 * x) + 0.0)


def test_derivative_line_present_or_not():
    for flag in (True, False):
        ax = _axes()
        art = draw.draw_activation(ax, _b(actviz.get("tanh")), window=Window(-3, 3, 50), color="#000000",
                                   derivative=flag)
        labels = [line.get_label() for line in ax.get_lines()]
        assert ("f\u2032(x)" in labels) is flag
        assert (art.df is not None) is flag
        assert "f(x)" in labels


def test_kink_is_sampled_exactly_and_jump_is_broken():
    smp = sampling.sample(_b(actviz.get("binary_step"), {}), Window(-1.0, 1.0, 10))
    i = int(np.flatnonzero(np.isnan(smp.y))[0])
    assert smp.x[i - 1] < 0 < smp.x[i + 1]
    assert smp.y[i - 1] == 0.0 and smp.y[i + 1] == 1.0
    assert smp.jumps and smp.jumps[0][0] == 0.0


def test_continuous_kink_is_not_broken_but_derivative_is():
    smp = sampling.sample(_b(actviz.get("relu"), {}), Window(-1.0, 1.0, 10))  # no grid point at 0 with 10 points
    assert not np.isnan(smp.y).any()
    assert np.isnan(smp.dy).sum() == 1
    assert np.nextafter(0.0, 1.0) in smp.x and np.nextafter(0.0, -1.0) in smp.x


def test_fit_ylim_follows_the_function():
    lo, hi = sampling.fit_ylim(np.array([0.0, 25.0]))
    assert lo < 0 < 25 < hi < 30
    lo2, hi2 = sampling.fit_ylim(np.array([0.0, 1.0]))
    assert hi2 < 2


def test_fit_ylim_survives_huge_and_infinite_values():
    lo, hi = sampling.fit_ylim(np.array([-np.inf, 0.0, 1e308, np.inf, np.nan]))
    assert math.isfinite(lo) and math.isfinite(hi) and lo < 0 < hi
    lo, hi = sampling.fit_ylim(np.array([2.0, 2.0]))
    assert lo < 2 < hi


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    [
        ("sigmoid", {}, [0.0, 1.0]),
        ("tanh", {}, [-1.0, 1.0]),
        ("elu", {"alpha": 2.0}, [-2.0]),
        ("relu", {}, []),  # 0 is reached, not approached
        ("relu6", {}, []),
        ("gaussian", {}, [0.0]),
        ("leaky_relu", {}, []),
    ],
)
def test_asymptotes(name, params, expected):
    assert sampling.asymptotes(_b(actviz.get(name), params)) == expected


def test_saturation_shades_tails_not_extrema():
    ax = _axes()
    art = draw.draw_activation(ax, _b(actviz.get("sigmoid")), window=Window(-8, 8, 801), color="#000000",
                               shade="#888888")
    spans = art.saturation
    assert len(spans) == 2
    ext = sorted(s.get_x() if hasattr(s, "get_x") else s.get_xy()[0][0] for s in spans)
    assert ext[0] == pytest.approx(-8)
    art = draw.draw_activation(_axes(), _b(actviz.get("gelu")), window=Window(-2, 2, 401), color="#000000",
                               shade="#888888")
    assert art.saturation == []  # f′ = 0 only at the minimum: no saturation


def test_title_shows_small_and_non_default_parameters():
    assert "0.01" in text.title(_b(actviz.get("leaky_relu"), {}))
    assert "0.1" in text.title(_b(actviz.get("relu"), {"alpha": 0.1}))
    assert text.title(_b(actviz.get("relu"), {})) == "ReLU"
    assert "tanh" in text.title(_b(actviz.get("gelu"), {"approximate": "tanh"}))
    assert text.title(_b(actviz.get("gelu"), {})) == "GELU"


@pytest.mark.parametrize("name", actviz.names())
def test_every_formula_renders_as_mathtext(name):
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    act = actviz.get(name)
    for display in (False, True):
        parser.parse(text.formula_math(act.bind(), display=display))
        parser.parse(text.derivative_formula_math(act.bind(), display=display))


def test_vector_bars_show_the_reference_example():
    art = draw.draw_vector_bars(_axes(), _b(actviz.get("softmax")), color="#000000", input_color="#888888")
    np.testing.assert_allclose(art["values"], [0.8789, 0.1189, 0.0022], atol=1e-4)
    assert [t.get_text() for t in art["texts"]][3:] == ["0.88", "0.12", "0.00"]


# -- asymptotes only where they apply, f′ clipped when it swamps f, parameter formatting --------


def _fig_ax():
    from actviz.render.style import new_figure

    fig = new_figure((4, 3))
    return fig, fig.add_axes((0.1, 0.1, 0.8, 0.8))


def _asymptote_lines(ax):
    return [ln for ln in ax.get_lines() if ln.get_gid() == "asymptote"]


def test_asymptote_drawn_only_over_the_side_it_applies_to():
    _, ax = _fig_ax()
    draw.draw_activation(ax, _b(actviz.get("silu")), window=Window(-100, 100), color="#000000")
    (line,) = _asymptote_lines(ax)
    x, y = (np.asarray(a, dtype=float) for a in line.get_data())
    assert list(y) == [0.0, 0.0] and x.min() == -100 and x.max() <= 0  # not over x > 0 where f → ∞


def test_no_asymptote_in_a_window_without_a_tail():
    _, ax = _fig_ax()
    art = draw.draw_activation(ax, _b(actviz.get("gelu")), window=Window(-0.1, 0.1), color="#000000")
    assert art.asymptotes == [] and _asymptote_lines(ax) == []
    assert "asymptote" not in [h.get_label() for h in ax.get_legend_handles_labels()[0]]


def test_two_limits_each_on_its_half_and_one_shared_limit_across():
    _, ax = _fig_ax()
    draw.draw_activation(ax, _b(actviz.get("sigmoid")), color="#000000")
    spans = sorted((float(ln.get_ydata()[0]), *map(float, ln.get_xdata())) for ln in _asymptote_lines(ax))
    assert spans == [(0.0, -5.0, 0.0), (1.0, 0.0, 5.0)]
    _, ax = _fig_ax()
    draw.draw_activation(ax, _b(actviz.get("gaussian")), color="#000000")
    assert [tuple(map(float, ln.get_xdata())) for ln in _asymptote_lines(ax)] == [(-5.0, 5.0)]


def test_derivative_that_swamps_f_is_clipped():
    act = actviz.get("gelu")
    _, ax = _fig_ax()
    art = draw.draw_activation(ax, _b(act), window=Window(-0.1, 0.1), color="#000000")
    lo, hi = ax.get_ylim()
    x = np.linspace(-0.1, 0.1, 1000)
    f, df = act(x), act.derivative(x)
    assert lo <= f.min() and f.max() <= hi and hi < df.min()  # f fits; f′ is above the frame
    np.testing.assert_allclose(art.df_range, (df.min(), df.max()))
    _, ax = _fig_ax()
    art = draw.draw_activation(ax, _b(actviz.get("tanh")), color="#000000")  # f′ fits: kept in range
    assert art.df_range is None and ax.get_ylim()[1] >= 1.0


def test_frame_ylim_clips_the_curve_that_swamps_the_others():
    ylim, clipped = sampling.frame_ylim([(-1, 5), (0, 1), (0, 150)], room=10)
    assert ylim == (-1, 5) and clipped == [2]
    assert sampling.frame_ylim([(0, 1), (-1, 5)], room=10) == ((-1, 5), [])


def test_parameter_values_in_titles_have_four_significant_digits():
    assert text.title(_b(actviz.get("rrelu"), {})) == "RReLU (l = 0.125, u = 0.3333)"
    assert text.title(_b(actviz.get("leaky_relu"), {"alpha": 0.123456})) == "Leaky ReLU (α = 0.1235)"


def test_threshold_title_shows_value_too_but_relu_hides_zero_alpha():
    assert text.title(_b(actviz.get("threshold"), {})) == "Threshold (t = 1, v = 0)"
    assert text.title(_b(actviz.get("relu"), {})) == "ReLU"
