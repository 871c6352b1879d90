"""The Python API (actviz.api): what a notebook user calls, and what it must leave alone."""

from __future__ import annotations

import json
import pydoc
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError, ParameterError
from actviz.render.style import new_figure

NOTEBOOK = textwrap.dedent(
    """
    import sys, matplotlib
    import matplotlib.artist, matplotlib.mathtext
    before_rc = dict(matplotlib.rcParams)
    before_fns = (matplotlib.artist.kwdoc, matplotlib.artist.Artist.__dict__["_update_set_signature_and_docstring"],
                  matplotlib.mathtext.MathTextParser.__dict__["_parse_cached"])
    from matplotlib.figure import Figure
    import actviz

    fig = actviz.plot("elu", alpha=2.0)
    mine = Figure().add_subplot()
    ax = actviz.plot("gelu", ax=mine)
    assert ax is mine
    fig2 = actviz.compare("relu", "elu:alpha=2", actviz.get("gelu"), derivative=False)
    fig3 = actviz.cheatsheet(family="relu")
    fig4 = actviz.cheatsheet("sigmoid", "tanh", cols=2)
    path = actviz.save(fig, sys.argv[1])
    text = actviz.table("relu", "gelu", format="markdown")
    props = actviz.get("elu").properties(alpha=2.0)
    assert props.to_dict()["range"] == "(−2, ∞)"
    my = actviz.Activation(name="xsq", label="x²", family="mine", summary="x squared", formula="f(x) = x^2",
                           derivative_formula="f'(x) = 2x", fn=lambda x: x * x, derivative_fn=lambda x: 2 * x)
    actviz.register(my)
    assert actviz.table("xsq", format="csv", columns="name,range").splitlines()[1] == 'xsq,"[0, ∞)"'

    assert dict(matplotlib.rcParams) == before_rc, "rcParams changed"
    after_fns = (matplotlib.artist.kwdoc, matplotlib.artist.Artist.__dict__["_update_set_signature_and_docstring"],
                 matplotlib.mathtext.MathTextParser.__dict__["_parse_cached"])
    assert after_fns == before_fns, "a matplotlib function was replaced"
    assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
    print("ok")
    """
)


