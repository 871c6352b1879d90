"""actviz resolve (issue 26): what a config.json selects, its traps, and the look-alikes measured.

The fixtures in tests/data/configs are written from the published configs' fields (no network). The
distances are checked against an independent computation in 40-digit mpmath: the largest difference by
root-finding on the difference's derivative, the RMS under N(0, 1) by mpmath's quadrature, and the bfloat16
share by enumerating the bfloat16 numbers from their bits and rounding each output to bfloat16 by hand.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import mpmath as mp
import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli import app

runner = CliRunner()


def invoke(args, env=None):
    return runner.invoke(app, args, env={"COLUMNS": "100", **(env or {})})

mp.mp.dps = 40
CONFIGS = Path(__file__).resolve().parent / "data" / "configs"


# -- the configs ----------------------------------------------------------------------------------------------

TANH = "gelu:approximate=tanh"
XIELU_HF = "xielu:alpha_p=0.80078125,alpha_n=0.80078125,eps=-9.98377799987793e-07"

#: fixture -> [(path, value, spec that runs, gated, trap words)] as read in transformers' model code
EXPECTED = {
    "bert-base-uncased": [("hidden_act", "gelu", "gelu", False, None)],
    "gpt2": [("activation_function", "gelu_new", TANH, False, None)],
    "openai-gpt": [("afn", "gelu", TANH, False, "OpenAI GPT reads afn \"gelu\" as its own tanh GELU")],
    "flan-t5-base": [("feed_forward_proj", "gated-gelu", TANH, True, "runs gelu_new (the tanh GELU), gated")],
    "t5-small": [("feed_forward_proj", "relu", "relu", False, None)],
    "llama-2-7b": [("hidden_act", "silu", "silu", True, None)],
    "mistral-7b": [("hidden_act", "silu", "silu", True, None)],
    "qwen2.5-7b": [("hidden_act", "silu", "silu", True, None)],
    "gemma-7b": [("hidden_act", "gelu", TANH, True, "legacy hidden_act \"gelu\"")],
    "gemma-2-9b": [("hidden_activation", "gelu_pytorch_tanh", TANH, True, None)],
    "gemma-3-4b-it": [("text_config.hidden_activation", "gelu_pytorch_tanh", TANH, True, None),
                      ("vision_config.hidden_act", "gelu_pytorch_tanh", TANH, False, None)],
    "nemotron-4-minitron-4b": [("hidden_act", "relu2", "squared_relu", False, None)],
    "apertus-8b": [("hidden_act", "xielu", XIELU_HF, False, None)],
    "clip-vit-base-patch32": [("text_config.hidden_act", "quick_gelu", "quick_gelu", False, None),
                              ("vision_config.hidden_act", "quick_gelu", "quick_gelu", False, None)],
    "gpt-oss-20b": [("hidden_act", "silu", "swigluoai:alpha=1.702,limit=7", True, "clamped SwiGLU, gate ≤ 7")],
    "bitnet-b1.58-2b-4t": [("hidden_act", "relu2", "squared_relu", True, None)],
}


def test_every_fixture_is_expected():
    assert sorted(p.stem for p in CONFIGS.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("model", sorted(EXPECTED))
def test_each_config_resolves_to_what_transformers_runs(model):
    records = actviz.resolve(str(CONFIGS / f"{model}.json"))
    got = [(r.found.path, r.found.value, r.found.spec, r.found.gated) for r in records]
    assert got == [e[:4] for e in EXPECTED[model]]
    for r, (*_, trap) in zip(records, EXPECTED[model]):
        assert (trap is None) == (not [w for w in r.warnings if "gated is not known" not in w])
        if trap:
            assert any(trap in w for w in r.warnings), r.warnings
        # the spec draws exactly what transformers runs: the same values as its key there
        key = r.found.key if not r.found.two_input else None
        if key:
            x = np.linspace(-9, 9, 3601)
            np.testing.assert_allclose(actviz.bind(r.found.spec)(x), actviz.get(key, framework="hf")(x),
                                       rtol=1e-15, atol=1e-15)


def test_json_has_the_issue_fields():
    result = invoke(["resolve", str(CONFIGS / "gemma-7b.json"), "--format", "json"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert {"path", "value", "spec", "gated", "formula", "warnings", "lookalikes"} <= set(record)
    assert record["path"] == "hidden_act" and record["value"] == "gelu" and record["gated"] is True
    assert record["spec"] == TANH and isinstance(record["warnings"], list) and record["warnings"]
    names = [entry["name"] for entry in record["lookalikes"]]
    assert names[0] == "gelu"
    assert set(record["lookalikes"][0]) == {"name", "max_abs_diff", "at", "rms_normal", "bf16_differ"}


def test_the_spec_is_one_every_command_takes(tmp_path):
    (record,) = json.loads(invoke(["resolve", str(CONFIGS / "apertus-8b.json"), "--format", "json"]).stdout)
    out = tmp_path / "xielu.svg"
    result = invoke(["plot", record["spec"], "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_chinese_report_and_english_json(tmp_path):
    zh = invoke(["resolve", str(CONFIGS / "openai-gpt.json"), "--lang", "zh"], env={"COLUMNS": "120"})
    assert zh.exit_code == 0 and "警告" in zh.stdout and "易混淆" in zh.stdout and "OpenAI GPT 把" in zh.stdout
    js = invoke(["resolve", str(CONFIGS / "openai-gpt.json"), "--lang", "zh", "--format", "json"])
    assert "OpenAI GPT reads afn" in json.loads(js.stdout)[0]["warnings"][0]


def test_a_name_across_the_frameworks():
    (r,) = actviz.resolve("gelu")
    assert r.found.spec == "gelu" and dict(r.found.frameworks)["jax"] == TANH
    assert dict(r.found.frameworks)["torch"] == "gelu" and dict(r.found.frameworks)["transformers"] == "gelu"
    (r,) = actviz.resolve("gelu_pytorch_tanh")
    assert r.found.spec == TANH and set(dict(r.found.frameworks)) == {"transformers"}
    (r,) = actviz.resolve("swish")
    assert r.found.spec == "silu"


@pytest.mark.parametrize("content, words", [
    ('{"hidden_act": ', "is not valid JSON"),
    ('{"hidden_size": 3}', "sets no activation: none of the fields hidden_act, hidden_activation"),
    ('{"model_type": "bert", "text_config": {"hidden_act": "gelu_neww"}}',
     "text_config.hidden_act = 'gelu_neww' is not an activation transformers knows; did you mean 'gelu_new'"),
    ('[1, 2]', "is not a config"),
    ('{"hidden_act": 3}', "hidden_act = 3 is not an activation"),
])
def test_bad_configs_get_one_line_exit_2_and_no_file(tmp_path, content, words):
    config = tmp_path / "config.json"
    config.write_text(content, encoding="utf-8")
    out = tmp_path / "fig.png"
    result = invoke(["resolve", str(config), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output and not out.exists() and list(tmp_path.iterdir()) == [config]


def test_unknown_name_and_missing_file():
    result = invoke(["resolve", "geluu"])
    assert result.exit_code == 2 and "did you mean 'gelu'" in result.stderr
    result = invoke(["resolve", "no/such/config.json"])
    assert result.exit_code == 2 and "no such config file" in result.stderr


def test_figure(tmp_path):
    out = tmp_path / "lookalikes.png"
    result = invoke(["resolve", str(CONFIGS / "bert-base-uncased.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000 and str(out) in result.stdout


# -- the distances, against mpmath ------------------------------------------------------------------------------


def _gelu(x):
    return x / 2 * (1 + mp.erf(x / mp.sqrt(2)))


def _tanh_gelu(x):
    return x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)))


def _quick(x):
    return x / (1 + mp.exp(-mp.mpf("1.702") * x))


def _silu(x):
    return x / (1 + mp.exp(-x))


def _bf16_round(v):
    """mpf -> the nearest bfloat16 (8 significant bits), ties to even, as an mpf."""
    if v == 0:
        return mp.mpf(0)
    m, e = mp.frexp(v)  # v = m·2^e, 0.5 ≤ |m| < 1
    scaled = m * 256
    n = mp.floor(scaled)
    rest = scaled - n
    if rest > 0.5 or (rest == 0.5 and int(n) % 2 == 1):
        n += 1
    return mp.ldexp(n, e - 8)


def _bf16_inputs():
    """Every bfloat16 with 0.5 ≤ |x| ≤ 6, from its 16 bits (the top half of a float32)."""
    out = []
    for bits in range(1 << 16):
        x = struct.unpack(">f", struct.pack(">I", bits << 16))[0]
        if x == x and 0.5 <= abs(x) <= 6:
            out.append(x)
    return out


@pytest.mark.parametrize("other, ref, want_max, want_at, want_share", [
    (TANH, _tanh_gelu, 4.732e-4, 2.699, 0.278),
    ("quick_gelu", _quick, 2.033e-2, -2.270, 0.861),
    ("silu", _silu, 0.1930, 1.966, 0.998),
])
@mp.workdps(30)  # whatever another module left in mp.mp.dps
def test_the_issue_distances_against_mpmath(other, ref, want_max, want_at, want_share):
    d = actviz.distance("gelu", other)
    diff = lambda x: _gelu(x) - ref(x)  # noqa: E731
    at = mp.findroot(lambda x: mp.diff(diff, x), mp.mpf(d.at))
    assert d.at == pytest.approx(float(at), abs=1e-6)
    assert d.max_abs_diff == pytest.approx(float(abs(diff(at))), rel=1e-9)
    # both differences are even (x·Φ(x) and x·σ(1.702x) each satisfy f(x) − f(−x) = x): ±x are both maxima,
    # and the rightmost is reported (the issue quotes −2.270 for QuickGELU)
    assert f"{d.max_abs_diff:.4g}" == f"{want_max:.4g}" and d.at == pytest.approx(abs(want_at), abs=1.1e-3)
    rms = mp.sqrt(mp.quad(lambda z: diff(z) ** 2 * mp.npdf(z), [-40, -3, 0, 3, 40]))
    assert d.rms_normal == pytest.approx(float(rms), rel=1e-8)
    xs = _bf16_inputs()
    differ = sum(_bf16_round(_gelu(mp.mpf(x))) != _bf16_round(ref(mp.mpf(x))) for x in xs)
    assert (d.bf16_count, d.bf16_total) == (differ, len(xs)) == (d.bf16_count, 898)
    assert round(d.bf16_differ, 3) == want_share


def test_distance_of_identical_and_vector():
    d = actviz.distance("silu", "swish")
    assert d.max_abs_diff == 0.0 and d.rms_normal == 0.0 and d.bf16_differ == 0.0
    with pytest.raises(actviz.ParameterError, match="vector-valued"):
        actviz.distance("softmax", "relu")


# -- which models use what (actviz models) -----------------------------------------------------------------------

#: family -> the fixture of one of its published configs
FIXTURE_OF = {"BERT": "bert-base-uncased", "GPT-2": "gpt2", "OpenAI GPT": "openai-gpt", "T5": "t5-small",
              "Flan-T5 (T5 v1.1)": "flan-t5-base", "Llama": "llama-2-7b", "Mistral": "mistral-7b",
              "Qwen 2": "qwen2.5-7b", "Gemma 1": "gemma-7b", "Gemma 2": "gemma-2-9b", "Gemma 3": "gemma-3-4b-it",
              "Nemotron": "nemotron-4-minitron-4b", "Apertus": "apertus-8b", "CLIP": "clip-vit-base-patch32",
              "gpt-oss": "gpt-oss-20b", "BitNet": "bitnet-b1.58-2b-4t"}


def test_the_models_table_agrees_with_the_configs():
    rows = actviz.model_families()
    assert [r["family"] for r in rows] == [*FIXTURE_OF, "Primer"]
    for row in rows[:-1]:
        (first, *_) = EXPECTED[FIXTURE_OF[row["family"]]]
        assert (row["path"], row["value"], row["spec"], row["gated"]) == first[:4], row["family"]
        assert row["source"].startswith("transformers models/")
    assert rows[-1]["spec"] == "squared_relu" and rows[-1]["path"] is None


def test_models_command_in_every_format():
    for args in (["models"], ["models", "--format", "markdown"], ["models", "--lang", "zh"]):
        result = invoke(args, env={"COLUMNS": "150"})
        assert result.exit_code == 0, result.output
        assert "gpt-oss" in result.stdout and "swigluoai:alpha=1.702,limit=7" in result.stdout
    assert "模型系列" in invoke(["models", "--lang", "zh"], env={"COLUMNS": "150"}).stdout
    rows = json.loads(invoke(["models", "--format", "json", "--lang", "zh"]).stdout)
    assert rows == json.loads(json.dumps(actviz.model_families()))


def test_the_bfloat16_note_states_the_range_measured():
    """The report's note writes the inputs' range in words (both languages): it must be the one measured."""
    from actviz.messages import MESSAGES
    from actviz.models import BF16_RANGE

    lo, hi = BF16_RANGE
    assert (lo, hi) == (0.5, 6.0)
    english, chinese = MESSAGES["resolve.bf16_note"]
    assert "0.5 ≤ |x| ≤ 6" in english and "0.5 ≤ |x| ≤ 6" in chinese
