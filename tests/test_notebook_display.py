"""Issue 24, Jupyter: what the API returns shows itself in a notebook (HTML or markdown), has a short
repr, gives the terminal's text as str(), keeps its numbers as attributes and in pandas, and prints nothing."""

from __future__ import annotations

import json
import math
import sys

import numpy as np
import pytest

import actviz


def _results():
    return {
        "loss": lambda: actviz.loss("sigmoid"),
        "gradient": lambda: actviz.gradient("sigmoid", "relu", layers=6, width=16),
        "softmax": lambda: actviz.softmax([1.0, 2.0, 3.0]),
        "train": lambda: actviz.train("relu", steps=20, samples=40),
        "zigzag": lambda: actviz.zigzag("tanh", steps=50, samples=20),
        "frameworks": lambda: actviz.compare_frameworks("gelu"),
        "gain": lambda: actviz.gain("relu", "tanh"),
        "phase": lambda: actviz.phase("tanh", sigma_b2=0.05),
        "propagate": lambda: actviz.propagate("tanh", depth=5, width=20),
        "precision": lambda: actviz.precision("gelu", dtype="float16"),
        "properties": lambda: actviz.properties("elu", alpha=2),
        "table": lambda: actviz.table("relu", "elu"),
    }


RESULTS = _results()


@pytest.mark.parametrize("kind", sorted(RESULTS))
def test_every_result_is_short_in_repr_rich_in_a_notebook_and_silent(kind, capsys):
    result = RESULTS[kind]()
    assert capsys.readouterr() == ("", ""), "nothing is printed as a side effect"
    r = repr(result)
    assert "\n" not in r and len(r) < 200, r
    text = str(result)
    assert len(text.splitlines()) >= 3  # the terminal's table
    html = getattr(result, "_repr_html_", lambda: None)()
    markdown = getattr(result, "_repr_markdown_", lambda: None)()
    assert html or markdown
    if html:
        assert html.lstrip().startswith(("<table", "<pre"))
    assert capsys.readouterr() == ("", "")


def test_loss_repr_was_50_kb_and_its_arrays_stay_attributes():
    lg = actviz.loss("sigmoid")
    assert len(repr(lg)) < 200
    assert isinstance(lg.z, np.ndarray) and lg.z.shape == lg.mse.shape == lg.cross_entropy.shape
    a = 1 / (1 + np.exp(-lg.z))
    assert np.allclose(lg.mse, (a - 1) * a * (1 - a), rtol=1e-9, atol=0)  # ∂/∂z ½(a − y)², y = 1


def test_softmax_numbers_in_its_text_and_html():
    s = actviz.softmax([1.0, 2.0, 3.0])
    p = np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum()
    assert np.allclose(s.probabilities, p)
    for shown in (str(s), s._repr_html_()):
        for v in p:
            assert f"{v:.3f}" in shown


def test_a_rich_table_is_an_html_table_of_its_cells_and_still_the_text():
    t = actviz.table("relu", "elu:alpha=2", columns="name,range", width=60)
    assert isinstance(t, str) and "relu" in t and "(−2, ∞)" in t  # the terminal text, as before
    html = t._repr_html_()
    assert html.startswith("<table") and html.count("<tr>") == 2 and "<th>Range</th>" in html
    assert "<td>relu</td>" in html and "<td>[0, ∞)</td>" in html and "<td>(−2, ∞)</td>" in html
    assert [p.name for p in t.rows] == ["relu", "elu"]


def test_markdown_shows_as_markdown_and_csv_as_its_lines():
    md = actviz.table("relu", "gelu", format="markdown")
    assert md._repr_markdown_() == md and md._repr_html_() is None
    assert md.splitlines()[0].startswith("| ")
    csv = actviz.table("relu", format="csv", columns="name,range")
    assert csv == 'name,range\nrelu,"[0, ∞)"\n'
    assert csv._repr_html_().startswith("<pre") and "relu,&quot;[0, ∞)&quot;\n" in csv._repr_html_()
    assert json.loads(actviz.table("relu", format="json"))[0]["name"] == "relu"


