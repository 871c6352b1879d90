"""actviz.render.propagation: the phase diagram and the signal propagation figure carry the computed numbers,
fit their canvas, speak Chinese and write the same bytes twice."""

from __future__ import annotations

import math
import re
import warnings

import matplotlib
import matplotlib.colors as mcolors
import numpy as np
import pytest
from test_figure_layout import _texts_inside

import actviz
from actviz import text
from actviz.api import phase, propagate
from actviz.render import propagation as figures
from actviz.render.save import save_figure
from actviz.text import spec_label


def _phase(spec, **kw):
    # phase_grid's np.vectorize(depth_scale) warns on the NaN cells of a diverging grid (relu, gelu): a core
    # matter, reported; the figure itself is drawn with warnings as errors
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return phase(spec, **kw)


def _gid(fig, gid):
    return fig.findobj(lambda a: a.get_gid() == gid)


@pytest.fixture(scope="module")
def tanh():
    return _phase("tanh", point=(2.0, 0.1))


@pytest.fixture(scope="module")
def relu():
    return _phase("relu")


@pytest.fixture(scope="module")
def runs():
    return propagate("tanh", "relu", "gelu", depth=30, width=200)


def test_the_edge_of_chaos_is_the_diagrams_curve(tanh):
    fig = figures.phase_figure(tanh, dpi=40)
    (edge,) = _gid(fig, "edge")
    np.testing.assert_array_equal(edge.get_xdata(), tanh.edge[0])
    np.testing.assert_array_equal(edge.get_ydata(), tanh.edge[1])
    (crit,) = _gid(fig, "critical")
    np.testing.assert_allclose(crit.get_xdata(), [c.sigma_w2 for c in tanh.critical])
    np.testing.assert_allclose(crit.get_ydata(), [c.sigma_b2 for c in tanh.critical])


def test_the_marks_sit_where_they_are_and_the_legend_says_what_they_are(tanh):
    fig = figures.phase_figure(tanh, dpi=40)
    (torch,) = _gid(fig, "mark:torch")
    assert torch.get_xdata()[0] == pytest.approx(25 / 9) and torch.get_ydata()[0] == 0.0
    (yours,) = _gid(fig, "mark:yours")
    assert (yours.get_xdata()[0], yours.get_ydata()[0]) == (2.0, 0.1)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any(t.startswith("PyTorch gain 5/3") and "= 1.21, chaotic" in t for t in labels), labels
    assert any(t.startswith("yours") and "1.003, chaotic" in t for t in labels), labels
    assert any(t.startswith("edge of chaos") for t in labels)


def test_chaotic_and_ordered_cells_have_other_colours(tanh):
    fig = figures.phase_figure(tanh, dpi=40)
    (mesh,) = _gid(fig, "chi1")
    rgba = mesh.to_rgba(mesh.get_array()).reshape(tanh.grid.sigma_b2.size, tanh.grid.sigma_w2.size, 4)
    chi = tanh.grid.chi1.T
    ordered = rgba[chi < 0.5][0]
    chaotic = rgba[chi > 1.3][0]
    assert not np.allclose(ordered, chaotic)
    assert ordered[2] > ordered[0] and chaotic[0] > chaotic[2]  # blue below 1, vermillion above
    # χ₁ = 1 is the middle of the scale
    assert mesh.norm(0.0) == pytest.approx(0.5)


def test_the_depth_scale_contours_and_the_region_labels(tanh):
    fig = figures.phase_figure(tanh, dpi=60)
    (contours,) = _gid(fig, "xi_c")
    assert list(contours.levels) == list(figures.XI_LEVELS)
    assert {"region:ordered", "region:chaotic"} <= {t.get_gid() for t in fig.axes[0].texts}


def test_relu_has_one_edge_point_and_says_so(relu):
    assert relu.edge_is_point
    fig = figures.phase_figure(relu, dpi=40)
    (edge,) = _gid(fig, "edge")
    assert list(edge.get_xdata()) == [pytest.approx(2.0)] and list(edge.get_ydata()) == [0.0]
    assert not _gid(fig, "critical")
    caption = " ".join(_gid(fig, "caption")[0].get_text().split())
    assert "single point" in caption and "= 2," in caption
    (mesh,) = _gid(fig, "chi1")
    assert np.ma.count_masked(mesh.get_array()) == int(np.isinf(relu.grid.q_star).sum()) > 0  # the grey cells


