"""The lesson commands: actviz gradient, softmax, loss (CliRunner, files only in tmp_path)."""

from __future__ import annotations

import json
import math

import pytest
from cli_helpers import bad
from typer.testing import CliRunner

from actviz.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


# -- softmax --------------------------------------------------------------------------------------


def test_softmax_reference_example_with_negative_logits():
    result = run("softmax", 3, 1, -3)
    assert result.exit_code == 0, result.output
    raw = [math.exp(3), math.exp(1), math.exp(-3)]
    for r in raw:
        assert f"{r / sum(raw):.3f}" in result.stdout
    assert "0.879" in result.stdout and "0.119" in result.stdout and "0.002" in result.stdout
    assert "exp(z − m)" in result.stdout


def test_softmax_json_is_stable_for_large_logits():
    result = run("softmax", 1000, 1001, 999, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    raw = [math.exp(-1), 1.0, math.exp(-2)]
    assert data["probabilities"] == pytest.approx([r / sum(raw) for r in raw], rel=1e-14)
    assert data["logits"] == [1000.0, 1001.0, 999.0]
    assert data["shift"] == 1001.0
    assert data["exp_shifted"] == pytest.approx(raw, rel=1e-14)


def test_softmax_temperature():
    result = run("softmax", 3, 1, -3, "--temperature", 2, "--format", "json")
    data = json.loads(result.stdout)
    raw = [math.exp(v / 2) for v in (3, 1, -3)]
    assert data["temperature"] == 2.0
    assert data["probabilities"] == pytest.approx([r / sum(raw) for r in raw], rel=1e-14)
    rich = run("softmax", 3, 1, -3, "-t", 0.5)
    assert "T = 0.5" in rich.stdout and "z / T" in rich.stdout


@pytest.mark.parametrize("t", ["0", "-1", "nan", "inf"])
def test_softmax_bad_temperature(t):
    bad(run("softmax", 3, 1, "--temperature", t), "--temperature")


def test_softmax_bad_logits(tmp_path):
    out = tmp_path / "s.png"
    bad(run("softmax", 3, "abc", 1, "-o", out), "'abc'", "not a number")
    bad(run("softmax", 3, "nan"), "'nan'", "finite")
    bad(run("softmax", 3, "--bogus"), "'--bogus'", "--temperature")
    assert not out.exists()
    assert run("softmax").exit_code == 2  # at least one logit


def test_softmax_figure_and_json_keep_stdout_clean(tmp_path):
    out = tmp_path / "bars.svg"
    result = run("softmax", 3, 1, -3, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["probabilities"][0] == pytest.approx(0.8788782427321509)
    assert str(out) in result.stderr
    assert "probabilities" in out.read_text()


def test_softmax_bad_format_and_suffix(tmp_path):
    bad(run("softmax", 1, 2, "--format", "xml"), "'xml'", "rich, json")
    bad(run("softmax", 1, 2, "-o", tmp_path / "x.gif"), ".gif")
    assert not list(tmp_path.iterdir())


# -- gradient -------------------------------------------------------------------------------------


def test_gradient_json_sigmoid_vanishes_relu_does_not():
    result = run("gradient", "sigmoid", "relu", "--layers", 20, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["name"] for d in data] == ["sigmoid", "relu"]
    for d in data:
        assert len(d["gradient"]) == 20
        assert d["ratio"] == pytest.approx(d["gradient"][0] / d["gradient"][-1])
    sigmoid, relu = data
    assert sigmoid["gradient"][0] / sigmoid["gradient"][-1] < 1e-3
    assert relu["gradient"][0] / relu["gradient"][-1] > 1e-1
    assert sigmoid["init"] == relu["init"] == "gain" and relu["gain"] == pytest.approx(2**0.5, rel=1e-14)


def test_gradient_is_deterministic_for_a_seed():
    a = run("gradient", "tanh", "--layers", 6, "--width", 8, "--seed", 7, "--format", "json").stdout
    b = run("gradient", "tanh", "--layers", 6, "--width", 8, "--seed", 7, "--format", "json").stdout
    c = run("gradient", "tanh", "--layers", 6, "--width", 8, "--seed", 8, "--format", "json").stdout
    assert a == b and a != c


def test_gradient_params_and_init():
    result = run("gradient", "leaky_relu:alpha=0.2", "--layers", 3, "--width", 4, "--init", "xavier", "--format", "json")
    (d,) = json.loads(result.stdout)
    assert d["params"] == {"alpha": 0.2} and d["init"] == "xavier"


def test_gradient_rich_table_and_figure(tmp_path):
    out = tmp_path / "g.png"
    result = run("gradient", "sigmoid", "relu", "-o", out)
    assert result.exit_code == 0, result.output
    assert "sigmoid" in result.stdout and "relu" in result.stdout and "first/last" in result.stdout
    assert str(out) in result.stdout
    assert out.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "args, words",
    [
        (["--layers", 0], ["--layers", "1 to 1000"]),
        (["--layers", -2], ["--layers"]),
        (["--layers", 5000], ["--layers"]),
        (["--width", 0], ["--width"]),
        (["--width", 100000], ["--width"]),
        (["--layers", 1000, "--width", 1024], ["weights"]),
        (["--seed", -1], ["--seed"]),
        (["--init", "glorot"], ["'glorot'", "auto, xavier, he"]),
        (["--format", "csv"], ["'csv'", "rich, json"]),
        (["--theme", "sepia"], ["'sepia'"]),
    ],
)
def test_gradient_bad_options(tmp_path, args, words):
    out = tmp_path / "g.png"
    bad(run("gradient", "relu", *args, "-o", out), *words)
    assert not out.exists()


def test_gradient_bad_names(tmp_path):
    bad(run("gradient", "rellu"), "'rellu'", "did you mean")
    bad(run("gradient", "relu", "softmax", "-o", tmp_path / "g.png"), "softmax", "vector-valued")
    bad(run("gradient", "elu:alpha=-1"), "alpha")
    assert not list(tmp_path.iterdir())


# -- loss -----------------------------------------------------------------------------------------


def test_loss_default_path_and_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("loss")
    assert result.exit_code == 0, result.output
    written = tmp_path / "outputs" / "loss_sigmoid.png"
    assert written.read_bytes()[:4] == b"\x89PNG"
    assert "outputs/loss_sigmoid.png" in result.stdout
    s = 1.0 / (1.0 + math.exp(5.0))  # σ(−5)
    assert f"{(s - 1) * s * (1 - s):.4g}".replace("-", "−") in result.stdout  # MSE at z = −5
    assert f"{s - 1:.4g}".replace("-", "−") in result.stdout  # cross-entropy at z = −5
    assert f"{1 / (s * (1 - s)):,.0f}× smaller" in result.stdout


def test_loss_target_and_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("loss", "--target", 0, "-o", "l.svg")
    assert result.exit_code == 0, result.output
    assert "MSE" in (tmp_path / "l.svg").read_text()
    assert "At z = 5" in result.stdout
    result = run("loss", "--activation", "hardsigmoid", "--target", 0.5)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "outputs" / "loss_hardsigmoid_y0.5.png").exists()