def test_no_side_effect_where_rich_thinks_it_is_in_jupyter(monkeypatch, capsys):
    import rich.console

    monkeypatch.setattr(rich.console, "_is_jupyter", lambda: True)
    t = actviz.table("relu", width=60, columns="name,range")
    assert "[0, ∞)" in t  # was '' (rich displayed it itself)
    assert "gelu" in actviz.frameworks_table("gelu", width=100)
    plot = actviz.terminal_plot("gelu", width=60)
    assert "GELU" in str(plot) and "GELU" in plot._repr_html_()  # str() was '' in a notebook
    assert "softmax" in str(actviz.softmax([1.0, 2.0]))
    assert capsys.readouterr() == ("", "")


def test_properties_show_their_facts_and_equal_the_core_record():
    p = actviz.properties("elu", alpha=2)
    assert p == actviz.get("elu").bind(alpha=2).properties()
    html = p._repr_html_()
    assert "(−2, ∞)" in html and "elu (alpha=2)" in html
    assert "ELU" in str(p)  # the info card


def test_to_frame_holds_the_numbers():
    pytest.importorskip("pandas")
    lg = actviz.loss("sigmoid", z=[-5.0, 0.0, 5.0])
    frame = lg.to_frame()
    assert list(frame.columns) == ["name", "z", "a", "mse", "cross_entropy"]
    assert np.array_equal(frame["mse"].to_numpy(), lg.mse)
    table = actviz.table("relu", "elu", format="markdown", columns="name,range_min")
    tf = table.to_frame()
    assert tf["name"].tolist() == ["relu", "elu"] and tf["range_min"].tolist() == [0.0, -1.0]
    grad = actviz.gradient("sigmoid", "relu", layers=6, width=16)
    gf = grad.to_frame()
    assert len(gf) == 12 and set(gf["name"]) == {"sigmoid", "relu"}
    gains = actviz.gain("relu").to_frame()
    assert math.isclose(gains["gain_forward"][0], math.sqrt(2))
    assert actviz.properties("relu").to_frame()["name"][0] == "relu"


def test_to_frame_without_pandas_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    for result in (actviz.loss("sigmoid"), actviz.table("relu"), actviz.properties("relu")):
        with pytest.raises(ImportError, match=r"pip install pandas"):
            result.to_frame()


def test_no_annotations_name_leaks_from_the_package():
    assert not hasattr(actviz, "annotations")
    assert all(hasattr(actviz, n) for n in actviz.__all__)


@pytest.mark.parametrize(("size", "expected"), [("16:9", (7.2, 4.05)), ("4x3", (4.0, 3.0)), ((5.0, 4.0), (5.0, 4.0))])
def test_size_takes_the_command_lines_texts(size, expected):
    import matplotlib

    before = dict(matplotlib.rcParams)
    fig = actviz.plot("relu", size=size)
    assert tuple(fig.get_size_inches()) == pytest.approx(expected)
    assert dict(matplotlib.rcParams) == before


def test_compare_16_9_is_that_shape_at_its_house_width():
    w, h = actviz.compare("relu", "elu", size="16:9").get_size_inches()
    assert w == pytest.approx(actviz.house_size("compare")[0]) and w / h == pytest.approx(16 / 9)
    with pytest.raises(actviz.ParameterError, match="16:9"):
        actviz.plot("relu", size="wide")