def test_the_propagation_lines_are_the_records_arrays(runs):
    fig = figures.propagation_figure(runs, dpi=40)
    for r in runs:
        for what in ("q", "post_ms", "c", "grad_ratio"):
            (mf,) = _gid(fig, f"mean_field:{what}:{spec_label(r.bound)}")
            np.testing.assert_array_equal(mf.get_ydata(), getattr(r.mean_field, what))
            (sim,) = _gid(fig, f"simulation:{what}:{spec_label(r.bound)}")
            np.testing.assert_array_equal(sim.get_ydata(), getattr(r.simulation, what))
    grad_ax = _gid(fig, "mean_field:grad_ratio:tanh")[0].axes
    assert grad_ax.get_yscale() == "log"
    assert len(fig.legends) == 1 and len(fig.legends[0].get_texts()) == len(runs) + 2
    caption = " ".join(_gid(fig, "caption")[0].get_text().split())
    assert "width 200" in caption and "seed 0" in caption and "(ReLU)" in caption  # σ_w² per activation


def test_a_diverging_variance_draws_without_warnings():
    import dataclasses

    # a record as the core writes a diverged run (q = inf from a layer on, the rest NaN), made by hand: the
    # core's correlation map is slow at the huge variances of a real one
    (run,) = propagate("relu", sigma_w2=4.0, depth=14, width=None)
    mf = run.mean_field
    q, post, c, grad = (np.array(a, dtype=float) for a in (mf.q, mf.post_ms, mf.c, mf.grad_ratio))
    q[11:], post[11:], c[11:], grad[:11] = np.inf, np.nan, np.nan, np.nan
    diverged = dataclasses.replace(run, mean_field=dataclasses.replace(mf, q=q, post_ms=post, c=c, grad_ratio=grad,
                                                                       q_star=None, chi1=None))
    fig = figures.propagation_figure([diverged], dpi=40)
    fig.canvas.draw()
    (line,) = _gid(fig, "mean_field:q:relu")
    assert line.axes.get_yscale() == "log" and np.isnan(line.get_ydata()[11:]).all()
    assert any("diverges" in t.get_text() for t in fig.legends[0].get_texts())
    with pytest.raises(actviz.ParameterError, match="at most 8"):
        figures.propagation_figure([diverged] * 9)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_everything_inside_the_canvas(tanh, relu, runs, theme):
    sigmoid = _phase("sigmoid")
    for fig in (figures.phase_figure(tanh, theme=theme, dpi=40), figures.phase_figure(relu, theme=theme, dpi=40),
                figures.phase_figure(sigmoid, theme=theme, dpi=40),
                figures.propagation_figure(runs, theme=theme, dpi=40)):
        assert _texts_inside(fig) == []
        if theme == "dark":
            assert mcolors.to_hex(fig.get_facecolor()) != "#ffffff"


def test_chinese_figures_carry_the_chinese_titles(tanh, runs):
    before = dict(matplotlib.rcParams)
    fig = actviz.lesson_figure(tanh, lang="zh", dpi=40)
    texts = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontfamily")))
    assert "双曲正切函数" in texts and "相图" in texts and "混沌边缘" in texts and "有序相" in texts
    assert _texts_inside(fig) == []
    fig = actviz.lesson_figure(runs, lang="zh", dpi=40)
    texts = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontfamily")))
    assert "信号传播" in texts and "预激活方差" in texts
    for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontfamily")):
        assert not ("$" in t.get_text() and re.search(r"[\u4e00-\u9fff]", t.get_text())), t.get_text()
    assert _texts_inside(fig) == []
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_the_same_bytes_twice(tmp_path, tanh, runs, suffix):
    for k, make in enumerate((lambda: actviz.lesson_figure(tanh, dpi=40), lambda: actviz.lesson_figure(runs, dpi=40))):
        a = save_figure(make(), tmp_path / f"a{k}{suffix}")
        b = save_figure(make(), tmp_path / f"b{k}{suffix}")
        assert a.stat().st_size > 1000 and a.read_bytes() == b.read_bytes()


def test_gains_as_pytorch_writes_them():
    assert [text.gain_text(g) for g in (5 / 3, 0.75, 1.0, math.sqrt(2.0))] == ["5/3", "3/4", "1", "√2"]
    assert text.gain_text(math.sqrt(2 / 1.0001)) == "1.414"


def test_no_pyplot():
    import subprocess
    import sys

    code = ("import sys, warnings\nwarnings.simplefilter('ignore', RuntimeWarning)\nfrom actviz.api import phase, propagate\n"
            "phase('tanh').figure(dpi=30); propagate('tanh', depth=5, width=20).figure(dpi=30)\n"
            "assert 'matplotlib.pyplot' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)
