"""actviz.render.lessons: the artists of the three lesson figures carry the computed numbers."""

from __future__ import annotations

import math
import subprocess
import sys

import matplotlib.colors as mcolors
import numpy as np
import pytest

import actviz
from actviz import text
from actviz.lessons import softmax_example
from actviz.render import lessons as figures
from actviz.render.save import save_figure


def gradient_flow(spec, **options):
    (flow,) = actviz.gradient(spec, **options)
    return flow


def loss_gradients(spec, params=None, **options):
    return actviz.loss(spec, **options, **(params or {}))
from actviz.render.style import color_for, curve_styles


def _lines(ax):
    return [line for line in ax.get_lines() if line.get_gid()]


def test_gradient_figure_lines_are_the_log_norms_per_layer():
    flows = [gradient_flow(n, layers=12, width=16) for n in ("sigmoid", "tanh", "relu")]
    fig = figures.gradient_figure(flows)
    (ax,) = fig.axes
    lines = _lines(ax)
    assert len(lines) == 3
    styles = curve_styles(["sigmoid", "tanh", "relu"])
    for line, flow, style in zip(lines, flows, styles):
        np.testing.assert_array_equal(line.get_xdata(), np.arange(1, 13))
        np.testing.assert_allclose(10.0 ** np.asarray(line.get_ydata()), flow.norms, rtol=1e-12)
        assert mcolors.to_hex(line.get_color()) == mcolors.to_hex(style["color"])
        assert line.get_label().startswith(text.title(flow.bound))  # the display name, as compare's legend has it
    assert mcolors.to_hex(lines[0].get_color()) == mcolors.to_hex(color_for("sigmoid", "light"))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "init gain 1.846" in legend[0] and "init gain 1.414" in legend[2]  # each one's forward gain
    # the y-range holds every point, and the tick labels are powers of ten
    lo, hi = ax.get_ylim()
    all_y = np.concatenate([f.log10_norms for f in flows])
    assert lo <= all_y.min() and all_y.max() <= hi
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and all(label.startswith("$10^{") for label in labels)


def test_gradient_figure_keeps_far_underflowed_norms_and_zero_gradients():
    deep = gradient_flow("sigmoid", layers=600, width=8, init="xavier")
    zero = gradient_flow("binary_step", layers=600, width=8)
    fig = figures.gradient_figure([deep, zero])
    ax = fig.axes[0]
    sig, step = _lines(ax)
    y = np.asarray(sig.get_ydata())
    assert np.all(np.isfinite(y)) and y.min() < -300  # below float64's range, still drawn
    assert np.all(np.isnan(np.asarray(step.get_ydata())))  # exact zeros: no line
    assert "gradient is 0" in step.get_label()
    assert ax.get_ylim()[0] <= y.min()


def test_softmax_figure_bars():
    example = softmax_example([3, 1, -3], temperature=2.0)
    fig = figures.softmax_figure(example)
    left, right = fig.axes
    logits = [p.get_height() for p in left.patches]
    probs = [p.get_height() for p in right.patches]
    assert logits == [3.0, 1.0, -3.0]
    raw = [math.exp(v / 2.0) for v in (3, 1, -3)]
    assert probs == pytest.approx([r / sum(raw) for r in raw], rel=1e-14)
    assert mcolors.to_hex(right.patches[0].get_facecolor()) == mcolors.to_hex(color_for("softmax", "light"))
    assert "T = 2" in right.get_title(loc="left")
    texts = [t.get_text() for t in right.texts]
    assert texts == [f"{p:.3f}" for p in probs]
    assert [t.get_text() for t in left.texts] == ["3", "1", "−3"]


def test_softmax_figure_many_logits_is_not_too_wide():
    fig = figures.softmax_figure(softmax_example(np.arange(200.0)))
    assert fig.get_figwidth() <= 12.0
    assert not fig.axes[1].texts  # too many bars to label each


