"""Gated units as functions of two inputs (issue 26, part 3): values, moments and the 2-D figure.

Every unit against its formula in 40-digit mpmath (written here from transformers' and vLLM's code), the
issue's values (swigluoai(8, 8) = 55.9996250264, (1, 0.5) = 1.2686936489), the moments under independent
N(0, 1) inputs against mpmath's quadrature (SwiGLU: mean 0, variance 0.355776), and gpt-oss's own
``_apply_gate`` where transformers is installed.
"""

from __future__ import annotations

import importlib.util

import mpmath as mp
import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli import app

mp.mp.dps = 40
runner = CliRunner()


def _sig(t):
    return 1 / (1 + mp.exp(-t))


def _clip(v, lim):
    return min(max(v, -lim), lim)


#: each unit as its source computes it (gate g, up u)
FORMULAS = {
    "swiglu": lambda g, u: g * _sig(g) * u,  # transformers LlamaMLP: silu(gate_proj) * up_proj
    "geglu": lambda g, u: g / 2 * (1 + mp.erf(g / mp.sqrt(2))) * u,
    "geglu_tanh": lambda g, u: g / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (g + mp.mpf("0.044715") * g**3))) * u,
    "reglu": lambda g, u: max(g, 0) * u,
    "relu2_glu": lambda g, u: max(g, 0) ** 2 * u,  # BitNet: relu2(gate_proj) * up_proj
    # gpt-oss (GptOssExperts._apply_gate; vLLM SwigluOAIAndMul): gate ≤ 7, up to ±7, (up + 1)·g·σ(1.702g)
    "swigluoai": lambda g, u: (_clip(u, 7) + 1) * min(g, 7) * _sig(mp.mpf("1.702") * min(g, 7)),
    # vLLM SwigluStepAndMul: silu(gate).clamp(max=7) * up.clamp(−7, 7)
    "swiglu_limit": lambda g, u: min(g * _sig(g), 7) * _clip(u, 7),
}

POINTS = [(-9.5, 0.3), (-1.2, -2.5), (-0.3, 8.0), (0.0, 1.0), (0.7, -0.4), (2.5, 3.0), (6.9, -7.5), (7.5, 7.5),
          (8.0, 8.0), (12.0, -1.0)]


def test_every_unit_has_a_reference():
    from actviz.gated_units import UNITS

    assert set(UNITS) == set(FORMULAS)


@pytest.mark.parametrize("name", sorted(FORMULAS))
@mp.workdps(40)
def test_units_against_mpmath(name):
    f = actviz.two_input(name)
    g = np.array([p[0] for p in POINTS])
    u = np.array([p[1] for p in POINTS])
    got = f(g, u)
    for (gi, ui), y in zip(POINTS, got):
        want = FORMULAS[name](mp.mpf(gi), mp.mpf(ui))
        assert y == pytest.approx(float(want), rel=1e-13, abs=1e-15), (name, gi, ui)
    assert np.shape(f(g[:, None], u[None, :])) == (len(g), len(u))  # broadcasting
    assert np.ndim(f(1.0, 2.0)) == 0


def test_the_issue_values():
    f = actviz.two_input("swigluoai")
    assert float(f(8.0, 8.0)) == pytest.approx(55.9996250264, abs=1e-10)
    assert float(f(1.0, 0.5)) == pytest.approx(1.2686936489, abs=1e-10)
    # the same numbers through the catalogue's one-input swigluoai (the up half held as value)
    assert float(actviz.get("swigluoai")(8.0, value=8.0)) == float(f(8.0, 8.0))


def test_limit_moves_the_clamps():
    f = actviz.two_input("swigluoai", limit=3.0)
    want = (_clip(mp.mpf(5), 3) + 1) * 3 * _sig(mp.mpf("1.702") * 3)
    assert float(f(5.0, 5.0)) == pytest.approx(float(want), rel=1e-14)
    with pytest.raises(actviz.ParameterError, match="takes no limit"):
        actviz.two_input("swiglu", limit=3.0)
    with pytest.raises(actviz.ParameterError, match="did you mean 'swiglu'"):
        actviz.two_input("swigl")


