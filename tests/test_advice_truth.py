"""Each advice sentence and framework note tied to the computation that supports it (issue 23)."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

import actviz
from actviz import training
from actviz.advice import advice
from actviz.messages import language, msg
from actviz.presets import compare
from actviz.selection import select

SCALAR = [n for n in actviz.names() if not actviz.get(n).vector and n not in ("glu", "reglu", "geglu", "swiglu")]
PARAMS = ["leaky_relu:alpha=0", "softplus:beta=0.001", "elu:alpha=0.001", "star_relu:bias=0", "relu:alpha=-0.5",
          "threshold:threshold=-1,value=-2"]


def _sentence(key: str) -> str:
    return msg(key, sign="").split(":")[0]  # "All outputs are"


def _both_way_share(bound) -> float:
    """From the zigzag lesson: of the updates that moved both weights, the share that moved them the same way."""
    r = training.zigzag(bound, steps=2000)
    same, opposite = r.same_sign_share, r.opposite_sign_share
    return same / (same + opposite)


def _one_signed(bound) -> bool:
    """Independently of the analysis: f sampled densely and far out never takes both signs."""
    x = np.concatenate([np.linspace(-60, 60, 240001), np.geomspace(1e-12, 1e12, 2000), -np.geomspace(1e-12, 1e12, 2000)])
    with np.errstate(all="ignore"):
        y = bound(x)
    y = y[np.isfinite(y)]
    return bool(np.ptp(y) > 0 and (np.all(y >= 0) or np.all(y <= 0)))


@pytest.mark.parametrize("spec", SCALAR + PARAMS)
def test_zigzag_sentence_iff_outputs_share_a_sign_as_the_lesson_measures(spec):
    bound = select(spec)
    with language("en"):
        said = any(s.startswith(_sentence("advice.one_signed")) for s in advice(bound.properties()))
    assert said == _one_signed(bound), spec
    if said:  # the lesson: no update ever moves the two weights in opposite directions
        assert training.zigzag(bound, steps=2000).opposite_sign_share == 0.0


def test_the_lesson_measures_more_same_sign_updates_for_one_signed_inputs_than_for_tanh():
    tanh = _both_way_share(select("tanh"))
    for spec in ("sigmoid", "relu", "softplus", "logsigmoid", "squared_relu", "relu6"):
        assert _both_way_share(select(spec)) == 1.0 > tanh + 0.3, spec
    for spec in ("elu", "gelu", "leaky_relu", "silu", "mish"):  # not zero-centred, but of both signs: no sentence
        assert _both_way_share(select(spec)) < 0.9, spec
        with language("en"):
            assert not any(s.startswith(_sentence("advice.one_signed")) for s in advice(select(spec).properties()))


def _variance_map_slope(bound, mean0: float) -> tuple[float, float]:
    """d/dν of E f(√ν Z) and Var f(√ν Z) at ν = 1 by central differences of mpmath quadratures (30 digits)."""
    mp.mp.dps = 30

    def moments(nu):
        f = lambda z: mp.mpf(float(bound(np.array([float(z) * math.sqrt(nu)]))[0]))  # noqa: E731
        pts = [-40, -12, -6, -3, -1, 0, 1, 3, 6, 12, 40] + [float(k) / math.sqrt(nu) for k in bound.pieces()]
        pts = sorted(set(pts))
        m = mp.quad(lambda z: f(z) * mp.npdf(z), pts)
        return m, mp.quad(lambda z: (f(z) - m) ** 2 * mp.npdf(z), pts)

    h = 1e-4
    (m1, v1), (m2, v2) = moments(1 + h), moments(1 - h)
    return float((m1 - m2) / (2 * h)), float((v1 - v2) / (2 * h))


@pytest.mark.parametrize("spec", ["selu", "identity", "star_relu:scale=0.894427190999916,bias=-0.447213595499958"])
def test_self_normalising_only_where_mean_and_variance_attract(spec):
    """Klambauer et al. (2017): (0, 1) must be a fixed point of (μ, ν) ↦ (E f, Var f) and the Jacobian there
    a contraction ([[0, 0.0888], [0, 0.7826]] for SELU). The identity keeps any variance (slope 1), star_relu
    doubles deviations (slope 2): mean 0 and variance 1 alone are not self-normalisation."""
    bound = select(spec)
    p = bound.properties()
    assert abs(p.mean_output) < 1e-3 and abs(p.output_variance - 1) < 1e-3
    a, c = _variance_map_slope(bound, p.mean_output)
    attracts = math.hypot(a, c) < 1 - 1e-6  # the identity: 1 up to the differences' error (neutral)
    assert p.normalising_rate == pytest.approx(math.hypot(a, c), rel=1e-5)
    with language("en"):
        said = any("Self-normalising" in s for s in advice(p))
    assert said == attracts == (spec == "selu")
    if spec == "selu":
        assert (a, c) == (pytest.approx(0.088834, abs=1e-6), pytest.approx(0.782648, abs=1e-6))


def test_no_other_catalogue_function_is_called_self_normalising():
    with language("en"):
        called = [n for n in SCALAR if any("Self-normalising" in s for s in advice(actviz.get(n).properties()))]
    assert called == ["selu"]


# -- framework notes ------------------------------------------------------------------------------------------


def _tf_gelu(x: float) -> float:
    """TensorFlow's exact GELU as its note describes it: 0.5·x·erfc(−x·c), c = 1/√2 rounded to float32."""
    return 0.5 * x * math.erfc(-x * float(np.float32(1 / math.sqrt(2))))