def test_terminal_plot_html_boxes_every_braille_cell_one_digit_wide():
    import html as html_module
    import re

    p = actviz.terminal_plot("gelu", width=70)
    shown = p._repr_html_()
    from html.parser import HTMLParser

    class Styles(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            if tag == "pre":
                self.found.append(dict(attrs).get("style", ""))

    parser = Styles()
    parser.feed(shown)
    assert len(parser.found) == 1  # the font stack is inside the style attribute, not cutting it short
    fonts = re.search(r"font-family:([^;]*)", parser.found[0]).group(1)
    assert "'DejaVu Sans Mono'" in fonts and fonts.strip().endswith("monospace")
    cells = re.findall(r'<span style="display:inline-flex;justify-content:center;width:1ch">([^<]*)</span>', shown)
    assert len(cells) > 50 and all(len(c) == 1 and "\u2801" <= c <= "\u28ff" for c in cells)
    outside = re.sub(r'<span style="display:inline-flex[^>]*>[^<]*</span>', "", shown)
    assert not re.search("[\u2800-\u28ff]", outside)  # every other braille cell boxed; the blank one a space
    lines = html_module.unescape(re.sub(r"<[^>]+>", "", shown)).splitlines()
    assert len(lines) == len(str(p).splitlines()) and max(map(len, lines)) <= 70


class _Shell:
    """What the figures read of a running IPython: its configuration."""

    def __init__(self, **inline):
        self.config = {"InlineBackend": inline} if inline else {}


def _ipython(monkeypatch, shell):
    import types

    module = types.ModuleType("IPython")
    module.get_ipython = lambda: shell
    module.version_info = (9, 0)  # matplotlib reads it when IPython is loaded
    monkeypatch.setitem(sys.modules, "IPython", module)
    monkeypatch.delitem(sys.modules, "matplotlib_inline.config", raising=False)


def test_inline_figures_follow_the_notebooks_formats(monkeypatch):
    fig = actviz.plot("relu", points=50, dpi=50)
    w, h = (fig.get_size_inches() * 50).round()
    png = fig._repr_png_()  # no IPython running: PNG at the figure's dpi, no SVG
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and fig._repr_svg_() is None
    assert int.from_bytes(png[16:20], "big") == w

    _ipython(monkeypatch, _Shell(figure_formats=["svg"]))
    svg = fig._repr_svg_()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and fig._repr_png_() is None

    _ipython(monkeypatch, _Shell(figure_formats=["retina"]))
    data, meta = fig._repr_png_()
    assert int.from_bytes(data[16:20], "big") == 2 * w and meta == {"width": w, "height": h}
    assert fig._repr_svg_() is None

    _ipython(monkeypatch, _Shell(figure_format="svg"))  # the old singular setting
    assert fig._repr_svg_() is not None

    _ipython(monkeypatch, _Shell())  # IPython's default
    assert fig._repr_png_()[:4] == b"\x89PNG" and fig._repr_svg_() is None


def test_figures_do_not_import_ipython():
    import subprocess

    code = ("import sys, actviz; f = actviz.plot('relu', points=20, dpi=30); f._repr_png_(); f._repr_svg_(); "
            "print('IPython' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_curves_are_arrays_and_keep_their_csv():
    import csv
    import io

    c = actviz.curves("elu:alpha=2", "binary_step", points=101)
    assert c.names == ("elu:alpha=2", "binary_step") and len(repr(c)) < 200
    elu = c["elu:alpha=2"]
    assert isinstance(elu.x, np.ndarray) and elu.x.shape == elu.f.shape == elu.df.shape
    np.testing.assert_array_equal(elu.f, actviz.get("elu")(elu.x, alpha=2.0))
    np.testing.assert_array_equal(elu.df, actviz.get("elu").derivative(elu.x, alpha=2.0))
    step = c[1]
    gap = np.flatnonzero(np.isnan(step.x))
    assert len(gap) == 1 and step.f[gap[0] - 1] == 0 and step.f[gap[0] + 1] == 1  # the line breaks at the jump
    rows = list(csv.DictReader(io.StringIO(c.to_csv())))
    assert len(rows) == len(c.x) == len(elu.x) + len(step.x)
    assert [r["curve"] for r in rows] == list(c.curve)
    np.testing.assert_array_equal([float(r["f"]) for r in rows], c.f)


def test_curves_to_frame():
    pytest.importorskip("pandas")
    frame = actviz.curves("relu", "tanh", points=20).to_frame()
    assert list(frame.columns) == ["curve", "x", "f", "df"] and set(frame["curve"]) == {"relu", "tanh"}