def _moments(name):
    """E f and Var f by mpmath: f = A(g)·B(u) for every unit, so the 2-D integrals are products of 1-D ones."""
    if name == "swigluoai":
        a, b = (lambda g: min(g, 7) * _sig(mp.mpf("1.702") * min(g, 7))), (lambda u: _clip(u, 7) + 1)
    elif name == "swiglu_limit":
        a, b = (lambda g: min(g * _sig(g), 7)), (lambda u: _clip(u, 7))
    else:
        a, b = (lambda g: FORMULAS[name](g, mp.mpf(1))), (lambda u: u)
    step = mp.findroot(lambda g: g * _sig(g) - 7, 7)  # where silu reaches vLLM's clamp
    cuts = [-40, -7, 0, 7, step, 40]  # φ(40) = 1e−348: the tails beyond are nothing

    def e(h):
        return mp.quad(lambda z: h(z) * mp.npdf(z), cuts)

    ea, ea2 = e(a), e(lambda z: a(z) ** 2)
    eb, eb2 = e(b), e(lambda z: b(z) ** 2)
    return ea * eb, ea2 * eb2 - (ea * eb) ** 2


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_moments_against_mpmath(name):
    m = actviz.two_input_moments(name)
    with mp.workdps(30):  # whatever another module left in mp.mp.dps
        mean, var = _moments(name)
    assert m.mean == pytest.approx(float(mean), rel=1e-9, abs=1e-12)
    assert m.variance == pytest.approx(float(var), rel=1e-9)


def test_swiglu_moments_are_the_issues():
    m = actviz.two_input_moments("swiglu")
    assert abs(m.mean) < 1e-12 and round(m.variance, 6) == 0.355776


@pytest.mark.skipif(importlib.util.find_spec("transformers") is None or importlib.util.find_spec("torch") is None,
                    reason="transformers (with torch) is not installed")
def test_swigluoai_is_gpt_oss_apply_gate():
    import torch
    from transformers.models.gpt_oss.configuration_gpt_oss import GptOssConfig
    from transformers.models.gpt_oss.modeling_gpt_oss import GptOssExperts

    experts = GptOssExperts(GptOssConfig(num_local_experts=1, hidden_size=4, intermediate_size=4))
    rng = np.random.default_rng(0)
    g, u = rng.normal(0, 5, 400), rng.normal(0, 5, 400)
    gate_up = torch.tensor(np.stack([g, u], axis=-1).reshape(1, -1), dtype=torch.float64)  # gate at ::2, up at 1::2
    want = experts._apply_gate(gate_up).numpy().ravel()
    np.testing.assert_allclose(actviz.two_input("swigluoai")(g, u), want, rtol=1e-12, atol=1e-14)


# -- the figure ------------------------------------------------------------------------------------------------


def test_plot_2d_draws_the_map_the_clamps_and_the_slices(tmp_path):
    fig = actviz.plot2d("swigluoai", up=(-1.0, 0.5, 2.0))
    ax, _, sx = fig.axes
    assert [a.get_gid() for a in ax.lines if a.get_gid()] == ["clamp-gate", "clamp-up", "clamp-up"]
    assert len(sx.get_lines()) >= 3 and "E f = 0.2823" in fig._suptitle.get_text()
    gate, values = sx.get_lines()[2].get_data()
    np.testing.assert_allclose(values, actviz.two_input("swigluoai")(gate, 2.0))
    out = tmp_path / "oai.png"
    result = runner.invoke(app, ["plot", "swigluoai", "--2d", "--up", "-1,0.5,2", "--dpi", "40", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 5_000


@pytest.mark.parametrize("args, words", [
    (["plot", "swigl", "--2d"], "did you mean 'swiglu'"),
    (["plot", "swiglu", "--up", "1"], "--up goes with --2d"),
    (["plot", "swiglu", "--2d", "--up", "a,b"], "give numbers separated by commas"),
    (["plot", "swiglu", "--2d", "--terminal"], "--terminal does not apply"),
    (["plot", "swiglu", "--2d", "-p", "beta=2"], "takes one parameter, limit"),
    (["plot", "swiglu", "--2d", "-p", "limit=2"], "takes no limit"),
    (["plot", "swiglu", "--2d", "-o", "x.csv"], "csv"),
])
def test_bad_2d_input(tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Traceback" not in result.output and list(tmp_path.iterdir()) == []
