"""Comparisons of many curves (issue 24): curves drawn over each other are named, different
functions never share a colour, more than eight get a note and small multiples (``grid``)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actviz
from actviz.options import Window
from actviz.render.sampling import coincidences

W = Window(-5.0, 5.0, 1000)


def _bounds(*specs):
    return [actviz.bind(s) for s in specs]


def test_relu_leaky_and_elu_are_one_curve_for_positive_x_and_nowhere_else():
    found = coincidences(_bounds("relu", "leaky_relu:alpha=0.1", "elu", "gelu", "silu"), W)
    assert [(c.members, c.low, c.high) for c in found] == [((0, 1, 2), 0.0, math.inf)]
    # f′: ReLU′(0) = 0 and ELU′(0) = 1, so the stretch is open at 0; the same three
    found = coincidences(_bounds("relu", "leaky_relu:alpha=0.1", "elu", "gelu", "silu"), W, derivative=True)
    assert [(c.members, c.low, c.high) for c in found] == [((0, 1, 2), 0.0, math.inf)]


def test_stretch_ends_are_found_on_the_functions_not_the_grid():
    # hardtanh = relu exactly on [0, 1]; 1 is no sample of a 1001-point grid over [-5.3, 4.9]
    found = coincidences(_bounds("relu", "hardtanh"), Window(-5.3, 4.9, 1000))
    assert [(c.low, c.high) for c in found] == [(0.0, 1.0)]
    # compared independently: equal inside, different just outside
    x = np.array([0.001, 0.5, 0.999])
    assert np.array_equal(actviz.get("relu")(x), actviz.get("hardtanh")(x))
    assert actviz.get("relu")(1.01) != actviz.get("hardtanh")(1.01)


def test_functions_that_only_meet_or_approach_are_no_coincidence():
    # GELU tends to x but differs from ReLU by more than drawing precision on most of x > 0;
    # tanh and sigmoid cross once
    assert coincidences(_bounds("relu", "gelu"), W) == []
    assert coincidences(_bounds("tanh", "sigmoid", "softsign"), W) == []
    assert coincidences(_bounds("relu"), W) == []


def _note(fig, gid):
    return "\n".join(t.get_text() for ax in fig.axes for t in ax.texts if t.get_gid() == gid)


def test_compare_figure_names_the_curves_drawn_over_each_other():
    fig = actviz.compare("relu", "leaky_relu:alpha=0.1", "elu", "gelu", "silu", dpi=40)
    note = _note(fig, "coincide-note")
    assert "ReLU = Leaky ReLU = ELU: x > 0" in note
    assert "ReLU′ = Leaky ReLU′ = ELU′: x > 0" in note
    fig = actviz.compare("relu", "elu", lang="zh", dpi=40)
    assert "彼此重合" in _note(fig, "coincide-note") and "ReLU = ELU：x > 0" in _note(fig, "coincide-note")
    # and where nothing coincides, no note
    assert _note(actviz.compare("tanh", "sigmoid", dpi=40), "coincide-note") == ""


def test_terminal_compare_names_them_too():
    text = str(actviz.terminal_plot("relu", "elu", "gelu", width=80))
    assert "Drawn over each other (the last on top): ReLU = ELU: x > 0" in text
    assert "ReLU′ = ELU′: x > 0" in text


def test_curves_in_one_figure_have_distinct_colours_and_dashes():
    fig = actviz.compare("mish", "x*tanh(log(1+exp(x)))", "x*sigmoid(b*x):b=1.702", dpi=40)
    lines = [ln for ln in fig.axes[0].get_lines() if (ln.get_gid() or "").startswith("f:")]
    assert len({ln.get_color() for ln in lines}) == 3
    fig = actviz.compare("relu", "gelu", "silu", "mish", "elu", dpi=40)
    lines = [ln for ln in fig.axes[0].get_lines() if (ln.get_gid() or "").startswith("f:")]
    assert len({ln.get_color() for ln in lines}) == 5
    # grey print: every curve after the first is dashed (public API), each in the pattern its style gives,
    # and those five patterns differ
    from actviz.render.style import curve_styles

    assert [ln.get_linestyle() for ln in lines] == ["-", "--", "--", "--", "--"]
    styles = curve_styles(["relu", "gelu", "silu", "mish", "elu"])
    assert len({str(st["linestyle"]) for st in styles}) == 5


def test_more_functions_than_colours_says_so():
    specs = ["relu", "leaky_relu", "elu", "selu", "gelu", "silu", "mish", "softplus", "tanh"]
    fig = actviz.compare(*specs, dpi=40)
    note = "\n".join(t.get_text() for t in fig.texts if t.get_gid() == "figure-note")
    assert "9 functions, 8 colours" in note and "grid" in note
    fig = actviz.compare(*specs[:8], dpi=40)
    assert not [t for t in fig.texts if t.get_gid() == "figure-note"]


def test_notes_beside_the_panels_stay_clear_of_a_tall_legend():
    """Twenty functions: the legend beside the plot reaches down past the f′ panel's top, and the notes on
    curves drawn over each other (one per panel) go under it and under each other, not across it."""
    specs = ["relu", "leaky_relu", "elu", "selu", "celu", "gelu", "silu", "mish", "softplus", "sigmoid", "tanh",
             "hardtanh", "hardswish", "hardsigmoid", "softsign", "relu6", "quick_gelu", "squareplus", "logsigmoid",
             "tanhshrink"]
    fig = actviz.compare(*specs, dpi=60)
    renderer = fig.canvas.get_renderer()
    legend = fig.axes[0].get_legend().get_window_extent(renderer)
    notes = [t.get_window_extent(renderer) for a in fig.axes for t in a.texts if t.get_gid() == "coincide-note"]
    assert len(notes) == 2 and legend.y0 < fig.axes[1].get_window_extent(renderer).y1  # it does reach down
    for i, note in enumerate(notes):
        assert not note.overlaps(legend), (note, legend)
        assert all(not note.overlaps(other) for other in notes[i + 1:])
        assert note.y0 >= 0  # still on the figure


def test_grid_draws_small_multiples_on_one_range():
    specs = ["relu", "elu", "tanh", "sigmoid", "gelu"]
    fig = actviz.compare(*specs, grid=True, dpi=40)
    assert len(fig.axes) == 5
    assert len({ax.get_ylim() for ax in fig.axes}) == 1 and len({ax.get_xlim() for ax in fig.axes}) == 1
    assert [ax.get_title() for ax in fig.axes][:3] == ["ReLU", "ELU (α = 1)", "Tanh"]
    # every panel shows f, the whole panel inside the canvas
    for ax in fig.axes:
        box = ax.get_position()
        assert 0 <= box.x0 < box.x1 <= 1 and 0 <= box.y0 < box.y1 <= 1
    # a function that would swamp the others is clipped and says so
    fig = actviz.compare("relu", "tanh", "exp", grid=True, dpi=40, xmin=-5, xmax=12)
    assert fig.axes[2].get_title().endswith("(clipped)")


def test_grid_refuses_an_axes_and_the_terminal(tmp_path):
    import matplotlib.pyplot as plt
    from typer.testing import CliRunner

    from actviz.cli import app

    def run(*args):
        return CliRunner().invoke(app, list(args))

    fig, ax = plt.subplots()
    with pytest.raises(actviz.ParameterError, match="grid=True makes a figure of its own"):
        actviz.compare("relu", "elu", ax=ax, grid=True)
    plt.close(fig)
    out = tmp_path / "g.png"
    result = run("compare", "relu", "elu", "--grid", "--terminal")
    assert result.exit_code == 2 and "--grid" in result.output and "Traceback" not in result.output
    result = run("compare", "relu", "elu", "gelu", "--grid", "-o", str(out))
    assert result.exit_code == 0 and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_on_your_axes_the_legend_names_what_is_covered():
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2)
    actviz.compare("relu", "leaky_relu:alpha=0.1", "elu", "gelu", ax=(a, b))
    labels = [ln.get_label() for ln in a.get_lines() if (ln.get_gid() or "").startswith("f:")]
    assert labels == ["ReLU (under ELU: x > 0)", "Leaky ReLU (α = 0.1) (under ELU: x > 0)", "ELU (α = 1)", "GELU"]
    dlabels = [ln.get_label() for ln in b.get_lines() if (ln.get_gid() or "").startswith("df:")]
    assert dlabels[0] == "ReLU (under ELU: x > 0)" and dlabels[3] == "GELU"
    plt.close(fig)
