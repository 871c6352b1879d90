"""transformers as a framework (issue 26): every key of ACT2CLS, against its definition and against transformers.

Two kinds of evidence. Without transformers: each key against the formula transformers' source writes
(src/transformers/activations.py, huggingface/transformers), evaluated here in 40-digit mpmath with the
constants as written there (gelu_fast's 0.7978845608, laplace's 0.707107 and 0.282095, xielu's bfloat16
parameters). With transformers and torch installed (a separate venv; neither is a dependency of actviz):
``ACT2FN[key]`` itself in float64, its values and its autograd derivative on a grid through every kink.
"""

from __future__ import annotations

import importlib.util

import mpmath as mp
import numpy as np
import pytest

import actviz
from actviz.frameworks import DEFINITIONS, KEYS

mp.mp.dps = 40

#: the 24 keys of transformers' ACT2CLS (transformers 5.25)
ACT2CLS_KEYS = """gelu gelu_10 gelu_fast gelu_new gelu_python gelu_pytorch_tanh gelu_python_tanh gelu_accurate
hardswish laplace leaky_relu linear mish quick_gelu relu relu2 relu6 sigmoid silu sqrtsoftplus swish tanh prelu
xielu""".split()


def _sig(t):
    return 1 / (1 + mp.exp(-t))


def _erf_gelu(x):
    return x / 2 * (1 + mp.erf(x / mp.sqrt(2)))


def _tanh_gelu(x, k=None):
    k = mp.sqrt(2 / mp.pi) if k is None else k
    return x / 2 * (1 + mp.tanh(k * (x + mp.mpf("0.044715") * x**3)))


def _softplus20(x):
    return x if x > 20 else mp.log(1 + mp.exp(x))


def _xielu(x):
    a = mp.mpf("0.80078125")  # softplus of the bfloat16 parameter, as transformers computes it
    eps = mp.mpf(-9.98377799987793e-07)  # bfloat16(−1e−6)
    return a * x * x + x / 2 if x > 0 else (mp.expm1(min(x, eps)) - x) * a + x / 2


#: each key as transformers' source writes it
FORMULAS = {
    "gelu": _erf_gelu, "gelu_python": _erf_gelu,
    "gelu_10": lambda x: min(max(_erf_gelu(x), mp.mpf(-10)), mp.mpf(10)),
    "gelu_fast": lambda x: _tanh_gelu(x, mp.mpf("0.7978845608")),
    "gelu_new": _tanh_gelu, "gelu_pytorch_tanh": _tanh_gelu, "gelu_python_tanh": _tanh_gelu, "gelu_accurate": _tanh_gelu,
    "hardswish": lambda x: x * min(max(mp.mpf(0), x + 3), mp.mpf(6)) / 6,
    "laplace": lambda x: (1 + mp.erf((x - mp.mpf("0.707107")) / (mp.mpf("0.282095") * mp.sqrt(2)))) / 2,
    "leaky_relu": lambda x: x if x > 0 else mp.mpf("0.01") * x,
    "linear": lambda x: x,
    "mish": lambda x: x * mp.tanh(mp.log(1 + mp.exp(x))),
    "quick_gelu": lambda x: x * _sig(mp.mpf("1.702") * x),
    "relu": lambda x: max(mp.mpf(0), x),
    "relu2": lambda x: max(mp.mpf(0), x) ** 2,
    "relu6": lambda x: min(max(mp.mpf(0), x), mp.mpf(6)),
    "sigmoid": _sig,
    "silu": lambda x: x * _sig(x), "swish": lambda x: x * _sig(x),
    "sqrtsoftplus": lambda x: mp.sqrt(_softplus20(x)),
    "tanh": mp.tanh,
    "prelu": lambda x: x if x > 0 else x / 4,
    "xielu": _xielu,
}

SPOTS = [-30.0, -7.5, -2.0, -0.9, -5e-7, 0.0, 3e-7, 0.3, 1.7, 2.699, 6.5, 10.5, 19.5, 20.5, 40.0]


def test_every_act2cls_key_is_a_transformers_key():
    assert sorted(KEYS["transformers"]) == sorted(ACT2CLS_KEYS)
    assert set(FORMULAS) == set(ACT2CLS_KEYS)
    # every catalogue function transformers has is in the frameworks table, once
    assert {d.name for d in KEYS["transformers"].values()} == set(DEFINITIONS["transformers"])