def test_tf_gelu_note_is_the_float32_constant_not_erfc():
    note = actviz.frameworks.DEFINITIONS["tf"]["gelu"].differs
    c32 = float(np.float32(1 / math.sqrt(2)))
    assert repr(c32) in note and "erfc itself is accurate" in note
    mp.mp.dps = 40
    exact = lambda x: 0.5 * x * mp.erfc(-x / mp.sqrt(2))  # noqa: E731
    # erfc is accurate: libm's erfc against mpmath, well inside float64 rounding
    assert max(abs(math.erfc(t) / float(mp.erfc(t)) - 1) for t in np.linspace(-5, 26, 311)) < 1e-15
    # the float32 constant reproduces every number of the note
    assert f"{_tf_gelu(1.0):.11f}" in note and f"{float(exact(1.0)):.11f}" in note
    xs = np.linspace(-30, 30, 6001)
    worst = max(abs(_tf_gelu(x) - float(exact(x))) for x in xs)
    assert 4.5e-9 < worst < 5.5e-9 and "5e−9" in note
    tail = max(abs(_tf_gelu(x) / float(exact(x)) - 1) for x in np.linspace(-37, -20, 171))
    assert 1.5e-5 < tail < 2.5e-5 and "2e−5" in note


@pytest.mark.skipif(not __import__("importlib").util.find_spec("tensorflow"), reason="TensorFlow is not installed")
def test_tf_gelu_and_log_sigmoid_in_tensorflow():
    import tensorflow as tf

    x = np.linspace(-30, 30, 601)
    assert np.allclose(tf.nn.gelu(tf.constant(x)).numpy(), [_tf_gelu(v) for v in x], rtol=1e-13, atol=0)
    assert np.allclose(tf.math.log_sigmoid(tf.constant(x)).numpy(), actviz.get("logsigmoid")(x), rtol=1e-13)


def test_log_sigmoid_is_not_called_missing_from_tensorflow():
    found = dict(compare(["logsigmoid"])[0].disagreements)
    assert "TensorFlow" not in found.get("missing", "") and "tf" in found["name"]  # (transformers lacks it)
    assert actviz.frameworks.DEFINITIONS["tf"]["logsigmoid"].where == "tf.math.log_sigmoid"


# -- words -------------------------------------------------------------------------------------------------


def test_shading_is_named_for_what_it_marks():
    """|f′| < 0.01 everywhere on a function that never saturates (f′ = 0.001): the shading is there, and
    it is called a small slope, in both languages, never saturation."""
    bound = select("0.001*x")
    assert bound.properties().saturation == "none"
    for lang, bad in (("en", "saturat"), ("zh", "饱和")):
        fig = actviz.plot("0.001*x", lang=lang)
        labels = [a.get_label() for ax in fig.axes for a in ax.patches if a.get_gid() == "saturation"]
        assert labels and all(bad not in label for label in labels), labels
        with language(lang):
            assert bad not in msg("gallery.caption", what="x")
