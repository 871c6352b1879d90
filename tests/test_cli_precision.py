"""actviz precision from the command line and its figure (issue 27): what it prints and writes."""

from __future__ import annotations

import json
import math

import pytest
from test_figure_layout import _texts_inside
from typer.testing import CliRunner

import actviz
from actviz.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_json_per_activation_and_format():
    result = run("precision", "softplus", "gelu", "--dtype", "float16,bfloat16", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["name"], r["dtype"]) for r in rows] == [("softplus", "float16"), ("softplus", "bfloat16"),
                                                        ("gelu", "float16"), ("gelu", "bfloat16")]
    sp16 = rows[0]
    assert math.isclose(sp16["naive_overflow_at"], math.log(65504), abs_tol=0.01)  # ln 65504 = 11.0899
    assert sp16["stable_nonfinite"] == 0 and sp16["stable_max_ulp"] <= 4
    assert rows[2]["naive_overflow_at"] is None  # GELU's textbook form never overflows: it flushes
    assert rows[2]["naive_flush_at"] < 0
    assert sp16["naive_formula"] == "log(1 + exp(beta*x))/beta"


def test_the_report_and_its_verdicts():
    result = run("precision", "softplus", "--dtype", "float16")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "overflow" in out and "11.09" in out
    assert "softplus in float16, actviz: within 1 ULP everywhere." in out
    assert "inf or NaN for" in out and "(x > 0 from x = 11.09)" in out


def test_markdown_and_chinese():
    result = run("precision", "silu", "--dtype", "float32", "--ftz", "--format", "markdown", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("| 激活函数 格式 | 写法 |")
    assert "float32（FTZ）" in result.stdout and "−87.34" in result.stdout
    assert "FTZ：小于最小正规数的结果清零" in result.stdout


def test_an_expression_as_written_against_its_rewrite():
    result = run("precision", "log(1 + exp(x))", "--dtype", "float16", "--format", "json")
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)[0]
    assert row["name"] == "log_1_plus_exp_x" and row["naive_formula"] == "log(1 + exp(x))"
    assert row["naive_overflow_at"] == 11.09375 and row["stable_overflow_at"] is None  # softplus after the rewrite


def test_presets_carry_the_frameworks_definition():
    """PyTorch's softplus switches to x above βx > 20: in float16 its textbook form still overflows between 11.09
    and 20, the switch comes too late (pytorch #187180)."""
    result = run("precision", "softplus", "--framework", "torch", "--dtype", "float16", "--format", "json")
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)[0]
    assert row["name"] == "torch.softplus" and "20" in row["naive_formula"] or "threshold" in row["naive_formula"]
    assert math.isclose(row["naive_overflow_at"], 11.09375)
    assert row["forms"]["naive"]["nonfinite"] > 0 and row["stable_nonfinite"] == 0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_figure_marks_overflow_and_fits(tmp_path, theme):
    path = tmp_path / "p.png"
    result = run("precision", "softplus", "silu", "--dtype", "float16,float32", "--theme", theme, "-o", path)
    assert result.exit_code == 0, result.output
    assert path.stat().st_size > 10_000
    fig = actviz.precision("softplus", "silu", dtype="float16,float32").figure(theme=theme)
    gids = {line.get_gid() for ax in fig.axes for line in ax.get_lines()}
    assert {"error:naive", "error:stable", "nonfinite:naive", "bound"} <= gids
    labels = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "overflow from 11.09" in labels and "overflow from 88.72" in labels
    assert _texts_inside(fig) == []
    assert len(fig.axes) == 4


def test_figure_in_chinese_has_its_glyphs(tmp_path, recwarn):
    fig = actviz.precision("mish", dtype="bfloat16").figure(lang="zh")
    fig.canvas.draw()
    assert not [w for w in recwarn if "missing from font" in str(w.message)]
    assert any("教科书公式" in t.get_text() for t in fig.legends[0].get_texts())