def test_loss_other_activation_explains_domain(tmp_path):
    result = run("loss", "-a", "tanh", "-o", tmp_path / "t.png")
    assert result.exit_code == 0, result.output
    assert "undefined" in result.stdout and "0 < f(z) < 1" in result.stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["--target", 1.5], ["--target", "[0, 1]"]),
        (["--target", -0.1], ["--target"]),
        (["--target", "nan"], ["--target"]),
        (["--activation", "sigmiod"], ["'sigmiod'", "did you mean"]),
        (["--activation", "softmax"], ["vector-valued"]),
        (["--activation", "binary_step"], ["0 < f(z) < 1"]),
        (["-o", "x.bmp"], [".bmp"]),
        (["--dpi", 0], ["--dpi"]),
    ],
)
def test_loss_bad_input_creates_nothing(tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    bad(run("loss", *args), *words)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("command", ["gradient", "softmax", "loss"])
def test_help_shows_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


# -- review fixes ---------------------------------------------------------------------------------


def test_loss_sigmoid_slope_uses_the_slope(tmp_path):
    result = run("loss", "--activation", "sigmoid:a=2", "--target", 0, "-o", tmp_path / "s.png")
    assert result.exit_code == 0, result.output
    lo, hi = 1.0 / (1.0 + math.exp(10.0)), 1.0 / (1.0 + math.exp(-10.0))  # σ(2·(−5)), σ(2·5)
    assert f"{2 * lo:.4g}".replace("-", "−") in result.stdout  # cross-entropy 2(a − y) at z = −5
    assert f"{2 * hi * hi * (1 - hi):.4g}".replace("-", "−") in result.stdout  # MSE 2a·a(1 − a) at z = 5
    factor = 2 * hi / (2 * hi * hi * (1 - hi))
    assert f"{factor:,.0f}× smaller" in result.stdout
    assert "σ(2z)" in result.stdout and "(a=2)(z)" not in result.stdout


def test_loss_relu_is_defined_on_the_plot_and_undefined_at_the_summary_points(tmp_path):
    out = tmp_path / "r.png"
    result = run("loss", "--activation", "relu", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"\x89PNG"
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == 3 and all("undefined" in row for row in rows)
    assert "only for 0 < z < 1," in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    "activation, target, words",
    [("tanh", 1, ["only for z > 0", "end of the plotted"]), ("hardsigmoid", 0.5, ["only for", "−3 < z < 3"])],
)
def test_loss_domain_sentences_and_signs(tmp_path, activation, target, words):
    result = run("loss", "--activation", activation, "--target", target, "-o", tmp_path / "l.png")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())  # rich wraps the sentence
    for word in words:
        assert word in text
    assert "0.02" not in text and "2.98" not in text
    cells = [c.strip() for line in result.stdout.splitlines() if line.startswith("│") for c in line.split("│")]
    assert cells and not any("-" in c for c in cells)  # no ASCII minus
    assert "−0" not in cells and "−" in "".join(cells)


def test_gradient_table_reads_the_ratio_in_bands():
    result = run("gradient", "sigmoid", "relu", "identity", "--init", "he")
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.startswith("│")}
    assert "vanishes" in rows["sigmoid"] and "passed on" in rows["relu"] and "explodes" in rows["identity"]
    text = " ".join(result.stdout.split())
    assert "0.1 to 10: it is passed on" in text and "> 10: it explodes" in text and "> 1: it grows" not in text
    assert "e−" in rows["sigmoid"] and "e-" not in rows["sigmoid"]


def test_gradient_json_has_the_verdict():
    data = json.loads(run("gradient", "sigmoid", "relu", "--format", "json").stdout)
    assert [d["verdict"] for d in data] == ["vanishes", "passed on"]


def test_softmax_rich_uses_the_typographic_minus_and_json_stays_numeric():
    result = run("softmax", 3, 1, -3, "-t", 2)
    assert result.exit_code == 0, result.output
    assert "−3" in result.stdout and "−1.5" in result.stdout
    cells = [c.strip() for line in result.stdout.splitlines() if line.startswith("│") for c in line.split("│")]
    assert cells and not any("-" in c for c in cells)
    data = json.loads(run("softmax", 3, 1, -3, "--format", "json").stdout)
    assert data["logits"] == [3.0, 1.0, -3.0]
