"""The command line with expressions in x (issue 12): the issue's commands end to end, and every
refusal of the grammar as a bad input (exit 2, one line and at most a caret line, no traceback, no file)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_helpers import bad
from typer.testing import CliRunner

from actviz.cli import app

runner = CliRunner()
FAST = ["--points", "60", "--dpi", "30"]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_plot_expression_writes_its_figure(in_tmp):
    result = runner.invoke(app, ["plot", "x*tanh(softplus(x))", *FAST])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == os.path.join("outputs", "x_tanh_softplus_x.png")
    assert (in_tmp / "outputs" / "x_tanh_softplus_x.png").stat().st_size > 0


def test_plot_expression_with_parameters(in_tmp):
    result = runner.invoke(app, ["plot", "x*sigmoid(b*x)", "-p", "b=2", *FAST])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("x_sigmoid_b_x_b_2.png")
    result = runner.invoke(app, ["plot", "x*sigmoid(beta*x)", "--beta", "2", *FAST, "-o", "s.svg"])
    assert result.exit_code == 0, result.output


def test_compare_catalogue_and_expressions(in_tmp):
    result = runner.invoke(app, ["compare", "mish", "x*tanh(log(1+exp(x)))", "x*sigmoid(b*x):b=1.702", *FAST])
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()).is_file()


def test_table_with_p(in_tmp):
    result = runner.invoke(app, ["table", "x*sigmoid(b*x)", "-p", "b=1.5", "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["family"] == "expression" and row["params"] == {"b": 1.5}
    result = runner.invoke(app, ["table", "x*sigmoid(b*x)", "-p", "b=1.5", "--format", "markdown"])
    assert result.exit_code == 0 and "x\\,\\sigma(bx)" in result.stdout


def test_info_expression():
    result = runner.invoke(app, ["info", "max(0, x)**2"])
    assert result.exit_code == 0, result.output
    for words in ("f(x) = max(0, x)²", "f′(x) = 0 if x ≤ 0, else 2 max(0, x)", "[0, ∞)", "C¹"):
        assert words in result.stdout, result.stdout


def test_cheatsheet_and_gradient(in_tmp):
    result = runner.invoke(app, ["cheatsheet", "silu", "x*erf(x)", "x/(1+abs(x))", "--dpi", "30"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["gradient", "x*sigmoid(x)", "tanh", "--layers", "30", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["name"] for r in json.loads(result.stdout)] == ["x_sigmoid_x", "tanh"]


def test_loss_with_an_expression(in_tmp):
    result = runner.invoke(app, ["loss", "--activation", "1/(1+exp(-x))", "--dpi", "30"])
    assert result.exit_code == 0, result.output


# (args, words the message names)
BAD = [
    (["plot", "x.real"], ["attribute access"]),
    (["plot", "x*foo(x)"], ["unknown function 'foo'", "exp"]),
    (["plot", "(lambda: x)()"], ["lambdas"]),
    (["plot", "[x for x in b]"], ["comprehensions"]),
    (["plot", "'x' + x"], ["strings"]),
    (["plot", "x[0]"], ["subscripts"]),
    (["plot", "x*tanh(x"], ["not a valid expression"]),
    (["plot", "x^2"], ["x**2"]),
    (["plot", "9**9**9*x"], ["exponent is too large"]),
    (["plot", "x" + "+x" * 200], ["too long"]),
    (["plot", "exp(" * 35 + "x" + ")" * 35], ["nested too deeply"]),
    (["plot", "x*width"], ["'width' cannot name a parameter"]),
    (["plot", "x*sigmoid(b*x)"], ["parameter b has no value", "-p b=1"]),
    (["plot", "x*sigmoid(b*x)", "-p", "c=1"], ["no parameter 'c'"]),
    (["plot", "x*sigmoid(b*x)", "-p", "b=abc"], ["b='abc'", "not a number"]),
    (["plot", "x*sigmoid(b*x):b=1", "-p", "b=2"], ["given twice"]),
    (["plot", "log(x)"], ["not a real number"]),
    (["compare", "relu", "x*__import__('os')"], ["unknown function '__import__'"]),
    (["compare", "relu", "x*__import__"], ["not allowed"]),
    (["compare", "relu", "x*sigmoid(b*x):b=1,b=2"], ["given twice"]),
    (["table", "x if x > 0 else 0"], ["where(c, a, b)"]),
    (["table", "x > 0"], ["comparisons"]),
    (["info", "sqrt(x)"], ["not a real number"]),
    (["cheatsheet", "x*1j"], ["complex"]),
    (["gradient", "x**1000"], ["exponent is too large"]),
    (["loss", "--activation", "x*eval(x)"], ["unknown function 'eval'"]),
]


@pytest.mark.parametrize(("args", "words"), BAD)
def test_bad_expressions(in_tmp, args, words):
    result = runner.invoke(app, [*args, *(FAST if args[0] in ("plot", "compare") else [])])
    bad(result, *words)
    lines = result.stderr.rstrip("\n").split("\n")
    assert len(lines) <= 2 and (len(lines) == 1 or set(lines[1]) <= {" ", "^"}), result.stderr
    assert not (in_tmp / "outputs").exists()


def test_caret_lines_up_under_the_column():
    result = runner.invoke(app, ["plot", "x*tanh(foo(x))"])
    first, caret = result.stderr.rstrip("\n").split("\n")
    assert first[caret.index("^"):].startswith("foo(x)")
