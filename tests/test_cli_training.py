"""The training commands: actviz train and zigzag (CliRunner, files only in tmp_path)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from cli_helpers import bad
from typer.testing import CliRunner

import actviz
from actviz.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


# -- train ----------------------------------------------------------------------------------------


def test_train_json_has_the_issue_keys_and_the_library_numbers():
    result = run("train", "identity", "relu", "--steps", 200, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["name"] for d in data] == ["identity", "relu"]
    lib = actviz.train("identity", "relu", steps=200)
    for d, r in zip(data, lib):
        assert {"name", "loss", "accuracy", "dead_fraction", "steps_to_95"} <= set(d)
        assert d["loss"] == r.loss and d["accuracy"] == r.accuracy and d["dead_fraction"] == r.dead_fraction
        assert d["steps_to_95"] == r.steps_to_95
    assert data[0]["steps_to_95"] is None


def test_train_negative_bias_from_the_command_line():
    result = run("train", "relu", "leaky_relu", "elu", "--data", "spiral", "--bias-init", -3, "--format", "json")
    assert result.exit_code == 0, result.output
    relu, leaky, elu = json.loads(result.stdout)
    assert relu["dead_fraction"] > leaky["dead_fraction"] and relu["dead_fraction"] > elu["dead_fraction"]


def test_train_same_seed_same_output():
    args = ("train", "tanh", "--data", "moons", "--steps", 50, "--hidden", "8", "--format", "json")
    a, b = run(*args, "--seed", 4).stdout, run(*args, "--seed", 4).stdout
    c = run(*args, "--seed", 5).stdout
    assert a == b and a != c


def test_train_options_reach_the_library():
    result = run("train", "leaky_relu:alpha=0.2", "--hidden", "4,3,2", "--steps", 7, "--lr", 0.3, "--optimizer", "gd",
                 "--init", "xavier", "--noise", 0.2, "--samples", 40, "--data", "xor", "--format", "json")
    assert result.exit_code == 0, result.output
    (d,) = json.loads(result.stdout)
    (r,) = actviz.train("leaky_relu:alpha=0.2", hidden=(4, 3, 2), steps=7, lr=0.3, optimizer="gd", init="xavier",
                        noise=0.2, samples=40, data="xor")
    assert d["params"] == {"alpha": 0.2} and d["init"] == "xavier" and d["data"] == "xor"
    assert d["loss"] == r.loss and len(d["dead_per_layer"]) == 3


def test_train_rich_table_and_figure(tmp_path):
    out = tmp_path / "train.png"
    result = run("train", "identity", "relu", "--steps", 100, "-o", out, "--dpi", 40)
    assert result.exit_code == 0, result.output
    for word in ("identity", "relu", "accuracy", "dead", "95 % at", "never"):
        assert word in result.stdout
    assert str(out) in result.stdout
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_train_json_with_a_figure_keeps_stdout_clean(tmp_path):
    out = tmp_path / "t.svg"
    result = run("train", "relu", "--steps", 20, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["name"] == "relu"
    assert str(out) in result.stderr and out.exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--data", "ring"], ["--data", "'ring'", "xor, circles"]),
        (["--hidden", "16,,16"], ["--hidden", "'16,,16'", "e.g. 16,16"]),
        (["--hidden", "0"], ["--hidden", "1 to 256"]),
        (["--hidden", ",".join(["4"] * 11)], ["--hidden", "1 to 10"]),
        (["--steps", 0], ["--steps", "1 to 100000"]),
        (["--steps", 100000, "--samples", 10000], ["--steps", "--samples", "limit"]),
        (["--lr", 0], ["--lr", "(0, 100]"]),
        (["--lr", "nan"], ["--lr"]),
        (["--optimizer", "sgd"], ["--optimizer", "'sgd'", "adam, gd"]),
        (["--init", "glorot"], ["--init", "'glorot'"]),
        (["--bias-init", "inf"], ["--bias-init"]),
        (["--bias-init", 1000], ["--bias-init", "[−100, 100]"]),
        (["--noise", -1], ["--noise", "[0, 1]"]),
        (["--samples", 2], ["--samples", "4 to 10000"]),
        (["--seed", -1], ["--seed"]),
        (["--format", "csv"], ["'csv'", "rich, json"]),
        (["--theme", "sepia"], ["'sepia'"]),
        (["--dpi", 5], ["--dpi"]),
    ],
)
def test_train_bad_options(tmp_path, args, words):
    out = tmp_path / "t.png"
    bad(run("train", "relu", *args, "-o", out), *words)
    assert not out.exists()


def test_train_bad_names_and_too_many_maps(tmp_path):
    out = tmp_path / "t.png"
    bad(run("train", "rellu", "-o", out), "'rellu'", "did you mean")
    bad(run("train", "relu", "softmax", "-o", out), "softmax", "vector-valued")
    bad(run("train", *["relu"] * 13, "-o", out), "at most 12")
    bad(run("train", "relu", "-o", tmp_path / "t.gif"), ".gif")
    assert not list(tmp_path.iterdir())


# -- zigzag ---------------------------------------------------------------------------------------


def test_zigzag_json_has_the_issue_keys():
    result = run("zigzag", "sigmoid", "tanh", "--format", "json")
    assert result.exit_code == 0, result.output
    sigmoid, tanh = json.loads(result.stdout)
    for d in (sigmoid, tanh):
        assert {"name", "same_sign_share", "steps"} <= set(d)
    assert sigmoid["same_sign_share"] > tanh["same_sign_share"]
    lib = actviz.zigzag("sigmoid", "tanh")
    assert [sigmoid["steps"], tanh["steps"]] == [r.steps for r in lib]


def test_zigzag_options_and_figure(tmp_path):
    out = tmp_path / "z.png"
    result = run("zigzag", "relu", "--steps", 300, "--lr", 0.2, "--samples", 50, "--seed", 3, "-o", out, "--dpi", 40)
    assert result.exit_code == 0, result.output
    assert "same sign" in result.stdout and "relu" in result.stdout and str(out) in result.stdout
    (r,) = actviz.zigzag("relu", steps=300, lr=0.2, samples=50, seed=3)
    assert f"{r.steps}" in result.stdout
    assert np.isclose(r.lr, 0.2) and out.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "args, words",
    [
        (["--steps", 0], ["--steps"]),
        (["--lr", -1], ["--lr", "(0, 100]"]),
        (["--samples", 1], ["--samples", "2 to 10000"]),
        (["--seed", -3], ["--seed"]),
        (["--format", "xml"], ["'xml'"]),
    ],
)
def test_zigzag_bad_options(tmp_path, args, words):
    out = tmp_path / "z.png"
    bad(run("zigzag", "sigmoid", *args, "-o", out), *words)
    assert not out.exists()


def test_zigzag_bad_names(tmp_path):
    bad(run("zigzag", "sigmoid", "softmin", "-o", tmp_path / "z.png"), "softmin", "vector-valued")
    bad(run("zigzag", *["tanh"] * 9, "-o", tmp_path / "z.png"), "at most 8")
    bad(run("zigzag", "sigmoidd"), "'sigmoidd'")
    assert not list(tmp_path.iterdir())
