"""actviz gain, phase and propagate from the command line (issue 25): what they print and write, checked
against closed forms, the papers' numbers and independent quadrature (mpmath)."""

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


def test_gain_json_has_the_issue_keys_and_relus_closed_forms():
    result = run("gain", "relu", "gelu", "--format", "json")
    assert result.exit_code == 0, result.output
    relu, gelu = json.loads(result.stdout)
    keys = {"name", "params", "mean", "second_moment", "variance", "derivative_second_moment", "gain_forward",
            "gain_backward", "gamma", "torch_gain"}
    assert keys <= set(relu) and keys <= set(gelu)
    assert relu["mean"] == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-12)
    assert relu["second_moment"] == pytest.approx(0.5, rel=1e-12)
    assert relu["gain_forward"] == pytest.approx(math.sqrt(2), rel=1e-12)
    assert relu["gamma"] == pytest.approx(math.sqrt(2 / (1 - 1 / math.pi)), rel=1e-12)
    assert relu["torch_gain"] == pytest.approx(math.sqrt(2), rel=1e-15) and gelu["torch_gain"] is None
    assert set(relu["init"]) == {"torch", "jax", "keras"} and "1.41421" in relu["init"]["torch"]


def test_gain_tells_what_pytorchs_gain_does():
    result = run("gain", "tanh", "sigmoid")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "calculate_gain is 5/3" in out and "χ₁ = 1.210: chaotic" in out
    assert "calculate_gain is 1;" in out and "χ₁ = 0.05572: ordered" in out
    assert "torch.nn.init.normal_(layer.weight, std=1.59254 / layer.in_features**0.5)" in result.stdout


def test_gain_markdown_and_chinese():
    md = run("gain", "silu", "--format", "markdown").stdout
    assert md.startswith("| activation |") and "```python" in md
    zh = run("gain", "tanh", "--lang", "zh").stdout
    assert "前向" in zh and "混沌相" in zh


def test_phase_json_gives_the_papers_edge_for_tanh():
    result = run("phase", "tanh", "--sigma-b2", "0.05", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (edge,) = data["critical"]
    assert edge["sigma_b2"] == 0.05 and data["edge_is_point"] is False
    assert edge["sigma_w2"] == pytest.approx(1.760955, abs=5e-7)  # Schoenholz et al. 2017, via issue 25
    assert edge["q_star"] == pytest.approx(0.570048, abs=5e-7)
    (torch,) = data["marks"]
    assert torch["kind"] == "torch" and torch["sigma_w2"] == pytest.approx(25 / 9) and torch["phase"] == "chaotic"


def test_phase_says_relus_edge_is_a_point_and_writes_the_figure(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("phase", "relu", "--dpi", "40", "-o", "p.png")
    assert result.exit_code == 0, result.output
    assert "the edge of chaos is the single point σ_w² = 2, σ_b² = 0" in " ".join(result.stdout.split())
    assert (tmp_path / "p.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads(run("phase", "relu", "--format", "json").stdout)
    assert data["edge_is_point"] is True and data["critical"] == [{"sigma_b2": 0.0, "sigma_w2": 2.0, "q_star": None}]


def test_the_edge_at_zero_bias_is_where_the_curve_ends_as_q_goes_to_0():
    """φ(0) = 0: at σ_b² = 0 the edge is σ_w² = 1/E φ′(0±)² with q* = 0, by φ's slopes at 0, for smooth and
    kinked φ alike (tanh 1; GELU 1/φ′(0)² = 4; SELU λ, λα on the two sides), not decided by rounding."""
    lam, alpha = 1.0507009873554805, 1.6732632423543772
    for name, expected in (("tanh", 1.0), ("hardtanh", 1.0), ("gelu", 4.0), ("selu", 2 / (lam**2 + (lam * alpha) ** 2))):
        data = json.loads(run("phase", name, "--sigma-b2", "0", "--sigma-b2", "0.05", "--format", "json").stdout)
        zero, edge = data["critical"]
        assert zero["sigma_w2"] == pytest.approx(expected, rel=1e-12) and zero["q_star"] == 0.0, name
        assert edge["q_star"] > 0.0
    softplus = json.loads(run("phase", "softplus", "--format", "json").stdout)  # σ_b²(q) < 0 at every q
    assert all(c["sigma_w2"] is None and c["q_star"] is None for c in softplus["critical"])
    assert "softplus has no edge of chaos" in " ".join(run("phase", "softplus").stdout.split())


def test_phase_refuses_a_function_that_jumps():
    bad(run("phase", "binary_step"), "binary_step jumps", "no phase diagram")


def test_propagate_json_layers_and_the_simulation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("propagate", "tanh", "--depth", "5", "--width", "64", "--format", "json", "-o", "prop.svg")
    assert result.exit_code == 0, result.output
    (tanh,) = json.loads(result.stdout)
    assert tanh["name"] == "tanh" and tanh["width"] == 64 and tanh["seed"] == 0
    assert tanh["q_star"] == pytest.approx(1.0, rel=1e-9)  # σ_w² = the forward gain²: q = 1 is kept
    assert tanh["q_star_stable"] is True
    assert [row["layer"] for row in tanh["layers"]] == [0, 1, 2, 3, 4, 5]
    assert {"q", "sim_q", "post_ms", "sim_post_ms", "c", "sim_c", "grad_ratio", "sim_grad_ratio"} <= set(tanh["layers"][0])
    assert b"</svg>" in (tmp_path / "prop.svg").read_bytes()[-200:]
    assert "prop.svg" in result.stderr  # the path goes to stderr when stdout carries json
    mean_only = json.loads(run("propagate", "relu", "--depth", "3", "--width", "0", "--format", "json").stdout)[0]
    assert "width" not in mean_only and all("sim_q" not in row for row in mean_only["layers"])


def test_propagate_marks_an_unstable_fixed_point():
    """GELU without bias at its forward gain: q = 1 is a fixed point of the length map L(q) = σ_w² E gelu(√q Z)²
    whose slope there, by a finite difference of an mpmath quadrature, is above 1."""
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 25
    gelu = lambda x: x * (1 + mp.erf(x / mp.sqrt(2))) / 2  # noqa: E731

    def second(q):
        return mp.quad(lambda z: gelu(mp.sqrt(q) * z) ** 2 * mp.npdf(z), [-mp.inf, 0, mp.inf])

    w = 1 / second(1)
    slope = w * (second(1 + mp.mpf("1e-6")) - second(1 - mp.mpf("1e-6"))) / mp.mpf("2e-6")
    assert slope > 1
    data = json.loads(run("propagate", "gelu", "tanh", "--depth", "3", "--width", "0", "--format", "json").stdout)
    assert data[0]["q_star_stable"] is False and data[1]["q_star_stable"] is True
    table = run("propagate", "gelu", "--depth", "3", "--width", "0").stdout
    assert "1†" in table and "unstable" in table


def test_info_shows_the_gains_and_the_edge():
    out = run("info", "relu").stdout
    assert "forward 1.414, backward 1.414, γ 1.713" in out and "the point σ_w² = 2, σ_b² = 0" in out
    out = run("info", "tanh").stdout
    assert "σ_w² = 1.761 at σ_b² = 0.05 (q* = 0.5700)" in out