@pytest.mark.parametrize("key", ACT2CLS_KEYS)
@mp.workdps(40)  # whatever another module left in mp.mp.dps
def test_every_key_evaluates_as_its_source_writes_it(key):
    for fw in ("transformers", "hf", "HF"):
        act = actviz.get(key, framework=fw)
        assert act.framework == "transformers" and act.name == f"transformers.{key}"
    got = act(np.array(SPOTS))
    ref = FORMULAS[key]
    for x, y in zip(SPOTS, got):
        want = ref(mp.mpf(x))
        assert y == pytest.approx(float(want), rel=1e-12, abs=1e-15), (key, x)
    # the derivative away from the kinks, against mpmath's numerical derivative of the same formula
    kinks = act.bind().kinks()
    for x in SPOTS:
        if all(abs(x - k) > 1e-5 for k in kinks) and x != 0.0:
            want = mp.diff(ref, mp.mpf(x))
            assert float(act.derivative(x)) == pytest.approx(float(want), rel=1e-9, abs=1e-13), (key, x)


def test_gelu_names_are_the_function_a_config_runs():
    """The issue's trap: 'gelu' is the exact erf GELU, 'gelu_new' (and four more) the tanh form."""
    x = np.linspace(-6, 6, 1201)
    exact = actviz.get("gelu")(x)
    tanh = actviz.get("gelu")(x, approximate="tanh")
    for key in ("gelu", "gelu_python"):
        np.testing.assert_allclose(actviz.get(key, framework="hf")(x), exact, rtol=1e-14, atol=1e-16)
    for key in ("gelu_new", "gelu_pytorch_tanh", "gelu_python_tanh", "gelu_accurate"):
        np.testing.assert_allclose(actviz.get(key, framework="hf")(x), tanh, rtol=1e-14, atol=1e-16)
    fast = actviz.get("gelu_fast", framework="hf")(x)
    assert 0 < np.max(np.abs(fast - tanh)) < 1e-12  # the constant 0.7978845608 is not quite √(2/π)


def test_xielu_implementation_against_the_paper():
    """transformers' xIELU: slope β − αn ≈ −0.3 on [ε, 0] and a jump of αn·expm1(ε) ≈ −8e−7 at 0; the paper's
    form (ε = 0) is continuous there with slope β."""
    hf = actviz.get("xielu", framework="hf")
    paper = actviz.get("xielu")
    assert float(hf(0.0)) == pytest.approx(-7.994818235539563e-07, rel=1e-12)
    assert float(hf(1e-300)) == pytest.approx(0.5e-300)
    assert float(hf.derivative(-5e-7)) == pytest.approx(0.5 - 0.80078125)
    assert float(paper(0.0)) == 0.0 and float(paper.derivative(-1e-9)) == pytest.approx(0.5, abs=1e-8)
    p = hf.properties()
    assert p.continuity == "discontinuous" or p.continuity_order == -1
    (at, size), = p.jumps
    assert at == 0.0 and size == pytest.approx(7.994818235539563e-07, rel=1e-9)
    assert paper.properties().continuity_order == 1


def test_unknown_keys_and_functions_name_what_transformers_has():
    from actviz.errors import ActvizError

    with pytest.raises(ActvizError, match="gelu_new"):
        actviz.get("elu", framework="transformers")
    with pytest.raises(ActvizError, match="valid frameworks are"):
        actviz.get("gelu", framework="hugginface")


# -- transformers itself ---------------------------------------------------------------------------------------

_HAVE = importlib.util.find_spec("transformers") is not None and importlib.util.find_spec("torch") is not None


@pytest.mark.skipif(not _HAVE, reason="transformers (with torch) is not installed")
def test_act2cls_has_the_keys_we_know():
    from transformers.activations import ACT2CLS

    assert sorted(ACT2CLS) == sorted(ACT2CLS_KEYS)


@pytest.mark.skipif(not _HAVE, reason="transformers (with torch) is not installed")
@pytest.mark.parametrize("key", ACT2CLS_KEYS)
def test_every_key_matches_transformers(key):
    import logging

    import torch
    from transformers.activations import ACT2FN

    logging.getLogger("transformers").setLevel(logging.ERROR)  # xIELU's note that no CUDA kernel is installed
    module = ACT2FN[key].to(torch.float64) if key == "prelu" else ACT2FN[key]
    bound = actviz.get(key, framework="transformers").bind()
    kinks = np.array(bound.kinks(), dtype=float)
    x = np.unique(np.concatenate([np.linspace(-8, 8, 1601), [-40.0, -25.0, 19.999, 20.0, 20.001, 25.0, 40.0],
                                  kinks, kinks - 1e-7, kinks + 1e-7, [-5e-7, -1e-300, 1e-300]]))
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = module(xt)
    (dy,) = torch.autograd.grad(y.sum(), xt)
    np.testing.assert_allclose(bound(x), y.detach().numpy(), rtol=1e-12, atol=1e-15)
    at_kink = np.isin(x, kinks)
    np.testing.assert_allclose(bound.derivative(x)[~at_kink], dy.numpy()[~at_kink], rtol=1e-10, atol=1e-14)
