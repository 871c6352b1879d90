"""The table, list and info commands (CliRunner; nothing is written to disk)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from cli_helpers import bad
from typer.testing import CliRunner

import actviz
from actviz.catalog import REGISTRY
from actviz.cli import app

runner = CliRunner()


def run(*args, width=None):
    env = {"COLUMNS": str(width)} if width else None
    return runner.invoke(app, [str(a) for a in args], env=env)


def ok(result):
    assert result.exit_code == 0, result.output
    return result.stdout


# -- table ----------------------------------------------------------------------------------------


def test_table_json_lists_every_activation_in_catalogue_order():
    data = json.loads(ok(run("table", "--format", "json")))
    assert [d["name"] for d in data] == REGISTRY.names()
    assert data[REGISTRY.names().index("sigmoid")]["range"] == "(0, 1)"


def test_table_with_a_spec_and_p_uses_those_parameters():
    (elu,) = json.loads(ok(run("table", "elu", "-p", "alpha=2", "--format", "json")))
    assert elu["params"] == {"alpha": 2.0} and elu["range"] == "(−2, ∞)" and elu["range_min"] == -2
    (same,) = json.loads(ok(run("table", "elu:alpha=2", "--format", "json")))
    assert same == elu
    rows = json.loads(ok(run("table", "relu", "leaky_relu:alpha=0.2", "ELU", "--format", "json")))
    assert [r["name"] for r in rows] == ["relu", "leaky_relu", "elu"]  # the order given; aliases resolve
    assert rows[1]["min_derivative"] == 0.2


def test_table_family_filter():
    rows = json.loads(ok(run("table", "--family", "relu", "--format", "json")))
    assert [r["name"] for r in rows] == [a.name for a in REGISTRY.family("relu")]
    rows = json.loads(ok(run("table", "relu", "prelu", "--family", "relu", "--format", "json")))
    assert [r["name"] for r in rows] == ["relu", "prelu"]
    # a named activation outside the family is a contradiction, refused as the cheatsheet refuses it
    result = run("table", "relu", "tanh", "--family", "relu")
    assert result.exit_code == 2 and "tanh not in family 'relu'" in result.stderr


def test_table_csv_parses():
    table = list(csv.reader(io.StringIO(ok(run("table", "--family", "sigmoid", "--format", "csv")))))
    assert table[0][:3] == ["name", "family", "params"]
    assert [r[0] for r in table[1:]] == [a.name for a in REGISTRY.family("sigmoid")]


def test_table_markdown_and_latex():
    md = ok(run("table", "gelu", "--format", "markdown"))
    assert md.startswith("| Name |") and "[−0.1700, ∞)" in md
    tex = ok(run("table", "gelu", "--format", "latex"))
    assert r"\begin{tabularx}{\textwidth}" in tex and r"$[-0.1700, \infty)$" in tex


def test_table_columns_option():
    rows = json.loads(ok(run("table", "tanh", "--columns", "range,zero_centred", "--format", "json")))
    assert rows == [{"name": "tanh", "range": "(−1, 1)", "zero_centred": True}]
    text = ok(run("table", "tanh", "-c", "name,symmetry"))
    assert "Symmetry" in text and "odd" in text and "Range" not in text


def test_table_rich_fits_80_columns_and_uses_more_when_wider():
    narrow = ok(run("table", width=80))
    assert max(len(line) for line in narrow.splitlines()) <= 80
    assert "Formula" not in narrow and "soft_exponential" in narrow
    wide = ok(run("table", width=200))
    assert "Formula" in wide and "Dead zone" in wide
    assert max(len(line) for line in wide.splitlines()) <= 200


@pytest.mark.parametrize(
    "args, words",
    [
        (["table", "--format", "xml"], ["--format 'xml'", "rich, markdown, csv, json, latex"]),
        (["table", "--family", "relus"], ["relus", "relu"]),
        (["table", "--columns", "name,colour"], ["colour", "valid columns are", "range"]),
        (["table", "-p", "alpha=2"], ["-p (alpha) apply to exactly one activation", "none was named"]),
        (["table", "elu", "relu", "-p", "alpha=2"], ["-p (alpha) apply to exactly one activation", "2 were named"]),
        (["table", "elu", "-p", "alhpa=2"], ["alhpa", "alpha"]),
        (["table", "elu", "-p", "alpha=-1"], ["alpha=-1", "alpha > 0"]),
        (["table", "elu", "-p", "alpha"], ["KEY=VALUE"]),
        (["table", "elu:alpha=2", "-p", "alpha=3"], ["alpha is given twice"]),
        (["table", "rellu"], ["rellu", "relu"]),
        (["table", "relu", "--family", "sigmoid"], ["relu not in family 'sigmoid'", "its members: binary_step"]),
        (["list", "--family", "nope"], ["nope"]),
        (["info", "rellu"], ["did you mean 'relu'"]),
        (["info", "elu", "-p", "beta=1"], ["beta", "alpha"]),
    ],
)
def test_bad_input_is_a_one_line_error(args, words):
    result = bad(run(*args), *words)
    assert len(result.stderr.strip().splitlines()) <= 2
    assert result.stdout == ""


# -- list and info --------------------------------------------------------------------------------


def test_list_shows_every_name_with_aliases_family_and_summary():
    text = ok(run("list", width=200))
    for name in REGISTRY.names():
        assert name in text
    words = text.split()
    assert "rectifier" in words and "rectified_linear_unit" in words and "Dead" not in text
    relu = ok(run("list", "--family", "relu", width=200))
    assert "leaky_relu" in relu and "sigmoid" not in relu


def test_info_card():
    text = ok(run("info", "ELU", "-p", "alpha=2", width=300))
    for piece in ("ELU (elu)", "(−2, ∞)", "Parameters", "the negative saturation value is −α", "Derived properties",
                  "Notes", "Advice", "Reference"):
        assert piece in text, piece
    soft = ok(run("info", "softmax", width=300))
    assert "2 logits" in soft and "(0, 1)" in soft


def test_info_fits_80_columns():
    text = ok(run("info", "gelu", width=80))
    assert max(len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("args", [["table", "--format", "markdown"], ["table"], ["list"], ["info", "gelu"]])
def test_commands_never_import_matplotlib(args):
    code = (
        "import sys\n"
        "from actviz.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n"
        "bad = [m for m in sys.modules if m == 'matplotlib' or m.startswith('matplotlib.')]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_properties_api_matches_the_table():
    (row,) = json.loads(ok(run("table", "silu", "--format", "json")))
    p = actviz.get("silu").properties()
    assert row["range_min"] == p.range_min and row["range"] == p.range_text == "[−0.2785, ∞)"


# -- review fixes: jumps in proportion, columns kept, machine keys, LaTeX, advice, list --------------


def test_table_softplus_reports_its_jump_in_proportion():
    text = " ".join(ok(run("table", "softplus", "-p", "threshold=20", "-c", "name,continuity", width=80)).split())
    assert "discontinuous: jump 2.1e−09 at x = 20 (negligible)" in text
    info = " ".join(ok(run("info", "softplus", "-p", "threshold=20", width=100)).split())
    assert "cannot learn across" not in info and "negligible" in info
    (row,) = json.loads(ok(run("table", "softplus:threshold=20", "--format", "json")))
    assert row["continuity"] == "discontinuous" and row["max_jump"] == pytest.approx(2.0611536e-9, rel=1e-6)
    (row,) = json.loads(ok(run("table", "softplus", "--format", "json")))  # the default: no switch
    assert row["continuity"] == "C∞" and row["max_jump"] == 0 and row["monotonic_direction"] == "increasing"


def test_table_explicit_columns_at_80_keep_every_column():
    out = ok(run("table", "elu", "-c", "name,range,derivative_range,continuity,monotonic,saturation,dead_zone,"
                 "symmetry,mean_output", width=80))
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = out.split()
    for header in ("Name", "Range", "f′", "range", "Smoothness", "Monotonic", "Saturation", "Dead", "zone",
                   "Symmetry", "E", "f(Z)"):
        assert header in words, header
    assert "none" in words and "0.161" in words  # symmetry and mean output are shown
    assert "Centred:" not in out
    assert "(a dead zone)." in " ".join(words)  # the saturation footnote is whole


def test_table_json_and_csv_have_the_added_keys():
    (row,) = json.loads(ok(run("table", "softmin", "--format", "json")))
    assert row["monotonic_direction"] == "decreasing" and row["derivative_range"] == "[−0.25, 0)"
    assert row["range_min_closed"] is False and row["range_max_closed"] is False
    table = list(csv.reader(io.StringIO(ok(run("table", "relu", "--format", "csv")))))
    row = dict(zip(*table))
    assert (row["range_min_closed"], row["range_max_closed"], row["monotonic_direction"]) == ("true", "", "increasing")


def test_table_latex_texttt_symbols_and_booktabs_note():
    tex = ok(run("table", "gelu:approximate=tanh", "leaky_relu", "relu", "--format", "latex"))
    assert tex.splitlines()[0].startswith("%") and r"\usepackage{booktabs,tabularx}" in tex.splitlines()[0]
    assert r"approximate=\texttt{tanh}" in tex and r"$\alpha=0.01$" in tex
    assert r"\texttt{relu} &" in tex and r"\alpha=0$" not in tex  # a plain ReLU's α = 0 is noise (issue 24)


def test_info_advice_follows_the_parameters():
    text = " ".join(ok(run("info", "threshold", "-p", "value=2", width=100)).split())
    assert "f′ is exactly 0 for x ≤ 1" in text and "negative inputs" not in text
    assert "bump or dip" not in text and "f jumps down at x = 1 (from 2 to 1)" in text
    text = " ".join(ok(run("info", "leaky_relu", "-p", "alpha=-0.5", width=100)).split())
    assert "bump or dip" not in text and "slopes of opposite sign meet at x = 0" in text
    for name in ("hardshrink", "softshrink"):
        text = " ".join(ok(run("info", name, width=100)).split())
        assert "Dead zone no" in text and "f′ exactly 0 on [−0.5, 0.5]" in text


def test_list_at_80_columns_never_breaks_a_name():
    out = ok(run("list", width=80))
    assert max(len(line) for line in out.splitlines()) <= 80
    words = {w.rstrip(",") for w in out.split()}
    for name in REGISTRY.names():
        assert name in words
        assert set(REGISTRY[name].aliases) <= words, name
