"""actviz.render.figures: the plot and compare figures (artists, text, validation)."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.options import Window
from actviz.render import figures
from actviz.render.save import save_figure
from actviz.render.style import color_for, themed


def _texts(fig):
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and not hasattr(a, "get_lines"))]


def _lines(fig, label):
    return [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_label() == label]


def test_plot_lines_equal_registry_values_for_the_parameters():
    act = actviz.get("elu")
    fig = figures.plot_figure(act.bind({"alpha": 2.0}), window=Window(-3, 2, 64), dpi=40)
    (f,) = _lines(fig, "f(x)")
    (df,) = _lines(fig, "f\u2032(x)")
    x, y = (np.asarray(a, dtype=float) for a in f.get_data())
    np.testing.assert_array_equal(y, 2.0 * np.expm1(np.minimum(x, 0)) * (x <= 0) + np.maximum(x, 0))
    dx, dy = (np.asarray(a, dtype=float) for a in df.get_data())
    keep = np.isfinite(dx)
    np.testing.assert_allclose(dy[keep], np.where(dx[keep] > 0, 1.0, 2.0 * np.exp(dx[keep])), rtol=1e-15)
    assert f.get_color().lower() == color_for("elu", "light").lower()


def test_plot_without_derivative_has_no_derivative_line():
    fig = figures.plot_figure(actviz.get("tanh").bind(), derivative=False, window=Window(points=20), dpi=40)
    assert _lines(fig, "f\u2032(x)") == []
    assert len(_lines(fig, "f(x)")) == 1
    assert not any("f'(x)" in t for t in _texts(fig))  # nor the derivative's formula


def test_plot_title_and_formula_text():
    act = actviz.get("leaky_relu")
    fig = figures.plot_figure(act.bind({}), window=Window(points=20), dpi=40)
    texts = _texts(fig)
    assert "Leaky ReLU (α = 0.01)" in texts
    assert "$f(x) = \\max(0,x) + \\alpha\\,\\min(0,x)$" in texts
    assert "$f'(x) = 1\\ \\mathrm{if}\\ x>0,\\ \\mathrm{else}\\ \\alpha$" in texts
    texts = _texts(figures.plot_figure(actviz.get("relu").bind(), window=Window(points=20), dpi=40))
    assert "$f(x) = \\max(0,x)$" in texts  # a plain ReLU's formula has no α·min(0, x)


def test_plot_ylim_fits_each_function():
    big = figures.plot_figure(actviz.get("squared_relu").bind(), derivative=False, window=Window(points=50), dpi=40)
    small = figures.plot_figure(actviz.get("sigmoid").bind(), derivative=False, window=Window(points=50), dpi=40)
    lo_b, hi_b = big.axes[0].get_ylim()
    lo_s, hi_s = small.axes[0].get_ylim()
    assert 25 <= hi_b < 28 and hi_s < 1.2 and lo_s > -0.2


def test_plot_soft_exponential_far_right_stays_finite():
    fig = figures.plot_figure(actviz.get("soft_exponential").bind(), window=Window(-10, 200, 200), dpi=40)
    lo, hi = fig.axes[0].get_ylim()
    assert np.isfinite(lo) and np.isfinite(hi) and hi > 1e40  # f(200) = (e^100 − 1)/0.5 + 0.5
    # beyond ±1e100 matplotlib's own arithmetic overflows: refused before drawing, as on the command line
    with pytest.raises(ActvizError, match=r"soft_exponential: f\(462.0\) is 4.219e\+100, too large to draw"):
        figures.plot_figure(actviz.get("soft_exponential").bind(), window=Window(-10, 1000, 200), dpi=40)


def test_plot_asymptotes_are_dotted_lines():
    fig = figures.plot_figure(actviz.get("tanh").bind(), window=Window(points=50), dpi=40)
    levels = sorted(ln.get_ydata()[0] for ln in fig.axes[0].get_lines() if ln.get_gid() == "asymptote")
    assert levels == [-1.0, 1.0]


def test_vector_activation_gets_bars_and_a_component_curve():
    act = actviz.get("softmax")
    fig = figures.plot_figure(act.bind(), window=Window(points=30), dpi=40)
    assert len(fig.axes) == 2
    bars = [p.get_height() for p in fig.axes[0].patches]
    np.testing.assert_allclose(bars[3:], act(np.array([3.0, 1.0, -3.0])), rtol=1e-12)
    (line,) = _lines(fig, "$f_1(x)$")
    x, y = (np.asarray(a, dtype=float) for a in line.get_data())
    np.testing.assert_array_equal(y, act(np.column_stack([x, np.ones_like(x), np.full_like(x, -3.0)]))[:, 0])


def test_compare_overlays_functions_and_derivatives():
    specs = [actviz.get("relu").bind({}), actviz.get("leaky_relu").bind({"alpha": 0.1}), actviz.get("gelu").bind({})]
    fig = figures.compare_figure(specs, window=Window(points=40), dpi=40)
    top, bottom = fig.axes
    labels = [ln.get_label() for ln in top.get_lines() if not ln.get_label().startswith("_")]
    assert labels == ["ReLU", "Leaky ReLU (α = 0.1)", "GELU"]
    leaky = top.get_lines()[1]
    x, y = (np.asarray(a, dtype=float) for a in leaky.get_data())
    np.testing.assert_array_equal(y[np.isfinite(y)], np.where(x > 0, x, 0.1 * x)[np.isfinite(y)] + 0.0)
    d = [ln for ln in bottom.get_lines() if ln.get_label() == labels[2]][0]
    dx, dy = (np.asarray(a, dtype=float) for a in d.get_data())
    np.testing.assert_array_equal(dy, actviz.get("gelu").derivative(dx))
    assert top.get_legend() is not None


def test_compare_same_function_twice_is_distinguishable():
    elu = actviz.get("elu")
    fig = figures.compare_figure([elu.bind({"alpha": 0.5}), elu.bind({"alpha": 2.0})], window=Window(points=40), dpi=40)
    a, b = [ln for ln in fig.axes[0].get_lines() if ln.get_label().startswith("ELU")]
    assert (a.get_color(), a.get_linestyle()) != (b.get_color(), b.get_linestyle())
    assert a.get_color().lower() == color_for("elu", "light").lower()
    assert a.get_label() != b.get_label()


def test_compare_without_derivative_has_one_panel():
    fig = figures.compare_figure([actviz.get("relu").bind({})], derivative=False, window=Window(points=20), dpi=40)
    assert len(fig.axes) == 1


def test_svg_contains_title_legend_and_formula(tmp_path):
    act = actviz.get("sigmoid")
    fig = figures.plot_figure(act.bind({"a": 2.0}), window=Window(points=30), dpi=40)
    with themed("light"):
        text = save_figure(fig, tmp_path / "s.svg").read_text()
    assert "Sigmoid (" in text and "= 2)" in text
    assert "f(x)" in text and "asymptote" in text
    assert "σ" in text or "\\sigma" in text or "&#963;" in text  # the formula's sigma, as text


def test_figures_are_reproducible(tmp_path):
    spec = [actviz.get("silu").bind({}), actviz.get("mish").bind({})]
    with themed("dark"):
        a = save_figure(figures.compare_figure(spec, window=Window(points=30), dpi=40, theme="dark"), tmp_path / "a.png")
        b = save_figure(figures.compare_figure(spec, window=Window(points=30), dpi=40, theme="dark"), tmp_path / "b.png")
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"xmin": 1.0, "xmax": 1.0}, "xmin 1 must be smaller than xmax 1"),
        ({"xmin": 2.0, "xmax": -2.0}, "smaller than xmax"),
        ({"xmin": float("nan")}, "xmin"),
        ({"xmax": float("inf")}, "xmax"),
        ({"points": 3}, "points"),
        ({"points": 10**7}, "points"),
        ({"dpi": 5}, "dpi"),
        ({"dpi": 10_000}, "dpi"),
        ({"theme": "neon"}, "light, dark"),
    ],
)
def test_bad_numbers_are_refused(kwargs, message):
    with pytest.raises(ActvizError, match=message):
        actviz.plot(actviz.get("relu").bind(), **kwargs)  # options are checked by the API (actviz.options)


def test_compare_needs_a_function():
    with pytest.raises(ActvizError, match="at least one"):
        figures.compare_figure([])


def test_compare_clips_a_curve_that_grows_much_faster_and_says_so():
    import actviz

    names = ["relu", "gelu", "silu", "elu", "soft_exponential"]
    specs = [actviz.get(n).bind({"alpha": 1.0} if n == "soft_exponential" else {}) for n in names]
    fig = figures.compare_figure(specs, dpi=40)
    ax, axd = fig.axes
    lo, hi = ax.get_ylim()
    assert -1 > lo and 5 < hi < 10  # the other four fill the frame; e^5 ≈ 148 would squash them
    notes = [t.get_text() for t in fig.findobj(lambda a: a.get_gid() == "clip-note")]
    assert len(notes) == 2 and all("Soft exponential (α = 1)" in n and "clipped" in n for n in notes)
    fig = figures.compare_figure([actviz.get(n).bind({}) for n in ("sigmoid", "tanh", "relu")], dpi=40)
    assert not fig.findobj(lambda a: a.get_gid() == "clip-note") and fig.axes[0].get_ylim()[1] > 5  # relu fits


def test_a_derivative_that_would_swamp_f_gets_its_own_axis_not_the_bin():
    """Over ±0.1 GELU's f′ (0.46 to 0.54) lies far above f (±0.05): it is drawn on a right-hand axis
    of its own, whole, and the legend (above the plot) says so; with a fixed frame it is clipped and
    the legend says how far it goes."""
    import actviz

    fig = figures.plot_figure(actviz.get("gelu").bind(), window=Window(-0.1, 0.1), dpi=40)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["f(x)", "f′(x) (right axis)"]
    main, twin = fig.axes
    (df,) = [ln for ln in twin.get_lines() if ln.get_gid() == "df"]
    lo, hi = twin.get_ylim()
    y = np.asarray(df.get_ydata(), dtype=float)
    assert lo < np.nanmin(y) and np.nanmax(y) < hi  # all of it inside its frame
    fixed = figures.plot_figure(actviz.get("gelu").bind(), window=Window(-0.1, 0.1), dpi=40, ylim=(-0.1, 0.1))
    labels = [t.get_text() for t in fixed.legends[0].get_texts()]
    assert any(t.startswith("f′(x), clipped: 0.4") for t in labels) and len(fixed.axes) == 1


def test_a_curve_identical_to_an_earlier_one_is_dashed_over_it():
    # PyTorch's and JAX's leaky ReLU are the same function: the later one would hide the earlier
    fig = actviz.compare("relu", "elu", "max(0, x)", points=50, dpi=30)
    for ax, prefix in ((fig.axes[0], "f:"), (fig.axes[1], "df:")):
        lines = [ln for ln in ax.get_lines() if (ln.get_gid() or "").startswith(prefix)]
        styles = [ln.get_linestyle() for ln in lines]
        assert styles[0] == "-" and styles[2] == "--"
