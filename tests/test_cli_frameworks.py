"""actviz frameworks, --framework on the commands, and framework presets in the Python API (issue 13).

The presets' facts are checked against the frameworks themselves in test_framework_agreement.py;
here: that every command and API function applies them, says whose definition it draws, and that
without a framework nothing changes."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz import text
from actviz.cli import app
from actviz.frameworks import CHECKED, DEFINITIONS

runner = CliRunner()


def test_get_with_a_framework_is_an_activation_with_the_same_interface():
    jax_gelu = actviz.get("gelu", framework="jax")
    assert isinstance(jax_gelu, actviz.Activation) and jax_gelu.framework == "jax"
    assert jax_gelu.name == "jax.gelu" and jax_gelu.label == "JAX GELU"
    x = np.linspace(-4, 4, 81)
    np.testing.assert_array_equal(jax_gelu(x), actviz.get("gelu")(x, approximate="tanh"))
    assert jax_gelu.properties().range_text == actviz.properties("gelu", approximate="tanh").range_text
    assert actviz.get("gelu", framework="jax") is jax_gelu  # one object per pair
    assert actviz.get("leaky_relu", framework="keras").defaults == {"alpha": 0.2}
    assert actviz.get("softplus", framework="torch").defaults == {"beta": 1.0, "threshold": 20.0}
    assert actviz.get("softplus", framework="jax").params == ()  # no β, no switch in jax.nn.softplus
    assert actviz.get("hard_silu", framework="keras").name == "keras.hard_silu"
    with pytest.raises(actviz.ActvizError, match=r"JAX \(jax.nn\) has no softmin; the closest it has: jax.nn.softmax"):
        actviz.get("softmin", framework="jax")
    with pytest.raises(actviz.ActvizError, match="valid frameworks are torch, keras, jax, tf"):
        actviz.get("gelu", framework="mxnet")


def test_kink_conventions_are_the_frameworks():
    assert actviz.get("leaky_relu", framework="torch").derivative(0.0) == 0.01
    assert actviz.get("leaky_relu", framework="jax").derivative(0.0) == 1.0
    assert actviz.get("hardtanh", framework="keras").derivative(1.0) == 1.0
    assert actviz.get("hardtanh", framework="torch").derivative(1.0) == 0.0
    assert actviz.get("sparse_sigmoid", framework="jax").derivative(-1.0) == 0.25
    assert actviz.get("selu", framework="tf").derivative(0.0) == pytest.approx(1.0507009873554805, rel=1e-15)


def test_api_functions_take_a_framework():
    assert "PyTorch Softplus" in actviz.table("softplus", framework="torch", format="csv", columns="name,label")
    rows = actviz.table("leaky_relu", framework="torch,keras,jax", format="csv", columns="name,range").splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["torch.leaky_relu", "keras.leaky_relu", "jax.leaky_relu"]
    fig = actviz.compare("leaky_relu", framework=["torch", "keras", "jax"])
    labels = [t.get_text() for t in fig.legends[0].get_texts()] if fig.legends else \
        [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert any("Keras Leaky ReLU (α = 0.2)" in label for label in labels)
    assert actviz.properties("gelu", framework="jax").bound.params["approximate"] == "tanh"
    flow = actviz.gradient("leaky_relu", framework="keras", layers=3, width=4)[0]
    assert "keras" in text.spec_label(flow.bound)
    assert "JAX GELU" in str(actviz.terminal_plot("gelu", framework="jax", width=60))
    csv_text = actviz.curves("relu", framework="torch,jax", points=10).to_csv()
    assert "torch.relu" in csv_text and "jax.relu" in csv_text


def test_without_a_framework_nothing_changes():
    for name in ("gelu", "leaky_relu", "softplus", "hardtanh"):
        b = actviz.get(name).bind()
        assert b.act.framework == "" and b.name == name
    assert actviz.table("leaky_relu", format="csv") == actviz.table(actviz.get("leaky_relu"), format="csv")


def test_frameworks_command_formats():
    result = runner.invoke(app, ["frameworks", "leaky_relu", "gelu", "softplus", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["checked"] == dict(CHECKED)
    leaky = data["functions"][0]
    assert leaky["frameworks"]["keras"]["signature"] == "leaky_relu(x, negative_slope=0.2)"
    assert leaky["frameworks"]["tf"]["signature"] == "leaky_relu(x, alpha=0.2)"
    assert {d["kind"] for d in leaky["disagreements"]} == {"value", "default", "kink"}
    result = runner.invoke(app, ["frameworks", "gelu", "--format", "csv"])
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["jax"] == "gelu(x, approximate=True)" and "approximation" in row["kinds"]
    result = runner.invoke(app, ["frameworks", "hardtanh", "sparsemax", "--format", "markdown"])
    assert "| **hardtanh** | `hardtanh(x, min_val=-1, max_val=1)` | `hard_tanh(x)` |" in result.stdout
    assert "**missing**: not in PyTorch, JAX, TensorFlow, transformers" in result.stdout
    result = runner.invoke(app, ["frameworks"], env={"COLUMNS": "100"})
    assert result.exit_code == 0 and "Disagreements" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    names = {c.name for c in actviz.compare_frameworks()}
    assert names == {n for d in DEFINITIONS.values() for n in d}


def test_compare_overlays_the_frameworks(tmp_path):
    out = tmp_path / "leaky.svg"
    result = runner.invoke(app, ["compare", "leaky_relu", "--framework", "torch,keras,jax", "--points", "50",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text()
    for label in ("PyTorch Leaky ReLU", "Keras Leaky ReLU", "JAX Leaky ReLU"):
        assert label in svg


def test_plot_title_and_file_name_say_which_framework(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["plot", "gelu", "--framework", "jax", "--points", "50", "--dpi", "30"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("jax_gelu.png")
    result = runner.invoke(app, ["plot", "gelu", "--framework", "jax", "--terminal"])
    assert "JAX GELU (approximate = tanh)" in result.stdout
    result = runner.invoke(app, ["info", "leaky_relu", "--framework", "keras"])
    assert "keras.activations.leaky_relu(x, negative_slope=0.2)" in " ".join(result.stdout.split())
    result = runner.invoke(app, ["list", "--framework", "jax"])
    assert "jax.hard_silu" in result.stdout and "softmin" not in result.stdout


def test_a_framework_spelling_stays_in_its_family(tmp_path):
    """JAX spells hardswish hard_silu: with --family gated it is still a member (it was refused)."""
    out = tmp_path / "cs.png"
    result = runner.invoke(app, ["cheatsheet", "hardswish", "--family", "gated", "--framework", "jax", "-o", str(out),
                                 "--dpi", "30"])
    assert result.exit_code == 0, result.output
    assert out.exists()
    rows = list(csv.DictReader(io.StringIO(actviz.table(family="gated", framework="jax", format="csv"))))
    assert "jax.hard_silu" in [r["name"] for r in rows]
    assert actviz.get("hardswish", framework="jax").origin == "hardswish"
    assert actviz.get("hardswish").origin == "hardswish"


def test_a_frameworks_version_keeps_its_chinese_texts():
    shown = actviz.table("hardswish", framework="jax", format="markdown", lang="zh")
    assert "jax.hard_silu" in shown
    result = runner.invoke(app, ["info", "hardswish", "--framework", "jax", "--lang", "zh"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "为移动端网络设计的分段版 Swish" in result.stdout and "没有指数运算" in result.stdout
