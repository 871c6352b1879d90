"""Terminal output that never crashes: any stdout encoding, cells without newlines, numbers before
figures, and exit codes that match README (issue: output that survives any terminal)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actviz import text
from actviz.cli import app

runner = CliRunner()

COMMANDS = [
    ["table", "relu", "gelu", "--format", "markdown"],
    ["table", "relu", "threshold", "hardshrink"],
    ["table", "--format", "latex"],
    ["table", "--format", "csv"],
    ["table", "--format", "json"],
    ["info", "relu"],
    ["info", "softplus", "-p", "threshold=20"],
    ["list"],
    ["gradient", "sigmoid", "relu", "--layers", "3", "--width", "4"],
    ["softmax", "3", "1", "-3"],
    ["loss", "--no-figure"],
    ["plot", "rellu"],  # an error message
    ["table", "--columns", "rang"],
]


@pytest.mark.parametrize("encoding", ["gbk", "ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_any_stdout_encoding_gets_text_not_a_traceback(tmp_path, encoding, args):
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "80"}
    out = subprocess.run([sys.executable, "-m", "actviz", *args], capture_output=True, env=env, cwd=tmp_path)
    assert out.returncode in (0, 2), out.stderr.decode(encoding, "replace")
    assert b"Traceback" not in out.stdout + out.stderr
    shown = out.stdout.decode(encoding) + out.stderr.decode(encoding)  # it decodes: nothing unencodable
    assert shown.strip()
    if encoding == "ascii" and args[:2] == ["table", "relu"] and len(args) == 4:
        assert "[0, inf)" in shown and "(-inf, -0.5) U {0} U (0.5, inf)" in shown
        blocks, block = [], []
        for line in shown.splitlines():  # each table (a narrow terminal stacks them) lines up on its own
            if line.startswith(("|", "+")):
                block.append(len(line))
            elif block:
                blocks, block = blocks + [block], []
        assert blocks and all(len(set(b)) == 1 for b in blocks), "ASCII spellings must not break the columns"


def test_ascii_spellings():
    assert text.ascii_spelling("[−0.1700, ∞) ∪ {1}") == "[-0.1700, inf) U {1}"
    assert text.ascii_spelling("C⁰, C∞, f′(x) = eˣ, x², 10⁻⁶") == "C^0, Cinf, f'(x) = e^x, x^2, 10^-6"
    assert text.ascii_spelling("σ(x)·β ≤ ½") == "sigma(x)*beta <= 1/2"
    assert text.ascii_spelling("x − λ") == "x - lambda"  # not Unicode's name for it, "lamda"
    assert text.ascii_spelling("Δwᵢ = −lr·(ŷ − y)·xᵢ") == "dw_i = -lr*(y_hat - y)*x_i"  # ŷ stays apart from y


def test_markdown_cells_have_no_newline():
    result = runner.invoke(app, ["table", "relu", "--columns", "name,ranges", "--format", "markdown"])
    assert result.exit_code == 0
    rows = result.stdout.strip().splitlines()
    assert len(rows) == 3 and rows[2] == "| **relu** | [0, ∞)<br>f′ {0, 1} |"


def test_loss_prints_its_numbers_even_where_no_figure_can_be_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outputs").write_text("a file where the default folder would be")
    result = runner.invoke(app, ["loss"])
    assert result.exit_code == 1  # the folder failed: README's exit code for it
    assert "−0.9933" in result.stdout and "'outputs' is a file" in result.stderr
    result = runner.invoke(app, ["loss", "--no-figure"])
    assert result.exit_code == 0 and "−0.9933" in result.stdout and result.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outputs"]
    bad = runner.invoke(app, ["loss", "--no-figure", "-o", "x.png"])
    assert bad.exit_code == 2 and "--no-figure with -o" in bad.stderr


def test_default_folder_taken_by_a_file_is_exit_1_a_path_through_a_file_you_gave_is_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("outputs").write_text("x")
    result = runner.invoke(app, ["plot", "relu", "--points", "20", "--dpi", "30"])
    assert result.exit_code == 1 and "'outputs' is a file, not a folder" in result.stderr
    result = runner.invoke(app, ["plot", "relu", "--points", "20", "--dpi", "30", "-o", "outputs/x.png"])
    assert result.exit_code == 2 and "give a path in a folder" in result.stderr