@pytest.mark.parametrize("y", [1.0, 0.0])
def test_loss_figure_curves_are_mse_and_cross_entropy(y):
    lg = loss_gradients("sigmoid", target=y)
    fig = figures.loss_figure(lg)
    ax = fig.axes[0]
    by_label = {line.get_label(): line for line in ax.get_lines()}
    assert {"MSE", "cross-entropy"} <= set(by_label)
    z = np.asarray(by_label["MSE"].get_xdata())
    sigma = np.array([1.0 / (1.0 + math.exp(-v)) for v in z])
    np.testing.assert_allclose(by_label["MSE"].get_ydata(), (sigma - y) * sigma * (1 - sigma), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(by_label["cross-entropy"].get_ydata(), sigma - y, rtol=1e-12, atol=1e-300)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "MSE" in legend and "cross-entropy" in legend
    assert any("confidently wrong" in text for text in legend)
    assert f"y = {y:g}" in ax.get_title(loc="left")
    caption = " ".join(" ".join(t.get_text() for t in fig.texts).split())  # wrapped to the width
    assert "(a − y)·σ′(z)" in caption and "∂L/∂z = a − y" in caption


def test_loss_figure_explains_where_cross_entropy_is_undefined():
    lg = loss_gradients("tanh")
    fig = figures.loss_figure(lg)
    ce = next(line for line in fig.axes[0].get_lines() if line.get_label() == "cross-entropy")
    y = np.asarray(ce.get_ydata())
    assert np.all(np.isnan(y[lg.z <= 0]))
    caption = " ".join(" ".join(t.get_text() for t in fig.texts).split())  # wrapped to the width
    assert "0 < f(z) < 1" in caption


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_write_is_reproducible_and_svg_keeps_text(tmp_path, suffix):
    lg = loss_gradients("sigmoid")
    a = save_figure(figures.loss_figure(lg), tmp_path / f"a{suffix}")
    b = save_figure(figures.loss_figure(lg), tmp_path / f"b{suffix}")
    assert a.read_bytes() == b.read_bytes()
    if suffix == ".svg":
        text = a.read_text()
        assert "cross-entropy" in text and "MSE" in text
    else:
        assert a.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dark_theme_background(tmp_path):
    fig = figures.gradient_figure([gradient_flow("relu", layers=3, width=4)], theme="dark")
    assert mcolors.to_hex(fig.get_facecolor()) != "#ffffff"


def test_no_pyplot_state():
    code = (
        "import sys\n"
        "import actviz\n"
        "actviz.lesson_figure(actviz.gradient('relu', layers=3, width=4))\n"
        "actviz.lesson_figure(actviz.softmax([3, 1, -3]))\n"
        "actviz.lesson_figure(actviz.loss('sigmoid'))\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_loss_figure_sigmoid_slope_curve_title_and_caption():
    lg = loss_gradients("sigmoid", {"a": 2.0}, target=0.0)
    fig = figures.loss_figure(lg)
    ax = fig.axes[0]
    by_label = {line.get_label(): line for line in ax.get_lines()}
    z = np.asarray(by_label["cross-entropy"].get_xdata())
    sigma = np.array([1.0 / (1.0 + math.exp(-2.0 * v)) for v in z])
    np.testing.assert_allclose(by_label["cross-entropy"].get_ydata(), 2.0 * sigma, rtol=1e-12, atol=1e-300)
    title = ax.get_title(loc="left")
    assert "σ(2z)" in title and "(a=2)" not in title
    caption = " ".join(" ".join(t.get_text() for t in fig.texts).split())  # wrapped to the width
    assert "∂L/∂z = 2(a − y)" in caption and "2σ′(2z)" in caption


def test_loss_figure_names_other_parameters_as_parameters():
    fig = figures.loss_figure(loss_gradients("leaky_relu", {"alpha": 0.1}))
    assert "leaky_relu(z) (parameter alpha = 0.1)" in fig.axes[0].get_title(loc="left")


def test_loss_figure_domain_sentence_from_the_maths():
    caption = " ".join(t.get_text() for t in figures.loss_figure(loss_gradients("tanh")).texts)
    assert "z > 0" in caption and "end of the plotted" in caption and "0.02" not in caption
    caption = " ".join(t.get_text() for t in figures.loss_figure(loss_gradients("relu")).texts)
    assert "0\u00a0<\u00a0z\u00a0<\u00a01" in caption  # kept on one line
    caption = " ".join(t.get_text() for t in figures.loss_figure(loss_gradients("gcu")).texts)
    assert all("z\u00a0<" in line or " z " not in line for line in caption.split("\n"))


def test_gradient_figure_reads_the_ratio_in_bands():
    flows = [gradient_flow(n, layers=20, width=64) for n in ("sigmoid", "relu")]
    fig = figures.gradient_figure(flows)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[0].endswith(": vanishes)") and legend[1].endswith(": passed on)")
    assert "×10⁻" in legend[0] and "e−" not in legend[0] and "-" not in legend[0].split("(")[1]  # 9.5×10⁻¹³
    caption = " ".join(" ".join(t.get_text() for t in fig.texts).split())  # wrapped to the width
    assert "0.1 to 10: it is passed on" in caption and "> 10: it explodes" in caption
