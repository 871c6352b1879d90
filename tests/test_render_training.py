"""actviz.render.training: the artists of the training and zig-zag figures carry the computed numbers."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.colors as mcolors
import numpy as np
import pytest

import actviz
from actviz.render import training as figures
from actviz.render.save import save_figure
from actviz.render.style import curve_styles
from actviz.text import spec_label


def _gid(ax, prefix):
    return [a for a in [*ax.get_lines(), *ax.images, *ax.collections] if (a.get_gid() or "").startswith(prefix)]


@pytest.fixture(scope="module")
def trained():
    return actviz.train("identity", "relu", "tanh", steps=120)


def test_train_figure_has_a_map_per_network_and_the_histories(trained):
    fig = figures.train_figure(trained)
    maps = [ax for ax in fig.axes if _gid(ax, "regions:")]
    assert len(maps) == 3
    loss_ax = next(ax for ax in fig.axes if _gid(ax, "loss:"))
    dead_ax = next(ax for ax in fig.axes if _gid(ax, "dead:"))
    styles = curve_styles([r.name for r in trained])
    for r, style in zip(trained, styles):
        (loss,) = _gid(loss_ax, f"loss:{spec_label(r.bound)}")
        np.testing.assert_array_equal(loss.get_ydata(), r.loss_history)
        assert mcolors.to_hex(loss.get_color()) == mcolors.to_hex(style["color"])
        (dead,) = _gid(dead_ax, f"dead:{spec_label(r.bound)}")
        np.testing.assert_array_equal(dead.get_ydata(), 100.0 * r.dead_history)
    relu = trained[1]
    (dot,) = _gid(loss_ax, f"reached:{spec_label(relu.bound)}")
    assert list(dot.get_xdata()) == [relu.steps_to_95]
    assert not _gid(loss_ax, f"reached:{spec_label(trained[0].bound)}")  # identity never reaches 95 %


def test_train_map_shows_the_data_and_the_prediction(trained):
    fig = figures.train_figure(trained)
    relu = trained[1]
    ax = next(ax for ax in fig.axes if _gid(ax, f"regions:{spec_label(relu.bound)}"))
    (ones,) = _gid(ax, f"class1:{spec_label(relu.bound)}")
    np.testing.assert_array_equal(ones.get_offsets(), relu.data.x[relu.data.y == 1])
    (image,) = _gid(ax, "regions:")
    rgb = np.asarray(image.get_array())
    half = ax.get_xlim()[1]
    # the pixel over the centre takes class 1's colour (the inner disc), a corner class 0's
    probability = relu.probability(np.array([[0.0, 0.0], [-half, -half]]))
    assert probability[0] > 0.5 > probability[1]
    blue, orange = (np.array(mcolors.to_rgb(c)) for c in (figures.CLASS_COLORS[1], figures.CLASS_COLORS[0]))
    centre, corner = rgb[rgb.shape[0] // 2, rgb.shape[1] // 2], rgb[0, 0]
    assert np.linalg.norm(centre - blue) < np.linalg.norm(centre - orange)
    assert np.linalg.norm(corner - orange) < np.linalg.norm(corner - blue)


def test_zigzag_figure_draws_each_path():
    results = actviz.zigzag("sigmoid", "tanh")
    fig = figures.zigzag_figure(results)
    paths = [line for ax in fig.axes for line in _gid(ax, "path:")]
    assert len(paths) == 2
    for line, r in zip(paths, results):
        np.testing.assert_array_equal(np.column_stack([line.get_xdata(), line.get_ydata()]), r.path)
    ax = paths[0].axes
    assert ax.get_xlim()[0] <= min(results[0].path[:, 0]) and ax.get_ylim()[0] <= -1.0


def test_figures_fit_the_canvas_in_both_themes(trained, tmp_path):
    zig = actviz.zigzag("sigmoid", "tanh", "relu", "identity", "elu")
    for theme in ("light", "dark"):
        for fig in (figures.train_figure(trained, theme=theme, dpi=40), figures.zigzag_figure(zig, theme=theme, dpi=40)):
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
            canvas = fig.bbox
            for artist in [*fig.texts, *(t for ax in fig.axes for t in (ax.title, ax._left_title, *ax.texts))]:
                if not artist.get_text():
                    continue
                box = artist.get_window_extent(renderer)
                assert box.x0 >= -1 and box.x1 <= canvas.x1 + 1 and box.y0 >= -1 and box.y1 <= canvas.y1 + 1, \
                    artist.get_text()
            if theme == "dark":
                assert mcolors.to_hex(fig.get_facecolor()) != "#ffffff"


def test_many_networks_wrap_into_rows_and_too_many_are_refused():
    results = actviz.train(*["tanh"] * 5, steps=5)
    fig = figures.train_figure(results)
    maps = [ax for ax in fig.axes if _gid(ax, "regions:")]
    assert len({round(ax.get_position().y0, 3) for ax in maps}) == 2
    with pytest.raises(actviz.ParameterError, match="at most 12"):
        figures.train_figure(actviz.train(*["tanh"] * 13, steps=1))


def test_a_diverging_network_keeps_the_figure_readable():
    results = actviz.train("relu", "identity", optimizer="gd", lr=100, steps=60)
    assert results[1].diverged_at is not None
    fig = figures.train_figure(results)
    loss_ax = next(ax for ax in fig.axes if _gid(ax, "loss:"))
    assert loss_ax.get_yscale() == "log"
    fig.canvas.draw()


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_write_is_reproducible(tmp_path, suffix, trained):
    a = save_figure(actviz.lesson_figure(trained, dpi=40), tmp_path / f"a{suffix}")
    b = save_figure(actviz.lesson_figure(trained, dpi=40), tmp_path / f"b{suffix}")
    assert a.read_bytes() == b.read_bytes()
    z = save_figure(actviz.lesson_figure(actviz.zigzag("sigmoid"), dpi=40), tmp_path / f"z{suffix}")
    if suffix == ".svg":
        assert "Training loss" in a.read_text() and "same-sign updates" in z.read_text()


def test_lesson_figure_dispatches_and_no_pyplot_state():
    code = (
        "import sys\n"
        "import actviz\n"
        "fig = actviz.lesson_figure(actviz.train('relu', steps=3), dpi=30)\n"
        "assert any(a.get_title(loc='left') == 'ReLU' for a in fig.axes)\n"
        "fig = actviz.lesson_figure(actviz.zigzag('tanh')[0], dpi=30)\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    with pytest.raises(actviz.ParameterError, match="train"):
        actviz.lesson_figure([*actviz.train("relu", steps=2), *actviz.zigzag("tanh")])


@pytest.mark.parametrize("spec", ["relu:alpha=1e120", "sigmoid:a=1e-300", "softplus:beta=1e-300"])
def test_extreme_inputs_still_draw(spec):
    for result in (actviz.zigzag(spec, steps=100), actviz.train(spec, steps=10, hidden=(4,))):
        fig = actviz.lesson_figure(result, dpi=30)
        fig.canvas.draw()
