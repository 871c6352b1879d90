"""CLI: actviz plot and actviz compare (CliRunner, files in tmp_path)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli import app

runner = CliRunner()
FAST = ["--points", "40", "--dpi", "30"]


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".png", lambda b: b[:8] == b"\x89PNG\r\n\x1a\n"),
        (".svg", lambda b: ET.fromstring(b).tag.endswith("svg")),
        (".pdf", lambda b: b[:5] == b"%PDF-"),
    ],
)
def test_plot_writes_each_format_and_prints_the_path(tmp_path, suffix, check):
    out = tmp_path / f"fig{suffix}"
    result = _run("plot", "leaky_relu", "--alpha", "0.1", *FAST, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert check(out.read_bytes())


def test_plot_same_bytes_twice(tmp_path):
    for suffix in (".png", ".svg"):
        a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        assert _run("plot", "gelu", *FAST, "-o", a).exit_code == 0
        assert _run("plot", "gelu", *FAST, "-o", b).exit_code == 0
        assert a.read_bytes() == b.read_bytes()


def test_plot_svg_has_title_legend_and_formula(tmp_path):
    out = tmp_path / "p.svg"
    assert _run("plot", "relu", "-p", "alpha=0.05", *FAST, "-o", out).exit_code == 0
    text = out.read_text()
    assert "ReLU (" in text and "= 0.05)" in text
    assert "f(x)" in text and "f′(x)" in text
    assert "max" in text  # from f(x) = max(0,x) + α min(0,x), kept as text


def test_plot_default_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("plot", "leaky_relu", "--alpha", "0.1", *FAST)
    assert result.exit_code == 0, result.output
    expected = Path("outputs") / "leaky_relu_alpha_0.1.png"
    assert result.stdout.strip() == str(expected)
    assert (tmp_path / expected).is_file()
    result = _run("plot", "tanh", *FAST)
    assert (tmp_path / "outputs" / "tanh.png").is_file()


def test_compare_default_path_and_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("compare", "relu", "elu:alpha=0.5", "elu:alpha=2", *FAST)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "outputs" / "compare_relu_elu_alpha_0.5_elu_alpha_2.png").is_file()


def test_compare_svg_has_legend_with_parameters(tmp_path):
    out = tmp_path / "c.svg"
    result = _run("compare", "relu", "leaky_relu:alpha=0.1", "softmax", *FAST, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Leaky ReLU (" in text and "= 0.1)" in text and "Softmax [component 1]" in text


def test_no_derivative_flag(tmp_path):
    with_d, without = tmp_path / "a.svg", tmp_path / "b.svg"
    assert _run("plot", "tanh", *FAST, "-o", with_d).exit_code == 0
    assert _run("plot", "tanh", "--no-derivative", *FAST, "-o", without).exit_code == 0
    assert "f′(x)" in with_d.read_text() and "f′(x)" not in without.read_text()


BAD_PLOT = [
    (["plot", "rellu"], "did you mean 'relu'"),
    (["plot", "relu", "--beta", "2"], "no parameter 'beta'"),
    (["plot", "tanh", "--alpha", "0.1"], "takes no parameters"),
    (["plot", "relu", "-p", "alhpa=0.1"], "valid parameters: alpha"),
    (["plot", "relu", "-p", "alpha"], "KEY=VALUE"),
    (["plot", "relu", "-p", "alpha=abc"], "not a number"),
    (["plot", "elu", "--alpha", "-1"], "alpha > 0"),
    (["plot", "relu", "--alpha", "0.1", "-p", "alpha=0.2"], "given twice"),
    (["plot", "relu", "--alpha", "nan"], "alpha"),
    (["plot", "relu", "--xmin", "2", "--xmax", "1"], "--xmin 2 must be smaller than --xmax 1"),
    (["plot", "relu", "--xmin", "inf"], "--xmin"),
    (["plot", "relu", "--xmax", "1e300"], "--xmax"),
    (["plot", "relu", "--points", "1"], "--points 1 is out of range"),
    (["plot", "relu", "--points", "99999999"], "--points"),
    (["plot", "relu", "--points", "many"], "--points"),
    (["plot", "relu", "--dpi", "1"], "--dpi 1 is out of range"),
    (["plot", "relu", "--dpi", "100000"], "--dpi"),
    (["plot", "relu", "--theme", "neon"], "light, dark"),
    (["compare", "relu", "elu:alhpa=1"], "no parameter 'alhpa'"),
    (["compare", "relu", "nosuch"], "unknown activation 'nosuch'"),
    (["compare", "relu", "elu:"], "malformed"),
    (["compare", "relu", "--xmin", "3", "--xmax", "3"], "smaller than"),
    (["compare", "relu", "--theme", "x"], "light, dark"),
    (["compare"], "Missing argument"),
]


@pytest.mark.parametrize(("args", "message"), BAD_PLOT)
def test_bad_input_exit_2_message_no_file(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = _run(*args, "-o", tmp_path / "out.png") if args != ["compare"] else _run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["out.jpg", "out", "out.png.bak"])
def test_bad_suffix(tmp_path, name):
    result = _run("plot", "relu", *FAST, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert ".png, .svg, .pdf" in result.output
    assert list(tmp_path.iterdir()) == []


def test_path_through_a_file_exit_2(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    result = _run("plot", "relu", *FAST, "-o", tmp_path / "file" / "x.png")
    assert result.exit_code == 2
    assert "not a folder" in result.output


def test_show_without_display_still_saves(tmp_path):
    out = tmp_path / "s.png"
    result = _run("plot", "relu", *FAST, "-o", out, "--show")
    assert result.exit_code == 0, result.output
    assert out.is_file()
    assert "no interactive display" in result.output


# -- cheatsheet ----------------------------------------------------------------------------------


def test_cheatsheet_default_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("cheatsheet", "--family", "shrink", "--dpi", "30")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "outputs" / "cheatsheet_shrink.png").is_file()
    result = _run("cheatsheet", "relu", "gelu", "--dpi", "30")
    assert (tmp_path / "outputs" / "cheatsheet_relu_gelu.png").is_file()


def test_cheatsheet_svg_counts_axes(tmp_path):
    out = tmp_path / "cs.svg"
    result = _run("cheatsheet", "relu", "elu:alpha=2", "softmax", "--cols", "2", "-o", out)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_bytes())
    groups = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id", "").startswith("panel:")]
    assert len(groups) == 3
    text = out.read_text()
    assert "ELU (α = 2)" in text and "Softmax" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cheatsheet", "nosuch"], "unknown activation 'nosuch'"),
        (["cheatsheet", "--family", "nope"], "unknown family 'nope'"),
        (["cheatsheet", "--cols", "0"], "--cols 0 is out of range"),
        (["cheatsheet", "--cols", "99"], "--cols 99"),
        (["cheatsheet", "--dpi", "2"], "--dpi 2"),
        (["cheatsheet", "--dpi", "600"], "megapixels"),
        (["cheatsheet", "--theme", "neon"], "light, dark"),
        (["cheatsheet", "relu", "--family", "sigmoid"], "not in family"),
        (["cheatsheet", "elu:beta=1"], "no parameter 'beta'"),
    ],
)
def test_cheatsheet_bad_input(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = _run(*args, "-o", tmp_path / "cs.png")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_cheatsheet_bad_suffix(tmp_path):
    result = _run("cheatsheet", "-o", tmp_path / "cs.gif")
    assert result.exit_code == 2 and ".png, .svg, .pdf" in result.output
    assert list(tmp_path.iterdir()) == []


def test_cheatsheet_balances_columns_unless_told(tmp_path):
    from actviz.render.cheatsheet import cheatsheet_figure  # noqa: F401  (the command's renderer)

    eight = actviz.names("relu")[:8]
    out = tmp_path / "relu.svg"
    result = runner.invoke(app, ["cheatsheet", *eight, "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text()
    assert svg.count('id="panel:') == 8
    narrow = runner.invoke(app, ["cheatsheet", *eight, "--cols", "3", "-o", str(tmp_path / "r3.svg")])
    assert narrow.exit_code == 0, narrow.output
    # balanced (4 + 4) is wider than 3 per row: the poster's aspect ratio tells them apart
    import re

    def aspect(path):
        w, h = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', path.read_text()).groups())
        return w / h

    assert aspect(out) > aspect(tmp_path / "r3.svg")