def test_the_issue_block_runs_in_a_fresh_process_and_leaves_matplotlib_as_shipped(tmp_path):
    out = subprocess.run([sys.executable, "-c", NOTEBOOK, str(tmp_path / "figure.svg")], capture_output=True,
                         text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
    assert (tmp_path / "figure.svg").read_text().startswith("<?xml")


def test_import_actviz_loads_numpy_only():
    code = "import sys, actviz; print(sorted(m for m in ('matplotlib', 'rich', 'typer', 'sympy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_lessons_load_only_when_a_lesson_runs():
    """A table or a plot does not import the lessons and the training code (~4 ms of every start)."""
    code = ("import sys, actviz, actviz.cli, actviz.terminal; "
            "print(sorted(m for m in ('actviz.lessons', 'actviz.training') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_zigzag_default_rate_is_the_lessons_own():
    import inspect

    from actviz.training import ZIGZAG_LR

    assert inspect.signature(actviz.zigzag).parameters["lr"].default == ZIGZAG_LR


# -- figures ---------------------------------------------------------------------------------------------


def _line(ax, gid):
    (line,) = [ln for ln in ax.get_lines() if ln.get_gid() == gid]
    return (np.asarray(a, dtype=float) for a in line.get_data())


def test_plot_returns_a_figure_whose_curve_is_the_function():
    from matplotlib.figure import Figure

    fig = actviz.plot("elu", alpha=2.0, points=50, dpi=40)
    assert isinstance(fig, Figure)
    ax = next(a for a in fig.axes if any(ln.get_gid() == "f" for ln in a.get_lines()))
    x, y = _line(ax, "f")
    np.testing.assert_array_equal(y, np.where(x > 0, x, 2.0 * np.expm1(np.minimum(x, 0.0))) + 0.0)
    dx, dy = _line(ax, "df")
    keep = np.isfinite(dx)
    np.testing.assert_allclose(dy[keep], np.where(dx[keep] > 0, 1.0, 2.0 * np.exp(dx[keep])), rtol=1e-15)


def test_plot_on_your_axes_draws_there_and_returns_it():
    fig = new_figure((4, 3), dpi=40)
    mine = fig.add_subplot()
    spines = [s.get_visible() for s in mine.spines.values()]
    assert actviz.plot("tanh", ax=mine, points=40) is mine
    assert mine.get_title() == "Tanh"
    x, y = _line(mine, "f")
    np.testing.assert_array_equal(y, np.tanh(x))
    assert mine.get_xlim() == (-5.0, 5.0) and mine.get_legend() is not None
    assert [s.get_visible() for s in mine.spines.values()] == spines  # the caller's style is kept
    assert len(fig.axes) == 1


def test_compare_takes_names_specs_activations_and_bound_activations():
    elu2 = actviz.get("elu").bind(alpha=2.0)
    fig = actviz.compare("relu", "leaky_relu:alpha=0.1", actviz.get("gelu"), elu2, points=30, dpi=40)
    labels = [ln.get_label() for ln in fig.axes[0].get_lines() if (ln.get_gid() or "").startswith("f:")]
    assert labels == ["ReLU", "Leaky ReLU (α = 0.1)", "GELU", "ELU (α = 2)"]


def test_compare_on_one_or_two_axes():
    fig = new_figure((4, 3), dpi=40)
    ax, dax = fig.add_subplot(211), fig.add_subplot(212)
    assert actviz.compare("relu", "tanh", ax=ax, points=30) is ax
    assert len([ln for ln in ax.get_lines() if (ln.get_gid() or "").startswith("f:")]) == 2
    assert actviz.compare("relu", "tanh", ax=(ax, dax), points=30) is ax
    assert len([ln for ln in dax.get_lines() if (ln.get_gid() or "").startswith("df:")]) == 2
    with pytest.raises(ParameterError, match="derivative=True with one Axes"):
        actviz.compare("relu", ax=ax, derivative=True)


def test_save_is_deterministic_and_takes_the_format_from_the_suffix(tmp_path):
    fig = actviz.plot("sigmoid", points=30, dpi=40)
    a = actviz.save(fig, tmp_path / "a.png")
    b = actviz.save(fig, tmp_path / "b.png")
    assert a.read_bytes() == b.read_bytes() and a.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert actviz.save(fig, tmp_path / "c.pdf").read_bytes()[:5] == b"%PDF-"
    with pytest.raises(ActvizError, match="use one of .png, .svg, .pdf"):
        actviz.save(fig, tmp_path / "d.jpg")


@pytest.mark.parametrize("make", [
    lambda: actviz.plot("elu", theme="dark", points=40, dpi=40),
    lambda: actviz.compare("relu", "gelu", theme="dark", points=40, dpi=40),
    lambda: actviz.cheatsheet(family="shrink", theme="dark", dpi=30),
    lambda: actviz.lesson_figure(actviz.softmax([3, 1, -3]), theme="dark", dpi=40),
])
def test_a_figure_keeps_its_theme_wherever_it_is_saved(tmp_path, make):
    """A dark figure saved under the caller's (default) rcParams has the pixels it has inside its theme."""
    from matplotlib.image import imread

    from actviz.render.style import themed

    fig = make()
    outside = imread(actviz.save(fig, tmp_path / "out.png"))
    with themed("dark"):
        inside = imread(actviz.save(fig, tmp_path / "in.png"))
    np.testing.assert_array_equal(outside, inside)


def test_figures_show_themselves_in_jupyter():
    png = actviz.plot("relu", points=20, dpi=30)._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


# -- tables, properties, registry ---------------------------------------------------------------------------


def test_table_in_every_format():
    data = json.loads(actviz.table("relu", "gelu", format="json"))
    assert [d["name"] for d in data] == ["relu", "gelu"] and data[0]["range"] == "[0, ∞)"
    md = actviz.table("relu", "gelu", format="markdown")
    assert md.startswith("| Name |") and "**gelu**" in md
    assert actviz.table("elu", alpha=2, format="csv", columns="name,range") == 'name,range\nelu,"(−2, ∞)"\n'
    rich = actviz.table("relu", format="rich", width=60, columns="name,range")
    assert "relu" in rich and "[0, ∞)" in rich and max(map(len, rich.splitlines())) <= 60
    assert r"\begin{tabularx}{\textwidth}" in actviz.table("relu", format="latex")
    assert len(json.loads(actviz.table(family="shrink", format="json"))) == 3


def test_keyword_parameters_apply_to_one_activation_only():
    with pytest.raises(ParameterError, match="apply to exactly one activation, but 2 were named"):
        actviz.table("elu", "selu", alpha=2)
    with pytest.raises(ParameterError, match="alpha is given twice"):
        actviz.plot("elu:alpha=2", alpha=3)


def test_properties_for_a_spec():
    assert actviz.properties("elu", alpha=2).range_text == "(−2, ∞)"
    assert actviz.properties("elu:alpha=2") == actviz.get("elu").bind(alpha=2.0).properties()


def test_bound_activation():
    b = actviz.get("elu").bind(alpha=2)
    assert b.params == {"alpha": 2.0} and b.non_defaults == {"alpha": 2.0}
    with pytest.raises(TypeError):
        b.params["alpha"] = 3  # type: ignore[index]
    assert float(b(-50.0)) == -2.0 and float(b.derivative(1.0)) == 1.0
    assert b == actviz.get("elu").bind({"alpha": 2.0}) and hash(b) == hash(actviz.get("elu").bind(alpha=2.0))
    assert b.bind(alpha=3).params["alpha"] == 3.0 and b.params["alpha"] == 2.0
    with pytest.raises(ParameterError, match="alpha > 0"):
        actviz.get("elu").bind(alpha=-1)


def test_register_and_unregister(tmp_path):
    act = actviz.Activation(name="cube", label="Cube", family="mine", summary="x³", formula="f(x) = x^3",
                            derivative_formula="f'(x) = 3x^2", fn=lambda x: x**3, derivative_fn=lambda x: 3 * x * x)
    try:
        assert actviz.register(act) is act
        assert actviz.get("cube") is act and "cube" in actviz.names()
        with pytest.raises(ActvizError, match="already taken.*replace=True"):
            actviz.register(act)
        actviz.register(act, replace=True)
        assert actviz.properties("cube").range_text == "(−∞, ∞)"
        assert isinstance(actviz.plot("cube", points=20, dpi=30), object)
    finally:
        actviz.unregister("cube")
    assert "cube" not in actviz.names()
    with pytest.raises(ActvizError, match="built into actviz"):
        actviz.unregister("relu")
    with pytest.raises(ActvizError, match="built into actviz and cannot be replaced"):
        actviz.register(actviz.get("relu"), replace=True)
    with pytest.raises(ActvizError, match="'relu' is already taken"):
        actviz.register(actviz.get("relu"))


def test_library_errors_are_actviz_errors_with_neutral_wording():
    cases = [
        lambda: actviz.plot("relu", xmin=5, xmax=3),
        lambda: actviz.plot("relu", points=3),
        lambda: actviz.plot("relu", dpi=5),
        lambda: actviz.plot("relu", theme="neon"),
        lambda: actviz.cheatsheet(cols=0),
        lambda: actviz.table(format="xml"),
        lambda: actviz.table(columns="colour"),
        lambda: actviz.gradient("relu", layers=0),
        lambda: actviz.softmax([1, 2], temperature=0),
        lambda: actviz.loss("sigmoid", target=2),
        lambda: actviz.plot(3.0),
        lambda: actviz.get("rellu"),
    ]
    for case in cases:
        with pytest.raises(ActvizError) as info:
            case()
        assert "--" not in str(info.value), str(info.value)
    with pytest.raises(ParameterError, match="^xmin 5 must be smaller than xmax 3$"):
        actviz.plot("relu", xmin=5, xmax=3)


# -- lessons ----------------------------------------------------------------------------------------------


def test_lessons_from_python():
    sigmoid, relu = actviz.gradient("sigmoid", "relu", layers=20)
    assert sigmoid.verdict == "vanishes" and relu.verdict == "passed on"
    example = actviz.softmax([3, 1, -3])
    np.testing.assert_allclose(example.probabilities, [0.8789, 0.1189, 0.0022], atol=1e-4)
    lg = actviz.loss("sigmoid", z=[-5.0])
    assert lg.mse[0] == pytest.approx(-0.0066, abs=1e-4) and lg.cross_entropy[0] == pytest.approx(-0.9933, abs=1e-4)
    assert len(actviz.lesson_figure(actviz.gradient("tanh", layers=3, width=4), dpi=40).axes) == 1
    with pytest.raises(ParameterError, match="lesson_figure takes"):
        actviz.lesson_figure(42)


# -- what a notebook user reads -------------------------------------------------------------------------------


def test_repr_and_help_tell_what_the_activation_is():
    elu = actviz.get("elu")
    assert repr(elu) == "<Activation elu: ELU, f(x) = x if x>0, else α(eˣ−1); alpha=1>"
    doc = pydoc.render_doc(elu, renderer=pydoc.plaintext)
    assert "Exponential linear unit" in doc and "alpha = 1: " in doc and "alpha > 0" in doc
    assert "f′(x) = 1 if x>0, else α eˣ" in doc
    assert repr(elu.bind(alpha=2)) == "<Bound elu(alpha=2)>"
    assert actviz.Activation.__doc__.startswith("One activation function")


def test_options_of_a_new_figure_are_refused_with_your_axes():
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    with pytest.raises(actviz.ParameterError, match="size make a new figure"):
        actviz.plot("relu", ax=ax, size=(3, 2))
    with pytest.raises(actviz.ParameterError, match="pyplot make a new figure"):
        actviz.compare("relu", "elu", ax=ax, derivative=False, pyplot=True)


def test_save_names_what_it_takes(tmp_path):
    with pytest.raises(actviz.ParameterError, match="takes a matplotlib Figure.*not str"):
        actviz.save("fig", tmp_path / "x.png")
    assert not list(tmp_path.iterdir())
